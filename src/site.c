/*
 * The web view: pages rendered from templates/ (compiled into the program)
 * with data built here as jansson values, for `site --out DIR` (static,
 * relative links, works from file://) and for `serve` (the same pages live,
 * with the search box on /api/search and the received-alerts page). Every
 * value from a postmortem reaches HTML through the template engine's
 * escaping; only cmark-gfm's safe-mode HTML and our own SVG are inserted
 * raw. Writes only files whose bytes change.
 */
#include "assets.h"
#include "buf.h"
#include "error.h"
#include "index.h"
#include "json.h"
#include "normalize.h"
#include "record.h"
#include "text.h"
#include "tmpl.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "banned.h"

const hs__asset *hs__asset_find(const char *name) {
    for (size_t i = 0; i < hs__n_assets; i++)
        if (!strcmp(hs__assets[i].name, name))
            return &hs__assets[i];
    return NULL;
}

static char *slug_of(const char *id) {
    hs__buf b = HS_BUF_INIT;
    hs__slug(id, &b);
    return hs__buf_detach(&b, NULL);
}

/* ---------------------------------------------------------------------
 * The site's data
 */

typedef struct site {
    hs_store *s;
    int is_live;
    char as_of[11];
    long as_of_days;
    hs_postmortem **pms; /* newest first */
    char **abspaths;
    size_t n, alloc;
    hs__tmpl *tmpls[16];
    const char *tmpl_names[16];
    size_t n_tmpls;
} site;

static int collect_pm(void *ctx, hs_postmortem *pm, const char *abspath) {
    site *st = ctx;
    if (st->n == st->alloc) {
        st->alloc = st->alloc ? st->alloc * 2 : 64;
        st->pms = hs__xreallocarray(st->pms, st->alloc, sizeof(*st->pms));
        st->abspaths =
            hs__xreallocarray(st->abspaths, st->alloc, sizeof(*st->abspaths));
    }
    st->pms[st->n] = pm;
    st->abspaths[st->n] = hs__xstrdup(abspath ? abspath : "");
    st->n++;
    return 0;
}

static void site_release(site *st) {
    for (size_t i = 0; i < st->n; i++) {
        hs_postmortem_free(st->pms[i]);
        free(st->abspaths[i]);
    }
    free(st->pms);
    free(st->abspaths);
    for (size_t i = 0; i < st->n_tmpls; i++)
        hs__tmpl_free(st->tmpls[i]);
}

