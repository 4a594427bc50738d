/*
 * The shared state (store/state.h): which kind a URL picks, the SQLite kind
 * (one alert per key, resolution marks it), the startsAt an Alertmanager
 * payload carries into the PostgreSQL key, and a PostgreSQL that cannot be
 * reached: opening still succeeds, every call answers HS_EUNAVAIL (503),
 * nothing leaks. The PostgreSQL kind against a live server is tested by
 * tests/cli/t700-t703, which start their own.
 */
#include "base/buf.h"
#include "hindsight.h"
#include "model/record.h"
#include "store/state.h"

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char firing[] =
    "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[{\"status\":"
    "\"firing\",\"labels\":{\"alertname\":\"DatabaseConnectionPoolExhausted\","
    "\"service\":\"payment-api\"},\"annotations\":{\"summary\":\"pool "
    "exhausted\"},\"startsAt\":\"2026-11-24T01:10:54.722997818Z\","
    "\"endsAt\":\"0001-01-01T00:00:00Z\",\"fingerprint\":"
    "\"8786cc970a48db34\"}]}";

static hs_incident *one_incident(const char *json, int is_resolved) {
    hs_incident *incs = NULL;
    size_t n = 0;
    hs_error err = {0, ""};
    cr_assert_eq(hs_incidents_from_json(json, strlen(json), &incs, &n, &err), 0,
                 "%s", err.msg);
    cr_assert_eq(n, 1);
    incs[0].is_resolved = is_resolved;
    return incs;
}

static void incident_free(hs_incident *inc) {
    hs_incident_release(inc);
    free(inc);
}

Test(state, url_picks_the_kind) {
    cr_assert(hs__state_is_pg_url("postgresql://u@h/db"));
    cr_assert(hs__state_is_pg_url("postgres://h/db"));
    cr_assert(hs__state_is_pg_url("host=/tmp dbname=x"));
    cr_assert(!hs__state_is_pg_url("/var/lib/hindsight.db"));
    cr_assert(!hs__state_is_pg_url(NULL));
}

Test(state, bad_urls_are_einval) {
    hs__state *st = (hs__state *)1;
    hs_error err = {0, ""};
    cr_assert_eq(hs__state_open("/some/file", "x.db", &st, &err), HS_EINVAL);
    cr_assert_null(st);
    cr_assert(strstr(err.msg, "postgresql://"), "%s", err.msg);
    cr_assert_eq(hs__state_open("postgresql://%zz", "x.db", &st, &err),
                 HS_EINVAL);
    cr_assert_null(st);
}

Test(state, alertmanager_start_and_key) {
    hs_incident *inc = one_incident(firing, 0);
    char *key = hs__alert_key(inc);
    cr_assert_str_eq(inc->starts_at, "2026-11-24T01:10:54.722997818Z");
    cr_assert_str_eq(key, "alertmanager:8786cc970a48db34");
    free(key);
    incident_free(inc);
}

/* No fingerprint: the key hashes title, service and symptoms (stored by
 * every replica, so the value must not change). */
Test(state, key_without_fingerprint_hashes_the_alert) {
    char title[] = "db down", service[] = "api", s1[] = "timeout",
         s2[] = "errors 5xx";
    char *symptoms[] = {s1, s2};
    hs_incident inc;
    char *key;
    memset(&inc, 0, sizeof(inc));
    inc.title = title;
    inc.service = service;
    inc.symptoms.v = symptoms;
    inc.symptoms.n = 2;
    key = hs__alert_key(&inc);
    cr_assert_str_eq(key, "json:97b043e1241dc264");
    free(key);
}

/*
 * A fingerprint of 100 KB: PostgreSQL's unique index of key and start
 * refused the row ("index row requires 10336 bytes"), a 500 on every
 * retry. The key stays short and tells fingerprints apart. A startsAt of
 * 100 KB is no time, refused naming the field (payloads::bad_times_...).
 */
