/*
 * The web view: pages rendered from templates/ (compiled into the program)
 * with data built here as jansson values, for `site --out DIR` (static,
 * relative links, works from file://) and for `serve` (the same pages live,
 * with the search box on /api/search and the received-alerts page). Every
 * value from a postmortem reaches HTML through the template engine's
 * escaping; only cmark-gfm's safe-mode HTML and our own SVG are inserted
 * raw. Writes only files whose bytes change.
 */
#include "web/site.h"
#include "base/buf.h"
#include "base/error.h"
#include "base/text.h"
#include "base/thread.h"
#include "base/util.h"
#include "model/json.h"
#include "model/normalize.h"
#include "model/record.h"
#include "query/pages.h"
#include "query/related.h"
#include "query/report.h"
#include "store/index.h"
#include "store/state.h"
#include "web/assets.h"
#include "web/tmpl.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/banned.h"

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

typedef hs__site site;

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

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void site_release(site *st) {
    for (size_t i = 0; i < st->n; i++) {
        hs_postmortem_free(st->pms[i]);
        free(st->abspaths[i]);
    }
    free(st->pms);
    free(st->abspaths);
    for (size_t i = 0; st->family && i < st->n; i++)
        json_decref(st->family[i]);
    free(st->family);
    for (size_t i = 0; st->similar && i < st->n; i++)
        json_decref(st->similar[i]);
    free(st->similar);
    hs__site_labels_release(st);
    for (size_t i = 0; i < st->n_tmpls; i++)
        hs__tmpl_free(st->tmpls[i]);
}

/*
 * Load the site's data: every postmortem, or (only_id) just that one, for
 * a live postmortem page, which needs no other record, or (only_id "")
 * none, for a live page that asks the index for what it shows.
 */
static int site_init(site *st, hs_store *s, int is_live, const char *as_of,
                     const char *only_id, hs_error *err) {
    int rc;
    memset(st, 0, sizeof(*st));
    st->s = s;
    st->is_live = is_live;
    if (as_of) {
        if (hs__date_days(as_of) == INT32_MIN)
            return hs__seterr(err, HS_EINVAL, "as-of date '%s' is not valid",
                              as_of);
        memcpy(st->as_of, as_of, HS_DATE_LEN);
    } else {
        hs__date_today(st->as_of);
    }
    st->as_of_days = hs__date_days(st->as_of);
    if (only_id && !*only_id) /* a live page that needs no record */
        rc = 0;
    else
        rc = only_id ? hs_store_each_id(s, only_id, collect_pm, st, err)
                     : hs_store_each(s, collect_pm, st, err);
    st->count = st->n;
    if (rc == 0 && only_id) {
        int n = hs_store_count(s, err);
        rc = n < 0 ? n : 0;
        st->count = n < 0 ? st->n : (size_t)n;
    }
    if (rc == 0) { /* site_init's were of no rows */
        hs__site_labels_release(st);
        hs__site_labels_init(st);
    }
    return rc;
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
                     HS_VERSION, "count", (json_int_t)st->count, "generated",
                     st->as_of);
}

/* ---------------------------------------------------------------------
 * Pieces of data
 */

