/*
 * Alerts received by `serve`: stored in the index database (not in the
 * markdown), one row per distinct alert, so repeated deliveries and the
 * resolved notification update it instead of adding rows. Reads and writes
 * SQLite (through store.h) and builds the listing with jansson.
 */
#include "base/buf.h"
#include "base/error.h"
#include "store/store.h"
#include "base/util.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/banned.h"

static void now_iso(char out[32]) {
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* source:fingerprint, else source:FNV-1a of the title and symptoms. */
static char *alert_key(const hs_incident *inc) {
    hs__buf b = HS_BUF_INIT;
    hs__buf_printf(&b, "%s:", inc->source ? inc->source : "json");
    if (inc->fingerprint && *inc->fingerprint) {
        hs__buf_puts(&b, inc->fingerprint);
    } else {
        uint64_t h = 1469598103934665603ULL;
        const char *parts[2] = {inc->title, inc->service};
        for (size_t k = 0; k < 2; k++)
            for (const char *p = parts[k]; p && *p; p++)
                h = (h ^ (unsigned char)*p) * 1099511628211ULL;
        for (size_t i = 0; i < inc->symptoms.n; i++)
            for (const char *p = inc->symptoms.v[i]; *p; p++)
                h = (h ^ (unsigned char)*p) * 1099511628211ULL;
        hs__buf_printf(&b, "%016llx", (unsigned long long)h);
    }
    return hs__buf_detach(&b, NULL);
}

static char *incident_json(const hs_incident *inc) {
    json_t *sym = json_array();
    char *s;
    for (size_t i = 0; i < inc->symptoms.n; i++)
        json_array_append_new(sym, json_string(inc->symptoms.v[i]));
    s = json_dumps(sym, JSON_COMPACT);
    json_decref(sym);
    if (!s)
        HS_BUG("json_dumps failed");
    return s;
}

int hs_alert_record(hs_store *s, const hs_incident *inc,
                    const hs_results *matches, hs_error *err) {
    static const char *const sql =
        "INSERT INTO hs_alerts.alerts(key, source, title, service, status, "
        "first_seen, "
        "last_seen, deliveries, incident, matches) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?6, 1, ?7, ?8) "
        "ON CONFLICT(key) DO UPDATE SET last_seen = ?6, "
        "deliveries = deliveries + 1, status = ?5, "
        "matches = CASE WHEN ?5 = 'resolved' THEN matches ELSE ?8 END";
    sqlite3_stmt *st = NULL;
    char now[32], *key = alert_key(inc), *sym = incident_json(inc);
    char *m = hs_results_to_json(matches, 1, 0);
    int rc;
    now_iso(now);
    rc = hs__store_attach_alerts(s, err);
    if (rc) {
        free(key);
        free(sym);
        free(m);
        return rc;
    }
    rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        hs__bind_text(st, 1, key);
        hs__bind_text(st, 2, inc->source ? inc->source : "json");
        hs__bind_text(st, 3, inc->title);
        hs__bind_text(st, 4, inc->service);
        hs__bind_text(st, 5, inc->is_resolved ? "resolved" : "firing");
        hs__bind_text(st, 6, now);
        hs__bind_text(st, 7, sym);
        hs__bind_text(st, 8, m);
        rc = sqlite3_step(st);
    }
    rc = rc == SQLITE_DONE ? 0
                           : hs__store_err(s, rc, err, "cannot record alert");
    sqlite3_finalize(st);
    free(key);
    free(sym);
    free(m);
    return rc;
}

static json_t *parsed_or_null(const char *text) {
    json_t *j = text ? json_loads(text, 0, NULL) : NULL;
    return j ? j : json_null();
}

int hs_alerts_json(hs_store *s, int limit, char **out, hs_error *err) {
    sqlite3_stmt *st = NULL;
    json_t *list = json_array(), *root;
    int rc, step;
    *out = NULL;
    rc = hs__store_attach_alerts(s, err);
    if (rc) {
        json_decref(list);
        return rc;
    }
    if (!s->has_alerts) { /* no alert received yet */
        json_decref(list);
        *out = hs__xstrdup("{\n  \"alerts\": []\n}");
        return 0;
    }
    rc = sqlite3_prepare_v2(
        s->db,
        "SELECT key, source, title, service, status, "
        "first_seen, last_seen, deliveries, incident, "
        "matches FROM hs_alerts.alerts ORDER BY last_seen DESC, "
        "rowid DESC LIMIT ?",
        -1, &st, NULL);
    if (rc != SQLITE_OK) {
        json_decref(list);
        return hs__store_err(s, rc, err, "cannot read alerts");
    }
    sqlite3_bind_int(st, 1, limit > 0 ? limit : 50);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        json_t *a = json_object(), *m;
        static const char *const cols[] = {"key",      "source", "title",
                                           "service",  "status", "first_seen",
                                           "last_seen"};
        for (int c = 0; c < 7; c++) {
            const char *v = (const char *)sqlite3_column_text(st, c);
            json_object_set_new(a, cols[c], v ? json_string(v) : json_null());
        }
        json_object_set_new(a, "deliveries",
                            json_integer(sqlite3_column_int(st, 7)));
        json_object_set_new(
            a, "symptoms",
            parsed_or_null((const char *)sqlite3_column_text(st, 8)));
        m = parsed_or_null((const char *)sqlite3_column_text(st, 9));
        json_object_set(a, "matches",
                        json_is_object(m) ? json_object_get(m, "results")
                                          : json_null());
        json_decref(m);
        json_array_append_new(list, a);
    }
    sqlite3_finalize(st);
    if (step != SQLITE_DONE) {
        json_decref(list);
        return hs__store_err(s, step, err, "cannot read alerts");
    }
    root = json_pack("{s:o}", "alerts", list);
    *out = json_dumps(root, JSON_PRESERVE_ORDER | JSON_INDENT(2));
    json_decref(root);
    if (!*out)
        HS_BUG("json_dumps failed");
    return 0;
}
