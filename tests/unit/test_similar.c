/*
 * The similar-incidents pipeline: the symptom term pipeline (alert-name
 * splitting, label noise, synonyms), each webhook payload shape told apart
 * by shape, and the ranking on corpus/: the captured Alertmanager payload
 * must bring the database connection exhaustion postmortems first.
 */
#include "base/buf.h"
#include "base/util.h"
#include "helpers.h" /* slurp */
#include "hindsight.h"
#include "model/record.h"
#include "query/search.h"
#include "query/similar.h"
#include "query/terms.h"
#include "store/index.h"
#include "store/store.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int has_term(const hs__termset *ts, const char *w) {
    for (size_t i = 0; i < ts->n; i++)
        if (!strcmp(ts->v[i].text, w))
            return 1;
    return 0;
}

static const hs__term *term(const hs__termset *ts, const char *w) {
    for (size_t i = 0; i < ts->n; i++)
        if (!strcmp(ts->v[i].text, w))
            return &ts->v[i];
    return NULL;
}

Test(terms, splits_camel_and_snake_case) {
    hs__termset ts = {0};
    hs__terms_add_text(&ts,
                       "DatabaseConnectionPoolExhausted KubePodCrashLooping "
                       "db_pool_available HTTPServerDown",
                       1.0);
    const char *want[] = {"database", "connection", "pool",    "exhausted",
                          "kube",     "crash",      "looping", "available",
                          "http",     "server",     "down"};
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
        cr_expect(has_term(&ts, want[i]), "missing '%s'", want[i]);
    cr_expect(!has_term(&ts, "databaseconnectionpoolexhausted"));
    hs__termset_release(&ts);
}

/*
 * A word too long to be a term (a pasted blob) gives none: it was cut
 * every 127 bytes into terms, the last of any length, so a word of
 * 1,000,000 x's searched for "xx", and a cut could split a UTF-8
 * character ("é" is two bytes).
 */
Test(terms, an_overlong_word_is_no_term) {
    static const char *const pieces[] = {"x", "\xc3\xa9"};
    for (size_t k = 0; k < sizeof(pieces) / sizeof(pieces[0]); k++) {
        hs__termset ts = {0};
        hs__buf text = HS_BUF_INIT;
        hs__buf_puts(&text, "pool ");
        for (int i = 0; i < 100000; i++)
            hs__buf_puts(&text, pieces[k]);
        hs__buf_puts(&text, " leaked");
        hs__terms_add_text(&ts, text.data, 1.0);
        cr_expect(has_term(&ts, "pool") && has_term(&ts, "leaked"));
        for (size_t i = 0; i < ts.n; i++)
            cr_expect(!strncmp(ts.v[i].text, "pool", 4) ||
                          !strncmp(ts.v[i].text, "leak", 4),
                      "term '%.20s' (%zu bytes) from the long word",
                      ts.v[i].text, strlen(ts.v[i].text));
        hs__termset_release(&ts);
        hs__buf_release(&text);
    }
}

Test(terms, drops_label_noise) {
    hs__termset ts = {0};
    hs__terms_add_text(
        &ts,
        "payment-api-7f9c8d-x2bz9 10.0.3.7:8080 https://grafana.example/d/x "
        "3f2b9c1e-8a4d-4e6f-9b2a-1c3d5e7f9a0b 8786cc970a48db34 "
        "2026-11-24T01:10:54.722997818Z 01:10:54 timeout",
        1.0);
    cr_expect(has_term(&ts, "payment"));
    cr_expect(has_term(&ts, "timeout"));
    for (size_t i = 0; i < ts.n; i++) {
        const char *t = ts.v[i].text;
        cr_expect(!strstr(t, "7f9c") && !strstr(t, "x2bz") &&
                      !strstr(t, "8080") && !strstr(t, "grafana") &&
                      !strstr(t, "8786") && !strstr(t, "3f2b") &&
                      !strstr(t, "2026"),
                  "noise kept: '%s'", t);
    }
    cr_expect(hs__is_noise("10.0.3.7:8080", 13));
    cr_expect(hs__is_noise("8786cc970a48db34", 16));
    cr_expect(!hs__is_noise("timeout", 7));
    cr_expect(!hs__is_noise("503", 3));
    hs__termset_release(&ts);
}

/* issue 12 item 15: names with digits are terms, not pod-hash noise */
Test(terms, keeps_names_with_digits) {
    static const char *const names[] = {"x509",   "log4j",  "ipv6", "http2",
                                        "sha256", "base64", "2fa"};
    hs__termset ts = {0};
    hs__terms_add_text(&ts,
                       "x509 certificate expired, log4j RCE, ipv6 route, "
                       "http2 streams, sha256 mismatch, base64 padding, 2fa "
                       "codes on checkout-5d4f8b7c9-k2x9q",
                       1.0);
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        cr_expect(has_term(&ts, names[i]), "'%s' dropped", names[i]);
    for (size_t i = 0; i < ts.n; i++)
        cr_expect(!strstr(ts.v[i].text, "5d4f") &&
                      !strstr(ts.v[i].text, "k2x9"),
                  "noise kept: '%s'", ts.v[i].text);
    hs__termset_release(&ts);
}

