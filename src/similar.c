/*
 * "Have we seen this before?": past postmortems ranked against the symptoms
 * of a live incident. Keyword search wants every word; symptoms are a bag of
 * partial evidence, so this ranks documents by how much of the evidence they
 * explain, weighting rare terms and telling fields.
 *
 * Pipeline: terms.c turns the input into weighted terms; each is stemmed
 * with FTS5's own porter tokenizer and looked up in fts_vocab for its
 * document frequency; the K most telling terms (weight * idf) are OR-ed into
 * one MATCH, and the matching rows are scored by hs_sim(), an FTS5
 * auxiliary function registered here:
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
 *           symptoms 1, synonyms 0.7 of their source)
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
 * The best 100 rows are then boosted in C: x1.25 when the postmortem names
 * the incident's service, x(1 + 0.1 per shared tag) up to x1.3.
 */
#include "error.h"
#include "normalize.h"
#include "record.h"
#include "search.h"
#include "store.h"
#include "terms.h"
#include "util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "banned.h"

#define SIM_MAX_TERMS 64
#define SIM_CANDIDATES 100
#define SIM_K1 1.2
#define SIM_B 0.5
#define SIM_COORD 0.5
#define SIM_COLW 3.0, 2.5, 3.0, 1.5, 1.0, 1.0, 2.0, 0.5
#define SIM_N_COLS 8

static const double col_weight[SIM_N_COLS] = {SIM_COLW};

typedef struct sim_query {
    int n;
    double qidf[SIM_MAX_TERMS]; /* q_i * idf_i, by phrase number */
    double total;               /* sum of qidf */
    double avgdl;               /* 0 until the first row computes it */
} sim_query;

/*
 * FTS5 auxiliary: hs_sim(fts, w0, w1, ...) -> -score, where w_i is q_i idf_i
 * of phrase i (see the file comment). Negated so that FTS5's `ORDER BY
 * rank` (ascending) puts the best first; used through `rank MATCH
 * 'hs_sim(...)'`, which lets FTS5 sort inside the table. The weights and
 * the mean document length are read once per query into aux data.
 */
static void sim_rank(const Fts5ExtensionApi *api, Fts5Context *fts,
                     sqlite3_context *ctx, int n_args, sqlite3_value **args) {
    sim_query *q = api->xGetAuxdata(fts, 0);
    double tf[SIM_MAX_TERMS] = {0}, score = 0, matched = 0;
    int n_inst = 0, n_cols = api->xColumnCount(fts), dl = 0;
    if (!q) {
        sqlite3_int64 rows = 0, total = 0;
        if (n_args < 1 || n_args > SIM_MAX_TERMS) {
            sqlite3_result_error(ctx, "hs_sim: bad arguments", -1);
            return;
        }
        q = sqlite3_malloc(sizeof(*q));
        if (!q) {
            sqlite3_result_error_nomem(ctx);
            return;
        }
        memset(q, 0, sizeof(*q));
        q->n = n_args;
        for (int i = 0; i < n_args; i++) {
            q->qidf[i] = sqlite3_value_double(args[i]);
            q->total += q->qidf[i];
        }
        api->xRowCount(fts, &rows);
        for (int c = 0; c < n_cols; c++) {
            sqlite3_int64 t = 0;
            api->xColumnTotalSize(fts, c, &t);
            total += t;
        }
        q->avgdl = rows > 0 && total > 0 ? (double)total / (double)rows : 1;
        if (api->xSetAuxdata(fts, q, sqlite3_free) != SQLITE_OK) {
            sqlite3_result_error_nomem(ctx);
            return;
        }
    }
    for (int c = 0; c < n_cols; c++) {
        int sz = 0;
        api->xColumnSize(fts, c, &sz);
        dl += sz;
    }
    api->xInstCount(fts, &n_inst);
    for (int i = 0; i < n_inst; i++) {
        int phrase, col, off;
        if (api->xInst(fts, i, &phrase, &col, &off) != SQLITE_OK)
            break;
        if (phrase >= 0 && phrase < q->n && col >= 0 && col < SIM_N_COLS)
            tf[phrase] += col_weight[col];
    }
    for (int i = 0; i < q->n; i++) {
        double norm;
        if (tf[i] <= 0)
            continue;
        norm = tf[i] + SIM_K1 * (1 - SIM_B + SIM_B * dl / q->avgdl);
        score += q->qidf[i] * tf[i] * (SIM_K1 + 1) / norm;
        matched += q->qidf[i];
    }
    if (q->total > 0)
        score *= 1 + SIM_COORD * matched / q->total;
    sqlite3_result_double(ctx, -score);
}

