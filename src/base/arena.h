/*
 * hs__arena: memory for one short-lived tree (a parsed markdown file),
 * handed out from a few large chunks and given back all at once. A
 * cmark-gfm tree is some 600 small allocations per file, each freed one
 * by one when the tree goes: a tenth of an index run's instructions were
 * malloc and free. Only the latest block can be given back or grown in
 * place; other frees wait for hs__arena_free(). Nothing here knows what
 * the memory holds.
 */
#ifndef HS_ARENA_H
#define HS_ARENA_H

#include <stddef.h>

typedef struct hs__arena hs__arena;

/* An empty arena; caller frees with hs__arena_free(). */
hs__arena *hs__arena_new(void);

/* Zeroed memory for n * size bytes (overflow aborts, as OOM does),
 * aligned for any type; valid until the arena is freed. */
void *hs__arena_calloc(hs__arena *a, size_t n, size_t size);

/*
 * `p` (from this arena, or NULL) resized to `size` bytes, its contents
 * kept up to the smaller size; the latest block grows in place when its
 * chunk has room. The old block is not reused otherwise.
 */
void *hs__arena_realloc(hs__arena *a, void *p, size_t size);

/* Give `p` (from this arena, or NULL) back: the latest block's memory is
 * reused by the next allocation; any other's waits for the arena to be
 * freed. */
void hs__arena_give_back(hs__arena *a, void *p);

/* Free every block and the arena. NULL is a no-op. */
void hs__arena_free(hs__arena *a);

#endif
