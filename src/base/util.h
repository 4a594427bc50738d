/*
 * Allocation helpers that abort on out-of-memory, and the few macros every
 * module uses. Nothing here knows about postmortems.
 */
#ifndef HS_UTIL_H
#define HS_UTIL_H

#include <stddef.h>
#include <stdint.h>

#define HS_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
/* The value of macro `x` as a string literal: HS_XSTR(HS_LIMIT_MAX) */
#define HS_STR(x) #x
#define HS_XSTR(x) HS_STR(x)
#define HS_FREE_AND_NULL(p)                                                    \
    do {                                                                       \
        free(p);                                                               \
        (p) = NULL;                                                            \
    } while (0)
#define HS__STR_(x) #x
#define HS__STR(x) HS__STR_(x) /* a macro's value as a string */
#define HS_BUG(msg) hs__bug(__FILE__, __LINE__, (msg))

/*
 * Grow `ptr` (an array of `alloc` elements) to hold at least `nr`. The
 * multiplication is overflow-checked inside hs__xreallocarray.
 */
#define HS_ALLOC_GROW(ptr, nr, alloc)                                          \
    do {                                                                       \
        if ((nr) > (alloc)) {                                                  \
            size_t hs__want = (alloc) < 8 ? 8 : (alloc)*2;                     \
            if (hs__want < (nr))                                               \
                hs__want = (nr);                                               \
            (ptr) = hs__xreallocarray((ptr), hs__want, sizeof(*(ptr)));        \
            (alloc) = hs__want;                                                \
        }                                                                      \
    } while (0)

_Noreturn void hs__bug(const char *file, int line, const char *msg);
void *hs__xmalloc(size_t n);
void *hs__xcalloc(size_t nmemb, size_t size);
void *hs__xrealloc(void *p, size_t n);
void *hs__xreallocarray(void *p, size_t nmemb, size_t size);
char *hs__xstrdup(const char *s);
char *hs__xstrndup(const char *s, size_t n);

/* ASCII-only helpers: locale-independent on purpose. */
int hs__strcasecmp(const char *a, const char *b);
int hs__strncasecmp(const char *a, const char *b, size_t n);
const char *hs__strcasestr(const char *hay, const char *needle);
const char *hs__strcasestr_before(const char *hay, const char *end,
                                  const char *needle);
/* The last place `needle` occurs in `s` (case-sensitive), or NULL. */
const char *hs__strstr_last(const char *s, const char *needle);
/* Does `text` contain any of `words` (a NULL-ended list; case-insensitive,
 * at a word start)? A line break counts as a space ("returns to\nnormal");
 * only the first 511 bytes of `text` are looked at. */
int hs__has_word_in(const char *text, const char *const *words);
/*
 * A list of words indexed by their first byte, for asking hs__has_word_in's
 * question of many texts: each word start of a text is compared only with
 * the words that begin with its letter, instead of searching the text once
 * per word. Built on the stack or in a caller's state, nothing to free.
 */
#define HS_WORD_INDEX_MAX 255
typedef struct hs__word_index {
    const char *const *words;               /* the list, NULL-ended */
    unsigned char order[HS_WORD_INDEX_MAX]; /* word numbers by first byte */
    unsigned char start[257]; /* first byte c: order[start[c]..] */
} hs__word_index;
/* Index `words` (a NULL-ended list of at most HS_WORD_INDEX_MAX words). */
void hs__word_index_init(hs__word_index *x, const char *const *words);
/* hs__has_word_in of text[0..len) for x's words; a line break counts as a
 * space, and every word start is tried (no byte limit). */
int hs__word_index_in(const hs__word_index *x, const char *text, size_t len);
/* The length of the first of `words` (a NULL-ended list, ASCII case aside)
 * that `s` opens with ("approx. 13:50" with "approx. " in the list: 8);
 * 0 if none. */
size_t hs__prefix_in(const char *s, const char *const *words);
/* The length of the first of `words` that the text from `start` to `end`
 * ends with ("lasted about " before "3 hours", with "about " in the list:
 * 6), ASCII case aside; 0 if none. */
size_t hs__suffix_in(const char *start, const char *end,
                     const char *const *words);
/* Is s[0..n) one of `words` (a NULL-ended list, ASCII case aside)? A word
 * of n = 0 is none. */
int hs__span_in(const char *s, size_t n, const char *const *words);
static inline int hs__isdigit(int c) {
    return c >= '0' && c <= '9';
}
static inline int hs__isalpha(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
static inline int hs__isalnum(int c) {
    return hs__isdigit(c) || hs__isalpha(c);
}
static inline int hs__isspace(int c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}
/* Is `s` empty or only white space (no word in it)? */
static inline int hs__is_space_only(const char *s) {
    while (hs__isspace((unsigned char)*s))
        s++;
    return !*s;
}
static inline int hs__tolower(int c) {
    return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}
/* The number of the lowest set bit of `m` (m != 0). */
static inline unsigned hs__ctz64(uint64_t m) {
#if defined(__GNUC__)
    return (unsigned)__builtin_ctzll(m);
#else
    unsigned n = 0;
    while (!(m & 1)) {
        m >>= 1;
        n++;
    }
    return n;
#endif
}

/* FNV-1a over `n` bytes, for the in-memory hash tables (never stored:
 * the index's content hashes are hs__hash_hex's). */
size_t hs__hash(const char *p, size_t n);

/*
 * 64-bit FNV-1a over `n` bytes as 16 hex digits and a NUL: the content
 * hash the index stores per file and per house-style file, so it must not
 * change. Its offset basis is FNV's without the last digit (an old slip,
 * as good a start; fixing it would make every file look changed).
 */
void hs__hash_hex(const char *p, size_t n, char out[17]);
/* That hash over pieces: h = HS__FNV64_START, then h = hs__fnv64(h, ...)
 * for each piece. */
#define HS__FNV64_START 1469598103934665603ULL
uint64_t hs__fnv64(uint64_t h, const char *p, size_t n);

/* qsort that accepts an empty (NULL) array, which qsort itself must not get. */
void hs__qsort(void *base, size_t n, size_t size,
               int (*cmp)(const void *, const void *));

/* Copy `s` with leading/trailing white space removed; caller frees. */
char *hs__strtrim(const char *s, size_t len);

#endif