Test(terms, expands_operations_synonyms) {
    static const struct {
        const char *in, *expansion;
    } cases[] = {
        {"db", "database"},     {"k8s", "kubernetes"},
        {"OOM", "memory"},      {"5xx", "503"},
        {"503", "unavailable"}, {"cert", "certificate"},
        {"pgbouncer", "pool"},  {"crashloopbackoff", "restart"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        hs__termset ts = {0};
        const hs__term *t;
        hs__terms_add_text(&ts, cases[i].in, 1.0);
        t = term(&ts, cases[i].expansion);
        cr_expect(t != NULL, "'%s' should bring '%s'", cases[i].in,
                  cases[i].expansion);
        if (t)
            cr_expect(t->from && t->weight < 1.0,
                      "an expansion weighs less than the written word");
        hs__termset_release(&ts);
    }
}

Test(terms, stop_words_and_weights) {
    hs__termset ts = {0};
    hs__terms_add_text(&ts, "the alert is firing for the database", 1.0);
    cr_expect(!has_term(&ts, "the") && !has_term(&ts, "alert") &&
              !has_term(&ts, "firing"));
    hs__terms_add_text(&ts, "database database database database", 1.0);
    cr_expect_leq(term(&ts, "database")->weight, 3.0,
                  "repeats add up to three times at most");
    hs__termset_release(&ts);
}

Test(terms, drops_responder_filler) {
    hs__termset ts = {0};
    hs__terms_add_text(&ts,
                       "seeing lots of users getting 502s, looks like the "
                       "cert still keeps failing",
                       1.0);
    cr_expect(!has_term(&ts, "seeing") && !has_term(&ts, "lots") &&
                  !has_term(&ts, "getting") && !has_term(&ts, "looks") &&
                  !has_term(&ts, "like") && !has_term(&ts, "still") &&
                  !has_term(&ts, "keeps"),
              "conversational filler is no evidence");
    cr_expect(has_term(&ts, "users") && has_term(&ts, "cert") &&
                  has_term(&ts, "failing"),
              "the words that say what failed stay");
    hs__termset_release(&ts);
}

Test(terms, drops_adverbs_keeps_schedules_and_scope) {
    hs__termset ts = {0};
    hs__terms_add_text(&ts,
                       "newly deployed nightly job fully down, exactly at "
                       "the swap; partially degraded, intermittently "
                       "failing, an anomaly in assembly",
                       1.0);
    cr_expect(!has_term(&ts, "newly") && !has_term(&ts, "fully") &&
                  !has_term(&ts, "exactly"),
              "a responder's adverbs are no evidence");
    cr_expect(has_term(&ts, "nightly") && has_term(&ts, "partially") &&
                  has_term(&ts, "intermittently") && has_term(&ts, "anomaly") &&
                  has_term(&ts, "assembly") && has_term(&ts, "deployed"),
              "schedules, scope, symptoms and nouns in -ly stay");
    hs__termset_release(&ts);
}

#define FIXTURE "../shared/fixtures/alertmanager-v4-firing.json"

Test(terms, weak_words) {
    cr_expect(hs__is_weak_word("The", 3));
    cr_expect(hs__is_weak_word("2026", 4));
    cr_expect(hs__is_weak_word("x", 1));
    cr_expect(!hs__is_weak_word("pool", 4));
    cr_expect(hs__is_weak_word("503", 3), "a status code is a number too");
    cr_expect(!hs__is_weak_word("k8s", 3));
    cr_expect(!hs__is_weak_word("a-very-long-word-beyond-the-buffer-size", 39));
    /* the stop words are looked up by hash: the first, the last, and
     * words one letter off */
    cr_expect(hs__is_weak_word("An", 2));
    cr_expect(hs__is_weak_word("too", 3));
    cr_expect(hs__is_weak_word("BEEN", 4));
    cr_expect(!hs__is_weak_word("bean", 4));
    cr_expect(!hs__is_weak_word("ands", 4));
}

Test(payloads, alertmanager_v4_capture) {
    size_t len;
    char *buf = slurp(FIXTURE, &len);
    hs_incident inc;
    hs_error err;
    if (!buf)
        cr_skip_test("%s is absent", FIXTURE);
    cr_assert_eq(hs_incident_from_json(buf, len, &inc, &err), 0, "%s", err.msg);
    cr_expect_str_eq(inc.source, "alertmanager");
    cr_expect_str_eq(inc.title, "DatabaseConnectionPoolExhausted");
    cr_expect_str_eq(inc.service, "payment-api");
    cr_expect_str_eq(inc.fingerprint, "8786cc970a48db34");
    cr_expect(!inc.is_resolved);
    cr_expect_geq(inc.symptoms.n, 3);
    for (size_t i = 0; i < inc.symptoms.n; i++)
        cr_expect(!strstr(inc.symptoms.v[i], "7f9c:8080"),
                  "the instance label is noise: '%s'", inc.symptoms.v[i]);
    hs_incident_release(&inc);
    free(buf);
}

/* From PagerDuty's V3 webhook documentation: an incident.triggered event. */
static const char pagerduty_v3[] =
    "{\"event\":{\"id\":\"01DEN1HNLBC1VITK192ETRNP5X\","
    "\"event_type\":\"incident.triggered\",\"resource_type\":\"incident\","
    "\"occurred_at\":\"2026-11-24T02:12:00.000Z\",\"agent\":null,"
    "\"data\":{\"id\":\"PGR0VU2\",\"type\":\"incident\","
    "\"title\":\"DNS resolution failing for internal services\","
    "\"service\":{\"id\":\"PF9KMXH\",\"summary\":\"edge-proxy\","
    "\"type\":\"service_reference\"},\"urgency\":\"high\","
    "\"status\":\"triggered\",\"priority\":{\"summary\":\"P1\"}}}}";

/* From Grafana's alerting webhook documentation (unified alerting). */
static const char grafana[] =
    "{\"receiver\":\"hindsight\",\"status\":\"firing\",\"orgId\":1,"
    "\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":"
    "\"CertificateExpiringSoon\",\"service\":\"partner-api\","
    "\"instance\":\"10.1.2.3:9100\"},\"annotations\":{\"summary\":\"TLS "
    "certificate expires in 2 days\"},\"startsAt\":\"2026-11-24T01:00:00Z\","
    "\"fingerprint\":\"c6eadffa33fcdf37\"},{\"status\":\"resolved\","
    "\"labels\":{\"alertname\":\"DiskFull\"},\"annotations\":{},"
    "\"fingerprint\":\"aa11\"}],\"title\":\"[FIRING:1] "
    "CertificateExpiringSoon\","
    "\"state\":\"alerting\",\"message\":\"TLS certificate expires\","
    "\"version\":\"1\"}";

Test(payloads, pagerduty_v3) {
    hs_incident inc;
    hs_error err;
    cr_assert_eq(
        hs_incident_from_json(pagerduty_v3, strlen(pagerduty_v3), &inc, &err),
        0, "%s", err.msg);
    cr_expect_str_eq(inc.source, "pagerduty");
    cr_expect_str_eq(inc.title, "DNS resolution failing for internal services");
    cr_expect_str_eq(inc.service, "edge-proxy");
    cr_expect_str_eq(inc.fingerprint, "PGR0VU2");
    hs_incident_release(&inc);
}

Test(payloads, grafana_split_per_alert) {
    hs_incident *v;
    size_t n;
    hs_error err;
    cr_assert_eq(hs_incidents_from_json(grafana, strlen(grafana), &v, &n, &err),
                 0, "%s", err.msg);
    cr_assert_eq(n, 2);
    cr_expect_str_eq(v[0].source, "grafana");
    cr_expect_str_eq(v[0].title, "CertificateExpiringSoon");
    cr_expect_str_eq(v[0].service, "partner-api");
    cr_expect(!v[0].is_resolved);
    cr_expect(v[1].is_resolved, "the second alert is resolved");
    for (size_t i = 0; i < n; i++)
        hs_incident_release(&v[i]);
    free(v);
}

Test(payloads, own_shape_and_errors) {
    static const char own[] = "{\"symptoms\":[\"db timeouts\",\"5xx\"],"
                              "\"service\":\"orders-api\",\"tags\":"
                              "[\"database\"],\"limit\":3}";
    static const char *const bad[] = {
        "", "{", "[1,2]", "42", "{\"x\":1}", "{\"symptoms\":7}",
        "{\"symptoms\":[],\"limit\":0}", "{\"alerts\":[]}", "{\"event\":{}}",
        /* values of another type were
         * dropped without a word */
        "{\"symptoms\":[\"db\",5]}", "{\"symptoms\":[\"db\",null]}",
        "{\"symptoms\":[\"db\"],\"title\":7}",
        "{\"symptoms\":[\"db\"],\"title\":[]}",
        "{\"title\":\"db\",\"service\":{}}", "{\"title\":\"db\",\"tags\":5}",
        "{\"title\":\"db\",\"tags\":[[]]}"};
    hs_incident inc;
    hs_error err;
    cr_assert_eq(hs_incident_from_json(own, strlen(own), &inc, &err), 0);
    cr_expect_eq(inc.symptoms.n, 2);
    cr_expect_eq(inc.limit, 3);
    cr_expect_str_eq(inc.service, "orders-api");
    hs_incident_release(&inc);
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        int rc = hs_incident_from_json(bad[i], strlen(bad[i]), &inc, &err);
        cr_expect(rc == HS_EINVAL || rc == HS_EFORMAT,
                  "'%s' must be refused, got %d", bad[i], rc);
        cr_expect(err.msg[0], "with a message");
        hs_incident_release(&inc);
    }
}

