/*
 * base/util.c: the content hash the index stores must not change (a
 * changed hash would make every file look changed to the next run).
 */
#include "base/buf.h"
#include "base/error.h"
#include "base/text.h"
#include "base/thread.h"
#include "base/util.h"

#include <criterion/criterion.h>
#include <signal.h>
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

/* hs__strcasestr: the first place, ASCII letters in either case. */
Test(util, strcasestr_finds_the_first_place) {
    const char *h = "Root CAUSE: the rOOt cause, caused";
    const char *e = "";
    cr_expect_eq(hs__strcasestr(h, "root cause"), h);
    cr_expect_eq(hs__strcasestr(h, "cause,"), h + 21);
    cr_expect_eq(hs__strcasestr(h, "D"), h + 33);
    cr_expect_eq(hs__strcasestr(h, ": t"), h + 10);
    cr_expect_eq(hs__strcasestr(h, ""), h);
    cr_expect_eq(hs__strcasestr(e, ""), e);
    cr_expect_null(hs__strcasestr(h, "causes"));
    cr_expect_null(hs__strcasestr(e, "a"));
    cr_expect_null(hs__strcasestr("ab", "abc"));
    h = "xaaab";
    cr_expect_eq(hs__strcasestr(h, "AAB"), h + 2);
    h = "caf\xc3\xa9 Caf\xc3\xa9";
    cr_expect_eq(hs__strcasestr(h, "\xc3\xa9 c"), h + 3);
    cr_expect_null(hs__strcasestr(h, "[caf"));
    h = "a@b";
    cr_expect_eq(hs__strcasestr(h, "@B"), h + 1);
}

/* Text to UTF-8: ASCII is stepped over, each other byte checked. */
#define TO_UTF8(lit) hs__text_to_utf8(lit, sizeof(lit) - 1, &b)
/* The first word of the list that opens the text, case aside; an empty
 * word opens nothing. */
Test(util, prefix_in_gives_the_first_word_s_length) {
    static const char *const words[] = {"approx. ", "about ", "~", NULL};
    static const char *const empty[] = {"", NULL};
    cr_expect_eq(hs__prefix_in("Approx. 13:50", words), 8);
    cr_expect_eq(hs__prefix_in("~13:42", words), 1);
    cr_expect_eq(hs__prefix_in("about", words), 0);
    cr_expect_eq(hs__prefix_in("13:42", words), 0);
    cr_expect_eq(hs__prefix_in("13:42", empty), 0);
}

/* A list of words at a word start, case aside, a line break as a space:
 * the fast index answers as hs__has_word_in does. */
Test(util, word_index_answers_as_has_word_in) {
    static const char *const words[] = {"roll back", "restart", "Fix ", "5xx",
                                        NULL};
    static const char *const texts[] = {"We had to ROLL\nBACK the deploy",
                                        "pods restarted",
                                        "a prefix fix",
                                        "hotfix shipped",
                                        "the fix is in",
                                        "unrestarted",
                                        "5xx rate",
                                        "no 5xxs",
                                        "",
                                        "roll",
                                        "backroll back",
                                        "x-restart",
                                        NULL};
    hs__word_index x;
    hs__word_index_init(&x, words);
    for (size_t i = 0; texts[i]; i++)
        cr_expect_eq(hs__word_index_in(&x, texts[i], strlen(texts[i])),
                     hs__has_word_in(texts[i], words), "'%s'", texts[i]);
    /* only the bytes given are read */
    cr_expect(!hs__word_index_in(&x, "restart", 6));
    cr_expect(hs__word_index_in(&x, "restart", 7));
}

Test(util, has_word_in_finds_words_at_a_word_start) {
    static const char *const words[] = {"back to normal", "fixed", "x", NULL};
    static const char *const none[] = {"normal", "ixed", NULL};
    static const char *const empty[] = {NULL};
    /* any case, a line break as a space, at the start of the text */
    cr_expect(hs__has_word_in("Service BACK TO\nnormal", words));
    cr_expect(hs__has_word_in("Fixed at 14:02", words));
    /* a one-byte word is looked for too */
    cr_expect(hs__has_word_in("error rate 3 x the baseline", words));
    /* inside a word is no match; a later word start is */
    cr_expect(!hs__has_word_in("prefixed abnormal", none));
    cr_expect(hs__has_word_in("abnormal, then normal", none));
    cr_expect(!hs__has_word_in("nothing here", empty));
    cr_expect(!hs__has_word_in("", words));
}

