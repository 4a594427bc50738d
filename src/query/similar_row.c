/*
 * One postmortem row against the query terms, outside FTS5: its columns
 * are read by rowid and tokenized with the index's own tokenizer (porter
 * unicode61 remove_diacritics 2), so the hits counted here are the ones
 * FTS5's xInst reports, and the score is hs_sim's to the last bit. Reading
 * and tokenizing a few thousand words costs a fraction of what looking up
 * 64 terms' doclists at one rowid costs in a large index, and does not
 * grow with the index. Also the one place the score formula is written.
 */
#include "base/error.h"
#include "base/util.h"
#include "query/similar.h"

#include <string.h>

#include "base/banned.h"

#define SIM_K1 1.2
#define SIM_B 0.5
#define SIM_COORD 0.5

const double hs__sim_col_weight[HS__SIM_N_COLS] = {3.0, 2.5, 3.0, 1.5,
                                                   1.0, 1.0, 2.0, 0.5};

double hs__sim_score(const double *qidf, const int *group, size_t n,
                     const double *tf, double dl, double avgdl) {
    double score = 0, matched = 0, total = 0;
    double best[HS__SIM_MAX_TERMS] = {0}, best_q[HS__SIM_MAX_TERMS] = {0};
    int n_groups = 0;
    for (size_t i = 0; i < n; i++) {
        double norm, part;
        int g = group ? group[i] : -1;
        if (g < 0)
            total += qidf[i];
        if (tf[i] <= 0)
            continue;
        norm = tf[i] + SIM_K1 * (1 - SIM_B + SIM_B * dl / avgdl);
        part = qidf[i] * tf[i] * (SIM_K1 + 1) / norm;
        if (g < 0 || g >= HS__SIM_MAX_TERMS) {
            score += part;
            matched += qidf[i];
            continue;
        }
        /* a concept's phrasings are one piece of evidence: its best word */
        if (part > best[g])
            best[g] = part;
        if (qidf[i] > best_q[g])
            best_q[g] = qidf[i];
        if (g + 1 > n_groups)
            n_groups = g + 1;
    }
    for (int g = 0; g < n_groups; g++) {
        score += best[g];
        matched += best_q[g];
    }
    if (total <= 0)
        return score;
    return score * (1 + SIM_COORD * (matched < total ? matched / total : 1));
}

int hs__sim_reader_init(hs__sim_reader *r, hs_store *s,
                        const hs__sim_term *terms, size_t n, hs_error *err) {
    memset(r, 0, sizeof(*r));
    r->s = s;
    r->terms = terms;
    r->n = n;
    for (size_t i = 0; i < HS__SIM_SLOTS; i++)
        r->slot[i] = -1;
    for (size_t i = 0; i < n; i++) {
        const char *last = strrchr(terms[i].stem, ' ');
        size_t len, k;
        r->n_words[i] = 1;
        for (const char *p = terms[i].stem; *p; p++)
            r->n_words[i] += *p == ' ';
        r->last[i] = last ? last + 1 : terms[i].stem;
        len = strlen(r->last[i]);
        k = hs__hash(r->last[i], len) % HS__SIM_SLOTS;
        while (r->slot[k] >= 0)
            k = (k + 1) % HS__SIM_SLOTS;
        r->slot[k] = (int)i;
    }
    return hs__store_stmt_sql(s, HS__QSTMT_SIM_ROW,
                              "SELECT title, summary, root_cause, impact, "
                              "timeline, lessons, labels, body FROM fts "
                              "WHERE rowid = ?1",
                              &r->st, err);
}

void hs__sim_reader_release(hs__sim_reader *r) {
    if (r->st)
        sqlite3_reset(r->st); /* the store's: kept for the next question */
    r->st = NULL;
}

#define PREV_MAX 64 /* bytes of a stem kept for phrase matching */

typedef struct tok_ctx {
    const hs__sim_reader *r;
    hs__sim_row *row;
    int col;
    char prev[3][PREV_MAX]; /* the column's last three stems, newest last */
} tok_ctx;

/* Do the words of phrase `stem` before its last one end the column's
 * previous tokens? */
static int phrase_ends_here(const tok_ctx *c, const char *stem, int n_words) {
    const char *p = stem;
    for (int w = 0; w < n_words - 1; w++) {
        const char *have = c->prev[3 - (n_words - 1) + w];
        size_t n = strcspn(p, " ");
        if (strncmp(have, p, n) || have[n])
            return 0;
        p += n + 1;
    }
    return 1;
}

static int on_token(void *ctx, int flags, const char *tok, int n, int start,
                    int end) {
    tok_ctx *c = ctx;
    const hs__sim_reader *r = c->r;
    size_t k;
    (void)start;
    (void)end;
    if (flags & FTS5_TOKEN_COLOCATED)
        return SQLITE_OK;
    c->row->dl++;
    if (n <= 0) {
        memmove(c->prev[0], c->prev[1], 2 * PREV_MAX);
        c->prev[2][0] = 0;
        return SQLITE_OK;
    }
    k = hs__hash(tok, (size_t)n) % HS__SIM_SLOTS;
    /* every term whose (last) stem this is: a word, or a phrase ending */
    for (; r->slot[k] >= 0; k = (k + 1) % HS__SIM_SLOTS) {
        int t = r->slot[k];
        const char *last = r->last[t];
        if (strncmp(last, tok, (size_t)n) || last[n])
            continue;
        if (r->n_words[t] > 1 &&
            (r->n_words[t] > 4 ||
             !phrase_ends_here(c, r->terms[t].stem, r->n_words[t])))
            continue;
        c->row->tf[t] += hs__sim_col_weight[c->col];
        c->row->matched |= (uint64_t)1 << t;
        if (c->col == HS__SIM_COL_SUMMARY || c->col == HS__SIM_COL_ROOT_CAUSE)
            c->row->in_lead |= (uint64_t)1 << t;
    }
    memmove(c->prev[0], c->prev[1], 2 * PREV_MAX);
    if ((size_t)n < PREV_MAX) {
        memcpy(c->prev[2], tok, (size_t)n);
        c->prev[2][n] = 0;
    } else {
        c->prev[2][0] = 0;
    }
    return SQLITE_OK;
}

int hs__sim_row_read(hs__sim_reader *r, sqlite3_int64 rowid, hs__sim_row *out,
                     hs_error *err) {
    int rc;
    memset(out, 0, sizeof(*out));
    sqlite3_reset(r->st);
    sqlite3_bind_int64(r->st, 1, rowid);
    rc = sqlite3_step(r->st);
    if (rc == SQLITE_DONE)
        return 1;
    if (rc != SQLITE_ROW)
        return hs__store_err(r->s, rc, err, "similarity query failed");
    for (int c = 0; c < HS__SIM_N_COLS; c++) {
        const char *text = (const char *)sqlite3_column_text(r->st, c);
        tok_ctx ctx;
        if (!text)
            continue;
        memset(&ctx, 0, sizeof(ctx));
        ctx.r = r;
        ctx.row = out;
        ctx.col = c;
        rc = r->s->porter_api.xTokenize(
            r->s->porter, &ctx, FTS5_TOKENIZE_DOCUMENT, text,
            sqlite3_column_bytes(r->st, c), on_token);
        if (rc != SQLITE_OK)
            return hs__store_err(r->s, rc, err, "similarity query failed");
    }
    return 0;
}