/*
 * JSON has one kind of number: a limit written 5.0 or 1e3 (JavaScript's
 * and Python's floats, jq's arithmetic) is 5 or 1000, and was refused as
 * "must be a number from 1 to 1000". A fraction or a value out of range
 * is still refused.
 */
Test(payloads, limit_is_a_whole_number_however_written) {
    static const struct {
        const char *limit;
        int want; /* 0: refused */
    } v[] = {{"5.0", 5},   {"1e3", 1000}, {"1E1", 10}, {"5", 5},
             {"5.5", 0},   {"1e4", 0},    {"0.0", 0},  {"-1.0", 0},
             {"\"5\"", 0}, {"1001", 0},   {"1e-3", 0}};
    for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
        char json[100];
        hs_incident inc;
        hs_error err = {0, ""};
        int rc;
        snprintf(json, sizeof(json), "{\"symptoms\":[\"db\"],\"limit\":%s}",
                 v[i].limit);
        rc = hs_incident_from_json(json, strlen(json), &inc, &err);
        if (v[i].want) {
            cr_expect_eq(rc, 0, "limit %s: %s", v[i].limit, err.msg);
            cr_expect_eq(inc.limit, v[i].want, "limit %s", v[i].limit);
        } else {
            cr_expect_eq(rc, HS_EINVAL, "limit %s must be refused", v[i].limit);
        }
        hs_incident_release(&inc);
    }
}

/*
 * Symptoms, a title, a service or a tag that is not UTF-8 (similar's
 * arguments from a Latin-1 terminal, GET /api/similar?q=%FF) are refused
 * naming the text: their invalid bytes became parts of terms, which the
 * JSON answer could not hold, so --json named fewer matched terms than
 * the text output.
 */
Test(ranking, text_not_utf8_is_refused) {
    static const char *const want[] = {
        "a symptom is not UTF-8 (byte 0xFF at byte 5)",
        "the title is not UTF-8 (byte 0xE9 at byte 1)",
        "the service is not UTF-8", "a tag is not UTF-8"};
    hs_store *s = NULL;
    hs_error err = {0, ""};
    char dir[] = "/tmp/hs-test-sim-utf8-XXXXXX", db[64];
    cr_assert_not_null(mkdtemp(dir));
    snprintf(db, sizeof(db), "%s/h.db", dir);
    cr_assert_eq(hs_store_open(db, 0, &s, &err), 0, "%s", err.msg);
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        hs_incident inc = {0};
        hs_results *r = (hs_results *)1;
        hs__strlist_push(&inc.symptoms, i == 0 ? "pool\xff exhausted" : "pool");
        if (i == 1)
            inc.title = hs__xstrdup("\xe9"
                                    "chec");
        if (i == 2)
            inc.service = hs__xstrdup("pay\xc3");
        if (i == 3)
            hs__strlist_push(&inc.tags, "db\xa0");
        cr_expect_eq(hs_similar(s, &inc, 5, &r, &err), HS_EINVAL, "case %zu",
                     i);
        cr_expect(strstr(err.msg, want[i]), "case %zu: %s", i, err.msg);
        cr_expect_null(r);
        hs_incident_release(&inc);
    }
    hs_store_close(s);
    unlink(db);
    rmdir(dir);
}

/* RFC 8259 lets a reader ignore a UTF-8 byte order mark, and PowerShell's
 * UTF8 encoding writes one; the body was refused as invalid JSON. A BOM
 * alone is still no JSON. */
