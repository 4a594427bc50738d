/*
 * Facet tokens for the FTS5 `facets` column. A token is one unicode61 word
 * that no query text can produce and that the porter stemmer leaves alone:
 *
 *   U+E010, kind letter, value, U+E012
 *
 * where the value keeps ASCII letters (lower-cased) and digits and writes
 * every other byte as U+E011 and two hex digits, so any label (unicode,
 * punctuation, spaces) maps to exactly one token and two values to the same
 * token only if they are equal after ASCII lower-casing. unicode61 keeps
 * private-use code points inside words (its default categories are
 * "L* N* Co") while the query tokenizer (query.c) treats them as
 * separators, so a typed word never matches a facet; the closing U+E012
 * means no English suffix for porter to strip. Values over
 * HS__FACET_EXACT_MAX bytes are written as U+E013 and a 64-bit FNV-1a hash
 * instead, which the caller must check against the labels.
 */
#include "store/facets.h"
#include "base/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define FACET_OPEN "\xee\x80\x90"   /* U+E010 */
#define FACET_BYTE "\xee\x80\x91"   /* U+E011, then two hex digits */
#define FACET_CLOSE "\xee\x80\x92"  /* U+E012 */
#define FACET_HASHED "\xee\x80\x93" /* U+E013, then 16 hex digits */

static int ascii_lower(int c) {
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

int hs__facet_token(hs__buf *out, int kind, const char *value, size_t len) {
    static const char hex[] = "0123456789abcdef";
    int is_exact = len <= HS__FACET_EXACT_MAX;
    hs__buf_puts(out, FACET_OPEN);
    hs__buf_putc(out, (char)kind);
    if (is_exact) {
        for (size_t i = 0; i < len; i++) {
            int c = ascii_lower((unsigned char)value[i]);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                hs__buf_putc(out, (char)c);
            } else {
                hs__buf_puts(out, FACET_BYTE);
                hs__buf_putc(out, hex[c >> 4]);
                hs__buf_putc(out, hex[c & 15]);
            }
        }
    } else {
        /* FNV-1a, 64 bits, over the lower-cased bytes */
        uint64_t h = 0xcbf29ce484222325u;
        for (size_t i = 0; i < len; i++) {
            h ^= (uint64_t)ascii_lower((unsigned char)value[i]);
            h *= 0x100000001b3u;
        }
        hs__buf_puts(out, FACET_HASHED);
        for (int sh = 60; sh >= 0; sh -= 4)
            hs__buf_putc(out, hex[(h >> sh) & 15]);
    }
    hs__buf_puts(out, FACET_CLOSE);
    return is_exact;
}

static void put(hs__buf *b, int kind, const char *v, size_t len) {
    if (b->len)
        hs__buf_putc(b, ' ');
    hs__facet_token(b, kind, v, len);
}

static void put_list(hs__buf *b, int kind, const hs_strlist *l) {
    for (size_t i = 0; i < l->n; i++)
        put(b, kind, l->v[i], strlen(l->v[i]));
}

char *hs__facets_text(const hs_postmortem *pm) {
    hs__buf b = HS_BUF_INIT;
    const char *d = pm->date;
    put_list(&b, HS__FACET_TAG, &pm->tags);
    put_list(&b, HS__FACET_TAG, &pm->auto_tags);
    put_list(&b, HS__FACET_SERVICE, &pm->services);
    if (pm->severity >= 1 && pm->severity <= 4) {
        char v = (char)('0' + pm->severity);
        put(&b, HS__FACET_SEVERITY, &v, 1);
    }
    /*
     * owner:sam matches the owner "Sam" and "Sam Okafor": one token for
     * the whole name and one for each prefix that ends before a space.
     */
    for (size_t i = 0; i < pm->n_actions; i++) {
        const char *o = pm->actions[i].owner;
        size_t len = o ? strlen(o) : 0;
        for (size_t k = 0; k < len; k++)
            if (o[k] == ' ')
                put(&b, HS__FACET_OWNER, o, k);
        if (o)
            put(&b, HS__FACET_OWNER, o, len);
    }
    if (strlen(d) == 10 && d[4] == '-' && d[7] == '-') {
        char ymd[8] = {d[0], d[1], d[2], d[3], d[5], d[6], d[8], d[9]};
        put(&b, HS__FACET_YEAR, ymd, 4);
        put(&b, HS__FACET_MONTH, ymd, 6);
        put(&b, HS__FACET_DAY, ymd, 8);
    }
    return hs__buf_detach(&b, NULL);
}
