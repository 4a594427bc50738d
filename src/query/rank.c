/*
 * hs_bm25 and hs_score: FTS5's bm25() for keyword search, without the
 * work FTS5 repeats around it.
 *
 * `ORDER BY rank` with `rank MATCH 'bm25(...)'` ranked every match on an
 * inner cursor; reading `rank` on the rows returned then called bm25()
 * again on the outer cursor, and its first call there counted the rows of
 * each phrase once more (a whole doclist: 41k rows for "timeout" at 100k
 * postmortems). The total was one more pass over the matches (count(*)).
 * Here the ranking call (hs_bm25, as `rank` or in a plain scan whose best
 * rows search.c keeps in a heap) keeps what it learned in the store's
 * hs__rank: the phrases' weights (IDF) and the average length, which
 * hs_score reuses on the rows shown, and the number of rows it ranked,
 * which is the total when the MATCH holds every condition.
 *
 * The score is bm25() to the bit: the same formula, with the same
 * operations in the same order (k1 = 1.2, b = 0.75; a phrase's frequency
 * is the sum of its column weights over its hits, in xInst order; an IDF
 * of zero or less is 1e-6), so the order and scores are FTS5's.
 */
#include "base/buf.h"
#include "base/util.h"
#include "model/record.h"
#include "query/search.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/*
 * Per cursor (xSetAuxdata), and published in hs__rank by hs_bm25. A
 * phrase's IDF is counted on the first row where it has weight: one seen
 * only in columns of weight 0 (the facets of a filter) adds exactly 0 to
 * every score, so its doclist (a year of dates, a severity) is never read.
 */
typedef struct rank_data {
    int n_phrase;
    sqlite3_int64 n_row;
    double avgdl;
    double *idf;          /* n_phrase */
    double *freq;         /* n_phrase, scratch for one row */
    unsigned char *known; /* n_phrase: idf[i] is counted */
} rank_data;

/*
 * A row's length from fts_docsize. FTS5 reads it with one statement per
 * row (xColumnSize: bind, step, reset), which was most of what ranking a
 * row cost; here an incremental blob handle moves from row to row
 * (sqlite3_blob_reopen: a seek, no statement).
 */
/*
 * The rows of each phrase, kept across statements of a read-only store
 * (serve's workers) until data_version or the row count changes: counting
 * them is a pass over the phrase's doclist, and the questions people ask
 * share their words. A phrase is known by its quoted text in the query
 * (hs__rank_reset), so only phrases outside any column filter are kept.
 */
#define IDF_SLOTS 4096 /* a power of two; emptied when 3/4 full */

typedef struct idf_slot {
    char *key; /* NULL: empty */
    sqlite3_int64 n_hit;
} idf_slot;

/* The kept counts: the store's HS__CACHE_IDF slot, emptied by the store
 * when data_version changes and here when the row count does. */
typedef struct idf_table {
    sqlite3_int64 n_row;
    size_t n;
    idf_slot slots[IDF_SLOTS];
} idf_table;

struct hs__rank {
    rank_data *published; /* by hs_bm25 since hs__rank_reset, or NULL */
    sqlite3_int64 n_ranked;
    sqlite3 *db;
    sqlite3_blob *docsize; /* until hs__rank_done */
    hs_strlist keys;       /* phrase i of the statement is keys.v[i] */
    idf_table *idf;        /* borrowed from the store's cache, or NULL */
};

static void idf_clear(idf_table *t) {
    for (size_t i = 0; i < IDF_SLOTS; i++) {
        free(t->slots[i].key);
        t->slots[i].key = NULL;
    }
    t->n = 0;
}

static void idf_release(void *p) {
    idf_clear(p);
}

/* The slot of `key`: its own, or the empty one where it would go. */
static idf_slot *slot_of(idf_table *t, const char *key) {
    for (size_t i = hs__hash(key, strlen(key)) & (IDF_SLOTS - 1);;
         i = (i + 1) & (IDF_SLOTS - 1))
        if (!t->slots[i].key || !strcmp(t->slots[i].key, key))
            return &t->slots[i];
}

