/*
 * The web view's questions, answered by the index: a page of the list, the
 * label counts and the trend aggregates. A live page costs the same at 1k
 * and at 100k postmortems only if it never loads every record, so each
 * answer here is one or two SQL statements that read columns, not records;
 * only the rows of the page asked for are parsed. Nothing here renders.
 */
#include "query/pages.h"
#include "base/buf.h"
#include "base/error.h"
#include "base/text.h"
#include "base/util.h"
#include "model/json.h"
#include "model/record.h"
#include "store/store.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* The text the list's text filter searches: title (or id) and tags, as
 * the page's data-text holds it. */
/* +kind: the row's labels by labels_pm; on kind, labels_kvp is covering and
 * SQLite took it, reading every tag of the library for each postmortem (a
 * text filter at 10k postmortems took minutes) */
#define LIST_TEXT                                                              \
    "lower(coalesce(p.title, p.id) || ' ' || coalesce((SELECT "                \
    "group_concat(value, ',') FROM labels WHERE pm = p.rowid AND +kind = "     \
    "'tag'), ''))"

/*
 * The words of a list's text filter: each one an instr() of the SQL, and
 * SQLite refuses an expression over 1000 deep, so 20,000 words were a 500.
 * A word given twice is kept once; past this many, the filter is refused.
 */
#define LIST_TEXT_MAX_WORDS 64

/* WHERE clause of o into q, its values pushed on `vals` in order; -1 when
 * the text filter has over LIST_TEXT_MAX_WORDS words. */
static int list_where(const hs__list_opts *o, hs__buf *q, hs_strlist *vals) {
    hs_strlist words = {0};
    hs__buf_puts(q, " WHERE 1");
    if (o->severity > 0)
        hs__buf_printf(q, " AND p.severity = %d", o->severity);
    /* EXISTS, not rowid IN (...): the page walks pm_list in order and
     * stops at its last row, where IN fetched every carrier's whole row */
    if (o->tag && *o->tag) {
        hs__buf_puts(q, " AND EXISTS (SELECT 1 FROM labels WHERE pm = "
                        "p.rowid AND kind = 'tag' AND value = lower(?))");
        hs__strlist_push(vals, o->tag);
    }
    if (o->service && *o->service) {
        hs__buf_puts(q, " AND EXISTS (SELECT 1 FROM labels WHERE pm = "
                        "p.rowid AND kind = 'service' AND value = lower(?))");
        hs__strlist_push(vals, o->service);
    }
    if (o->since && *o->since) {
        hs__buf_puts(q, " AND p.date >= ?");
        hs__strlist_push(vals, o->since);
    }
    if (o->until && *o->until) {
        hs__buf_puts(q, " AND p.date <= ?");
        hs__strlist_push(vals, o->until);
    }
    if (o->owner && *o->owner) {
        hs__buf_puts(q, " AND p.rowid IN (SELECT pm FROM action_items WHERE "
                        "lower(owner) = lower(?))");
        hs__strlist_push(vals, o->owner);
    }
    if (o->text) {
        /* each word a substring, as the static page filters */
        const char *p = o->text;
        while (*p) {
            size_t n;
            while (*p == ' ' || *p == '\t')
                p++;
            n = strcspn(p, " \t");
            if (!n)
                break;
            {
                char *w = hs__strtrim(p, n);
                if (!hs__strlist_has(&words, w)) {
                    hs__strlist_push(&words, w);
                    hs__buf_puts(q, " AND instr(" LIST_TEXT ", lower(?)) > 0");
                    hs__strlist_push(vals, w);
                }
                free(w);
            }
            p += n;
            if (words.n > LIST_TEXT_MAX_WORDS)
                break;
        }
    }
    {
        int rc = words.n > LIST_TEXT_MAX_WORDS ? -1 : 0;
        hs_strlist_release(&words);
        return rc;
    }
}

static const char *list_order(const hs__list_opts *o) {
    static const char *const order[4][2] = {
        {"p.date IS NULL, p.date, p.id", "p.date DESC, p.id"},
        {"lower(coalesce(p.title, p.id)), p.date DESC, p.id",
         "lower(coalesce(p.title, p.id)) DESC, p.date DESC, p.id"},
        {"p.severity IS NULL, p.severity, p.date DESC, p.id",
         "p.severity IS NULL, p.severity DESC, p.date DESC, p.id"},
        {"p.duration IS NULL, p.duration, p.date DESC, p.id",
         "p.duration IS NULL, p.duration DESC, p.date DESC, p.id"}};
    int k = o->sort >= 0 && o->sort < 4 ? o->sort : 0;
    return order[k][o->is_desc != 0];
}