Test(state, long_fingerprint_and_start_stay_short) {
    size_t big = 100000;
    char *json = malloc(2 * big + 400), *p = json;
    hs_incident *incs = NULL;
    hs_incident *inc;
    size_t n = 0;
    hs_error err = {0, ""};
    char *key, *key2;
    p += snprintf(p, 400,
                  "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":"
                  "[{\"status\":\"firing\",\"labels\":{\"alertname\":"
                  "\"X\"},\"startsAt\":\"");
    memset(p, '1', big);
    p += big;
    p += snprintf(p, 400, "\",\"fingerprint\":\"");
    memset(p, 'f', big);
    p += big;
    snprintf(p, 400, "\"}]}");
    cr_expect_eq(hs_incidents_from_json(json, strlen(json), &incs, &n, &err),
                 HS_EINVAL);
    cr_expect(strstr(err.msg, "\"alerts[0].startsAt\" is not an RFC 3339"),
              "%s", err.msg);
    cr_expect_lt(strlen(err.msg), 200, "%s", err.msg);
    cr_expect_null(incs);
    memcpy(strstr(json, "\"startsAt\""), "\"start_no\"", 10);
    inc = one_incident(json, 0);
    cr_expect_null(inc->starts_at);
    key = hs__alert_key(inc);
    cr_expect_lt(strlen(key), 256, "a key of %zu bytes", strlen(key));
    cr_expect(!strncmp(key, "alertmanager:~", 14), "%s", key);
    inc->fingerprint[big / 2] = 'g';
    key2 = hs__alert_key(inc);
    cr_expect_str_neq(key, key2);
    free(key);
    free(key2);
    incident_free(inc);
    free(json);
}

Test(state, sqlite_kind_dedupes_and_resolves) {
    char dir[] = "/tmp/hs-state-test.XXXXXX", path[64], side[80];
    hs__state *st;
    hs_store *s;
    hs_error err = {0, ""};
    hs_incident *inc = one_incident(firing, 0);
    char *json;
    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/hs.db", dir);
    cr_assert_eq(hs_store_open(path, 0, &s, &err), 0, "%s", err.msg);
    hs_store_close(s);
    cr_assert_eq(hs__state_open(NULL, path, &st, &err), 0, "%s", err.msg);
    cr_assert_str_eq(hs__state_kind(st), "sqlite");
    cr_assert_eq(hs__state_check(st, &err), 0);
    cr_assert_eq(hs__state_record(st, inc, NULL, NULL, &err), 0, "%s", err.msg);
    cr_assert_eq(hs__state_record(st, inc, NULL, NULL, &err), 0, "%s", err.msg);
    inc->is_resolved = 1;
    cr_assert_eq(hs__state_record(st, inc, NULL, NULL, &err), 0, "%s", err.msg);
    cr_assert_eq(hs__state_alerts_json(st, 10, NULL, &json, &err), 0, "%s",
                 err.msg);
    cr_assert(strstr(json, "\"deliveries\":3"), "%s", json);
    cr_assert(strstr(json, "\"status\":\"resolved\""), "%s", json);
    /* one alert: the key appears once */
    cr_assert_null(
        strstr(strstr(json, "8786cc970a48db34") + 1, "8786cc970a48db34"), "%s",
        json);
    free(json);
    hs__state_free(st);
    incident_free(inc);
    unlink(path);
    snprintf(side, sizeof(side), "%s-alerts", path);
    unlink(side);
    snprintf(side, sizeof(side), "%s-alerts-wal", path);
    unlink(side);
    snprintf(side, sizeof(side), "%s-alerts-shm", path);
    unlink(side);
    snprintf(side, sizeof(side), "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof(side), "%s-shm", path);
    unlink(side);
    rmdir(dir);
}

/* An Alertmanager delivery of one alert of fingerprint 8786cc970a48db34:
 * `status`, its startsAt and endsAt (NULL: left out). */
static hs_incident *delivery(const char *status, const char *starts,
                             const char *ends) {
    char json[600];
    snprintf(json, sizeof(json),
             "{\"version\":\"4\",\"status\":\"%s\",\"alerts\":[{"
             "\"status\":\"%s\",\"labels\":{\"alertname\":\"PoolExhausted\"},"
             "%s%s%s%s%s%s\"fingerprint\":\"8786cc970a48db34\"}]}",
             status, status, starts ? "\"startsAt\":\"" : "",
             starts ? starts : "", starts ? "\"," : "",
             ends ? "\"endsAt\":\"" : "", ends ? ends : "", ends ? "\"," : "");
    return one_incident(json, !strcmp(status, "resolved"));
}

/* A temp folder holding an index hs.db; `path` gets its name. */
static void state_dir(char dir[32], char path[64]) {
    hs_store *s;
    hs_error err = {0, ""};
    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, 64, "%s/hs.db", dir);
    cr_assert_eq(hs_store_open(path, 0, &s, &err), 0, "%s", err.msg);
    hs_store_close(s);
}

