/*
 * Keyword search: the parsed query's FTS5 expression and filters, ranked by
 * bm25 with per-column weights, with snippets. The MATCH string and every
 * filter value are bound parameters; the SQL text only ever contains our
 * own fragments and validated integers.
 *
 * Column weights for bm25 (fts5 column order):
 *   title 10, summary 4, root_cause 6, impact 3, timeline 2, lessons 2,
 *   labels 4, body 1.
 * A word in the title or root cause says far more about what an incident
 * was than the same word somewhere in the body, which repeats every other
 * field anyway. bm25() returns lower-is-better; we report -bm25 as `score`
 * so that higher is better everywhere in hindsight.
 */
#include "query/search.h"
#include "base/error.h"
#include "base/text.h"
#include "base/util.h"
#include "model/normalize.h"
#include "model/record.h"
#include "query/query.h"
#include "query/similar.h"
#include "store/facets.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

const char *const hs__bm25_weights =
    "10.0, 4.0, 6.0, 3.0, 2.0, 2.0, 4.0, 1.0, 0.0";

/* The old way, for each filter: a join over every text match. */
static void label_sql(hs__buf *sql, hs_strlist *binds, const char *kind,
                      const char *value) {
    /* IN (subquery) is evaluated once, through labels_kvp */
    hs__buf_printf(sql,
                   " AND p.rowid IN (SELECT pm FROM labels WHERE "
                   "kind = '%s' AND value = lower(?))",
                   kind);
    hs__strlist_push(binds, value);
}

static void owner_sql(hs__buf *sql, hs_strlist *binds, const char *value) {
    /* "owner:sam" finds "Sam", "sam" and "Sam Okafor" */
    hs__buf_puts(sql, " AND p.rowid IN (SELECT pm FROM action_items WHERE "
                      "lower(owner) = lower(?) OR "
                      "lower(owner) LIKE lower(?) || ' %' ESCAPE '\\')");
    hs__strlist_push(binds, value);
    hs__strlist_push(binds, value);
}

/* Append " AND facets : (tok)" for one value; 1 when the token is exact. */
static int facet_match(hs__buf *match, int kind, const char *value) {
    hs__buf tok = HS_BUF_INIT;
    int is_exact = hs__facet_token(&tok, kind, value, strlen(value));
    hs__buf_printf(match, "%sfacets : ", match->len ? " AND " : "");
    hs__fts_quote(match, tok.data, tok.len);
    hs__buf_release(&tok);
    return is_exact;
}

static void or_token(hs__buf *match, int *n, int kind, const char *v,
                     size_t len) {
    hs__buf tok = HS_BUF_INIT;
    hs__facet_token(&tok, kind, v, len);
    hs__buf_puts(match, (*n)++ ? " OR " : "");
    hs__fts_quote(match, tok.data, tok.len);
    hs__buf_release(&tok);
}

static int days_in(int y, int m) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return m >= 1 && m <= 12 ? days[m - 1] : 31;
}

static long ymd_of(const char *d) {
    return atol(d) * 10000 + atol(d + 5) * 100 + atol(d + 8);
}

/*
 * since:/until: as facet tokens: [lo, hi] covered by the fewest whole
 * years, whole months and single days (facets.h writes all three for each
 * date), so the answer is exact. The range is first clamped to the years
 * the index holds, so an open end costs nothing: since:2025-01-01 over an
 * index that ends in 2026 is "y2025 OR y2026".
 */