static void today(char out[11]) {
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

static int site_init(site *st, hs_store *s, int is_live, const char *as_of,
                     hs_error *err) {
    memset(st, 0, sizeof(*st));
    st->s = s;
    st->is_live = is_live;
    if (as_of) {
        if (hs__date_days(as_of) == INT32_MIN)
            return hs__seterr(err, HS_EINVAL, "as-of date '%s' is not valid",
                              as_of);
        memcpy(st->as_of, as_of, 11);
    } else {
        today(st->as_of);
    }
    st->as_of_days = hs__date_days(st->as_of);
    return hs_store_each(s, collect_pm, st, err);
}

/* ---------------------------------------------------------------------
 * Templates
 */

static const char *partial(void *ctx, const char *name) {
    hs__buf *b = ctx;
    const hs__asset *a;
    hs__buf_reset(b);
    hs__buf_printf(b, "templates/%s.html", name);
    a = hs__asset_find(b->data);
    return a ? a->data : NULL;
}

/* Render template `name` (compiled once per site) with `data`. */
static int render(site *st, const char *name, json_t *data, hs__buf *out,
                  hs_error *err) {
    hs__tmpl *t = NULL;
    for (size_t i = 0; i < st->n_tmpls; i++)
        if (!strcmp(st->tmpl_names[i], name))
            t = st->tmpls[i];
    if (!t) {
        hs__buf path = HS_BUF_INIT, scratch = HS_BUF_INIT;
        const hs__asset *a;
        int rc;
        hs__buf_printf(&path, "templates/%s.html", name);
        a = hs__asset_find(path.data);
        hs__buf_release(&path);
        if (!a)
            HS_BUG("missing template");
        rc =
            hs__tmpl_compile(name, a->data, a->len, partial, &scratch, &t, err);
        hs__buf_release(&scratch);
        if (rc)
            return rc;
        if (st->n_tmpls == HS_ARRAY_LEN(st->tmpls))
            HS_BUG("too many templates");
        st->tmpl_names[st->n_tmpls] = name;
        st->tmpls[st->n_tmpls++] = t;
    }
    return hs__tmpl_exec(t, data, out, err);
}

/* Data every page has: root, title, version, counts. */
static json_t *page_data(site *st, const char *root, const char *title) {
    return json_pack("{s:s, s:s, s:b, s:s, s:I, s:s}", "root", root,
                     "page_title", title, "is_live", st->is_live, "version",
                     HS_VERSION, "count", (json_int_t)st->n, "generated",
                     st->as_of);
}

/* ---------------------------------------------------------------------
 * Pieces of data
 */

static const char *sev_name(int s) {
    static const char *const n[] = {"", "SEV1", "SEV2", "SEV3", "SEV4"};
    return s >= 1 && s <= 4 ? n[s] : "";
}

static json_t *sev_class(int s) {
    static const char *const n[] = {"sev0", "sev1", "sev2", "sev3", "sev4"};
    return json_string(s >= 0 && s <= 4 ? n[s] : "sev0");
}

static void duration_text(int minutes, hs__buf *b) {
    if (minutes < 0)
        hs__buf_puts(b, "—");
    else if (minutes < 60)
        hs__buf_printf(b, "%d min", minutes);
    else if (minutes < 48 * 60)
        hs__buf_printf(b, "%dh %02dm", minutes / 60, minutes % 60);
    else
        hs__buf_printf(b, "%.1f days", minutes / 1440.0);
}

/* The page of a tag or service: one per name whatever its case. */
static char *label_slug(const char *name) {
    hs__buf lower = HS_BUF_INIT, b = HS_BUF_INIT;
    for (const char *p = name; *p; p++)
        hs__buf_putc(&lower, hs__tolower((unsigned char)*p));
    hs__slug(lower.data, &b);
    hs__buf_release(&lower);
    return hs__buf_detach(&b, NULL);
}

static json_t *labels_json(const hs_strlist *l) {
    json_t *a = json_array();
    for (size_t i = 0; i < l->n; i++) {
        char *slug = label_slug(l->v[i]);
        json_array_append_new(
            a, json_pack("{s:s, s:s}", "name", l->v[i], "slug", slug));
        free(slug);
    }
    return a;
}

static void csv_lower(const hs_strlist *l, hs__buf *b) {
    for (size_t i = 0; i < l->n; i++) {
        if (i)
            hs__buf_putc(b, ',');
        for (const char *p = l->v[i]; *p; p++)
            hs__buf_putc(b, hs__tolower((unsigned char)*p));
    }
}

static char *pm_url(const char *id) {
    hs__buf b = HS_BUF_INIT;
    hs__buf_puts(&b, "pm/");
    hs__slug(id, &b);
    hs__buf_puts(&b, ".html");
    return hs__buf_detach(&b, NULL);
}

/* One row of a postmortem table. */
static json_t *row_json(const hs_postmortem *pm) {
    hs__buf dur = HS_BUF_INIT, tags = HS_BUF_INIT, svcs = HS_BUF_INIT,
            text = HS_BUF_INIT;
    char *url = pm_url(pm->id);
    json_t *o;
    duration_text(pm->duration_minutes, &dur);
    csv_lower(&pm->tags, &tags);
    if (pm->tags.n && pm->auto_tags.n)
        hs__buf_putc(&tags, ',');
    csv_lower(&pm->auto_tags, &tags);
    csv_lower(&pm->services, &svcs);
    hs__buf_puts(&text, pm->title ? pm->title : pm->id);
    hs__buf_putc(&text, ' ');
    hs__buf_put(&text, tags.data, tags.len);
    for (size_t i = 0; i < text.len; i++)
        text.data[i] = (char)hs__tolower((unsigned char)text.data[i]);
    o = json_pack(
        "{s:s, s:s, s:s, s:s, s:o, s:i, s:s, s:s, s:s, s:s, s:o}", "id", pm->id,
        "url", url, "title", pm->title ? pm->title : pm->id, "date", pm->date,
        "sev_class", sev_class(pm->severity), "sev_rank",
        pm->severity ? pm->severity : 9, "severity", sev_name(pm->severity),
        "tags_csv", tags.data, "services_csv", svcs.data, "text_lower",
        text.data, "tags", labels_json(&pm->tags));
    if (pm->duration_minutes >= 0)
        json_object_set_new(o, "duration", json_integer(pm->duration_minutes));
    else
        json_object_set_new(o, "duration", json_string(""));
    json_object_set_new(o, "duration_text", json_string(dur.data));
    hs__buf_release(&dur);
    hs__buf_release(&tags);
    hs__buf_release(&svcs);
    hs__buf_release(&text);
    free(url);
    return o;
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int cmp_str_nocase(const void *a, const void *b) {
    int c = hs__strcasecmp(*(const char *const *)a, *(const char *const *)b);
    return c ? c : strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sorted distinct labels (tags and derived tags, or services) of all. */
static void all_labels(site *st, int is_service, hs_strlist *out) {
    for (size_t i = 0; i < st->n; i++) {
        const hs_postmortem *pm = st->pms[i];
        const hs_strlist *ls[2] = {is_service ? &pm->services : &pm->tags,
                                   is_service ? NULL : &pm->auto_tags};
        for (int k = 0; k < 2; k++)
            for (size_t j = 0; ls[k] && j < ls[k]->n; j++)
                hs__strlist_push(out, ls[k]->v[j]);
    }
    /* "Queue" and "queue" are one label: the first spelling stays */
    hs__qsort(out->v, out->n, sizeof(char *), cmp_str_nocase);
    {
        size_t j = 0;
        for (size_t i = 0; i < out->n; i++) {
            if (j && !hs__strcasecmp(out->v[j - 1], out->v[i])) {
                free(out->v[i]);
                continue;
            }
            out->v[j++] = out->v[i];
        }
        out->n = j;
    }
}

static int has_label(const hs_postmortem *pm, int is_service,
                     const char *name) {
    if (is_service)
        return hs__strlist_has(&pm->services, name);
    return hs__strlist_has(&pm->tags, name) ||
           hs__strlist_has(&pm->auto_tags, name);
}

/* ---------------------------------------------------------------------
 * Pages
 */

/* The index, or a tag's or service's page (label != NULL). */
static int page_list(site *st, int is_service, const char *label, hs__buf *out,
                     hs_error *err) {
    const char *root = label ? "../" : "";
    hs__buf heading = HS_BUF_INIT;
    json_t *d, *rows = json_array(), *tags, *svcs;
    hs_strlist lt = {0}, ls = {0};
    size_t shown = 0;
    int rc;
    for (size_t i = 0; i < st->n; i++)
        if (!label || has_label(st->pms[i], is_service, label)) {
            json_t *r = row_json(st->pms[i]);
            json_object_set_new(r, "root", json_string(root));
            json_array_append_new(rows, r);
            shown++;
        }
    if (label)
        hs__buf_printf(&heading, "%s %s", is_service ? "Service" : "Tag",
                       label);
    else
        hs__buf_puts(&heading, "Postmortems");
    all_labels(st, 0, &lt);
    all_labels(st, 1, &ls);
    tags = json_array();
    svcs = json_array();
    for (size_t k = 0; k < 2; k++) {
        const hs_strlist *l = k ? &ls : &lt;
        for (size_t i = 0; i < l->n; i++) {
            hs__buf lower = HS_BUF_INIT;
            for (const char *p = l->v[i]; *p; p++)
                hs__buf_putc(&lower, hs__tolower((unsigned char)*p));
            json_array_append_new(
                k ? svcs : tags,
                json_pack("{s:s, s:s}", "name", l->v[i], "value", lower.data));
            hs__buf_release(&lower);
        }
    }
    d = page_data(st, root, heading.data);
    json_object_set_new(d, "heading", json_string(heading.data));
    json_object_set_new(d, "postmortems", rows);
    json_object_set_new(d, "all_tags", tags);
    json_object_set_new(d, "all_services", svcs);
    json_object_set_new(d, "count_shown", json_integer((json_int_t)shown));
    rc = render(st, "index", d, out, err);
    json_decref(d);
    hs__strlist_release(&lt);
    hs__strlist_release(&ls);
    hs__buf_release(&heading);
    return rc;
}

/* The five most similar other postmortems. */
static json_t *similar_json(site *st, const hs_postmortem *pm) {
    hs_incident inc = {0};
    hs_results *r = NULL;
    json_t *a = json_array();
    int n = 0;
    inc.title = pm->title ? hs__xstrdup(pm->title) : NULL;
    if (pm->root_cause)
        hs__strlist_push(&inc.symptoms, pm->root_cause);
    if (pm->summary)
        hs__strlist_push(&inc.symptoms, pm->summary);
    for (size_t i = 0; i < pm->tags.n; i++)
        hs__strlist_push(&inc.tags, pm->tags.v[i]);
    if ((inc.title || inc.symptoms.n) &&
        hs_similar(st->s, &inc, 6, &r, NULL) == 0) {
        for (size_t i = 0; i < r->n && n < 5; i++) {
            const hs_hit *h = &r->hits[i];
            hs__buf m = HS_BUF_INIT;
            char *url;
            if (!strcmp(h->id, pm->id))
                continue;
            for (size_t k = 0; k < h->matched_terms.n && k < 6; k++)
                hs__buf_printf(&m, "%s%s", k ? ", " : "",
                               h->matched_terms.v[k]);
            url = pm_url(h->id);
            json_array_append_new(
                a, json_pack("{s:s, s:s, s:s, s:o, s:s, s:s, s:s}", "url", url,
                             "title", h->title ? h->title : h->id, "severity",
                             sev_name(h->severity), "sev_class",
                             sev_class(h->severity), "date", h->date, "matched",
                             m.data, "root", "../"));
            free(url);
            hs__buf_release(&m);
            n++;
        }
    }
    hs_results_free(r);
    hs_incident_release(&inc);
    return a;
}

static int page_pm(site *st, size_t idx, hs__buf *out, hs_error *err) {
    const hs_postmortem *pm = st->pms[idx];
    hs__buf md = HS_BUF_INIT, dur = HS_BUF_INIT;
    json_t *d = page_data(st, "../", pm->title ? pm->title : pm->id);
    json_t *acts = json_array(), *rec = hs__json_postmortem(pm);
    int rc;
    json_object_update(d, rec);
    json_decref(rec);
    if (!pm->title)
        json_object_set_new(d, "title", json_string(pm->id));
    if (hs__read_file(st->abspaths[idx], &md, NULL) == 0) {
        char *html = hs_markdown_to_html(md.data, md.len);
        json_object_set_new(d, "html", json_string(html));
        /* a title from front matter is not in the markdown: show it */
        json_object_set_new(d, "has_h1", json_boolean(strstr(html, "<h1")));
        free(html);
    }
    duration_text(pm->duration_minutes, &dur);
    json_object_set_new(d, "duration_text", json_string(dur.data));
    json_object_set_new(d, "severity", json_string(sev_name(pm->severity)));
    json_object_set_new(d, "sev_class", sev_class(pm->severity));
    json_object_set_new(d, "services", labels_json(&pm->services));
    json_object_set_new(d, "tags", labels_json(&pm->tags));
    json_object_set_new(d, "auto_tags", labels_json(&pm->auto_tags));
    json_object_set_new(d, "has_services", json_boolean(pm->services.n));
    json_object_set_new(d, "has_tags", json_boolean(pm->tags.n));
    json_object_set_new(d, "has_auto_tags", json_boolean(pm->auto_tags.n));
    json_object_set_new(d, "has_responders", json_boolean(pm->responders.n));
    for (size_t i = 0; i < pm->n_actions; i++) {
        const hs_action_item *a = &pm->actions[i];
        json_t *o = hs__json_action(a);
        long due = *a->due ? hs__date_days(a->due) : INT32_MIN;
        json_object_set_new(o, "status_text",
                            json_string(hs__status_words(a->status)));
        if (a->status != HS_STATUS_DONE && due != INT32_MIN &&
            due < st->as_of_days)
            json_object_set_new(o, "days_overdue",
                                json_integer(st->as_of_days - due));
        json_array_append_new(acts, o);
    }
    json_object_set_new(d, "actions", acts);
    json_object_set_new(d, "has_actions", json_boolean(pm->n_actions));
    {
        json_t *sim = similar_json(st, pm);
        json_object_set_new(d, "has_similar",
                            json_boolean(json_array_size(sim)));
        json_object_set_new(d, "similar", sim);
    }
    rc = render(st, "pm", d, out, err);
    json_decref(d);
    hs__buf_release(&md);
    hs__buf_release(&dur);
    return rc;
}

/* tags.html or services.html: every label with its count. */
static int page_labels(site *st, int is_service, hs__buf *out, hs_error *err) {
    hs_strlist l = {0};
    json_t *d, *a = json_array();
    int rc;
    all_labels(st, is_service, &l);
    for (size_t i = 0; i < l.n; i++) {
        size_t count = 0;
        char *slug = label_slug(l.v[i]);
        for (size_t k = 0; k < st->n; k++)
            count += has_label(st->pms[k], is_service, l.v[i]) != 0;
        json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:I}", "name",
                                           l.v[i], "slug", slug, "dir",
                                           is_service ? "service" : "tag",
                                           "count", (json_int_t)count));
        free(slug);
    }
    d = page_data(st, "", is_service ? "Services" : "Tags");
    json_object_set_new(d, "heading",
                        json_string(is_service ? "Services" : "Tags"));
    json_object_set_new(d, "labels", a);
    rc = render(st, "labels", d, out, err);
    json_decref(d);
    hs__strlist_release(&l);
    return rc;
}