static int is_set(const char *v) {
    return v && *v;
}

static int has_words(const char *v) {
    return v && v[strspn(v, " \t")];
}

/* Only one tag or one service filters the list. */
static int is_one_label(const hs__list_opts *o) {
    return is_set(o->tag) + is_set(o->service) == 1 && !o->severity &&
           !is_set(o->since) && !is_set(o->until) && !is_set(o->owner) &&
           !has_words(o->text);
}

static int bind_vals(sqlite3_stmt *st, const hs_strlist *vals) {
    for (size_t i = 0; i < vals->n; i++)
        if (sqlite3_bind_text(st, (int)i + 1, vals->v[i], -1,
                              SQLITE_TRANSIENT) != SQLITE_OK)
            return -1;
    return 0;
}

/*
 * HS_EQUERY naming the first filter of `o` that is not UTF-8, as search
 * refuses such a query: the index holds UTF-8 only, and 'q=%FF' answered
 * an empty list where search said why. 0 if all are.
 */
static int filters_not_utf8(const hs__list_opts *o, hs_error *err) {
    int rc = hs__utf8_refuse("the text filter", o->text, HS_EQUERY, err);
    if (!rc)
        rc = hs__utf8_refuse("the tag", o->tag, HS_EQUERY, err);
    if (!rc)
        rc = hs__utf8_refuse("the service", o->service, HS_EQUERY, err);
    if (!rc)
        rc = hs__utf8_refuse("the owner", o->owner, HS_EQUERY, err);
    return rc;
}

int hs__list_page(hs_store *s, const hs__list_opts *o, hs__list *out,
                  hs_error *err) {
    hs__buf q = HS_BUF_INIT, where = HS_BUF_INIT;
    hs_strlist vals = {0};
    sqlite3_stmt *st = NULL;
    size_t alloc = 0;
    int rc = 0, step;
    memset(out, 0, sizeof(*out));
    if ((rc = filters_not_utf8(o, err)) != 0)
        return rc;
    if (list_where(o, &where, &vals) != 0) {
        rc = hs__seterr(err, HS_EQUERY,
                        "the text filter has over " HS_XSTR(
                            LIST_TEXT_MAX_WORDS) " different words");
        goto out;
    }
    if (is_one_label(o))
        /* a tag's or service's page: counted on the label index alone */
        hs__buf_printf(&q,
                       "SELECT count(DISTINCT pm) FROM labels WHERE kind = "
                       "'%s' AND value = lower(?)",
                       o->tag && *o->tag ? "tag" : "service");
    else
        hs__buf_printf(&q, "SELECT count(*) FROM postmortems p%s", where.data);
    if (sqlite3_prepare_v2(s->db, q.data, -1, &st, NULL) != SQLITE_OK ||
        bind_vals(st, &vals) != 0) {
        rc = hs__store_err(s, sqlite3_errcode(s->db), err,
                           "cannot list postmortems");
        goto out;
    }
    if ((step = sqlite3_step(st)) != SQLITE_ROW) {
        rc = hs__store_err(s, step, err, "cannot list postmortems");
        goto out;
    }
    out->total = (size_t)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    st = NULL;
    if (!o->limit || o->offset >= out->total)
        goto out;
    hs__buf_reset(&q);
    hs__buf_printf(&q,
                   "SELECT p.record FROM postmortems p%s ORDER BY %s "
                   "LIMIT %zu OFFSET %zu",
                   where.data, list_order(o), o->limit, o->offset);
    if (sqlite3_prepare_v2(s->db, q.data, -1, &st, NULL) != SQLITE_OK ||
        bind_vals(st, &vals) != 0) {
        rc = hs__store_err(s, sqlite3_errcode(s->db), err,
                           "cannot list postmortems");
        goto out;
    }
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        hs_postmortem *pm =
            hs__postmortem_from_json((const char *)sqlite3_column_text(st, 0));
        if (!pm) {
            rc = hs__seterr(err, HS_ECORRUPT, "a stored record is damaged");
            goto out;
        }
        HS_ALLOC_GROW(out->pms, out->n + 1, alloc);
        out->pms[out->n++] = pm;
    }
    if (step != SQLITE_DONE)
        rc = hs__store_err(s, step, err, "cannot list postmortems");