static int date_match(hs_store *s, const hs__query *q, hs__buf *match,
                      hs_error *err) {
    sqlite3_stmt *st;
    long lo, hi, first = 0, last = 0;
    int y, m, d, n = 0;
    int rc = sqlite3_prepare_v2(
        s->db,
        /* apart, each is one step of pm_date; together, a scan of it */
        "SELECT (SELECT min(date) FROM postmortems), "
        "(SELECT max(date) FROM postmortems)",
        -1, &st, NULL);
    if (rc != SQLITE_OK)
        return hs__store_err(s, rc, err, "cannot prepare search");
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
        first = ymd_of((const char *)sqlite3_column_text(st, 0));
        last = ymd_of((const char *)sqlite3_column_text(st, 1));
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return hs__store_err(s, rc, err, "search failed");
    lo = first / 10000 * 10000 + 101;
    hi = last / 10000 * 10000 + 1231;
    if (*q->since && ymd_of(q->since) > lo)
        lo = ymd_of(q->since);
    if (*q->until && ymd_of(q->until) < hi)
        hi = ymd_of(q->until);
    hs__buf_printf(match, "%sfacets : (", match->len ? " AND " : "");
    y = (int)(lo / 10000), m = (int)(lo / 100 % 100), d = (int)(lo % 100);
    while ((long)y * 10000 + m * 100 + d <= hi) {
        char v[40];
        if (m == 1 && d == 1 && (long)y * 10000 + 1231 <= hi) {
            snprintf(v, sizeof(v), "%04d", y);
            or_token(match, &n, HS__FACET_YEAR, v, 4);
            y++;
        } else if (d == 1 && (long)y * 10000 + m * 100 + days_in(y, m) <= hi) {
            snprintf(v, sizeof(v), "%04d%02d", y, m);
            or_token(match, &n, HS__FACET_MONTH, v, 6);
            if (++m > 12)
                m = 1, y++;
        } else {
            snprintf(v, sizeof(v), "%04d%02d%02d", y, m, d);
            or_token(match, &n, HS__FACET_DAY, v, 8);
            if (++d > days_in(y, m) && (d = 1) && ++m > 12)
                m = 1, y++;
        }
    }
    if (!n) /* an empty range: a token no row has */
        or_token(match, &n, HS__FACET_DAY, "none", 4);
    hs__buf_putc(match, ')');
    return 0;
}

int hs__filters_sql(hs_store *s, const hs__query *q, hs__buf *match,
                    hs__buf *sql, hs_strlist *binds, hs_error *err) {
    int is_facets = s->has_facets;
    if (q->has_severity && is_facets) {
        int n = 0;
        hs__buf_printf(match, "%sfacets : (", match->len ? " AND " : "");
        for (int v = 1; v <= 4; v++)
            if (q->severities[v]) {
                char c = (char)('0' + v);
                or_token(match, &n, HS__FACET_SEVERITY, &c, 1);
            }
        hs__buf_putc(match, ')');
    } else if (q->has_severity) {
        int first = 1;
        hs__buf_puts(sql, " AND p.severity IN (");
        for (int v = 1; v <= 4; v++)
            if (q->severities[v]) {
                hs__buf_printf(sql, "%s%d", first ? "" : ",", v);
                first = 0;
            }
        hs__buf_putc(sql, ')');
    }
    /* a hashed (long) value may name another label too: check it */
    for (size_t i = 0; i < q->tags.n; i++)
        if (!is_facets || !facet_match(match, HS__FACET_TAG, q->tags.v[i]))
            label_sql(sql, binds, "tag", q->tags.v[i]);
    for (size_t i = 0; i < q->services.n; i++)
        if (!is_facets ||
            !facet_match(match, HS__FACET_SERVICE, q->services.v[i]))
            label_sql(sql, binds, "service", q->services.v[i]);
    for (size_t i = 0; i < q->owners.n; i++)
        if (!is_facets || !facet_match(match, HS__FACET_OWNER, q->owners.v[i]))
            owner_sql(sql, binds, q->owners.v[i]);
    if (is_facets && (*q->since || *q->until))
        return date_match(s, q, match, err);
    if (*q->since) {
        hs__buf_puts(sql, " AND p.date >= ?");
        hs__strlist_push(binds, q->since);
    }
    if (*q->until) {
        hs__buf_puts(sql, " AND p.date <= ?");
        hs__strlist_push(binds, q->until);
    }
    return 0;
}

