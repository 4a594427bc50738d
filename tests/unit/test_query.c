/*
 * Unit tests for src/query/query.c (hs__query_parse, hs__fts_quote): words,
 * phrases, prefixes, exclusions, filters and hostile input, which must give
 * an FTS5 string with every term quoted or HS_EQUERY. End-to-end, hs_search
 * over an index of corpus/ in a temp dir never fails with HS_EDB.
 */
#include <criterion/criterion.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hindsight.h"
#include "model/normalize.h"
#include "query/query.h"
#include "query/search.h"
#include "query/similar.h"
#include "store/store.h"

/* Is `s` valid UTF-8? Written here, not borrowed from src/base/text.c. */
static int is_utf8(const char *s) {
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        size_t n = *p < 0x80             ? 1
                   : (*p & 0xE0) == 0xC0 ? 2
                   : (*p & 0xF0) == 0xE0 ? 3
                   : (*p & 0xF8) == 0xF0 ? 4
                                         : 0;
        if (!n || (n == 2 && *p < 0xC2))
            return 0;
        for (size_t i = 1; i < n; i++)
            if ((p[i] & 0xC0) != 0x80)
                return 0;
        p += n;
    }
    return 1;
}

/* Read one quoted FTS5 string at *pp ("a ""b"""); 0 if there is none or it
 * is empty. */
static int read_quoted(const char **pp) {
    const char *p = *pp;
    size_t n = 0;
    if (*p != '"')
        return 0;
    for (p++;; p++) {
        if (!*p)
            return 0;
        if (*p == '"') {
            if (p[1] != '"')
                break;
            p++;
        }
        n++;
    }
    *pp = p + 1;
    return n > 0;
}

/* "a" "b" * "c d": quoted phrases, each optionally followed by " *". */
static int read_phrases(const char **pp) {
    const char *p = *pp;
    if (!read_quoted(&p))
        return 0;
    for (;;) {
        if (!strncmp(p, " *", 2))
            p += 2;
        if (*p != ' ' || p[1] != '"')
            break;
        p++;
        if (!read_quoted(&p))
            return 0;
    }
    *pp = p;
    return 1;
}

/*
 * Is `fts` something we built, rather than raw user syntax? Either
 * phrases, or "(phrases)" followed by one or more ` NOT "x"` (or
 * ` NOT "x" *`).
 */
static int is_safe_fts(const char *fts) {
    const char *p = fts;
    if (!is_utf8(fts))
        return 0;
    if (*p == '(') {
        p++;
        if (!read_phrases(&p) || *p++ != ')' || strncmp(p, " NOT ", 5))
            return 0;
        while (!strncmp(p, " NOT ", 5)) {
            p += 5;
            if (!read_quoted(&p))
                return 0;
            if (!strncmp(p, " *", 2)) /* an excluded prefix */
                p += 2;
        }
        return *p == '\0';
    }
    return read_phrases(&p) && *p == '\0';
}

/* The checker itself must refuse raw FTS5 syntax, or it proves nothing. */
Test(query, safe_fts_checker_refuses_raw_syntax) {
    static const char *const raw[] = {
        "a",
        "a OR b",
        "\"a\" OR \"b\"",
        "\"a\" NEAR(\"b\")",
        "\"\"",
        "(\"a\")",
        "\"a",
        "\"a\" *x",
        "\"a\"  \"b\"",
        "(\"a\") NOT b",
        "\"a\" \"b\")",
        "",
        "\"a\" -\"b\"",
        "title:\"a\"",
    };
    for (size_t i = 0; i < sizeof(raw) / sizeof(raw[0]); i++)
        cr_expect(!is_safe_fts(raw[i]), "checker accepted %s", raw[i]);
    cr_expect(is_safe_fts("(\"a b\" \"c\" *) NOT \"d \"\"e\"\"\""));
}

/* Parse `text`, expecting success; the caller releases q. */
static void parse_ok(const char *text, hs__query *q) {
    hs_error err = {0, ""};
    int rc = hs__query_parse(text, q, &err);
    cr_assert_eq(rc, 0, "hs__query_parse(\"%s\") = %d: %s", text, rc, err.msg);
}

/* Parse `text`, expecting HS_EQUERY with a message containing `needle`. */
static void parse_fails(const char *text, const char *needle) {
    hs__query q;
    hs_error err = {0, ""};
    int rc = hs__query_parse(text, &q, &err);
    hs__query_release(&q);
    cr_expect_eq(rc, HS_EQUERY, "hs__query_parse(\"%s\") = %d", text, rc);
    cr_expect_eq(err.code, HS_EQUERY, "err.code for \"%s\"", text);
    cr_expect_neq(err.msg[0], '\0', "no message for \"%s\"", text);
    if (needle)
        cr_expect(strstr(err.msg, needle) != NULL,
                  "message for \"%s\" should mention '%s': %s", text, needle,
                  err.msg);
}

static void expect_fts(const char *text, const char *want) {
    hs__query q;
    parse_ok(text, &q);
    cr_expect_str_eq(q.fts.data, want, "fts of \"%s\"", text);
    cr_expect(is_safe_fts(q.fts.data), "unsafe fts for \"%s\": %s", text,
              q.fts.data);
    hs__query_release(&q);
}

