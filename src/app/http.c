/*
 * The HTTP API on libmicrohttpd. Threading is chosen on purpose: a thread
 * pool, one read-only SQLite connection per worker thread (so readers never
 * wait on each other and see each `hindsight index` commit at their next
 * query, WAL mode), and one writable connection behind a mutex for the
 * alert webhook. Every answer is JSON; errors are {"error","status"} with
 * the status from HS_ERRNO_MAP. Nothing here ranks or parses markdown.
 */
#include "app/http.h"
#include "base/buf.h"
#include "base/error.h"
#include "base/util.h"
#include "model/json.h"
#include "model/record.h"
#include "query/pages.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "base/banned.h"

#define MAX_BODY (1024 * 1024)

struct hs__http {
    struct MHD_Daemon *daemon;
    hs__http_opts opts;
    char *db;
    char *token;
    pthread_key_t worker_key; /* per worker thread: its worker state */
    pthread_mutex_t write_lock;
    hs_store *writer; /* opened on first use, under write_lock */
    pthread_mutex_t log_lock;
    int port;
};

/*
 * Per worker thread: its read-only store, and the postmortem count health
 * answers with. The count is read again once it is COUNT_TTL_NS old, so
 * health follows a commit of another process within that time without a
 * SQLite read transaction per request (PRAGMA data_version takes one: file
 * locks, an fstat and a mutex shared with the other workers).
 */
#define COUNT_TTL_NS 1000000 /* 1 ms */
typedef struct worker {
    hs_store *store;
    int count; /* -1 until read */
    struct timespec count_at;
    /* the health answer for `count`, queued again for every request */
    struct MHD_Response *health;
    int health_count;
    size_t health_len;
} worker;

/* Per request. */
typedef struct req {
    char *line; /* "GET /api/search HTTP/1.1", only with the access log */
    hs__buf body;
    int is_too_big;
    int status;
    size_t bytes;
    struct timespec start; /* only with the access log */
} req;

/* ---------------------------------------------------------------------
 * Responses
 */

/* A response with the headers every answer has; NULL when out of memory. */
static struct MHD_Response *new_response(int status, const char *type,
                                         size_t len, void *text,
                                         enum MHD_ResponseMemoryMode mode) {
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(len, text, mode);
    if (!resp)
        return NULL;
    MHD_add_response_header(resp, "Content-Type", type);
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    if (status == 405)
        MHD_add_response_header(resp, "Allow", "GET, POST");
    if (status == 401)
        MHD_add_response_header(resp, "WWW-Authenticate", "Bearer");
    return resp;
}

static enum MHD_Result send_text(struct MHD_Connection *c, req *r, int status,
                                 const char *type, char *text) {
    size_t len = strlen(text);
    struct MHD_Response *resp =
        new_response(status, type, len, text, MHD_RESPMEM_MUST_FREE);
    enum MHD_Result ret;
    if (!resp) {
        free(text);
        return MHD_NO;
    }
    ret = MHD_queue_response(c, (unsigned)status, resp);
    MHD_destroy_response(resp);
    r->status = status;
    r->bytes = len;
    return ret;
}

static enum MHD_Result send_json(struct MHD_Connection *c, req *r, int status,
                                 char *json) {
    return send_text(c, r, status, "application/json; charset=utf-8", json);
}

static enum MHD_Result send_error(struct MHD_Connection *c, req *r, int status,
                                  const char *msg) {
    json_t *j = json_pack("{s:s, s:i}", "error", msg, "status", status);
    return send_json(c, r, status, hs__json_dump(j, 0));
}

static enum MHD_Result send_hs_error(struct MHD_Connection *c, req *r,
                                     const hs_error *err) {
    return send_error(c, r, hs_err_http_status(err->code),
                      err->msg[0] ? err->msg : hs_strerror(err->code));
}

/* ---------------------------------------------------------------------
 * Stores
 */

static void worker_free(void *p) {
    worker *w = p;
    if (w->health)
        MHD_destroy_response(w->health);
    hs_store_close(w->store);
    free(w);
}

static worker *this_worker(hs__http *h) {
    worker *w = pthread_getspecific(h->worker_key);
    if (!w) {
        w = hs__xcalloc(1, sizeof(*w));
        w->count = -1;
        pthread_setspecific(h->worker_key, w);
    }
    return w;
}