/* Turn an FTS5 snippet with our private markers into display text. */
char *hs__snippet_finish(const char *raw, const hs_search_opts *o) {
    hs__buf b = HS_BUF_INIT;
    const char *mo = o && o->mark_open ? o->mark_open : "[";
    const char *mc = o && o->mark_close ? o->mark_close : "]";
    int is_html = o && o->is_html;
    if (is_html) {
        mo = "<mark>";
        mc = "</mark>";
    }
    for (const char *p = raw ? raw : ""; *p; p++) {
        if (!strncmp(p, HS__MARK_OPEN, 3)) {
            hs__buf_puts(&b, mo);
            p += 2;
        } else if (!strncmp(p, HS__MARK_CLOSE, 3)) {
            hs__buf_puts(&b, mc);
            p += 2;
        } else if (*p == '\n' || *p == '\r' || *p == '\t') {
            if (b.len && b.data[b.len - 1] != ' ')
                hs__buf_putc(&b, ' ');
        } else if (!is_html &&
                   ((unsigned char)*p < 0x20 || *p == 0x7f ||
                    ((unsigned char)*p == 0xc2 && (unsigned char)p[1] >= 0x80 &&
                     (unsigned char)p[1] < 0xa0))) {
            /* for a terminal: ESC, BEL and C1 controls shown, not sent */
            size_t n = (unsigned char)*p == 0xc2 ? 2 : 1;
            hs__buf_put_visible(&b, p, n);
            p += n - 1;
        } else if (is_html) {
            hs__html_escape_n(&b, p, 1);
        } else {
            hs__buf_putc(&b, *p);
        }
    }
    return hs__buf_detach(&b, NULL);
}

void hs__hit_fill(hs_hit *h, sqlite3_stmt *st) {
    const char *s;
    h->id = hs__xstrdup((const char *)sqlite3_column_text(st, 0));
    s = (const char *)sqlite3_column_text(st, 1);
    h->title = s ? hs__xstrdup(s) : NULL;
    s = (const char *)sqlite3_column_text(st, 2);
    h->path = s ? hs__xstrdup(s) : NULL;
    s = (const char *)sqlite3_column_text(st, 3);
    hs__date_copy(h->date, s);
    h->severity = sqlite3_column_int(st, 4);
}

void hs_results_free(hs_results *r) {
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++) {
        hs_hit *h = &r->hits[i];
        free(h->id);
        free(h->title);
        free(h->path);
        free(h->snippet);
        free(h->root_cause);
        free(h->resolution);
        hs_strlist_release(&h->links);
        hs_strlist_release(&h->matched_terms);
        for (size_t k = 0; k < h->n_open_actions; k++)
            hs__action_release(&h->open_actions[k]);
        free(h->open_actions);
    }
    free(r->hits);
    free(r);
}

/* Prepare `sql` and bind the MATCH string (if any) then `binds`. */
static int prepare_bound(hs_store *s, const char *sql, const char *match,
                         const hs_strlist *binds, sqlite3_stmt **out,
                         hs_error *err) {
    int rc = sqlite3_prepare_v2(s->db, sql, -1, out, NULL);
    int i = 1;
    if (rc != SQLITE_OK)
        return hs__store_err(s, rc, err, "cannot prepare search");
    if (match)
        sqlite3_bind_text(*out, i++, match, -1, SQLITE_TRANSIENT);
    for (size_t k = 0; k < binds->n; k++)
        sqlite3_bind_text(*out, i++, binds->v[k], -1, SQLITE_TRANSIENT);
    return 0;
}

/*
 * Recent answers of a read-only store (serve's workers, one store each, so
 * no lock): ranking every match is the cost of a search (bm25 for 41k rows
 * of "timeout" at 100k postmortems, as for the sqlite3 floor) and the same
 * questions come back (the live search box, dashboards, many people
 * looking at one alert). An answer is kept until PRAGMA data_version
 * changes, that is until an index run commits; at most CACHE_N answers of
 * at most CACHE_MAX_HITS hits, the least recently used one replaced.
 */
#define CACHE_N 64
#define CACHE_MAX_HITS 100

typedef struct cached {
    char *key; /* NULL: empty slot */
    hs_results *r;
    unsigned long used;
} cached;

typedef struct search_cache {
    unsigned long tick;
    cached e[CACHE_N];
} search_cache;

static void cache_release(void *p) {
    search_cache *c = p;
    for (size_t i = 0; i < CACHE_N; i++) {
        free(c->e[i].key);
        hs_results_free(c->e[i].r);
    }
}