/* "SEV1".."SEV4", or "" */
static const char *sev_name(int s) {
    const char *name = hs_severity_name(s);
    return name ? name : "";
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

/* ---------------------------------------------------------------------
 * Pages
 */

/* Filter options of the list: tags or services, lower case as values. */
static json_t *filter_options(const hs_strlist *l) {
    json_t *a = json_array();
    for (size_t i = 0; i < l->n; i++) {
        hs__buf lower = HS_BUF_INIT;
        for (const char *p = l->v[i]; *p; p++)
            hs__buf_putc(&lower, hs__tolower((unsigned char)*p));
        json_array_append_new(
            a, json_pack("{s:s, s:s}", "name", l->v[i], "value", lower.data));
        hs__buf_release(&lower);
    }
    return a;
}

/* Every tag or service name: the site's, or the index's when live. */
static int list_labels(site *st, int is_service, hs_strlist *out,
                       hs_error *err) {
    hs__label_count *lc;
    size_t n;
    int rc;
    if (!st->is_live) {
        hs__site_all_labels(st, is_service, out);
        return 0;
    }
    rc = hs__label_counts(st->s, is_service, 1, &lc, &n, err);
    for (size_t i = 0; rc == 0 && i < n; i++)
        hs__strlist_push(out, lc[i].name);
    if (rc == 0)
        hs__label_counts_free(lc, n);
    return rc;
}

/*
 * The label as the postmortems write it ("Kubernetes" for the page of
 * "kubernetes"): the index keeps labels in lower case, so a live page
 * takes its spelling from the first row that has it, as the static site
 * shows it; `label` itself when no row does.
 */
static const char *written_label(const hs__list *page, int is_service,
                                 const char *label) {
    for (size_t k = 0; k < page->n; k++) {
        const hs_postmortem *pm = page->pms[k];
        const hs_strlist *l = is_service ? &pm->services : &pm->tags;
        for (size_t i = 0; i < l->n; i++)
            if (!hs__strcasecmp(l->v[i], label))
                return l->v[i];
    }
    return label;
}

/*
 * The index, or a tag's or service's page (label != NULL): the first
 * HS__PAGE_ROWS rows, newest first, and the count of all; app.js pages,
 * sorts and filters the whole set from there (data/rows.js, or the API
 * when live). Static pages take the rows from the loaded site, live ones
 * ask the index for this page only, so neither grows with the library.
 */
static int page_list(site *st, int is_service, const char *label, hs__buf *out,
                     hs_error *err) {
    const char *root = label ? "../" : "";
    hs__buf heading = HS_BUF_INIT, lower = HS_BUF_INIT;
    json_t *d, *rows = json_array();
    hs_strlist lt = {0}, ls = {0};
    hs__list page = {0};
    size_t shown = 0, total;
    int rc = 0;
    if (label)
        for (const char *p = label; *p; p++)
            hs__buf_putc(&lower, hs__tolower((unsigned char)*p));
    if (st->is_live) {
        hs__list_opts o = {0};
        o.is_desc = 1;
        o.limit = HS__PAGE_ROWS;
        if (label && is_service)
            o.service = label;
        else if (label)
            o.tag = label;
        rc = hs__list_page(st->s, &o, &page, err);
        total = page.total;
        for (size_t k = 0; k < page.n; k++) {
            json_t *r = row_json(page.pms[k]);
            json_object_set_new(r, "root", json_string(root));
            json_array_append_new(rows, r);
            shown++;
        }
    } else {
        long li = label ? hs__site_label_index(st, is_service, label) : -1;
        total = !label ? st->n : li >= 0 ? st->label_n[is_service][li] : 0;
        for (size_t k = 0; k < total && k < HS__PAGE_ROWS; k++) {
            size_t i = label ? st->label_pms[is_service][li][k] : k;
            json_t *r = row_json(st->pms[i]);
            json_object_set_new(r, "root", json_string(root));
            json_array_append_new(rows, r);
            shown++;
        }
    }
    if (label)
        hs__buf_printf(&heading, "%s %s", is_service ? "Service" : "Tag",
                       st->is_live ? written_label(&page, is_service, label)
                                   : label);
    else
        hs__buf_puts(&heading, "Postmortems");
    if (!st->is_live && label) {
        /* only what the page's filter can narrow to: a page per label,
         * each listing every label, made the site quadratic (issue 12) */
        long li = hs__site_label_index(st, is_service, label);
        const size_t *pms = li >= 0 ? st->label_pms[is_service][li] : NULL;
        hs__site_labels_of(st, 0, pms, total, &lt);
        hs__site_labels_of(st, 1, pms, total, &ls);
    } else {
        if (rc == 0)
            rc = list_labels(st, 0, &lt, err);
        if (rc == 0)
            rc = list_labels(st, 1, &ls, err);
    }
    d = page_data(st, root, heading.data);
    json_object_set_new(d, "heading", json_string(heading.data));
    json_object_set_new(d, "postmortems", rows);
    json_object_set_new(d, "all_tags", filter_options(&lt));
    json_object_set_new(d, "all_services", filter_options(&ls));
    json_object_set_new(d, "count_shown", json_integer((json_int_t)shown));
    json_object_set_new(d, "count_total", json_integer((json_int_t)total));
    json_object_set_new(d, "page_size", json_integer(HS__PAGE_ROWS));
    json_object_set_new(d, "is_paged", json_boolean(total > shown));
    if (total > shown) {
        char next[HS__CURSOR_LEN];
        hs__list_cursor(shown, next);
        json_object_set_new(d, "next", json_string(next));
    }
    if (label)
        json_object_set_new(d, is_service ? "fixed_service" : "fixed_tag",
                            json_string(lower.data));
    if (rc == 0)
        rc = render(st, "index", d, out, err);
    json_decref(d);
    hs__list_release(&page);
    hs_strlist_release(&lt);
    hs_strlist_release(&ls);
    hs__buf_release(&heading);
    hs__buf_release(&lower);
    return rc;
}

static json_t *similar_item(const hs_postmortem *pm, const hs_strlist *terms) {
    hs__buf m = HS_BUF_INIT;
    char *url = pm_url(pm->id);
    json_t *o;
    for (size_t k = 0; k < terms->n && k < HS__RELATED_TERMS; k++)
        hs__buf_printf(&m, "%s%s", k ? ", " : "", terms->v[k]);
    o = json_pack("{s:s, s:s, s:s, s:o, s:s, s:s, s:s}", "url", url, "title",
                  pm->title ? pm->title : pm->id, "severity",
                  sev_name(pm->severity), "sev_class", sev_class(pm->severity),
                  "date", pm->date, "matched", m.data, "root", "../");
    free(url);
    hs__buf_release(&m);
    return o;
}

/* similar_item with the shared terms as the index keeps them, joined. */
static json_t *similar_item_joined(const hs_postmortem *pm, const char *terms) {
    hs_strlist shown = {0};
    json_t *o;
    if (*terms)
        hs__strlist_push(&shown, terms);
    o = similar_item(pm, &shown);
    hs_strlist_release(&shown);
    return o;
}

/*
 * The HS__RELATED_K most similar other postmortems, as the index's
 * `related` table lists them (related.c, written with the families): a
 * static build reads the table once (similar_all), a live page its own
 * rows, so both show the same.
 */
static json_t *similar_json(site *st, size_t idx) {
    hs_strlist ids = {0}, terms = {0};
    json_t *a;
    if (st->similar)
        return json_incref(st->similar[idx]);
    a = json_array();
    if (hs__related_of(st->s, st->pms[idx]->id, &ids, &terms, NULL) == 0) {
        for (size_t k = 0; k < ids.n; k++) {
            site one;
            if (site_init(&one, st->s, 1, st->as_of, ids.v[k], NULL) != 0)
                continue;
            if (one.n == 1)
                json_array_append_new(
                    a, similar_item_joined(one.pms[0], terms.v[k]));
            site_release(&one);
        }
    }
    hs_strlist_release(&ids);
    hs_strlist_release(&terms);
    return a;
}

typedef struct id_at {
    const char *id;
    size_t i;
} id_at;

static int cmp_id_at(const void *a, const void *b) {
    return strcmp(((const id_at *)a)->id, ((const id_at *)b)->id);
}

static const id_at *find_id(const id_at *by_id, size_t n, const char *id) {
    id_at key = {id, 0};
    return n ? bsearch(&key, by_id, n, sizeof(id_at), cmp_id_at) : NULL;
}

/* The related list of pms[idx] (static builds: read for a batch of pages
 * before they render on several threads), from the index's `related`
 * rows, leaving out those no longer in the site. */
static json_t *similar_static(site *st, const id_at *by_id,
                              hs__related_reader *r, size_t idx, hs_error *err,
                              int *rc) {
    hs_strlist ids = {0}, terms = {0};
    json_t *a = json_array();
    *rc = hs__related_reader_of(r, st->pms[idx]->id, &ids, &terms, err);
    for (size_t k = 0; *rc == 0 && k < ids.n; k++) {
        const id_at *b = find_id(by_id, st->n, ids.v[k]);
        if (b)
            json_array_append_new(
                a, similar_item_joined(st->pms[b->i], terms.v[k]));
    }
    hs_strlist_release(&ids);
    hs_strlist_release(&terms);
    return a;
}

static const char *ordinal_suffix(size_t n) {
    if (n % 100 >= 11 && n % 100 <= 13)
        return "th";
    return n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
}

/*
 * "3rd incident of this kind in 12 months": the postmortem's family
 * (family.c) as {note, members: [{url, title, date, root}]}, or NULL when
 * it is alone. The note counts the family's postmortems dated in the 365
 * days up to this one's date, itself included; the members are the
 * others, newest first.
 */
static json_t *family_block(site *st, const hs_postmortem *pm) {
    hs_family f = {0};
    json_t *members, *o;
    long day = *pm->date ? hs__date_days(pm->date) : INT32_MIN;
    size_t in_year = 0;
    hs__buf note = HS_BUF_INIT;
    if (hs_family_of(st->s, pm->id, &f, NULL) != 0 || f.n < 2) {
        hs_family_release(&f);
        return NULL;
    }
    members = json_array();
    for (size_t i = 0; i < f.n; i++) {
        long d = *f.v[i].date ? hs__date_days(f.v[i].date) : INT32_MIN;
        char *url;
        if (day != INT32_MIN && d != INT32_MIN && d <= day && d > day - 365)
            in_year++;
        if (!strcmp(f.v[i].id, pm->id))
            continue;
        url = pm_url(f.v[i].id);
        json_array_append_new(
            members, json_pack("{s:s, s:s, s:s, s:s}", "url", url, "title",
                               f.v[i].title ? f.v[i].title : f.v[i].id, "date",
                               f.v[i].date, "root", "../"));
        free(url);
    }
    if (in_year >= 2)
        hs__buf_printf(&note, "%zu%s incident of this kind in 12 months",
                       in_year, ordinal_suffix(in_year));
    else
        hs__buf_printf(&note, "%zu incidents of this kind", f.n);
    o = json_pack("{s:s, s:o}", "note", note.data, "members", members);
    hs__buf_release(&note);
    hs_family_release(&f);
    return o;
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
        json_t *fam =
            st->family ? json_incref(st->family[idx]) : family_block(st, pm);
        if (fam)
            json_object_set_new(d, "family", fam);
    }
    {
        json_t *sim = similar_json(st, idx);
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

/*
 * tags.html or services.html: every label with its count, counted by the
 * index (labels as it keeps them, in lower case), static and live alike.
 */
static int page_labels(site *st, int is_service, hs__buf *out, hs_error *err) {
    hs__label_count *lc = NULL;
    size_t n = 0;
    json_t *d, *a = json_array();
    int rc = hs__label_counts(st->s, is_service, 0, &lc, &n, err);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        char *slug = label_slug(lc[i].name);
        json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:I}", "name",
                                           lc[i].name, "slug", slug, "dir",
                                           is_service ? "service" : "tag",
                                           "count", (json_int_t)lc[i].n));
        free(slug);
    }
    d = page_data(st, "", is_service ? "Services" : "Tags");
    json_object_set_new(d, "heading",
                        json_string(is_service ? "Services" : "Tags"));
    json_object_set_new(d, "labels", a);
    if (rc == 0)
        rc = render(st, "labels", d, out, err);
    json_decref(d);
    hs__label_counts_free(lc, n);
    return rc;
}