/* This worker thread's read-only connection, opened on first use. */
static hs_store *reader(hs__http *h, hs_error *err) {
    worker *w = this_worker(h);
    if (!w->store &&
        hs_store_open(h->db, HS_STORE_READONLY, &w->store, err) != 0)
        return NULL;
    return w->store;
}

static int64_t ns_between(const struct timespec *a, const struct timespec *b) {
    return (int64_t)(b->tv_sec - a->tv_sec) * 1000000000 + b->tv_nsec -
           a->tv_nsec;
}

/* The postmortem count, at most COUNT_TTL_NS old; < 0 is an HS_E* code. */
static int health_count(hs__http *h, hs_error *err) {
    worker *w = this_worker(h);
    struct timespec now;
    hs_store *s;
    int n;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (w->count >= 0 && ns_between(&w->count_at, &now) < COUNT_TTL_NS)
        return w->count;
    if (!(s = reader(h, err)))
        return err->code;
    if ((n = hs_store_count(s, err)) < 0)
        return n;
    w->count = n;
    w->count_at = now;
    return n;
}

/* ---------------------------------------------------------------------
 * Query strings
 */

static const char *arg(struct MHD_Connection *c, const char *key) {
    return MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, key);
}

/* limit=N: 0 when absent, -1 when not a number in 1..HS_LIMIT_MAX. */
static int arg_limit(struct MHD_Connection *c) {
    const char *v = arg(c, "limit");
    char *end;
    long n;
    if (!v || !*v)
        return 0;
    errno = 0;
    n = strtol(v, &end, 10);
    if (errno || *end || n < 1 || n > HS_LIMIT_MAX)
        return -1;
    return (int)n;
}

/* ---------------------------------------------------------------------
 * Endpoints
 */

/*
 * GET /api/health. The answer only changes with the count, so each worker
 * keeps one response for it and queues it again (MHD counts its users);
 * building one per request cost a dozen allocations.
 */
static enum MHD_Result api_health(hs__http *h, struct MHD_Connection *c,
                                  req *r) {
    hs_error err = {0, ""};
    worker *w = this_worker(h);
    int n = health_count(h, &err);
    if (n < 0)
        return send_hs_error(c, r, &err);
    if (!w->health || w->health_count != n) {
        char body[64];
        int len = snprintf(body, sizeof(body),
                           "{\"status\":\"ok\",\"postmortems\":%d}", n);
        if (w->health)
            MHD_destroy_response(w->health);
        w->health = new_response(200, "application/json; charset=utf-8",
                                 (size_t)len, body, MHD_RESPMEM_MUST_COPY);
        if (!w->health)
            return MHD_NO;
        w->health_count = n;
        w->health_len = (size_t)len;
    }
    r->status = 200;
    r->bytes = w->health_len;
    return MHD_queue_response(c, MHD_HTTP_OK, w->health);
}

static enum MHD_Result api_search(hs__http *h, struct MHD_Connection *c, req *r,
                                  const char *query, int is_list) {
    hs_error err = {0, ""};
    hs_search_opts o = {0};
    hs_results *res;
    hs_store *s;
    o.limit = arg_limit(c);
    o.is_html = 1;
    o.is_list = is_list;
    if (o.limit < 0)
        return send_error(
            c, r, 400,
            "limit must be a number from 1 to " HS_XSTR(HS_LIMIT_MAX));
    if (is_list && !o.limit)
        o.limit = HS_LIMIT_MAX;
    if (!(s = reader(h, &err)) ||
        hs_search(s, query ? query : "", &o, &res, &err) != 0)
        return send_hs_error(c, r, &err);
    {
        enum MHD_Result ret =
            send_json(c, r, 200, hs_results_to_json(res, 0, 0));
        hs_results_free(res);
        return ret;
    }
}

/*
 * Paging of list answers: limit (default HS__LIST_LIMIT, at most
 * HS_LIMIT_MAX) and an opaque cursor (hs__list_cursor); an answer
 * carries "next": the cursor of the page after it, or null on the last.
 */
#define HS__LIST_LIMIT 100

