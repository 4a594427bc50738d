/*
 * The HTTP API on libmicrohttpd. Threading is chosen on purpose: a thread
 * pool, one read-only SQLite connection per worker thread (so readers never
 * wait on each other and see each `hindsight index` commit at their next
 * query, WAL mode), and one writable connection behind a mutex for the
 * alert webhook. API answers are JSON; errors are {"error","status"} with
 * the status from HS_ERRNO_MAP, and the web view's errors are small HTML
 * pages. Every request passes http_guard.c's checks (Host, token, content
 * type) before a route sees it. Nothing here ranks or parses markdown.
 * libmicrohttpd (and GnuTLS under it) is loaded when a server starts
 * (base/dynlib.h), so no other command maps it; calls go through `mhd`.
 */
#include "app/http.h"
#include "app/cli.h"
#include "app/http_guard.h"
#include "base/buf.h"
#include "base/dynlib.h"
#include "base/error.h"
#include "base/text.h"
#include "base/util.h"
#include "model/json.h"
#include "model/record.h"
#include "query/pages.h"
#include "query/report.h"
#include "store/state.h"
#include "web/site.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "base/banned.h"

/* The libmicrohttpd functions this file calls, as mhd.<name> for MHD_<name>. */
#define MHD_FUNCS(X, ...)                                                      \
    X(__VA_ARGS__, add_response_header)                                        \
    X(__VA_ARGS__, create_response_from_buffer)                                \
    X(__VA_ARGS__, destroy_response)                                           \
    X(__VA_ARGS__, get_connection_info)                                        \
    X(__VA_ARGS__, get_connection_values)                                      \
    X(__VA_ARGS__, get_daemon_info)                                            \
    X(__VA_ARGS__, get_reason_phrase_for)                                      \
    X(__VA_ARGS__, lookup_connection_value)                                    \
    X(__VA_ARGS__, queue_response)                                             \
    X(__VA_ARGS__, quiesce_daemon)                                             \
    X(__VA_ARGS__, set_connection_option)                                      \
    X(__VA_ARGS__, start_daemon)                                               \
    X(__VA_ARGS__, stop_daemon)

/* Filled once per process by hs__dynlib_load, read-only after. */
HS__DYNLIB(libmhd, mhd, MHD_FUNCS, MHD_, "libmicrohttpd.so.12",
           "libmicrohttpd12", "serve");

#define MAX_BODY (1024 * 1024)
#define TOO_BIG_MSG "request body is over 1 MiB"

/*
 * A body of no declared size (chunked) is known to be too big only while
 * it arrives, when MHD 0.9 cannot queue an answer yet: the rest of it is
 * read and dropped, and the 413 goes out at its end. Past this many bytes
 * dropped the connection is closed instead, so an endless body ends.
 */
#define MAX_DROPPED_BODY (16 * MAX_BODY)

/*
 * Connections. A client that opens many and sends nothing (or half a
 * request) must not take every slot: each address gets at most
 * per_client_limit (default DEFAULT_PER_CLIENT) of at most MAX_CONNECTIONS,
 * which stays below the open-file limit; headers must arrive within
 * HEADER_TIMEOUT seconds of silence, a body within BODY_TIMEOUT.
 */
#define MAX_CONNECTIONS 1024
#define DEFAULT_PER_CLIENT 128
#define HEADER_TIMEOUT 10
#define BODY_TIMEOUT 30

/*
 * One webhook body may carry thousands of alerts (a 1 MiB Alertmanager
 * group had 9,000): at most MAX_ALERTS are matched and recorded, within
 * ALERTS_BUDGET_NS, so the answer comes well inside Alertmanager's 10 s;
 * the answer says how many were left out ("truncated_alerts", after
 * Alertmanager's own "truncatedAlerts") and lists ANSWER_MATCHES matches
 * per alert, each by id, title and score only.
 */
#define MAX_ALERTS 100
#define ALERTS_BUDGET_NS (5 * 1000000000LL)
#define ANSWER_MATCHES 3
#define ANSWER_TITLE_BYTES 200

struct hs__http {
    struct MHD_Daemon *daemon;
    hs__http_opts opts;
    char *db;
    char *token;
    char session[65];         /* the login cookie's value, with a token */
    int is_host_checked;      /* bound to loopback, or --allowed-host given */
    char **allowed_hosts;     /* copies of opts.allowed_hosts */
    atomic_int in_flight;     /* requests begun and not yet completed */
    pthread_key_t worker_key; /* per worker thread: its worker state */
    hs__state *state;         /* received alerts (store/state.h) */
    pthread_mutex_t log_lock;
    int port;
    atomic_int index_runs; /* serve --watch: runs done, and failed */
    atomic_int index_failures;
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
    int health_state_ok;
    int health_runs, health_failures;
    size_t health_len;
} worker;

/*
 * A URL has at most this many query parameters (the API reads under ten).
 * libmicrohttpd keeps a record per parameter in the connection's memory:
 * 4,000 of them ran it out, and 0.9 then lost track of the request and
 * the client waited for the timeout. on_uri sees them first.
 */
#define MAX_QUERY_ARGS 100
#define MAX_QUERY_ARGS_TEXT "100"

/* Per request. */
typedef struct req {
    hs__http *h;       /* the server: its log, for failures */
    int is_started;    /* on_request has seen it (and counted it in flight) */
    int has_nul;       /* the raw URL has "%00", which decodes to a NUL */
    int is_not_path;   /* the raw URL does not start with '/' */
    int has_many_args; /* over MAX_QUERY_ARGS: libmicrohttpd got none */
    char *line; /* "GET /api/search HTTP/1.1", only with the access log */
    hs__buf body;
    int is_too_big;
    size_t dropped; /* bytes of a too big body read and dropped */
    int status;
    const char *allow; /* a 405's Allow header: the methods the URL takes */
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
        mhd.create_response_from_buffer(len, text, mode);
    if (!resp)
        return NULL;
    mhd.add_response_header(resp, "Content-Type", type);
    mhd.add_response_header(resp, "Cache-Control", "no-store");
    mhd.add_response_header(resp, "X-Content-Type-Options", "nosniff");
    if (status == 401)
        mhd.add_response_header(resp, "WWW-Authenticate", "Bearer");
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
    if (status == 405 && r->allow)
        mhd.add_response_header(resp, "Allow", r->allow);
    ret = mhd.queue_response(c, (unsigned)status, resp);
    mhd.destroy_response(resp);
    r->status = status;
    r->bytes = len;
    return ret;
}