/* ---------------------------------------------------------------------
 * Terms
 */

Test(query, words_become_quoted_strings) {
    hs__query q;
    expect_fts("connection pool", "\"connection\" \"pool\"");
    expect_fts("DNS Timeout", "\"dns\" \"timeout\"");
    parse_ok("connection pool", &q);
    cr_assert_eq(q.terms.n, 2);
    cr_expect_str_eq(q.terms.v[0], "connection");
    cr_expect_str_eq(q.terms.v[1], "pool");
    cr_expect_eq(q.has_severity, 0);
    cr_expect_eq(q.tags.n, 0);
    hs__query_release(&q);
}

Test(query, quoted_phrase) {
    expect_fts("\"connection pool\" dns", "\"connection pool\" \"dns\"");
    expect_fts("\"unterminated phrase", "\"unterminated phrase\"");
}

Test(query, prefix) {
    expect_fts("conn*", "\"conn\" *");
    expect_fts("pool conn*", "\"pool\" \"conn\" *");
}

/* 64 copies of "ab*" read the postings of every ab-word 64 times: seconds
 * on a large index. A phrase repeated is emitted once, a prefix apart from
 * the word and an exclusion apart from the positive. */
Test(query, repeated_phrase_emitted_once) {
    hs__buf text = HS_BUF_INIT;
    expect_fts("pool pool POOL", "\"pool\"");
    expect_fts("ab* ab* ab ab*", "\"ab\" * \"ab\"");
    expect_fts("\"conn pool\" conn pool \"conn  pool\"",
               "\"conn pool\" \"conn\" \"pool\"");
    expect_fts("dns -kafka -kafka", "(\"dns\") NOT \"kafka\"");
    for (int i = 0; i < 64; i++)
        hs__buf_puts(&text, "ab* ");
    expect_fts(text.data, "\"ab\" *");
    hs__buf_release(&text);
}

/* A prefix of one letter ("a*", "-x*", "x.y*", "\u00e9*") reads the
 * postings of most of the index: 1 s at 10,000 postmortems, 26 of them in
 * one query longer, at 100,000 ten times that. It is refused, saying why. */
Test(query, a_prefix_needs_two_letters) {
    static const char *const refused[] = {"a*", "pool a*", "-x*", "x.y*",
                                          "\xc3\xa9*"};
    for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
        hs__query q;
        hs_error err = {0, ""};
        cr_expect_eq(hs__query_parse(refused[i], &q, &err), HS_EQUERY, "%s",
                     refused[i]);
        cr_expect(strstr(err.msg, "a prefix needs at least 2 letters") != NULL,
                  "%s: %s", refused[i], err.msg);
        hs__query_release(&q);
    }
    expect_fts("ab*", "\"ab\" *");
    expect_fts("\xc3\xa9"
               "a*",
               "\"\xc3\xa9"
               "a\" *");
}

Test(query, exclusion) {
    hs__query q;
    expect_fts("dns -kafka", "(\"dns\") NOT \"kafka\"");
    expect_fts("dns -kafka -\"consumer lag\"",
               "(\"dns\") NOT \"kafka\" NOT \"consumer lag\"");
    parse_ok("dns -kafka", &q);
    cr_assert_eq(q.terms.n, 1, "an excluded word is not a ranking term");
    cr_expect_str_eq(q.terms.v[0], "dns");
    hs__query_release(&q);
    parse_fails("-kafka", "exclude");
}

/* "-kafk*" excludes every word that starts with kafk, as "kafk*" finds
 * them: it excluded the word "kafk" alone, so "consumer -co*" found the
 * postmortems that say consumer. */
Test(query, an_excluded_prefix_stays_a_prefix) {
    expect_fts("dns -kafk*", "(\"dns\") NOT \"kafk\" *");
    expect_fts("dns -kafk* -kafk", "(\"dns\") NOT \"kafk\" * NOT \"kafk\"");
    expect_fts("kafk* -kafk*", "(\"kafk\" *) NOT \"kafk\" *");
}

Test(query, fts_quote_doubles_quotes) {
    hs__buf b = HS_BUF_INIT;
    hs__fts_quote(&b, "a \"b\"", 5);
    cr_expect_str_eq(b.data, "\"a \"\"b\"\"\"");
    hs__buf_reset(&b);
    hs__fts_quote(&b, "", 0);
    cr_expect_str_eq(b.data, "\"\"");
    hs__buf_release(&b);
}

/* Everything in here must parse to a safe FTS string or to HS_EQUERY. */
/* clang-format off */
static const char *const hostile[] = {
    "\"", "'", "*", "(", ")", "NEAR", "AND", "OR", "NOT", "-", ":", "tag:",
    "", "   ", "\t\n", "NEAR(a b)", "NEAR(\"a\" \"b\", 3)", "a AND b OR c",
    "a OR", "NOT a", "(a", "a)", "a*b", "**", "*foo", "foo**", "--foo",
    "- foo", "\"\"", "\"\"\"", "a\"b", "'; DROP TABLE postmortems; --",
    "title:foo", "col:umn", "a:b:c", ":foo", "foo:", "^title", "{a b}",
    "\"a\" + \"b\"", "http://x.y/z", "caf\xc3\xa9",
    "\xe6\x97\xa5\xe6\x9c\xac", "\xf0\x9f\x94\xa5 outage", "\xf0\x9f\x94\xa5",
    "\xff\xfe bad", "caf\xe9", "\xc3", "a\xed\xa0\x80z", "\xef\xbb\xbf" "dns",
    "-\"\"", "sev:", "since:", "until:2026-02-30", "severity:SEV9",
    "tag:\"\"", "owner:@", "\\", "a\\\"b", "%", "_", "\x01\x02",
};
/* clang-format on */