static json_t *report_items_json(const hs_report_item *v, size_t n,
                                 int is_soon) {
    json_t *a = json_array();
    if (n > HS__PAGE_ROWS)
        n = HS__PAGE_ROWS; /* the first screen; the rest is in the API */
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

/*
 * actions.html: the first screen of each list, read a page at a time by
 * report_page.c, with the counts of the whole lists, and the owners with
 * most overdue (an owner a line: thousands at 100k postmortems); the rest
 * is in the API (live) or `hindsight report`.
 */
#define OWNERS_SHOWN 50

static int page_actions(site *st, hs__buf *out, hs_error *err) {
    hs_report_opts o = {0};
    hs_report *r;
    hs__report_counts cnt;
    hs__owner_groups g;
    json_t *d, *owners = json_array(), *sections;
    size_t n_groups = 0;
    int rc, has_more;
    o.as_of = st->as_of;
    o.is_weekly = 1;
    rc = hs__report_page(st->s, &o, 0, HS__PAGE_ROWS, &r, &has_more, err);
    if (rc)
        return rc;
    rc = hs__report_count(st->s, r, &cnt, err);
    if (rc == 0)
        rc = hs__report_owner_page(st->s, r, HS__PAGE_ROWS, OWNERS_SHOWN, &g,
                                   &n_groups, err);
    if (rc) {
        hs_report_free(r);
        return rc;
    }
    /* overdue, grouped by owner, the owners with most overdue first; at
     * most HS__PAGE_ROWS items on the page, however many owners */
    for (size_t k = 0; k < g.n; k++) {
        json_t *items = json_array();
        for (size_t j = 0; j < g.v[k].n_shown; j++) {
            json_t *one = report_items_json(g.v[k].items[j], 1, 0);
            json_array_extend(items, one);
            json_decref(one);
        }
        json_array_append_new(
            owners,
            json_pack("{s:s, s:I, s:I, s:b, s:o}", "owner",
                      g.v[k].owner ? g.v[k].owner : "No owner", "n",
                      (json_int_t)g.v[k].n, "n_shown",
                      (json_int_t)json_array_size(items), "is_cut",
                      json_array_size(items) < g.v[k].n, "items", items));
    }
    hs__owner_groups_release(&g);
    sections = json_array();
    {
        static const char *const heads[3] = {"Due in the next 7 days",
                                             "Open, with no owner",
                                             "Open, with no due date"};
        const hs_report_item *v[3] = {r->due_soon, r->no_owner, r->no_due_date};
        size_t n[3] = {r->n_due_soon, r->n_no_owner, r->n_no_due_date};
        size_t all[3] = {cnt.due_soon, cnt.no_owner, cnt.no_due_date};
        for (int k = 0; k < 3; k++)
            json_array_append_new(
                sections,
                json_pack("{s:s, s:I, s:b, s:b, s:I, s:o}", "heading", heads[k],
                          "n", (json_int_t)all[k], "has_items", n[k] > 0,
                          "is_cut", all[k] > n[k], "n_shown", (json_int_t)n[k],
                          "items", report_items_json(v[k], n[k], k == 0)));
    }
    d = page_data(st, "", "Action items");
    json_object_set_new(d, "as_of", json_string(st->as_of));
    json_object_set_new(d, "n_overdue", json_integer((json_int_t)cnt.overdue));
    json_object_set_new(d, "n_due_soon",
                        json_integer((json_int_t)cnt.due_soon));
    json_object_set_new(d, "n_no_owner",
                        json_integer((json_int_t)cnt.no_owner));
    json_object_set_new(d, "n_no_due",
                        json_integer((json_int_t)cnt.no_due_date));
    json_object_set_new(d, "owners", owners);
    json_object_set_new(d, "has_more_owners",
                        json_boolean(n_groups > OWNERS_SHOWN));
    json_object_set_new(d, "more_owners",
                        json_integer(n_groups > OWNERS_SHOWN
                                         ? (json_int_t)(n_groups - OWNERS_SHOWN)
                                         : 0));
    json_object_set_new(d, "sections", sections);
    rc = render(st, "actions", d, out, err);
    json_decref(d);
    hs_report_free(r);
    return rc;
}

/* trends.html: drawn from the index's aggregates, static and live. */
static int page_trends(site *st, hs__buf *out, hs_error *err) {
    hs__buf months = HS_BUF_INIT, durs = HS_BUF_INIT, tags = HS_BUF_INIT;
    hs__trends t;
    hs__label_count *lc = NULL;
    size_t n_dur, n_lc = 0;
    json_t *d;
    int rc = hs__trends_load(st->s, &t, err);
    if (rc)
        return rc;
    rc = hs__label_counts(st->s, 0, 0, &lc, &n_lc, err);
    if (rc) {
        hs__trends_release(&t);
        return rc;
    }
    d = page_data(st, "", "Trends");
    hs__chart_months(&t, &months);
    n_dur = hs__chart_durations(&t, &durs);
    hs__chart_tags(lc, n_lc, &tags);
    json_object_set_new(d, "count", json_integer((json_int_t)t.count));
    json_object_set_new(d, "chart_months", json_string(months.data));
    json_object_set_new(d, "chart_durations", json_string(durs.data));
    json_object_set_new(d, "chart_tags", json_string(tags.data));
    json_object_set_new(d, "n_with_duration", json_integer((json_int_t)n_dur));
    rc = render(st, "trends", d, out, err);
    json_decref(d);
    hs__trends_release(&t);
    hs__label_counts_free(lc, n_lc);
    hs__buf_release(&months);
    hs__buf_release(&durs);
    hs__buf_release(&tags);
    return rc;
}

/* The position of `v` in `names`, added if new; `ids` maps name to it. */
static size_t name_id(json_t *names, json_t *ids, const char *v) {
    json_t *k = json_object_get(ids, v);
    size_t id;
    if (k)
        return (size_t)json_integer_value(k);
    id = json_array_size(names);
    json_array_append_new(names, json_string(v));
    json_object_set_new(ids, v, json_integer((json_int_t)id));
    return id;
}

static json_t *label_ids(json_t *names, json_t *ids, const hs_strlist *a,
                         const hs_strlist *b, int is_lower) {
    json_t *out = json_array();
    const hs_strlist *ls[2] = {a, b};
    hs__buf lower = HS_BUF_INIT;
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; ls[k] && i < ls[k]->n; i++) {
            json_t *id;
            hs__buf_reset(&lower);
            for (const char *p = ls[k]->v[i]; *p; p++)
                hs__buf_putc(&lower,
                             is_lower ? hs__tolower((unsigned char)*p) : *p);
            id = json_integer((json_int_t)name_id(names, ids, lower.data));
            {
                size_t j, dup = 0;
                json_t *x;
                json_array_foreach(out, j, x) dup |= json_equal(x, id);
                if (dup) {
                    json_decref(id);
                    continue;
                }
            }
            json_array_append_new(out, id);
        }
    hs__buf_release(&lower);
    return out;
}