static void state_dir_remove(const char *dir, const char *path) {
    static const char *const ends[] = {
        "", "-alerts", "-alerts-wal", "-alerts-shm", "-wal", "-shm"};
    char side[96];
    for (size_t i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
        snprintf(side, sizeof(side), "%s%s", path, ends[i]);
        unlink(side);
    }
    rmdir(dir);
}

/* Record one delivery; the alert's status and deliveries after it. */
static void record_then(hs__state *st, hs_incident *inc, const char *status,
                        int deliveries, const char *what) {
    hs_error err = {0, ""};
    char *json, want[64];
    int is_resolved = -1;
    cr_assert_eq(hs__state_record(st, inc, NULL, &is_resolved, &err), 0, "%s",
                 err.msg);
    incident_free(inc);
    /* what POST /api/alerts answers: the status stored, not delivered */
    cr_expect_eq(is_resolved, !strcmp(status, "resolved"),
                 "%s: recorded as %d, want %s", what, is_resolved, status);
    cr_assert_eq(hs__state_alerts_json(st, 10, NULL, &json, &err), 0, "%s",
                 err.msg);
    snprintf(want, sizeof(want), "\"status\":\"%s\"", status);
    cr_expect(strstr(json, want), "%s: want %s in %s", what, want, json);
    snprintf(want, sizeof(want), "\"deliveries\":%d", deliveries);
    cr_expect(strstr(json, want), "%s: want %s in %s", what, want, json);
    free(json);
}

/*
 * Alertmanager retries a failed notification later, so a firing may
 * arrive after its own resolution. It reopened the alert (the latest
 * delivery's status won); only a firing that started after the resolution
 * is a new one. Likewise a late resolution of the earlier firing leaves a
 * new firing open. Offsets and fractions of any length are the same
 * instant written another way.
 */
Test(state, sqlite_kind_late_firing_does_not_reopen) {
    char dir[32] = "/tmp/hs-state-test.XXXXXX", path[64];
    hs__state *st;
    hs_error err = {0, ""};
    const char *t1 = "2026-11-24T01:10:54.722997818Z";
    state_dir(dir, path);
    cr_assert_eq(hs__state_open(NULL, path, &st, &err), 0, "%s", err.msg);
    record_then(st, delivery("firing", t1, "0001-01-01T00:00:00Z"), "firing", 1,
                "the firing");
    record_then(st, delivery("resolved", t1, "2026-11-24T01:15:55.906Z"),
                "resolved", 2, "its resolution");
    record_then(st, delivery("firing", t1, "0001-01-01T00:00:00Z"), "resolved",
                3, "a retry of the firing, late");
    record_then(st, delivery("firing", "2026-11-24T02:15:55.906+01:00", NULL),
                "resolved", 4, "a firing started at the resolution's instant");
    record_then(st, delivery("firing", "2026-11-24T01:20:00Z", NULL), "firing",
                5, "a new firing, started after the resolution");
    record_then(st, delivery("resolved", t1, "2026-11-24T01:15:55.906Z"),
                "firing", 6, "a late retry of the first resolution");
    record_then(st, delivery("resolved", "2026-11-24T01:20:00Z", NULL),
                "resolved", 7, "the new firing's resolution, no endsAt");
    /* with no start, the latest status wins, as before */
    record_then(st, delivery("firing", NULL, NULL), "firing", 8,
                "a firing with no start");
    hs__state_free(st);
    state_dir_remove(dir, path);
}

