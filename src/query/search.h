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

/* Columns 0..4 of a row: id, title, path, date, severity. */
void hs__hit_fill(hs_hit *h, sqlite3_stmt *st);

#endif