/*
 * Append a JSON value, ASCII only, with no "<": written into a script,
 * `window.NAME = ...;`. The large ones are written a piece at a time (a
 * row or a document), each piece dumped alone: compact JSON of a whole
 * is its pieces joined by ",", so the bytes are the same.
 */
static void put_json(json_t *v, hs__buf *out) {
    char *s = json_dumps(v, JSON_COMPACT | JSON_ENSURE_ASCII);
    if (!s)
        HS_BUG("json_dumps failed");
    /* '<' only occurs inside strings: as \u003c no "</script" or "<!--" */
    for (const char *c = s; *c; c++) {
        if (*c == '<')
            hs__buf_puts(out, "\\u003c");
        else
            hs__buf_putc(out, *c);
    }
    free(s);
}

/*
 * Append the items of the array `a` as put_json writes them, joined by
 * "," (with one before them unless *is_first, which is then cleared), and
 * empty `a`: a long list is dumped a group at a time, not whole, and not
 * an item at a time either, where each json_dumps paid for its own buffer.
 */
#define PUT_GROUP 64

static void put_json_items(json_t *a, int *is_first, hs__buf *out) {
    size_t from = out->len;
    if (!json_array_size(a))
        return;
    put_json(a, out);
    /* "[x,y]" -> "x,y", after a "," unless first */
    if (*is_first) {
        memmove(out->data + from, out->data + from + 1, out->len - from - 2);
        hs__buf_truncate(out, out->len - 2);
    } else {
        out->data[from] = ',';
        hs__buf_truncate(out, out->len - 1);
    }
    *is_first = 0;
    json_array_clear(a);
}

/* A row of data/rows.js (below), its labels given ids in `names` and
 * `labels` as they first appear. */
static json_t *rows_row(const hs_postmortem *pm, json_t *names,
                        json_t *name_ids, json_t *labels, json_t *label_ids_) {
    return json_pack(
        "[s, s, s, i, i, o, o, o]", pm->id, pm->title ? pm->title : pm->id,
        pm->date, pm->severity,
        pm->duration_minutes >= 0 ? pm->duration_minutes : -1,
        label_ids(names, name_ids, &pm->tags, NULL, 0),
        label_ids(labels, label_ids_, &pm->tags, &pm->auto_tags, 1),
        label_ids(labels, label_ids_, &pm->services, NULL, 1));
}