Test(payloads, utf8_bom_is_skipped) {
    static const char with_bom[] = "\xEF\xBB\xBF{\"symptoms\":[\"pool\"]}";
    hs_incident inc;
    hs_error err;
    cr_assert_eq(hs_incident_from_json(with_bom, strlen(with_bom), &inc, &err),
                 0, "%s", err.msg);
    cr_expect_eq(inc.symptoms.n, 1);
    hs_incident_release(&inc);
    cr_expect_eq(hs_incident_from_json("\xEF\xBB\xBF", 3, &inc, &err),
                 HS_EINVAL);
    hs_incident_release(&inc);
}

/* The captured Alertmanager body against corpus/. */
Test(ranking, alertmanager_brings_connection_exhaustion_first) {
    char dir[] = "/tmp/hs-similar-XXXXXX", db[64];
    const char *paths[] = {"corpus"};
    hs_store *s;
    hs_index_stats st;
    hs_error err;
    hs_incident inc;
    hs_results *r;
    size_t len;
    char *buf = slurp(FIXTURE, &len);
    if (!buf)
        cr_skip_test("%s is absent", FIXTURE);
    cr_assert(mkdtemp(dir));
    snprintf(db, sizeof(db), "%s/x.db", dir);
    cr_assert_eq(hs_store_open(db, 0, &s, &err), 0, "%s", err.msg);
    cr_assert_eq(hs_index_run(s, paths, 1, NULL, &st, &err), 0, "%s", err.msg);
    cr_assert_eq(hs_incident_from_json(buf, len, &inc, &err), 0);
    cr_assert_eq(hs_similar(s, &inc, 3, &r, &err), 0, "%s", err.msg);
    cr_assert_geq(r->n, 2);
    for (size_t i = 0; i < 2; i++)
        cr_expect(strstr(r->hits[i].id, "pool-exhaust") != NULL,
                  "hit %zu is '%s', not a pool exhaustion postmortem", i,
                  r->hits[i].id);
    cr_expect_str_eq(r->hits[0].id,
                     "2026-11-19-payment-api-connection-pool-exhausted",
                     "the same service ranks first");
    cr_expect_gt(r->hits[0].matched_terms.n, 3);
    cr_expect_gt(r->hits[0].n_open_actions, 0);
    cr_expect(r->hits[0].score >= r->hits[1].score);
    hs_results_free(r);
    hs_incident_release(&inc);
    hs_store_close(s);
    free(buf);
    {
        char cmd[128];
        snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
        cr_expect_eq(system(cmd), 0);
    }
}

typedef struct stem_out {
    char buf[64];
} stem_out;

static int on_stem_tok(void *ctx, int flags, const char *tok, int n, int start,
                       int end) {
    stem_out *o = ctx;
    (void)flags;
    (void)start;
    (void)end;
    if (n > 0 && (size_t)n < sizeof(o->buf)) {
        memcpy(o->buf, tok, (size_t)n);
        o->buf[n] = 0;
    }
    return SQLITE_OK;
}

/*
 * The rescoring of large indexes (similar_row.c) reads a row and tokenizes
 * it itself: its hits, lengths and scores must be exactly what FTS5's
 * hs_sim() computes from xInst for every row of corpus/.
 */
Test(ranking, row_rescoring_equals_fts5_scores) {
    static const char *const words[] = {
        "database", "connections", "pool",     "timeout", "certificate",
        "expired",  "deploy",      "rollback", "dns",     "memory"};
    enum { N = sizeof(words) / sizeof(words[0]) };
    char dir[] = "/tmp/hs-rescore-XXXXXX", db[64];
    const char *paths[] = {"corpus"};
    hs__sim_term terms[N];
    hs__sim_reader rd;
    hs_store *s;
    hs_index_stats st;
    hs_error err;
    hs__buf sql = HS_BUF_INIT, match = HS_BUF_INIT;
    sqlite3_stmt *q;
    double qidf[N];
    int group[N];
    int rows = 0;
    cr_assert(mkdtemp(dir));
    snprintf(db, sizeof(db), "%s/x.db", dir);
    cr_assert_eq(hs_store_open(db, 0, &s, &err), 0, "%s", err.msg);
    cr_assert_eq(hs_index_run(s, paths, 1, NULL, &st, &err), 0, "%s", err.msg);
    cr_assert_eq(hs__similar_setup(s, &err), 0, "%s", err.msg);
    hs__buf_puts(&sql, "SELECT rowid, hs_sim(fts, '");
    for (size_t i = 0; i < N; i++)
        hs__buf_printf(&sql, "%s%d", i ? " " : "", i >= 7 ? 0 : -1);
    hs__buf_putc(&sql, '\'');
    for (size_t i = 0; i < N; i++) {
        stem_out o = {{0}};
        s->porter_api.xTokenize(s->porter, &o, FTS5_TOKENIZE_QUERY, words[i],
                                (int)strlen(words[i]), on_stem_tok);
        terms[i].text = (char *)words[i];
        terms[i].stem = hs__xstrdup(o.buf);
        terms[i].weight = 1.0 + (double)i / 10;
        terms[i].idf = 1.0 + (double)(N - i) / 7;
        terms[i].df = 1;
        /* the last three as one concept's phrasings */
        terms[i].group = group[i] = i >= 7 ? 0 : -1;
        terms[i].via = NULL;
        /* as the SQL text carries it */
        qidf[i] = round(terms[i].weight * terms[i].idf * 1e6) / 1e6;
        hs__buf_printf(&sql, ", %.6f", qidf[i]);
        hs__buf_printf(&match, "%s\"%s\"", i ? " OR " : "", words[i]);
    }
    hs__buf_puts(&sql, "), hs_sim_avgdl(fts) FROM fts WHERE fts MATCH ?1");
    cr_assert_eq(hs__sim_reader_init(&rd, s, terms, N, &err), 0);
    cr_assert_eq(sqlite3_prepare_v2(s->db, sql.data, -1, &q, NULL), SQLITE_OK,
                 "%s", sqlite3_errmsg(s->db));
    sqlite3_bind_text(q, 1, match.data, -1, SQLITE_STATIC);
    while (sqlite3_step(q) == SQLITE_ROW) {
        hs__sim_row row;
        sqlite3_int64 rowid = sqlite3_column_int64(q, 0);
        double want = sqlite3_column_double(q, 1);
        double avgdl = sqlite3_column_double(q, 2);
        cr_assert_eq(hs__sim_row_read(&rd, rowid, &row, &err), 0);
        cr_expect(row.matched != 0, "row %lld matched no term",
                  (long long)rowid);
        cr_expect_float_eq(
            hs__sim_score(qidf, group, N, row.tf, row.dl, avgdl), want, 1e-9,
            "row %lld: %.9f, FTS5 %.9f", (long long)rowid,
            hs__sim_score(qidf, group, N, row.tf, row.dl, avgdl), want);
        rows++;
    }
    sqlite3_finalize(q);
    /* hs_sim's blob handle on the row lengths, as rank_pass closes it: left
     * open, hs_store_close could not close the connection (LeakSanitizer) */
    hs__rank_done(s->rank);
    cr_expect_gt(rows, 30, "only %d rows matched", rows);
    hs__sim_reader_release(&rd);
    for (size_t i = 0; i < N; i++)
        free(terms[i].stem);
    hs__buf_release(&sql);
    hs__buf_release(&match);
    hs_store_close(s);
    {
        char cmd[128];
        snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
        cr_expect_eq(system(cmd), 0);
    }
}
static void write_pm(const char *path, const char *title) {
    FILE *f = fopen(path, "w");
    cr_assert(f, "%s", path);
    fprintf(f, "# %s\n\n## Summary\nThe %s happened.\n", title, title);
    fclose(f);
}

