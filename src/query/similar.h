/*
 * Internal to the similar-incidents ranking: similar.c chooses the terms
 * and fills in the results; similar_rank.c owns the FTS5 side (the hs_sim
 * auxiliary functions and the ranking query). Only these two include it.
 */
#ifndef HS_SIMILAR_H
#define HS_SIMILAR_H
#include "base/buf.h"
#include "store/store.h"

#include <stdint.h>

#define HS__SIM_MAX_TERMS 64   /* terms of one query, most telling first */
#define HS__SIM_CANDIDATES 100 /* rows ranked further (boosts, details) */

typedef struct hs__sim_term {
    char *text;    /* surface form, as matched (FTS5 stems it again) */
    char *stem;    /* its stems, one space between (an expansion's phrase) */
    double weight; /* q_i, from the input */
    double idf;
    double df;  /* documents that contain it */
    char *via;  /* an expansion: the input phrase that brought it; else NULL */
    char *from; /* a synonym (terms.c): the input word shown before "~";
                   ranked as an input word, so it only explains */
    int group;  /* an expansion: its concept group (see hs__sim_score); -1 */
} hs__sim_term;

typedef struct hs__sim_hit {
    sqlite3_int64 rowid;
    double score;
    uint64_t matched; /* bit i: terms[i] occurs in the row */
    uint64_t in_lead; /* bit i: ... in its summary or root cause */
    int has_matched;  /* `matched` and `in_lead` are known (row read) */
} hs__sim_hit;

#define HS__SIM_N_COLS 8 /* the fts columns, title .. body */
/* The columns a similar hit's snippet is taken from (fts order). */
#define HS__SIM_COL_SUMMARY 1
#define HS__SIM_COL_ROOT_CAUSE 2
#define HS__SIM_SLOTS 256 /* hash slots for <= 64 stems */

/* Column weights w_c of the score, in fts column order. */
extern const double hs__sim_col_weight[HS__SIM_N_COLS];

/*
 * The score of a row (see similar_rank.c): qidf[i] = q_i idf_i, group[i]
 * -1 for a term of the input or the concept group of an expansion, tf[i]
 * the column-weighted hits of term i, dl the row's tokens, avgdl their mean.
 */
double hs__sim_score(const double *qidf, const int *group, size_t n,
                     const double *tf, double dl, double avgdl);

/* Reads rows and counts the terms' hits in them, as FTS5 would. */
typedef struct hs__sim_reader {
    hs_store *s;
    const hs__sim_term *terms;
    size_t n;
    int slot[HS__SIM_SLOTS]; /* term index by (last) stem hash, -1 empty */
    int n_words[HS__SIM_MAX_TERMS];      /* 1, or a phrase's words */
    const char *last[HS__SIM_MAX_TERMS]; /* its last stem, in stem */
    sqlite3_stmt *st;
} hs__sim_reader;

typedef struct hs__sim_row {
    double tf[HS__SIM_MAX_TERMS];
    uint64_t matched; /* bit i: terms[i] occurs in the row */
    uint64_t in_lead; /* ... in its summary or root cause column */
    double dl;
} hs__sim_row;

int hs__sim_reader_init(hs__sim_reader *r, hs_store *s,
                        const hs__sim_term *terms, size_t n, hs_error *err);
/* Returns 0, 1 if no such row, or an HS_E* code. */
int hs__sim_row_read(hs__sim_reader *r, sqlite3_int64 rowid, hs__sim_row *out,
                     hs_error *err);
void hs__sim_reader_release(hs__sim_reader *r);

/* Register hs_sim, hs_sim_avgdl, hs_snippet (snippet.c), hs_bm25 and
 * hs_score (rank.c) and load FTS5's
 * porter tokenizer into the store (s->porter). Once per store. */
int hs__similar_setup(hs_store *s, hs_error *err);

/*
 * The best rows for `terms` (sorted most telling first), best first, into
 * `hits` (room for HS__SIM_CANDIDATES); sets *n_hits. At least `limit`
 * rows when there are as many matches. `r` is a reader over the terms.
 */
int hs__similar_rank(hs__sim_reader *r, size_t limit, hs__sim_hit *hits,
                     size_t *n_hits, hs_error *err);
#endif
