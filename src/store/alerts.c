/*
 * Alerts received by `serve`: stored in the index database (not in the
 * markdown), one row per distinct alert, so repeated deliveries and the
 * resolved notification update it instead of adding rows. Reads and writes
 * SQLite (through store.h) and builds the listing with jansson. A store
 * given a remote state (state.h) hands both calls to it, through its
 * vtable, so the web view's alerts page reads the shared alerts.
 */
#include "base/buf.h"
#include "base/error.h"
#include "base/util.h"
#include "store/state.h"
#include "store/store.h"

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
    char now[32], *key, *sym, *m;
    int rc;
    if (s->state)
        return s->state->ops->record(s->state, inc, matches, err);
    key = hs__alert_key(inc);
    sym = hs__alert_symptoms_json(inc);
    m = hs__alert_matches_json(matches);
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

int hs_alerts_json(hs_store *s, int limit, char **out, hs_error *err) {
    sqlite3_stmt *st = NULL;
    json_t *list = json_array(), *root;
    int rc, step;
    *out = NULL;
    if (s->state) {
        json_decref(list);
        return s->state->ops->alerts_json(s->state, limit, out, err);
    }
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
        const char *text[7];
        for (int c = 0; c < 7; c++)
            text[c] = (const char *)sqlite3_column_text(st, c);
        json_array_append_new(
            list, hs__alert_entry(text, sqlite3_column_int64(st, 7),
                                  (const char *)sqlite3_column_text(st, 8),
                                  (const char *)sqlite3_column_text(st, 9)));
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