static json_t *report_items_json(const hs_report_item *v, size_t n,
                                 int is_soon) {
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = hs__json_action(&v[i].item);
        char *url = pm_url(v[i].pm_id);
        json_object_set_new(o, "status_text",
                            json_string(hs__status_words(v[i].item.status)));
        json_object_set_new(o, "url", json_string(url));
        json_object_set_new(o, "root", json_string(""));
        json_object_set_new(
            o, "pm_title",
            json_string(v[i].pm_title ? v[i].pm_title : v[i].pm_id));
        json_object_set_new(o, "days_overdue", json_integer(v[i].days_overdue));
        json_object_set_new(o, "is_soon", json_boolean(is_soon));
        json_array_append_new(a, o);
        free(url);
    }
    return a;
}

static int page_actions(site *st, hs__buf *out, hs_error *err) {
    hs_report_opts o = {0};
    hs_report *r;
    json_t *d, *owners = json_array(), *sections;
    int rc;
    o.as_of = st->as_of;
    o.is_weekly = 1;
    rc = hs_report_build(st->s, &o, &r, err);
    if (rc)
        return rc;
    /* overdue, grouped by owner, the owners with most overdue first */
    {
        size_t *done = hs__xcalloc(r->n_overdue + 1, sizeof(size_t));
        for (;;) {
            const char *best = NULL;
            size_t best_n = 0;
            int has_best = 0;
            for (size_t i = 0; i < r->n_overdue; i++) {
                const char *ow = r->overdue[i].item.owner;
                size_t n = 0;
                if (done[i])
                    continue;
                for (size_t k = 0; k < r->n_overdue; k++)
                    if (!done[k] &&
                        ((!ow && !r->overdue[k].item.owner) ||
                         (ow && r->overdue[k].item.owner &&
                          !hs__strcasecmp(ow, r->overdue[k].item.owner))))
                        n++;
                if (!has_best || n > best_n) {
                    best = ow;
                    best_n = n;
                    has_best = 1;
                }
            }
            if (!has_best)
                break;
            {
                json_t *items = json_array(), *g;
                for (size_t k = 0; k < r->n_overdue; k++) {
                    const char *ko = r->overdue[k].item.owner;
                    if (done[k] || !((!best && !ko) ||
                                     (best && ko && !hs__strcasecmp(best, ko))))
                        continue;
                    done[k] = 1;
                    {
                        json_t *one = report_items_json(&r->overdue[k], 1, 0);
                        json_array_extend(items, one);
                        json_decref(one);
                    }
                }
                g = json_pack("{s:s, s:I, s:o}", "owner",
                              best ? best : "No owner", "n", (json_int_t)best_n,
                              "items", items);
                json_array_append_new(owners, g);
            }
        }
        free(done);
    }
    sections = json_pack(
        "[{s:s, s:I, s:b, s:o}, {s:s, s:I, s:b, s:o}, {s:s, s:I, s:b, s:o}]",
        "heading", "Due in the next 7 days", "n", (json_int_t)r->n_due_soon,
        "has_items", r->n_due_soon > 0, "items",
        report_items_json(r->due_soon, r->n_due_soon, 1), "heading",
        "Open, with no owner", "n", (json_int_t)r->n_no_owner, "has_items",
        r->n_no_owner > 0, "items",
        report_items_json(r->no_owner, r->n_no_owner, 0), "heading",
        "Open, with no due date", "n", (json_int_t)r->n_no_due_date,
        "has_items", r->n_no_due_date > 0, "items",
        report_items_json(r->no_due_date, r->n_no_due_date, 0));
    d = page_data(st, "", "Action items");
    json_object_set_new(d, "as_of", json_string(st->as_of));
    json_object_set_new(d, "n_overdue", json_integer((json_int_t)r->n_overdue));
    json_object_set_new(d, "n_due_soon",
                        json_integer((json_int_t)r->n_due_soon));
    json_object_set_new(d, "n_no_owner",
                        json_integer((json_int_t)r->n_no_owner));
    json_object_set_new(d, "n_no_due",
                        json_integer((json_int_t)r->n_no_due_date));
    json_object_set_new(d, "owners", owners);
    json_object_set_new(d, "sections", sections);
    rc = render(st, "actions", d, out, err);
    json_decref(d);
    hs_report_free(r);
    return rc;
}

