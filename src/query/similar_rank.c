/*
 * The ranking of similar.c, inside FTS5: hs_sim(), an auxiliary function
 * that scores a row against weighted terms (q_i idf_i, passed as its
 * arguments), and the query that ranks with it.
 *
 *   score(d) = C(d) * sum_i  q_i * idf_i * tf_i (k1 + 1)
 *                                  ---------------------------------
 *                                  tf_i + k1 (1 - b + b * |d| / avgdl)
 *
 *   tf_i  = sum over columns c of  w_c * hits(i, c)
 *   w_c   = title 3, summary 2.5, root_cause 3, impact 1.5, timeline 1,
 *           lessons 1, labels 2, body 0.5
 *   idf_i = ln((N - n_i + 0.5) / (n_i + 0.5)), at least 0.1 (a term in most
 *           documents still counts a little; FTS5's bm25 clamps at 1e-6)
 *   q_i   = the term's weight from the input (alert names and titles 1.5,
 *           symptoms 1, synonyms 0.7 of their source, a thesaurus
 *           concept's other phrasings 0.8: concepts.c)
 *   a concept's phrasings are one piece of evidence: of the terms a
 *           concept brought in, only the best-scoring one a row has counts
 *           (in the sum and in C's numerator; C's denominator counts the
 *           input's own terms only, so an expansion never lowers a score)
 *   C(d)  = 1 + 0.5 (sum of q_i idf_i over matched terms) / (sum over all)
 *           rewards explaining more of the evidence, not one word often
 *   |d|   = tokens in all columns; avgdl their mean over the index
 *   k1 = 1.2 (the usual bm25 constant); b = 0.5 rather than the usual 0.75:
 *           postmortems range from a paragraph to many pages, and the
 *           detailed ones describe more of what happened, so length is
 *           normalised only half way
 *
 * The constants were checked on the icco-eval half we have (make eval):
 * b in 0.5..0.6 with C's factor 0.5 and k1 1.0..1.2 all score within one
 * query of each other, so the choice is not tuned to a knife edge.
 *
 * Bounded cost. A common term's doclist is long: OR-ing 40 terms found in
 * a third of 100k postmortems each makes FTS5 visit, decode and score
 * almost every row (close to a second). So when the chosen terms' document
 * frequencies add up to more than SIM_BUDGET postings, the rows are found
 * by the seed terms, the most telling ones whose postings fit in SIM_SEED
 * (at least the rarest term), ranked by those terms, and the best
 * SIM_RESCORE of them are scored again by every term (similar_row.c).
 * When even the rarest term is in more than SIM_SEED postmortems, only the
 * SIM_SEED last indexed of them are ranked. A postmortem that shares none
 * of the seed terms is then not found: the seed terms are the rarest and,
 * by idf, the most telling ones; a term in thousands of postmortems tells
 * little about which one this incident is. Below the budget (an index of a
 * few thousand postmortems, and the eval corpus) the ranking is exact: one
 * pass over every term. Costs at 100k postmortems are in docs/benchmarks.md.
 */
#include "base/buf.h"
#include "base/error.h"
#include "base/util.h"
#include "query/search.h"
#include "query/similar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define SIM_BUDGET 12000.0 /* postings for one exact pass */
#define SIM_SEED 3000      /* postings of the seed terms, above the budget */
#define SIM_RESCORE 30     /* seed rows scored by every term */

typedef struct sim_query {
    int n;
    double qidf[HS__SIM_MAX_TERMS]; /* q_i * idf_i, by phrase number */
    int group[HS__SIM_MAX_TERMS];   /* -1, or an expansion's concept group */
    double avgdl;
} sim_query;

/*
 * Lengths count the text columns only, not the facets column (filter
 * tokens, store/facets.h), so that a row's score is what
 * similar_row.c computes again from its text.
 */