Test(query, hostile_input_is_quoted_or_refused) {
    for (size_t i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
        hs__query q;
        hs_error err = {0, ""};
        int rc = hs__query_parse(hostile[i], &q, &err);
        if (rc == 0) {
            cr_expect(q.fts.len == 0 || is_safe_fts(q.fts.data),
                      "input #%zu \"%s\": unsafe fts %s", i, hostile[i],
                      q.fts.data);
            cr_expect(q.fts.len || q.has_severity || q.tags.n || q.services.n ||
                          q.owners.n || *q.since || *q.until,
                      "input #%zu accepted with nothing to search", i);
        } else {
            cr_expect_eq(rc, HS_EQUERY, "input #%zu \"%s\": rc %d", i,
                         hostile[i], rc);
            cr_expect_neq(err.msg[0], '\0', "input #%zu: no message", i);
        }
        hs__query_release(&q);
    }
}

Test(query, empty_and_null) {
    hs__query q;
    hs_error err = {0, ""};
    parse_fails("", "empty");
    parse_fails("   ", "empty");
    parse_fails("\"\"", NULL);
    cr_expect_eq(hs__query_parse(NULL, &q, &err), HS_EQUERY);
    hs__query_release(&q);
}

Test(query, size_limit) {
    char *big = malloc(9001);
    hs__query q;
    cr_assert(big);
    memset(big, 'a', 9000);
    for (size_t i = 0; i < 9000; i += 10)
        big[i] = ' ';
    big[9000] = '\0';
    parse_fails(big, "bytes");
    /* just under the limit: accepted, safe, and capped in terms */
    big[HS_QUERY_MAX_BYTES] = '\0';
    parse_ok(big, &q);
    cr_expect(is_safe_fts(q.fts.data));
    cr_expect_leq(q.terms.n, HS_QUERY_MAX_TERMS);
    hs__query_release(&q);
    free(big);
}

/*
 * Over HS_QUERY_MAX_TERMS different words and phrases are refused: the
 * 65th and later were dropped without a word, so "64 words zzz" found the
 * postmortems with the 64 words whether or not they said zzz. A word
 * given again is the same phrase and does not count twice.
 */
Test(query, over_the_term_limit_is_refused) {
    hs__buf text = HS_BUF_INIT;
    hs__query q;
    for (int i = 0; i < HS_QUERY_MAX_TERMS; i++)
        hs__buf_printf(&text, "w%d ", i);
    hs__buf_puts(&text, "w0 \"w1\" w2");
    parse_ok(text.data, &q);
    cr_expect_eq(q.terms.n, HS_QUERY_MAX_TERMS);
    hs__query_release(&q);
    hs__buf_puts(&text, " zzz");
    parse_fails(text.data, "over 64");
    hs__buf_reset(&text);
    for (int i = 0; i <= HS_QUERY_MAX_TERMS; i++)
        hs__buf_printf(&text, "-w%d ", i);
    hs__buf_puts(&text, "outage");
    parse_fails(text.data, "over 64");
    hs__buf_release(&text);
}

Test(query, non_ascii_terms) {
    expect_fts("caf\xc3\xa9", "\"caf\xc3\xa9\"");
    /* emoji are separators */
    expect_fts("\xf0\x9f\x94\xa5 outage", "\"outage\"");
}

/*
 * A query that is not UTF-8 is refused, naming the byte: an invalid byte
 * was a separator, so 'po\xffol' searched "po ol" and a Latin-1 'caf\xe9'
 * searched "caf", while the index holds UTF-8 only (files in another
 * encoding are converted as they are read), so such a byte never matches.
 */
Test(query, not_utf8_is_refused) {
    parse_fails("\xff\xfe bad caf\xe9", "not UTF-8 (byte 0xFF at byte 1)");
    parse_fails("po\xffol", "not UTF-8 (byte 0xFF at byte 3)");
    parse_fails("caf\xe9", "not UTF-8 (byte 0xE9 at byte 4)");
    parse_fails("a\xed\xa0\x80z", "not UTF-8"); /* a lone surrogate */
    parse_fails("\xc3", "not UTF-8");
}

/* ---------------------------------------------------------------------
 * Filters
 */

