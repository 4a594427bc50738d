/*
 * The PostgreSQL kind of shared state (state.h): the alerts of every
 * replica in one database. The only libpq includer. A PGconn is not
 * thread-safe, so each thread has its own, made on first use and made
 * again after the server went away. The schema is created and migrated
 * under a transaction-scoped advisory lock, so replicas that start together
 * take turns; every write commits before it returns, so nothing is
 * acknowledged that a crash of this process could lose. libpq is loaded
 * when the first such state opens (base/dynlib.h), so a process without
 * --state postgres://... never maps it; every call goes through `pq`.
 */
#include "base/buf.h"
#include "base/dynlib.h"
#include "base/error.h"
#include "base/util.h"
#include "model/normalize.h"
#include "store/state.h"

#include <jansson.h>
#include <libpq-fe.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/banned.h"

/* The libpq functions this file calls, as pq.<name> for PQ<name>. */
#define PQ_FUNCS(X, ...)                                                       \
    X(__VA_ARGS__, clear)                                                      \
    X(__VA_ARGS__, cmdTuples)                                                  \
    X(__VA_ARGS__, connectdbParams)                                            \
    X(__VA_ARGS__, conninfoFree)                                               \
    X(__VA_ARGS__, conninfoParse)                                              \
    X(__VA_ARGS__, errorMessage)                                               \
    X(__VA_ARGS__, exec)                                                       \
    X(__VA_ARGS__, execParams)                                                 \
    X(__VA_ARGS__, finish)                                                     \
    X(__VA_ARGS__, freemem)                                                    \
    X(__VA_ARGS__, getisnull)                                                  \
    X(__VA_ARGS__, getvalue)                                                   \
    X(__VA_ARGS__, isthreadsafe)                                               \
    X(__VA_ARGS__, ntuples)                                                    \
    X(__VA_ARGS__, resultErrorField)                                           \
    X(__VA_ARGS__, resultErrorMessage)                                         \
    X(__VA_ARGS__, resultStatus)                                               \
    X(__VA_ARGS__, setNoticeProcessor)                                         \
    X(__VA_ARGS__, status)

/* Filled once per process by hs__dynlib_load, read-only after. */
HS__DYNLIB(libpq, pq, PQ_FUNCS, PQ, "libpq.so.5", "libpq5",
           "shared state in PostgreSQL");

/* pg_advisory_xact_lock key of the migration: "hind" in ASCII */
#define MIGRATE_LOCK "1751740004"
/* after a failed connection attempt, the next waits this long */
#define RETRY_NS 200000000LL
/* health trusts a connection that answered this recently */
#define CHECK_TTL_NS 1000000000LL

/*
 * The schema, one step per version: hindsight_schema holds the version
 * reached, and a start runs the steps above it. Append, never edit.
 */
static const char *const migrations[] = {
    /* 1: one row per alert firing: the same fingerprint and start is the
     * same alert, whichever replica it was delivered to */
    "CREATE TABLE hindsight_alerts("
    " id bigserial PRIMARY KEY,"
    " key text NOT NULL,"                  /* source:fingerprint */
    " starts_at text NOT NULL DEFAULT ''," /* in UTC since version 3 */
    " source text NOT NULL, title text, service text,"
    " status text NOT NULL," /* firing | resolved */
    " first_seen timestamptz NOT NULL DEFAULT now(),"
    " last_seen timestamptz NOT NULL DEFAULT now(),"
    " resolved_at timestamptz,"
    " deliveries integer NOT NULL DEFAULT 1,"
    " symptoms text NOT NULL," /* JSON array */
    " matches text,"           /* similar postmortems as JSON */
    " UNIQUE (key, starts_at));"
    "CREATE INDEX hindsight_alerts_last_seen ON hindsight_alerts(last_seen)",
    /* 2: which replica took the latest delivery, for operators */
    "ALTER TABLE hindsight_alerts ADD COLUMN last_replica text",
    /* 3: starts_at is the instant in UTC (hs__time_utc), not the text as
     * sent; rows that name one instant two ways are merged by C code, as
     * PostgreSQL cannot keep nine digits of fraction (normalise_starts) */
    NULL,
};
#define SCHEMA_VERSION ((int)(sizeof(migrations) / sizeof(migrations[0])))