static double avg_len(const Fts5ExtensionApi *api, Fts5Context *fts) {
    sqlite3_int64 rows = 0, total = 0;
    api->xRowCount(fts, &rows);
    for (int c = 0; c < api->xColumnCount(fts) && c < HS__SIM_N_COLS; c++) {
        sqlite3_int64 t = 0;
        api->xColumnTotalSize(fts, c, &t);
        total += t;
    }
    return rows > 0 && total > 0 ? (double)total / (double)rows : 1;
}

/*
 * FTS5 auxiliary: hs_sim(fts, groups, w0, .. w(n-1)) -> score, where w_i is
 * q_i idf_i of phrase i and `groups` the text "g0 g1 ..", each phrase's
 * concept group or -1 (see the file comment; one text rather than n more
 * arguments, since SQLite allows a function 127). The weights and the mean
 * document length are read once per query into aux data.
 */
static void sim_rank(const Fts5ExtensionApi *api, Fts5Context *fts,
                     sqlite3_context *ctx, int n_args, sqlite3_value **args) {
    sim_query *q = api->xGetAuxdata(fts, 0);
    double tf[HS__SIM_MAX_TERMS] = {0};
    int n_inst = 0, dl = 0;
    if (!q) {
        const char *g;
        if (n_args < 2 || n_args > HS__SIM_MAX_TERMS + 1) {
            sqlite3_result_error(ctx, "hs_sim: bad arguments", -1);
            return;
        }
        q = sqlite3_malloc(sizeof(*q));
        if (!q) {
            sqlite3_result_error_nomem(ctx);
            return;
        }
        memset(q, 0, sizeof(*q));
        q->n = n_args - 1;
        g = (const char *)sqlite3_value_text(args[0]);
        for (int i = 0; i < q->n; i++) {
            char *end = NULL;
            q->qidf[i] = sqlite3_value_double(args[i + 1]);
            q->group[i] = g && *g ? (int)strtol(g, &end, 10) : -1;
            if (end)
                g = end;
        }
        q->avgdl = avg_len(api, fts);
        if (api->xSetAuxdata(fts, q, sqlite3_free) != SQLITE_OK) {
            sqlite3_result_error_nomem(ctx);
            return;
        }
    }
    /* the text columns' lengths, as xColumnSize gives them, without its
     * statement per row */
    hs__rank_row_len(api, fts, api->xUserData(fts), HS__SIM_N_COLS, &dl);
    api->xInstCount(fts, &n_inst);
    for (int i = 0; i < n_inst; i++) {
        int phrase, col, off;
        if (api->xInst(fts, i, &phrase, &col, &off) != SQLITE_OK)
            break;
        if (phrase >= 0 && phrase < q->n && col >= 0 && col < HS__SIM_N_COLS)
            tf[phrase] += hs__sim_col_weight[col];
    }
    sqlite3_result_double(
        ctx, hs__sim_score(q->qidf, q->group, (size_t)q->n, tf, dl, q->avgdl));
}

/* hs_sim_avgdl(fts) -> the mean number of tokens of a row. Read once per
 * query and kept as aux data: reading FTS5's totals for every row was half
 * of the cost of a query at 100k postmortems. */
static void sim_avgdl(const Fts5ExtensionApi *api, Fts5Context *fts,
                      sqlite3_context *ctx, int n_args, sqlite3_value **args) {
    double *avgdl = api->xGetAuxdata(fts, 0);
    (void)n_args;
    (void)args;
    if (!avgdl) {
        avgdl = sqlite3_malloc(sizeof(*avgdl));
        if (!avgdl) {
            sqlite3_result_error_nomem(ctx);
            return;
        }
        *avgdl = avg_len(api, fts);
        if (api->xSetAuxdata(fts, avgdl, sqlite3_free) != SQLITE_OK) {
            sqlite3_result_error_nomem(ctx);
            return;
        }
    }
    sqlite3_result_double(ctx, *avgdl);
}

