/*
 * Derived tags: the rule words are counted whole-word and case-blind, on
 * invented snippets with the word edges a faster counter could get wrong.
 */
#include <criterion/criterion.h>

#include "read/autotags.h"

Test(autotags, a_word_counts_only_whole_and_whatever_its_case) {
    cr_expect_eq(hs__auto_tag_words("Deploy, DEPLOYMENT; deploy_x", "deploy"),
                 3);
    cr_expect_eq(hs__auto_tag_words("redeploy deployments deployed", "deploy"),
                 0);
    cr_expect_eq(hs__auto_tag_words("podcast pods pod. K8s", "kubernetes"), 3);
    cr_expect_eq(hs__auto_tag_words("2dns dns2 DNS", "dns"), 1);
    cr_expect_eq(hs__auto_tag_words("ends in db", "database"), 1);
    cr_expect_eq(hs__auto_tag_words("", "database"), 0);
    cr_expect_eq(hs__auto_tag_words("db", "no-such-tag"), -1);
}

Test(autotags, words_with_spaces_hyphens_and_digits) {
    /* "oom" ends at the hyphen, so "oom-killer" counts twice */
    cr_expect_eq(hs__auto_tag_words("the OOM-killer ran", "memory"), 2);
    cr_expect_eq(hs__auto_tag_words("Out of memory, out  of memory", "memory"),
                 1);
    cr_expect_eq(hs__auto_tag_words("clock skew", "time"), 2);
    cr_expect_eq(hs__auto_tag_words("rate limiter, rate limits, rate limit.",
                                    "rate-limiting"),
                 2);
    cr_expect_eq(
        hs__auto_tag_words("HTTP 429 and 4290 and 429s", "rate-limiting"), 1);
    cr_expect_eq(hs__auto_tag_words("X509 cert-manager certs", "tls"), 2);
    cr_expect_eq(
        hs__auto_tag_words("timed out, timed  out, Timeouts", "timeout"), 2);
    cr_expect_eq(
        hs__auto_tag_words("connection pool connections", "connection-pool"),
        2);
}

Test(autotags, utf8_bytes_are_word_edges) {
    /* é and — are not ASCII letters, so they end and start words */
    cr_expect_eq(hs__auto_tag_words("caf\xc3\xa9"
                                    "dns dns\xc3\xa9 \xe2\x80\x94redis",
                                    "dns"),
                 2);
    cr_expect_eq(hs__auto_tag_words("\xe2\x80\x94Redis\xe2\x80\x94", "cache"),
                 1);
    cr_expect_eq(hs__auto_tag_words("\xc3\x89TCD", "cache"), 0);
}

Test(autotags, a_word_passed_over_by_its_first_two_bytes_never_counts) {
    /* words that share no first two bytes with a rule word, around ones
     * that do, in either case and with digits first */
    cr_expect_eq(hs__auto_tag_words("zz DB xdb Db dB", "database"), 3);
    cr_expect_eq(hs__auto_tag_words("HTTP 429, 4290 and 429", "rate-limiting"),
                 2);
    cr_expect_eq(hs__auto_tag_words("X509 x5 x509x", "tls"), 1);
    cr_expect_eq(hs__auto_tag_words("a b c d e", "database"), 0);
}