/*
 * amtool's "alert add --start=-2m --end=-1m" resolves a firing alert that
 * started now: Alertmanager merges the two (same fingerprint) and sends
 * the earlier start with the end. That resolution is no late one (t202);
 * a retry of the firing after it is.
 */
Test(state, sqlite_kind_merged_resolution_resolves) {
    char dir[32] = "/tmp/hs-state-test.XXXXXX", path[64];
    hs__state *st;
    hs_error err = {0, ""};
    state_dir(dir, path);
    cr_assert_eq(hs__state_open(NULL, path, &st, &err), 0, "%s", err.msg);
    record_then(st, delivery("firing", "2026-11-24T01:10:00Z", NULL), "firing",
                1, "the firing");
    record_then(
        st,
        delivery("resolved", "2026-11-24T01:08:00Z", "2026-11-24T01:09:00Z"),
        "resolved", 2, "the merged resolution");
    record_then(st, delivery("firing", "2026-11-24T01:10:00Z", NULL),
                "resolved", 3, "a retry of the firing");
    hs__state_free(st);
    state_dir_remove(dir, path);
}

/*
 * An alerts file written by an older hindsight has no starts_at and
 * resolved_at: it gets them on first use, keeps its rows, and a row of it
 * (no start stored) answers a late firing as before, by the latest status.
 */
Test(state, sqlite_kind_migrates_an_older_alerts_file) {
    char dir[32] = "/tmp/hs-state-test.XXXXXX", path[64], side[96];
    hs__state *st;
    hs_error err = {0, ""};
    sqlite3 *db;
    sqlite3_stmt *q;
    int n = 0;
    state_dir(dir, path);
    snprintf(side, sizeof(side), "%s-alerts", path);
    cr_assert_eq(sqlite3_open(side, &db), SQLITE_OK);
    cr_assert_eq(
        sqlite3_exec(
            db,
            "CREATE TABLE alerts(rowid INTEGER PRIMARY KEY, key TEXT NOT NULL "
            "UNIQUE, source TEXT NOT NULL, title TEXT, service TEXT, status "
            "TEXT NOT NULL, first_seen TEXT NOT NULL, last_seen TEXT NOT "
            "NULL, deliveries INTEGER NOT NULL DEFAULT 1, incident TEXT NOT "
            "NULL, matches TEXT NOT NULL);"
            "CREATE INDEX alerts_seen ON alerts(last_seen);"
            "INSERT INTO alerts VALUES(1, 'alertmanager:8786cc970a48db34', "
            "'alertmanager', 'PoolExhausted', NULL, 'resolved', "
            "'2026-11-24T01:10:55Z', '2026-11-24T01:15:55Z', 2, '[]', "
            "'{\"results\": []}');"
            "INSERT INTO alerts VALUES(2, 'alertmanager:other', "
            "'alertmanager', 'Other', NULL, 'firing', "
            "'2026-11-24T01:10:55Z', '2026-11-24T01:10:55Z', 1, '[]', "
            "'{\"results\": []}');",
            NULL, NULL, NULL),
        SQLITE_OK, "%s", sqlite3_errmsg(db));
    sqlite3_close(db);
    cr_assert_eq(hs__state_open(NULL, path, &st, &err), 0, "%s", err.msg);
    record_then(st, delivery("firing", "2026-11-24T01:10:54.722997818Z", NULL),
                "firing", 3, "a firing after the old row's resolution");
    record_then(st,
                delivery("resolved", "2026-11-24T01:10:54.722997818Z",
                         "2026-11-24T01:15:55.906Z"),
                "resolved", 4, "its resolution");
    record_then(st, delivery("firing", "2026-11-24T01:10:54.722997818Z", NULL),
                "resolved", 5, "the firing again, late");
    hs__state_free(st);
    cr_assert_eq(sqlite3_open(side, &db), SQLITE_OK);
    cr_assert_eq(sqlite3_prepare_v2(db,
                                    "SELECT count(*) FROM alerts WHERE "
                                    "starts_at IS NULL AND resolved_at IS "
                                    "NULL AND key = 'alertmanager:other'",
                                    -1, &q, NULL),
                 SQLITE_OK, "%s", sqlite3_errmsg(db));
    cr_assert_eq(sqlite3_step(q), SQLITE_ROW);
    n = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    sqlite3_close(db);
    cr_expect_eq(n, 1, "the other old row is kept, its new columns NULL");
    state_dir_remove(dir, path);
}