/* One thread's connection. */
typedef struct slot {
    PGconn *conn;
    int has_failed; /* the last connection attempt failed, at failed_at */
    struct timespec failed_at;
    char failed_msg[256];
    int is_checked; /* the server answered at checked_at */
    struct timespec checked_at;
    struct slot *next;
} slot;

typedef struct pg_state {
    hs__state base;
    char *url;
    char replica[160]; /* host:pid */
    pthread_key_t key; /* this thread's slot */
    pthread_mutex_t lock;
    slot *slots;     /* every slot, freed at close; under lock */
    int is_migrated; /* under lock */
} pg_state;

static int64_t ns_since(const struct timespec *t) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)(now.tv_sec - t->tv_sec) * 1000000000 + now.tv_nsec -
           t->tv_nsec;
}

/* libpq's message up to its first newline, into `out`. */
static void first_line(const char *msg, char *out, size_t size) {
    size_t n = msg ? strcspn(msg, "\n") : 0;
    if (n >= size)
        n = size - 1;
    if (n)
        memcpy(out, msg, n);
    out[n] = '\0';
}

/*
 * The HS_E* code for a failed command, with libpq's message: connection
 * loss and the server's operator-intervention, resource and read-only
 * (a standby) classes are HS_EUNAVAIL, which the webhook answers with 503
 * so the sender retries; serialization failures are HS_EBUSY.
 */
static int pg_err(PGconn *conn, const PGresult *res, const char *what,
                  hs_error *err) {
    const char *state = res ? pq.resultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = res && *pq.resultErrorMessage(res)
                          ? pq.resultErrorMessage(res)
                          : pq.errorMessage(conn);
    char line[200];
    int code = HS_EDB;
    first_line(msg, line, sizeof(line));
    if (pq.status(conn) != CONNECTION_OK || !state ||
        !strncmp(state, "08", 2) || !strncmp(state, "57", 2) ||
        !strncmp(state, "53", 2) || !strcmp(state, "25006"))
        code = HS_EUNAVAIL;
    else if (!strncmp(state, "40", 2))
        code = HS_EBUSY;
    return hs__seterr(err, code, "%s: %s", what, line);
}

/* Run one command on `conn` that returns no rows. */
static int exec_ok(PGconn *conn, const char *sql, const char *what,
                   hs_error *err) {
    PGresult *r = pq.exec(conn, sql);
    ExecStatusType st = pq.resultStatus(r);
    int rc = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK
                 ? 0
                 : pg_err(conn, r, what, err);
    pq.clear(r);
    return rc;
}

/*
 * One row's start in UTC ($2), merged into the row that already has that
 * key and start, or written in place when none has: the deliveries add
 * up, the first and last seen widen, and a resolution of either is the
 * merged row's (a resolution is final for an alert with a start).
 */
static const char *const merge_start_sql =
    "WITH d AS (SELECT * FROM hindsight_alerts WHERE id = $1::bigint), "
    "m AS (UPDATE hindsight_alerts AS a SET"
    " deliveries = a.deliveries + d.deliveries,"
    " first_seen = least(a.first_seen, d.first_seen),"
    " last_seen = greatest(a.last_seen, d.last_seen),"
    " status = CASE WHEN d.status = 'resolved' THEN d.status"
    "  ELSE a.status END,"
    " resolved_at = CASE WHEN 'resolved' IN (a.status, d.status)"
    "  THEN least(a.resolved_at, d.resolved_at) END,"
    " matches = coalesce(a.matches, d.matches)"
    " FROM d WHERE a.key = d.key AND a.starts_at = $2::text"
    " AND a.id <> d.id RETURNING a.id), "
    "x AS (DELETE FROM hindsight_alerts WHERE id = $1::bigint"
    " AND EXISTS (SELECT 1 FROM m)) "
    "UPDATE hindsight_alerts SET starts_at = $2::text WHERE id = $1::bigint"
    " AND NOT EXISTS (SELECT 1 FROM m)";

