/*
 * base/util.c: the content hash the index stores must not change (a
 * changed hash would make every file look changed to the next run).
 */
#include "base/util.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

Test(util, hash_hex_is_stable) {
    char out[17];
    hs__hash_hex("", 0, out);
    cr_assert_str_eq(out, "14650fb0739d0383");
    hs__hash_hex("a", 1, out);
    cr_assert_str_eq(out, "44bd8ad473cd9906");
    hs__hash_hex("foobar", strlen("foobar"), out);
    cr_assert_str_eq(out, "88fad7c0a8ff07f2");
}

Test(util, fnv64_over_pieces_is_the_whole) {
    uint64_t h = hs__fnv64(HS__FNV64_START, "foo", 3);
    char whole[17], pieces[17];
    hs__hash_hex("foobar", 6, whole);
    h = hs__fnv64(h, "bar", 3);
    snprintf(pieces, sizeof(pieces), "%016llx", (unsigned long long)h);
    cr_assert_str_eq(pieces, whole);
}