static enum MHD_Result send_json(struct MHD_Connection *c, req *r, int status,
                                 char *json) {
    return send_text(c, r, status, "application/json; charset=utf-8", json);
}

/*
 * The message may quote the request ("no postmortem '%FF'"): bytes that
 * are not UTF-8 become U+FFFD, which jansson takes (it refuses the rest,
 * and a NULL dumped was an abort).
 */
static enum MHD_Result send_error(struct MHD_Connection *c, req *r, int status,
                                  const char *msg) {
    hs__buf text = HS_BUF_INIT;
    json_t *j;
    hs__buf_puts(&text, msg);
    hs__utf8_repair(&text);
    j = json_pack("{s:s, s:i}", "error", text.data, "status", status);
    hs__buf_release(&text);
    return send_json(c, r, status, hs__json_dump(j, 0));
}

/*
 * The message of an error answer for `err`. A failure of the server's own
 * (5xx) names no file to the client: "index '/srv/hindsight/index.db' is
 * damaged" went to anyone who asked. The client gets the kind of failure;
 * the server's log (stderr, with --quiet too) gets the whole message.
 * `out` holds the answer's message.
 */
static const char *public_message(req *r, const hs_error *err, int status,
                                  hs__buf *out) {
    const char *full = err->msg[0] ? err->msg : hs_strerror(err->code);
    if (status < 500)
        return full;
    if (r && r->h) {
        hs__buf b = HS_BUF_INIT;
        hs__buf_puts(&b, "hindsight: error: ");
        hs__http_log_escape(&b, full);
        pthread_mutex_lock(&r->h->log_lock);
        fprintf(stderr, "%s\n", b.data);
        pthread_mutex_unlock(&r->h->log_lock);
        hs__buf_release(&b);
    }
    hs__buf_printf(out, "%s (the server's log says more)",
                   hs_strerror(err->code));
    return out->data;
}

/* How an error answer is sent: send_error (JSON) or send_page_error. */
typedef enum MHD_Result (*error_sender)(struct MHD_Connection *c, req *r,
                                        int status, const char *msg);

/* The answer for `err`: its HTTP status and public_message, by `send`. */
static enum MHD_Result send_hs_error_by(struct MHD_Connection *c, req *r,
                                        const hs_error *err,
                                        error_sender send) {
    int status = hs_err_http_status(err->code);
    hs__buf msg = HS_BUF_INIT;
    enum MHD_Result ret =
        send(c, r, status, public_message(r, err, status, &msg));
    hs__buf_release(&msg);
    return ret;
}

static enum MHD_Result send_hs_error(struct MHD_Connection *c, req *r,
                                     const hs_error *err) {
    return send_hs_error_by(c, r, err, send_error);
}

/*
 * libmicrohttpd answers some requests itself, before any handler sees
 * them: a request line past its memory (414), headers past it (431), a
 * Content-Length it cannot hold or a chunk too big (413), an unknown HTTP
 * version (505), a malformed request (400). Its bodies are fixed HTML with
 * no Content-Type, and 0.9 has no option to change them, while SPEC.md
 * makes every error {"error","status"}. The library makes those answers
 * through MHD_queue_response, called through its PLT, so this definition
 * (exported from the program: the Makefile's --export-dynamic-symbol)
 * takes the call and queues our JSON for the same status instead. Our own
 * answers never come here: they go through mhd.queue_response, which
 * dlsym found in the library itself.
 */
static const char *mhd_error_message(unsigned status) {
    switch (status) {
    case 400:
        return "the request is malformed";
    case 413:
        return TOO_BIG_MSG;
    case 414:
        return "request URI is too long";
    case 431:
        return "request header fields are too large";
    case 505:
        return "HTTP version not supported";
    default:
        return "the request cannot be read";
    }
}

/*
 * Did libmicrohttpd refuse the request's Content-Length (not digits, or
 * over 2^64) once all its headers were in? That refusal comes from its
 * parse_connection_headers, and 0.9.75 then builds the answer's headers a
 * second time into the same buffer: the client got two header blocks and
 * one body. The header size is known (non-zero) only once every header is
 * in, which tells it from refusals while reading (414, 431, 505: sent
 * once). This refusal is written by send_directly: there the library
 * returns at once.
 */
static int is_refused_length(struct MHD_Connection *c, unsigned status) {
    const union MHD_ConnectionInfo *ci =
        mhd.get_connection_info(c, MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE);
    const char *len =
        mhd.lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
    uint64_t n = 0;
    if ((status != 400 && status != 413) || !ci || !ci->header_size || !len)
        return 0;
    if (!*len)
        return 1;
    for (; *len; len++) {
        uint64_t d = (uint64_t)(*len - '0');
        if (*len < '0' || *len > '9' || n > (UINT64_MAX - d) / 10)
            return 1;
        n = n * 10 + d;
    }
    return 0;
}

/*
 * Is this the 431 libmicrohttpd gives when the Cookie header's cookies do
 * not fit its per-connection memory (8,000 cookies)? It comes, like the
 * refused Content-Length, once all headers are in (header size known), and
 * its headers too are built twice. Unlike that refusal, the library goes
 * on with the connection after it, and closing it from here crashed the
 * server in parse_connection_headers; see MHD_queue_response.
 */
static int is_refused_cookies(struct MHD_Connection *c, unsigned status) {
    const union MHD_ConnectionInfo *ci =
        mhd.get_connection_info(c, MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE);
    return status == 431 && ci && ci->header_size &&
           mhd.lookup_connection_value(c, MHD_HEADER_KIND, "Cookie");
}

/*
 * Write a whole answer (status, our headers, the JSON) on the connection's
 * socket, without waiting: it is a few hundred bytes, which an empty send
 * buffer takes. The caller then returns MHD_NO, and libmicrohttpd closes
 * the connection ("Connection: close" says so).
 */