/* Phrase i's rows, if kept; -1 if not. */
static sqlite3_int64 hits_kept(hs__rank *st, int i, sqlite3_int64 n_row) {
    idf_slot *e;
    if (!st || !st->idf || (size_t)i >= st->keys.n)
        return -1;
    if (st->idf->n_row != n_row) {
        idf_clear(st->idf);
        st->idf->n_row = n_row;
        return -1;
    }
    e = slot_of(st->idf, st->keys.v[i]);
    return e->key ? e->n_hit : -1;
}

static void hits_keep(hs__rank *st, int i, sqlite3_int64 n_hit) {
    idf_slot *e;
    if (!st || !st->idf || (size_t)i >= st->keys.n)
        return;
    if (st->idf->n >= IDF_SLOTS / 4 * 3)
        idf_clear(st->idf);
    e = slot_of(st->idf, st->keys.v[i]);
    if (!e->key) {
        e->key = hs__xstrdup(st->keys.v[i]);
        st->idf->n++;
    }
    e->n_hit = n_hit;
}

static int count_row(const Fts5ExtensionApi *api, Fts5Context *fts,
                     void *user) {
    (void)api;
    (void)fts;
    (*(sqlite3_int64 *)user)++;
    return SQLITE_OK;
}

static void data_free(void *p) {
    free(p);
}

static rank_data *data_new(int n_phrase) {
    size_t n = n_phrase > 0 ? (size_t)n_phrase : 1;
    size_t size = sizeof(rank_data) + 2 * n * sizeof(double) + n;
    rank_data *d = malloc(size);
    if (!d)
        return NULL;
    memset(d, 0, size);
    d->n_phrase = n_phrase;
    d->idf = (double *)(d + 1);
    d->freq = d->idf + n;
    d->known = (unsigned char *)(d->freq + n);
    return d;
}

/*
 * This cursor's data, made on its first call: the row count and average
 * row length as bm25() has them. hs_bm25 (`is_rank`, the inner cursor
 * that ranks every match) publishes them in `st` for hs_score.
 */
static int data_get(const Fts5ExtensionApi *api, Fts5Context *fts, hs__rank *st,
                    int is_rank, rank_data **out) {
    rank_data *d = api->xGetAuxdata(fts, 0);
    sqlite3_int64 n_token = 0;
    int rc;
    *out = d;
    if (d)
        return SQLITE_OK;
    if (!(d = data_new(api->xPhraseCount(fts))))
        return SQLITE_NOMEM;
    rc = api->xRowCount(fts, &d->n_row);
    if (rc == SQLITE_OK)
        rc = api->xColumnTotalSize(fts, -1, &n_token);
    if (rc == SQLITE_OK)
        d->avgdl = (double)n_token / (double)d->n_row;
    if (rc == SQLITE_OK && is_rank && st) {
        free(st->published);
        st->published = data_new(d->n_phrase);
        if (st->published) {
            st->published->n_row = d->n_row;
            st->published->avgdl = d->avgdl;
        }
    }
    if (rc == SQLITE_OK)
        rc = api->xSetAuxdata(fts, d, data_free);
    else
        free(d);
    *out = rc == SQLITE_OK ? d : NULL;
    return rc;
}

/* Phrase i's IDF: from what hs_bm25 published, else counted (and then
 * published by hs_bm25). */