/* hs_sim_terms(fts) -> "phrase:colmask phrase:colmask ..." */
static void sim_terms(const Fts5ExtensionApi *api, Fts5Context *fts,
                      sqlite3_context *ctx, int n_args, sqlite3_value **args) {
    unsigned masks[SIM_MAX_TERMS] = {0};
    int n_inst = 0;
    hs__buf b = HS_BUF_INIT;
    (void)n_args;
    (void)args;
    api->xInstCount(fts, &n_inst);
    for (int i = 0; i < n_inst; i++) {
        int phrase, col, off;
        if (api->xInst(fts, i, &phrase, &col, &off) != SQLITE_OK)
            break;
        if (phrase >= 0 && phrase < SIM_MAX_TERMS && col >= 0 && col < 32)
            masks[phrase] |= 1u << col;
    }
    for (int i = 0; i < SIM_MAX_TERMS; i++)
        if (masks[i])
            hs__buf_printf(&b, "%d:%u ", i, masks[i]);
    sqlite3_result_text(ctx, b.data, (int)b.len, SQLITE_TRANSIENT);
    hs__buf_release(&b);
}

/* Get fts5_api, register the functions and load the porter tokenizer. */
static int similar_setup(hs_store *s, hs_error *err) {
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
    if (api->xCreateFunction(api, "hs_sim", NULL, sim_rank, NULL) !=
            SQLITE_OK ||
        api->xCreateFunction(api, "hs_sim_terms", NULL, sim_terms, NULL) !=
            SQLITE_OK ||
        api->xFindTokenizer(api, "porter", &tok_ctx, &s->porter_api) !=
            SQLITE_OK ||
        s->porter_api.xCreate(tok_ctx, args, 3, &s->porter) != SQLITE_OK)
        return hs__seterr(err, HS_EDB, "cannot set up similarity ranking");
    s->is_similar_ready = 1;
    return 0;
}

typedef struct stem_ctx {
    hs__buf out;
} stem_ctx;

static int on_stem(void *ctx, int flags, const char *tok, int n, int start,
                   int end) {
    stem_ctx *c = ctx;
    (void)flags;
    (void)start;
    (void)end;
    if (c->out.len)
        hs__buf_putc(&c->out, ' ');
    hs__buf_put(&c->out, tok, (size_t)n);
    return SQLITE_OK;
}

typedef struct cand {
    char *text; /* surface form */
    char *stem;
    double weight, idf;
} cand;

static int cmp_cand(const void *a, const void *b) {
    const cand *x = a, *y = b;
    double sx = x->weight * x->idf, sy = y->weight * y->idf;
    return sx < sy ? 1 : sx > sy ? -1 : strcmp(x->text, y->text);
}

/*
 * Stem the terms, merge those with the same stem, look up their document
 * frequencies and keep the most telling ones. Returns how many are in
 * `out` (sorted best first).
 */