/* Get fts5_api, register the functions and load the porter tokenizer. */
int hs__similar_setup(hs_store *s, hs_error *err) {
    fts5_api *api = NULL;
    sqlite3_stmt *st;
    void *tok_ctx = NULL;
    const char *args[] = {"unicode61", "remove_diacritics", "2"};
    int rc;
    if (s->is_similar_ready)
        return 0;
    rc = sqlite3_prepare_v2(s->db, "SELECT fts5(?1)", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return hs__store_err(s, rc, err, "FTS5 is not available");
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    if (!api || api->iVersion < 2)
        return hs__seterr(err, HS_EDB, "FTS5 API is not available");
    /* hs_sim reads row lengths through hs_bm25's state (rank.c) */
    if (hs__rank_register(api, s->db, &s->rank) != SQLITE_OK ||
        api->xCreateFunction(api, "hs_sim", s->rank, sim_rank, NULL) !=
            SQLITE_OK ||
        api->xCreateFunction(api, "hs_sim_avgdl", NULL, sim_avgdl, NULL) !=
            SQLITE_OK ||
        api->xCreateFunction(api, "hs_snippet", NULL, hs__fts_snippet, NULL) !=
            SQLITE_OK ||
        api->xFindTokenizer(api, "porter", &tok_ctx, &s->porter_api) !=
            SQLITE_OK ||
        s->porter_api.xCreate(tok_ctx, args, 3, &s->porter) != SQLITE_OK)
        return hs__seterr(err, HS_EDB, "cannot set up similarity ranking");
    s->is_similar_ready = 1;
    return 0;
}

/*
 * The seed terms: most telling first, each whose postings still fit in
 * SIM_SEED; at least the rarest.
 */
static size_t pick_seed(const hs__sim_term *terms, size_t n, size_t *pick) {
    double postings = 0;
    size_t n_pick = 0, rarest = 0;
    for (size_t i = 0; i < n; i++) {
        if (postings + terms[i].df <= SIM_SEED) {
            pick[n_pick++] = i;
            postings += terms[i].df;
        }
        if (terms[i].df < terms[rarest].df)
            rarest = i;
    }
    if (!n_pick)
        pick[n_pick++] = rarest;
    return n_pick;
}

/*
 * Rank the rows matching the picked terms by those terms: at most `scan`
 * rows (the last indexed; -1 for all), the best `want` into hits. Sets
 * *avgdl.
 */
static int rank_pass(hs_store *s, const hs__sim_term *terms, const size_t *pick,
                     size_t n_pick, long scan, size_t want, hs__sim_hit *hits,
                     size_t *n_hits, double *avgdl, hs_error *err) {
    hs__buf match = HS_BUF_INIT, sql = HS_BUF_INIT;
    sqlite3_stmt *st = NULL;
    int rc, step;
    for (size_t i = 0; i < n_pick; i++) {
        const char *t = terms[pick[i]].text;
        if (i)
            hs__buf_puts(&match, " OR ");
        hs__fts_quote(&match, t, strlen(t));
    }
    hs__buf_puts(&sql, "SELECT rowid, score, avgdl FROM (SELECT rowid, "
                       "hs_sim(fts, '");
    for (size_t i = 0; i < n_pick; i++)
        hs__buf_printf(&sql, "%s%d", i ? " " : "", terms[pick[i]].group);
    hs__buf_putc(&sql, '\'');
    for (size_t i = 0; i < n_pick; i++)
        hs__buf_printf(&sql, ", %.6f",
                       terms[pick[i]].weight * terms[pick[i]].idf);
    hs__buf_puts(&sql, ") AS score, hs_sim_avgdl(fts) AS avgdl FROM fts "
                       "WHERE fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2) "
                       "ORDER BY score DESC, rowid DESC LIMIT ?3");
    /* hs_sim's row lengths: a read-only store's table of them, once read */
    hs__rank_reset(s->rank, NULL, s);
    rc = sqlite3_prepare_v2(s->db, sql.data, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, match.data, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, scan);
        sqlite3_bind_int64(st, 3, (sqlite3_int64)want);
        *n_hits = 0;
        while ((step = sqlite3_step(st)) == SQLITE_ROW && *n_hits < want) {
            memset(&hits[*n_hits], 0, sizeof(hits[0]));
            hits[*n_hits].rowid = sqlite3_column_int64(st, 0);
            hits[*n_hits].score = sqlite3_column_double(st, 1);
            *avgdl = sqlite3_column_double(st, 2);
            (*n_hits)++;
        }
        rc = step == SQLITE_DONE || step == SQLITE_ROW ? SQLITE_OK : step;
    }
    rc = rc == SQLITE_OK ? 0
                         : hs__store_err(s, rc, err, "similarity query failed");
    sqlite3_finalize(st);
    hs__rank_done(s->rank); /* hs_sim's blob handle on the row lengths */
    hs__buf_release(&match);
    hs__buf_release(&sql);
    return rc;
}

