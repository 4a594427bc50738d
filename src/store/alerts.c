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
#include "model/normalize.h"
#include "store/state.h"
#include "store/store.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
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

/*
 * Delivery order is not event order: Alertmanager retries a failed
 * notification later, so a firing may arrive after its own resolution,
 * and a resolution after the next firing. With ?9 the delivery's start
 * (delivery_start), ?10 its end (UTC as hs__time_utc writes them, NULL
 * when not sent) and ?11 now: a firing is late when its start is not after both
 * the stored start and the stored resolution (a new firing starts after the
 * last one ended); a resolution is late when it ends no later than the
 * resolution already recorded (resolved_at stays when a new firing
 * reopens the alert, to tell its retries). A late delivery is counted but
 * changes nothing else. Without a start or end, the latest status wins.
 */
#define LATE_FIRING                                                            \
    "(?5 = 'firing' AND status = 'resolved' AND ?9 IS NOT NULL AND "           \
    "coalesce(resolved_at, starts_at) IS NOT NULL AND ?9 <= "                  \
    "max(coalesce(resolved_at, starts_at), coalesce(starts_at, resolved_at)))"
#define LATE_RESOLVED                                                          \
    "(?5 = 'resolved' AND status = 'firing' AND resolved_at IS NOT NULL AND "  \
    "coalesce(?10, ?11) <= resolved_at)"
#define IS_LATE "(" LATE_FIRING " OR " LATE_RESOLVED ")"

/*
 * The start that orders a delivery (?9): its firing's start, else (a
 * PagerDuty event, which has none) when the event occurred; NULL for
 * neither. In UTC into `out`.
 */
static const char *delivery_start(const hs_incident *inc,
                                  char out[HS__UTC_LEN]) {
    const char *at = inc->starts_at ? inc->starts_at : inc->event_at;
    return at && !hs__time_utc(at, out) ? out : NULL;
}

int hs_alert_record(hs_store *s, const hs_incident *inc,
                    const hs_results *matches, hs_error *err) {
    return hs__alert_record(s, inc, matches, NULL, err);
}

int hs__alert_record(hs_store *s, const hs_incident *inc,
                     const hs_results *matches, int *is_resolved,
                     hs_error *err) {
    static const char *const sql =
        "INSERT INTO hs_alerts.alerts(key, source, title, service, status, "
        "first_seen, last_seen, deliveries, incident, matches, starts_at, "
        "resolved_at) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?6, 1, ?7, ?8, ?9, "
        "CASE WHEN ?5 = 'resolved' THEN coalesce(?10, ?11) END) "
        "ON CONFLICT(key) DO UPDATE SET last_seen = ?6, "
        "deliveries = deliveries + 1, "
        "status = CASE WHEN " IS_LATE " THEN status ELSE ?5 END, "
        "matches = CASE WHEN " IS_LATE " OR ?5 = 'resolved' THEN matches "
        "ELSE ?8 END, "
        "resolved_at = CASE WHEN " IS_LATE " THEN resolved_at "
        "WHEN ?5 = 'resolved' THEN coalesce(?10, CASE WHEN status = "
        "'resolved' THEN resolved_at END, ?11) ELSE resolved_at END, "
        "starts_at = CASE WHEN NOT " IS_LATE " AND ?9 IS NOT NULL AND "
        "(starts_at IS NULL OR ?9 > starts_at) THEN ?9 ELSE starts_at END "
        "RETURNING status";
    sqlite3_stmt *st = NULL;
    hs__alert_row row;
    char now[32], now_utc[HS__UTC_LEN], start[HS__UTC_LEN], end[HS__UTC_LEN];
    int rc;
    if (s->state)
        return s->state->ops->record(s->state, inc, matches, is_resolved, err);
    rc = hs__store_attach_alerts(s, err);
    if (rc)
        return rc;
    hs__alert_row_init(&row, inc, matches);
    now_iso(now);
    if (hs__time_utc(now, now_utc) != 0)
        HS_BUG("the clock's time is no RFC 3339 time");
    rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        hs__bind_text(st, 1, row.key);
        hs__bind_text(st, 2, row.source);
        hs__bind_text(st, 3, row.title);
        hs__bind_text(st, 4, row.service);
        hs__bind_text(st, 5, row.status);
        hs__bind_text(st, 6, now);
        hs__bind_text(st, 7, row.symptoms);
        hs__bind_text(st, 8, row.matches);
        /* the reader checked both; NULL binds when one was not sent */
        hs__bind_text(st, 9, delivery_start(inc, start));
        hs__bind_text(st, 10,
                      inc->ends_at && !hs__time_utc(inc->ends_at, end) ? end
                                                                       : NULL);
        hs__bind_text(st, 11, now_utc);
        rc = sqlite3_step(st);
    }
    if (rc == SQLITE_ROW) {
        /* the status stored, which a late delivery left as it was */
        const unsigned char *status = sqlite3_column_text(st, 0);
        if (is_resolved)
            *is_resolved = status && !strcmp((const char *)status, "resolved");
        rc = sqlite3_step(st);
    }
    rc = rc == SQLITE_DONE ? 0
                           : hs__store_err(s, rc, err, "cannot record alert");
    sqlite3_finalize(st);
    hs__alert_row_release(&row);
    return rc;
}