Test(query, severity_filters) {
    hs__query q;
    parse_ok("severity:SEV1", &q);
    cr_expect_eq(q.has_severity, 1);
    cr_expect_eq(q.severities[1], 1);
    cr_expect_eq(q.severities[2] + q.severities[3] + q.severities[4], 0);
    cr_expect_str_eq(q.fts.data, "");
    hs__query_release(&q);

    parse_ok("sev:1", &q);
    cr_expect_eq(q.severities[1], 1);
    cr_expect_eq(q.severities[2], 0);
    hs__query_release(&q);

    parse_ok("sev:1,2 outage", &q);
    cr_expect_eq(q.severities[1], 1);
    cr_expect_eq(q.severities[2], 1);
    cr_expect_eq(q.severities[3] + q.severities[4], 0);
    cr_expect_str_eq(q.fts.data, "\"outage\"");
    hs__query_release(&q);

    parse_ok("Severity:critical", &q);
    cr_expect_eq(q.severities[1], 1);
    hs__query_release(&q);

    parse_fails("sev:9", "9");
    parse_fails("severity:purple", "purple");
}

Test(query, label_filters) {
    hs__query q;
    parse_ok("tag:dns service:auth-service owner:@sam timeout", &q);
    cr_assert_eq(q.tags.n, 1);
    cr_expect_str_eq(q.tags.v[0], "dns");
    cr_assert_eq(q.services.n, 1);
    cr_expect_str_eq(q.services.v[0], "auth-service");
    cr_assert_eq(q.owners.n, 1);
    cr_expect_str_eq(q.owners.v[0], "sam", "the @ is not part of the name");
    cr_expect_str_eq(q.fts.data, "\"timeout\"");
    hs__query_release(&q);

    parse_ok("tag:\"two words\"", &q);
    cr_assert_eq(q.tags.n, 1);
    cr_expect_str_eq(q.tags.v[0], "two words");
    hs__query_release(&q);
}

Test(query, date_filters) {
    hs__query q;
    parse_ok("since:2024-01-01 until:2025-12-31", &q);
    cr_expect_str_eq(q.since, "2024-01-01");
    cr_expect_str_eq(q.until, "2025-12-31");
    hs__query_release(&q);

    parse_ok("since:\"March 3, 2026\"", &q);
    cr_expect_str_eq(q.since, "2026-03-03");
    cr_expect_str_eq(q.until, "");
    hs__query_release(&q);

    /* given twice, both hold: the later since, the earlier until (the
     * last one given was taken, whichever it was) */
    parse_ok("since:2026-01-01 since:2025-01-01 until:2025-06-30 "
             "until:2026-06-30",
             &q);
    cr_expect_str_eq(q.since, "2026-01-01");
    cr_expect_str_eq(q.until, "2025-06-30");
    hs__query_release(&q);
    parse_ok("since:2025-01-01 since:2026-01-01 until:2026-06-30 "
             "until:2025-06-30",
             &q);
    cr_expect_str_eq(q.since, "2026-01-01");
    cr_expect_str_eq(q.until, "2025-06-30");
    hs__query_release(&q);

    parse_fails("since:notadate", "notadate");
    parse_fails("until:2026-02-30", "until");
}

Test(query, unknown_and_empty_filters) {
    parse_fails("foo:bar", "foo");
    parse_fails("dns title:outage", "title");
    parse_fails("tag:", "tag");
    parse_fails("owner: sam", "owner");
    /* "-sev:1" was the filter sev:1, the opposite of what it asks */
    parse_fails("pool -sev:1", "'-sev:' is not supported");
    parse_fails("-tag:dns outage", "'-tag:'");
    parse_fails("-since:2026-01-01", "'-since:'");
    parse_fails("-Owner:sam x", "'-Owner:'");
}

/* ---------------------------------------------------------------------
 * End to end: hs_search over an index of corpus/
 */

typedef struct corpus_index {
    char dir[64];
    char db[96];
    hs_store *store;
} corpus_index;

static void index_open(corpus_index *ci) {
    const char *paths[] = {"corpus"};
    hs_index_stats stats = {0};
    hs_error err = {0, ""};
    int rc;
    snprintf(ci->dir, sizeof(ci->dir), "/tmp/hs-test-query-XXXXXX");
    cr_assert_not_null(mkdtemp(ci->dir), "mkdtemp failed");
    snprintf(ci->db, sizeof(ci->db), "%s/index.db", ci->dir);
    rc = hs_store_open(ci->db, 0, &ci->store, &err);
    cr_assert_eq(rc, 0, "hs_store_open: %s", err.msg);
    rc = hs_index_run(ci->store, paths, 1, NULL, &stats, &err);
    cr_assert_eq(rc, 0, "hs_index_run: %s", err.msg);
    cr_assert_geq(stats.added, 10, "corpus/ should hold many postmortems");
    cr_assert_eq(stats.failed, 0);
}

static void index_close(corpus_index *ci) {
    static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
    char path[128];
    hs_store_close(ci->store);
    for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
        snprintf(path, sizeof(path), "%s%s", ci->db, suffixes[i]);
        unlink(path);
    }
    rmdir(ci->dir);
}

/* Does `text` contain the lower-case ASCII `word`, ignoring case? */
static int contains_word_ci(const char *text, const char *word) {
    size_t n = strlen(word);
    for (const char *p = text; *p; p++) {
        size_t i = 0;
        while (i < n && p[i] && (p[i] | 0x20) == word[i])
            i++;
        if (i == n)
            return 1;
    }
    return 0;
}

