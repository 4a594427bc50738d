/*
 * Pieces of keyword search that similar.c and report.c reuse: filter SQL,
 * snippet post-processing, filling a hit from a row.
 */
#ifndef HS_SEARCH_H
#define HS_SEARCH_H

#include "base/buf.h"
#include "query/query.h"
#include "store/store.h"

extern const char *const hs__bm25_weights;

/*
 * What snippets are made with, before hs__snippet_finish turns them into
 * [word], <mark>word</mark> or bold: private-use code points (U+E000,
 * U+E001), which no postmortem's own brackets or tags can fake.
 */
#define HS__MARK_OPEN "\xee\x80\x80"
#define HS__MARK_CLOSE "\xee\x80\x81"

/*
 * The query's filters. On an index with the facets column (schema 5) each
 * becomes a condition on it appended to the FTS5 expression `match`
 * ("... AND facets : ..."), read by the same MATCH as the text. What the
 * facets cannot answer exactly (an older index, a value hashed for its
 * length) is appended to `sql` as " AND ..." over postmortems `p`, with
 * its values to bind, in order, in `binds`.
 */
int hs__filters_sql(hs_store *s, const hs__query *q, hs__buf *match,
                    hs__buf *sql, hs_strlist *binds, hs_error *err);

/* Display text of an FTS5 snippet made with our private markers; caller
 * frees. */
char *hs__snippet_finish(const char *raw, const hs_search_opts *o);

/*
 * The FTS5 auxiliary function hs_snippet(fts, col, open, close, ellipsis,
 * n_tokens): snippet()'s arguments and answer with bounded work
 * (snippet.c). Registered by hs__similar_setup.
 */
void hs__fts_snippet(const Fts5ExtensionApi *api, Fts5Context *fts,
                     sqlite3_context *ctx, int n_args, sqlite3_value **args);

/*
 * hs_bm25(fts, w...) and hs_score(fts, w...): bm25() with column weights,
 * for `rank MATCH 'hs_bm25(...)'` and for the score of the rows returned
 * (rank.c). hs_bm25 counts the rows it ranks since hs__rank_reset and
 * leaves hs_score the phrases' IDF, so neither a second pass over the
 * doclists nor a count(*) is needed. Registered by hs__similar_setup;
 * the state is freed with the connection.
 */
typedef struct hs__rank hs__rank;
int hs__rank_register(fts5_api *api, sqlite3 *db, hs__rank **out);
/*
 * Before a ranked statement whose MATCH starts with the phrases of `fts`
 * (hs__query's, no column filter) on store `s` (a read-only store keeps
 * the phrases' row counts in its HS__CACHE_IDF slot across statements,
 * and every row's length once seeking them has cost as much; NULL keeps
 * nothing; `fts` NULL: the lengths only, for hs_sim), and after it
 * (hs__rank_done frees what the statement needed, so the connection can
 * close).
 */
void hs__rank_reset(hs__rank *st, const char *fts, hs_store *s);
void hs__rank_done(hs__rank *st);
/*
 * The current row's length in tokens over its first n_sum columns (all
 * when n_sum < 0), as the sum of xColumnSize gives it, but read through
 * one blob handle on fts_docsize that moves from row to row: xColumnSize
 * runs a statement per row. For a ranking function whose user data is
 * `st` (NULL: xColumnSize); hs__rank_done closes the handle.
 */
int hs__rank_row_len(const Fts5ExtensionApi *api, Fts5Context *fts,
                     hs__rank *st, int n_sum, int *out);
/* Rows hs_bm25 ranked since the last reset; -1 without a state. */
sqlite3_int64 hs__rank_count(const hs__rank *st);
/*
 * Rank the matches of `match` as hs_bm25 would (the same ranks, to the
 * bit, and the count) under the column `weights` (always search's: they
 * are not part of what is kept), without FTS5: from the postings of its
 * phrases, which a read-only store keeps in memory once read (in its
 * HS__CACHE_IDF slot, within a budget). Only for a MATCH that is "(", the
 * phrases of the `fts` of the last hs__rank_reset one space apart, ")":
 * no column filter, no NOT. Call it inside a transaction. Gives `fn` each
 * match in rowid order, as a scan would, and returns 1; 0 when it cannot
 * (another MATCH, a store that keeps nothing, an error) or would not pay
 * (several phrases, one of them new to the store): rank with hs_bm25 then.
 */
typedef void hs__rank_row_fn(void *ctx, double rank, sqlite3_int64 rowid);
int hs__rank_postings(hs__rank *st, hs_store *s, const char *match,
                      const char *weights, hs__rank_row_fn *fn, void *ctx);

/* Columns 0..4 of a row: id, title, path, date, severity. */
void hs__hit_fill(hs_hit *h, sqlite3_stmt *st);

#endif