static void send_directly(struct MHD_Connection *c, unsigned status,
                          const char *json) {
    const union MHD_ConnectionInfo *ci =
        mhd.get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
    const char *reason = mhd.get_reason_phrase_for(status);
    hs__buf b = HS_BUF_INIT;
    size_t off = 0;
    if (!ci)
        return;
    hs__buf_printf(&b,
                   "HTTP/1.1 %u %s\r\nConnection: close\r\n"
                   "Content-Type: application/json; charset=utf-8\r\n"
                   "Cache-Control: no-store\r\n"
                   "X-Content-Type-Options: nosniff\r\n"
                   "Content-Length: %zu\r\n\r\n%s",
                   status, reason ? reason : "Error", strlen(json), json);
    while (off < b.len) {
        ssize_t n = send(ci->connect_fd, b.data + off, b.len - off,
                         MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        off += (size_t)n;
    }
    hs__buf_release(&b);
}

enum MHD_Result MHD_queue_response(struct MHD_Connection *c, unsigned status,
                                   struct MHD_Response *resp) {
    json_t *j;
    char *text;
    struct MHD_Response *ours;
    enum MHD_Result ret;
    if (!mhd.queue_response) /* not loaded: cannot be the library calling */
        return MHD_NO;
    if (status < 400)
        return mhd.queue_response(c, status, resp);
    j = json_pack("{s:s, s:i}", "error", mhd_error_message(status), "status",
                  (int)status);
    text = hs__json_dump(j, 0);
    if (is_refused_length(c, status)) {
        send_directly(c, status, text);
        free(text);
        return MHD_NO;
    }
    if (is_refused_cookies(c, status)) {
        /*
         * One answer, written here; then the socket's sending side is shut,
         * so the library's own (doubled) header blocks fail to send and it
         * closes the connection on its ordinary error path, its state kept
         * whole. A 431 queued as usual below is what it then fails to send.
         */
        const union MHD_ConnectionInfo *fd =
            mhd.get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        send_directly(c, status, text);
        if (fd)
            shutdown(fd->connect_fd, SHUT_WR);
    }
    ours = new_response((int)status, "application/json; charset=utf-8",
                        strlen(text), text, MHD_RESPMEM_MUST_FREE);
    if (!ours) {
        free(text);
        return mhd.queue_response(c, status, resp);
    }
    ret = mhd.queue_response(c, status, ours);
    mhd.destroy_response(ours);
    return ret;
}

static int is_api(const char *url) {
    return !strncmp(url, "/api/", 5) || !strcmp(url, "/api");
}

/* The web view's errors: a small HTML page, never the site rendered. */
static enum MHD_Result send_page_error(struct MHD_Connection *c, req *r,
                                       int status, const char *msg) {
    return send_text(c, r, status, "text/html; charset=utf-8",
                     hs__http_error_page(status, msg));
}

/* An error for `url`: JSON under /api/, an HTML page elsewhere. */
static enum MHD_Result send_error_for(struct MHD_Connection *c, req *r,
                                      const char *url, int status,
                                      const char *msg) {
    return is_api(url) ? send_error(c, r, status, msg)
                       : send_page_error(c, r, status, msg);
}

/*
 * A method the URL does not take. RFC 9110 has a 405 name in Allow the
 * methods the resource does take: every 405 said "GET, POST", so a client
 * told to retry /api/postmortems with POST got a second 405. HEAD is
 * answered wherever GET is.
 */
static enum MHD_Result send_405(struct MHD_Connection *c, req *r,
                                const char *url, int is_post_too) {
    r->allow = is_post_too ? "GET, HEAD, POST" : "GET, HEAD";
    return send_error_for(c, r, url, 405,
                          is_post_too ? "use GET or POST" : "use GET");
}

/* ---------------------------------------------------------------------
 * Stores
 */

static void worker_free(void *p) {
    worker *w = p;
    if (w->health)
        mhd.destroy_response(w->health);
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
    if (!w->store) {
        if (hs_store_open(h->db, HS_STORE_READONLY | HS_STORE_SERVE, &w->store,
                          err) != 0)
            return NULL;
        hs__store_use_state(w->store, h->state); /* the alerts page */
        /* checked at start by serve: cannot fail on its lines here */
        if (h->opts.concepts)
            hs_similar_add_concepts(w->store, h->opts.concepts, NULL, NULL);
    }
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
    return mhd.lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, key);
}

/*
 * A date argument (as_of=, since=, until=): 0 with `out` "" when absent or
 * empty, 0 with `out` the date when it is one as YYYY-MM-DD, -1 otherwise
 * (a 400: "since=9999-99-99" once listed nothing with a 200).
 */
static int arg_date(struct MHD_Connection *c, const char *key,
                    char out[HS_DATE_LEN]) {
    const char *v = arg(c, key);
    out[0] = '\0';
    if (!v || !*v)
        return 0;
    return strlen(v) == HS_DATE_LEN - 1 && hs_date_parse(v, out) == 0 ? 0 : -1;
}

/*
 * limit=N: 0 when absent, -1 when not a number in 1..HS_LIMIT_MAX. An
 * empty "limit=" is not a number either: it took the default, so a client
 * whose variable was unset got 100 rows where it meant a few.
 */