/* Search, expecting success; the caller frees the results. */
static hs_results *search_ok(hs_store *s, const char *query) {
    hs_results *r = NULL;
    hs_error err = {0, ""};
    int rc = hs_search(s, query, NULL, &r, &err);
    cr_assert_eq(rc, 0, "hs_search(\"%s\") = %d: %s", query, rc, err.msg);
    cr_assert_not_null(r);
    return r;
}

static void expect_sane_hits(const hs_results *r, const char *query) {
    cr_expect_geq(r->total, r->n, "%s: total below hits", query);
    for (size_t i = 0; i < r->n; i++) {
        const hs_hit *h = &r->hits[i];
        cr_expect(h->id && *h->id, "%s: hit %zu has no id", query, i);
        cr_expect(h->severity >= 0 && h->severity <= 4, "%s: %s severity %d",
                  query, h->id, h->severity);
        cr_expect(!*h->date || hs__date_days(h->date) != INT32_MIN,
                  "%s: %s date '%s'", query, h->id, h->date);
        cr_expect(isfinite(h->score), "%s: %s score", query, h->id);
        cr_expect(h->snippet != NULL, "%s: %s has no snippet", query, h->id);
    }
}

Test(search, hostile_input_never_reaches_fts5_as_syntax) {
    corpus_index ci;
    index_open(&ci);
    for (size_t i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
        hs_results *r = NULL;
        hs_error err = {0, ""};
        int rc = hs_search(ci.store, hostile[i], NULL, &r, &err);
        cr_expect(rc == 0 || rc == HS_EQUERY,
                  "input #%zu \"%s\": rc %d (%s): %s", i, hostile[i], rc,
                  hs_errname(rc), err.msg);
        if (rc == 0)
            cr_expect_not_null(r, "input #%zu: no results object", i);
        else
            cr_expect_null(r, "input #%zu: results on error", i);
        hs_results_free(r);
    }
    {
        char *big = malloc(9001);
        hs_results *r = NULL;
        cr_assert_not_null(big);
        memset(big, 'x', 9000);
        big[9000] = '\0';
        cr_expect_eq(hs_search(ci.store, big, NULL, &r, NULL), HS_EQUERY);
        cr_expect_null(r);
        free(big);
    }
    index_close(&ci);
}

Test(search, connection_pool_finds_the_pool_incidents) {
    corpus_index ci;
    hs_results *r;
    index_open(&ci);
    r = search_ok(ci.store, "connection pool");
    cr_expect_geq(r->n, 3, "only %zu hits", r->n);
    expect_sane_hits(r, "connection pool");
    for (size_t i = 1; i < r->n; i++)
        cr_expect_geq(r->hits[i - 1].score, r->hits[i].score,
                      "hits must be best first");
    cr_expect(r->n && strstr(r->hits[0].id, "pool") != NULL,
              "best hit %s is not a pool incident",
              r->n ? r->hits[0].id : "(none)");
    hs_results_free(r);
    index_close(&ci);
}

Test(search, filters_narrow_results) {
    corpus_index ci;
    hs_results *all, *sev1, *recent;
    index_open(&ci);
    all = search_ok(ci.store, "connection pool");
    sev1 = search_ok(ci.store, "connection pool sev:1");
    recent = search_ok(ci.store, "connection pool since:2025-01-01");
    cr_expect_gt(sev1->n, 0);
    cr_expect_lt(sev1->total, all->total);
    for (size_t i = 0; i < sev1->n; i++)
        cr_expect_eq(sev1->hits[i].severity, 1, "%s is not SEV1",
                     sev1->hits[i].id);
    cr_expect_lt(recent->total, all->total);
    for (size_t i = 0; i < recent->n; i++)
        cr_expect(strcmp(recent->hits[i].date, "2025-01-01") >= 0,
                  "%s dated %s", recent->hits[i].id, recent->hits[i].date);
    expect_sane_hits(sev1, "sev1");
    expect_sane_hits(recent, "recent");
    hs_results_free(all);
    hs_results_free(sev1);
    hs_results_free(recent);
    index_close(&ci);
}

/*
 * Scores and totals as FTS5's own bm25() and count(*) give them: search
 * ranks with its own copy of bm25 (rank.c), which also counts the total,
 * reads row lengths by walking fts_docsize and skips the IDF of filter
 * phrases. Every hit of a full page and a page of 2 (counted total).
 */