static int idf_get(const Fts5ExtensionApi *api, Fts5Context *fts, hs__rank *st,
                   int is_rank, rank_data *d, int i) {
    rank_data *pub = st ? st->published : NULL;
    sqlite3_int64 n_hit = 0;
    double idf;
    int rc;
    if (d->known[i])
        return SQLITE_OK;
    if (pub && (pub->n_phrase != d->n_phrase || pub->n_row != d->n_row))
        pub = NULL;
    if (!is_rank && pub && pub->known[i]) {
        d->idf[i] = pub->idf[i];
        d->known[i] = 1;
        return SQLITE_OK;
    }
    n_hit = hits_kept(st, i, d->n_row);
    if (n_hit < 0) {
        n_hit = 0;
        rc = api->xQueryPhrase(fts, i, &n_hit, count_row);
        if (rc != SQLITE_OK)
            return rc;
        hits_keep(st, i, n_hit);
    }
    idf = log((d->n_row - n_hit + 0.5) / (n_hit + 0.5));
    d->idf[i] = idf <= 0.0 ? 1e-6 : idf;
    d->known[i] = 1;
    if (is_rank && pub) {
        pub->idf[i] = d->idf[i];
        pub->known[i] = 1;
    }
    return SQLITE_OK;
}

/* The sum of a docsize blob's varints, one per column, as FTS5 reads it. */
static int blob_tokens(const unsigned char *p, int n, int n_col, int *out) {
    int total = 0, off = 0;
    for (int c = 0; c < n_col; c++) {
        unsigned v = 0;
        int k = 0;
        do {
            if (off >= n || k == 5)
                return -1;
            v = v << 7 | (p[off] & 0x7f);
            k++;
        } while (p[off++] & 0x80);
        total += (int)v;
    }
    *out = total;
    return 0;
}

/* The current row's length in tokens, all columns: xColumnSize(-1). */
static int row_tokens(const Fts5ExtensionApi *api, Fts5Context *fts,
                      hs__rank *st, int *out) {
    sqlite3_int64 row = api->xRowid(fts);
    unsigned char sz[64];
    int rc, n;
    if (!st || !st->db)
        return api->xColumnSize(fts, -1, out);
    if (!st->docsize)
        rc = sqlite3_blob_open(st->db, "main", "fts_docsize", "sz", row, 0,
                               &st->docsize);
    else
        rc = sqlite3_blob_reopen(st->docsize, row);
    n = rc == SQLITE_OK ? sqlite3_blob_bytes(st->docsize) : 0;
    if (rc == SQLITE_OK && n > 0 && n <= (int)sizeof(sz) &&
        sqlite3_blob_read(st->docsize, sz, n, 0) == SQLITE_OK &&
        blob_tokens(sz, n, api->xColumnCount(fts), out) == 0)
        return SQLITE_OK;
    /* a handle that failed to move is closed: the next row opens one */
    if (rc != SQLITE_OK) {
        sqlite3_blob_close(st->docsize);
        st->docsize = NULL;
    }
    return api->xColumnSize(fts, -1, out);
}

/* bm25() of the current row, as a positive score (bm25() is its negation). */
static int score_row(const Fts5ExtensionApi *api, Fts5Context *fts,
                     hs__rank *st, int is_rank, rank_data *d, int n_w,
                     sqlite3_value **w, double *out) {
    const double k1 = 1.2, b = 0.75;
    double score = 0.0, dl;
    int n_tok = 0, rc = SQLITE_OK;
    /* each phrase's hits in the order xInst lists them (by column, then
     * offset), without merging the phrases into one list as xInst does */
    for (int i = 0; rc == SQLITE_OK && i < d->n_phrase; i++) {
        Fts5PhraseIter it;
        int col, off;
        d->freq[i] = 0.0;
        rc = api->xPhraseFirst(fts, i, &it, &col, &off);
        for (; rc == SQLITE_OK && col >= 0;
             api->xPhraseNext(fts, &it, &col, &off))
            d->freq[i] += n_w > col ? sqlite3_value_double(w[col]) : 1.0;
    }
    if (rc == SQLITE_OK)
        rc = row_tokens(api, fts, st, &n_tok);
    dl = (double)n_tok;
    for (int i = 0; rc == SQLITE_OK && i < d->n_phrase; i++) {
        if (d->freq[i] == 0.0) /* adds idf * 0 / (k1 * ...) = 0 */
            continue;
        rc = idf_get(api, fts, st, is_rank, d, i);
        score += d->idf[i] * ((d->freq[i] * (k1 + 1.0)) /
                              (d->freq[i] + k1 * (1 - b + b * dl / d->avgdl)));
    }
    *out = score;
    return rc;
}

