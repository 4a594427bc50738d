/*
 * One alert as both kinds of shared state write and list it (state.h): its
 * key, its symptoms as JSON, and its entry in GET /api/alerts. A leaf: no
 * database here, so the SQLite and PostgreSQL kinds cannot disagree.
 */
#include "base/buf.h"
#include "base/error.h"
#include "base/text.h"
#include "base/util.h"
#include "store/state.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* The longest fingerprint kept as it is in a key (senders write 16 hex
 * digits or a PagerDuty id of 14 characters). */
#define KEY_FINGERPRINT_MAX 200

/*
 * source:fingerprint, else source:FNV-1a of the title and symptoms. A
 * fingerprint over KEY_FINGERPRINT_MAX bytes is source:~FNV-1a of it:
 * PostgreSQL refused a 900 KB one in its unique index ("index row requires
 * 10336 bytes"), so the alert got a 500 on every retry of its sender.
 */
char *hs__alert_key(const hs_incident *inc) {
    hs__buf b = HS_BUF_INIT;
    hs__buf_printf(&b, "%s:", inc->source ? inc->source : "json");
    if (inc->fingerprint && strlen(inc->fingerprint) > KEY_FINGERPRINT_MAX) {
        uint64_t h = hs__fnv64(HS__FNV64_START, inc->fingerprint,
                               strlen(inc->fingerprint));
        hs__buf_printf(&b, "~%016llx", (unsigned long long)h);
    } else if (inc->fingerprint && *inc->fingerprint) {
        hs__buf_puts(&b, inc->fingerprint);
    } else {
        uint64_t h = HS__FNV64_START;
        const char *parts[2] = {inc->title, inc->service};
        for (size_t k = 0; k < 2; k++)
            if (parts[k])
                h = hs__fnv64(h, parts[k], strlen(parts[k]));
        for (size_t i = 0; i < inc->symptoms.n; i++)
            h = hs__fnv64(h, inc->symptoms.v[i], strlen(inc->symptoms.v[i]));
        hs__buf_printf(&b, "%016llx", (unsigned long long)h);
    }
    return hs__buf_detach(&b, NULL);
}

/* The bytes of symptoms an alert keeps to show, all of them together: a
 * sender's 1 MiB body was stored whole, and a page of 100 such alerts
 * answered 100 MB. */
#define SYMPTOMS_SHOWN_BYTES 8192

/* s cut to at most max bytes on a character boundary, "…" after a cut. */
static char *shown(const char *s, size_t max) {
    size_t n = strlen(s), keep = hs__utf8_cut(s, n, max);
    hs__buf b = HS_BUF_INIT;
    hs__buf_put(&b, s, keep);
    if (keep < n)
        hs__buf_puts(&b, "\xe2\x80\xa6");
    return hs__buf_detach(&b, NULL);
}

char *hs__alert_shown(const char *s) {
    return s ? shown(s, HS__ALERT_SHOWN_BYTES) : NULL;
}

char *hs__alert_symptoms_json(const hs_incident *inc) {
    json_t *sym = json_array();
    size_t left = SYMPTOMS_SHOWN_BYTES;
    char *s;
    for (size_t i = 0; i < inc->symptoms.n && left; i++) {
        char *one = shown(inc->symptoms.v[i], left);
        size_t n = strlen(inc->symptoms.v[i]);
        left -= n < left ? n : left;
        json_array_append_new(sym, json_string(one));
        free(one);
    }
    s = json_dumps(sym, JSON_COMPACT);
    json_decref(sym);
    if (!s)
        HS_BUG("json_dumps failed");
    return s;
}

static json_t *parsed_or_null(const char *text) {
    json_t *j = text ? json_loads(text, 0, NULL) : NULL;
    return j ? j : json_null();
}

json_t *hs__alert_entry(const char *const text[7], long long deliveries,
                        const char *symptoms, const char *matches) {
    static const char *const cols[] = {"key",      "source", "title",
                                       "service",  "status", "first_seen",
                                       "last_seen"};
    json_t *a = json_object(), *m;
    for (int c = 0; c < 7; c++)
        json_object_set_new(a, cols[c],
                            text[c] ? json_string(text[c]) : json_null());
    json_object_set_new(a, "deliveries", json_integer(deliveries));
    json_object_set_new(a, "symptoms", parsed_or_null(symptoms));
    m = parsed_or_null(matches);
    json_object_set(a, "matches",
                    json_is_object(m) ? json_object_get(m, "results")
                                      : json_null());
    json_decref(m);
    return a;
}

char *hs__alert_matches_json(const hs_results *matches) {
    return matches ? hs_results_to_json(matches, 1, 0)
                   : hs__xstrdup("{\"results\": []}");
}

void hs__alert_row_init(hs__alert_row *row, const hs_incident *inc,
                        const hs_results *matches) {
    row->key = hs__alert_key(inc);
    row->symptoms = hs__alert_symptoms_json(inc);
    row->matches = hs__alert_matches_json(matches);
    row->title = hs__alert_shown(inc->title);
    row->service = hs__alert_shown(inc->service);
    row->source = inc->source ? inc->source : "json";
    row->status = inc->is_resolved ? "resolved" : "firing";
    if (!inc->starts_at || hs__time_utc(inc->starts_at, row->start) != 0)
        row->start[0] = '\0';
}

void hs__alert_row_release(hs__alert_row *row) {
    free(row->key);
    free(row->symptoms);
    free(row->matches);
    free(row->title);
    free(row->service);
    memset(row, 0, sizeof(*row));
}

char *hs__alerts_answer(json_t *list, const char *next) {
    json_t *root = json_pack("{s:o, s:o}", "alerts", list, "next",
                             next ? json_string(next) : json_null());
    char *out = json_dumps(root, JSON_PRESERVE_ORDER | JSON_COMPACT);
    json_decref(root);
    if (!out)
        HS_BUG("json_dumps failed");
    return out;
}