/*
 * similar reads the house style of each indexed folder on every call, so
 * the folders are found by seeking the path index, not by reading every
 * row: "a-b" sorts between "a" and "a/..." by byte, and each root is found
 * once.
 */
Test(ranking, index_roots_found_by_seeking_each_once) {
    char dir[] = "/tmp/hs-roots-XXXXXX", path[1024], db[128];
    const char *subs[] = {"a", "a-b", "c"};
    const char *paths[3];
    char resolved[3][256];
    hs_store *s;
    hs_index_stats st;
    hs_error err;
    hs_strlist roots = {0};
    cr_assert(mkdtemp(dir));
    for (size_t i = 0; i < 3; i++) {
        snprintf(resolved[i], sizeof(resolved[i]), "%s/%s", dir, subs[i]);
        cr_assert_eq(mkdir(resolved[i], 0700), 0);
        for (int k = 0; k < 3; k++) {
            snprintf(path, sizeof(path), "%s/2026-01-0%d-x.md", resolved[i],
                     k + 1);
            write_pm(path, subs[i]);
        }
        paths[i] = resolved[i];
    }
    snprintf(db, sizeof(db), "%s/x.db", dir);
    cr_assert_eq(hs_store_open(db, 0, &s, &err), 0, "%s", err.msg);
    cr_assert_eq(hs_index_run(s, paths, 3, NULL, &st, &err), 0, "%s", err.msg);
    cr_assert_eq(hs__index_roots(s, &roots, &err), 0, "%s", err.msg);
    cr_expect_eq(roots.n, 3);
    for (size_t i = 0; i < roots.n && i < 3; i++) {
        char *want = realpath(resolved[i], NULL);
        cr_expect_str_eq(roots.v[i], want);
        free(want);
    }
    hs_strlist_release(&roots);
    hs_store_close(s);
    snprintf(path, sizeof(path), "rm -rf %s", dir);
    cr_expect_eq(system(path), 0);
}

/* Does any statement the connection runs contain `ctx`'s needle? */
typedef struct sql_seen {
    const char *needle;
    int is_seen;
} sql_seen;

static int on_statement(unsigned type, void *ctx, void *stmt, void *sql) {
    sql_seen *w = ctx;
    (void)type;
    (void)sql;
    w->is_seen |= strstr(sqlite3_sql(stmt), w->needle) != NULL;
    return 0;
}

/*
 * serve's read-only store ranks similar incidents with the row lengths in
 * memory, read once seeking them one by one has cost as much (rank.c),
 * with the same answers, to the score, as a store that seeks every one.
 */
Test(ranking, read_only_store_reads_row_lengths_once) {
    static const char *const bodies[] = {
        "{\"symptoms\": [\"connection pool exhausted on payment-api\"]}",
        "{\"symptoms\": [\"certificate expired\", \"TLS handshake failed\"]}",
        "{\"symptoms\": [\"disk full\", \"database timeout\", \"rollback\"]}",
        "{\"symptoms\": [\"pods OOMKilled in a crash loop\"]}"};
    char dir[] = "/tmp/hs-similar-XXXXXX", db[64], cmd[128];
    const char *paths[] = {"corpus"};
    sql_seen seen = {"SELECT id, sz FROM fts_docsize", 0};
    hs_store *s, *ro;
    hs_index_stats st;
    hs_error err;
    cr_assert(mkdtemp(dir));
    snprintf(db, sizeof(db), "%s/x.db", dir);
    cr_assert_eq(hs_store_open(db, 0, &s, &err), 0, "%s", err.msg);
    cr_assert_eq(hs_index_run(s, paths, 1, NULL, &st, &err), 0, "%s", err.msg);
    cr_assert_eq(hs_store_open(db, HS_STORE_READONLY, &ro, &err), 0, "%s",
                 err.msg);
    sqlite3_trace_v2(ro->db, SQLITE_TRACE_STMT, on_statement, &seen);
    for (int round = 0; round < 2; round++)
        for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
            hs_incident inc;
            hs_results *a, *b;
            cr_assert_eq(
                hs_incident_from_json(bodies[i], strlen(bodies[i]), &inc, &err),
                0, "%s", err.msg);
            cr_assert_eq(hs_similar(s, &inc, 10, &a, &err), 0, "%s", err.msg);
            cr_assert_eq(hs_similar(ro, &inc, 10, &b, &err), 0, "%s", err.msg);
            cr_expect_gt(a->n, 0, "%s: no hits", bodies[i]);
            cr_expect_eq(a->n, b->n, "%s: hits", bodies[i]);
            for (size_t k = 0; k < a->n && k < b->n; k++) {
                cr_expect_str_eq(a->hits[k].id, b->hits[k].id, "%s: hit %zu",
                                 bodies[i], k);
                cr_expect(a->hits[k].score == b->hits[k].score,
                          "%s: hit %zu scores %.17g, not %.17g", bodies[i], k,
                          b->hits[k].score, a->hits[k].score);
            }
            hs_results_free(a);
            hs_results_free(b);
            hs_incident_release(&inc);
        }
    cr_expect(seen.is_seen, "the row lengths were never read in one pass");
    sqlite3_trace_v2(ro->db, 0, NULL, NULL);
    hs_store_close(ro);
    hs_store_close(s);
    snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
    cr_expect_eq(system(cmd), 0);
}