/* Gathered pieces of a streamed file go out in chunks of this size. */
#define PUT_CHUNK 65536

/*
 * data/rows.js: every postmortem as a short row, for the list pages to
 * page, sort and filter past their first screen from file:// (a <script>
 * that app.js adds on first use). A row is [id, title, date, severity
 * 0-4, duration (-1: none), [shown tags], [tags], [services]]: shown tags
 * index `names` (as written), tags and services index `labels` (lower
 * case). The tables come first in the file and are numbered in the order
 * the rows name them, so a first walk over the rows fills them and a
 * second writes the rows, one at a time.
 */
static void rows_data(site *st, hs__site_stream *w) {
    json_t *names = json_array(), *labels = json_array();
    json_t *name_ids = json_object(), *label_ids_ = json_object();
    json_t *group = json_array();
    hs__buf b = HS_BUF_INIT;
    int is_first = 1;
    for (size_t i = 0; i < st->n; i++)
        json_decref(rows_row(st->pms[i], names, name_ids, labels, label_ids_));
    hs__buf_puts(&b, "window.HINDSIGHT_ROWS = {\"names\":");
    put_json(names, &b);
    hs__buf_puts(&b, ",\"labels\":");
    put_json(labels, &b);
    hs__buf_puts(&b, ",\"rows\":[");
    for (size_t i = 0; i < st->n; i++) {
        json_array_append_new(
            group, rows_row(st->pms[i], names, name_ids, labels, label_ids_));
        if (json_array_size(group) == PUT_GROUP || i + 1 == st->n)
            put_json_items(group, &is_first, &b);
        if (b.len >= PUT_CHUNK) {
            hs__site_stream_put(w, b.data, b.len);
            hs__buf_reset(&b);
        }
    }
    hs__buf_puts(&b, "]};\n");
    hs__site_stream_put(w, b.data, b.len);
    hs__buf_release(&b);
    json_decref(group);
    json_decref(names);
    json_decref(labels);
    json_decref(name_ids);
    json_decref(label_ids_);
}

/*
 * search-index.js, what the search box searches with no server: the head,
 * then a document per postmortem (search_doc) joined by ",", then the
 * tail.
 */
#define SEARCH_HEAD "window.HINDSIGHT_INDEX = {\"docs\":["
#define SEARCH_TAIL "]};\n"

static json_t *search_doc(const hs_postmortem *pm) {
    hs__buf text = HS_BUF_INIT;
    char *url = pm_url(pm->id);
    json_t *tags = json_array(), *svcs = json_array(), *doc;
    if (pm->root_cause)
        hs__buf_puts(&text, pm->root_cause);
    if (pm->summary) {
        hs__buf_putc(&text, ' ');
        hs__buf_puts(&text, pm->summary);
    }
    hs__buf_truncate(&text, hs__utf8_cut(text.data, text.len, 600));
    for (size_t k = 0; k < pm->tags.n; k++)
        json_array_append_new(tags, json_string(pm->tags.v[k]));
    for (size_t k = 0; k < pm->auto_tags.n; k++)
        json_array_append_new(tags, json_string(pm->auto_tags.v[k]));
    for (size_t k = 0; k < pm->services.n; k++)
        json_array_append_new(svcs, json_string(pm->services.v[k]));
    doc = json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:s}", "id", pm->id,
                    "url", url, "title", pm->title ? pm->title : pm->id, "date",
                    *pm->date ? json_string(pm->date) : json_null(), "severity",
                    pm->severity ? json_string(sev_name(pm->severity))
                                 : json_null(),
                    "tags", tags, "services", svcs, "text", text.data);
    hs__buf_release(&text);
    free(url);
    return doc;
}

/* search-index.js whole (live: serve loads every record for it). ASCII
 * only: no U+2028 or stray bytes can end the script early. */
static void search_index(site *st, hs__buf *out) {
    json_t *group = json_array();
    int is_first = 1;
    hs__buf_puts(out, SEARCH_HEAD);
    for (size_t i = 0; i < st->n; i++) {
        json_array_append_new(group, search_doc(st->pms[i]));
        if (json_array_size(group) == PUT_GROUP)
            put_json_items(group, &is_first, out);
    }
    put_json_items(group, &is_first, out);
    hs__buf_puts(out, SEARCH_TAIL);
    json_decref(group);
}

/* One page of the alerts received, from `cursor` (NULL: the newest). */
static int page_alerts(site *st, const char *cursor, hs__buf *out,
                       hs_error *err) {
    char *text = NULL;
    json_t *j, *alerts, *a, *d, *next;
    size_t i;
    int rc = hs__alerts_page_json(st->s, HS__ALERTS_LIMIT, cursor, &text, err);
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
            {
                json_t *f = json_object_get(m, "family");
                json_int_t size =
                    json_integer_value(json_object_get(f, "size"));
                const char *last =
                    json_string_value(json_object_get(f, "last"));
                if (size > 1) {
                    hs__buf note = HS_BUF_INIT;
                    hs__buf_printf(&note, "%d incidents of this kind",
                                   (int)size);
                    if (last)
                        hs__buf_printf(&note, ", last %s", last);
                    json_object_set_new(m, "family_note",
                                        json_string(note.data));
                    hs__buf_release(&note);
                }
            }
        }
    }
    d = page_data(st, "", "Alerts");
    json_object_set(d, "alerts", alerts ? alerts : json_array());
    next = json_object_get(j, "next");
    if (json_is_string(next)) /* the "older" link */
        json_object_set(d, "next", next);
    json_object_set_new(d, "is_older", json_boolean(cursor != NULL));
    rc = render(st, "alerts", d, out, err);
    json_decref(d);
    json_decref(j);
    return rc;
}