static int choose_terms(hs_store *s, const hs__termset *ts, cand *out,
                        size_t max, size_t *n_out, hs_error *err) {
    sqlite3_stmt *st = NULL;
    cand *all = hs__xcalloc(ts->n + 1, sizeof(cand));
    size_t n = 0;
    double n_docs;
    int rc = hs_store_count(s, err);
    if (rc < 0) {
        free(all);
        return rc;
    }
    n_docs = rc;
    rc = sqlite3_prepare_v2(s->db, "SELECT doc FROM fts_vocab WHERE term = ?",
                            -1, &st, NULL);
    if (rc != SQLITE_OK) {
        free(all);
        return hs__store_err(s, rc, err, "cannot read term statistics");
    }
    rc = 0;
    for (size_t i = 0; i < ts->n; i++) {
        stem_ctx c = {HS_BUF_INIT};
        size_t k;
        s->porter_api.xTokenize(s->porter, &c, FTS5_TOKENIZE_QUERY,
                                ts->v[i].text, (int)strlen(ts->v[i].text),
                                on_stem);
        if (!c.out.len || strchr(c.out.data, ' ')) {
            hs__buf_release(&c.out);
            continue;
        }
        for (k = 0; k < n; k++)
            if (!strcmp(all[k].stem, c.out.data))
                break;
        if (k < n) {
            all[k].weight += ts->v[i].weight;
            hs__buf_release(&c.out);
            continue;
        }
        all[n].text = hs__xstrdup(ts->v[i].text);
        all[n].stem = hs__buf_detach(&c.out, NULL);
        all[n].weight = ts->v[i].weight;
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, all[n].stem, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW) {
            double df = sqlite3_column_double(st, 0);
            double idf = log((n_docs - df + 0.5) / (df + 0.5));
            all[n].idf = idf < 0.1 ? 0.1 : idf;
            n++;
        } else {
            free(all[n].text);
            free(all[n].stem);
        }
    }
    sqlite3_finalize(st);
    hs__qsort(all, n, sizeof(cand), cmp_cand);
    *n_out = n < max ? n : max;
    for (size_t i = 0; i < n; i++) {
        if (i < *n_out) {
            out[i] = all[i];
        } else {
            free(all[i].text);
            free(all[i].stem);
        }
    }
    free(all);
    return 0;
}

/* Does the postmortem name this service, or share tags? */
/*
 * Boost for a candidate: x1.25 when it names the incident's service,
 * x(1 + 0.1 per shared tag) up to x1.3. `st` selects a postmortem's labels.
 */
static double boost(sqlite3_stmt *st, sqlite3_int64 rowid,
                    const hs_incident *inc) {
    double f = 1.0, tag_boost = 1.0;
    if (!st)
        return 1.0;
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, rowid);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *kind = (const char *)sqlite3_column_text(st, 0);
        const char *v = (const char *)sqlite3_column_text(st, 1);
        if (!kind || !v)
            continue;
        if (!strcmp(kind, "service") && inc->service &&
            !hs__strcasecmp(v, inc->service))
            f = 1.25;
        if (!strcmp(kind, "tag") && hs__strlist_has(&inc->tags, v))
            tag_boost += 0.1;
    }
    return f * (tag_boost > 1.3 ? 1.3 : tag_boost);
}

typedef struct cand_hit {
    sqlite3_int64 rowid;
    double score;
} cand_hit;

static int cmp_cand_hit(const void *a, const void *b) {
    const cand_hit *x = a, *y = b;
    return x->score < y->score ? 1 : x->score > y->score ? -1 : 0;
}

/* Matched terms, in order of how telling they are (terms are sorted so). */
static void matched_terms(hs_hit *h, const char *mask_text, const cand *terms,
                          size_t n_terms) {
    const char *p = mask_text ? mask_text : "";
    for (size_t i = 0; i < n_terms; i++) {
        char pat[16];
        int len = snprintf(pat, sizeof(pat), "%zu:", i);
        const char *hit = p;
        while ((hit = strstr(hit, pat)) != NULL) {
            if (hit == p || hit[-1] == ' ')
                break;
            hit += len;
        }
        if (hit)
            hs__strlist_push(&h->matched_terms, terms[i].text);
    }
}

