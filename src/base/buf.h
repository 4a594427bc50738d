/*
 * hs__buf: a growable byte buffer whose data is never NULL and always
 * NUL-terminated (after git's strbuf). Use HS_BUF_INIT or hs__buf_init.
 */
#ifndef HS_BUF_H
#define HS_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct hs__buf {
    char *data;
    size_t len;
    size_t alloc;
} hs__buf;

extern char hs__buf_empty[];
#define HS_BUF_INIT                                                            \
    { hs__buf_empty, 0, 0 }

void hs__buf_init(hs__buf *b);
void hs__buf_grow(hs__buf *b, size_t extra);
void hs__buf_put(hs__buf *b, const void *data, size_t len);
void hs__buf_puts(hs__buf *b, const char *s);
/* Inline: the document model and the record writers put text a byte at a
 * time, and the call was 3% of an index run. */
static inline void hs__buf_putc(hs__buf *b, int c) {
    if (b->len + 2 > b->alloc)
        hs__buf_grow(b, 1);
    b->data[b->len++] = (char)c;
    b->data[b->len] = '\0';
}
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void hs__buf_printf(hs__buf *b, const char *fmt, ...);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 0)))
#endif
void hs__buf_vprintf(hs__buf *b, const char *fmt, va_list ap);
/* Empty the buffer, keeping its memory. */
void hs__buf_reset(hs__buf *b);
/* Shorten to `len` bytes (len <= b->len). */
void hs__buf_truncate(hs__buf *b, size_t len);
/* Free the memory; the buffer is empty and reusable afterwards. */
void hs__buf_release(hs__buf *b);
/* Hand the bytes to the caller (who frees them); the buffer is emptied. */
char *hs__buf_detach(hs__buf *b, size_t *len);
/* Remove trailing white space. */
void hs__buf_rtrim(hs__buf *b);

#endif
