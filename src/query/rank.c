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
#include "base/strmap.h"
#include "base/util.h"
#include "model/record.h"
#include "query/search.h"
#include "query/similar.h"

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
#define IDF_MAX 3072 /* phrases kept; emptied when there are as many */

/*
 * A phrase's postings under search's column weights (hs__rank_postings):
 * each row it is in, ascending, with the phrase's weighted frequency there
 * (a sum of the weights, kept only when a float holds it exactly) and the
 * row's length. Ranking a query of such phrases is then a merge of their
 * lists in memory, where FTS5 reads every doclist and position list again
 * and seeks each row's length: most of a search's cost at 100k
 * postmortems, and the questions people ask share their words.
 */
typedef struct posting {
    sqlite3_int64 rowid;
    float freq;
    int dl;
} posting;

typedef struct postings {
    size_t n;
    posting *v;
} postings;

/* Bytes of postings one store keeps; a list over a quarter is not kept. */
#define POSTINGS_BUDGET ((size_t)32 << 20)

typedef struct idf_entry {
    sqlite3_int64 n_hit; /* -1: not counted yet */
    postings *post;      /* NULL: not kept */
    char key[];          /* the phrase, NUL-ended: its key in the map */
} idf_entry;

/* The kept counts: the store's HS__CACHE_IDF slot, emptied by the store
 * when data_version changes and here when the row count does. */
typedef struct idf_table {
    sqlite3_int64 n_row;
    hs__strmap phrases;    /* phrase -> its idf_entry */
    sqlite3_int64 n_token; /* of all rows, when has_totals */
    int has_totals;
    size_t post_bytes; /* of every slot's postings */
    int *doclen;       /* each row's length by rowid (-1: no row), or NULL */
    int *textlen;      /* the same of the text columns, as hs_sim sums them */
    size_t n_doclen;
    size_t n_sought;   /* rows whose length was sought one by one, no doclen */
    int is_doclen_bad; /* doclen_load failed: seek every row */
    sqlite3_int64 len_rows; /* xRowCount, once table_len read it, or 0 */
} idf_table;

struct hs__rank {
    rank_data *published; /* by hs_bm25 since hs__rank_reset, or NULL */
    sqlite3_int64 n_ranked;
    sqlite3 *db;
    sqlite3_blob *docsize; /* until hs__rank_done */
    hs_strlist keys;       /* phrase i of the statement is keys.v[i] */
    idf_table *idf;        /* borrowed from the store's cache, or NULL */
    struct collect *build; /* hs_postings's output, while it runs */
};

static void postings_free(postings *p) {
    if (p)
        free(p->v);
    free(p);
}

static size_t postings_bytes(const postings *p) {
    return sizeof(*p) + p->n * sizeof(*p->v);
}

static void postings_clear(idf_table *t) {
    hs__strmap_slot *sl;
    for (size_t i = 0; (sl = hs__strmap_next(&t->phrases, &i)) != NULL;) {
        idf_entry *e = sl->val.ptr;
        postings_free(e->post);
        e->post = NULL;
    }
    t->post_bytes = 0;
}

static void idf_clear(idf_table *t) {
    hs__strmap_slot *sl;
    postings_clear(t);
    for (size_t i = 0; (sl = hs__strmap_next(&t->phrases, &i)) != NULL;)
        free(sl->val.ptr);
    hs__strmap_release(&t->phrases);
    t->has_totals = 0;
    free(t->doclen);
    free(t->textlen);
    t->doclen = t->textlen = NULL;
    t->n_doclen = 0;
    t->n_sought = 0;
    t->is_doclen_bad = 0;
    t->len_rows = 0;
}

static void idf_release(void *p) {
    idf_clear(p);
}

/* The entry of phrase `key`, or NULL. */
static idf_entry *entry_of(const idf_table *t, const char *key) {
    const hs__strmap_slot *sl = hs__strmap_find(&t->phrases, key, strlen(key));
    return sl ? sl->val.ptr : NULL;
}

/* The entry of phrase `key`, added (not counted, no list) if new. */
static idf_entry *entry_add(idf_table *t, const char *key) {
    size_t len = strlen(key);
    int is_new;
    hs__strmap_slot *sl = hs__strmap_put(&t->phrases, key, len, &is_new);
    if (is_new) {
        idf_entry *e = hs__xmalloc(sizeof(*e) + len + 1);
        e->n_hit = -1;
        e->post = NULL;
        memcpy(e->key, key, len + 1);
        sl->key = e->key;
        sl->val.ptr = e;
    }
    return sl->val.ptr;
}

