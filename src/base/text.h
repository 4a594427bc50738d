/*
 * Bytes of unknown encoding -> clean UTF-8 text. The only place that knows
 * about byte-order marks, UTF-16 and Windows-1252.
 */
#ifndef HS_TEXT_H
#define HS_TEXT_H

#include "base/buf.h"
#include <stddef.h>

enum hs__text_result {
    HS_TEXT_UTF8 = 0,   /* was valid UTF-8 (every BOM, U+FEFF, dropped) */
    HS_TEXT_UTF16 = 1,  /* converted from UTF-16 with a BOM */
    HS_TEXT_CP1252 = 2, /* invalid UTF-8, read as Windows-1252 */
    /* UTF-8 with a few invalid bytes, each replaced with U+FFFD */
    HS_TEXT_UTF8_REPAIRED = 3,
    HS_TEXT_BINARY = -1 /* NUL bytes: not text */
};

/* Append `buf` as UTF-8 to `out`; returns one of hs__text_result. */
int hs__text_to_utf8(const char *buf, size_t len, hs__buf *out);

/* Length of the valid UTF-8 sequence at p (1..4), or 0 if invalid. */
size_t hs__utf8_seq_len(const unsigned char *p, size_t avail);

/* How many of the `n` bytes of UTF-8 text `s` to keep to keep at most `max`
 * without cutting a character: n itself when n <= max. */
size_t hs__utf8_cut(const char *s, size_t n, size_t max);

/* Decode one UTF-8 code point at p (must be valid); sets *len. */
unsigned hs__utf8_decode(const unsigned char *p, size_t *len);

/* How many bytes of s[0..n) are valid UTF-8 before the first that is not:
 * n when all are. */
size_t hs__utf8_valid_len(const char *s, size_t n);

/* 0 when `v` (NULL: none) is UTF-8; else `code` set in err, naming `what`
 * and the first byte that is not ("the tag is not UTF-8 (byte 0xFF at
 * byte 2): write it in UTF-8"). The index holds UTF-8 only, so a filter or
 * query that is not is refused, never answered as if nothing matched. */
struct hs_error;
int hs__utf8_refuse(const char *what, const char *v, int code,
                    struct hs_error *err);

/* Replace each bidirectional embedding, override or isolate in `b`
 * (U+202A..U+202E, U+2066..U+2069) with its visible "\u202e": in a page a
 * title holding U+202E would reorder the text after it. */
void hs__bidi_visible(hs__buf *b);

/* Replace invalid UTF-8 in `b` with U+FFFD (cmark-gfm can split a
 * character when it cuts a footnote label). */
void hs__utf8_repair(hs__buf *b);

/*
 * The one HTML escaper: append `s` (may be NULL) with & < > " ' as
 * character references, safe in element text and in quoted attributes.
 */
void hs__html_escape(hs__buf *out, const char *s);
/* The same for `len` bytes of `s`, which may hold NUL. */
void hs__html_escape_n(hs__buf *out, const char *s, size_t len);

/*
 * Append `len` bytes of `s` for a terminal: C0 control characters other
 * than tab and newline, DEL, C1 controls (U+0080..U+009F) and bytes that
 * are not UTF-8 are written visibly as \xNN, as git and ls do, so text
 * from a postmortem cannot move the cursor, ring the bell or retitle the
 * window. The bidirectional embeddings, overrides and isolates
 * (U+202A..U+202E, U+2066..U+2069) are written as \u202e, so they cannot
 * reorder what follows them on the line.
 */
void hs__buf_put_visible(hs__buf *out, const char *s, size_t len);

/* Encode a code point as UTF-8 into out. */
void hs__utf8_put(hs__buf *out, unsigned cp);

/* Append `s` case-folded (ASCII, Latin-1, Latin Extended-A, Greek,
 * Cyrillic: the letters of people's names) to out. */
void hs__utf8_fold(hs__buf *out, const char *s);

/* A slug's longest reversible form, and what a longer one keeps of it. */
#define HS__SLUG_MAX 200
#define HS__SLUG_KEEP 180

/* Append `id` as a file name: [A-Za-z0-9._-] kept (no leading '.'), other
 * bytes as ~XX. Reversible, so no two ids share a page, up to HS__SLUG_MAX
 * bytes; past that, its first HS__SLUG_KEEP bytes or fewer (never half a
 * ~XX), "~~" and hs__hash_hex of the id. */
void hs__slug(const char *id, hs__buf *out);
/* For a long slug of `len` bytes (PREFIX~~HASH, PREFIX as hs__slug cuts
 * it): the id's first bytes, its PREFIX decoded, appended to out; -1 if it
 * is not of that form. The id is found by computing the slug of the ids
 * that start with them. */
int hs__slug_long_prefix(const char *slug, size_t len, hs__buf *out);
/* Decode a slug of `len` bytes; -1 if it is not one hs__slug writes (so
 * each page has one name). */
int hs__unslug(const char *slug, size_t len, hs__buf *out);

#endif