/* A copy of the fields hs_search fills; caller frees. */
static hs_results *results_copy(const hs_results *r) {
    hs_results *c = hs__xcalloc(1, sizeof(*c));
    c->total = r->total;
    c->n = r->n;
    c->hits = hs__xcalloc(r->n ? r->n : 1, sizeof(*c->hits));
    for (size_t i = 0; i < r->n; i++) {
        const hs_hit *h = &r->hits[i];
        hs_hit *d = &c->hits[i];
        d->id = hs__xstrdup(h->id);
        d->title = h->title ? hs__xstrdup(h->title) : NULL;
        d->path = h->path ? hs__xstrdup(h->path) : NULL;
        memcpy(d->date, h->date, sizeof(d->date));
        d->severity = h->severity;
        d->score = h->score;
        d->snippet = h->snippet ? hs__xstrdup(h->snippet) : NULL;
    }
    return c;
}

/* The store's cache of answers (new if the index changed), or NULL. */
static search_cache *cache_of(hs_store *s) {
    search_cache *c = hs__store_cache_get(s, HS__CACHE_SEARCH);
    if (c)
        return c;
    return hs__store_cache_put(s, HS__CACHE_SEARCH, hs__xcalloc(1, sizeof(*c)),
                               cache_release);
}

static hs_results *cache_get(search_cache *c, const char *key) {
    for (size_t i = 0; c && i < CACHE_N; i++)
        if (c->e[i].key && !strcmp(c->e[i].key, key)) {
            c->e[i].used = ++c->tick;
            return results_copy(c->e[i].r);
        }
    return NULL;
}

static void cache_put(search_cache *c, const char *key, const hs_results *r) {
    size_t victim = 0;
    if (!c || r->n > CACHE_MAX_HITS)
        return;
    for (size_t i = 0; i < CACHE_N; i++) {
        if (!c->e[i].key) {
            victim = i;
            break;
        }
        if (c->e[i].used < c->e[victim].used)
            victim = i;
    }
    free(c->e[victim].key);
    hs_results_free(c->e[victim].r);
    c->e[victim].key = hs__xstrdup(key);
    c->e[victim].r = results_copy(r);
    c->e[victim].used = ++c->tick;
}

/*
 * The total: with every filter inside `match` (schema 5), FTS5 counts the
 * rowids of the MATCH alone, with no join; `filters` is what the facets
 * could not answer (an old index, a hashed long value).
 */
static int count_matches(hs_store *s, const char *match, const char *filters,
                         const hs_strlist *binds, size_t *total,
                         hs_error *err) {
    hs__buf sql = HS_BUF_INIT;
    sqlite3_stmt *st = NULL;
    int rc;
    if (*match && !*filters)
        hs__buf_puts(&sql, "SELECT count(*) FROM fts WHERE fts MATCH ?");
    else if (*match)
        hs__buf_printf(&sql,
                       "SELECT count(*) FROM fts JOIN postmortems p ON "
                       "p.rowid = fts.rowid WHERE fts MATCH ?%s",
                       filters);
    else
        hs__buf_printf(&sql, "SELECT count(*) FROM postmortems p WHERE 1%s",
                       filters);
    rc = prepare_bound(s, sql.data, *match ? match : NULL, binds, &st, err);
    if (rc == 0) {
        int step = sqlite3_step(st);
        if (step == SQLITE_ROW)
            *total = (size_t)sqlite3_column_int64(st, 0);
        else
            rc = hs__store_err(s, step, err, "search failed");
    }
    sqlite3_finalize(st);
    hs__buf_release(&sql);
    return rc;
}

/*
 * The best `limit` matches of `match` in FTS5's `ORDER BY rank` order,
 * without its sort: FTS5 sorts every match (a third of a search for a
 * word in every tenth postmortem) where a heap of `limit` rows will do.
 * Rows of equal rank keep the order FTS5's sort gives them, the order it
 * met them in: rowid.
 */
typedef struct top_row {
    double rank; /* bm25(): lower is better */
    sqlite3_int64 rowid;
} top_row;

static int top_before(const top_row *a, const top_row *b) {
    return a->rank < b->rank || (a->rank == b->rank && a->rowid < b->rowid);
}

static int top_cmp(const void *a, const void *b) {
    return top_before(a, b) ? -1 : top_before(b, a) ? 1 : 0;
}