/* ---------------------------------------------------------------------
 * Trends: SVG drawn here, escaped by construction (numbers and our own
 * labels; tag names go through svg_text)
 */

static void svg_text(hs__buf *b, const char *s) {
    for (; *s; s++) {
        if (*s == '<')
            hs__buf_puts(b, "&lt;");
        else if (*s == '>')
            hs__buf_puts(b, "&gt;");
        else if (*s == '&')
            hs__buf_puts(b, "&amp;");
        else if (*s == '"')
            hs__buf_puts(b, "&quot;");
        else
            hs__buf_putc(b, *s);
    }
}

/* Incidents per month, stacked by severity (unknown severity on top). */
static void chart_months(site *st, hs__buf *b) {
    long first = 0, last = 0;
    size_t n_months, max = 1;
    size_t(*counts)[5];
    const double W = 900, H = 260, L = 36, B = 40;
    for (size_t i = 0; i < st->n; i++) {
        const char *d = st->pms[i]->date;
        long m;
        if (!*d)
            continue;
        m = (d[0] - '0') * 12000L + (d[1] - '0') * 1200 + (d[2] - '0') * 120 +
            (d[3] - '0') * 12 + ((d[5] - '0') * 10 + (d[6] - '0') - 1);
        if (!first || m < first)
            first = m;
        if (m > last)
            last = m;
    }
    if (!first) {
        hs__buf_puts(b, "<p>No dated postmortems yet.</p>");
        return;
    }
    if (last - first > 119)
        first = last - 119; /* the last ten years */
    n_months = (size_t)(last - first + 1);
    counts = hs__xcalloc(n_months, sizeof(*counts));
    for (size_t i = 0; i < st->n; i++) {
        const char *d = st->pms[i]->date;
        long m;
        size_t tot = 0;
        if (!*d)
            continue;
        m = (d[0] - '0') * 12000L + (d[1] - '0') * 1200 + (d[2] - '0') * 120 +
            (d[3] - '0') * 12 + ((d[5] - '0') * 10 + (d[6] - '0') - 1);
        if (m < first)
            continue;
        counts[m - first][st->pms[i]->severity]++;
        for (int k = 0; k < 5; k++)
            tot += counts[m - first][k];
        if (tot > max)
            max = tot;
    }
    hs__buf_printf(b,
                   "<svg class=\"hs-chart\" viewBox=\"0 0 %.0f %.0f\" "
                   "role=\"img\" aria-label=\"Incidents per month by "
                   "severity\"><title>Incidents per month by severity</title>",
                   W, H);
    /* whole-number gridlines: a step of ceil(max / 4), the top at 4 steps */
    {
        size_t step = (max + 3) / 4;
        max = step * 4;
        for (int g = 0; g <= 4; g++) {
            double y = H - B - (H - B - 10) * g / 4.0;
            hs__buf_printf(b,
                           "<line class=\"grid\" x1=\"%.0f\" x2=\"%.0f\" "
                           "y1=\"%.1f\" y2=\"%.1f\"/><text class=\"label\" "
                           "x=\"%.0f\" y=\"%.1f\" "
                           "text-anchor=\"end\">%zu</text>",
                           L, W, y, y, L - 4, y + 4, step * (size_t)g);
        }
    }
    for (size_t m = 0; m < n_months; m++) {
        double bw = (W - L) / (double)n_months;
        double x = L + bw * (double)m, y = H - B;
        static const int order[5] = {1, 2, 3, 4, 0};
        for (int k = 0; k < 5; k++) {
            size_t c = counts[m][order[k]];
            double h = (H - B - 10) * (double)c / (double)max;
            if (!c)
                continue;
            y -= h;
            hs__buf_printf(b,
                           "<rect class=\"bar sev%d\" x=\"%.1f\" y=\"%.1f\" "
                           "width=\"%.1f\" height=\"%.1f\"><title>%ld-%02ld: "
                           "%zu %s</title></rect>",
                           order[k], x + 1, y, bw > 3 ? bw - 2 : bw, h,
                           (first + (long)m) / 12, (first + (long)m) % 12 + 1,
                           c, order[k] ? sev_name(order[k]) : "unknown");
        }
        if (n_months <= 24 || m % (n_months / 12 + 1) == 0)
            hs__buf_printf(b,
                           "<text class=\"label\" x=\"%.1f\" y=\"%.0f\" "
                           "text-anchor=\"middle\">%ld-%02ld</text>",
                           x + bw / 2, H - B + 16, (first + (long)m) / 12,
                           (first + (long)m) % 12 + 1);
    }
    hs__buf_printf(b,
                   "<line class=\"axis\" x1=\"%.0f\" x2=\"%.0f\" y1=\"%.0f\" "
                   "y2=\"%.0f\"/></svg>",
                   L, W, H - B, H - B);
    free(counts);
}

