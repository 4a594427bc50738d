/*
 * libFuzzer target: the JSON bodies of POST /api/similar and /api/alerts
 * (our incident shape, Alertmanager v4, PagerDuty V3, Grafana). bytes ->
 * hs_incident_from_json and hs_incidents_from_json -> hs__terms_add_text on
 * every symptom, the title and the service, as similar.c does. With
 * HS_FUZZ_SIMILAR=1 in the environment, each incident also goes through
 * hs_similar over a small index (fuzz_index.h), which must give 0 or
 * HS_EQUERY (slower: about a tenth of the executions per second).
 *
 * Checks: error codes are HS_EINVAL or HS_EFORMAT with `out` emptied; every
 * incident has a source and some symptom or a title; terms are non-empty
 * lower-case strings with finite positive weights at most 3x their base.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hindsight.h"
#include "query/terms.h"

#include "fuzz_index.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int with_similar;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    const char *env = getenv("HS_FUZZ_SIMILAR");
    (void)argc;
    (void)argv;
    with_similar = env && *env == '1';
    if (with_similar)
        fuzz_index_build();
    return 0;
}

static void fail(const char *what, const char *detail) {
    fprintf(stderr, "fuzz_incident: %s %s\n", what, detail ? detail : "");
    abort();
}

static void check_terms(const hs__termset *ts) {
    for (size_t i = 0; i < ts->n; i++) {
        const hs__term *t = &ts->v[i];
        if (!t->text || !*t->text)
            fail("empty term", NULL);
        for (const char *p = t->text; *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                fail("term not lower-case:", t->text);
        if (!isfinite(t->weight) || t->weight <= 0 ||
            t->weight > 3.0 * t->base + 1e-9)
            fail("term weight out of range:", t->text);
        /* quadratic, so only for small sets: the fuzzer's time is better
         * spent elsewhere */
        for (size_t k = 0; ts->n <= 128 && k < i; k++)
            if (!strcmp(ts->v[k].text, t->text))
                fail("duplicate term:", t->text);
    }
}

static void run_terms(const hs_incident *inc) {
    hs__termset ts = {0};
    for (size_t i = 0; i < inc->symptoms.n; i++)
        hs__terms_add_text(&ts, inc->symptoms.v[i], 1.0);
    hs__terms_add_text(&ts, inc->title, 1.5);
    hs__terms_add_text(&ts, inc->service, 1.0);
    for (size_t i = 0; i < inc->tags.n; i++)
        hs__terms_add_text(&ts, inc->tags.v[i], 0.5);
    check_terms(&ts);
    hs__termset_release(&ts);
}

static void check_incident(const hs_incident *inc) {
    if (!inc->source)
        fail("incident without a source", NULL);
    if (!inc->symptoms.n && !inc->title)
        fail("incident without symptoms or title", inc->source);
    for (size_t i = 0; i < inc->symptoms.n; i++)
        if (!inc->symptoms.v[i] || !*inc->symptoms.v[i])
            fail("empty symptom", inc->source);
    if (inc->limit < 0 || inc->limit > 1000)
        fail("limit out of range", inc->source);
    run_terms(inc);
    if (with_similar) {
        hs_results *r = NULL;
        hs_error err = {0, ""};
        /* 0: the body's "limit" (or 10) applies, as over HTTP */
        int limit = inc->limit ? 0 : 3, want = limit ? limit : 10;
        int rc = hs_similar(fuzz_store, inc, limit, &r, &err);
        if (inc->limit)
            want = inc->limit > 100 ? 100 : inc->limit;
        if (rc != 0 && rc != HS_EQUERY)
            fail("hs_similar: neither 0 nor HS_EQUERY:", err.msg);
        if (rc == 0 && (!r || r->n > (size_t)want || r->n > r->total))
            fail("hs_similar: bad results", NULL);
        if (rc == 0) {
            char *json = hs_results_to_json(r, 1, 0);
            if (!json)
                fail("hs_results_to_json: NULL", NULL);
            free(json);
        }
        hs_results_free(r);
    }
}

static int is_empty(const hs_incident *inc) {
    return !inc->symptoms.n && !inc->tags.n && !inc->title && !inc->service &&
           !inc->fingerprint && !inc->source && !inc->limit &&
           !inc->is_resolved;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    hs_incident inc, *incs = (hs_incident *)1;
    hs_error err = {0, ""};
    size_t n = 99;
    int rc, rc2;

    rc = hs_incident_from_json((const char *)data, size, &inc, &err);
    if (rc != 0 && rc != HS_EINVAL && rc != HS_EFORMAT)
        fail("hs_incident_from_json: unexpected code", err.msg);
    if (rc != 0 && !is_empty(&inc))
        fail("hs_incident_from_json: out not empty on error", err.msg);
    if (rc == 0)
        check_incident(&inc);
    hs_incident_release(&inc);

    rc2 = hs_incidents_from_json((const char *)data, size, &incs, &n, &err);
    if (rc2 != 0 && rc2 != HS_EINVAL && rc2 != HS_EFORMAT)
        fail("hs_incidents_from_json: unexpected code", err.msg);
    if (rc2 != 0 && (incs || n))
        fail("hs_incidents_from_json: out set on error", err.msg);
    if (rc2 == 0 && (!incs || !n))
        fail("hs_incidents_from_json: no incidents on success", NULL);
    /* Bad JSON and bad fields of our own shape are bad for both. */
    if ((rc == HS_EINVAL) != (rc2 == HS_EINVAL))
        fail("the two readers disagree on HS_EINVAL", err.msg);
    for (size_t i = 0; rc2 == 0 && i < n; i++) {
        check_incident(&incs[i]);
        hs_incident_release(&incs[i]);
    }
    if (rc2 == 0)
        free(incs);
    return 0;
}