Test(util, text_to_utf8_kinds) {
    hs__buf b = HS_BUF_INIT;
    cr_expect_eq(TO_UTF8("plain ascii\n"), HS_TEXT_UTF8);
    cr_expect_str_eq(b.data, "plain ascii\n");
    hs__buf_reset(&b);
    cr_expect_eq(TO_UTF8("caf\xc3\xa9 \xe2\x80\x94 ok"), HS_TEXT_UTF8);
    hs__buf_reset(&b);
    /* one damaged byte among valid sequences: only it is replaced */
    cr_expect_eq(TO_UTF8("caf\xc3\xa9 and \xc3\xa9 x\xff"),
                 HS_TEXT_UTF8_REPAIRED);
    cr_expect_str_eq(b.data, "caf\xc3\xa9 and \xc3\xa9 x\xef\xbf\xbd");
    hs__buf_reset(&b);
    cr_expect_eq(TO_UTF8("caf\xe9 ol\xe9"), HS_TEXT_CP1252);
    cr_expect_str_eq(b.data, "caf\xc3\xa9 ol\xc3\xa9");
    hs__buf_reset(&b);
    /* every U+FEFF goes, not only the first, in each kind of text */
    cr_expect_eq(TO_UTF8("\xef\xbb\xbf# a\n\xef\xbb\xbf## b\xef\xbb\xbf\xe2\x80"
                         "\x94\xef\xbb"),
                 HS_TEXT_UTF8_REPAIRED);
    cr_expect_str_eq(b.data, "# a\n## b\xe2\x80\x94\xef\xbf\xbd\xef\xbf\xbd");
    hs__buf_reset(&b);
    cr_expect_eq(TO_UTF8("x\xef\xbb\xbf\xef\xbb\xbf\xef\xbc\xa1\xef\xbb\xbf"),
                 HS_TEXT_UTF8);
    cr_expect_str_eq(b.data, "x\xef\xbc\xa1");
    hs__buf_reset(&b);
    cr_expect_eq(TO_UTF8("\xff\xfe#\0 \0\xff\xfe\x41\0"), HS_TEXT_UTF16);
    cr_expect_str_eq(b.data, "# A");
    hs__buf_reset(&b);
    cr_expect_eq(TO_UTF8("a\0b"), HS_TEXT_BINARY);
    hs__buf_release(&b);
}

/* The mask the started thread ran with. */
static void *note_mask(void *arg) {
    pthread_sigmask(SIG_SETMASK, NULL, (sigset_t *)arg);
    return NULL;
}

/* Every library thread starts with all signals blocked (a handler stays on
 * the thread the program expects), and the caller's mask is its own again. */
Test(util, thread_start_blocks_signals_and_restores_the_mask) {
    sigset_t mine, seen, after;
    pthread_t t;
    sigemptyset(&mine);
    sigaddset(&mine, SIGUSR1);
    pthread_sigmask(SIG_SETMASK, &mine, NULL);
    sigemptyset(&seen);
    cr_assert_eq(hs__thread_start(&t, note_mask, &seen), 0);
    pthread_join(t, NULL);
    cr_assert(sigismember(&seen, SIGINT));
    cr_assert(sigismember(&seen, SIGTERM));
    cr_assert(sigismember(&seen, SIGCHLD));
    pthread_sigmask(SIG_SETMASK, NULL, &after);
    cr_assert(sigismember(&after, SIGUSR1));
    cr_assert(!sigismember(&after, SIGINT));
}

/* A page had more than one name: "~41" unslugged to "A" as "A" does, and
 * ".x" to ".x" as "~2Ex" does, so /pm/2024~2D07.html served the page of
 * 2024-07. Only the slug hs__slug writes unslugs now. */
Test(slug, one_name_per_page) {
    static const char *const ids[] = {"2024-07-16-x", ".hidden",     "a.b",
                                      "nest/2024/a",  "caf\xc3\xa9", "~"};
    static const char *const other[] = {"~41",   ".x",  "2024~2D07",
                                        "a~2Eb", "~5F", "~30"};
    for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
        hs__buf slug = HS_BUF_INIT, back = HS_BUF_INIT;
        hs__slug(ids[i], &slug);
        cr_assert_eq(hs__unslug(slug.data, slug.len, &back), 0, "%s",
                     slug.data);
        cr_expect_str_eq(back.data, ids[i]);
        hs__buf_release(&slug);
        hs__buf_release(&back);
    }
    for (size_t i = 0; i < sizeof(other) / sizeof(other[0]); i++) {
        hs__buf back = HS_BUF_INIT;
        cr_expect_eq(hs__unslug(other[i], strlen(other[i]), &back), -1, "%s",
                     other[i]);
        hs__buf_release(&back);
    }
}