/* Write every labelled page (tag/ or service/) and note it in `kept`. */
static int put_label_pages(site *st, const char *out_dir, int is_service,
                           hs_strlist *kept, hs_site_stats *stats,
                           hs_error *err) {
    hs_strlist l = {0};
    hs__buf page = HS_BUF_INIT, rel = HS_BUF_INIT;
    int rc = 0;
    hs__site_all_labels(st, is_service, &l);
    for (size_t i = 0; i < l.n && rc == 0; i++) {
        hs__buf_reset(&rel);
        char *slug = label_slug(l.v[i]);
        hs__buf_puts(&rel, is_service ? "service/" : "tag/");
        hs__buf_puts(&rel, slug);
        hs__buf_puts(&rel, ".html");
        free(slug);
        rc = page_list(st, is_service, l.v[i], &page, err);
        if (rc == 0)
            rc = hs__site_put_buf(out_dir, rel.data, &page, stats, err);
        hs__strlist_push(kept, rel.data);
    }
    hs_strlist_release(&l);
    hs__buf_release(&page);
    hs__buf_release(&rel);
    return rc;
}

/* One thread's share of the postmortem pages: every step-th of from..to. */
/* The threads' share of the postmortem pages: each takes the next page not
 * yet taken, so that a thread the machine holds back (other processes on
 * the cores) leaves no other waiting at the end of a batch. */
typedef struct pm_job {
    site *st;
    const char *out_dir;
    size_t from, to;
    atomic_size_t *next; /* shared: the next page; NULL: from..to alone */
    hs_site_stats stats;
    hs_error err;
    int rc;
} pm_job;

static void *put_pm_share(void *arg) {
    pm_job *j = arg;
    hs__buf page = HS_BUF_INIT;
    while (j->rc == 0) {
        size_t i = j->next ? atomic_fetch_add(j->next, 1) : j->from++;
        char *url;
        if (i >= j->to)
            break;
        url = pm_url(j->st->pms[i]->id);
        j->rc = page_pm(j->st, i, &page, &j->err);
        if (j->rc == 0)
            j->rc =
                hs__site_put_buf(j->out_dir, url, &page, &j->stats, &j->err);
        free(url);
    }
    hs__buf_release(&page);
    return NULL;
}

/*
 * The postmortem pages from..to, on one thread per core (up to 8): a page
 * reads only the site's data, its own markdown file and the compiled
 * templates, and writes its own file. The first page is rendered alone,
 * so that the template is compiled and cmark-gfm's extensions are
 * registered before any thread starts.
 */
static int put_pm_pages(site *st, const char *out_dir, size_t from, size_t to,
                        hs_site_stats *stats, hs_error *err) {
    pm_job first, jobs[8];
    pthread_t tid[8];
    atomic_size_t next;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    size_t n_jobs = cores < 1 ? 1 : cores > 8 ? 8 : (size_t)cores, started;
    if (from >= to)
        return 0;
    memset(&first, 0, sizeof(first));
    memset(jobs, 0, sizeof(jobs));
    first.st = st;
    first.out_dir = out_dir;
    first.from = from;
    first.to = from + 1; /* the first page alone */
    put_pm_share(&first);
    atomic_init(&next, from + 1);
    for (size_t t = 0; t < n_jobs; t++) {
        jobs[t].st = st;
        jobs[t].out_dir = out_dir;
        jobs[t].to = to;
        jobs[t].next = &next;
        jobs[t].rc = first.rc; /* after an error, nothing more */
    }
    for (started = 1; started < n_jobs; started++)
        if (hs__thread_start(&tid[started], put_pm_share, &jobs[started]))
            break;
    put_pm_share(&jobs[0]);
    for (size_t t = started; t < n_jobs; t++)
        put_pm_share(&jobs[t]); /* its thread did not start */
    for (size_t t = 1; t < started; t++)
        pthread_join(tid[t], NULL);
    for (size_t t = 0; t <= n_jobs; t++) {
        const pm_job *j = t ? &jobs[t - 1] : &first;
        stats->pages += j->stats.pages;
        stats->written += j->stats.written;
        stats->unchanged += j->stats.unchanged;
        if (j->rc) {
            if (err)
                *err = j->err;
            return j->rc;
        }
    }
    return 0;
}

/*
 * A static build holds every postmortem as a row (row_of: what the index,
 * tag and service pages, data/rows.js and the related lists show of it)
 * and whole records only for a batch of pages at a time: its memory grows
 * with the number of postmortems, not with their text (a build held every
 * record and its related lists as jansson values: 540 MB at 50,000).
 * search-index.js is written as the records pass.
 */
#define BATCH 256

typedef struct build {
    site *st;
    const char *out_dir;
    hs_site_stats *stats;
    hs_error *err;
    id_at *by_id; /* the rows by id, for the related lists */
    hs__related_reader *related;
    hs__site_stream search; /* search-index.js */
    json_t *docs;           /* its documents not yet written */
    int is_first_doc;
    hs__buf doc;
    size_t from, next; /* the batch: pms[from..next) are whole records */
} build;

/* Everything of a record but its row, freed; the row keeps pm's id. */
static hs_postmortem *row_of(hs_postmortem *pm) {
    hs_postmortem *row = hs__pm_new();
    row->id = pm->id;
    row->title = pm->title;
    pm->id = pm->title = NULL;
    memcpy(row->date, pm->date, sizeof(row->date));
    row->severity = pm->severity;
    row->duration_minutes = pm->duration_minutes;
    row->tags = pm->tags;
    row->auto_tags = pm->auto_tags;
    row->services = pm->services;
    memset(&pm->tags, 0, sizeof(pm->tags));
    memset(&pm->auto_tags, 0, sizeof(pm->auto_tags));
    memset(&pm->services, 0, sizeof(pm->services));
    hs_postmortem_free(pm);
    return row;
}

/* Render and write the batch's pages, then keep only their rows. */
static int put_batch(build *b) {
    site *st = b->st;
    int rc = 0;
    /* the pages render on several threads: their data first */
    for (size_t i = b->from; rc == 0 && i < b->next; i++) {
        st->similar[i] =
            similar_static(st, b->by_id, b->related, i, b->err, &rc);
        st->family[i] = family_block(st, st->pms[i]);
    }
    if (rc == 0)
        rc = put_pm_pages(st, b->out_dir, b->from, b->next, b->stats, b->err);
    for (size_t i = b->from; i < b->next; i++) {
        json_decref(st->similar[i]);
        json_decref(st->family[i]);
        free(st->abspaths[i]);
        st->similar[i] = st->family[i] = NULL;
        st->abspaths[i] = NULL;
        st->pms[i] = row_of(st->pms[i]);
    }
    b->from = b->next;
    return rc;
}