static void expect_fts5_answer(hs_store *s, const char *query) {
    hs__query q;
    hs__buf match = HS_BUF_INIT, filters = HS_BUF_INIT, sql = HS_BUF_INIT;
    hs_strlist binds = {0};
    hs_search_opts o = {0};
    hs_results *r = NULL, *r2 = NULL;
    hs_error err = {0, ""};
    sqlite3_stmt *st;
    size_t i = 0;
    cr_assert_eq(hs__query_parse(query, &q, &err), 0, "%s", err.msg);
    hs__buf_printf(&match, "(%s)", q.fts.data);
    cr_assert_eq(hs__filters_sql(s, &q, &match, &filters, &binds, &err), 0);
    cr_assert_eq(filters.len, 0, "%s: a filter outside the MATCH", query);
    o.limit = 100;
    cr_assert_eq(hs_search(s, query, &o, &r, &err), 0, "%s", err.msg);
    o.limit = 2;
    cr_assert_eq(hs_search(s, query, &o, &r2, &err), 0, "%s", err.msg);
    cr_expect_gt(r->n, 2, "%s: too few hits to compare", query);
    /* the page of 2 was counted by ranking, not by another pass */
    cr_expect_eq(hs__rank_count(s->rank), (sqlite3_int64)r2->total,
                 "%s: rows ranked", query);
    hs__buf_printf(&sql,
                   "SELECT -bm25(fts, %s), (SELECT count(*) FROM fts "
                   "WHERE fts MATCH ?1), (SELECT id FROM postmortems p "
                   "WHERE p.rowid = fts.rowid) FROM fts WHERE fts MATCH ?1 "
                   "AND rank MATCH 'bm25(%s)' ORDER BY rank LIMIT 100",
                   hs__bm25_weights, hs__bm25_weights);
    cr_assert_eq(sqlite3_prepare_v2(s->db, sql.data, -1, &st, NULL), SQLITE_OK,
                 "%s", sqlite3_errmsg(s->db));
    sqlite3_bind_text(st, 1, match.data, -1, SQLITE_STATIC);
    for (; sqlite3_step(st) == SQLITE_ROW; i++) {
        double want = sqlite3_column_double(st, 0);
        size_t total = (size_t)sqlite3_column_int64(st, 1);
        cr_assert_lt(i, r->n, "%s: fewer hits than FTS5 has", query);
        cr_expect(r->hits[i].score == want,
                  "%s: hit %zu scores %.17g, not %.17g", query, i,
                  r->hits[i].score, want);
        cr_expect_str_eq(r->hits[i].id,
                         (const char *)sqlite3_column_text(st, 2),
                         "%s: hit %zu is not FTS5's", query, i);
        cr_expect_eq(r->total, total, "%s: total", query);
        cr_expect_eq(r2->total, total, "%s: counted total", query);
    }
    cr_expect_eq(i, r->n, "%s: more hits than FTS5 has", query);
    for (i = 0; i < r2->n; i++)
        cr_expect(r2->hits[i].score == r->hits[i].score, "%s: page of 2",
                  query);
    sqlite3_finalize(st);
    hs_results_free(r);
    hs_results_free(r2);
    hs__buf_release(&match);
    hs__buf_release(&filters);
    hs__buf_release(&sql);
    hs_strlist_release(&binds);
    hs__query_release(&q);
}

Test(search, scores_and_totals_are_fts5s) {
    static const char *const queries[] = {
        "incident",       "connection pool", "database",
        "\"root cause\"", "sev:1 incident",  "since:2024-06-01 incident",
        "deploy*"};
    corpus_index ci;
    hs_store *ro = NULL;
    hs_error err = {0, ""};
    index_open(&ci);
    for (size_t i = 0; i < sizeof(queries) / sizeof(queries[0]); i++)
        expect_fts5_answer(ci.store, queries[i]);
    /* a read-only store keeps each phrase's row count across questions:
     * questions that share words, each still scored as bm25() scores it */
    cr_assert_eq(hs_store_open(ci.db, HS_STORE_READONLY, &ro, &err), 0, "%s",
                 err.msg);
    for (size_t i = 0; i < sizeof(queries) / sizeof(queries[0]); i++)
        expect_fts5_answer(ro, queries[i]);
    expect_fts5_answer(ro, "pool incident");
    expect_fts5_answer(ro, "incident pool");
    expect_fts5_answer(ro, "database \"root cause\" incident");
    hs_store_close(ro);
    index_close(&ci);
}

typedef struct ranked {
    double rank[4096];
    sqlite3_int64 rowid[4096];
    size_t n;
} ranked;

static void keep_ranked(void *ctx, double rank, sqlite3_int64 rowid) {
    ranked *r = ctx;
    if (r->n < 4096) {
        r->rank[r->n] = rank;
        r->rowid[r->n] = rowid;
    }
    r->n++;
}

/* hs__rank_postings's answer for `query` on store `s` (1 or 0), and in
 * `got` every match it gave; in `want`, hs_bm25's scan of the same MATCH. */
static int postings_and_scan(hs_store *s, const char *query, ranked *got,
                             ranked *want) {
    hs__query q;
    hs__buf match = HS_BUF_INIT, filters = HS_BUF_INIT, sql = HS_BUF_INIT;
    hs_strlist binds = {0};
    hs_error err = {0, ""};
    sqlite3_stmt *st;
    int rc;
    memset(got, 0, sizeof(*got));
    memset(want, 0, sizeof(*want));
    cr_assert_eq(hs__query_parse(query, &q, &err), 0, "%s", err.msg);
    hs__buf_printf(&match, "(%s)", q.fts.data);
    cr_assert_eq(hs__filters_sql(s, &q, &match, &filters, &binds, &err), 0);
    cr_assert_eq(hs__store_exec(s, "BEGIN", &err), 0, "%s", err.msg);
    hs__rank_reset(s->rank, q.fts.data, s);
    rc = hs__rank_postings(s->rank, s, match.data, hs__bm25_weights,
                           keep_ranked, got);
    cr_expect(rc != 1 || hs__rank_count(s->rank) == (sqlite3_int64)got->n,
              "%s: rows counted", query);
    hs__buf_printf(&sql,
                   "SELECT hs_bm25(fts, %s), fts.rowid FROM fts "
                   "WHERE fts MATCH ?",
                   hs__bm25_weights);
    cr_assert_eq(sqlite3_prepare_v2(s->db, sql.data, -1, &st, NULL), SQLITE_OK,
                 "%s", sqlite3_errmsg(s->db));
    sqlite3_bind_text(st, 1, match.data, -1, SQLITE_STATIC);
    while (sqlite3_step(st) == SQLITE_ROW)
        keep_ranked(want, sqlite3_column_double(st, 0),
                    sqlite3_column_int64(st, 1));
    sqlite3_finalize(st);
    hs__rank_done(s->rank);
    cr_assert_eq(hs__store_exec(s, "COMMIT", &err), 0, "%s", err.msg);
    hs__buf_release(&match);
    hs__buf_release(&filters);
    hs__buf_release(&sql);
    hs_strlist_release(&binds);
    hs__query_release(&q);
    return rc;
}