static int arg_limit(struct MHD_Connection *c) {
    const char *v = arg(c, "limit");
    return !v ? 0 : hs__parse_limit(v);
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
    /* the shared state's answer: search keeps working without it */
    int is_state_ok = hs__state_check(h->state, NULL) == 0;
    int runs = atomic_load(&h->index_runs);
    int failures = atomic_load(&h->index_failures);
    if (n < 0)
        return send_hs_error(c, r, &err);
    if (!w->health || w->health_count != n ||
        w->health_state_ok != is_state_ok || w->health_runs != runs ||
        w->health_failures != failures) {
        char body[160];
        int len =
            snprintf(body, sizeof(body),
                     "{\"status\":\"ok\",\"postmortems\":%d,\"state\":\"%s\"",
                     n, is_state_ok ? "ok" : "unavailable");
        if (h->opts.is_watching) /* serve --watch */
            len += snprintf(body + len, sizeof(body) - (size_t)len,
                            ",\"index_runs\":%d,\"index_failures\":%d", runs,
                            failures);
        len += snprintf(body + len, sizeof(body) - (size_t)len, "}");
        if (w->health)
            mhd.destroy_response(w->health);
        w->health = new_response(200, "application/json; charset=utf-8",
                                 (size_t)len, body, MHD_RESPMEM_MUST_COPY);
        if (!w->health)
            return MHD_NO;
        w->health_count = n;
        w->health_state_ok = is_state_ok;
        w->health_runs = runs;
        w->health_failures = failures;
        w->health_len = (size_t)len;
    }
    r->status = 200;
    r->bytes = w->health_len;
    return mhd.queue_response(c, MHD_HTTP_OK, w->health);
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

/* cursor=: 0 when absent, the offset it names, or -1 when malformed or
 * empty (an empty one gave the first page again, so a client that lost the
 * "next" it meant to pass looped over page one). */
static long arg_cursor(struct MHD_Connection *c) {
    const char *v = arg(c, "cursor");
    return !v ? 0 : hs__list_cursor_parse(v);
}

static json_t *next_cursor(size_t offset, size_t n, size_t total) {
    char b[HS__CURSOR_LEN];
    if (offset + n >= total || !n)
        return json_null();
    hs__list_cursor(offset + n, b);
    return json_string(b);
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
    char since[HS_DATE_LEN], until[HS_DATE_LEN];
    json_t *rows;
    int limit = arg_limit(c);
    long cursor = arg_cursor(c);
    if (limit < 0)
        return send_error(
            c, r, 400,
            "limit must be a number from 1 to " HS_XSTR(HS_LIMIT_MAX));
    if (cursor < 0)
        return send_error(c, r, 400, HS__CURSOR_REFUSED);
    o.limit = limit ? (size_t)limit : HS__LIST_LIMIT;
    o.offset = (size_t)cursor;
    o.tag = arg(c, "tag");
    o.service = arg(c, "service");
    if (arg_date(c, "since", since) != 0 || arg_date(c, "until", until) != 0)
        return send_error(c, r, 400,
                          "since and until must be dates as YYYY-MM-DD");
    o.since = since;
    o.until = until;
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
                "tags", hs__json_strlist(&pm->tags), "auto_tags",
                hs__json_strlist(&pm->auto_tags), "services",
                hs__json_strlist(&pm->services)));
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
    int limit = arg_limit(c), has_more;
    long cursor = arg_cursor(c);
    enum MHD_Result ret;
    char d[HS_DATE_LEN];
    o.owner = arg(c, "owner");
    if (o.owner && !*o.owner)
        o.owner = NULL;
    if (arg_date(c, "as_of", d) != 0)
        return send_error(c, r, 400, "as_of must be a date as YYYY-MM-DD");
    o.as_of = *d ? d : NULL;
    if (overdue && strcmp(overdue, "true") && strcmp(overdue, "false") &&
        strcmp(overdue, "1") && strcmp(overdue, "0"))
        return send_error(c, r, 400, "overdue must be true or false");
    /* overdue=false: the open items that are not overdue; without the
     * flag: the weekly view, which lists every open item */
    o.is_not_overdue =
        overdue && (!strcmp(overdue, "false") || !strcmp(overdue, "0"));
    o.is_weekly = !overdue;
    if (limit < 0)
        return send_error(
            c, r, 400,
            "limit must be a number from 1 to " HS_XSTR(HS_LIMIT_MAX));
    if (cursor < 0)
        return send_error(c, r, 400, HS__CURSOR_REFUSED);
    if (!s || hs__report_page(s, &o, (size_t)cursor,
                              limit ? (size_t)limit : HS__LIST_LIMIT, &rep,
                              &has_more, &err) != 0)
        return send_hs_error(c, r, &err);
    {
        /* one page of each list, the same offset and limit for all */
        size_t lim = limit ? (size_t)limit : HS__LIST_LIMIT;
        char *text = hs_report_render(rep, HS_FORMAT_JSON);
        json_t *j = json_loads(text, 0, NULL);
        free(text);
        if (!j)
            HS_BUG("report JSON does not parse");
        json_object_set_new(j, "next",
                            next_cursor((size_t)cursor, has_more ? lim : 0,
                                        has_more ? SIZE_MAX : 0));
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
        ret = send_json(c, r, 200,
                        hs__json_dump(hs__json_similar(res, &inc.ignored), 0));
    hs_results_free(res);
    hs_incident_release(&inc);
    return ret;
}

/* `s` cut to at most `max` bytes, on a character boundary. */
static json_t *short_string(const char *s, size_t max) {
    json_t *j;
    if (!s)
        return json_null();
    j = json_stringn(s, hs__utf8_cut(s, strlen(s), max));
    return j ? j : json_null();
}

/* One alert in the webhook's answer: its best matches, briefly. */
static json_t *alert_answer(const hs_incident *inc, int is_resolved,
                            const hs_results *res) {
    json_t *m = json_array();
    for (size_t i = 0; i < res->n && i < ANSWER_MATCHES; i++)
        json_array_append_new(
            m, json_pack("{s:s, s:o, s:f}", "id", res->hits[i].id, "title",
                         short_string(res->hits[i].title, ANSWER_TITLE_BYTES),
                         "score", res->hits[i].score));
    return json_pack("{s:o, s:s, s:o}", "title",
                     short_string(inc->title, ANSWER_TITLE_BYTES), "status",
                     is_resolved ? "resolved" : "firing", "matches", m);
}

static int str_eq(const char *a, const char *b) {
    return a == b || (a && b && !strcmp(a, b));
}

static int strlist_eq(const hs_strlist *a, const hs_strlist *b) {
    if (a->n != b->n)
        return 0;
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->v[i], b->v[i]))
            return 0;
    return 1;
}

/*
 * Would hs_similar answer `a` and `b` alike? The alerts of one group often
 * differ only in labels read as noise (pod, instance), so a group of
 * thousands asks a handful of questions.
 */
static int same_question(const hs_incident *a, const hs_incident *b) {
    return str_eq(a->title, b->title) && str_eq(a->service, b->service) &&
           a->limit == b->limit && a->max_terms == b->max_terms &&
           strlist_eq(&a->symptoms, &b->symptoms) &&
           strlist_eq(&a->tags, &b->tags);
}

/*
 * Whether alert a of a body repeats alert b of the same body: the same
 * source, fingerprint, firing (starts_at) and status. One body is one
 * delivery, so a repeat is answered but not recorded a second time.
 */
static int same_alert(const hs_incident *a, const hs_incident *b) {
    return a->fingerprint && b->fingerprint &&
           !strcmp(a->fingerprint, b->fingerprint) &&
           str_eq(a->source, b->source) && str_eq(a->starts_at, b->starts_at) &&
           a->is_resolved == b->is_resolved;
}

/*
 * POST /api/alerts: the first MAX_ALERTS alerts of the payload that can be
 * read are matched and recorded, as long as ALERTS_BUDGET_NS lasts; an
 * alert that asks what an earlier one of the body asked reuses its
 * matches, and one that repeats an earlier one (same_alert) is not
 * recorded again. An alert left out (a bad time, no symptoms) is counted
 * and named in "ignored", as is a label that is not a string, and the
 * others are recorded. Alertmanager gives up after 10 s; matching is
 * milliseconds and the write waits at most the store's busy timeout.
 */