/* A page's file name must fit NAME_MAX (255 bytes) with ".html" and
 * site's temporary suffix: an id of 80 Japanese characters (240 bytes) was a
 * 720-byte slug, and `site` failed on the first such page, writing none
 * after it. A long slug keeps its first bytes and names the id by hash. */
Test(slug, long_ids_fit_a_file_name) {
    hs__buf id = HS_BUF_INIT, other = HS_BUF_INIT, a = HS_BUF_INIT,
            b = HS_BUF_INIT, prefix = HS_BUF_INIT;
    for (int i = 0; i < 80; i++)
        hs__buf_puts(&id, "é"); /* 障 */
    hs__buf_puts(&other, id.data);
    hs__buf_putc(&other, 'x');
    hs__slug(id.data, &a);
    hs__slug(other.data, &b);
    cr_assert_leq(a.len, HS__SLUG_MAX);
    cr_assert_leq(b.len, HS__SLUG_MAX);
    cr_expect_str_neq(a.data, b.data);
    cr_expect_eq(hs__unslug(a.data, a.len, &prefix), -1, "%s", a.data);
    hs__buf_reset(&prefix);
    cr_assert_eq(hs__slug_long_prefix(a.data, a.len, &prefix), 0);
    cr_assert_gt(prefix.len, 0);
    /* whole escapes only: 180 bytes of slug are 60 of the id */
    cr_expect_eq(prefix.len, 60);
    cr_expect_eq(memcmp(prefix.data, id.data, prefix.len), 0);
    cr_expect_eq(hs__slug_long_prefix("a~~0123", 7, &prefix), -1);
    /* only the prefix hs__slug cuts: "~~HASH" alone had the server
     * compute the slug of every id for one request */
    cr_expect_eq(hs__slug_long_prefix("~~0123456789abcdef", 18, &prefix), -1);
    cr_expect_eq(hs__slug_long_prefix("ab~~0123456789abcdef", 20, &prefix), -1);
    hs__buf_reset(&a);
    hs__slug("short~~0123456789abcdef", &a);
    cr_expect_str_eq(a.data, "short~7E~7E0123456789abcdef");
    /* up to HS__SLUG_MAX bytes a slug is as it always was */
    hs__buf_reset(&id);
    hs__buf_reset(&a);
    for (int i = 0; i < HS__SLUG_MAX; i++)
        hs__buf_putc(&id, 'x');
    hs__slug(id.data, &a);
    cr_expect_str_eq(a.data, id.data);
    hs__buf_release(&id);
    hs__buf_release(&other);
    hs__buf_release(&a);
    hs__buf_release(&b);
    hs__buf_release(&prefix);
}

/* A long id's page is named by its hash (above); the slug it would have
 * had uncut, past HS__SLUG_MAX bytes, unslugged to the id all the same,
 * so the live server served /pm/~C3~A9...(480 bytes).html as a second
 * name of that page. hs__slug never writes such a slug. */
Test(slug, a_long_id_has_one_name) {
    hs__buf full = HS_BUF_INIT, back = HS_BUF_INIT;
    for (int i = 0; i < 80; i++)
        hs__buf_puts(&full, "~C3~A9"); /* "\u00e9" 80 times, uncut */
    cr_assert_gt(full.len, HS__SLUG_MAX);
    cr_expect_eq(hs__unslug(full.data, full.len, &back), -1, "%.40s...",
                 full.data);
    /* of a plain id too: 201 'x' is cut and hashed, so no page has
     * the name of 201 'x' */
    hs__buf_reset(&full);
    hs__buf_reset(&back);
    for (int i = 0; i <= HS__SLUG_MAX; i++)
        hs__buf_putc(&full, 'x');
    cr_expect_eq(hs__unslug(full.data, full.len, &back), -1);
    hs__buf_release(&full);
    hs__buf_release(&back);
}

