/*
 * libFuzzer target: search queries. The bytes, cut at the first NUL, are a
 * query. hs__query_parse must give 0 or HS_EQUERY, and on success an FTS5
 * string in which every word is a non-empty quoted string: outside quotes
 * only our own '(', ')', '*', ' ' and NOT. hs_search over a small index
 * (fuzz_index.h) must give 0 or HS_EQUERY, never HS_EDB: a query that
 * reaches SQLite as a syntax error is a bug. Any other outcome abort()s.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hindsight.h"
#include "query/query.h"

#include "fuzz_index.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    fuzz_index_build();
    return 0;
}

static void fail(const char *what, const char *query, const char *detail) {
    fprintf(stderr, "fuzz_query: %s\n  query: '%s'\n  detail: %s\n", what,
            query, detail ? detail : "");
    abort();
}

/* Is the FTS5 expression only quoted, non-empty strings and our syntax? */
static int fts_ok(const char *s) {
    while (*s) {
        if (*s == '"') {
            size_t n = 0;
            for (s++;; s++) {
                if (!*s)
                    return 0; /* unterminated */
                if (*s == '"') {
                    if (s[1] != '"')
                        break;
                    s++;
                }
                n++;
            }
            if (!n)
                return 0; /* an empty phrase */
            s++;
        } else if (*s == ' ' || *s == '(' || *s == ')' || *s == '*') {
            s++;
        } else if (!strncmp(s, "NOT ", 4)) {
            s += 4;
        } else {
            return 0;
        }
    }
    return 1;
}

static void check_parse(const char *query) {
    hs__query q;
    hs_error err = {0, ""};
    int rc = hs__query_parse(query, &q, &err);
    if (rc != 0 && rc != HS_EQUERY)
        fail("hs__query_parse: unexpected code", query, err.msg);
    if (rc != 0 && (err.code != rc || !err.msg[0]))
        fail("hs__query_parse: error without a message", query, err.msg);
    if (rc == 0 && !fts_ok(q.fts.data))
        fail("hs__query_parse: FTS5 string not fully quoted", query,
             q.fts.data);
    if (rc == 0 && q.terms.n > HS_QUERY_MAX_TERMS)
        fail("hs__query_parse: too many terms", query, NULL);
    hs__query_release(&q);
    if (hs_query_check(query, NULL) != rc)
        fail("hs_query_check disagrees with hs__query_parse", query, NULL);
}

static void check_search(const char *query, int is_html, int is_list) {
    hs_search_opts o = {0};
    hs_results *r = NULL;
    hs_error err = {0, ""};
    int rc;
    o.limit = 5;
    o.is_html = is_html;
    o.is_list = is_list;
    rc = hs_search(fuzz_store, query, &o, &r, &err);
    if (rc != 0 && rc != HS_EQUERY)
        fail("hs_search: neither 0 nor HS_EQUERY", query, err.msg);
    if (rc != 0 && r)
        fail("hs_search: results set on error", query, NULL);
    if (rc == 0) {
        char *json;
        if (!r || r->n > 5 || r->n > r->total)
            fail("hs_search: bad results", query, NULL);
        json = hs_results_to_json(r, 0, 0);
        if (!json)
            fail("hs_results_to_json: NULL", query, NULL);
        free(json);
    }
    hs_results_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *query = malloc(size + 1);
    if (!query)
        return 0;
    memcpy(query, data, size);
    query[size] = '\0';
    check_parse(query);
    /* the first byte picks snippet style and list mode, so both vary */
    check_search(query, size && (data[0] & 1), size && (data[0] & 2));
    free(query);
    return 0;
}