/*
 * Migration 3: every start written as the sender wrote it
 * ("2026-01-01T10:00:00Z", "...+00:00", "....000Z" made three rows of one
 * firing) becomes the instant in UTC as hs__time_utc writes it, which is
 * how pg_record keys a delivery from now on. A start that is no RFC 3339
 * time (stored before webhook times were checked) stays as it is.
 */
static int normalise_starts(PGconn *conn, hs_error *err) {
    PGresult *r = pq.exec(conn, "SELECT id, starts_at FROM hindsight_alerts"
                                " WHERE starts_at <> '' ORDER BY id");
    int rc = 0, n;
    if (pq.resultStatus(r) != PGRES_TUPLES_OK) {
        rc = pg_err(conn, r, "cannot read the alerts' starts", err);
        pq.clear(r);
        return rc;
    }
    n = pq.ntuples(r);
    for (int i = 0; rc == 0 && i < n; i++) {
        const char *params[2], *start = pq.getvalue(r, i, 1);
        char utc[HS__UTC_LEN];
        PGresult *u;
        if (hs__time_utc(start, utc) != 0 || !strcmp(utc, start))
            continue;
        params[0] = pq.getvalue(r, i, 0);
        params[1] = utc;
        u = pq.execParams(conn, merge_start_sql, 2, NULL, params, NULL, NULL,
                          0);
        if (pq.resultStatus(u) != PGRES_COMMAND_OK)
            rc = pg_err(conn, u, "cannot write an alert's start in UTC", err);
        pq.clear(u);
    }
    pq.clear(r);
    return rc;
}

/*
 * Create or migrate the schema. The advisory lock is taken first and held
 * to COMMIT, so a second replica starting at the same moment waits here and
 * then finds the version already reached; even CREATE TABLE IF NOT EXISTS
 * is not safe against a concurrent twin without it.
 */
static int migrate(PGconn *conn, hs_error *err) {
    PGresult *r;
    int rc, version = 0;
    char sql[160];
    rc = exec_ok(conn, "BEGIN", "cannot migrate the shared state", err);
    if (rc == 0)
        rc = exec_ok(conn, "SELECT pg_advisory_xact_lock(" MIGRATE_LOCK ")",
                     "cannot lock the shared state schema", err);
    if (rc == 0)
        rc = exec_ok(conn,
                     "CREATE TABLE IF NOT EXISTS hindsight_schema("
                     " id integer PRIMARY KEY CHECK (id = 1),"
                     " version integer NOT NULL)",
                     "cannot create the schema table", err);
    if (rc == 0) {
        r = pq.exec(conn, "SELECT version FROM hindsight_schema WHERE id = 1");
        if (pq.resultStatus(r) != PGRES_TUPLES_OK)
            rc = pg_err(conn, r, "cannot read the schema version", err);
        else if (pq.ntuples(r) == 1)
            version = (int)strtol(pq.getvalue(r, 0, 0), NULL, 10);
        pq.clear(r);
    }
    /* a newer replica may have gone further: its steps only add */
    for (int v = version; rc == 0 && v < SCHEMA_VERSION; v++)
        rc = migrations[v] ? exec_ok(conn, migrations[v],
                                     "cannot migrate the shared state", err)
                           : normalise_starts(conn, err);
    if (rc == 0 && version < SCHEMA_VERSION) {
        snprintf(sql, sizeof(sql),
                 "INSERT INTO hindsight_schema(id, version) VALUES (1, %d) "
                 "ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version",
                 SCHEMA_VERSION);
        rc = exec_ok(conn, sql, "cannot record the schema version", err);
    }
    if (rc == 0)
        rc = exec_ok(conn, "COMMIT", "cannot migrate the shared state", err);
    else
        pq.clear(pq.exec(conn, "ROLLBACK"));
    return rc;
}