Test(state, unreachable_postgresql_is_unavailable, .timeout = 20) {
    hs__state *st;
    hs_error err = {0, ""};
    hs_incident *inc = one_incident(firing, 0);
    char *json = (char *)1;
    /* a socket folder that does not exist: refused at once, no network */
    cr_assert_eq(hs__state_open("postgresql:///x?host=/nonexistent-hs-test",
                                NULL, &st, &err),
                 0, "%s", err.msg);
    cr_assert_str_eq(hs__state_kind(st), "postgresql");
    cr_assert_eq(hs__state_check(st, &err), HS_EUNAVAIL);
    cr_assert(strstr(err.msg, "shared state"), "%s", err.msg);
    cr_assert_eq(hs_err_http_status(HS_EUNAVAIL), 503);
    cr_assert_eq(hs__state_record(st, inc, NULL, NULL, &err), HS_EUNAVAIL);
    cr_assert_eq(hs__state_alerts_json(st, 10, NULL, &json, &err), HS_EUNAVAIL);
    cr_assert_null(json);
    hs__state_free(st);
    incident_free(inc);
}

/*
 * A webhook's time stamps are checked: one that is no RFC 3339 time is
 * refused naming the field when no alert of the body can be read (see
 * one_bad_time_leaves_out_that_alert for a body of others). They were
 * stored as they came ("startsAt": "yesterday"), or dropped when not a
 * string, so the order of a firing and its resolution could not be told.
 * Go's zero time and a blank or null value are "not set".
 */