static enum MHD_Result api_alerts_post(hs__http *h, struct MHD_Connection *c,
                                       req *r) {
    hs_incident *incs = NULL;
    hs_results *found[MAX_ALERTS] = {0}; /* NULL: reused an earlier one's */
    size_t at[MAX_ALERTS];               /* each one's place in the body */
    int is_resolved[MAX_ALERTS] = {0};   /* each alert as stored */
    size_t n = 0, done = 0, left_out = 0, i = 0;
    hs_error err = {0, ""};
    hs_strlist ignored = {0};
    hs_store *s;
    json_t *out = json_array(), *answer;
    struct timespec t0, now;
    int rc = hs_incidents_from_json(r->body.data, r->body.len, &incs, &n, &err);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    s = rc == 0 ? reader(h, &err) : NULL;
    if (rc == 0 && !s)
        rc = err.code;
    for (; rc == 0 && i < n; i++) {
        hs_incident *inc = &incs[i];
        hs_results *res = NULL;
        for (size_t k = 0; k < inc->ignored.n; k++)
            hs__ignored_add(&ignored, "%s", inc->ignored.v[k]);
        if (inc->is_left_out) {
            left_out++;
            continue;
        }
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (done == MAX_ALERTS ||
            (done && ns_between(&t0, &now) > ALERTS_BUDGET_NS))
            break;
        at[done] = i;
        for (size_t k = 0; k < done && !res; k++)
            if (found[k] && same_question(&incs[at[k]], inc))
                res = found[k];
        if (!res && (rc = hs_similar(s, inc, 5, &res, &err)) == 0)
            found[done] = res;
        size_t k = 0;
        while (k < done && !same_alert(&incs[at[k]], inc))
            k++;
        if (rc == 0 && k < done) /* a repeat: as its first was stored */
            is_resolved[done] = is_resolved[k];
        else if (rc == 0) /* committed before the 200 */
            rc = hs__state_record(h->state, inc, res, &is_resolved[done], &err);
        if (rc == 0)
            json_array_append_new(out,
                                  alert_answer(inc, is_resolved[done], res));
        done++;
    }
    /* the left out past the last alert recorded are counted too */
    for (size_t k = i; rc == 0 && k < n; k++)
        left_out += incs[k].is_left_out;
    for (size_t k = 0; k < MAX_ALERTS; k++)
        hs_results_free(found[k]);
    for (size_t k = 0; k < n; k++)
        hs_incident_release(&incs[k]);
    free(incs);
    if (rc) {
        json_decref(out);
        hs_strlist_release(&ignored);
        return send_hs_error(c, r, &err);
    }
    answer = json_pack("{s:o, s:i, s:i, s:i, s:i}", "alerts", out, "received",
                       (int)n, "recorded", (int)done, "truncated_alerts",
                       (int)(n - done - left_out), "left_out", (int)left_out);
    if (ignored.n)
        json_object_set_new(answer, "ignored", hs__json_strlist(&ignored));
    hs_strlist_release(&ignored);
    return send_json(c, r, 200, hs__json_dump(answer, 0));
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
    if (!s || hs__alerts_page_json(s, limit, arg(c, "cursor"), &json, &err))
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
    if (!s || hs__site_page_at(s, url + 1, arg(c, "cursor"), &body, &len,
                               &ctype, &err) != 0)
        return send_hs_error_by(c, r, &err, send_page_error);
    return send_text(c, r, 200, ctype, body);
}

/*
 * GET and POST /login, with a token file: the form, and what it posts.
 * The right token sets the session cookie (HttpOnly: no script reads it;
 * SameSite=Strict: no other site's page sends it) and sends the browser
 * back to the page it asked for.
 */
static enum MHD_Result web_login(hs__http *h, struct MHD_Connection *c, req *r,
                                 const char *url, int is_post) {
    const char *body = r->body.data ? r->body.data : "";
    char *token =
        is_post ? hs__http_form_value(body, r->body.len, "token") : NULL;
    char *next =
        is_post ? hs__http_form_value(body, r->body.len, "next") : NULL;
    struct MHD_Response *resp;
    enum MHD_Result ret;
    char *loc, cookie[160];
    static char done[] = "signed in\n";
    if (!token || !hs__http_token_eq(h->token, token)) {
        ret = send_text(c, r, is_post ? 401 : 200, "text/html; charset=utf-8",
                        hs__http_login_page(url, next,
                                            is_post ? "That is not the token."
                                                    : "Sign in with the "
                                                      "server's token."));
        free(token);
        free(next);
        return ret;
    }
    loc = hs__http_next_location(next);
    snprintf(cookie, sizeof(cookie), "%s=%s; Path=/; HttpOnly; SameSite=Strict",
             HS__HTTP_COOKIE, h->session);
    resp = new_response(303, "text/plain; charset=utf-8", strlen(done), done,
                        MHD_RESPMEM_PERSISTENT);
    ret = MHD_NO;
    if (resp) {
        mhd.add_response_header(resp, "Location", loc);
        mhd.add_response_header(resp, "Set-Cookie", cookie);
        ret = mhd.queue_response(c, 303, resp);
        mhd.destroy_response(resp);
        r->status = 303;
        r->bytes = strlen(done);
    }
    free(loc);
    free(token);
    free(next);
    return ret;
}

/* ---------------------------------------------------------------------
 * Dispatch
 */

/*
 * The token in an "Authorization: Bearer" header (API clients), or the
 * session cookie a login set (browsers, and the live search box's fetches).
 * Both compare in constant time, so neither can be guessed byte by byte.
 */
static int is_authorized(const hs__http *h, struct MHD_Connection *c) {
    const char *auth =
        mhd.lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
    const char *cookie =
        mhd.lookup_connection_value(c, MHD_COOKIE_KIND, HS__HTTP_COOKIE);
    int is_ok = 0;
    if (auth && !hs__strncasecmp(auth, "Bearer ", 7))
        is_ok |= hs__http_token_eq(h->token, auth + 7);
    if (cookie)
        is_ok |= hs__http_token_eq(h->session, cookie);
    return is_ok;
}

static int is_json_endpoint(const char *url) {
    return !strcmp(url, "/api/similar") || !strcmp(url, "/api/alerts");
}

/* Headers a request may carry once only, counted by count_headers. */
typedef struct header_counts {
    int host, content_length, transfer_encoding;
    int coded; /* Content-Encoding headers other than "identity" */
} header_counts;

