/*
 * The search query language of SPEC.md, parsed into terms and filters.
 * Whatever the user typed becomes either a query that is safe to hand to
 * FTS5 (every term quoted) or an HS_EQUERY with a message that says why.
 */
#ifndef HS_QUERY_H
#define HS_QUERY_H

#include "base/buf.h"
#include "hindsight.h"

#define HS_QUERY_MAX_BYTES 8192
#define HS_QUERY_MAX_TERMS 64
/* Letters a prefix ("migrat*") needs: a one-letter one reads most of the
 * index */
#define HS_PREFIX_MIN 2
/* Tokens of this many bytes or more are not terms (hs__tokenize drops
 * them from text; a query with one is refused) */
#define HS_TOKEN_MAX 256

typedef struct hs__query {
    hs__buf fts;       /* FTS5 MATCH expression, "" when only filters */
    hs_strlist terms;  /* the plain tokens, for callers that rank */
    int has_prefix;    /* a "word*" in fts: each MATCH reads every doclist
                        * of the terms it opens */
    int severities[5]; /* severities[n] set: severity n allowed */
    int has_severity;
    hs_strlist tags, services, owners;
    char since[HS_DATE_LEN], until[HS_DATE_LEN];
} hs__query;

/* Parse `text`; on error *q is still released with hs__query_release. */
int hs__query_parse(const char *text, hs__query *q, hs_error *err);
void hs__query_release(hs__query *q);

/* Append `s` (len bytes) as a quoted FTS5 string: "a ""b""" */
void hs__fts_quote(hs__buf *out, const char *s, size_t len);

/* Split text into index tokens (ASCII letters and digits, and non-ASCII
 * letters), lower-cased ASCII; calls fn for each. */
typedef void hs__token_fn(void *ctx, const char *tok, size_t len);
void hs__tokenize(const char *text, size_t len, hs__token_fn *fn, void *ctx);

#endif