/* Phrase i's rows, if kept; -1 if not. */
static sqlite3_int64 hits_kept(hs__rank *st, int i, sqlite3_int64 n_row) {
    const idf_entry *e;
    if (!st || !st->idf || (size_t)i >= st->keys.n)
        return -1;
    if (st->idf->n_row != n_row) {
        idf_clear(st->idf);
        st->idf->n_row = n_row;
        return -1;
    }
    e = entry_of(st->idf, st->keys.v[i]);
    return e ? e->n_hit : -1;
}

static void hits_keep(hs__rank *st, int i, sqlite3_int64 n_hit) {
    if (!st || !st->idf || (size_t)i >= st->keys.n)
        return;
    if (st->idf->phrases.n >= IDF_MAX)
        idf_clear(st->idf);
    entry_add(st->idf, st->keys.v[i])->n_hit = n_hit;
}

/* Phrase i's part of bm25() in a row of `dl` tokens, `freq` > 0. */
static double term_score(double idf, double freq, double dl, double avgdl) {
    const double k1 = 1.2, b = 0.75;
    return idf * ((freq * (k1 + 1.0)) / (freq + k1 * (1 - b + b * dl / avgdl)));
}

/* The IDF of a phrase in n_hit of n_row rows, as bm25() has it. */
static double idf_of(sqlite3_int64 n_row, sqlite3_int64 n_hit) {
    double idf = log((n_row - n_hit + 0.5) / (n_hit + 0.5));
    return idf <= 0.0 ? 1e-6 : idf;
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
    d->idf[i] = idf_of(d->n_row, n_hit);
    d->known[i] = 1;
    if (is_rank && pub) {
        pub->idf[i] = d->idf[i];
        pub->known[i] = 1;
    }
    return SQLITE_OK;
}

/* The sum of a docsize blob's varints (one per column, as FTS5 reads it)
 * of columns 0..n_sum-1, or of all when n_sum < 0. */
static int blob_tokens(const unsigned char *p, int n, int n_col, int n_sum,
                       int *out) {
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
        if (n_sum < 0 || c < n_sum)
            total += (int)v;
    }
    *out = total;
    return 0;
}

/* The current row's length in tokens, all columns: xColumnSize(-1). */
static int row_tokens(const Fts5ExtensionApi *api, Fts5Context *fts,
                      hs__rank *st, int *out) {
    return hs__rank_row_len(api, fts, st, -1, out);
}

/* The sum of xColumnSize over columns 0..n_sum-1 (all when n_sum < 0),
 * a column it cannot read counted as 0. */
static int column_sizes(const Fts5ExtensionApi *api, Fts5Context *fts,
                        int n_sum, int *out) {
    int len;
    if (n_sum < 0)
        return api->xColumnSize(fts, -1, out);
    *out = 0;
    for (int c = 0; c < api->xColumnCount(fts) && c < n_sum; c++)
        if (api->xColumnSize(fts, c, &len) == SQLITE_OK)
            *out += len;
    return SQLITE_OK;
}

/* Row `row`'s length from its fts_docsize blob, as blob_tokens sums it:
 * 0, or -1 when it cannot be read. */
static int docsize_read(hs__rank *st, sqlite3_int64 row, int n_col, int n_sum,
                        int *out) {
    unsigned char sz[64];
    int rc, n;
    if (!st->docsize)
        rc = sqlite3_blob_open(st->db, "main", "fts_docsize", "sz", row, 0,
                               &st->docsize);
    else
        rc = sqlite3_blob_reopen(st->docsize, row);
    n = rc == SQLITE_OK ? sqlite3_blob_bytes(st->docsize) : 0;
    if (rc == SQLITE_OK && n > 0 && n <= (int)sizeof(sz) &&
        sqlite3_blob_read(st->docsize, sz, n, 0) == SQLITE_OK &&
        blob_tokens(sz, n, n_col, n_sum, out) == 0)
        return 0;
    /* a handle that failed to move is closed: the next row opens one */
    if (rc != SQLITE_OK) {
        sqlite3_blob_close(st->docsize);
        st->docsize = NULL;
    }
    return -1;
}

