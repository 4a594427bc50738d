/*
 * Allocation that aborts on out-of-memory (the caller cannot do better),
 * and ASCII string helpers that do not depend on the locale. No I/O here
 * except the single diagnostic of a broken invariant in hs__bug.
 */
#include "base/util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void hs__bug(const char *file, int line, const char *msg) {
    fprintf(stderr, "BUG: %s:%d: %s\n", file, line, msg);
    abort();
}

static void die_oom(size_t n) {
    fprintf(stderr, "fatal: out of memory allocating %zu bytes\n", n);
    abort();
}

size_t hs__hash(const char *p, size_t n) {
    size_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = ((h ^ (unsigned char)p[i]) * 16777619u) & 0xffffffffu;
    return h;
}

uint64_t hs__fnv64(uint64_t h, const char *p, size_t n) {
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)p[i]) * 1099511628211ULL;
    return h;
}

void hs__hash_hex(const char *p, size_t n, char out[17]) {
    static const char hex[] = "0123456789abcdef";
    uint64_t h = hs__fnv64(HS__FNV64_START, p, n);
    for (int i = 15; i >= 0; i--) {
        out[i] = hex[h & 0xf];
        h >>= 4;
    }
    out[16] = '\0';
}

void *hs__xmalloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p)
        die_oom(n);
    return p;
}

void *hs__xcalloc(size_t nmemb, size_t size) {
    void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
    if (!p)
        die_oom(nmemb * size);
    return p;
}

void *hs__xrealloc(void *p, size_t n) {
    void *q = realloc(p, n ? n : 1);
    if (!q)
        die_oom(n);
    return q;
}

void *hs__xreallocarray(void *p, size_t nmemb, size_t size) {
    if (size && nmemb > SIZE_MAX / size)
        HS_BUG("array size overflow");
    return hs__xrealloc(p, nmemb * size);
}

char *hs__xstrdup(const char *s) {
    return hs__xstrndup(s, strlen(s));
}

