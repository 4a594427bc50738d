/*
 * libFuzzer target: the alert webhook body parser (POST /api/alerts) on
 * huge and deep inputs, which fuzz_incident's short inputs never reach.
 * The first byte picks how the rest is grown into a body (a first byte of
 * 4 or more, as in every seed, means the input is the body itself):
 *   0  the bytes as they are
 *   1  deep: the rest nested 1,000-20,000 levels in arrays or objects
 *   2  many: the rest as one alert, repeated to a body of about 1 MiB
 *      (serve's limit), as a large Alertmanager group sends
 *   3  huge strings: the rest repeated into a 128 KiB label and annotation
 * bytes -> hs_incidents_from_json, then, as serve does, the first 100
 * incidents are turned into terms.
 *
 * Checks: error codes are HS_EINVAL or HS_EFORMAT with `out` empty; a
 * success has incidents, each with a source and some symptom or title.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hindsight.h"
#include "query/terms.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define BODY_MAX (1024 * 1024) /* serve's MAX_BODY */
#define SERVE_MAX_ALERTS 100   /* serve's MAX_ALERTS */

typedef struct grow {
    char *p;
    size_t len, cap;
} grow;

static void put(grow *g, const void *s, size_t n) {
    if (g->len + n + 1 > g->cap) {
        size_t cap = g->cap ? g->cap : 4096;
        while (g->len + n + 1 > cap)
            cap *= 2;
        g->p = realloc(g->p, cap);
        if (!g->p)
            abort();
        g->cap = cap;
    }
    memcpy(g->p + g->len, s, n);
    g->len += n;
    g->p[g->len] = '\0';
}

static void puts_(grow *g, const char *s) {
    put(g, s, strlen(s));
}

static void fail(const char *what, const char *detail) {
    fprintf(stderr, "fuzz_webhook: %s %s\n", what, detail ? detail : "");
    abort();
}

/* Grow `rest` into a body as `mode` says (see the top). */
static void build(grow *g, int mode, const uint8_t *rest, size_t n) {
    size_t depth, i;
    switch (mode) {
    case 1:
        depth = 1000 + (n ? (size_t)rest[0] * 75 : 0);
        puts_(g, "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[");
        for (i = 0; i < depth; i++)
            puts_(g, n && (rest[0] & 1) ? "{\"labels\":" : "[");
        put(g, rest, n);
        for (i = 0; i < depth; i++)
            puts_(g, n && (rest[0] & 1) ? "}" : "]");
        puts_(g, "]}");
        return;
    case 2:
        puts_(g, "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[");
        for (i = 0; g->len + n + 4 < BODY_MAX && (i == 0 || n); i++) {
            if (i)
                puts_(g, ",");
            put(g, rest, n);
        }
        puts_(g, "]}");
        return;
    case 3:
        puts_(g,
              "{\"version\":\"4\",\"alerts\":[{\"labels\":{\"alertname\":\"");
        for (i = 0; n && i * n < 128 * 1024; i++)
            put(g, rest, n);
        puts_(g, "\"},\"annotations\":{\"summary\":\"");
        for (i = 0; n && i * n < 128 * 1024; i++)
            put(g, rest, n);
        puts_(g, "\"}}]}");
        return;
    default:
        put(g, rest, n);
    }
}

static void check_incident(const hs_incident *inc) {
    if (!inc->source)
        fail("incident without a source", NULL);
    if (!inc->symptoms.n && !inc->title)
        fail("incident without symptoms or title", inc->source);
    for (size_t i = 0; i < inc->symptoms.n; i++)
        if (!inc->symptoms.v[i] || !*inc->symptoms.v[i])
            fail("empty symptom", inc->source);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    grow g = {0};
    hs_incident *incs = (hs_incident *)1;
    hs_error err = {0, ""};
    size_t n = 99;
    int mode = size && data[0] < 4 ? data[0] : 0;
    int rc;
    if (size && data[0] < 4)
        build(&g, mode, data + 1, size - 1);
    else
        build(&g, 0, data, size);
    rc = hs_incidents_from_json(g.p ? g.p : "", g.len, &incs, &n, &err);
    if (rc != 0 && rc != HS_EINVAL && rc != HS_EFORMAT)
        fail("hs_incidents_from_json: unexpected code", err.msg);
    if (rc != 0 && (incs || n))
        fail("hs_incidents_from_json: out set on error", err.msg);
    if (rc == 0 && (!incs || !n))
        fail("hs_incidents_from_json: no incidents on success", NULL);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        check_incident(&incs[i]);
        if (i < SERVE_MAX_ALERTS) {
            hs__termset ts = {0};
            for (size_t k = 0; k < incs[i].symptoms.n; k++)
                hs__terms_add_text(&ts, incs[i].symptoms.v[k], 1.0);
            hs__terms_add_text(&ts, incs[i].title, 1.5);
            hs__terms_add_text(&ts, incs[i].service, 1.0);
            hs__termset_release(&ts);
        }
        hs_incident_release(&incs[i]);
    }
    if (rc == 0)
        free(incs);
    free(g.p);
    return 0;
}