Test(state, bad_times_are_refused_naming_the_field) {
    static const struct {
        const char *body, *field;
    } bad[] = {
        {"{\"alerts\":[{\"labels\":{\"alertname\":\"A\"},\"startsAt\":"
         "\"now\"},{\"labels\":{\"alertname\":\"B\"},\"startsAt\":"
         "\"yesterday\"}]}",
         "\"alerts[0].startsAt\" is not an RFC 3339 time"},
        {"{\"alerts\":[{\"labels\":{\"alertname\":\"A\"},\"endsAt\":"
         "\"2026-02-30T00:00:00Z\"}]}",
         "\"alerts[0].endsAt\" is not an RFC 3339 time"},
        {"{\"alerts\":[{\"labels\":{\"alertname\":\"A\"},\"startsAt\":"
         "1764000000}]}",
         "\"alerts[0].startsAt\" must be a string"},
        {"{\"orgId\":1,\"alerts\":[{\"labels\":{\"alertname\":\"A\"},"
         "\"startsAt\":\"2026-11-24 01:10:55\"}]}",
         "\"alerts[0].startsAt\" is not an RFC 3339 time"},
        {"{\"event\":{\"event_type\":\"incident.resolved\",\"occurred_at\":"
         "\"now\",\"data\":{\"id\":\"P1\",\"title\":\"db down\"}}}",
         "\"event.occurred_at\" is not an RFC 3339 time"},
        {"{\"event\":{\"event_type\":\"incident.triggered\",\"data\":{"
         "\"id\":\"P1\",\"title\":\"db down\",\"created_at\":[]}}}",
         "\"event.data.created_at\" must be a string"},
        /* a good created_at before a bad occurred_at: it leaked (ASan) */
        {"{\"event\":{\"event_type\":\"incident.triggered\",\"occurred_at"
         "\":\"now\",\"data\":{\"id\":\"P1\",\"title\":\"db down\","
         "\"created_at\":\"2026-11-24T01:10:00Z\"}}}",
         "\"event.occurred_at\" is not an RFC 3339 time"},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        hs_incident *incs = NULL, one;
        size_t n = 0;
        hs_error err = {0, ""};
        cr_expect_eq(hs_incidents_from_json(bad[i].body, strlen(bad[i].body),
                                            &incs, &n, &err),
                     HS_EINVAL, "%s", bad[i].body);
        cr_expect(strstr(err.msg, bad[i].field), "%s: %s", bad[i].body,
                  err.msg);
        cr_expect_null(incs);
        cr_expect_eq(
            hs_incident_from_json(bad[i].body, strlen(bad[i].body), &one, &err),
            HS_EINVAL, "one incident of %s", bad[i].body);
        hs_incident_release(&one);
    }
    {
        /* PagerDuty: no start (created_at stays when an incident is
         * reopened); the event's time, and a resolution's is its end */
        hs_incident *inc = one_incident(
            "{\"event\":{\"event_type\":\"incident.resolved\",\"occurred_at\""
            ":\"2026-11-24T01:20:00Z\",\"data\":{\"id\":\"P1\",\"title\":"
            "\"db down\",\"created_at\":\"2026-11-24T01:10:00Z\"}}}",
            1);
        cr_expect_null(inc->starts_at);
        cr_expect_str_eq(inc->event_at, "2026-11-24T01:20:00Z");
        cr_expect_str_eq(inc->ends_at, "2026-11-24T01:20:00Z");
        incident_free(inc);
        inc = one_incident("{\"alerts\":[{\"labels\":{\"alertname\":\"A\"},"
                           "\"startsAt\":null,\"endsAt\":"
                           "\"0001-01-01T00:00:00Z\"}]}",
                           0);
        cr_expect_null(inc->starts_at);
        cr_expect_null(inc->ends_at);
        incident_free(inc);
    }
}

/*
 * One alert of a body with a time that is no RFC 3339 time, or that is no
 * object, is left out and named; the others are read. The whole body was
 * a 400, so Alertmanager retried it for ever and the group's other alerts
 * were never recorded nor answered.
 */
Test(state, one_bad_time_leaves_out_that_alert) {
    static const char body[] =
        "{\"alerts\":[{\"labels\":{\"alertname\":\"A\"}},{\"labels\":{"
        "\"alertname\":\"B\"},\"startsAt\":\"yesterday\"},7,{\"labels\":{"
        "\"alertname\":\"D\"},\"endsAt\":\"2026-11-24T01:10:54Z\"}]}";
    hs_incident *incs = NULL, one;
    size_t n = 0;
    hs_error err = {0, ""};
    cr_assert_eq(hs_incidents_from_json(body, strlen(body), &incs, &n, &err), 0,
                 "%s", err.msg);
    cr_assert_eq(n, 4);
    cr_expect(!incs[0].is_left_out && !incs[3].is_left_out);
    cr_expect_str_eq(incs[0].title, "A");
    cr_expect_str_eq(incs[3].ends_at, "2026-11-24T01:10:54Z");
    cr_expect(incs[1].is_left_out && incs[2].is_left_out);
    cr_assert_eq(incs[1].ignored.n, 1);
    cr_expect_str_eq(incs[1].ignored.v[0],
                     "alerts[1] left out: \"alerts[1].startsAt\" is not an "
                     "RFC 3339 time such as 2026-11-24T01:10:54Z: "
                     "'yesterday'");
    cr_assert_eq(incs[2].ignored.n, 1);
    cr_expect_str_eq(incs[2].ignored.v[0],
                     "alerts[2] left out: \"alerts[2]\" is a number, not an "
                     "alert object");
    for (size_t i = 0; i < n; i++)
        hs_incident_release(&incs[i]);
    free(incs);
    /* as one incident (similar): B's symptoms are not among them */
    cr_assert_eq(hs_incident_from_json(body, strlen(body), &one, &err), 0, "%s",
                 err.msg);
    cr_expect(hs__strlist_has(&one.symptoms, "A"));
    cr_expect(hs__strlist_has(&one.symptoms, "D"));
    cr_expect(!hs__strlist_has(&one.symptoms, "B"));
    cr_assert_eq(one.ignored.n, 2);
    cr_expect(strstr(one.ignored.v[0], "alerts[1] left out: "), "%s",
              one.ignored.v[0]);
    cr_expect(strstr(one.ignored.v[1], "alerts[2] left out: "), "%s",
              one.ignored.v[1]);
    hs_incident_release(&one);
}

