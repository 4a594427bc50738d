/*
 * hs__strmap: the one string-keyed hash table of the program (open
 * addressing, linear probing, a power of two slots at most half full,
 * hs__hash). Keys are (pointer, length) pairs, so they may hold NUL bytes
 * and need no NUL at the end; the map borrows them: whoever inserts a key
 * keeps its bytes alive and unchanged while the map holds it. Each key has
 * one value of the caller's choice, an index or a pointer. There is no
 * removal: the tables that use it only grow, or are emptied whole.
 */
#ifndef HS_STRMAP_H
#define HS_STRMAP_H

#include <stddef.h>

typedef struct hs__strmap_slot {
    const char *key; /* borrowed; NULL for an empty slot */
    size_t len;      /* the key's bytes */
    size_t hash;     /* hs__hash of them: growth and probes need no rehash */
    union {
        size_t index;
        void *ptr;
    } val; /* the caller's */
} hs__strmap_slot;

typedef struct hs__strmap {
    hs__strmap_slot *slots;
    size_t n;       /* keys held */
    size_t n_slots; /* 0, or a power of two at least 2 * n */
} hs__strmap;

#define HS__STRMAP_INIT                                                        \
    { NULL, 0, 0 }

/* The slot of key (`key`, `len` bytes), or NULL when the map lacks it.
 * Borrowed; valid until the next insertion or release. */
hs__strmap_slot *hs__strmap_find(const hs__strmap *m, const char *key,
                                 size_t len);

/*
 * The slot of key (`key`, `len` bytes; `key` not NULL), added if new:
 * then *is_new is 1, the slot's key is `key` and its value is zeroed, and
 * the caller may point the slot's key at another copy of the same bytes
 * (one it owns) and sets the value. Borrowed, as hs__strmap_find's.
 */
hs__strmap_slot *hs__strmap_put(hs__strmap *m, const char *key, size_t len,
                                int *is_new /* OUT */);

/* Make room for `n` keys in all, so that they go in without a rehash. */
void hs__strmap_reserve(hs__strmap *m, size_t n);

/* The next full slot from *i on, advancing *i past it, or NULL at the end:
 * `for (size_t i = 0; (s = hs__strmap_next(m, &i));)` visits every key
 * once, in no particular order. */
hs__strmap_slot *hs__strmap_next(const hs__strmap *m, size_t *i /* IN/OUT */);

/* Free the slots (not the keys or values) and leave the map empty and
 * ready for use again. */
void hs__strmap_release(hs__strmap *m);

#endif