typedef struct sql_count {
    const char *needle;
    int n;
} sql_count;

static int on_count(unsigned type, void *ctx, void *stmt, void *sql) {
    sql_count *c = ctx;
    (void)type;
    (void)sql;
    c->n += strstr(sqlite3_sql(stmt), c->needle) != NULL;
    return 0;
}

static hs_results *ask(hs_store *s, const char *body) {
    hs_incident inc;
    hs_results *r = NULL;
    hs_error err;
    cr_assert_eq(hs_incident_from_json(body, strlen(body), &inc, &err), 0, "%s",
                 err.msg);
    cr_assert_eq(hs_similar(s, &inc, 10, &r, &err), 0, "%s", err.msg);
    hs_incident_release(&inc);
    return r;
}

/*
 * A word that the index's tokenizer folds to one letter ("é", "É", "e"
 * with combining accents) is no term, as "e" is not:
 * they matched the "e" of "i.e." in one corpus postmortem and ranked it.
 */
Test(ranking, words_folded_to_one_letter_are_no_terms) {
    char dir[] = "/tmp/hs-similar-XXXXXX", db[64];
    const char *paths[] = {"corpus"};
    static const char *const bodies[] = {
        "{\"symptoms\": [\"e\"]}",
        "{\"symptoms\": [\"\u00e9\"]}",
        "{\"symptoms\": [\"\u00c9\"]}",
        "{\"symptoms\": [\"e\u0301\u0301\u0301\"]}",
        "{\"symptoms\": [\"\u00e9 \u00c8 \u00ea \u00e8\"]}",
    };
    hs_store *s;
    hs_index_stats st;
    hs_error err;
    cr_assert(mkdtemp(dir));
    snprintf(db, sizeof(db), "%s/x.db", dir);
    cr_assert_eq(hs_store_open(db, 0, &s, &err), 0, "%s", err.msg);
    cr_assert_eq(hs_index_run(s, paths, 1, NULL, &st, &err), 0, "%s", err.msg);
    for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
        hs_results *r = ask(s, bodies[i]);
        cr_expect_eq(r->n, 0, "%s: %zu results, the first %s", bodies[i], r->n,
                     r->n ? r->hits[0].id : "");
        hs_results_free(r);
    }
    {
        /* a word of two letters is still one */
        hs_results *r = ask(s, "{\"symptoms\": [\"\u00e9c2 api\"]}");
        cr_expect_gt(r->n, 0, "'\u00e9c2 api' finds the EC2 incident");
        hs_results_free(r);
    }
    hs_store_close(s);
    {
        char cmd[128];
        snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
        cr_expect_eq(system(cmd), 0);
    }
}

static void expect_same(const hs_results *a, const hs_results *b,
                        const char *what) {
    cr_expect_eq(a->n, b->n, "%s: %zu hits, not %zu", what, b->n, a->n);
    for (size_t k = 0; k < a->n && k < b->n; k++) {
        cr_expect_str_eq(a->hits[k].id, b->hits[k].id, "%s: hit %zu", what, k);
        cr_expect(a->hits[k].score == b->hits[k].score,
                  "%s: hit %zu scores %.17g, not %.17g", what, k,
                  b->hits[k].score, a->hits[k].score);
    }
}

/*
 * A read-only store (serve's workers) looks a stem's document frequency up
 * in term_df once, until another connection commits: the same question
 * again reads no term_df row, and after a commit the counts are read again
 * and the answer is the writer's, score for score.
 */
Test(ranking, read_only_store_keeps_document_frequencies) {
    static const char body[] =
        "{\"symptoms\": [\"connection pool exhausted on payment-api\", "
        "\"certificate expired\", \"disk full\"]}";
    char dir[] = "/tmp/hs-similar-XXXXXX", db[64], extra[64], pm[96];
    char cmd[128];
    const char *paths[2] = {"corpus", extra};
    sql_count lookups = {"FROM term_df", 0};
    hs_store *s, *ro;
    hs_index_stats st;
    hs_error err;
    hs_results *a, *b;
    int n_first;
    cr_assert(mkdtemp(dir));
    snprintf(db, sizeof(db), "%s/x.db", dir);
    snprintf(extra, sizeof(extra), "%s/extra", dir);
    cr_assert_eq(mkdir(extra, 0755), 0);
    cr_assert_eq(hs_store_open(db, 0, &s, &err), 0, "%s", err.msg);
    cr_assert_eq(hs_index_run(s, paths, 1, NULL, &st, &err), 0, "%s", err.msg);
    cr_assert_eq(hs_store_open(db, HS_STORE_READONLY, &ro, &err), 0, "%s",
                 err.msg);
    sqlite3_trace_v2(ro->db, SQLITE_TRACE_STMT, on_count, &lookups);
    a = ask(ro, body);
    n_first = lookups.n;
    cr_expect_gt(n_first, 3, "%d term_df lookups", n_first);
    b = ask(ro, body);
    cr_expect_eq(lookups.n, n_first, "asked again: %d more term_df lookups",
                 lookups.n - n_first);
    expect_same(a, b, "asked again");
    hs_results_free(a);
    hs_results_free(b);
    /* another connection commits: postmortems that change the counts */
    for (int i = 0; i < 3; i++) {
        snprintf(pm, sizeof(pm), "%s/pool-%d.md", extra, i);
        write_pm(pm, "connection pool exhausted");
    }
    cr_assert_eq(hs_index_run(s, paths, 2, NULL, &st, &err), 0, "%s", err.msg);
    cr_assert_eq(st.added, 3);
    a = ask(s, body);
    b = ask(ro, body);
    cr_expect_gt(lookups.n, n_first, "after a commit: no term_df lookup");
    expect_same(a, b, "after a commit");
    hs_results_free(a);
    hs_results_free(b);
    sqlite3_trace_v2(ro->db, 0, NULL, NULL);
    hs_store_close(ro);
    hs_store_close(s);
    snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
    cr_expect_eq(system(cmd), 0);
}

