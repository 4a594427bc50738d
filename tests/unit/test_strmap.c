/*
 * base/strmap.c: keys found by (pointer, length) whatever their bytes
 * (NUL inside, empty), colliding keys kept apart, values kept through
 * growth, many keys, iteration visiting each key once, and release
 * leaving a map ready for use again.
 */
#include "base/strmap.h"
#include "base/util.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static hs__strmap_slot *put(hs__strmap *m, const char *key, size_t len,
                            size_t index) {
    int is_new = -1;
    hs__strmap_slot *s = hs__strmap_put(m, key, len, &is_new);
    cr_assert_eq(is_new, 1, "key '%.*s' was there already", (int)len, key);
    cr_assert_eq(s->val.index, 0);
    s->val.index = index;
    return s;
}

Test(strmap, empty_map_finds_nothing) {
    hs__strmap m = HS__STRMAP_INIT;
    size_t i = 0;
    cr_assert_null(hs__strmap_find(&m, "a", 1));
    cr_assert_null(hs__strmap_find(&m, "", 0));
    cr_assert_null(hs__strmap_next(&m, &i));
    hs__strmap_release(&m);
}

Test(strmap, put_then_find_and_put_again) {
    hs__strmap m = HS__STRMAP_INIT;
    int is_new = -1;
    hs__strmap_slot *s;
    put(&m, "disk", 4, 7);
    s = hs__strmap_put(&m, "disk full", 4, &is_new); /* "disk" again */
    cr_assert_eq(is_new, 0);
    cr_assert_eq(s->val.index, 7);
    cr_assert_eq(m.n, 1);
    cr_assert_null(hs__strmap_find(&m, "dis", 3));
    cr_assert_null(hs__strmap_find(&m, "disks", 5));
    cr_assert_eq(hs__strmap_find(&m, "disk", 4)->val.index, 7);
    hs__strmap_release(&m);
}

Test(strmap, empty_key_is_a_key) {
    hs__strmap m = HS__STRMAP_INIT;
    cr_assert_null(hs__strmap_find(&m, "", 0));
    put(&m, "", 0, 1);
    put(&m, "x", 1, 2);
    cr_assert_eq(hs__strmap_find(&m, "", 0)->val.index, 1);
    cr_assert_eq(hs__strmap_find(&m, "x", 0)->val.index, 1);
    cr_assert_eq(hs__strmap_find(&m, "x", 1)->val.index, 2);
    hs__strmap_release(&m);
}

Test(strmap, nul_bytes_inside_a_key_count) {
    hs__strmap m = HS__STRMAP_INIT;
    put(&m, "a\0b", 3, 1);
    put(&m, "a\0c", 3, 2);
    put(&m, "a", 1, 3);
    put(&m, "a\0", 2, 4);
    cr_assert_eq(hs__strmap_find(&m, "a\0b", 3)->val.index, 1);
    cr_assert_eq(hs__strmap_find(&m, "a\0c", 3)->val.index, 2);
    cr_assert_eq(hs__strmap_find(&m, "a", 1)->val.index, 3);
    cr_assert_eq(hs__strmap_find(&m, "a\0", 2)->val.index, 4);
    cr_assert_null(hs__strmap_find(&m, "a\0d", 3));
    cr_assert_eq(m.n, 4);
    hs__strmap_release(&m);
}

/* Keys that land on the same slot of a small table stay apart, each found
 * after a probe past the others; the colliding keys are chosen with the
 * map's own hash, so the test does not depend on its constants. */
Test(strmap, colliding_keys_are_kept_apart) {
    hs__strmap m = HS__STRMAP_INIT;
    char keys[8][16];
    size_t n = 0, want;
    hs__strmap_reserve(&m, 1);
    want = hs__hash("k0", 2) & (m.n_slots - 1);
    for (int i = 0; n < 4 && i < 100000; i++) {
        int len = snprintf(keys[n], sizeof(keys[n]), "k%d", i);
        if ((hs__hash(keys[n], (size_t)len) & (m.n_slots - 1)) == want)
            n++;
    }
    cr_assert_eq(n, 4);
    for (size_t i = 0; i < n; i++)
        put(&m, keys[i], strlen(keys[i]), i + 10);
    cr_assert_eq(m.n_slots, 16, "the test wants no growth");
    for (size_t i = 0; i < n; i++)
        cr_assert_eq(hs__strmap_find(&m, keys[i], strlen(keys[i]))->val.index,
                     i + 10);
    /* a missing key of the same slot walks the chain and stops empty */
    for (int i = 100000;; i++) {
        char miss[16];
        int len = snprintf(miss, sizeof(miss), "k%d", i);
        if ((hs__hash(miss, (size_t)len) & (m.n_slots - 1)) != want)
            continue;
        cr_assert_null(hs__strmap_find(&m, miss, (size_t)len));
        break;
    }
    hs__strmap_release(&m);
}

/* Growth keeps every key and value, stays at most half full, and a slot's
 * key may be pointed at the caller's own copy (as the callers do). */
Test(strmap, many_keys_survive_growth) {
    enum { N = 50000 };
    hs__strmap m = HS__STRMAP_INIT;
    char **keys = calloc(N, sizeof(char *));
    size_t seen = 0, i = 0;
    hs__strmap_slot *s;
    for (size_t k = 0; k < N; k++) {
        char tmp[32];
        int len = snprintf(tmp, sizeof(tmp), "key-%zu", k);
        int is_new;
        s = hs__strmap_put(&m, tmp, (size_t)len, &is_new);
        cr_assert_eq(is_new, 1);
        keys[k] = hs__xstrdup(tmp);
        s->key = keys[k];
        s->val.ptr = keys[k];
        cr_assert_leq(2 * m.n, m.n_slots);
    }
    cr_assert_eq(m.n, N);
    for (size_t k = 0; k < N; k++) {
        s = hs__strmap_find(&m, keys[k], strlen(keys[k]));
        cr_assert_not_null(s, "lost %s", keys[k]);
        cr_assert_eq(s->val.ptr, keys[k]);
    }
    while ((s = hs__strmap_next(&m, &i)) != NULL) {
        cr_assert_eq(s->val.ptr, s->key);
        seen++;
    }
    cr_assert_eq(seen, N);
    for (size_t k = 0; k < N; k++)
        free(keys[k]);
    free(keys);
    hs__strmap_release(&m);
}

Test(strmap, reserve_keeps_keys_and_release_resets) {
    hs__strmap m = HS__STRMAP_INIT;
    put(&m, "a", 1, 1);
    put(&m, "b", 1, 2);
    hs__strmap_reserve(&m, 1000);
    cr_assert_geq(m.n_slots, 2000);
    cr_assert_eq(hs__strmap_find(&m, "a", 1)->val.index, 1);
    cr_assert_eq(hs__strmap_find(&m, "b", 1)->val.index, 2);
    hs__strmap_release(&m);
    cr_assert_eq(m.n, 0);
    cr_assert_null(hs__strmap_find(&m, "a", 1));
    put(&m, "a", 1, 3);
    cr_assert_eq(hs__strmap_find(&m, "a", 1)->val.index, 3);
    hs__strmap_release(&m);
}