/* The gathered documents of search-index.js, to its file. */
static void put_docs(build *b) {
    hs__buf_reset(&b->doc);
    put_json_items(b->docs, &b->is_first_doc, &b->doc);
    hs__site_stream_put(&b->search, b->doc.data, b->doc.len);
}

/* hs_store_each's callback: the records, in the rows' order. */
static int on_record(void *ctx, hs_postmortem *pm, const char *abspath) {
    build *b = ctx;
    site *st = b->st;
    size_t i = b->next;
    if (i >= st->n || strcmp(st->pms[i]->id, pm->id)) {
        hs_postmortem_free(pm);
        return hs__seterr(b->err, HS_EBUSY,
                          "the index changed while the site was written");
    }
    free(pm->id); /* the row's: by_id points at it */
    pm->id = st->pms[i]->id;
    st->pms[i]->id = NULL;
    hs_postmortem_free(st->pms[i]);
    st->pms[i] = pm;
    st->abspaths[i] = hs__xstrdup(abspath ? abspath : "");
    b->next++;
    json_array_append_new(b->docs, search_doc(pm));
    if (json_array_size(b->docs) == PUT_GROUP)
        put_docs(b);
    return b->next - b->from == BATCH ? put_batch(b) : 0;
}

static int collect_row(void *ctx, hs_postmortem *pm, const char *abspath) {
    site *st = ctx;
    (void)abspath;
    HS_ALLOC_GROW(st->pms, st->n + 1, st->alloc);
    st->pms[st->n++] = pm;
    return 0;
}

/*
 * The postmortem pages and search-index.js, from one walk over the
 * records, after the rows (read from the index's columns, which the
 * related lists need of every postmortem); then the rows take their labels
 * from the records. Every id's page is noted in `kept`.
 */
static int put_records(site *st, const char *out_dir, hs_strlist *kept,
                       hs_site_stats *stats, hs_error *err) {
    build b;
    int rc;
    memset(&b, 0, sizeof(b));
    b.st = st;
    b.out_dir = out_dir;
    b.stats = stats;
    b.err = err;
    hs__buf_init(&b.doc);
    b.docs = json_array();
    b.is_first_doc = 1;
    rc = hs__store_each_brief(st->s, collect_row, st, err);
    st->count = st->n;
    b.by_id = hs__xcalloc(st->n + 1, sizeof(id_at));
    st->abspaths = hs__xcalloc(st->n + 1, sizeof(char *));
    st->similar = hs__xcalloc(st->n + 1, sizeof(json_t *));
    st->family = hs__xcalloc(st->n + 1, sizeof(json_t *));
    for (size_t i = 0; i < st->n; i++) {
        char *url = pm_url(st->pms[i]->id);
        hs__strlist_push(kept, url);
        free(url);
        b.by_id[i].id = st->pms[i]->id;
        b.by_id[i].i = i;
    }
    hs__qsort(b.by_id, st->n, sizeof(id_at), cmp_id_at);
    if (rc == 0)
        rc = hs__related_reader_new(st->s, &b.related, err);
    if (rc == 0) {
        hs__strlist_push(kept, "search-index.js");
        rc = hs__site_stream_open(&b.search, out_dir, "search-index.js",
                                  HS__STREAM_ANY_LEN, stats, err);
        if (rc == 0) {
            hs__site_stream_put(&b.search, SEARCH_HEAD, strlen(SEARCH_HEAD));
            rc = hs_store_each(st->s, on_record, &b, err);
        }
        if (rc == 0 && b.next != st->n)
            rc = hs__seterr(err, HS_EBUSY,
                            "the index changed while the site was written");
        if (rc == 0)
            rc = put_batch(&b);
        if (rc == 0)
            put_docs(&b);
        else
            b.search.rc = b.search.rc ? b.search.rc : rc; /* discard it */
        hs__site_stream_put(&b.search, SEARCH_TAIL, strlen(SEARCH_TAIL));
        if (rc == 0)
            rc = hs__site_stream_close(&b.search, err);
        else
            hs__site_stream_close(&b.search, NULL);
    }
    /* a failed walk leaves whole records in the batch: rows all the same */
    for (size_t i = b.from; i < b.next; i++) {
        free(st->abspaths[i]);
        st->abspaths[i] = NULL;
    }
    hs__related_reader_free(b.related);
    hs__buf_release(&b.doc);
    json_decref(b.docs);
    free(b.by_id);
    if (rc == 0) { /* site_init's were of no rows */
        hs__site_labels_release(st);
        hs__site_labels_init(st);
    }
    return rc;
}

/* Write a top-level page and note it in `kept`. */
static int put_top(const char *out_dir, const char *rel, hs__buf *page,
                   hs_strlist *kept, hs_site_stats *stats, hs_error *err) {
    hs__strlist_push(kept, rel);
    return hs__site_put_buf(out_dir, rel, page, stats, err);
}