out:
    sqlite3_finalize(st);
    hs__buf_release(&q);
    hs__buf_release(&where);
    hs_strlist_release(&vals);
    if (rc)
        hs__list_release(out);
    return rc;
}

void hs__list_cursor(size_t offset, char *out) {
    snprintf(out, HS__CURSOR_LEN, "o%zu", offset);
}

long hs__list_cursor_parse(const char *v) {
    char *end;
    long n;
    if (v[0] != 'o' || v[1] < '0' || v[1] > '9')
        return -1;
    errno = 0;
    n = strtol(v + 1, &end, 10);
    return errno || *end || n < 0 ? -1 : n;
}

void hs__list_release(hs__list *l) {
    for (size_t i = 0; i < l->n; i++)
        hs_postmortem_free(l->pms[i]);
    free(l->pms);
    memset(l, 0, sizeof(*l));
}

/* The distinct names: one index seek per name (a skip scan), where
 * SELECT DISTINCT steps through every label of every postmortem. */
static const char *const names_sql =
    "WITH RECURSIVE v(x) AS (SELECT min(value) FROM labels WHERE kind = ?1 "
    "UNION ALL SELECT (SELECT min(value) FROM labels WHERE kind = ?1 AND "
    "value > x) FROM v WHERE x IS NOT NULL) "
    "SELECT x, 0 FROM v WHERE x IS NOT NULL";

/* Counted here from the covering index in (value, pm) order: a label
 * given both as a tag and as a derived tag counts once. */
static const char *const counts_sql =
    "SELECT value, pm FROM labels WHERE kind = ?1 ORDER BY value, pm";

static void push_count(hs__label_count **out, size_t *n, size_t *alloc,
                       const char *name, size_t count) {
    HS_ALLOC_GROW(*out, *n + 1, *alloc);
    (*out)[*n].name = hs__xstrdup(name);
    (*out)[*n].n = count;
    (*n)++;
}

/* The store keeps a copy of the counts of each kind (HS__CACHE_LABELS_*). */
typedef struct kept_counts {
    hs__label_count *v;
    size_t n;
} kept_counts;

static void kept_release(void *p) {
    kept_counts *k = p;
    hs__label_counts_free(k->v, k->n);
}

/* A copy of v[0..n), names too; caller frees with hs__label_counts_free. */
static hs__label_count *counts_copy(const hs__label_count *v, size_t n) {
    hs__label_count *c = hs__xcalloc(n + 1, sizeof(*c));
    for (size_t i = 0; i < n; i++) {
        c[i].name = hs__xstrdup(v[i].name);
        c[i].n = v[i].n;
    }
    return c;
}

int hs__label_counts(hs_store *s, int is_service, int is_names,
                     hs__label_count **out, size_t *n, hs_error *err) {
    sqlite3_stmt *st;
    size_t alloc = 0, count = 0;
    int slot = is_service ? HS__CACHE_LABELS_SERVICE : HS__CACHE_LABELS_TAG;
    kept_counts *kept = is_names ? NULL : hs__store_cache_get(s, slot);
    sqlite3_int64 last_pm = 0;
    char *last = NULL;
    int step;
    int rc;
    *out = NULL;
    *n = 0;
    if (kept) {
        *out = counts_copy(kept->v, kept->n);
        *n = kept->n;
        return 0;
    }
    rc = sqlite3_prepare_v2(s->db, is_names ? names_sql : counts_sql, -1, &st,
                            NULL);
    if (rc != SQLITE_OK)
        return hs__store_err(s, rc, err, "cannot count labels");
    sqlite3_bind_text(st, 1, is_service ? "service" : "tag", -1, SQLITE_STATIC);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(st, 0);
        sqlite3_int64 pm = sqlite3_column_int64(st, 1);
        if (!v)
            continue;
        if (is_names) {
            push_count(out, n, &alloc, v, 0);
            continue;
        }
        if (last && !strcmp(last, v)) {
            count += pm != last_pm;
        } else {
            if (last)
                push_count(out, n, &alloc, last, count);
            free(last);
            last = hs__xstrdup(v);
            count = 1;
        }
        last_pm = pm;
    }
    if (last)
        push_count(out, n, &alloc, last, count);
    free(last);
    sqlite3_finalize(st);
    if (step != SQLITE_DONE) {
        hs__label_counts_free(*out, *n);
        *out = NULL;
        *n = 0;
        return hs__store_err(s, step, err, "cannot count labels");
    }
    if (!is_names) {
        kept = hs__xcalloc(1, sizeof(*kept));
        kept->v = counts_copy(*out, *n);
        kept->n = *n;
        hs__store_cache_put(s, slot, kept, kept_release);
    }
    return 0;
}