static int cmp_int(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Median and longest duration per severity, as horizontal bars. */
static size_t chart_durations(site *st, hs__buf *b) {
    int *v[5];
    size_t n[5] = {0}, total = 0;
    int longest = 1;
    const double W = 900, row = 34, L = 90;
    for (int k = 0; k < 5; k++)
        v[k] = hs__xcalloc(st->n + 1, sizeof(int));
    for (size_t i = 0; i < st->n; i++) {
        int d = st->pms[i]->duration_minutes, sev = st->pms[i]->severity;
        if (d < 0)
            continue;
        v[sev][n[sev]++] = d;
        total++;
        if (d > longest)
            longest = d;
    }
    hs__buf_printf(b,
                   "<svg class=\"hs-chart\" viewBox=\"0 0 %.0f %.0f\" "
                   "role=\"img\" aria-label=\"Time to resolve by severity\">"
                   "<title>Time to resolve by severity</title>",
                   W, row * 5 + 10);
    for (int k = 1; k <= 5; k++) {
        int sev = k == 5 ? 0 : k;
        double y = row * (k - 1) + 6;
        hs__buf_printf(b, "<text class=\"label\" x=\"4\" y=\"%.0f\">%s</text>",
                       y + 18, sev ? sev_name(sev) : "unknown");
        if (!n[sev]) {
            hs__buf_printf(b,
                           "<text class=\"label\" x=\"%.0f\" y=\"%.0f\">no "
                           "durations</text>",
                           L, y + 18);
            continue;
        }
        hs__qsort(v[sev], n[sev], sizeof(int), cmp_int);
        {
            int med = v[sev][n[sev] / 2], max = v[sev][n[sev] - 1];
            /* the right 300 units are kept for the label */
            double scale = (W - L - 300) / (double)longest;
            hs__buf_printf(b,
                           "<rect class=\"bar sev%d\" x=\"%.0f\" y=\"%.0f\" "
                           "width=\"%.1f\" height=\"22\"><title>median %d "
                           "min</title></rect><line class=\"axis\" "
                           "x1=\"%.1f\" x2=\"%.1f\" y1=\"%.0f\" y2=\"%.0f\"/>"
                           "<text class=\"label\" x=\"%.1f\" y=\"%.0f\">median "
                           "%d min, longest %d min (%zu)</text>",
                           sev, L, y, med * scale + 1, med, L + max * scale,
                           L + max * scale, y, y + 22, L + max * scale + 6,
                           y + 16, med, max, n[sev]);
        }
    }
    hs__buf_puts(b, "</svg>");
    for (int k = 0; k < 5; k++)
        free(v[k]);
    return total;
}

typedef struct tag_count {
    const char *name;
    size_t n;
} tag_count;

static int cmp_tag_count(const void *a, const void *b) {
    const tag_count *x = a, *y = b;
    if (x->n != y->n)
        return x->n < y->n ? 1 : -1;
    return strcmp(x->name, y->name);
}

static void chart_tags(site *st, hs__buf *b) {
    hs_strlist l = {0};
    tag_count *tc;
    size_t shown;
    const double W = 900, row = 24, L = 170;
    all_labels(st, 0, &l);
    tc = hs__xcalloc(l.n + 1, sizeof(*tc));
    for (size_t i = 0; i < l.n; i++) {
        tc[i].name = l.v[i];
        for (size_t k = 0; k < st->n; k++)
            tc[i].n += has_label(st->pms[k], 0, l.v[i]) != 0;
    }
    hs__qsort(tc, l.n, sizeof(*tc), cmp_tag_count);
    shown = l.n < 15 ? l.n : 15;
    hs__buf_printf(b,
                   "<svg class=\"hs-chart\" viewBox=\"0 0 %.0f %.0f\" "
                   "role=\"img\" aria-label=\"Top tags\"><title>Top "
                   "tags</title>",
                   W, row * (double)shown + 10);
    for (size_t i = 0; i < shown; i++) {
        double w = (W - L - 60) * (double)tc[i].n / (double)tc[0].n;
        double y = row * (double)i + 4;
        hs__buf_printf(b,
                       "<text class=\"label\" x=\"%.0f\" y=\"%.0f\" "
                       "text-anchor=\"end\">",
                       L - 6, y + 15);
        svg_text(b, tc[i].name);
        hs__buf_printf(b,
                       "</text><rect class=\"bar sev0\" x=\"%.0f\" "
                       "y=\"%.0f\" width=\"%.1f\" height=\"18\"/><text "
                       "class=\"label\" x=\"%.1f\" y=\"%.0f\">%zu</text>",
                       L, y, w, L + w + 6, y + 15, tc[i].n);
    }
    hs__buf_puts(b, "</svg>");
    free(tc);
    hs__strlist_release(&l);
}

static int page_trends(site *st, hs__buf *out, hs_error *err) {
    hs__buf months = HS_BUF_INIT, durs = HS_BUF_INIT, tags = HS_BUF_INIT;
    json_t *d = page_data(st, "", "Trends");
    size_t n_dur;
    int rc;
    chart_months(st, &months);
    n_dur = chart_durations(st, &durs);
    chart_tags(st, &tags);
    json_object_set_new(d, "chart_months", json_string(months.data));
    json_object_set_new(d, "chart_durations", json_string(durs.data));
    json_object_set_new(d, "chart_tags", json_string(tags.data));
    json_object_set_new(d, "n_with_duration", json_integer((json_int_t)n_dur));
    rc = render(st, "trends", d, out, err);
    json_decref(d);
    hs__buf_release(&months);
    hs__buf_release(&durs);
    hs__buf_release(&tags);
    return rc;
}

/* search-index.js: what the search box searches with no server. */
static void search_index(site *st, hs__buf *out) {
    json_t *docs = json_array(), *root;
    char *s;
    for (size_t i = 0; i < st->n; i++) {
        const hs_postmortem *pm = st->pms[i];
        hs__buf text = HS_BUF_INIT;
        char *url = pm_url(pm->id);
        json_t *tags = json_array(), *svcs = json_array();
        if (pm->root_cause)
            hs__buf_puts(&text, pm->root_cause);
        if (pm->summary) {
            hs__buf_putc(&text, ' ');
            hs__buf_puts(&text, pm->summary);
        }
        if (text.len > 600) {
            size_t n = 600;
            while (n && (text.data[n] & 0xC0) == 0x80)
                n--; /* never cut a UTF-8 sequence */
            hs__buf_truncate(&text, n);
        }
        for (size_t k = 0; k < pm->tags.n; k++)
            json_array_append_new(tags, json_string(pm->tags.v[k]));
        for (size_t k = 0; k < pm->auto_tags.n; k++)
            json_array_append_new(tags, json_string(pm->auto_tags.v[k]));
        for (size_t k = 0; k < pm->services.n; k++)
            json_array_append_new(svcs, json_string(pm->services.v[k]));
        json_array_append_new(
            docs,
            json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:s}", "id", pm->id,
                      "url", url, "title", pm->title ? pm->title : pm->id,
                      "date", *pm->date ? json_string(pm->date) : json_null(),
                      "severity",
                      pm->severity ? json_string(sev_name(pm->severity))
                                   : json_null(),
                      "tags", tags, "services", svcs, "text", text.data));
        hs__buf_release(&text);
        free(url);
    }
    root = json_pack("{s:o}", "docs", docs);
    /* ASCII only: no U+2028 or stray bytes can end the script early */
    s = json_dumps(root, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(root);
    if (!s)
        HS_BUG("json_dumps failed");
    hs__buf_puts(out, "window.HINDSIGHT_INDEX = ");
    /* '<' only occurs inside strings: as \u003c no "</script" or "<!--" */
    for (const char *c = s; *c; c++) {
        if (*c == '<')
            hs__buf_puts(out, "\\u003c");
        else
            hs__buf_putc(out, *c);
    }
    hs__buf_puts(out, ";\n");
    free(s);
}