static int doclen_wanted(const idf_table *t, size_t n_list,
                         sqlite3_int64 n_row);
static int doclen_load(hs__rank *st, idf_table *t, int n_col);

/*
 * Row `row`'s length from the borrowed table of every row's (read once
 * seeking them has cost as much: doclen_wanted), which has all columns'
 * and the text columns'. 0, or -1: seek it.
 */
static int table_len(const Fts5ExtensionApi *api, Fts5Context *fts,
                     hs__rank *st, sqlite3_int64 row, int n_sum, int *out) {
    idf_table *t = st->idf;
    const int *v;
    if (!t || (n_sum >= 0 && n_sum != HS__SIM_N_COLS))
        return -1;
    /* xRowCount reads FTS5's totals on each call: once per table */
    if (!t->doclen && !t->len_rows &&
        api->xRowCount(fts, &t->len_rows) != SQLITE_OK)
        t->len_rows = 0;
    if (!t->doclen && (t->is_doclen_bad || !t->len_rows ||
                       !doclen_wanted(t, 1, t->len_rows) ||
                       doclen_load(st, t, api->xColumnCount(fts)) != 0))
        return -1;
    v = n_sum < 0 ? t->doclen : t->textlen;
    if (row < 0 || (size_t)row >= t->n_doclen || v[row] < 0)
        return -1;
    *out = v[row];
    return 0;
}

int hs__rank_row_len(const Fts5ExtensionApi *api, Fts5Context *fts,
                     hs__rank *st, int n_sum, int *out) {
    sqlite3_int64 row;
    if (!st || !st->db)
        return column_sizes(api, fts, n_sum, out);
    row = api->xRowid(fts);
    if (table_len(api, fts, st, row, n_sum, out) == 0)
        return SQLITE_OK;
    if (docsize_read(st, row, api->xColumnCount(fts), n_sum, out) == 0) {
        if (st->idf && !st->idf->doclen)
            st->idf->n_sought++;
        return SQLITE_OK;
    }
    return column_sizes(api, fts, n_sum, out);
}

