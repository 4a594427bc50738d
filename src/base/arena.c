/*
 * The arena of arena.h: chunks from malloc, each block behind a header
 * that holds its size (for realloc's copy), blocks aligned as malloc's
 * are. Chunks double from FIRST_CHUNK up to BIG_CHUNK; a block larger
 * than a chunk gets a chunk of its own. It must never hand out memory it
 * did not zero from calloc, and never free a pointer it did not make.
 */
#include "base/arena.h"
#include "base/util.h"

#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define FIRST_CHUNK 32768
#define BIG_CHUNK 1048576
/* malloc's alignment: any type may live in a block */
#define ALIGN alignof(max_align_t)
#define HEADER ((sizeof(size_t) + ALIGN - 1) / ALIGN * ALIGN)

typedef struct chunk {
    struct chunk *prev;
    size_t size, used; /* bytes of data[] */
    alignas(max_align_t) unsigned char data[];
} chunk;

struct hs__arena {
    chunk *head;         /* the chunk blocks come from now */
    unsigned char *last; /* the latest block (after its header) in head */
    size_t next_size;    /* the next chunk's size */
};

hs__arena *hs__arena_new(void) {
    hs__arena *a = hs__xcalloc(1, sizeof(*a));
    a->next_size = FIRST_CHUNK;
    return a;
}

/* The bytes a block of `size` takes in a chunk, header included. */
static size_t block_bytes(size_t size) {
    if (size > SIZE_MAX - HEADER - ALIGN)
        HS_BUG("arena block size overflow");
    return HEADER + (size + ALIGN - 1) / ALIGN * ALIGN;
}

/* A new head chunk with room for `need` bytes. */
static void new_chunk(hs__arena *a, size_t need) {
    size_t n = a->next_size > need ? a->next_size : need;
    chunk *c = hs__xmalloc(sizeof(chunk) + n);
    c->prev = a->head;
    c->size = n;
    c->used = 0;
    a->head = c;
    if (a->next_size < BIG_CHUNK)
        a->next_size *= 2;
}

/*
 * A block of `size` bytes, not zeroed. Inline, with a new chunk out of
 * line: cmark-gfm asks for some 800 blocks a file.
 */
static inline void *block(hs__arena *a, size_t size) {
    size_t need = block_bytes(size);
    unsigned char *h;
    if (!a->head || a->head->size - a->head->used < need)
        new_chunk(a, need);
    h = a->head->data + a->head->used;
    a->head->used += need;
    memcpy(h, &size, sizeof(size));
    a->last = h + HEADER;
    return a->last;
}

void *hs__arena_calloc(hs__arena *a, size_t n, size_t size) {
    void *p;
    if (size && n > SIZE_MAX / size)
        HS_BUG("arena block size overflow");
    p = block(a, n * size);
    memset(p, 0, n * size);
    return p;
}

void *hs__arena_realloc(hs__arena *a, void *p, size_t size) {
    unsigned char *h;
    size_t old;
    void *q;
    if (!p)
        return block(a, size);
    h = (unsigned char *)p - HEADER;
    memcpy(&old, h, sizeof(old));
    if (p == a->last) {
        size_t at = (size_t)(h - a->head->data);
        if (a->head->size - at >= block_bytes(size)) {
            a->head->used = at + block_bytes(size);
            memcpy(h, &size, sizeof(size));
            return p;
        }
    }
    q = block(a, size);
    memcpy(q, p, old < size ? old : size);
    return q;
}

void hs__arena_give_back(hs__arena *a, void *p) {
    if (p && p == a->last) {
        a->head->used = (size_t)(a->last - HEADER - a->head->data);
        a->last = NULL;
    }
}

void hs__arena_free(hs__arena *a) {
    if (!a)
        return;
    while (a->head) {
        chunk *c = a->head;
        a->head = c->prev;
        free(c);
    }
    free(a);
}