static int page_alerts(site *st, hs__buf *out, hs_error *err) {
    char *text = NULL;
    json_t *j, *alerts, *a, *d;
    size_t i;
    int rc = hs_alerts_json(st->s, 200, &text, err);
    if (rc)
        return rc;
    j = json_loads(text, 0, NULL);
    free(text);
    alerts = json_object_get(j, "alerts");
    json_array_foreach(alerts, i, a) {
        json_t *matches = json_object_get(a, "matches"), *m;
        size_t k;
        json_array_foreach(matches, k, m) {
            const char *id = json_string_value(json_object_get(m, "id"));
            char *slug = slug_of(id ? id : "");
            json_object_set_new(m, "slug", json_string(slug));
            json_object_set_new(m, "n_open",
                                json_integer((json_int_t)json_array_size(
                                    json_object_get(m, "open_action_items"))));
            free(slug);
        }
    }
    d = page_data(st, "", "Alerts");
    json_object_set(d, "alerts", alerts ? alerts : json_array());
    rc = render(st, "alerts", d, out, err);
    json_decref(d);
    json_decref(j);
    return rc;
}

/* ---------------------------------------------------------------------
 * Writing files
 */

/* mkdir -p for the folders of `path`. */
static int make_dirs(const char *path, hs_error *err) {
    hs__buf b = HS_BUF_INIT;
    int rc = 0;
    hs__buf_puts(&b, path);
    for (size_t i = 1; i < b.len && rc == 0; i++) {
        if (b.data[i] != '/')
            continue;
        b.data[i] = '\0';
        if (mkdir(b.data, 0777) != 0 && errno != EEXIST)
            rc = hs__seterr(err, HS_EIO, "cannot create folder '%s': %s",
                            b.data, strerror(errno));
        b.data[i] = '/';
    }
    hs__buf_release(&b);
    return rc;
}