/*
 * A phrase's df is its rarest word's (similar.c), an upper bound: a seed of
 * expansion phrases ("integration partners" for "api") can match no row at
 * all while the input's own words are in thousands. The seed then falls
 * back to the rarest single word not tried yet, one the input wrote if it
 * wrote any; a word's df is exact, so it finds rows. -1 if none is left.
 */
static long rarest_word(const hs__sim_term *terms, size_t n, const size_t *pick,
                        size_t n_pick) {
    long best = -1;
    for (size_t i = 0; i < n; i++) {
        int tried = 0, better;
        for (size_t k = 0; k < n_pick; k++)
            tried |= pick[k] == i;
        if (tried || !terms[i].stem || strchr(terms[i].stem, ' ') ||
            terms[i].df <= 0)
            continue;
        better =
            best < 0 || (!terms[i].via && terms[best].via) ||
            (!terms[i].via == !terms[best].via && terms[i].df < terms[best].df);
        if (better)
            best = (long)i;
    }
    return best;
}

int hs__similar_rank(hs__sim_reader *r, size_t limit, hs__sim_hit *hits,
                     size_t *n_hits, hs_error *err) {
    size_t pick[HS__SIM_MAX_TERMS], n_pick = 0, want;
    double postings = 0, avgdl = 1, qidf[HS__SIM_MAX_TERMS];
    int group[HS__SIM_MAX_TERMS];
    int rc;
    *n_hits = 0;
    for (size_t i = 0; i < r->n; i++)
        postings += r->terms[i].df;
    if (postings <= SIM_BUDGET) {
        for (size_t i = 0; i < r->n; i++)
            pick[n_pick++] = i;
        return rank_pass(r->s, r->terms, pick, n_pick, -1, HS__SIM_CANDIDATES,
                         hits, n_hits, &avgdl, err);
    }
    n_pick = pick_seed(r->terms, r->n, pick);
    want = limit > SIM_RESCORE ? limit : SIM_RESCORE;
    rc = rank_pass(r->s, r->terms, pick, n_pick, SIM_SEED, want, hits, n_hits,
                   &avgdl, err);
    if (rc == 0 && *n_hits == 0) {
        long w = rarest_word(r->terms, r->n, pick, n_pick);
        if (w >= 0) {
            pick[0] = (size_t)w;
            rc = rank_pass(r->s, r->terms, pick, 1, SIM_SEED, want, hits,
                           n_hits, &avgdl, err);
        }
    }
    for (size_t i = 0; i < r->n; i++) {
        qidf[i] = r->terms[i].weight * r->terms[i].idf;
        group[i] = r->terms[i].group;
    }
    for (size_t i = 0; i < *n_hits && rc == 0; i++) {
        hs__sim_row row;
        rc = hs__sim_row_read(r, hits[i].rowid, &row, err);
        if (rc == 1) { /* gone since: keep the seed score */
            rc = 0;
            continue;
        }
        hits[i].score = hs__sim_score(qidf, group, r->n, row.tf, row.dl, avgdl);
        hits[i].matched = row.matched;
        hits[i].in_lead = row.in_lead;
        hits[i].has_matched = 1;
    }
    return rc;
}
