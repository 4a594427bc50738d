/*
 * The string map: linear probing over a power of two slots, grown to twice
 * the size before an insertion would make it more than half full, so a
 * probe ends at an empty slot after a few steps. It hashes and compares
 * bytes; what the keys mean and who owns them is the caller's.
 */
#include "base/strmap.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define MIN_SLOTS 16

/* The slot of (key, len), whose hash is h, in m (n_slots > 0): its own,
 * or the empty one it would take. */
static inline size_t slot_of(const hs__strmap *m, const char *key, size_t len,
                             size_t h) {
    size_t mask = m->n_slots - 1;
    size_t k = h & mask;
    for (;;) {
        const hs__strmap_slot *s = &m->slots[k];
        if (!s->key ||
            (s->hash == h && s->len == len && !memcmp(s->key, key, len)))
            return k;
        k = (k + 1) & mask;
    }
}

/* Move m into n_slots slots (a power of two above 2 * m->n); the keys
 * are distinct, so each goes to the first empty slot from its hash. */
static void resize(hs__strmap *m, size_t n_slots) {
    hs__strmap old = *m;
    size_t mask = n_slots - 1;
    m->slots = hs__xcalloc(n_slots, sizeof(*m->slots));
    m->n_slots = n_slots;
    for (size_t i = 0; i < old.n_slots; i++) {
        size_t k = old.slots[i].hash & mask;
        if (!old.slots[i].key)
            continue;
        while (m->slots[k].key)
            k = (k + 1) & mask;
        m->slots[k] = old.slots[i];
    }
    free(old.slots);
}

hs__strmap_slot *hs__strmap_find(const hs__strmap *m, const char *key,
                                 size_t len) {
    hs__strmap_slot *s;
    if (!m->n)
        return NULL;
    s = &m->slots[slot_of(m, key, len, hs__hash(key, len))];
    return s->key ? s : NULL;
}

void hs__strmap_reserve(hs__strmap *m, size_t n) {
    size_t n_slots = m->n_slots ? m->n_slots : MIN_SLOTS;
    while (n_slots / 2 < n)
        n_slots *= 2; /* n keys are in memory: no overflow */
    if (n_slots != m->n_slots)
        resize(m, n_slots);
}

hs__strmap_slot *hs__strmap_put(hs__strmap *m, const char *key, size_t len,
                                int *is_new) {
    hs__strmap_slot *s;
    size_t h;
    if (!key)
        HS_BUG("string map key is NULL");
    h = hs__hash(key, len);
    if ((m->n + 1) * 2 > m->n_slots)
        hs__strmap_reserve(m, m->n + 1);
    s = &m->slots[slot_of(m, key, len, h)];
    *is_new = !s->key;
    if (*is_new) {
        s->key = key;
        s->len = len;
        s->hash = h;
        memset(&s->val, 0, sizeof(s->val));
        m->n++;
    }
    return s;
}

hs__strmap_slot *hs__strmap_next(const hs__strmap *m, size_t *i) {
    while (*i < m->n_slots) {
        hs__strmap_slot *s = &m->slots[(*i)++];
        if (s->key)
            return s;
    }
    return NULL;
}

void hs__strmap_release(hs__strmap *m) {
    free(m->slots);
    m->slots = NULL;
    m->n = m->n_slots = 0;
}