/* cursor=: 0 when absent, the offset it names, or -1 when malformed. */
static long arg_cursor(struct MHD_Connection *c) {
    const char *v = arg(c, "cursor");
    return !v || !*v ? 0 : hs__list_cursor_parse(v);
}

static json_t *next_cursor(size_t offset, size_t n, size_t total) {
    char b[HS__CURSOR_LEN];
    if (offset + n >= total || !n)
        return json_null();
    hs__list_cursor(offset + n, b);
    return json_string(b);
}

static json_t *strlist_json(const hs_strlist *l) {
    json_t *a = json_array();
    for (size_t i = 0; i < l->n; i++)
        json_array_append_new(a, json_string(l->v[i]));
    return a;
}

/*
 * GET /api/postmortems?severity=&tag=&service=&since=&until=&owner=&q=
 * &sort=&limit=&cursor=: the list, newest first (sort= date, title,
 * severity or duration, "-" first for descending), one page of it.
 */
static enum MHD_Result api_list(hs__http *h, struct MHD_Connection *c, req *r) {
    static const char *const sorts[] = {"date", "title", "severity",
                                        "duration"};
    hs__list_opts o = {0};
    hs__list l;
    hs_error err = {0, ""};
    hs_store *s;
    const char *sev = arg(c, "severity"), *sort = arg(c, "sort");
    json_t *rows;
    int limit = arg_limit(c);
    long cursor = arg_cursor(c);
    if (limit < 0)
        return send_error(
            c, r, 400,
            "limit must be a number from 1 to " HS_XSTR(HS_LIMIT_MAX));
    if (cursor < 0)
        return send_error(c, r, 400, "cursor is not one this server gave");
    o.limit = limit ? (size_t)limit : HS__LIST_LIMIT;
    o.offset = (size_t)cursor;
    o.tag = arg(c, "tag");
    o.service = arg(c, "service");
    o.since = arg(c, "since");
    o.until = arg(c, "until");
    o.owner = arg(c, "owner");
    o.text = arg(c, "q");
    o.is_desc = 1;
    if (sev && *sev && !(o.severity = hs_severity_parse(sev)))
        return send_error(c, r, 400, "severity must be SEV1 to SEV4");
    if (sort && *sort) {
        size_t k;
        o.is_desc = *sort == '-';
        for (k = 0; k < HS_ARRAY_LEN(sorts); k++)
            if (!strcmp(sort + o.is_desc, sorts[k]))
                break;
        if (k == HS_ARRAY_LEN(sorts))
            return send_error(c, r, 400,
                              "sort must be date, title, severity or "
                              "duration, with - before it for descending");
        o.sort = (int)k;
    }
    if (!(s = reader(h, &err)) || hs__list_page(s, &o, &l, &err) != 0)
        return send_hs_error(c, r, &err);
    rows = json_array();
    for (size_t i = 0; i < l.n; i++) {
        const hs_postmortem *pm = l.pms[i];
        json_array_append_new(
            rows,
            json_pack(
                "{s:s, s:s?, s:o, s:o, s:o, s:o, s:o, s:o}", "id", pm->id,
                "title", pm->title, "date",
                *pm->date ? json_string(pm->date) : json_null(), "severity",
                pm->severity ? json_string(hs_severity_name(pm->severity))
                             : json_null(),
                "duration_minutes",
                pm->duration_minutes >= 0 ? json_integer(pm->duration_minutes)
                                          : json_null(),
                "tags", strlist_json(&pm->tags), "auto_tags",
                strlist_json(&pm->auto_tags), "services",
                strlist_json(&pm->services)));
    }
    {
        json_t *j = json_pack("{s:I, s:o, s:o}", "total", (json_int_t)l.total,
                              "results", rows, "next",
                              next_cursor(o.offset, l.n, l.total));
        hs__list_release(&l);
        return send_json(c, r, 200, hs__json_dump(j, 0));
    }
}

static enum MHD_Result api_get(hs__http *h, struct MHD_Connection *c, req *r,
                               const char *id) {
    hs_error err = {0, ""};
    hs_postmortem *pm;
    hs_store *s = reader(h, &err);
    enum MHD_Result ret;
    if (!s || hs_store_get(s, id, &pm, &err) != 0)
        return send_hs_error(c, r, &err);
    ret = send_json(c, r, 200, hs_postmortem_to_json(pm, 0));
    hs_postmortem_free(pm);
    return ret;
}

