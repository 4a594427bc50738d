/*
 * base/arena.c: calloc zeroes and aligns, realloc keeps the contents
 * (in place for the latest block, by copy otherwise), giving back the
 * latest block reuses its memory, blocks larger than a chunk work, and
 * freeing the arena frees everything (the valgrind build checks).
 */
#include "base/arena.h"

#include <criterion/criterion.h>
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

static int is_aligned(const void *p) {
    return (uintptr_t)p % alignof(max_align_t) == 0;
}

Test(arena, calloc_zeroes_and_aligns) {
    hs__arena *a = hs__arena_new();
    for (size_t n = 1; n < 200; n += 7) {
        unsigned char *p = hs__arena_calloc(a, n, 3);
        cr_assert(is_aligned(p));
        for (size_t i = 0; i < n * 3; i++)
            cr_assert_eq(p[i], 0);
        memset(p, 0xab, n * 3);
    }
    hs__arena_free(a);
}

Test(arena, given_back_memory_is_zeroed_again) {
    hs__arena *a = hs__arena_new();
    unsigned char *p = hs__arena_calloc(a, 1, 64), *q;
    memset(p, 0xff, 64);
    hs__arena_give_back(a, p);
    q = hs__arena_calloc(a, 1, 64);
    cr_assert_eq(q, p, "the latest block's memory is reused");
    for (size_t i = 0; i < 64; i++)
        cr_assert_eq(q[i], 0);
    hs__arena_free(a);
}

Test(arena, realloc_keeps_contents) {
    hs__arena *a = hs__arena_new();
    char *p = hs__arena_realloc(a, NULL, 10), *q, *other;
    memcpy(p, "abcdefghi", 10);
    q = hs__arena_realloc(a, p, 100);
    cr_assert_eq(q, p, "the latest block grows in place");
    cr_assert_str_eq(q, "abcdefghi");
    other = hs__arena_calloc(a, 1, 16);
    p = hs__arena_realloc(a, q, 1000);
    cr_assert_neq(p, q, "an older block is copied");
    cr_assert_str_eq(p, "abcdefghi");
    cr_assert_eq(other[0], 0);
    /* an older block given back stays where it is until the end */
    hs__arena_give_back(a, other);
    cr_assert_str_eq(p, "abcdefghi");
    q = hs__arena_realloc(a, p, 4);
    cr_assert_eq(memcmp(q, "abcd", 4), 0);
    hs__arena_free(a);
}

Test(arena, blocks_larger_than_a_chunk) {
    hs__arena *a = hs__arena_new();
    size_t big = 5u << 20;
    unsigned char *small = hs__arena_calloc(a, 1, 8);
    unsigned char *p = hs__arena_calloc(a, big, 1);
    cr_assert(is_aligned(p));
    cr_assert_eq(p[0], 0);
    cr_assert_eq(p[big - 1], 0);
    memset(p, 1, big);
    p = hs__arena_realloc(a, p, 2 * big);
    cr_assert_eq(p[big - 1], 1);
    small[0] = 7;
    cr_assert_eq(small[0], 7);
    for (int i = 0; i < 10000; i++)
        cr_assert(is_aligned(hs__arena_calloc(a, 1, 100)));
    hs__arena_free(a);
    hs__arena_free(NULL);
}