static void rank_call(const Fts5ExtensionApi *api, Fts5Context *fts,
                      sqlite3_context *ctx, int n_args, sqlite3_value **args,
                      int is_rank) {
    hs__rank *st = api->xUserData(fts);
    rank_data *d = NULL;
    double score = 0.0;
    int rc = data_get(api, fts, st, is_rank, &d);
    if (rc == SQLITE_OK)
        rc = score_row(api, fts, st, is_rank, d, n_args, args, &score);
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    if (is_rank && st)
        st->n_ranked++;
    sqlite3_result_double(ctx, is_rank ? -1.0 * score : score);
}

static void bm25_fn(const Fts5ExtensionApi *api, Fts5Context *fts,
                    sqlite3_context *ctx, int n_args, sqlite3_value **args) {
    rank_call(api, fts, ctx, n_args, args, 1);
}

static void score_fn(const Fts5ExtensionApi *api, Fts5Context *fts,
                     sqlite3_context *ctx, int n_args, sqlite3_value **args) {
    rank_call(api, fts, ctx, n_args, args, 0);
}

static void rank_free(void *p) {
    hs__rank *st = p;
    if (st) {
        free(st->published);
        sqlite3_blob_close(st->docsize);
        hs_strlist_release(&st->keys);
    }
    free(st);
}

int hs__rank_register(fts5_api *api, sqlite3 *db, hs__rank **out) {
    hs__rank *st = calloc(1, sizeof(*st));
    *out = NULL;
    if (!st)
        return SQLITE_NOMEM;
    /* the score's registration owns the state: freed with the connection */
    if (api->xCreateFunction(api, "hs_score", st, score_fn, rank_free) !=
        SQLITE_OK) {
        free(st);
        return SQLITE_ERROR;
    }
    st->db = db;
    *out = st;
    return api->xCreateFunction(api, "hs_bm25", st, bm25_fn, NULL);
}

void hs__rank_reset(hs__rank *st, const char *fts, hs_store *s) {
    if (!st)
        return;
    free(st->published);
    st->published = NULL;
    st->n_ranked = 0;
    hs_strlist_release(&st->keys);
    st->idf = NULL;
    /* only a read-only store sees every change in data_version */
    if (!fts || !s || !s->is_readonly)
        return;
    st->idf = hs__store_cache_get(s, HS__CACHE_IDF);
    if (!st->idf)
        st->idf = hs__store_cache_put(
            s, HS__CACHE_IDF, hs__xcalloc(1, sizeof(idf_table)), idf_release);
    /* each "quoted string" is a phrase, numbered in order; a " *" after
     * it makes it a prefix */
    for (const char *p = fts; (p = strchr(p, '"')) != NULL;) {
        const char *q = p + 1;
        hs__buf key = HS_BUF_INIT;
        while (*q && !(q[0] == '"' && q[1] != '"'))
            q += q[0] == '"' ? 2 : 1;
        if (!*q)
            break;
        hs__buf_put(&key, p, (size_t)(q + 1 - p));
        if (!strncmp(q + 1, " *", 2))
            hs__buf_putc(&key, '*');
        hs__strlist_push(&st->keys, key.data);
        hs__buf_release(&key);
        p = q + 1;
    }
}

void hs__rank_done(hs__rank *st) {
    if (!st)
        return;
    sqlite3_blob_close(st->docsize);
    st->docsize = NULL;
}

sqlite3_int64 hs__rank_count(const hs__rank *st) {
    return st ? st->n_ranked : -1;
}