/* Does the file at `path` hold exactly these bytes? Compared in chunks,
 * so a large index page costs no second copy in memory. */
static int same_content(const char *path, const char *data, size_t len) {
    char chunk[65536];
    struct stat sb;
    size_t off = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC), is_same;
    if (fd < 0)
        return 0;
    is_same = fstat(fd, &sb) == 0 && (uint64_t)sb.st_size == len;
    while (is_same && off < len) {
        ssize_t n = read(fd, chunk, sizeof(chunk));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0 || (size_t)n > len - off ||
            memcmp(chunk, data + off, (size_t)n))
            is_same = 0;
        else
            off += (size_t)n;
    }
    close(fd);
    return is_same;
}

/* Write `data` to out_dir/rel unless the file already holds those bytes. */
static int put_file(const char *out_dir, const char *rel, const char *data,
                    size_t len, hs_site_stats *stats, hs_error *err) {
    hs__buf path = HS_BUF_INIT, tmp = HS_BUF_INIT;
    int rc = 0, fd;
    hs__buf_printf(&path, "%s/%s", out_dir, rel);
    stats->pages++;
    if (same_content(path.data, data, len)) {
        stats->unchanged++;
        goto out;
    }
    rc = make_dirs(path.data, err);
    if (rc)
        goto out;
    hs__buf_printf(&tmp, "%s.tmp%ld", path.data, (long)getpid());
    fd = open(tmp.data, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) {
        rc = hs__seterr(err, HS_EIO, "cannot write '%s': %s", tmp.data,
                        strerror(errno));
        goto out;
    }
    for (size_t off = 0; off < len;) {
        ssize_t n = write(fd, data + off, len - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            rc = hs__seterr(err, errno == ENOSPC ? HS_EFULL : HS_EIO,
                            "cannot write '%s': %s", tmp.data, strerror(errno));
            break;
        }
        off += (size_t)n;
    }
    if (close(fd) != 0 && rc == 0)
        rc = hs__seterr(err, HS_EIO, "cannot write '%s': %s", tmp.data,
                        strerror(errno));
    if (rc == 0 && rename(tmp.data, path.data) != 0)
        rc = hs__seterr(err, HS_EIO, "cannot write '%s': %s", path.data,
                        strerror(errno));
    if (rc)
        unlink(tmp.data);
    else
        stats->written++;
out:
    hs__buf_release(&path);
    hs__buf_release(&tmp);
    return rc;
}

static int put_buf(const char *out_dir, const char *rel, hs__buf *b,
                   hs_site_stats *stats, hs_error *err) {
    int rc = put_file(out_dir, rel, b->data, b->len, stats, err);
    hs__buf_reset(b);
    return rc;
}

/*
 * Remove the .html pages under out_dir/dir that this build did not write
 * (postmortems, tags or services that are gone). `keep` is sorted.
 */