/* A read-only store of ci's index, as serve's workers open it. */
static hs_store *open_ranking_reader(corpus_index *ci) {
    hs_store *ro = NULL;
    hs_error err = {0, ""};
    cr_assert_eq(hs_store_open(ci->db, HS_STORE_READONLY, &ro, &err), 0, "%s",
                 err.msg);
    cr_assert_eq(hs__similar_setup(ro, &err), 0, "%s", err.msg);
    return ro;
}

/*
 * A read-only store ranks a MATCH of plain phrases from the phrases'
 * postings, kept in memory once read: every match, in rowid order, with
 * hs_bm25's rank to the bit, whether the lists were just read or kept
 * (the third round). A MATCH of several phrases is ranked so once the
 * store was asked each of them before, in any question (until then with
 * hs_bm25). Other MATCHes, and a store that can write, rank with hs_bm25.
 */
Test(search, postings_rank_as_hs_bm25) {
    static const struct {
        const char *query;
        int is_at_once; /* from postings in round 0: one phrase, or each
                           asked in a question above */
    } plain[] = {{"incident", 1},
                 {"connection pool", 0},
                 {"\"root cause\" database", 0},
                 {"deploy*", 1},
                 {"pool pool", 1},
                 {"incident database pool", 1},
                 {"zzqxnotaword", 1},
                 {"database zzqxnotaword", 1},
                 {"\"connection pool\" incident", 0},
                 {"\"root cause\"", 1}};
    static const char *const other[] = {"pool -database", "sev:1 incident"};
    corpus_index ci;
    hs_store *ro = NULL;
    hs_error err = {0, ""};
    ranked *got = malloc(sizeof(*got)), *want = malloc(sizeof(*want));
    cr_assert(got && want);
    index_open(&ci);
    ro = open_ranking_reader(&ci);
    for (int round = 0; round < 3; round++)
        for (size_t i = 0; i < sizeof(plain) / sizeof(plain[0]); i++) {
            const char *query = plain[i].query;
            int is_postings = round > 0 || plain[i].is_at_once;
            cr_expect_eq(postings_and_scan(ro, query, got, want), is_postings,
                         "%s, round %d: %s from postings", query, round,
                         is_postings ? "not ranked" : "ranked");
            if (!is_postings)
                continue;
            cr_expect_eq(got->n, want->n, "%s: matches", query);
            cr_assert_lt(got->n, 4096);
            for (size_t k = 0; k < got->n && k < want->n; k++) {
                cr_expect_eq(got->rowid[k], want->rowid[k], "%s: row %zu",
                             query, k);
                cr_expect(got->rank[k] == want->rank[k],
                          "%s: row %zu ranks %.17g, not %.17g", query, k,
                          got->rank[k], want->rank[k]);
            }
        }
    for (size_t i = 0; i < sizeof(other) / sizeof(other[0]); i++)
        cr_expect_eq(postings_and_scan(ro, other[i], got, want), 0,
                     "%s: ranked from postings", other[i]);
    cr_assert_eq(hs__similar_setup(ci.store, &err), 0, "%s", err.msg);
    cr_expect_eq(postings_and_scan(ci.store, "incident", got, want), 0,
                 "a store that writes keeps no postings");
    hs_store_close(ro);
    index_close(&ci);
    free(got);
    free(want);
}

/*
 * The length table of the postings has a slot per rowid up to the largest:
 * past what the postings' budget holds (an index whose rowids grew through
 * many re-index runs), the lists are not kept and FTS5 ranks, with the
 * same answers, instead of a table of hundreds of megabytes per worker.
 */
Test(search, sparse_rowids_keep_no_postings) {
    corpus_index ci;
    hs_store *ro = NULL;
    hs_error err = {0, ""};
    ranked *got = malloc(sizeof(*got)), *want = malloc(sizeof(*want));
    cr_assert(got && want);
    index_open(&ci);
    cr_assert_eq(hs__store_exec(ci.store,
                                "INSERT INTO fts(rowid, title, body) "
                                "VALUES (40000000, 'incident', 'incident')",
                                &err),
                 0, "%s", err.msg);
    ro = open_ranking_reader(&ci);
    cr_expect_eq(postings_and_scan(ro, "incident", got, want), 0,
                 "ranked from postings over 40 million slots");
    cr_expect_gt(want->n, 1);
    hs_store_close(ro);
    index_close(&ci);
    free(got);
    free(want);
}