/* Is `s` whole UTF-8 characters? */
static int is_utf8(const char *s) {
    size_t avail = strlen(s), k;
    for (const unsigned char *p = (const unsigned char *)s; avail;
         p += k, avail -= k)
        if ((k = hs__utf8_seq_len(p, avail)) == 0)
            return 0;
    return 1;
}

/* An error message is 255 bytes; one about a long path ("cannot open
 * 'PATH': Permission denied", PATH 450 bytes deep in a folder tree) was cut
 * at the end, so the reason was lost. The subject loses its middle. */
Test(error, long_subject_keeps_the_reason) {
    hs__buf path = HS_BUF_INIT;
    hs_error err;
    size_t n;
    for (int i = 0; i < 200; i++)
        hs__buf_putc(&path, 'd');
    hs__buf_putc(&path, '/');
    for (int i = 0; i < 82; i++)
        hs__buf_puts(&path, "\xe9\x9a\x9c"); /* 障, three bytes */
    hs__buf_puts(&path, ".md");
    cr_assert_eq(hs__seterr(&err, HS_EIO, "cannot open '%s': %s", path.data,
                            "Permission denied"),
                 HS_EIO);
    n = strlen(err.msg);
    cr_assert_lt(n, sizeof(err.msg));
    cr_expect_eq(strncmp(err.msg, "cannot open 'dddd", 17), 0, "%s", err.msg);
    cr_expect(strstr(err.msg, "...") != NULL, "%s", err.msg);
    cr_expect_str_eq(err.msg + n - 23, ".md': Permission denied");
    cr_expect(is_utf8(err.msg), "the cut falls between characters");
    /* short messages are as they were; one with no quotes is cut at the
     * end, never inside a character */
    hs__seterr(&err, HS_EIO, "cannot open '%s': %s", "a.md", "gone");
    cr_expect_str_eq(err.msg, "cannot open 'a.md': gone");
    hs__seterr(&err, HS_EIO, "%s", path.data);
    cr_expect_lt(strlen(err.msg), sizeof(err.msg));
    cr_expect_eq(strncmp(err.msg, path.data, strlen(err.msg)), 0);
    cr_expect(is_utf8(err.msg), "the cut falls between characters");
    hs__seterr(NULL, HS_EIO, "%s", path.data);
    hs__buf_release(&path);
}

Test(text, utf8_cut_never_splits_a_character) {
    const char *s = "ab\xc3\xa9"
                    "cd\xe2\x82\xac"; /* "abécd€": 9 bytes */
    cr_expect_eq(hs__utf8_cut(s, 9, 100), 9);
    cr_expect_eq(hs__utf8_cut(s, 9, 9), 9);
    cr_expect_eq(hs__utf8_cut(s, 9, 4), 4); /* after é */
    cr_expect_eq(hs__utf8_cut(s, 9, 3), 2); /* not inside é */
    cr_expect_eq(hs__utf8_cut(s, 9, 8), 6); /* not inside € */
    cr_expect_eq(hs__utf8_cut(s, 9, 0), 0);
}

Test(util, ctz64_numbers_the_lowest_set_bit) {
    cr_expect_eq(hs__ctz64(1), 0u);
    cr_expect_eq(hs__ctz64(12), 2u);
    cr_expect_eq(hs__ctz64((uint64_t)1 << 63), 63u);
    cr_expect_eq(hs__ctz64(~(uint64_t)0), 0u);
}

/* A put that leaves room for the NUL only, then one that needs a byte
 * more: the first must not grow, the second must. */
Test(util, buf_put_fills_to_the_last_byte_and_then_grows) {
    hs__buf b = HS_BUF_INIT;
    char fill[64];
    size_t alloc;
    memset(fill, 'x', sizeof(fill));
    hs__buf_put(&b, "a", 1);
    alloc = b.alloc;
    hs__buf_put(&b, fill, alloc - 2);
    cr_expect_eq(b.alloc, alloc);
    cr_expect_eq(b.len, alloc - 1);
    cr_expect_eq(b.data[b.len], '\0');
    hs__buf_put(&b, "y", 1);
    cr_expect_gt(b.alloc, alloc);
    cr_expect_eq(b.len, alloc);
    cr_expect_eq(b.data[0], 'a');
    cr_expect_eq(b.data[b.len - 1], 'y');
    cr_expect_eq(b.data[b.len], '\0');
    hs__buf_release(&b);
}