/* libpq prints NOTICEs on stderr by default; only src/app prints. */
static void ignore_notice(void *arg, const char *msg) {
    (void)arg;
    (void)msg;
}

/* A new connection, or NULL with the reason in `err` (HS_EUNAVAIL). */
static PGconn *pg_connect(pg_state *ps, hs_error *err) {
    /* defaults first: the URL's own parameters override them */
    static const char *const keys[] = {
        "connect_timeout", "fallback_application_name", "dbname", NULL};
    const char *values[] = {"3", "hindsight", ps->url, NULL};
    PGconn *conn = pq.connectdbParams(keys, values, 1);
    char line[200];
    if (conn && pq.status(conn) == CONNECTION_OK) {
        pq.setNoticeProcessor(conn, ignore_notice, NULL);
        return conn;
    }
    first_line(conn ? pq.errorMessage(conn) : "out of memory", line,
               sizeof(line));
    hs__seterr(err, HS_EUNAVAIL, "cannot connect to the shared state: %s",
               line);
    pq.finish(conn);
    return NULL;
}

static slot *this_slot(pg_state *ps) {
    slot *sl = pthread_getspecific(ps->key);
    if (!sl) {
        sl = hs__xcalloc(1, sizeof(*sl));
        pthread_mutex_lock(&ps->lock);
        sl->next = ps->slots;
        ps->slots = sl;
        pthread_mutex_unlock(&ps->lock);
        pthread_setspecific(ps->key, sl);
    }
    return sl;
}

/*
 * This thread's connection, made (and the schema migrated, once per
 * process) if it has none. After a failed attempt the next one waits
 * RETRY_NS, so a storm against a dead server costs one attempt per thread
 * per RETRY_NS, not one per request.
 */
static int slot_connect(pg_state *ps, slot *sl, hs_error *err) {
    int rc = 0, is_migrated;
    if (sl->conn && pq.status(sl->conn) == CONNECTION_OK)
        return 0;
    pq.finish(sl->conn);
    sl->conn = NULL;
    sl->is_checked = 0;
    if (sl->has_failed && ns_since(&sl->failed_at) < RETRY_NS)
        return hs__seterr(err, HS_EUNAVAIL, "%s", sl->failed_msg);
    sl->conn = pg_connect(ps, err);
    if (!sl->conn)
        rc = HS_EUNAVAIL;
    pthread_mutex_lock(&ps->lock);
    is_migrated = ps->is_migrated;
    pthread_mutex_unlock(&ps->lock);
    if (rc == 0 && !is_migrated) {
        rc = migrate(sl->conn, err);
        if (rc == 0) {
            pthread_mutex_lock(&ps->lock);
            ps->is_migrated = 1;
            pthread_mutex_unlock(&ps->lock);
        }
    }
    if (rc) {
        pq.finish(sl->conn);
        sl->conn = NULL;
        sl->has_failed = 1;
        clock_gettime(CLOCK_MONOTONIC, &sl->failed_at);
        snprintf(sl->failed_msg, sizeof(sl->failed_msg), "%s",
                 err && err->msg[0] ? err->msg : "shared state unavailable");
        return rc;
    }
    sl->has_failed = 0;
    return 0;
}

/*
 * Run `sql` with text parameters on this thread's connection and expect
 * `want`. A connection found dead is made again and the command run once
 * more: every command here may run twice (the writes are upserts).
 */
static int pg_run(pg_state *ps, const char *sql, int n,
                  const char *const *params, ExecStatusType want,
                  const char *what, PGresult **out, hs_error *err) {
    slot *sl = this_slot(ps);
    int rc = 0;
    *out = NULL;
    for (int attempt = 0; attempt < 2; attempt++) {
        PGresult *r;
        int was_lost;
        if ((rc = slot_connect(ps, sl, err)) != 0)
            return rc;
        r = pq.execParams(sl->conn, sql, n, NULL, params, NULL, NULL, 0);
        if (pq.resultStatus(r) == want) {
            sl->is_checked = 1;
            clock_gettime(CLOCK_MONOTONIC, &sl->checked_at);
            *out = r;
            return 0;
        }
        rc = pg_err(sl->conn, r, what, err);
        pq.clear(r);
        was_lost = pq.status(sl->conn) != CONNECTION_OK;
        if (!was_lost)
            return rc;
        pq.finish(sl->conn);
        sl->conn = NULL;
    }
    return rc;
}