/* The postmortem's open action items. */
static void open_actions(sqlite3_stmt *st, hs_hit *h, sqlite3_int64 rowid) {
    size_t alloc = 0;
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, rowid);
    while (sqlite3_step(st) == SQLITE_ROW) {
        hs_action_item *a;
        const char *v;
        HS_ALLOC_GROW(h->open_actions, h->n_open_actions + 1, alloc);
        a = &h->open_actions[h->n_open_actions++];
        memset(a, 0, sizeof(*a));
        v = (const char *)sqlite3_column_text(st, 0);
        a->action = hs__xstrdup(v ? v : "");
        v = (const char *)sqlite3_column_text(st, 1);
        a->owner = v ? hs__xstrdup(v) : NULL;
        v = (const char *)sqlite3_column_text(st, 2);
        if (v && strlen(v) == 10)
            memcpy(a->due, v, 11);
        a->status =
            hs__status_from_name((const char *)sqlite3_column_text(st, 3));
    }
}

#define MARK_OPEN "\xee\x80\x80"
#define MARK_CLOSE "\xee\x80\x81"

/*
 * Step one ranks every match inside FTS5 (ORDER BY rank) and keeps the
 * best SIM_CANDIDATES; only those get boosts, and only the `limit` best
 * get the costlier details (matched terms, snippet, open action items),
 * one indexed lookup each.
 */