static void remove_stale(const char *out_dir, const char *dir,
                         const hs_strlist *keep, hs_site_stats *stats) {
    hs__buf p = HS_BUF_INIT;
    DIR *d;
    struct dirent *e;
    hs__buf_printf(&p, "%s/%s", out_dir, dir);
    d = opendir(p.data);
    while (d && (e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        hs__buf rel = HS_BUF_INIT;
        const char *key;
        if (n < 6 || strcmp(e->d_name + n - 5, ".html"))
            continue;
        hs__buf_printf(&rel, "%s/%s", dir, e->d_name);
        key = rel.data;
        if (!bsearch(&key, keep->v, keep->n, sizeof(char *), cmp_str)) {
            hs__buf full = HS_BUF_INIT;
            hs__buf_printf(&full, "%s/%s", out_dir, rel.data);
            if (unlink(full.data) == 0)
                stats->removed++;
            hs__buf_release(&full);
        }
        hs__buf_release(&rel);
    }
    if (d)
        closedir(d);
    hs__buf_release(&p);
}

/* Write every labelled page (tag/ or service/) and note it in `kept`. */
static int put_label_pages(site *st, const char *out_dir, int is_service,
                           hs_strlist *kept, hs_site_stats *stats,
                           hs_error *err) {
    hs_strlist l = {0};
    hs__buf page = HS_BUF_INIT, rel = HS_BUF_INIT;
    int rc = 0;
    all_labels(st, is_service, &l);
    for (size_t i = 0; i < l.n && rc == 0; i++) {
        hs__buf_reset(&rel);
        char *slug = label_slug(l.v[i]);
        hs__buf_puts(&rel, is_service ? "service/" : "tag/");
        hs__buf_puts(&rel, slug);
        hs__buf_puts(&rel, ".html");
        free(slug);
        rc = page_list(st, is_service, l.v[i], &page, err);
        if (rc == 0)
            rc = put_buf(out_dir, rel.data, &page, stats, err);
        hs__strlist_push(kept, rel.data);
    }
    hs__strlist_release(&l);
    hs__buf_release(&page);
    hs__buf_release(&rel);
    return rc;
}

int hs_site_build(hs_store *s, const char *out_dir, const char *as_of,
                  hs_site_stats *stats, hs_error *err) {
    site st;
    hs__buf page = HS_BUF_INIT;
    hs_strlist kept = {0};
    int rc;
    memset(stats, 0, sizeof(*stats));
    rc = site_init(&st, s, 0, as_of, err);
    if (rc == 0 && mkdir(out_dir, 0777) != 0 && errno != EEXIST)
        rc = hs__seterr(err, HS_EIO, "cannot create folder '%s': %s", out_dir,
                        strerror(errno));
    for (size_t i = 0; rc == 0 && i < hs__n_assets; i++)
        if (!strncmp(hs__assets[i].name, "web/", 4))
            rc = put_file(out_dir, hs__assets[i].name, hs__assets[i].data,
                          hs__assets[i].len, stats, err);
    if (rc == 0)
        rc = page_list(&st, 0, NULL, &page, err);
    if (rc == 0)
        rc = put_buf(out_dir, "index.html", &page, stats, err);
    for (size_t i = 0; rc == 0 && i < st.n; i++) {
        char *url = pm_url(st.pms[i]->id);
        rc = page_pm(&st, i, &page, err);
        if (rc == 0)
            rc = put_buf(out_dir, url, &page, stats, err);
        hs__strlist_push(&kept, url);
        free(url);
    }
    if (rc == 0)
        rc = put_label_pages(&st, out_dir, 0, &kept, stats, err);
    if (rc == 0)
        rc = put_label_pages(&st, out_dir, 1, &kept, stats, err);
    if (rc == 0)
        rc = page_labels(&st, 0, &page, err);
    if (rc == 0)
        rc = put_buf(out_dir, "tags.html", &page, stats, err);
    if (rc == 0)
        rc = page_labels(&st, 1, &page, err);
    if (rc == 0)
        rc = put_buf(out_dir, "services.html", &page, stats, err);
    if (rc == 0)
        rc = page_actions(&st, &page, err);
    if (rc == 0)
        rc = put_buf(out_dir, "actions.html", &page, stats, err);
    if (rc == 0)
        rc = page_trends(&st, &page, err);
    if (rc == 0)
        rc = put_buf(out_dir, "trends.html", &page, stats, err);
    if (rc == 0) {
        search_index(&st, &page);
        rc = put_buf(out_dir, "search-index.js", &page, stats, err);
    }
    if (rc == 0) {
        hs__qsort(kept.v, kept.n, sizeof(char *), cmp_str);
        remove_stale(out_dir, "pm", &kept, stats);
        remove_stale(out_dir, "tag", &kept, stats);
        remove_stale(out_dir, "service", &kept, stats);
    }
    hs__strlist_release(&kept);
    hs__buf_release(&page);
    site_release(&st);
    return rc;
}

/* "pm/SLUG.html" -> the id; -1 if `path` is not dir/SLUG.html. */
static int path_label(const char *path, const char *dir, hs__buf *out) {
    size_t dl = strlen(dir), n = strlen(path);
    if (strncmp(path, dir, dl) || path[dl] != '/' || n < dl + 7 ||
        strcmp(path + n - 5, ".html"))
        return -1;
    return hs__unslug(path + dl + 1, n - dl - 6, out);
}

int hs_site_page(hs_store *s, const char *path, char **out, size_t *len,
                 const char **content_type, hs_error *err) {
    site st;
    hs__buf page = HS_BUF_INIT, label = HS_BUF_INIT;
    const hs__asset *a;
    int rc;
    *out = NULL;
    *len = 0;
    *content_type = "text/html; charset=utf-8";
    if (!*path)
        path = "index.html";
    if (!strncmp(path, "web/", 4) && (a = hs__asset_find(path)) != NULL) {
        size_t n = strlen(path);
        *content_type = n > 4 && !strcmp(path + n - 4, ".css")
                            ? "text/css; charset=utf-8"
                            : "text/javascript; charset=utf-8";
        *out = hs__xstrndup(a->data, a->len);
        *len = a->len;
        return 0;
    }
    rc = site_init(&st, s, 1, NULL, err);
    if (rc == 0) {
        if (!strcmp(path, "index.html"))
            rc = page_list(&st, 0, NULL, &page, err);
        else if (!strcmp(path, "tags.html"))
            rc = page_labels(&st, 0, &page, err);
        else if (!strcmp(path, "services.html"))
            rc = page_labels(&st, 1, &page, err);
        else if (!strcmp(path, "actions.html"))
            rc = page_actions(&st, &page, err);
        else if (!strcmp(path, "trends.html"))
            rc = page_trends(&st, &page, err);
        else if (!strcmp(path, "alerts.html"))
            rc = page_alerts(&st, &page, err);
        else if (!strcmp(path, "search-index.js")) {
            search_index(&st, &page);
            *content_type = "text/javascript; charset=utf-8";
        } else if (path_label(path, "pm", &label) == 0) {
            size_t i;
            for (i = 0; i < st.n; i++)
                if (!strcmp(st.pms[i]->id, label.data))
                    break;
            rc = i < st.n ? page_pm(&st, i, &page, err)
                          : hs__seterr(err, HS_ENOTFOUND, "no such page");
        } else if (path_label(path, "tag", &label) == 0 ||
                   (hs__buf_reset(&label),
                    path_label(path, "service", &label) == 0)) {
            int is_service = !strncmp(path, "service/", 8);
            size_t i;
            for (i = 0; i < st.n; i++)
                if (has_label(st.pms[i], is_service, label.data))
                    break;
            rc = i < st.n ? page_list(&st, is_service, label.data, &page, err)
                          : hs__seterr(err, HS_ENOTFOUND, "no such page");
        } else {
            rc = hs__seterr(err, HS_ENOTFOUND, "no such page");
        }
    }
    if (rc == 0)
        *out = hs__buf_detach(&page, len);
    hs__buf_release(&page);
    hs__buf_release(&label);
    site_release(&st);
    return rc;
}