/* An MHD_KeyValueIterator: counts the headers of header_counts. */
static enum MHD_Result count_headers(void *cls, enum MHD_ValueKind kind,
                                     const char *key, const char *value) {
    header_counts *n = cls;
    (void)kind;
    (void)value;
    if (!key)
        return MHD_YES;
    if (!hs__strcasecmp(key, "Host"))
        n->host++;
    else if (!hs__strcasecmp(key, "Content-Length"))
        n->content_length++;
    else if (!hs__strcasecmp(key, "Transfer-Encoding"))
        n->transfer_encoding++;
    else if (!hs__strcasecmp(key, "Content-Encoding") &&
             !hs__http_is_identity_coding(value))
        n->coded++;
    return MHD_YES;
}

/* The query parameters seen so far, the first one given twice, and the
 * first one given without '=' ("?limit"). */
typedef struct args_seen {
    const char *keys[MAX_QUERY_ARGS];
    size_t n;
    const char *twice, *bare;
} args_seen;

/* An MHD_KeyValueIterator: stops at a query parameter given twice. */
static enum MHD_Result find_twice(void *cls, enum MHD_ValueKind kind,
                                  const char *key, const char *value) {
    args_seen *s = cls;
    (void)kind;
    if (!key || !*key) /* "a=1&&b=2": an empty one names nothing */
        return MHD_YES;
    if (!value && !s->bare) /* MHD's value of "?limit", as of no "limit" */
        s->bare = key;
    for (size_t i = 0; i < s->n; i++)
        if (!strcmp(s->keys[i], key)) {
            s->twice = key;
            return MHD_NO;
        }
    if (s->n < MAX_QUERY_ARGS)
        s->keys[s->n++] = key;
    return MHD_YES;
}

/* A 400 for query parameter `name` (escaped as in a log line): "the query
 * parameter 'NAME' WHY", then "NAME=..." when `with_form`. */
static enum MHD_Result refuse_param(struct MHD_Connection *c, req *r,
                                    const char *url, const char *name,
                                    const char *why, int with_form) {
    hs__buf msg = HS_BUF_INIT;
    enum MHD_Result ret;
    hs__buf_puts(&msg, "the query parameter '");
    hs__http_log_escape(&msg, name);
    hs__buf_puts(&msg, "' ");
    hs__buf_puts(&msg, why);
    if (with_form) {
        hs__http_log_escape(&msg, name);
        hs__buf_puts(&msg, "=...");
    }
    ret = send_error_for(c, r, url, 400, msg.data);
    hs__buf_release(&msg);
    return ret;
}

/*
 * What is checked as soon as a request's headers are in, before any body
 * is read: the Host (DNS rebinding), the token, the declared size and, for
 * a POST to a JSON endpoint, the content type (a cross-site form or a
 * text/plain fetch cannot send application/json without a CORS preflight,
 * which this server never grants). MHD_YES lets the request go on;
 * anything else queued an error.
 */