int hs_similar(hs_store *s, const hs_incident *inc, int limit, hs_results **out,
               hs_error *err) {
    static const char *const rank_sql =
        "SELECT rowid, -rank FROM fts WHERE fts MATCH ?1 AND rank MATCH ?2 "
        "ORDER BY rank LIMIT " HS__STR(SIM_CANDIDATES);
    static const char *const detail_sql =
        "SELECT p.id, p.title, p.path, p.date, p.severity, hs_sim_terms(fts), "
        "json_extract(p.record, '$.root_cause'), "
        "snippet(fts, 2, '" MARK_OPEN "', '" MARK_CLOSE
        "', '\xe2\x80\xa6', 24), "
        "snippet(fts, 1, '" MARK_OPEN "', '" MARK_CLOSE
        "', '\xe2\x80\xa6', 24) "
        "FROM fts JOIN postmortems p ON p.rowid = fts.rowid "
        "WHERE fts MATCH ?1 AND fts.rowid = ?2";
    hs__termset ts = {0};
    cand terms[SIM_MAX_TERMS];
    size_t n_terms = 0, n_cands = 0;
    cand_hit cands[SIM_CANDIDATES];
    hs__buf match = HS_BUF_INIT, rank = HS_BUF_INIT;
    sqlite3_stmt *st = NULL, *labels = NULL, *detail = NULL, *acts = NULL;
    hs_results *r = NULL;
    int rc, step;

    *out = NULL;
    if (limit <= 0)
        limit = inc->limit > 0 ? inc->limit : 10;
    if (limit > SIM_CANDIDATES)
        limit = SIM_CANDIDATES;
    rc = similar_setup(s, err);
    if (rc)
        return rc;
    hs__terms_add_text(&ts, inc->title, 1.5);
    for (size_t i = 0; i < inc->symptoms.n; i++)
        hs__terms_add_text(&ts, inc->symptoms.v[i], 1.0);
    hs__terms_add_text(&ts, inc->service, 0.8);
    for (size_t i = 0; i < inc->tags.n; i++)
        hs__terms_add_text(&ts, inc->tags.v[i], 1.0);
    rc = choose_terms(s, &ts, terms,
                      inc->max_terms > 0 && inc->max_terms < SIM_MAX_TERMS
                          ? (size_t)inc->max_terms
                          : SIM_MAX_TERMS,
                      &n_terms, err);
    hs__termset_release(&ts);
    if (rc)
        return rc;
    r = hs__xcalloc(1, sizeof(*r));
    if (!n_terms) {
        /* nothing in the input occurs in any postmortem: no match */
        *out = r;
        return 0;
    }
    hs__buf_puts(&rank, "hs_sim(");
    for (size_t i = 0; i < n_terms; i++) {
        if (i) {
            hs__buf_puts(&match, " OR ");
            hs__buf_puts(&rank, ", ");
        }
        hs__fts_quote(&match, terms[i].text, strlen(terms[i].text));
        hs__buf_printf(&rank, "%.6f", terms[i].weight * terms[i].idf);
    }
    hs__buf_putc(&rank, ')');

    rc = sqlite3_prepare_v2(s->db, rank_sql, -1, &st, NULL);
    if (rc != SQLITE_OK) {
        rc = hs__store_err(s, rc, err, "cannot prepare similarity query");
        goto out;
    }
    rc = 0;
    sqlite3_bind_text(st, 1, match.data, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, rank.data, -1, SQLITE_STATIC);
    while ((step = sqlite3_step(st)) == SQLITE_ROW &&
           n_cands < SIM_CANDIDATES) {
        cands[n_cands].rowid = sqlite3_column_int64(st, 0);
        cands[n_cands].score = sqlite3_column_double(st, 1);
        n_cands++;
    }
    if (step != SQLITE_DONE && step != SQLITE_ROW) {
        rc = hs__store_err(s, step, err, "similarity query failed");
        goto out;
    }
    if ((inc->service || inc->tags.n) &&
        sqlite3_prepare_v2(s->db, "SELECT kind, value FROM labels WHERE pm = ?",
                           -1, &labels, NULL) == SQLITE_OK)
        for (size_t i = 0; i < n_cands; i++)
            cands[i].score *= boost(labels, cands[i].rowid, inc);
    hs__qsort(cands, n_cands, sizeof(cand_hit), cmp_cand_hit);
    r->total = n_cands;
    if (n_cands > (size_t)limit)
        n_cands = (size_t)limit;
    rc = sqlite3_prepare_v2(s->db, detail_sql, -1, &detail, NULL);
    if (rc == SQLITE_OK)
        rc =
            sqlite3_prepare_v2(s->db,
                               "SELECT action, owner, due, status FROM "
                               "action_items WHERE pm = ? AND status != 'done' "
                               "ORDER BY due IS NULL, due, seq",
                               -1, &acts, NULL);
    if (rc != SQLITE_OK) {
        rc = hs__store_err(s, rc, err, "cannot prepare similarity query");
        goto out;
    }
    rc = 0;
    r->hits = hs__xcalloc(n_cands + 1, sizeof(hs_hit));
    for (size_t i = 0; i < n_cands; i++) {
        hs_hit *h = &r->hits[r->n];
        const char *v;
        sqlite3_reset(detail);
        sqlite3_bind_text(detail, 1, match.data, -1, SQLITE_STATIC);
        sqlite3_bind_int64(detail, 2, cands[i].rowid);
        if ((step = sqlite3_step(detail)) != SQLITE_ROW) {
            if (step != SQLITE_DONE) {
                rc = hs__store_err(s, step, err, "similarity query failed");
                break;
            }
            continue;
        }
        hs__hit_fill(h, detail);
        h->score = round(cands[i].score * 1000) / 1000;
        matched_terms(h, (const char *)sqlite3_column_text(detail, 5), terms,
                      n_terms);
        v = (const char *)sqlite3_column_text(detail, 6);
        h->root_cause = v ? hs__xstrdup(v) : NULL;
        v = (const char *)sqlite3_column_text(detail, 7);
        if (!v || !*v)
            v = (const char *)sqlite3_column_text(detail, 8);
        h->snippet = hs__snippet_finish(v, NULL);
        open_actions(acts, h, cands[i].rowid);
        r->n++;
    }
out:
    sqlite3_finalize(st);
    sqlite3_finalize(labels);
    sqlite3_finalize(detail);
    sqlite3_finalize(acts);
    for (size_t i = 0; i < n_terms; i++) {
        free(terms[i].text);
        free(terms[i].stem);
    }
    hs__buf_release(&match);
    hs__buf_release(&rank);
    if (rc) {
        hs_results_free(r);
        return rc;
    }
    *out = r;
    return 0;
}