static enum MHD_Result api_action_items(hs__http *h, struct MHD_Connection *c,
                                        req *r) {
    hs_report_opts o = {0};
    hs_error err = {0, ""};
    hs_report *rep;
    hs_store *s = reader(h, &err);
    const char *overdue = arg(c, "overdue");
    int limit = arg_limit(c);
    long cursor = arg_cursor(c);
    enum MHD_Result ret;
    char d[HS_DATE_LEN];
    o.as_of = arg(c, "as_of");
    o.owner = arg(c, "owner");
    if (o.owner && !*o.owner)
        o.owner = NULL;
    if (o.as_of && (strlen(o.as_of) != 10 || hs_date_parse(o.as_of, d) != 0))
        return send_error(c, r, 400, "as_of must be a date as YYYY-MM-DD");
    if (overdue && strcmp(overdue, "true") && strcmp(overdue, "false") &&
        strcmp(overdue, "1") && strcmp(overdue, "0"))
        return send_error(c, r, 400, "overdue must be true or false");
    /* without overdue=true: the weekly view, which lists every open item */
    o.is_weekly =
        !overdue || !strcmp(overdue, "false") || !strcmp(overdue, "0");
    if (limit < 0)
        return send_error(
            c, r, 400,
            "limit must be a number from 1 to " HS_XSTR(HS_LIMIT_MAX));
    if (cursor < 0)
        return send_error(c, r, 400, "cursor is not one this server gave");
    if (!s || hs_report_build(s, &o, &rep, &err) != 0)
        return send_hs_error(c, r, &err);
    {
        /*
         * One page of each list, the same offset and limit for all: the
         * report's arrays are narrowed to the page for rendering, and
         * put back before hs_report_free.
         */
        hs_report_item **lists[4] = {&rep->overdue, &rep->no_due_date,
                                     &rep->no_owner, &rep->due_soon};
        size_t *counts[4] = {&rep->n_overdue, &rep->n_no_due_date,
                             &rep->n_no_owner, &rep->n_due_soon};
        hs_report_item *saved[4];
        size_t saved_n[4], longest = 0, off = (size_t)cursor;
        size_t lim = limit ? (size_t)limit : HS__LIST_LIMIT;
        char *text;
        json_t *j;
        for (int k = 0; k < 4; k++) {
            saved[k] = *lists[k];
            saved_n[k] = *counts[k];
            if (saved_n[k] > longest)
                longest = saved_n[k];
            *lists[k] = off < saved_n[k] ? saved[k] + off : saved[k];
            *counts[k] = off < saved_n[k]
                             ? (saved_n[k] - off < lim ? saved_n[k] - off : lim)
                             : 0;
        }
        text = hs_report_render(rep, HS_FORMAT_JSON);
        for (int k = 0; k < 4; k++) {
            *lists[k] = saved[k];
            *counts[k] = saved_n[k];
        }
        j = json_loads(text, 0, NULL);
        free(text);
        if (!j)
            HS_BUG("report JSON does not parse");
        json_object_set_new(j, "next",
                            next_cursor(off, longest > off ? lim : 0, longest));
        ret = send_json(c, r, 200, hs__json_dump(j, 0));
    }
    hs_report_free(rep);
    return ret;
}

static enum MHD_Result api_similar(hs__http *h, struct MHD_Connection *c,
                                   req *r, int is_post) {
    hs_incident inc = {0};
    hs_error err = {0, ""};
    hs_results *res = NULL;
    hs_store *s;
    enum MHD_Result ret;
    int limit = arg_limit(c);
    if (limit < 0)
        return send_error(
            c, r, 400,
            "limit must be a number from 1 to " HS_XSTR(HS_LIMIT_MAX));
    if (is_post) {
        if (hs_incident_from_json(r->body.data, r->body.len, &inc, &err) != 0) {
            hs_incident_release(&inc);
            return send_hs_error(c, r, &err);
        }
    } else {
        const char *q = arg(c, "q");
        if (!q || !*q)
            return send_error(c, r, 400, "give the symptoms in q=");
        hs__strlist_push(&inc.symptoms, q);
    }
    if (!(s = reader(h, &err)) || hs_similar(s, &inc, limit, &res, &err) != 0)
        ret = send_hs_error(c, r, &err);
    else
        ret = send_json(c, r, 200, hs_results_to_json(res, 1, 0));
    hs_results_free(res);
    hs_incident_release(&inc);
    return ret;
}