/* The phrases of each snippet MATCH similar runs, in order. */
typedef struct detail_seen {
    int n_phrases[64];
    int n;
} detail_seen;

static int on_detail(unsigned type, void *ctx, void *stmt, void *sql) {
    detail_seen *d = ctx;
    char *x;
    (void)type;
    (void)sql;
    if (!strstr(sqlite3_sql(stmt), "hs_snippet(") || d->n >= 64)
        return 0;
    x = sqlite3_expanded_sql(stmt);
    d->n_phrases[d->n] = 1;
    for (const char *p = x; (p = strstr(p, "\" OR \"")) != NULL; p++)
        d->n_phrases[d->n]++;
    d->n++;
    sqlite3_free(x);
    return 0;
}

/*
 * A similar hit's snippet is taken with only the terms the row has in
 * the snippet's columns (summary, root cause): FTS5 then seeks no other
 * term's doclist, and each snippet is still the one a MATCH of every
 * matched term gives.
 */
Test(ranking, snippet_match_names_only_the_snippet_columns_terms) {
    static const char *const bodies[] = {
        "{\"title\": \"payment-api database connection pool exhausted\", "
        "\"symptoms\": [\"503 errors on checkout\", \"pgbouncer queue grew\", "
        "\"rollback of the deploy\", \"latency p99 over 2s\"]}",
        "{\"symptoms\": [\"pods OOMKilled in a crash loop\", \"kafka "
        "consumer lag\", \"memory limit raised\", \"batch size lowered\"]}"};
    char dir[] = "/tmp/hs-similar-XXXXXX", db[64], cmd[128];
    const char *paths[] = {"corpus"};
    hs_store *s;
    hs_index_stats st;
    hs_error err;
    sqlite3_stmt *q;
    int n_fewer = 0;
    cr_assert(mkdtemp(dir));
    snprintf(db, sizeof(db), "%s/x.db", dir);
    cr_assert_eq(hs_store_open(db, 0, &s, &err), 0, "%s", err.msg);
    cr_assert_eq(hs_index_run(s, paths, 1, NULL, &st, &err), 0, "%s", err.msg);
    cr_assert_eq(hs__similar_setup(s, &err), 0, "%s", err.msg);
    cr_assert_eq(
        sqlite3_prepare_v2(
            s->db,
            "SELECT hs_snippet(fts, 2, '" HS__MARK_OPEN "', '" HS__MARK_CLOSE
            "', '\xe2\x80\xa6', 24), hs_snippet(fts, 1, '" HS__MARK_OPEN
            "', '" HS__MARK_CLOSE "', '\xe2\x80\xa6', 24) FROM fts JOIN "
            "postmortems p ON p.rowid = fts.rowid WHERE fts MATCH ?1 AND "
            "p.id = ?2",
            -1, &q, NULL),
        SQLITE_OK, "%s", sqlite3_errmsg(s->db));
    for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
        detail_seen seen = {{0}, 0};
        hs_results *r;
        sqlite3_trace_v2(s->db, SQLITE_TRACE_STMT, on_detail, &seen);
        r = ask(s, bodies[i]);
        sqlite3_trace_v2(s->db, 0, NULL, NULL);
        cr_assert_gt(r->n, 3);
        cr_assert_eq((size_t)seen.n, r->n);
        for (size_t k = 0; k < r->n; k++) {
            const hs_hit *h = &r->hits[k];
            hs__buf match = HS_BUF_INIT;
            hs_search_opts html = {0};
            const char *v;
            char *want;
            /* every matched term: the word after '~' for an expansion */
            for (size_t t = 0; t < h->matched_terms.n; t++) {
                const char *w = h->matched_terms.v[t];
                const char *tilde = strstr(w, " ~ ");
                w = tilde ? tilde + 3 : w;
                if (t)
                    hs__buf_puts(&match, " OR ");
                hs__fts_quote(&match, w, strlen(w));
            }
            n_fewer += seen.n_phrases[k] < (int)h->matched_terms.n;
            sqlite3_reset(q);
            sqlite3_bind_text(q, 1, match.data, -1, SQLITE_STATIC);
            sqlite3_bind_text(q, 2, h->id, -1, SQLITE_STATIC);
            cr_assert_eq(sqlite3_step(q), SQLITE_ROW, "%s", h->id);
            v = (const char *)sqlite3_column_text(q, 0);
            if (!v || !*v)
                v = (const char *)sqlite3_column_text(q, 1);
            html.is_html = 1;
            want = hs__snippet_finish(v, &html);
            cr_expect_str_eq(h->snippet ? h->snippet : "", want ? want : "",
                             "%s: hit %zu (%s)", bodies[i], k, h->id);
            free(want);
            hs__buf_release(&match);
        }
        hs_results_free(r);
    }
    cr_expect_gt(n_fewer, 0, "every snippet MATCH named every matched term");
    sqlite3_finalize(q);
    hs_store_close(s);
    snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
    cr_expect_eq(system(cmd), 0);
}

/* The connection's statements, how many are on a row, and whether one of
 * them is similar's snippet query. */
static int statements(hs_store *s, int *n_busy, int *has_detail) {
    int n = 0;
    *n_busy = *has_detail = 0;
    for (sqlite3_stmt *st = sqlite3_next_stmt(s->db, NULL); st;
         st = sqlite3_next_stmt(s->db, st)) {
        n++;
        *n_busy += sqlite3_stmt_busy(st) != 0;
        *has_detail |= strstr(sqlite3_sql(st), "hs_snippet(") != NULL;
    }
    return n;
}

/*
 * similar prepares its statements once per connection (the store keeps
 * them, hs__store_stmt_sql), not once a question as it did, and leaves
 * none on a row: a statement left there would hold the read transaction
 * of serve's worker open.
 */