char *hs__xstrndup(const char *s, size_t n) {
    char *p = hs__xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

int hs__strncasecmp(const char *a, const char *b, size_t n) {
    for (size_t i = 0; i < n; i++) {
        int ca = hs__tolower((unsigned char)a[i]);
        int cb = hs__tolower((unsigned char)b[i]);
        if (ca != cb || !ca)
            return ca - cb;
    }
    return 0;
}

int hs__strcasecmp(const char *a, const char *b) {
    return hs__strncasecmp(a, b, SIZE_MAX);
}

/* Each place where needle's first byte (in either case) stands is found
 * by strpbrk, and only there compared: extraction asks this of every
 * paragraph for dozens of words. */
const char *hs__strcasestr(const char *hay, const char *needle) {
    size_t n = strlen(needle);
    char first[3] = {0};
    int second;
    if (!n)
        return hay;
    first[0] = (char)hs__tolower((unsigned char)*needle);
    if (first[0] >= 'a' && first[0] <= 'z')
        first[1] = (char)(first[0] - 32);
    if (n == 1)
        return strpbrk(hay, first);
    /* the second byte is compared here: most places that share the first
     * share no more, and a call to compare the rest at each was half the
     * cost of this search (0.6% of an index run's instructions) */
    second = hs__tolower((unsigned char)needle[1]);
    for (hay = strpbrk(hay, first); hay; hay = strpbrk(hay + 1, first))
        if (hs__tolower((unsigned char)hay[1]) == second &&
            !hs__strncasecmp(hay + 2, needle + 2, n - 2))
            return hay;
    return NULL;
}

/* The same, for a match that starts before `end`: a caller that walks the
 * parts of a long text asks only of the part at hand, not of all the text
 * after it (each part searching to the end was quadratic). */
const char *hs__strcasestr_before(const char *hay, const char *end,
                                  const char *needle) {
    size_t n = strlen(needle);
    int lo = hs__tolower((unsigned char)*needle), up = lo;
    if (lo >= 'a' && lo <= 'z')
        up = lo - 32;
    if (!n)
        return hay < end ? hay : NULL;
    for (; hay < end && *hay; hay++)
        if ((*hay == lo || *hay == up) &&
            !hs__strncasecmp(hay + 1, needle + 1, n - 1))
            return hay;
    return NULL;
}

const char *hs__strstr_last(const char *s, const char *needle) {
    /* one walk back from the end: strstr again and again from each hit
     * reads the rest of s each time under ASan, whose strstr measures
     * both strings first (a line of 100,000 ". " took 40 s there) */
    size_t n = strlen(s), k = strlen(needle);
    if (!k)
        return s + n;
    for (size_t i = n >= k ? n - k + 1 : 0; i-- > 0;)
        if (s[i] == needle[0] && !memcmp(s + i, needle, k))
            return s + i;
    return NULL;
}

/* The bit of a word's first two bytes (ASCII case aside) in a 512-bit
 * set; two pairs may share one. */
static unsigned pair_bit(const char *w) {
    return ((unsigned)hs__tolower((unsigned char)w[0]) * 31u +
            (unsigned)hs__tolower((unsigned char)w[1])) &
           511u;
}

/*
 * Does `text` contain any of `words` (case-insensitive, at a word start)?
 * A line break inside `text` counts as a space ("returns to\nnormal").
 * The first two bytes of each word of the text go into a set first: a
 * word of the list whose two are not in it starts no word of the text,
 * and is not searched for (searching for each of 60 words was 1.2% of an
 * index run's instructions).
 */
int hs__has_word_in(const char *text, const char *const *words) {
    char buf[512];
    size_t len =
        strlen(text) < sizeof(buf) - 1 ? strlen(text) : sizeof(buf) - 1;
    const char *t = buf;
    uint64_t starts[8] = {0};
    memcpy(buf, text, len);
    buf[len] = '\0';
    for (char *c = buf; *c; c++)
        if (*c == '\n')
            *c = ' ';
    for (size_t k = 0; k < len; k++)
        if (k == 0 || !hs__isalnum((unsigned char)buf[k - 1])) {
            unsigned b = pair_bit(buf + k);
            starts[b / 64] |= (uint64_t)1 << (b % 64);
        }
    for (size_t i = 0; words[i]; i++) {
        const char *p = t;
        size_t n = strlen(words[i]);
        if (n >= 2) {
            unsigned b = pair_bit(words[i]);
            if (!(starts[b / 64] & (uint64_t)1 << (b % 64)))
                continue;
        }
        while ((p = hs__strcasestr(p, words[i])) != NULL) {
            if (p == t || !hs__isalnum((unsigned char)p[-1]))
                return 1;
            p += n;
        }
    }
    return 0;
}

void hs__word_index_init(hs__word_index *x, const char *const *words) {
    unsigned count[256] = {0}, at = 0;
    size_t n = 0;
    x->words = words;
    for (; words[n]; n++)
        count[(unsigned char)hs__tolower((unsigned char)words[n][0])]++;
    if (n > HS_WORD_INDEX_MAX)
        HS_BUG("a word index of more than HS_WORD_INDEX_MAX words");
    for (unsigned c = 0; c < 256; c++) {
        x->start[c] = (unsigned char)at;
        at += count[c];
    }
    x->start[256] = (unsigned char)at;
    memset(count, 0, sizeof(count));
    for (size_t i = 0; i < n; i++) {
        unsigned c = (unsigned char)hs__tolower((unsigned char)words[i][0]);
        x->order[x->start[c] + count[c]++] = (unsigned char)i;
    }
}

/* Does text[0..len) open with word w (case aside, a line break of the
 * text as a space)? */
static int opens_with(const char *text, size_t len, const char *w) {
    size_t i = 0;
    for (; w[i]; i++) {
        int c = i < len ? (unsigned char)text[i] : 0;
        if (c == '\n')
            c = ' ';
        if (!c || hs__tolower(c) != hs__tolower((unsigned char)w[i]))
            return 0;
    }
    return 1;
}

int hs__word_index_in(const hs__word_index *x, const char *text, size_t len) {
    for (size_t i = 0; i < len; i++) {
        unsigned c = (unsigned char)hs__tolower((unsigned char)text[i]);
        if (i && hs__isalnum((unsigned char)text[i - 1]))
            continue;
        for (unsigned k = x->start[c]; k < x->start[c + 1]; k++)
            if (opens_with(text + i, len - i, x->words[x->order[k]]))
                return 1;
    }
    return 0;
}

size_t hs__prefix_in(const char *s, const char *const *words) {
    for (size_t i = 0; words[i]; i++) {
        size_t n = strlen(words[i]);
        if (n && !hs__strncasecmp(s, words[i], n))
            return n;
    }
    return 0;
}

size_t hs__suffix_in(const char *start, const char *end,
                     const char *const *words) {
    for (size_t i = 0; words[i]; i++) {
        size_t n = strlen(words[i]);
        if (n && (size_t)(end - start) >= n &&
            !hs__strncasecmp(end - n, words[i], n))
            return n;
    }
    return 0;
}

int hs__span_in(const char *s, size_t n, const char *const *words) {
    for (size_t i = 0; n && words[i]; i++)
        if (strlen(words[i]) == n && !hs__strncasecmp(s, words[i], n))
            return 1;
    return 0;
}

char *hs__strtrim(const char *s, size_t len) {
    while (len && hs__isspace((unsigned char)*s)) {
        s++;
        len--;
    }
    while (len && hs__isspace((unsigned char)s[len - 1]))
        len--;
    return hs__xstrndup(s, len);
}

void hs__qsort(void *base, size_t n, size_t size,
               int (*cmp)(const void *, const void *)) {
    if (n > 1)
        qsort(base, n, size, cmp);
}