/*
 * POST /api/alerts: every alert of the payload is matched and recorded.
 * Alertmanager gives up after 10 s; matching is a few milliseconds and the
 * write waits at most the store's busy timeout.
 */
static enum MHD_Result api_alerts_post(hs__http *h, struct MHD_Connection *c,
                                       req *r) {
    hs_incident *incs = NULL;
    size_t n = 0;
    hs_error err = {0, ""};
    hs_store *s;
    json_t *out = json_array();
    int rc = hs_incidents_from_json(r->body.data, r->body.len, &incs, &n, &err);
    s = rc == 0 ? reader(h, &err) : NULL;
    if (rc == 0 && !s)
        rc = err.code;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        hs_results *res = NULL;
        rc = hs_similar(s, &incs[i], 5, &res, &err);
        if (rc == 0) {
            pthread_mutex_lock(&h->write_lock);
            if (!h->writer)
                rc = hs_store_open(h->db, 0, &h->writer, &err);
            if (rc == 0)
                rc = hs_alert_record(h->writer, &incs[i], res, &err);
            pthread_mutex_unlock(&h->write_lock);
        }
        if (rc == 0) {
            char *text = hs_results_to_json(res, 1, 0);
            json_t *m = json_loads(text, 0, NULL);
            free(text);
            json_array_append_new(
                out, json_pack(
                         "{s:s?, s:s, s:o}", "title", incs[i].title, "status",
                         incs[i].is_resolved ? "resolved" : "firing", "matches",
                         m ? json_incref(json_object_get(m, "results"))
                           : json_array()));
            json_decref(m);
        }
        hs_results_free(res);
    }
    for (size_t i = 0; i < n; i++)
        hs_incident_release(&incs[i]);
    free(incs);
    if (rc) {
        json_decref(out);
        return send_hs_error(c, r, &err);
    }
    return send_json(c, r, 200,
                     hs__json_dump(json_pack("{s:o}", "alerts", out), 0));
}

static enum MHD_Result api_alerts_get(hs__http *h, struct MHD_Connection *c,
                                      req *r) {
    hs_error err = {0, ""};
    hs_store *s = reader(h, &err);
    char *json;
    int limit = arg_limit(c);
    if (limit < 0)
        return send_error(
            c, r, 400,
            "limit must be a number from 1 to " HS_XSTR(HS_LIMIT_MAX));
    if (!s || hs_alerts_json(s, limit, &json, &err) != 0)
        return send_hs_error(c, r, &err);
    return send_json(c, r, 200, json);
}

/*
 * GET / and below: the web view, rendered from the current index. The path
 * is matched against the pages the site has, never used as a file name, so
 * ".." and encoded tricks cannot reach the file system.
 */
static enum MHD_Result web_page(hs__http *h, struct MHD_Connection *c, req *r,
                                const char *url) {
    hs_error err = {0, ""};
    hs_store *s = reader(h, &err);
    const char *ctype;
    char *body;
    size_t len;
    if (!s)
        return send_hs_error(c, r, &err);
    if (hs_site_page(s, url + 1, &body, &len, &ctype, &err) != 0)
        return send_hs_error(c, r, &err);
    return send_text(c, r, 200, ctype, body);
}

/* ---------------------------------------------------------------------
 * Dispatch
 */

/* Constant-time comparison, so the token cannot be guessed byte by byte. */
static int token_ok(const hs__http *h, struct MHD_Connection *c) {
    const char *auth =
        MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
    size_t n = strlen(h->token), m;
    unsigned diff = 0;
    if (!auth || hs__strncasecmp(auth, "Bearer ", 7))
        return 0;
    auth += 7;
    m = strlen(auth);
    diff = (unsigned)(m != n);
    for (size_t i = 0; i < n; i++)
        diff |=
            (unsigned char)h->token[i] ^ (unsigned char)(i < m ? auth[i] : 0);
    return diff == 0;
}