/* bm25() of the current row, as a positive score (bm25() is its negation). */
static int score_row(const Fts5ExtensionApi *api, Fts5Context *fts,
                     hs__rank *st, int is_rank, rank_data *d, int n_w,
                     sqlite3_value **w, double *out) {
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
        score += term_score(d->idf[i], d->freq[i], dl, d->avgdl);
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

/* ---------------------------------------------------------------------
 * Postings (see struct posting): built by hs_postings(fts, w...) on the
 * first row of a MATCH of one phrase, used by hs__rank_postings.
 */

typedef struct collect {
    hs__rank *st;
    int n_w;
    sqlite3_value **w;
    postings *p;
    size_t alloc;
    sqlite3_int64 n_row, n_token;
    int n_col, is_done, is_exact;
} collect;

/* One row of the phrase: its weighted frequency, as score_row sums it. */
static int collect_row(const Fts5ExtensionApi *api, Fts5Context *fts,
                       void *user) {
    collect *c = user;
    Fts5PhraseIter it;
    int col, off;
    double freq = 0.0;
    int rc = api->xPhraseFirst(fts, 0, &it, &col, &off);
    for (; rc == SQLITE_OK && col >= 0; api->xPhraseNext(fts, &it, &col, &off))
        freq += c->n_w > col ? sqlite3_value_double(c->w[col]) : 1.0;
    if (rc != SQLITE_OK)
        return rc;
    if ((double)(float)freq != freq) {
        c->is_exact = 0;
        return SQLITE_DONE; /* stops xQueryPhrase, which returns OK */
    }
    HS_ALLOC_GROW(c->p->v, c->p->n + 1, c->alloc);
    c->p->v[c->p->n].rowid = api->xRowid(fts);
    c->p->v[c->p->n].freq = (float)freq;
    c->p->v[c->p->n].dl = -1; /* from the table's doclen, once read */
    c->p->n++;
    return SQLITE_OK;
}

static void postings_fn(const Fts5ExtensionApi *api, Fts5Context *fts,
                        sqlite3_context *ctx, int n_args,
                        sqlite3_value **args) {
    hs__rank *st = api->xUserData(fts);
    collect *c = st ? st->build : NULL;
    int rc = SQLITE_OK;
    if (c && !c->is_done) {
        c->is_done = 1;
        c->n_w = n_args;
        c->w = args;
        c->n_col = api->xColumnCount(fts);
        rc = api->xRowCount(fts, &c->n_row);
        if (rc == SQLITE_OK)
            rc = api->xColumnTotalSize(fts, -1, &c->n_token);
        if (rc == SQLITE_OK)
            rc = api->xQueryPhrase(fts, 0, c, collect_row);
    }
    if (rc != SQLITE_OK)
        sqlite3_result_error_code(ctx, rc);
    else
        sqlite3_result_int(ctx, 1);
}

/* Rowids past this are not given a slot of the length table: it then
 * takes at most the postings' own budget (2^26 slots were 256 MB a
 * worker, for an index whose rowids grew through many re-index runs). */
#define DOCLEN_MAX_ROWID ((sqlite3_int64)(POSTINGS_BUDGET / sizeof(int)))

/*
 * Seeking one row's length in fts_docsize costs about as much as reading
 * DOCLEN_SEEK_COST rows in a pass over it (callgrind: 1.9k instructions a
 * sought row, blob_reopen and read, against 1.05k a row of the pass).
 */
#define DOCLEN_SEEK_COST 2

/*
 * Read every row's length (doclen_load) now? Only once seeking the rows
 * of the lists built so far, and of this one of `n_list` rows, would
 * have cost as much as the pass: a one-shot search of a rare word seeks
 * its few rows (the pass over 10k rows was two thirds of the process),
 * a store that answers many questions (serve) soon reads the table once.
 */
static int doclen_wanted(const idf_table *t, size_t n_list,
                         sqlite3_int64 n_row) {
    return t->doclen ||
           (double)(t->n_sought + n_list) * DOCLEN_SEEK_COST >= (double)n_row;
}

/*
 * Every row's length, as row_tokens reads one, and its text columns' (as
 * hs_sim reads them), in one pass over fts_docsize: a list's rows are
 * then looked up, not sought one by one (most of what reading a long list
 * cost). 0, or -1 (rowids too sparse, an error; not tried again): the
 * lists are not kept then.
 */
static int doclen_load(hs__rank *st, idf_table *t, int n_col) {
    sqlite3_stmt *q = NULL;
    sqlite3_int64 max = -1;
    size_t bytes;
    int step = SQLITE_ERROR;
    if (t->doclen)
        return 0;
    if (t->is_doclen_bad)
        return -1;
    t->is_doclen_bad = 1; /* until it is read */
    if (sqlite3_prepare_v2(st->db, "SELECT max(id) FROM fts_docsize", -1, &q,
                           NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_step(q) == SQLITE_ROW)
        max = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    if (max < 0 || max >= DOCLEN_MAX_ROWID ||
        sqlite3_prepare_v2(st->db, "SELECT id, sz FROM fts_docsize", -1, &q,
                           NULL) != SQLITE_OK)
        return -1;
    t->n_doclen = (size_t)max + 1;
    bytes = t->n_doclen * sizeof(*t->doclen);
    t->doclen = hs__xmalloc(bytes);
    t->textlen = hs__xmalloc(bytes);
    memset(t->doclen, 0xff, bytes);
    memset(t->textlen, 0xff, bytes);
    while ((step = sqlite3_step(q)) == SQLITE_ROW) {
        sqlite3_int64 id = sqlite3_column_int64(q, 0);
        const unsigned char *sz = sqlite3_column_blob(q, 1);
        int n = sqlite3_column_bytes(q, 1), dl, tl;
        if (id < 0 || id > max || !sz ||
            blob_tokens(sz, n, n_col, -1, &dl) != 0 ||
            blob_tokens(sz, n, n_col, HS__SIM_N_COLS, &tl) != 0)
            break;
        t->doclen[id] = dl;
        t->textlen[id] = tl;
    }
    sqlite3_finalize(q);
    if (step != SQLITE_DONE) {
        free(t->doclen);
        free(t->textlen);
        t->doclen = t->textlen = NULL;
        t->n_doclen = 0;
        return -1;
    }
    t->is_doclen_bad = 0;
    return 0;
}

/*
 * The postings of the phrase kept as `key` (hs__rank_reset's form: the
 * quoted phrase, then '*' for a prefix), read from the index into *out
 * (empty when no row has it). 0, or -1 when they cannot be kept (a
 * frequency a float does not hold) or on an error.
 */
static int postings_build(hs__rank *st, idf_table *t, const char *key,
                          const char *weights, postings **out, collect *c) {
    hs__buf sql = HS_BUF_INIT, match = HS_BUF_INIT;
    sqlite3_stmt *stmt = NULL;
    size_t len = strlen(key);
    int rc, step = SQLITE_ERROR;
    memset(c, 0, sizeof(*c));
    c->st = st;
    c->is_exact = 1;
    c->p = hs__xcalloc(1, sizeof(*c->p));
    if (len && key[len - 1] == '*') {
        hs__buf_put(&match, key, len - 1);
        hs__buf_puts(&match, " *");
    } else {
        hs__buf_puts(&match, key);
    }
    hs__buf_printf(&sql,
                   "SELECT hs_postings(fts, %s) FROM fts WHERE fts MATCH ? "
                   "LIMIT 1",
                   weights);
    rc = sqlite3_prepare_v2(st->db, sql.data, -1, &stmt, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(stmt, 1, match.data, -1, SQLITE_STATIC);
        st->build = c;
        while ((step = sqlite3_step(stmt)) == SQLITE_ROW)
            ;
        st->build = NULL;
    }
    sqlite3_finalize(stmt);
    hs__buf_release(&sql);
    hs__buf_release(&match);
    if (rc == SQLITE_OK && step == SQLITE_DONE && c->is_exact && c->p->n &&
        doclen_wanted(t, c->p->n, c->n_row) &&
        doclen_load(st, t, c->n_col) != 0)
        rc = SQLITE_ERROR;
    for (size_t k = 0; rc == SQLITE_OK && k < c->p->n; k++) {
        sqlite3_int64 row = c->p->v[k].rowid;
        if (!t->doclen) {
            if (docsize_read(st, row, c->n_col, -1, &c->p->v[k].dl) != 0)
                rc = SQLITE_ERROR;
        } else if (row < 0 || (size_t)row >= t->n_doclen ||
                   t->doclen[row] < 0) {
            rc = SQLITE_ERROR; /* not the index the lengths were read of */
        } else {
            c->p->v[k].dl = t->doclen[row];
        }
    }
    if (!t->doclen)
        t->n_sought += c->p->n;
    if (rc != SQLITE_OK || step != SQLITE_DONE || !c->is_exact) {
        postings_free(c->p);
        return -1;
    }
    *out = c->p;
    return 0;
}

/* Is `match` "(" then phrases, each "..." or "..." *, one space apart, ")"?
 * The number of phrases, or 0. */
static size_t plain_phrases(const char *m) {
    size_t n = 0;
    if (*m++ != '(')
        return 0;
    for (;;) {
        if (*m++ != '"')
            return 0;
        while (*m && !(m[0] == '"' && m[1] != '"'))
            m += m[0] == '"' ? 2 : 1;
        if (!*m++)
            return 0;
        n++;
        if (!strncmp(m, " *", 2))
            m += 2;
        if (*m == ')')
            return m[1] ? 0 : n;
        if (*m++ != ' ')
            return 0;
    }
}

#define POSTINGS_MAX_PHRASES 32

/*
 * Has this store been asked each of the `n` phrases before (since its
 * counts were last emptied)? Those it has not are noted (a slot with no
 * count yet), so that the next question with them finds them.
 */
static int phrases_asked(hs__rank *st, idf_table *t, size_t n) {
    int is_all = 1;
    for (size_t i = 0; i < n; i++) {
        if (entry_of(t, st->keys.v[i]))
            continue;
        entry_add(t, st->keys.v[i]); /* hits_kept: not counted */
        is_all = 0;
    }
    return is_all;
}

int hs__rank_postings(hs__rank *st, hs_store *s, const char *match,
                      const char *weights, hs__rank_row_fn *fn, void *ctx) {
    postings *p[POSTINGS_MAX_PHRASES] = {0};
    int is_new[POSTINGS_MAX_PHRASES] = {0};
    size_t at[POSTINGS_MAX_PHRASES] = {0};
    double idf[POSTINGS_MAX_PHRASES];
    size_t n = plain_phrases(match), shortest = 0;
    idf_table *t;
    int rc = 1, is_stale = 0;
    if (!st || !st->db || !s || !s->is_readonly || !n ||
        n > POSTINGS_MAX_PHRASES || n != st->keys.n)
        return 0;
    /* in the caller's transaction: the postings kept are of its snapshot */
    t = hs__store_cache_get(s, HS__CACHE_IDF);
    if (!t)
        t = hs__store_cache_put(s, HS__CACHE_IDF,
                                hs__xcalloc(1, sizeof(idf_table)), idf_release);
    st->idf = t; /* the one hs__rank_reset borrowed may be gone */
    if (!t)
        return 0;
    if (t->phrases.n + n >= IDF_MAX)
        idf_clear(t);
    /*
     * Several phrases: each list is its phrase's whole doclist, where FTS5
     * ranks only the rows that have them all (twice the instructions of a
     * one-shot search of "payment provider outage"). The lists are read
     * once the store was asked each phrase before, as serve's workers
     * are; a store asked one question (a CLI search) ranks with FTS5. One
     * phrase: its list costs what FTS5's pass over it does.
     */
    if (n > 1 && !phrases_asked(st, t, n))
        return 0;
    for (size_t i = 0; i < n && rc == 1; i++) {
        collect c;
        const idf_entry *e = entry_of(t, st->keys.v[i]);
        if (e && e->post) {
            p[i] = e->post;
            continue;
        }
        if (postings_build(st, t, st->keys.v[i], weights, &p[i], &c) != 0) {
            rc = 0;
            break;
        }
        is_new[i] = 1;
        if (c.is_done && t->has_totals &&
            (c.n_row != t->n_row || c.n_token != t->n_token))
            rc = 0, is_stale = 1; /* not the index the kept lists are of */
        else if (c.is_done) {
            t->n_row = c.n_row;
            t->n_token = c.n_token;
            t->has_totals = 1;
        }
    }
    if (rc == 1) {
        st->n_ranked = 0;
        for (size_t i = 0; i < n; i++) {
            if (p[i]->n < p[shortest]->n)
                shortest = i;
            idf[i] =
                t->has_totals ? idf_of(t->n_row, (sqlite3_int64)p[i]->n) : 0.0;
        }
        /* each row of the shortest list that every other list has */
        for (size_t k = 0; k < p[shortest]->n; k++) {
            const posting *row = &p[shortest]->v[k];
            double score = 0.0, avgdl;
            size_t i;
            for (i = 0; i < n; i++) {
                while (at[i] < p[i]->n && p[i]->v[at[i]].rowid < row->rowid)
                    at[i]++;
                if (at[i] == p[i]->n || p[i]->v[at[i]].rowid != row->rowid)
                    break;
            }
            if (i < n)
                continue;
            avgdl = (double)t->n_token / (double)t->n_row;
            for (i = 0; i < n; i++) {
                double freq = p[i]->v[at[i]].freq;
                if (freq != 0.0)
                    score += term_score(idf[i], freq, (double)row->dl, avgdl);
            }
            st->n_ranked++;
            fn(ctx, -1.0 * score, row->rowid);
        }
    }
    /* keep what was read: the row counts always, the lists in the budget */
    for (size_t i = 0; i < n; i++) {
        idf_entry *e;
        size_t bytes;
        if (!is_new[i])
            continue;
        if (rc != 1) {
            postings_free(p[i]);
            continue;
        }
        hits_keep(st, (int)i, (sqlite3_int64)p[i]->n);
        e = entry_of(t, st->keys.v[i]);
        bytes = postings_bytes(p[i]);
        if (e && !e->post && bytes <= POSTINGS_BUDGET / 4) {
            if (t->post_bytes + bytes > POSTINGS_BUDGET)
                postings_clear(t);
            e->post = p[i];
            t->post_bytes += bytes;
        } else {
            postings_free(p[i]);
        }
    }
    if (is_stale)
        idf_clear(t);
    return rc;
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
    if (api->xCreateFunction(api, "hs_postings", st, postings_fn, NULL) !=
        SQLITE_OK)
        return SQLITE_ERROR;
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
    if (!s || !s->is_readonly)
        return;
    st->idf = hs__store_cache_get(s, HS__CACHE_IDF);
    if (!st->idf)
        st->idf = hs__store_cache_put(
            s, HS__CACHE_IDF, hs__xcalloc(1, sizeof(idf_table)), idf_release);
    if (!fts)
        return;
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
    st->idf = NULL; /* the store's cache may drop it before the next reset */
}

sqlite3_int64 hs__rank_count(const hs__rank *st) {
    return st ? st->n_ranked : -1;
}