static enum MHD_Result gate(hs__http *h, struct MHD_Connection *c, req *r,
                            const char *url, const char *method) {
    const char *len =
        mhd.lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
    const char *host = mhd.lookup_connection_value(c, MHD_HEADER_KIND, "Host");
    const char *te =
        mhd.lookup_connection_value(c, MHD_HEADER_KIND, "Transfer-Encoding");
    header_counts n = {0, 0, 0, 0};
    args_seen seen = {{NULL}, 0, NULL, NULL};
    /* the first of two Host headers passed the check and a proxy may
     * route by the other (RFC 9112 3.2: a 400) */
    mhd.get_connection_values(c, MHD_HEADER_KIND, count_headers, &n);
    if (n.host > 1)
        return send_error_for(c, r, url, 400, "more than one Host header");
    /* two body lengths, or a length and chunks: a proxy before us may
     * read the body by the other one (request smuggling; RFC 9112 6.3) */
    if (n.content_length > 1 || n.transfer_encoding > 1 ||
        (n.content_length && n.transfer_encoding))
        return send_error_for(c, r, url, 400,
                              "the body's length is given more than once");
    /* a coding but chunked ("gzip, chunked", "identity") leaves the body
     * without an end libmicrohttpd can find: it read until the client
     * gave up, and a proxy may have framed it otherwise (RFC 9112 6.1) */
    if (te && hs__strcasecmp(te, "chunked"))
        return send_error_for(c, r, url, 400,
                              "Transfer-Encoding must be chunked, or send a "
                              "Content-Length");
    /* MHD decodes %00 to a NUL, which would end the value there: "q=a%00b"
     * searched for "a" */
    if (r->has_nul)
        return send_error_for(c, r, url, 400,
                              "the URL has a NUL byte (%00) in it");
    /* "GET x", "GET *" and "GET %2F" were answered as "GET /" (the route
     * skips the URL's first byte, taking it for the '/'), "GET xapi/health"
     * as /api/health; an absolute URL ("GET http://host/") is a proxy's
     * request, and this server is none (RFC 9112 3.2). JSON, as the other
     * refusals made before the URL is known. */
    if (r->is_not_path)
        return send_error(c, r, 400,
                          "the request target must be a path that starts "
                          "with '/'");
    if (r->has_many_args)
        return send_error_for(c, r, url, 414,
                              "the URL has over " MAX_QUERY_ARGS_TEXT
                              " query parameters");
    /* "limit=1&limit=1000": which one a proxy or cache before us read is
     * a guess (parameter pollution), so neither is */
    mhd.get_connection_values(c, MHD_GET_ARGUMENT_KIND, find_twice, &seen);
    if (seen.twice)
        return refuse_param(c, r, url, seen.twice, "is given more than once",
                            0);
    /* "?q=db&limit" read as no limit, and "?overdue" as every item: the
     * API's parameters all take a value, so one without is refused as an
     * empty "limit=" is; a page ignores one (a cache-buster "?1234") */
    if (seen.bare && is_api(url))
        return refuse_param(c, r, url, seen.bare, "has no value: write ", 1);
    if (h->is_host_checked &&
        !hs__http_host_ok(host, (const char *const *)h->allowed_hosts,
                          h->opts.n_allowed_hosts))
        return send_error_for(c, r, url, 403,
                              "this server does not answer to that host name "
                              "(see serve --allowed-host)");
    if (h->token && strcmp(url, "/api/health") && strcmp(url, "/login") &&
        !is_authorized(h, c)) {
        if (is_api(url))
            return send_error(c, r, 401, "missing or wrong bearer token");
        return send_text(c, r, 401, "text/html; charset=utf-8",
                         hs__http_login_page(url, url + 1,
                                             "This hindsight server needs its "
                                             "token."));
    }
    if (len && strtoull(len, NULL, 10) > MAX_BODY)
        return send_error_for(c, r, url, 413, TOO_BIG_MSG);
    /* a gzip body was read as JSON ("invalid token near '\u001F'") and a
     * body labelled br but sent plain was taken: no coding is decoded
     * here, so a coded body is refused as RFC 9110 8.4.1 says */
    if (!strcmp(method, "POST") && n.coded)
        return send_error_for(c, r, url, 415,
                              "Content-Encoding is not supported: send the "
                              "body uncompressed");
    if (!strcmp(method, "POST") && is_json_endpoint(url) &&
        !hs__http_is_json_type(
            mhd.lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type")))
        return send_error(c, r, 415,
                          "send the body as Content-Type: application/json "
                          "(in UTF-8)");
    return MHD_YES;
}

static enum MHD_Result route(hs__http *h, struct MHD_Connection *c, req *r,
                             const char *url, const char *method) {
    int is_get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
    int is_post = !strcmp(method, "POST");
    if (h->token && !strcmp(url, "/login"))
        return is_get || is_post ? web_login(h, c, r, url, is_post)
                                 : send_405(c, r, url, 1);
    if (!is_api(url))
        return is_get ? web_page(h, c, r, url) : send_405(c, r, url, 0);
    if (!strcmp(url, "/api/health"))
        return is_get ? api_health(h, c, r) : send_405(c, r, url, 0);
    if (!strcmp(url, "/api/search"))
        return is_get ? api_search(h, c, r, arg(c, "q"), 0)
                      : send_405(c, r, url, 0);
    if (!strcmp(url, "/api/similar"))
        return is_get || is_post ? api_similar(h, c, r, is_post)
                                 : send_405(c, r, url, 1);
    if (!strcmp(url, "/api/alerts"))
        return is_post  ? api_alerts_post(h, c, r)
               : is_get ? api_alerts_get(h, c, r)
                        : send_405(c, r, url, 1);
    if (!strcmp(url, "/api/postmortems"))
        return is_get ? api_list(h, c, r) : send_405(c, r, url, 0);
    if (!strncmp(url, "/api/postmortems/", 17) && url[17])
        return is_get ? api_get(h, c, r, url + 17) : send_405(c, r, url, 0);
    if (!strcmp(url, "/api/action-items"))
        return is_get ? api_action_items(h, c, r) : send_405(c, r, url, 0);
    return send_error(c, r, 404, "not found");
}

/*
 * MHD_OPTION_URI_LOG_CALLBACK: the request line's URL as sent, before MHD
 * decodes it; the answer becomes the request's *con_cls. on_completed
 * frees it.
 */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c) {
    req *r = hs__xcalloc(1, sizeof(*r));
    const char *q = strchr(uri, '?');
    size_t n_args = 0;
    (void)c;
    r->h = cls;
    hs__buf_init(&r->body);
    r->has_nul = strstr(uri, "%00") != NULL;
    r->is_not_path = uri[0] != '/';
    for (const char *p = q; p && n_args <= MAX_QUERY_ARGS;
         p = strchr(p + 1, '&'))
        n_args++;
    if (n_args > MAX_QUERY_ARGS) {
        /*
         * libmicrohttpd calls this before it splits the query, on its own
         * writable copy of the request line: ending the query right
         * after its '?' leaves it nothing to split, and gate() answers.
         */
        char *query = (char *)(uintptr_t)q; /* MHD's, declared const */
        query[1] = '\0';
        r->has_many_args = 1;
    }
    return r;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c,
                                  const char *url, const char *method,
                                  const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls) {
    hs__http *h = cls;
    req *r = *con_cls;
    if (!r) { /* on_uri makes it first; this is only a safety net */
        char none[] = "";
        *con_cls = r = on_uri(h, none, c);
    }
    if (!r->is_started) {
        r->is_started = 1;
        if (!h->opts.is_quiet) {
            hs__buf line = HS_BUF_INIT;
            hs__http_log_escape(&line, method);
            hs__buf_putc(&line, ' ');
            hs__http_log_escape(&line, url);
            hs__buf_putc(&line, ' ');
            hs__http_log_escape(&line, version);
            r->line = hs__buf_detach(&line, NULL);
            clock_gettime(CLOCK_MONOTONIC, &r->start);
        }
        atomic_fetch_add(&h->in_flight, 1);
        /* the headers came within HEADER_TIMEOUT; a body gets longer */
        mhd.set_connection_option(c, MHD_CONNECTION_OPTION_TIMEOUT,
                                  (unsigned)BODY_TIMEOUT);
        return gate(h, c, r, url, method);
    }
    if (r->status) { /* answered already (401, 403, 413, 415): drop it */
        *upload_size = 0;
        return MHD_YES;
    }
    if (*upload_size) {
        if (r->is_too_big || r->body.len + *upload_size > MAX_BODY) {
            r->is_too_big = 1;
            hs__buf_release(&r->body);
            r->dropped += *upload_size;
        } else {
            hs__buf_put(&r->body, upload, *upload_size);
        }
        *upload_size = 0;
        /* queueing an answer now would fail and drop the connection
         * with no answer at all */
        return r->dropped > MAX_DROPPED_BODY ? MHD_NO : MHD_YES;
    }
    if (r->is_too_big)
        return send_error(c, r, 413, TOO_BIG_MSG);
    return route(h, c, r, url, method);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe) {
    hs__http *h = cls;
    req *r = *con_cls;
    (void)toe;
    if (!r)
        return;
    if (!r->is_started) { /* MHD refused it before on_request */
        free(r);
        *con_cls = NULL;
        return;
    }
    atomic_fetch_sub(&h->in_flight, 1);
    if (!h->opts.is_quiet) {
        const union MHD_ConnectionInfo *ci =
            mhd.get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
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
    int port;
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
    /* digits only, as every number we read: strtol took " 80" and "+80" */
    port = hs__parse_count(colon + 1, 0, 65535);
    if (port < 0)
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
        /* the whole value: "[::1" cut at its last ':' was "[:" */
        if (inet_pton(AF_INET, host, &a->sin_addr) != 1)
            return hs__seterr(err, HS_EINVAL,
                              "bad address in '%s' (use an IP address)", s);
        *len = sizeof(*a);
    }
    return 0;
}

/* libmicrohttpd's own messages: escaped like the access log, none with
 * --quiet. */
static void on_mhd_log(void *cls, const char *fmt, va_list ap) {
    hs__http *h = cls;
    hs__buf b = HS_BUF_INIT;
    char msg[512];
    size_t n;
    if (h->opts.is_quiet)
        return;
    vsnprintf(msg, sizeof(msg), fmt, ap);
    n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
        msg[--n] = '\0';
    hs__buf_puts(&b, "hindsight: libmicrohttpd: ");
    hs__http_log_escape(&b, msg);
    pthread_mutex_lock(&h->log_lock);
    fprintf(stderr, "%s\n", b.data);
    pthread_mutex_unlock(&h->log_lock);
    hs__buf_release(&b);
}

static int is_loopback(const struct sockaddr_storage *ss) {
    if (ss->ss_family == AF_INET)
        return (ntohl(((const struct sockaddr_in *)(const void *)ss)
                          ->sin_addr.s_addr) >>
                24) == 127;
    return ss->ss_family == AF_INET6 &&
           IN6_IS_ADDR_LOOPBACK(
               &((const struct sockaddr_in6 *)(const void *)ss)->sin6_addr);
}

/*
 * MAX_CONNECTIONS, or fewer when the open-file limit would be reached
 * first: past it, accept() fails and nobody is answered. Each worker's
 * stores keep up to 8 files open (index, alerts, their WAL and shm).
 */
static unsigned connection_limit(unsigned threads) {
    struct rlimit rl;
    rlim_t reserve = 64 + 8 * (rlim_t)threads;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY ||
        rl.rlim_cur >= MAX_CONNECTIONS + reserve)
        return MAX_CONNECTIONS;
    return rl.rlim_cur > reserve + 16 ? (unsigned)(rl.rlim_cur - reserve) : 16;
}