static enum MHD_Result route(hs__http *h, struct MHD_Connection *c, req *r,
                             const char *url, const char *method) {
    int is_get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
    int is_post = !strcmp(method, "POST");
    if (strncmp(url, "/api/", 5))
        return is_get ? web_page(h, c, r, url)
                      : send_error(c, r, 405, "use GET");
    if (!strcmp(url, "/api/health"))
        return is_get ? api_health(h, c, r) : send_error(c, r, 405, "use GET");
    if (h->token && !token_ok(h, c))
        return send_error(c, r, 401, "missing or wrong bearer token");
    if (!strcmp(url, "/api/search"))
        return is_get ? api_search(h, c, r, arg(c, "q"), 0)
                      : send_error(c, r, 405, "use GET");
    if (!strcmp(url, "/api/similar"))
        return is_get || is_post ? api_similar(h, c, r, is_post)
                                 : send_error(c, r, 405, "use GET or POST");
    if (!strcmp(url, "/api/alerts"))
        return is_post  ? api_alerts_post(h, c, r)
               : is_get ? api_alerts_get(h, c, r)
                        : send_error(c, r, 405, "use GET or POST");
    if (!strcmp(url, "/api/postmortems"))
        return is_get ? api_list(h, c, r) : send_error(c, r, 405, "use GET");
    if (!strncmp(url, "/api/postmortems/", 17) && url[17])
        return is_get ? api_get(h, c, r, url + 17)
                      : send_error(c, r, 405, "use GET");
    if (!strcmp(url, "/api/action-items"))
        return is_get ? api_action_items(h, c, r)
                      : send_error(c, r, 405, "use GET");
    return send_error(c, r, 404, "not found");
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c,
                                  const char *url, const char *method,
                                  const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls) {
    hs__http *h = cls;
    req *r = *con_cls;
    if (!r) {
        const char *len =
            MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        r = hs__xcalloc(1, sizeof(*r));
        hs__buf_init(&r->body);
        if (!h->opts.is_quiet) {
            char line[512];
            snprintf(line, sizeof(line), "%s %s %s", method, url, version);
            r->line = hs__xstrdup(line);
            clock_gettime(CLOCK_MONOTONIC, &r->start);
        }
        *con_cls = r;
        /* refuse a declared oversize body before reading any of it */
        if (len && strtoull(len, NULL, 10) > MAX_BODY)
            return send_error(c, r, 413, "request body is over 1 MiB");
        return MHD_YES;
    }
    if (*upload_size) {
        if (r->body.len + *upload_size > MAX_BODY)
            r->is_too_big = 1;
        else
            hs__buf_put(&r->body, upload, *upload_size);
        *upload_size = 0;
        return r->is_too_big
                   ? send_error(c, r, 413, "request body is over 1 MiB")
                   : MHD_YES;
    }
    if (r->status) /* already answered (413) */
        return MHD_YES;
    return route(h, c, r, url, method);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe) {
    hs__http *h = cls;
    req *r = *con_cls;
    (void)toe;
    if (!r)
        return;
    if (!h->opts.is_quiet) {
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
        char addr[64] = "-", when[40];
        struct timespec end;
        struct tm tm;
        time_t now = time(NULL);
        double ms;
        clock_gettime(CLOCK_MONOTONIC, &end);
        ms = (double)ns_between(&r->start, &end) / 1e6;
        if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET)
            inet_ntop(
                AF_INET,
                &((const struct sockaddr_in *)(const void *)ci->client_addr)
                     ->sin_addr,
                addr, sizeof(addr));
        else if (ci && ci->client_addr &&
                 ci->client_addr->sa_family == AF_INET6)
            inet_ntop(
                AF_INET6,
                &((const struct sockaddr_in6 *)(const void *)ci->client_addr)
                     ->sin6_addr,
                addr, sizeof(addr));
        gmtime_r(&now, &tm);
        strftime(when, sizeof(when), "%d/%b/%Y:%H:%M:%S +0000", &tm);
        pthread_mutex_lock(&h->log_lock);
        fprintf(stderr, "%s - - [%s] \"%s\" %d %zu %.3fms\n", addr, when,
                r->line, r->status ? r->status : 499, r->bytes, ms);
        pthread_mutex_unlock(&h->log_lock);
    }
    hs__buf_release(&r->body);
    free(r->line);
    free(r);
    *con_cls = NULL;
}