/*
 * One upsert per delivery. A resolution is final for an alert with a
 * start: a late retry of its firing notification, delivered to another
 * replica after the resolution, must not make it fire again (Alertmanager
 * gives a new firing a new start). Without a start the latest status wins,
 * as in the SQLite kind.
 *
 * Alertmanager merges a firing into the alert still active under the same
 * labels and keeps the earlier start, so the same alert can come back with
 * a start before the one first delivered. A delivery whose start has no
 * row of its own goes to the key's firing rows that started after it (the
 * merged alert covers them) rather than opening a row of its own, which
 * its resolution would have closed while the first row fired forever.
 */
#define RECORD_SET                                                             \
    " last_seen = now(), deliveries = a.deliveries + 1,"                       \
    " title = $4::text, service = $5::text, symptoms = $7::text,"              \
    " last_replica = $9::text,"
static const char *const record_sql =
    "WITH merged AS ("
    " UPDATE hindsight_alerts AS a SET" RECORD_SET " status = $6::text,"
    " resolved_at = CASE WHEN $6::text = 'resolved'"
    "  THEN coalesce(a.resolved_at, now()) END,"
    " matches = CASE WHEN $6::text = 'resolved' AND a.matches IS NOT NULL"
    "  THEN a.matches ELSE $8::text END"
    " WHERE a.key = $1::text AND $2::text <> '' AND a.status = 'firing'"
    "  AND a.starts_at > $2::text AND NOT EXISTS (SELECT 1 FROM"
    "  hindsight_alerts o WHERE o.key = $1::text AND o.starts_at = $2::text)"
    " RETURNING a.status), "
    "own AS ("
    " INSERT INTO hindsight_alerts AS a (key, starts_at, source, title, "
    " service, status, resolved_at, symptoms, matches, last_replica) "
    " SELECT $1::text, $2::text, $3::text, $4::text, $5::text, $6::text, "
    " CASE WHEN $6::text = 'resolved' THEN now() END, $7::text, $8::text, "
    " $9::text WHERE NOT EXISTS (SELECT 1 FROM merged) "
    " ON CONFLICT (key, starts_at) DO UPDATE SET" RECORD_SET
    " status = CASE WHEN a.status = 'resolved' AND a.starts_at <> ''"
    "  THEN 'resolved' ELSE EXCLUDED.status END,"
    " resolved_at = CASE WHEN a.status = 'resolved' AND a.starts_at <> ''"
    "  THEN a.resolved_at WHEN EXCLUDED.status = 'resolved'"
    "  THEN coalesce(a.resolved_at, now()) END,"
    " matches = CASE WHEN EXCLUDED.status = 'resolved' AND a.matches IS "
    "  NOT NULL THEN a.matches ELSE EXCLUDED.matches END "
    " RETURNING a.status) "
    "SELECT status FROM merged UNION ALL SELECT status FROM own";

static int pg_record(hs__state *st, const hs_incident *inc,
                     const hs_results *matches, int *is_resolved,
                     hs_error *err) {
    pg_state *ps = (pg_state *)st;
    hs__alert_row row;
    const char *params[9];
    PGresult *r;
    int rc;
    hs__alert_row_init(&row, inc, matches);
    params[0] = row.key;
    params[1] = row.start;
    params[2] = row.source;
    params[3] = row.title;
    params[4] = row.service;
    params[5] = row.status;
    params[6] = row.symptoms;
    params[7] = row.matches;
    params[8] = ps->replica;
    rc = pg_run(ps, record_sql, 9, params, PGRES_TUPLES_OK,
                "cannot record alert", &r, err);
    /* the status stored, which a late firing left resolved (the rows a
     * merged delivery reached all took the same one) */
    if (rc == 0 && is_resolved)
        *is_resolved =
            pq.ntuples(r) >= 1 && !strcmp(pq.getvalue(r, 0, 0), "resolved");
    pq.clear(r);
    hs__alert_row_release(&row);
    return rc;
}