int hs_site_build(hs_store *s, const char *out_dir, const char *as_of,
                  unsigned flags, hs_site_stats *stats, hs_error *err) {
    site st;
    hs__buf page = HS_BUF_INIT;
    hs_strlist kept = {0}, old = {0};
    hs__site_stream rows;
    int rc, is_own_txn = 0;
    memset(stats, 0, sizeof(*stats));
    rc = hs__site_manifest_read(out_dir, (flags & HS_SITE_FORCE) != 0, &old,
                                err);
    if (rc != 0)
        return rc;
    /* no record yet: the pages take them a batch at a time */
    rc = site_init(&st, s, 0, as_of, "", err);
    /* one snapshot: the rows, the records and the pages agree */
    if (rc == 0)
        rc = hs__store_read_begin(s, &is_own_txn, err);
    if (rc == 0 && mkdir(out_dir, 0777) != 0 && errno != EEXIST)
        rc = hs__seterr(err, HS_EIO, "cannot create folder '%s': %s", out_dir,
                        strerror(errno));
    for (size_t i = 0; rc == 0 && i < hs__n_assets; i++)
        if (!strncmp(hs__assets[i].name, "web/", 4)) {
            hs__strlist_push(&kept, hs__assets[i].name);
            rc = hs__site_put_file(out_dir, hs__assets[i].name,
                                   hs__assets[i].data, hs__assets[i].len, stats,
                                   err);
        }
    if (rc == 0)
        rc = put_records(&st, out_dir, &kept, stats, err);
    if (rc == 0)
        rc = page_list(&st, 0, NULL, &page, err);
    if (rc == 0)
        rc = put_top(out_dir, "index.html", &page, &kept, stats, err);
    if (rc == 0)
        rc = put_label_pages(&st, out_dir, 0, &kept, stats, err);
    if (rc == 0)
        rc = put_label_pages(&st, out_dir, 1, &kept, stats, err);
    if (rc == 0)
        rc = page_labels(&st, 0, &page, err);
    if (rc == 0)
        rc = put_top(out_dir, "tags.html", &page, &kept, stats, err);
    if (rc == 0)
        rc = page_labels(&st, 1, &page, err);
    if (rc == 0)
        rc = put_top(out_dir, "services.html", &page, &kept, stats, err);
    if (rc == 0)
        rc = page_actions(&st, &page, err);
    if (rc == 0)
        rc = put_top(out_dir, "actions.html", &page, &kept, stats, err);
    if (rc == 0)
        rc = page_trends(&st, &page, err);
    if (rc == 0)
        rc = put_top(out_dir, "trends.html", &page, &kept, stats, err);
    if (rc == 0 &&
        (rc = hs__site_stream_open(&rows, out_dir, "data/rows.js",
                                   HS__STREAM_ANY_LEN, stats, err)) == 0) {
        rows_data(&st, &rows);
        rc = hs__site_stream_close(&rows, err);
    }
    if (is_own_txn) {
        int c = hs__store_read_end(s, is_own_txn, rc ? NULL : err);
        rc = rc ? rc : c;
    }
    if (rc == 0) {
        hs__qsort(kept.v, kept.n, sizeof(char *), cmp_str);
        rc = hs__site_manifest_write(out_dir, &old, &kept, stats, err);
    }
    hs_strlist_release(&kept);
    hs_strlist_release(&old);
    hs__buf_release(&page);
    site_release(&st);
    return rc;
}

/*
 * "pm/SLUG.html" -> the id (`kind` 0), "tag/SLUG.html" -> the tag (1),
 * "service/SLUG.html" -> the service (2), appended to `out`: 1, 0 if
 * `path` is no such page name, or a negative HS_E* code. A long slug
 * (hs__slug) is looked up in the index.
 */
static int path_label(hs_store *s, const char *path, int kind, hs__buf *out,
                      hs_error *err) {
    static const char *const dirs[] = {"pm", "tag", "service"};
    const char *dir = dirs[kind];
    size_t dl = strlen(dir), n = strlen(path);
    if (strncmp(path, dir, dl) || path[dl] != '/' || n < dl + 7 ||
        strcmp(path + n - 5, ".html"))
        return 0;
    if (hs__unslug(path + dl + 1, n - dl - 6, out) == 0)
        return 1;
    hs__buf_reset(out);
    return hs__store_long_slug(s, kind, path + dl + 1, n - dl - 6, out, err);
}

/*
 * Can the live site have `path` (after web/)? 1, 0 or a negative HS_E*
 * code. Decided from the path, and for a tag or service page one index
 * lookup, so that an unknown URL costs nothing: rendering every page to
 * find out took 0.6 s at 50,000 postmortems. A postmortem's page is looked
 * up by the caller, which reads that one record anyway.
 */
static int page_exists(hs_store *s, const char *path, hs_error *err) {
    static const char *const pages[] = {
        "index.html",  "tags.html",   "services.html",  "actions.html",
        "trends.html", "alerts.html", "search-index.js"};
    hs__buf label = HS_BUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < HS_ARRAY_LEN(pages); i++)
        if (!strcmp(path, pages[i]))
            return 1;
    for (int kind = 0; kind < 3 && rc == 0; kind++) {
        rc = path_label(s, path, kind, &label, err);
        if (rc == 1 && kind)
            rc = hs_store_has_label(s, kind == 2, label.data, err);
    }
    hs__buf_release(&label);
    return rc;
}

int hs_site_page(hs_store *s, const char *path, char **out, size_t *len,
                 const char **content_type, hs_error *err) {
    return hs__site_page_at(s, path, NULL, out, len, content_type, err);
}

int hs__site_page_at(hs_store *s, const char *path, const char *cursor,
                     char **out, size_t *len, const char **content_type,
                     hs_error *err) {
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
    /* an unknown path is refused before anything is read */
    rc = page_exists(s, path, err);
    if (rc <= 0) {
        hs__buf_release(&label);
        return rc < 0 ? rc : hs__seterr(err, HS_ENOTFOUND, "no such page");
    }
    /* a postmortem's page needs its own record only; only the search
     * index still needs every record */
    rc = path_label(s, path, 0, &label, err);
    if (rc < 0) {
        hs__buf_release(&label);
        return rc;
    }
    rc = site_init(&st, s, 1, NULL,
                   rc == 1                           ? label.data
                   : strcmp(path, "search-index.js") ? ""
                                                     : NULL,
                   err);
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
            rc = page_alerts(&st, cursor, &page, err);
        else if (!strcmp(path, "search-index.js")) {
            search_index(&st, &page);
            *content_type = "text/javascript; charset=utf-8";
        } else if (label.len) {
            rc = st.n == 1 && !strcmp(st.pms[0]->id, label.data)
                     ? page_pm(&st, 0, &page, err)
                     : hs__seterr(err, HS_ENOTFOUND, "no such page");
        } else if ((rc = path_label(s, path, 1, &label, err)) == 1 ||
                   (rc == 0 &&
                    (rc = path_label(s, path, 2, &label, err)) == 1)) {
            int is_service = !strncmp(path, "service/", 8);
            hs__list_opts o = {0};
            hs__list one = {0};
            if (is_service)
                o.service = label.data;
            else
                o.tag = label.data;
            rc = hs__list_page(s, &o, &one, err);
            if (rc == 0)
                rc = one.total
                         ? page_list(&st, is_service, label.data, &page, err)
                         : hs__seterr(err, HS_ENOTFOUND, "no such page");
            hs__list_release(&one);
        } else if (rc == 0) {
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