void hs__label_counts_free(hs__label_count *v, size_t n) {
    for (size_t i = 0; i < n; i++)
        free(v[i].name);
    free(v);
}

static long month_of(const char *d) {
    return (d[0] - '0') * 12000L + (d[1] - '0') * 1200 + (d[2] - '0') * 120 +
           (d[3] - '0') * 12 + ((d[5] - '0') * 10 + (d[6] - '0') - 1);
}

static int cmp_int(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/*
 * One pass over three narrow columns: postmortems per (month, severity),
 * and every recorded duration by severity, sorted here for the medians.
 */
int hs__trends_load(hs_store *s, hs__trends *t, hs_error *err) {
    sqlite3_stmt *st;
    size_t alloc[5] = {0};
    int step, rc;
    memset(t, 0, sizeof(*t));
    /* (date, severity) from pm_list, counted here: cheaper than SQL's
     * GROUP BY on substr(), which sorts 100k rows in a temporary b-tree */
    rc = sqlite3_prepare_v2(s->db,
                            "SELECT date, coalesce(severity, 0) FROM "
                            "postmortems WHERE date IS NOT NULL ORDER BY date",
                            -1, &st, NULL);
    if (rc != SQLITE_OK)
        return hs__store_err(s, rc, err, "cannot read trends");
    {
        size_t al = 0;
        while ((step = sqlite3_step(st)) == SQLITE_ROW) {
            const char *d = (const char *)sqlite3_column_text(st, 0);
            int sv = sqlite3_column_int(st, 1);
            long m;
            if (!d || strlen(d) < 7 || sv < 0 || sv > 4)
                continue;
            m = month_of(d);
            if (!t->first)
                t->first = m;
            if (m > t->last) {
                size_t n = (size_t)(m - t->first + 1), old = al;
                HS_ALLOC_GROW(t->months, n, al);
                memset(t->months + old, 0, (al - old) * sizeof(*t->months));
                t->last = m;
            }
            if (m >= t->first)
                t->months[m - t->first][sv]++;
        }
    }
    sqlite3_finalize(st);
    if (step != SQLITE_DONE)
        return hs__store_err(s, step, err, "cannot read trends");
    rc = sqlite3_prepare_v2(s->db,
                            "SELECT coalesce(severity, 0), duration FROM "
                            "postmortems WHERE duration IS NOT NULL",
                            -1, &st, NULL);
    if (rc != SQLITE_OK) {
        hs__trends_release(t);
        return hs__store_err(s, rc, err, "cannot read trends");
    }
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        int sv = sqlite3_column_int(st, 0);
        if (sv < 0 || sv > 4)
            continue;
        HS_ALLOC_GROW(t->dur[sv], t->n_dur[sv] + 1, alloc[sv]);
        t->dur[sv][t->n_dur[sv]++] = sqlite3_column_int(st, 1);
    }
    sqlite3_finalize(st);
    if (step != SQLITE_DONE) {
        hs__trends_release(t);
        return hs__store_err(s, step, err, "cannot read trends");
    }
    for (int k = 0; k < 5; k++)
        hs__qsort(t->dur[k], t->n_dur[k], sizeof(int), cmp_int);
    rc = hs_store_count(s, err);
    if (rc < 0) {
        hs__trends_release(t);
        return rc;
    }
    t->count = (size_t)rc;
    return 0;
}

void hs__trends_release(hs__trends *t) {
    free(t->months);
    for (int k = 0; k < 5; k++)
        free(t->dur[k]);
    memset(t, 0, sizeof(*t));
}