int hs__http_start(const hs__http_opts *o, hs__http **out, hs_error *err) {
    hs__http *h;
    struct sockaddr_storage ss;
    socklen_t ss_len = 0;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned threads, limit, per_client;
    int rc;
    *out = NULL;
    rc = parse_listen(o->listen ? o->listen : "127.0.0.1:8080", &ss, &ss_len,
                      err);
    if (rc == 0)
        rc = hs__dynlib_load(&libmhd, err);
    if (rc)
        return rc;
    h = hs__xcalloc(1, sizeof(*h));
    h->opts = *o;
    h->db = hs__xstrdup(o->db);
    h->token = o->token ? hs__xstrdup(o->token) : NULL;
    h->is_host_checked = is_loopback(&ss) || o->n_allowed_hosts;
    h->allowed_hosts = hs__xcalloc(o->n_allowed_hosts + 1, sizeof(char *));
    for (size_t i = 0; i < o->n_allowed_hosts; i++)
        h->allowed_hosts[i] = hs__xstrdup(o->allowed_hosts[i]);
    h->opts.allowed_hosts = NULL; /* borrowed: use h->allowed_hosts */
    atomic_init(&h->in_flight, 0);
    atomic_init(&h->index_runs, 0);
    atomic_init(&h->index_failures, 0);
    pthread_key_create(&h->worker_key, worker_free);
    pthread_mutex_init(&h->log_lock, NULL);
    if ((rc = hs__state_open(o->state, h->db, &h->state, err)) != 0) {
        hs__http_stop(h);
        return rc;
    }
    if (h->token && hs__http_session_new(h->session) != 0) {
        hs__http_stop(h);
        return hs__seterr(err, HS_EIO,
                          "cannot read /dev/urandom for the login cookie");
    }
    threads = o->threads > 0 ? (unsigned)o->threads
                             : (unsigned)(cores > 0 ? cores : 2);
    limit = connection_limit(threads);
    per_client = o->per_client_limit > 0 ? (unsigned)o->per_client_limit
                                         : DEFAULT_PER_CLIENT;
    if (per_client > limit)
        per_client = limit;
    /* the logger comes first, so that no message escapes it */
    h->daemon = mhd.start_daemon(
        MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG |
            (ss.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0),
        0, NULL, NULL, on_request, h, MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, h,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
        MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned)HEADER_TIMEOUT, MHD_OPTION_CONNECTION_LIMIT, limit,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, per_client,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(256 * 1024),
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, h, MHD_OPTION_NOTIFY_COMPLETED,
        on_completed, h, MHD_OPTION_END);
    if (!h->daemon) {
        rc = hs__seterr(err, HS_EIO, "cannot listen on %s (in use?)",
                        o->listen ? o->listen : "127.0.0.1:8080");
        hs__http_stop(h);
        return rc;
    }
    {
        const union MHD_DaemonInfo *di =
            mhd.get_daemon_info(h->daemon, MHD_DAEMON_INFO_BIND_PORT);
        h->port = di ? di->port : 0;
    }
    *out = h;
    return 0;
}

int hs__http_port(const hs__http *h) {
    return h->port;
}

int hs__http_prune_alerts(hs__http *h, int days, long long *n, hs_error *err) {
    return hs__state_prune(h->state, days, n, err);
}

void hs__http_count_index_run(hs__http *h, int is_ok) {
    if (!is_ok)
        atomic_fetch_add(&h->index_failures, 1);
    atomic_fetch_add(&h->index_runs, 1);
}

/*
 * Stop: no new connection is accepted, requests in flight finish (their
 * whole answer sent: on_completed counts them down) for at most
 * HS__HTTP_DRAIN_SECONDS, then every connection is closed. Idle keep-alive
 * connections and half-sent requests do not hold the stop up.
 */
void hs__http_stop(hs__http *h) {
    if (!h)
        return;
    if (h->daemon) {
        MHD_socket ls = mhd.quiesce_daemon(h->daemon);
        struct timespec t0, now, nap = {0, 10 * 1000000};
        clock_gettime(CLOCK_MONOTONIC, &t0);
        for (;;) {
            clock_gettime(CLOCK_MONOTONIC, &now);
            if (atomic_load(&h->in_flight) <= 0 ||
                ns_between(&t0, &now) >
                    (int64_t)HS__HTTP_DRAIN_SECONDS * 1000000000)
                break;
            nanosleep(&nap, NULL);
        }
        mhd.stop_daemon(h->daemon);
        if (ls != MHD_INVALID_SOCKET)
            close(ls);
    }
    for (size_t i = 0; h->allowed_hosts && h->allowed_hosts[i]; i++)
        free(h->allowed_hosts[i]);
    free(h->allowed_hosts);
    pthread_key_delete(h->worker_key);
    hs__state_free(h->state);
    pthread_mutex_destroy(&h->log_lock);
    free(h->db);
    free(h->token);
    free(h);
}
