/*
 * Facet tokens: the labels, severity, owners and date of a postmortem
 * written as words of the FTS5 table's `facets` column, so that a filter
 * is answered inside the same MATCH as the text (store.c writes them,
 * search.c asks for them).
 */
#ifndef HS_FACETS_H
#define HS_FACETS_H

#include "base/buf.h"
#include "hindsight.h"

/* The fts column that holds the facet tokens (the last one). */
#define HS__FTS_FACETS_COL 8

/* What a facet token says; the letter is part of the token. */
enum hs__facet_kind {
    HS__FACET_TAG = 't',
    HS__FACET_SERVICE = 's',
    HS__FACET_SEVERITY = 'v',
    HS__FACET_OWNER = 'o',
    HS__FACET_YEAR = 'y',  /* "2026" */
    HS__FACET_MONTH = 'm', /* "202603" */
    HS__FACET_DAY = 'd'    /* "20260315" */
};

/*
 * Values of more bytes than this are written as a hash: the token is then
 * ambiguous, and hs__facet_token says so.
 */
#define HS__FACET_EXACT_MAX 64

/*
 * Append the token of (kind, value): value is compared after ASCII
 * lower-casing, as SQLite's lower() does. Returns 1 when the token names
 * the value exactly, 0 when it is a hash that another value may share.
 */
int hs__facet_token(hs__buf *out, int kind, const char *value, size_t len);

/* The facets column of `pm`: its tokens, space-separated; caller frees. */
char *hs__facets_text(const hs_postmortem *pm);

#endif