/* Sift the root of a heap whose root is its last row in rank order. */
static void top_sift(top_row *h, size_t n, size_t i) {
    for (;;) {
        size_t worst = i, l = 2 * i + 1, r = l + 1;
        top_row t;
        if (l < n && top_before(&h[worst], &h[l]))
            worst = l;
        if (r < n && top_before(&h[worst], &h[r]))
            worst = r;
        if (worst == i)
            return;
        t = h[i], h[i] = h[worst], h[worst] = t;
        i = worst;
    }
}

typedef struct top_heap {
    top_row *top;
    size_t n, limit;
} top_heap;

/* Offer one match to the heap of the best `limit`. */
static void top_push(void *ctx, double rank, sqlite3_int64 rowid) {
    top_heap *h = ctx;
    top_row row = {rank, rowid};
    top_row *top = h->top;
    if (h->n < h->limit) {
        /* grow the heap: the new row rises while it is worse */
        size_t i = h->n++;
        top[i] = row;
        while (i && top_before(&top[(i - 1) / 2], &top[i])) {
            top_row t = top[i];
            top[i] = top[(i - 1) / 2];
            top[(i - 1) / 2] = t;
            i = (i - 1) / 2;
        }
    } else if (h->n && top_before(&row, &top[0])) {
        top[0] = row;
        top_sift(top, h->n, 0);
    }
}

static int rank_top(hs_store *s, const char *match, size_t limit, top_row *top,
                    size_t *n_top, hs_error *err) {
    hs__buf sql = HS_BUF_INIT;
    sqlite3_stmt *st = NULL;
    top_heap heap = {top, 0, limit};
    int rc, step;
    /* a read-only store's postings in memory, when the MATCH allows */
    if (hs__rank_postings(s->rank, s, match, hs__bm25_weights, top_push,
                          &heap) == 1) {
        qsort(top, heap.n, sizeof(*top), top_cmp);
        *n_top = heap.n;
        return 0;
    }
    hs__buf_printf(&sql,
                   "SELECT fts.rowid, hs_bm25(fts, %s) FROM fts "
                   "WHERE fts MATCH ?",
                   hs__bm25_weights);
    rc = sqlite3_prepare_v2(s->db, sql.data, -1, &st, NULL);
    hs__buf_release(&sql);
    if (rc != SQLITE_OK)
        return hs__store_err(s, rc, err, "cannot prepare search");
    sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
    while ((step = sqlite3_step(st)) == SQLITE_ROW)
        top_push(&heap, sqlite3_column_double(st, 1),
                 sqlite3_column_int64(st, 0));
    sqlite3_finalize(st);
    if (step != SQLITE_DONE)
        return hs__store_err(s, step, err, "search failed");
    qsort(top, heap.n, sizeof(*top), top_cmp);
    *n_top = heap.n;
    return 0;
}

