/*
 * base/util.c: the content hash the index stores must not change (a
 * changed hash would make every file look changed to the next run).
 */
#include "base/util.h"

#include <criterion/criterion.h>
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