static int parse_listen(const char *s, struct sockaddr_storage *ss,
                        socklen_t *len, hs_error *err) {
    char host[256];
    const char *colon = strrchr(s, ':');
    char *end;
    long port;
    size_t hl;
    memset(ss, 0, sizeof(*ss));
    if (!colon)
        return hs__seterr(err, HS_EINVAL,
                          "--listen needs ADDR:PORT, as in 127.0.0.1:8080");
    hl = (size_t)(colon - s);
    if (hl >= sizeof(host))
        return hs__seterr(err, HS_EINVAL, "address '%s' is too long", s);
    memcpy(host, s, hl);
    host[hl] = '\0';
    port = strtol(colon + 1, &end, 10);
    if (*end || end == colon + 1 || port < 0 || port > 65535)
        return hs__seterr(err, HS_EINVAL, "bad port in '%s'", s);
    if (host[0] == '[' && hl > 2 && host[hl - 1] == ']') {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
        host[hl - 1] = '\0';
        a->sin6_family = AF_INET6;
        a->sin6_port = htons((uint16_t)port);
        if (inet_pton(AF_INET6, host + 1, &a->sin6_addr) != 1)
            return hs__seterr(err, HS_EINVAL, "bad IPv6 address in '%s'", s);
        *len = sizeof(*a);
        return 0;
    }
    {
        struct sockaddr_in *a = (struct sockaddr_in *)ss;
        a->sin_family = AF_INET;
        a->sin_port = htons((uint16_t)port);
        if (!strcmp(host, "localhost"))
            memcpy(host, "127.0.0.1", 10);
        if (inet_pton(AF_INET, host, &a->sin_addr) != 1)
            return hs__seterr(err, HS_EINVAL,
                              "bad address '%s' (use an IP address)", host);
        *len = sizeof(*a);
    }
    return 0;
}

int hs__http_start(const hs__http_opts *o, hs__http **out, hs_error *err) {
    hs__http *h;
    struct sockaddr_storage ss;
    socklen_t ss_len = 0;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned threads;
    int rc;
    *out = NULL;
    rc = parse_listen(o->listen ? o->listen : "127.0.0.1:8080", &ss, &ss_len,
                      err);
    if (rc)
        return rc;
    h = hs__xcalloc(1, sizeof(*h));
    h->opts = *o;
    h->db = hs__xstrdup(o->db);
    h->token = o->token ? hs__xstrdup(o->token) : NULL;
    pthread_key_create(&h->worker_key, worker_free);
    pthread_mutex_init(&h->write_lock, NULL);
    pthread_mutex_init(&h->log_lock, NULL);
    /* the writer now, so a read-only index is noticed at start; if it
     * cannot be had, alerts fail one by one with a clear error */
    if (hs_store_open(h->db, 0, &h->writer, NULL) != 0)
        h->writer = NULL;
    threads = o->threads > 0 ? (unsigned)o->threads
                             : (unsigned)(cores > 0 ? cores : 2);
    h->daemon = MHD_start_daemon(
        MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG |
            (ss.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0),
        0, NULL, NULL, on_request, h, MHD_OPTION_SOCK_ADDR,
        (struct sockaddr *)&ss, MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)1024,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(256 * 1024),
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, h, MHD_OPTION_END);
    if (!h->daemon) {
        rc = hs__seterr(err, HS_EIO, "cannot listen on %s (in use?)",
                        o->listen ? o->listen : "127.0.0.1:8080");
        hs__http_stop(h);
        return rc;
    }
    {
        const union MHD_DaemonInfo *di =
            MHD_get_daemon_info(h->daemon, MHD_DAEMON_INFO_BIND_PORT);
        h->port = di ? di->port : 0;
    }
    *out = h;
    return 0;
}

int hs__http_port(const hs__http *h) {
    return h->port;
}

void hs__http_stop(hs__http *h) {
    if (!h)
        return;
    if (h->daemon) {
        MHD_quiesce_daemon(h->daemon);
        MHD_stop_daemon(h->daemon);
    }
    hs_store_close(h->writer);
    pthread_key_delete(h->worker_key);
    pthread_mutex_destroy(&h->write_lock);
    pthread_mutex_destroy(&h->log_lock);
    free(h->db);
    free(h->token);
    free(h);
}