#define ISO_UTC(col)                                                           \
    "to_char(" col " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

/*
 * The cursor: the last row's last_seen in microseconds since the epoch
 * (exact: timestamptz keeps microseconds) and id, as "MICROS_ID", both
 * digits only. Checked here so PostgreSQL never sees a malformed one.
 */
static int parse_cursor(const char *cursor, char micros[24], char id[24],
                        hs_error *err) {
    size_t a = strspn(cursor, "0123456789");
    size_t b = cursor[a] == '_' ? strspn(cursor + a + 1, "0123456789") : 0;
    if (!a || a >= 20 || !b || b >= 20 || cursor[a + 1 + b])
        return hs__seterr(err, HS_EINVAL, HS__CURSOR_REFUSED);
    memcpy(micros, cursor, a);
    micros[a] = '\0';
    memcpy(id, cursor + a + 1, b);
    id[b] = '\0';
    return 0;
}

static int pg_alerts_json(hs__state *st, int limit, const char *cursor,
                          char **out, hs_error *err) {
    /* one row more than asked for tells whether there is a next page */
    static const char *const sql =
        "SELECT key, source, title, service, status, " /**/
        ISO_UTC("first_seen") ", " ISO_UTC(
            "last_seen") ", "
                         "deliveries, symptoms, matches, nullif(starts_at, "
                         "''), " /**/
        ISO_UTC(
            "resolved_at") ", "
                           "(extract(epoch FROM last_seen) * 1000000)::bigint, "
                           "id FROM hindsight_alerts "
                           "WHERE $2::bigint IS NULL OR (last_seen, id) < "
                           "('epoch'::timestamptz + $2::bigint * "
                           "interval '1 microsecond', $3::bigint) "
                           "ORDER BY last_seen DESC, id DESC LIMIT $1::integer";
    pg_state *ps = (pg_state *)st;
    char n[16], micros[24] = "", id[24] = "", next[64] = "";
    const char *params[3] = {n, NULL, NULL};
    json_t *list;
    PGresult *r;
    int rc, rows;
    *out = NULL;
    if (limit <= 0)
        limit = HS__ALERTS_LIMIT;
    if (cursor) {
        if ((rc = parse_cursor(cursor, micros, id, err)) != 0)
            return rc;
        params[1] = micros;
        params[2] = id;
    }
    snprintf(n, sizeof(n), "%d", limit + 1);
    rc = pg_run(ps, sql, 3, params, PGRES_TUPLES_OK, "cannot read alerts", &r,
                err);
    if (rc)
        return rc;
    list = json_array();
    rows = pq.ntuples(r);
    for (int i = 0; i < rows && i < limit; i++) {
        const char *text[7];
        json_t *a;
        for (int c = 0; c < 7; c++)
            text[c] = pq.getisnull(r, i, c) ? NULL : pq.getvalue(r, i, c);
        a = hs__alert_entry(
            text, strtoll(pq.getvalue(r, i, 7), NULL, 10), pq.getvalue(r, i, 8),
            pq.getisnull(r, i, 9) ? NULL : pq.getvalue(r, i, 9));
        for (int c = 10; c < 12; c++) {
            char shown[HS__UTC_LEN];
            if (!pq.getisnull(r, i, c))
                hs__time_shown(pq.getvalue(r, i, c), shown);
            json_object_set_new(a, c == 10 ? "starts_at" : "resolved_at",
                                pq.getisnull(r, i, c) ? json_null()
                                                      : json_string(shown));
        }
        json_array_append_new(list, a);
        if (i == limit - 1)
            snprintf(next, sizeof(next), "%s_%s", pq.getvalue(r, i, 12),
                     pq.getvalue(r, i, 13));
    }
    pq.clear(r);
    *out = hs__alerts_answer(list, rows > limit ? next : NULL);
    return 0;
}