/*
 * Labels and annotations that are not an object, and members of them that
 * are not strings, are named as ignored. They were dropped without a word:
 * an alert of '"labels": ["alertname", "x"]' was ranked on nothing.
 */
Test(state, labels_of_the_wrong_type_are_named) {
    static const char body[] =
        "{\"alerts\":[{\"labels\":[\"alertname\",\"x\"],\"annotations\":{"
        "\"summary\":\"pool exhausted\"}},{\"labels\":{\"alertname\":"
        "\"B\",\"team\":5,\"x\":null},\"annotations\":\"text\","
        "\"fingerprint\":7}]}";
    static const char *const want[] = {
        "\"alerts[0].labels\" is a list, not an object of strings: ignored",
        "\"alerts[1].labels.team\" is a number, not a string: ignored",
        "\"alerts[1].labels.x\" is null, not a string: ignored",
        "\"alerts[1].annotations\" is a string, not an object of strings: "
        "ignored",
        "\"alerts[1].fingerprint\" is a number, not a string: ignored",
    };
    hs_incident one;
    hs_error err = {0, ""};
    cr_assert_eq(hs_incident_from_json(body, strlen(body), &one, &err), 0, "%s",
                 err.msg);
    cr_assert_eq(one.ignored.n, sizeof(want) / sizeof(want[0]));
    for (size_t i = 0; i < one.ignored.n; i++)
        cr_expect_str_eq(one.ignored.v[i], want[i]);
    cr_expect(hs__strlist_has(&one.symptoms, "pool exhausted"));
    hs_incident_release(&one);
    /* nothing else to go on: the refusal says what was ignored */
    {
        static const char bad[] =
            "{\"alerts\":[{\"labels\":{\"alertname\":5}}]}";
        cr_expect_eq(hs_incident_from_json(bad, strlen(bad), &one, &err),
                     HS_EFORMAT);
        cr_expect_str_eq(err.msg, "the payload names no symptoms "
                                  "(\"alerts[0].labels.alertname\" is a "
                                  "number, not a string: ignored)");
        hs_incident_release(&one);
    }
}

/* 10,000 bad alerts name HS_IGNORED_MAX of them, then say there are more. */
Test(state, ignored_messages_are_bounded) {
    hs__buf body = HS_BUF_INIT;
    hs_incident one;
    hs_error err = {0, ""};
    hs__buf_puts(&body, "{\"alerts\":[{\"labels\":{\"alertname\":\"A\"}}");
    for (int i = 0; i < 10000; i++)
        hs__buf_puts(&body, ",{\"startsAt\":\"now\"}");
    hs__buf_puts(&body, "]}");
    cr_assert_eq(hs_incident_from_json(body.data, body.len, &one, &err), 0,
                 "%s", err.msg);
    cr_assert_eq(one.ignored.n, HS_IGNORED_MAX + 1);
    cr_expect_str_eq(one.ignored.v[HS_IGNORED_MAX],
                     "more was ignored: only the first 16 are named");
    hs_incident_release(&one);
    hs__buf_release(&body);
}