/* Each statement a connection runs, its SQL text a line of `ctx`. */
static int log_statement(unsigned type, void *ctx, void *stmt, void *sql) {
    (void)type;
    (void)sql;
    hs__buf_puts(ctx, sqlite3_sql(stmt));
    hs__buf_putc(ctx, '\n');
    return 0;
}

/* Is `needle` in the statements logged since `log` was `from` long? */
static int logged(const hs__buf *log, size_t from, const char *needle) {
    return log->len > from && strstr(log->data + from, needle) != NULL;
}

/* A search on `s`, its answer checked and freed. */
static void search_some(hs_store *s, const char *query) {
    hs_results *r = search_ok(s, query);
    cr_expect_gt(r->n, 0, "%s: no hits", query);
    hs_results_free(r);
}

/*
 * A store asked one question (a CLI search) reads what it needs: a rare
 * word's few row lengths are sought, not read for every row (the pass
 * over fts_docsize was two thirds of a one-shot search at 10k
 * postmortems), and a question of several phrases it was not asked
 * before is ranked by FTS5, without reading each phrase's whole list.
 * A store asked on (serve) reads every length once seeking them would
 * cost more, and the lists of phrases it was asked before.
 */
Test(search, one_question_reads_only_what_it_needs) {
    static const char *const lengths = "SELECT id, sz FROM fts_docsize";
    static const char *const lists = "SELECT hs_postings(";
    corpus_index ci;
    hs__buf log = HS_BUF_INIT;
    hs_store *ro;
    size_t from;
    index_open(&ci);
    ro = open_ranking_reader(&ci);
    sqlite3_trace_v2(ro->db, SQLITE_TRACE_STMT, log_statement, &log);
    search_some(ro, "nxdomain"); /* 2 of 44 postmortems */
    cr_expect(logged(&log, 0, lists), "one word: not ranked from its list");
    cr_expect(!logged(&log, 0, lengths), "a rare word read every length");
    from = log.len;
    search_some(ro, "clock skew");
    cr_expect(!logged(&log, from, lists), "new phrases: each list read");
    from = log.len;
    search_some(ro, "skew clock"); /* another question, same words */
    cr_expect(logged(&log, from, lists),
              "phrases asked before: not ranked from their lists");
    cr_expect(!logged(&log, 0, lengths), "rare words read every length");
    search_some(ro, "incident"); /* 40 of 44 */
    cr_expect(logged(&log, 0, lengths), "a common word sought every length");
    sqlite3_trace_v2(ro->db, 0, NULL, NULL);
    hs__buf_release(&log);
    hs_store_close(ro);
    index_close(&ci);
}

Test(search, filter_only_is_newest_first) {
    corpus_index ci;
    hs_results *r;
    index_open(&ci);
    r = search_ok(ci.store, "sev:1");
    cr_expect_gt(r->n, 0);
    for (size_t i = 0; i < r->n; i++)
        cr_expect_eq(r->hits[i].severity, 1);
    for (size_t i = 1; i < r->n; i++)
        cr_expect_geq(strcmp(r->hits[i - 1].date, r->hits[i].date), 0,
                      "%s before %s", r->hits[i - 1].date, r->hits[i].date);
    hs_results_free(r);
    index_close(&ci);
}

Test(search, exclusion_removes_documents) {
    corpus_index ci;
    hs_results *all, *r;
    index_open(&ci);
    all = search_ok(ci.store, "connection pool");
    r = search_ok(ci.store, "connection pool -pgbouncer");
    cr_expect_lt(r->total, all->total);
    for (size_t i = 0; i < r->n; i++) {
        hs_postmortem *pm = NULL;
        hs_error err = {0, ""};
        cr_assert_not_null(r->hits[i].path);
        cr_assert_eq(hs_postmortem_load(r->hits[i].path, "x", &pm, &err), 0,
                     "%s: %s", r->hits[i].path, err.msg);
        cr_expect(!contains_word_ci(pm->body, "pgbouncer"),
                  "%s mentions pgbouncer", r->hits[i].path);
        hs_postmortem_free(pm);
    }
    hs_results_free(all);
    hs_results_free(r);
    index_close(&ci);
}

Test(search, an_excluded_prefix_removes_its_words) {
    corpus_index ci;
    hs_results *r;
    index_open(&ci);
    r = search_ok(ci.store, "connection -conn*");
    cr_expect_eq(r->total, 0, "'connection -conn*' found %zu", r->total);
    hs_results_free(r);
    index_close(&ci);
}

Test(search, prefix_matches_more_than_the_word) {
    corpus_index ci;
    hs_results *word, *prefix;
    index_open(&ci);
    word = search_ok(ci.store, "certificate");
    prefix = search_ok(ci.store, "certif*");
    cr_expect_gt(word->n, 0);
    cr_expect_geq(prefix->total, word->total);
    hs_results_free(word);
    hs_results_free(prefix);
    index_close(&ci);
}