/*
 * Replicas may prune at the same moment: each DELETE skips the rows
 * another has deleted (it waits for that one's commit and finds them
 * gone), so the outcome is the same and nothing fails.
 */
static int pg_prune(hs__state *st, int days, long long *n, hs_error *err) {
    static const char *const sql =
        "DELETE FROM hindsight_alerts "
        "WHERE last_seen < now() - $1::integer * interval '1 day'";
    pg_state *ps = (pg_state *)st;
    char d[16];
    const char *params[1] = {d};
    PGresult *r;
    int rc;
    snprintf(d, sizeof(d), "%d", days);
    rc = pg_run(ps, sql, 1, params, PGRES_COMMAND_OK,
                "cannot delete old alerts", &r, err);
    if (rc == 0)
        *n = strtoll(pq.cmdTuples(r), NULL, 10);
    pq.clear(r);
    return rc;
}

/* A round trip at most once per CHECK_TTL_NS per thread. */
static int pg_check(hs__state *st, hs_error *err) {
    pg_state *ps = (pg_state *)st;
    slot *sl = this_slot(ps);
    PGresult *r;
    int rc;
    if (sl->conn && pq.status(sl->conn) == CONNECTION_OK && sl->is_checked &&
        ns_since(&sl->checked_at) < CHECK_TTL_NS)
        return 0;
    rc = pg_run(ps, "SELECT 1", 0, NULL, PGRES_TUPLES_OK,
                "shared state unavailable", &r, err);
    pq.clear(r);
    return rc;
}

static void pg_free(hs__state *st) {
    pg_state *ps = (pg_state *)st;
    slot *sl = ps->slots, *next;
    for (; sl; sl = next) {
        next = sl->next;
        pq.finish(sl->conn);
        free(sl);
    }
    pthread_key_delete(ps->key);
    pthread_mutex_destroy(&ps->lock);
    free(ps->url);
    free(ps);
}

static const hs__state_ops pg_ops = {
    "postgresql", 1, pg_record, pg_alerts_json, pg_prune, pg_check, pg_free,
};

int hs__state_pg_open(const char *url, hs__state **out, hs_error *err) {
    pg_state *ps;
    char *msg = NULL, host[128];
    PQconninfoOption *opts;
    PGconn *conn;
    int rc = hs__dynlib_load(&libpq, err);
    *out = NULL;
    if (rc != 0)
        return rc;
    opts = pq.conninfoParse(url, &msg);
    if (!opts) {
        char line[200];
        first_line(msg ? msg : "out of memory", line, sizeof(line));
        pq.freemem(msg);
        return hs__seterr(err, HS_EINVAL, "bad --state URL: %s", line);
    }
    pq.conninfoFree(opts);
    if (!pq.isthreadsafe())
        return hs__seterr(err, HS_EINVAL, "libpq is not thread-safe");
    ps = hs__xcalloc(1, sizeof(*ps));
    ps->base.ops = &pg_ops;
    ps->url = hs__xstrdup(url);
    if (gethostname(host, sizeof(host)) != 0)
        memcpy(host, "localhost", 10);
    host[sizeof(host) - 1] = '\0';
    snprintf(ps->replica, sizeof(ps->replica), "%s:%ld", host, (long)getpid());
    pthread_key_create(&ps->key, NULL);
    pthread_mutex_init(&ps->lock, NULL);
    /* migrate now if the server is there; if not, the first thread that
     * connects does it (the workers never share this connection) */
    if ((conn = pg_connect(ps, NULL)) != NULL) {
        if (migrate(conn, NULL) == 0)
            ps->is_migrated = 1;
        pq.finish(conn);
    }
    *out = &ps->base;
    return 0;
}