int hs_alerts_json(hs_store *s, int limit, char **out, hs_error *err) {
    return hs__alerts_page_json(s, limit, NULL, out, err);
}

/*
 * The SQLite kind's cursor: the last row's last_seen (ISO 8601 to the
 * second, as stored) and rowid, as "TIME_ROWID". Parsed into `when` and
 * `*rowid`; HS_EINVAL for anything else.
 */
#define CURSOR_TIME_LEN 20 /* 2026-01-31T12:00:00Z */
static int parse_cursor(const char *cursor, char when[CURSOR_TIME_LEN + 1],
                        sqlite3_int64 *rowid, hs_error *err) {
    const char *p = cursor;
    char *end, utc[HS__UTC_LEN];
    long long v;
    for (int i = 0; i < CURSOR_TIME_LEN; i++, p++) {
        const char c = *p;
        if (!c || !((c >= '0' && c <= '9') || c == '-' || c == ':' ||
                    c == 'T' || c == 'Z'))
            goto bad;
        when[i] = c;
    }
    when[CURSOR_TIME_LEN] = '\0';
    /* a time no clock shows ("9999-99-99T99:99:99Z") was taken as a
     * place in the list */
    if (hs__time_utc(when, utc) != 0)
        goto bad;
    if (*p++ != '_' || *p < '0' || *p > '9')
        goto bad;
    errno = 0;
    v = strtoll(p, &end, 10);
    if (errno || *end || v < 0)
        goto bad;
    *rowid = v;
    return 0;
bad:
    return hs__seterr(err, HS_EINVAL, HS__CURSOR_REFUSED);
}

int hs__alerts_page_json(hs_store *s, int limit, const char *cursor, char **out,
                         hs_error *err) {
    sqlite3_stmt *st = NULL;
    json_t *list;
    char when[CURSOR_TIME_LEN + 1] = "", next[64] = "";
    sqlite3_int64 after = 0;
    int rc, step, n = 0;
    *out = NULL;
    if (s->state)
        return s->state->ops->alerts_json(s->state, limit, cursor, out, err);
    if (limit <= 0)
        limit = HS__ALERTS_LIMIT;
    if (cursor && (rc = parse_cursor(cursor, when, &after, err)) != 0)
        return rc;
    if ((rc = hs__store_attach_alerts(s, err)) != 0)
        return rc;
    if (!s->has_alerts) { /* no alert received yet */
        *out = hs__alerts_answer(json_array(), NULL);
        return 0;
    }
    /* one row more than asked for tells whether there is a next page */
    rc = sqlite3_prepare_v2(s->db,
                            "SELECT key, source, title, service, status, "
                            "first_seen, last_seen, deliveries, incident, "
                            "matches, rowid FROM hs_alerts.alerts "
                            "WHERE ?1 IS NULL OR (last_seen, rowid) < (?1, ?2) "
                            "ORDER BY last_seen DESC, rowid DESC LIMIT ?3",
                            -1, &st, NULL);
    if (rc != SQLITE_OK)
        return hs__store_err(s, rc, err, "cannot read alerts");
    if (cursor)
        hs__bind_text(st, 1, when);
    sqlite3_bind_int64(st, 2, after);
    sqlite3_bind_int(st, 3, limit + 1);
    list = json_array();
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *text[7] = {0};
        if (++n > limit)
            break;
        for (int c = 0; c < 7; c++)
            text[c] = (const char *)sqlite3_column_text(st, c);
        json_array_append_new(
            list, hs__alert_entry(text, sqlite3_column_int64(st, 7),
                                  (const char *)sqlite3_column_text(st, 8),
                                  (const char *)sqlite3_column_text(st, 9)));
        if (n == limit && text[6])
            snprintf(next, sizeof(next), "%.*s_%lld", CURSOR_TIME_LEN, text[6],
                     (long long)sqlite3_column_int64(st, 10));
    }
    sqlite3_finalize(st);
    if (step != SQLITE_DONE && step != SQLITE_ROW) {
        json_decref(list);
        return hs__store_err(s, step, err, "cannot read alerts");
    }
    *out = hs__alerts_answer(list, n > limit && next[0] ? next : NULL);
    return 0;
}

int hs__alerts_prune(hs_store *s, int days, long long *n, hs_error *err) {
    sqlite3_stmt *st = NULL;
    char cutoff[32];
    time_t t = time(NULL) - (time_t)days * 24 * 60 * 60;
    struct tm tm;
    int rc;
    *n = 0;
    if (s->state)
        return s->state->ops->prune(s->state, days, n, err);
    if ((rc = hs__store_attach_alerts(s, err)) != 0)
        return rc;
    if (!s->has_alerts)
        return 0;
    gmtime_r(&t, &tm);
    strftime(cutoff, sizeof(cutoff), "%Y-%m-%dT%H:%M:%SZ", &tm);
    rc = sqlite3_prepare_v2(s->db,
                            "DELETE FROM hs_alerts.alerts WHERE last_seen < ?1",
                            -1, &st, NULL);
    if (rc == SQLITE_OK) {
        hs__bind_text(st, 1, cutoff);
        rc = sqlite3_step(st);
    }
    if (rc == SQLITE_DONE)
        *n = (long long)sqlite3_changes(s->db);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE
               ? 0
               : hs__store_err(s, rc, err, "cannot delete old alerts");
}
