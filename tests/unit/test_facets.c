/*
 * Unit tests for src/store/facets.c: a facet token is the same for values
 * equal after ASCII lower-casing and different for any other two values
 * (unicode, punctuation, stems), is a hash only past HS__FACET_EXACT_MAX
 * bytes, and contains nothing the query tokenizer reads as a word.
 */
#include <criterion/criterion.h>

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "store/facets.h"

static char *token(int kind, const char *v, int *is_exact) {
    hs__buf b = HS_BUF_INIT;
    int e = hs__facet_token(&b, kind, v, strlen(v));
    if (is_exact)
        *is_exact = e;
    return hs__buf_detach(&b, NULL);
}

static int same(int kind, const char *a, const char *b) {
    char *ta = token(kind, a, NULL), *tb = token(kind, b, NULL);
    int is_same = !strcmp(ta, tb);
    free(ta);
    free(tb);
    return is_same;
}

Test(facets, ascii_case_is_one_token) {
    cr_assert(same(HS__FACET_TAG, "Kubernetes", "kubernetes"));
    cr_assert(same(HS__FACET_SERVICE, "Payment-API", "payment-api"));
}

Test(facets, other_values_differ) {
    static const char *const v[] = {"deploy",
                                    "deploys",
                                    "café-ops",
                                    "cafe-ops",
                                    "Café-Ops",
                                    "CAFÉ-OPS",
                                    "payment-api",
                                    "payment_api",
                                    "payment api",
                                    "c++",
                                    "c",
                                    "東京",
                                    "",
                                    "a b",
                                    "ab"};
    size_t n = sizeof(v) / sizeof(v[0]);
    for (size_t i = 0; i < n; i++)
        for (size_t k = i + 1; k < n; k++) {
            /* "Café-Ops" and "café-ops" differ only in ASCII case */
            if (!strcmp(v[i], "café-ops") && !strcmp(v[k], "Café-Ops"))
                continue;
            cr_assert(!same(HS__FACET_TAG, v[i], v[k]), "'%s' == '%s'", v[i],
                      v[k]);
        }
    cr_assert(same(HS__FACET_TAG, "x", "x"));
    cr_assert(!same(HS__FACET_TAG, "1", "01"));
}

Test(facets, kind_is_part_of_the_token) {
    char *t = token(HS__FACET_TAG, "ledger", NULL);
    char *s = token(HS__FACET_SERVICE, "ledger", NULL);
    cr_assert_str_neq(t, s);
    free(t);
    free(s);
}

Test(facets, long_values_are_hashed_and_say_so) {
    char v[HS__FACET_EXACT_MAX + 2];
    int is_exact;
    char *t;
    memset(v, 'x', sizeof(v) - 1);
    v[HS__FACET_EXACT_MAX] = '\0';
    free(token(HS__FACET_TAG, v, &is_exact));
    cr_assert_eq(is_exact, 1);
    v[HS__FACET_EXACT_MAX] = 'y';
    v[HS__FACET_EXACT_MAX + 1] = '\0';
    t = token(HS__FACET_TAG, v, &is_exact);
    cr_assert_eq(is_exact, 0);
    cr_assert_lt(strlen(t), 40);
    free(t);
}

/* Only private-use code points, ASCII letters and digits: one unicode61
 * word, and no query word (query.c splits at private-use code points). */
Test(facets, token_is_one_word_with_private_marks) {
    char *t = token(HS__FACET_OWNER, "Ünal Çelik <u@x>", NULL);
    const unsigned char *p = (const unsigned char *)t;
    cr_assert_eq(memcmp(t, "\xee\x80\x90", 3), 0);
    while (*p) {
        if (*p == 0xee) {
            cr_assert(p[1] == 0x80 && p[2] >= 0x90 && p[2] <= 0x93);
            p += 3;
        } else {
            cr_assert((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'),
                      "byte %02x in a token", *p);
            p++;
        }
    }
    cr_assert_eq(memcmp(t + strlen(t) - 3, "\xee\x80\x92", 3), 0);
    free(t);
}