Test(ranking, statements_prepared_once_and_left_reset) {
    static const char body[] =
        "{\"title\": \"payment-api connection pool exhausted\", \"service\": "
        "\"payment-api\", \"tags\": [\"database\"], \"symptoms\": [\"503 "
        "errors\", \"pods OOMKilled\"]}";
    char dir[] = "/tmp/hs-similar-XXXXXX", db[64], cmd[128];
    const char *paths[] = {"corpus"};
    hs_store *s, *ro;
    hs_index_stats st;
    hs_error err;
    hs_results *r;
    int n_first, n, n_busy, has_detail;
    cr_assert(mkdtemp(dir));
    snprintf(db, sizeof(db), "%s/x.db", dir);
    cr_assert_eq(hs_store_open(db, 0, &s, &err), 0, "%s", err.msg);
    cr_assert_eq(hs_index_run(s, paths, 1, NULL, &st, &err), 0, "%s", err.msg);
    hs_store_close(s);
    cr_assert_eq(hs_store_open(db, HS_STORE_READONLY, &ro, &err), 0, "%s",
                 err.msg);
    r = ask(ro, body);
    cr_assert_gt(r->n, 0);
    hs_results_free(r);
    n_first = statements(ro, &n_busy, &has_detail);
    cr_expect(has_detail, "the snippet query was not kept");
    cr_expect_eq(n_busy, 0, "%d statements left on a row", n_busy);
    for (int i = 0; i < 3; i++) {
        r = ask(ro, body);
        hs_results_free(r);
    }
    n = statements(ro, &n_busy, &has_detail);
    cr_expect_eq(n, n_first, "%d statements after one question, %d after 4",
                 n_first, n);
    cr_expect_eq(n_busy, 0, "%d statements left on a row", n_busy);
    hs_store_close(ro);
    snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
    cr_expect_eq(system(cmd), 0);
}

/* The resolution similar gives for the postmortem `id` of r, or NULL. */
static const char *resolution_of(const hs_results *r, const char *id) {
    for (size_t i = 0; i < r->n; i++)
        if (!strcmp(r->hits[i].id, id))
            return r->hits[i].resolution;
    return NULL;
}

static void write_doc(const char *dir, const char *name, const char *text) {
    char path[128];
    FILE *f;
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    cr_assert(f = fopen(path, "w"));
    fputs(text, f);
    fclose(f);
}

/*
 * "How was it fixed last time?": the steps that brought service back, not
 * the detection, the talk, an attempt that did not help or the change
 * that caused it; in prose, the sentence that tells a step and its
 * effect, not the trigger ("failed over to its replica after the host
 * was retired") nor the follow-ups. Each of these gave the wrong text.
 */
Test(ranking, resolution_tells_the_steps_that_restored_service) {
    char dir[] = "/tmp/hs-fix-XXXXXX", docs[64], db[64];
    const char *paths[1];
    static const struct {
        const char *body, *id, *resolution;
    } want[] = {
        {"{\"symptoms\": [\"ledger disk full volume\"]}",
         "2026-01-05-ledger-disk",
         "04:14 Online resize of the volume from 2 TB to 3 TB; "
         "04:39 Recovery: ledger error rate back to 0.2%"},
        {"{\"symptoms\": [\"pricing cache stampede\"]}",
         "2026-02-07-pricing-stampede",
         "At 17:41 we enabled the pricing kill switch, returning a 503 for "
         "quotes not in cache instead of querying the database. That let the "
         "pricing database recover."},
        {"{\"symptoms\": [\"queue poison message crash\"]}",
         "2026-03-09-queue-poison",
         "Engineers found the subscription with unacknowledged messages and "
         "purged several queues, which stabilized the application."},
    };
    hs_store *s;
    hs_index_stats st;
    hs_error err;
    cr_assert(mkdtemp(dir));
    snprintf(docs, sizeof(docs), "%s/docs", dir);
    snprintf(db, sizeof(db), "%s/x.db", dir);
    cr_assert_eq(mkdir(docs, 0700), 0);
    write_doc(docs, "2026-01-05-ledger-disk.md",
              "# Ledger database disk full\n\n## Timeline\n\n"
              "- 03:21 Volume at 98%\n"
              "- 03:47 Detection: primary crashes and restarts into "
              "recovery, fails again; pages on-call\n"
              "- 03:55 Discussion about whether to restart the replicas\n"
              "- 04:02 Scaled the ledger pool to 40: errors briefly drop, "
              "then rise\n"
              "- 04:14 Online resize of the volume from 2 TB to 3 TB\n"
              "- 04:20 Deleted the stuck replica pods, will this help?\n"
              "- 04:25 Sev 2 ticket raised with the storage vendor\n"
              "- 04:39 Recovery: ledger error rate back to 0.2%\n"
              "- 05:10 Postmortem owner assigned\n");
    write_doc(docs, "2026-02-07-pricing-stampede.md",
              "# Pricing cache stampede\n\n"
              "At 17:20 the primary node of the pricing cache failed over to "
              "its replica after the host was retired for maintenance. The "
              "new primary came up empty and every pod missed the cache.\n\n"
              "At 17:41 we enabled the pricing kill switch, returning a 503 "
              "for quotes not in cache\ninstead of querying the database. "
              "That let the pricing database recover.\n\n"
              "## Action items\n\n"
              "- Restart the cache warmer after a failover, which restores "
              "the hit ratio (owner: Grace)\n");
    write_doc(docs, "2026-03-09-queue-poison.md",
              "# Queue poison message crash loop\n\n"
              "A poison message made the worker panic, resulting in a crash "
              "that terminated the application.\n\n"
              "Engineers found the subscription with unacknowledged messages "
              "and purged several queues, which stabilized the application.\n");
    paths[0] = docs;
    cr_assert_eq(hs_store_open(db, 0, &s, &err), 0, "%s", err.msg);
    cr_assert_eq(hs_index_run(s, paths, 1, NULL, &st, &err), 0, "%s", err.msg);

    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        hs_results *r = ask(s, want[i].body);
        const char *res = resolution_of(r, want[i].id);
        cr_expect_not_null(res, "%s: no resolution", want[i].id);
        if (res)
            cr_expect_str_eq(res, want[i].resolution, "%s", want[i].id);
        hs_results_free(r);
    }
    hs_store_close(s);
    {
        char cmd[128];
        snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
        cr_expect_eq(system(cmd), 0);
    }
}