int hs_search(hs_store *s, const char *query, const hs_search_opts *opts,
              hs_results **out, hs_error *err) {
    hs__query q;
    hs__buf match = HS_BUF_INIT, filters = HS_BUF_INIT, sql = HS_BUF_INIT;
    hs__buf key = HS_BUF_INIT;
    search_cache *cache;
    hs_strlist binds = {0};
    sqlite3_stmt *st = NULL;
    hs_results *r = NULL;
    int limit = opts && opts->limit > 0 ? opts->limit : HS_LIMIT_DEFAULT;
    int rc, step;
    size_t alloc = 0;

    *out = NULL;
    if (limit > HS_LIMIT_MAX)
        limit = HS_LIMIT_MAX;
    /* read before searching: a commit during the search empties it */
    cache = cache_of(s);
    if (cache) {
        hs__buf_printf(&key, "%d %d %d %s\x1f%s\x1f%s", limit,
                       opts && opts->is_html, opts && opts->is_list,
                       opts && opts->mark_open ? opts->mark_open : "",
                       opts && opts->mark_close ? opts->mark_close : "",
                       query ? query : "");
        if ((*out = cache_get(cache, key.data)) != NULL) {
            hs__buf_release(&key);
            return 0;
        }
    }
    if (opts && opts->is_list &&
        strspn(query ? query : "", " \t\r\n") == strlen(query ? query : "")) {
        memset(&q, 0, sizeof(q));
        hs__buf_init(&q.fts);
    } else {
        rc = hs__query_parse(query, &q, err);
        if (rc)
            goto out;
    }
    /* hs_snippet: FTS5's snippet() is quadratic in a column's hits */
    if (q.fts.len && (rc = hs__similar_setup(s, err)) != 0)
        goto out;
    if (q.fts.len)
        hs__buf_printf(&match, "(%s)", q.fts.data);
    rc = hs__filters_sql(s, &q, &match, &filters, &binds, err);
    if (rc)
        goto out;
    r = hs__xcalloc(1, sizeof(*r));
    if (q.fts.len && filters.len)
        /*
         * With a join (an old index, a hashed value): ORDER BY rank with
         * the weights given to `rank MATCH` lets FTS5 sort inside the
         * table, so the snippet is made for the rows returned only;
         * ORDER BY bm25() made one for every match (183 ms against 9 ms
         * for a common word at 10k postmortems).
         */
        hs__buf_printf(&sql,
                       "SELECT p.id, p.title, p.path, p.date, p.severity, "
                       "hs_score(fts, %s), "
                       "hs_snippet(fts, -1, '" HS__MARK_OPEN
                       "', '" HS__MARK_CLOSE "', '\xe2\x80\xa6', 16) "
                       "FROM fts JOIN postmortems p ON p.rowid = fts.rowid "
                       "WHERE fts MATCH ?%s AND rank MATCH 'hs_bm25(%s)' "
                       "ORDER BY rank LIMIT %d",
                       hs__bm25_weights, filters.data ? filters.data : "",
                       hs__bm25_weights, limit);
    else if (!q.fts.len) /* filters only: newest first, the summary */
        hs__buf_printf(&sql,
                       "SELECT p.id, p.title, p.path, p.date, p.severity, 0, "
                       "substr(json_extract(p.record, '$.summary'), 1, 200) "
                       "FROM postmortems p WHERE %s%s "
                       "ORDER BY p.date IS NULL, p.date DESC, p.id LIMIT %d",
                       match.len ? "p.rowid IN (SELECT rowid FROM fts WHERE "
                                   "fts MATCH ?)"
                                 : "1",
                       filters.data ? filters.data : "", limit);
    hs__rank_reset(s->rank, q.fts.data, s);
    if (q.fts.len && !filters.len) {
        /*
         * Every condition in the MATCH: rank in a heap, then read the rows
         * kept, one snapshot for both (a commit between them would change
         * the ranks).
         */
        int own_txn = sqlite3_get_autocommit(s->db), per_row;
        top_row *top = hs__xcalloc((size_t)limit, sizeof(*top));
        size_t n_top = 0;
        rc = own_txn ? hs__store_exec(s, "BEGIN", err) : 0;
        if (rc == 0)
            rc = rank_top(s, match.data, (size_t)limit, top, &n_top, err);
        /*
         * The kept rows, with their snippets. Few matches: one pass over
         * those between the first and the last kept row (`+` keeps the
         * list from FTS5, which would run once per value); many: one
         * statement per row, each parsing the MATCH and seeking its
         * doclists (about what 100 matches cost to pass over). A prefix
         * ("co*") is opened anew by each statement, merging the doclists
         * of every term it opens: one pass then, as 20 statements took
         * 0.22 s for "co*" at 10k postmortems, 8 times the ranking. The
         * rows go to their places in rank order.
         */
        per_row = !q.has_prefix &&
                  hs__rank_count(s->rank) > 100 * (sqlite3_int64)n_top;
        if (rc == 0 && n_top) {
            sqlite3_int64 lo = top[0].rowid, hi = top[0].rowid;
            for (size_t i = 1; i < n_top; i++) {
                lo = top[i].rowid < lo ? top[i].rowid : lo;
                hi = top[i].rowid > hi ? top[i].rowid : hi;
            }
            hs__buf_printf(&sql,
                           "SELECT p.id, p.title, p.path, p.date, "
                           "p.severity, hs_score(fts, %s), "
                           "hs_snippet(fts, -1, '" HS__MARK_OPEN
                           "', '" HS__MARK_CLOSE "', '\xe2\x80\xa6', 16), "
                           "fts.rowid FROM fts JOIN postmortems p "
                           "ON p.rowid = fts.rowid WHERE fts MATCH ?1 AND ",
                           hs__bm25_weights);
            if (per_row)
                hs__buf_puts(&sql, "fts.rowid = ?2");
            else
                hs__buf_printf(&sql,
                               "fts.rowid >= %lld AND fts.rowid <= %lld AND "
                               "+fts.rowid IN (",
                               (long long)lo, (long long)hi);
            for (size_t i = 0; !per_row && i < n_top; i++)
                hs__buf_printf(&sql, "%s%lld", i ? "," : "",
                               (long long)top[i].rowid);
            if (!per_row)
                hs__buf_putc(&sql, ')');
            rc = prepare_bound(s, sql.data, match.data, &binds, &st, err);
            r->hits = hs__xcalloc(n_top, sizeof(*r->hits));
        }
        step = SQLITE_DONE;
        for (size_t k = 0; rc == 0 && k < (per_row ? n_top : !!n_top); k++) {
            if (per_row) {
                sqlite3_reset(st);
                sqlite3_bind_int64(st, 2, top[k].rowid);
            }
            while ((step = sqlite3_step(st)) == SQLITE_ROW) {
                sqlite3_int64 row = sqlite3_column_int64(st, 7);
                size_t i = 0;
                hs_hit *h;
                while (i < n_top && top[i].rowid != row)
                    i++;
                if (i == n_top || r->hits[i].id)
                    continue;
                h = &r->hits[i];
                hs__hit_fill(h, st);
                h->score = sqlite3_column_double(st, 5);
                h->snippet = hs__snippet_finish(
                    (const char *)sqlite3_column_text(st, 6), opts);
            }
            if (step != SQLITE_DONE)
                break;
        }
        /* in rank order, without a row that is gone (not in a snapshot) */
        for (size_t i = 0; i < n_top; i++)
            if (r->hits[i].id)
                r->hits[r->n++] = r->hits[i];
        free(top);
        if (rc == 0 && step != SQLITE_DONE)
            rc = hs__store_err(s, step, err, "search failed");
        sqlite3_finalize(st);
        st = NULL;
        if (own_txn)
            hs__store_exec(s, rc ? "ROLLBACK" : "COMMIT", NULL);
    } else {
        rc = prepare_bound(s, sql.data, match.len ? match.data : NULL, &binds,
                           &st, err);
        while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
            hs_hit *h;
            HS_ALLOC_GROW(r->hits, r->n + 1, alloc);
            h = &r->hits[r->n++];
            memset(h, 0, sizeof(*h));
            hs__hit_fill(h, st);
            h->score = sqlite3_column_double(st, 5);
            h->snippet = hs__snippet_finish(
                (const char *)sqlite3_column_text(st, 6), opts);
        }
        if (rc == 0 && step != SQLITE_DONE)
            rc = hs__store_err(s, step, err, "search failed");
    }
    hs__rank_done(s->rank);
    /* a page that is not full is the whole answer: no need to count; with
     * every condition in the MATCH, the rows ranked are the matches */
    if (rc == 0 && r->n < (size_t)limit)
        r->total = r->n;
    else if (rc == 0 && q.fts.len && !filters.len &&
             hs__rank_count(s->rank) >= (sqlite3_int64)r->n)
        r->total = (size_t)hs__rank_count(s->rank);
    else if (rc == 0)
        rc = count_matches(s, match.len ? match.data : "",
                           filters.len ? filters.data : "", &binds, &r->total,
                           err);
    if (rc == 0)
        cache_put(cache, key.data, r);
out:
    sqlite3_finalize(st);
    hs__buf_release(&key);
    hs__buf_release(&match);
    hs__buf_release(&filters);
    hs__buf_release(&sql);
    hs_strlist_release(&binds);
    hs__query_release(&q);
    if (rc) {
        hs_results_free(r);
        return rc;
    }
    *out = r;
    return 0;
}

int hs_query_check(const char *query, hs_error *err) {
    hs__query q;
    int rc = hs__query_parse(query, &q, err);
    hs__query_release(&q);
    return rc;
}
