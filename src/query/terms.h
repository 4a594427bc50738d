/*
 * The symptom term pipeline: raw text from people and alerting tools ->
 * weighted search terms. Splits CamelCase and snake_case alert names, drops
 * label noise (addresses, hashes, URLs, UUIDs, timestamps), drops stop
 * words and expands the abbreviations of operations. Pure; no database.
 */
#ifndef HS_TERMS_H
#define HS_TERMS_H

#include "base/strmap.h"

#include <stddef.h>

typedef struct hs__term {
    char *text;    /* lower-case token, as the index tokenizer would see it */
    double weight; /* how much the caller's input stresses it */
    double base;   /* the largest single weight it was added with */
    char *from;    /* a synonym: the caller's word that brought it, shown before
                      "~" in an explanation; NULL for the caller's own word */
} hs__term;

typedef struct hs__termset {
    hs__term *v;
    size_t n, alloc;
    hs__strmap map; /* text -> index into v */
} hs__termset;

/* Add the terms of `text` with base weight `w`. */
void hs__terms_add_text(hs__termset *ts, const char *text, double w);
void hs__termset_release(hs__termset *ts);

/* A word that says nothing on its own: a stop word or a number. */
int hs__is_weak_word(const char *w, size_t n);
/* Is this whitespace-separated chunk label noise? (exposed for tests) */
int hs__is_noise(const char *chunk, size_t len);

#endif
