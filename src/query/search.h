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

/* Append " AND ..." for the query's filters over postmortems `p`; the
 * values to bind, in order, go to `binds`. */
void hs__filters_sql(const hs__query *q, hs__buf *sql, hs_strlist *binds);

/* Display text of an FTS5 snippet made with our private markers; caller
 * frees. */
char *hs__snippet_finish(const char *raw, const hs_search_opts *o);

/* Columns 0..4 of a row: id, title, path, date, severity. */
void hs__hit_fill(hs_hit *h, sqlite3_stmt *st);

#endif