/* A bad byte or a sequence at every offset across the eight-byte steps of
 * the ASCII scan: repaired in its place, and the text around it kept. */
Test(util, utf8_repair_finds_a_bad_byte_at_any_offset) {
    for (size_t at = 0; at < 20; at++) {
        hs__buf b = HS_BUF_INIT, want = HS_BUF_INIT, good = HS_BUF_INIT;
        for (size_t i = 0; i < at; i++) {
            hs__buf_putc(&b, 'a' + (int)(i % 26));
            hs__buf_putc(&want, 'a' + (int)(i % 26));
            hs__buf_putc(&good, 'a' + (int)(i % 26));
        }
        hs__buf_puts(&b, "\xff tail of ascii text");
        hs__buf_puts(&want, "\xef\xbf\xbd tail of ascii text");
        hs__buf_puts(&good, "\xc3\xa9 tail of ascii text");
        hs__utf8_repair(&b);
        cr_expect_str_eq(b.data, want.data, "offset %zu", at);
        hs__buf_reset(&want);
        hs__buf_put(&want, good.data, good.len);
        hs__utf8_repair(&good);
        cr_expect_str_eq(good.data, want.data, "offset %zu", at);
        hs__buf_release(&b);
        hs__buf_release(&want);
        hs__buf_release(&good);
    }
}

/* Text for a terminal: a title holding U+202E (RIGHT-TO-LEFT OVERRIDE)
 * went through, so 'invoice\u202egnp.exe' read 'invoiceexe.png' on the
 * terminal. The embeddings, overrides and isolates are shown; the marks
 * (U+200E, U+200F) and right-to-left letters stay, as they reorder
 * nothing beyond themselves. */
Test(text, visible_shows_bidi_controls) {
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"invoice\xe2\x80\xaegnp.exe", "invoice\\u202egnp.exe"},
        {"\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad",
         "\\u202a\\u202b\\u202c\\u202d"},
        {"a\xe2\x81\xa6"
         "b\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9",
         "a\\u2066b\\u2067\\u2068\\u2069"},
        {"\xe2\x80\x8e\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xe2\x80\x8f",
         "\xe2\x80\x8e\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xe2\x80\x8f"},
        {"\xe2\x80\xa9 \xe2\x80\xaf \xe2\x81\xa5 \xe2\x81\xaa",
         "\xe2\x80\xa9 \xe2\x80\xaf \xe2\x81\xa5 \xe2\x81\xaa"},
        {"cut \xe2\x80", "cut \\xe2\\x80"},
        {"esc \x1b[2J", "esc \\x1b[2J"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        hs__buf b = HS_BUF_INIT;
        hs__buf_put_visible(&b, cases[i].in, strlen(cases[i].in));
        cr_expect_str_eq(b.data, cases[i].want, "case %zu", i);
        hs__buf_release(&b);
    }
}

Test(util, span_in_a_list_of_words) {
    static const char *const words[] = {"team", "teams", "on-call", NULL};
    cr_expect(hs__span_in("Teams of four", 5, words));
    cr_expect(hs__span_in("on-call", 7, words));
    cr_expect_not(hs__span_in("teamsters", 9, words));
    cr_expect_not(hs__span_in("tea", 3, words));
    cr_expect_not(hs__span_in("", 0, words));
}

Test(util, suffix_in_a_list_of_words) {
    static const char *const words[] = {"about ", "~", "", NULL};
    static const char t[] = "lasted About 3 hours, ~2";
    cr_expect_eq(hs__suffix_in(t, t + 13, words), 6);
    cr_expect_eq(hs__suffix_in(t, t + 23, words), 1);
    cr_expect_eq(hs__suffix_in(t, t + 7, words), 0);
    cr_expect_eq(hs__suffix_in(t + 8, t + 13, words), 0); /* not before start */
}

Test(util, strstr_last) {
    const char *s = "a. b. c";
    cr_expect_eq(hs__strstr_last(s, ". "), s + 4);
    cr_expect_eq(hs__strstr_last(s, "a"), s);
    cr_expect_eq(hs__strstr_last(s, "c"), s + 6);
    cr_expect_null(hs__strstr_last(s, "x"));
    cr_expect_null(hs__strstr_last("ab", "abc"));
    const char *aaa = "aaa";
    cr_expect_eq(hs__strstr_last(aaa, "aa"), aaa + 1);
}