/* A PagerDuty V3 event of incident P1: `type`, its occurred_at, and the
 * incident's status. */
static hs_incident *pd_event(const char *type, const char *at,
                             const char *status) {
    char json[400];
    hs_incident *incs = NULL;
    size_t n = 0;
    hs_error err = {0, ""};
    snprintf(json, sizeof(json),
             "{\"event\":{\"event_type\":\"%s\",\"occurred_at\":\"%s\","
             "\"data\":{\"id\":\"P1\",\"title\":\"db down\",\"status\":"
             "\"%s\",\"created_at\":\"2026-11-24T01:00:00Z\"}}}",
             type, at, status);
    cr_assert_eq(hs_incidents_from_json(json, strlen(json), &incs, &n, &err), 0,
                 "%s", err.msg);
    return incs;
}

/*
 * PagerDuty retries a failed webhook too. Its events are ordered by
 * when they occurred: a late incident.triggered leaves a resolved
 * incident resolved, a later incident.reopened opens it, and a note
 * added to a resolved incident (data.status resolved) does not reopen it
 * (it did: every event but incident.resolved was a firing).
 */
Test(state, sqlite_kind_orders_pagerduty_events) {
    char dir[32] = "/tmp/hs-state-test.XXXXXX", path[64];
    hs__state *st;
    hs_error err = {0, ""};
    state_dir(dir, path);
    cr_assert_eq(hs__state_open(NULL, path, &st, &err), 0, "%s", err.msg);
    record_then(
        st, pd_event("incident.triggered", "2026-11-24T01:00:00Z", "triggered"),
        "firing", 1, "triggered");
    record_then(
        st, pd_event("incident.resolved", "2026-11-24T01:30:00Z", "resolved"),
        "resolved", 2, "resolved");
    record_then(st,
                pd_event("incident.acknowledged", "2026-11-24T01:05:00Z",
                         "acknowledged"),
                "resolved", 3, "a late acknowledgement");
    record_then(
        st, pd_event("incident.annotated", "2026-11-24T01:40:00Z", "resolved"),
        "resolved", 4, "a note on the resolved incident");
    record_then(
        st, pd_event("incident.reopened", "2026-11-24T02:00:00Z", "triggered"),
        "firing", 5, "reopened");
    hs__state_free(st);
    state_dir_remove(dir, path);
}

/*
 * What both kinds write of a delivery (hs__alert_row): the key and the
 * shown title as the single functions give them, "json" for an incident
 * that names no source, the status from is_resolved; released to zero.
 */
Test(state, alert_row_is_what_both_kinds_write) {
    hs_incident *inc = one_incident(firing, 1);
    hs_incident plain = {0};
    hs__alert_row row;
    char *key = hs__alert_key(inc), long_title[HS__ALERT_SHOWN_BYTES + 50];
    hs__alert_row_init(&row, inc, NULL);
    cr_expect_str_eq(row.key, key);
    cr_expect_str_eq(row.source, "alertmanager");
    cr_expect_str_eq(row.status, "resolved");
    cr_expect_str_eq(row.service, "payment-api");
    cr_expect_not_null(row.symptoms);
    cr_expect_not_null(row.matches);
    hs__alert_row_release(&row);
    cr_expect_null(row.key);
    cr_expect_null(row.title);
    free(key);
    incident_free(inc);

    memset(long_title, 'x', sizeof(long_title) - 1);
    long_title[sizeof(long_title) - 1] = '\0';
    plain.title = long_title;
    hs__alert_row_init(&row, &plain, NULL);
    cr_expect_str_eq(row.source, "json");
    cr_expect_str_eq(row.status, "firing");
    cr_expect_lt(strlen(row.title), sizeof(long_title) - 1);
    cr_expect_null(row.service);
    hs__alert_row_release(&row);
    hs__alert_row_release(&row); /* released twice: nothing left to free */
}
