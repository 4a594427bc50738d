/*
 * The shared state of `serve`: the alerts it receives, with their matches
 * and resolution. Two kinds stand behind one small vtable: the SQLite
 * alerts file beside the index (the embedded default, alerts.c) and a
 * PostgreSQL database that any number of replicas share (state_pg.c, the
 * only libpq includer). Every hs__state is safe to call from any thread.
 */
#ifndef HS_STATE_H
#define HS_STATE_H

#include "hindsight.h"
#include "model/normalize.h"

struct json_t;
typedef struct hs__state hs__state;

typedef struct hs__state_ops {
    const char *kind; /* "sqlite" or "postgresql" */
    /* a state the index's own store cannot read (PostgreSQL) */
    int is_remote;
    int (*record)(hs__state *st, const hs_incident *inc,
                  const hs_results *matches, int *is_resolved, hs_error *err);
    int (*alerts_json)(hs__state *st, int limit, const char *cursor, char **out,
                       hs_error *err);
    /* delete the alerts last seen more than `days` days ago; `*n` counts
     * them */
    int (*prune)(hs__state *st, int days, long long *n, hs_error *err);
    /* 0 when the state can be written now, else HS_EUNAVAIL or another
     * HS_E* code; cheap enough for every health check */
    int (*check)(hs__state *st, hs_error *err);
    void (*free)(hs__state *st);
} hs__state_ops;

struct hs__state {
    const hs__state_ops *ops;
};

/*
 * Open the state: `url` "postgresql://..." or "postgres://..." (or a libpq
 * "key=value" string) for PostgreSQL, else NULL for the SQLite alerts file
 * beside the index at `index_path`. A PostgreSQL that cannot be reached now
 * is not an error: the state connects (and migrates the schema) when it is
 * first needed and again after every failure. `*out`: free with
 * hs__state_free(). Errors: HS_EINVAL (a URL libpq cannot parse).
 */
int hs__state_open(const char *url, const char *index_path, hs__state **out,
                   hs_error *err);

/* Record one alert; commits before it returns 0. `is_resolved` (OUT, may
 * be NULL): whether the alert is resolved once this delivery is recorded,
 * which a late delivery leaves as it was. Errors: HS_EUNAVAIL
 * (PostgreSQL unreachable), HS_EDB, HS_EBUSY, HS_EREADONLY. */
int hs__state_record(hs__state *st, const hs_incident *inc,
                     const hs_results *matches, int *is_resolved,
                     hs_error *err);
/* hs_alert_record, with the stored status as hs__state_record's. */
int hs__alert_record(hs_store *s, const hs_incident *inc,
                     const hs_results *matches, int *is_resolved,
                     hs_error *err);
/*
 * One page of the alerts, newest (last seen) first, as hs_alerts_json,
 * plus "next": the cursor of the page after this one, or null on the last.
 * `limit` <= 0 is HS__ALERTS_LIMIT; `cursor` is NULL for the first page or
 * a "next" this kind of state answered. The order is (last seen, row) and
 * the cursor names the last row's, so walking the pages lists each alert
 * once while new ones arrive (at the front). Errors: HS_EINVAL (a cursor
 * it did not make), and as hs__state_record.
 */
#define HS__ALERTS_LIMIT 100
int hs__state_alerts_json(hs__state *st, int limit, const char *cursor,
                          char **out, hs_error *err);
/*
 * Delete the alerts last seen more than `days` (>= 1) days ago; `*n` is
 * how many. Safe when several replicas do it at once. Errors: as
 * hs__state_record.
 */
int hs__state_prune(hs__state *st, int days, long long *n, hs_error *err);
/* 0 when the state can take writes now; HS_EUNAVAIL or another code. */
int hs__state_check(hs__state *st, hs_error *err);
const char *hs__state_kind(const hs__state *st);
void hs__state_free(hs__state *st);

/*
 * Make hs_alerts_json and hs_alert_record on `s` answer from `st` when `st`
 * is remote (the store cannot read it itself); a no-op for the SQLite kind,
 * whose file the store attaches. `st` is borrowed and must outlive `s`.
 */
void hs__store_use_state(hs_store *s, hs__state *st);

/* The SQLite kind's work on the alerts file of `s` (alerts.c), or a remote
 * state's when `s` was given one: as hs__state_alerts_json and
 * hs__state_prune. */
int hs__alerts_page_json(hs_store *s, int limit, const char *cursor, char **out,
                         hs_error *err);
int hs__alerts_prune(hs_store *s, int days, long long *n, hs_error *err);

/* The kinds. */
int hs__state_sqlite_open(const char *index_path, hs__state **out,
                          hs_error *err);
int hs__state_pg_open(const char *url, hs__state **out, hs_error *err);
/* Whether `url` names PostgreSQL rather than a file. */
int hs__state_is_pg_url(const char *url);

/*
 * Shared by both kinds (alerts.c), so an alert reads the same from either:
 * the alert's key ("source:fingerprint", or "source:" and a hash of its
 * text), its symptoms as a JSON array, and one listing entry built from
 * text columns key, source, title, service, status, first_seen, last_seen
 * (any may be NULL), the delivery count, and the stored symptoms and
 * matches JSON. The key and symptoms are new strings (free with free());
 * the entry is a new jansson reference.
 */
char *hs__alert_key(const hs_incident *inc);
char *hs__alert_symptoms_json(const hs_incident *inc);
/* `s` (may be NULL) as an alert keeps a title or a service to show: at
 * most HS__ALERT_SHOWN_BYTES bytes, cut on a character boundary with an
 * ellipsis after. Ranking and the alert's key use the whole text. */
#define HS__ALERT_SHOWN_BYTES 500
char *hs__alert_shown(const char *s);
/* The answer {"alerts": list, "next": next or null}, compact as every
 * answer of the API; steals `list`. */
char *hs__alerts_answer(struct json_t *list, const char *next);
/* The matches as stored: hs_results_to_json, or no results for NULL. */
char *hs__alert_matches_json(const hs_results *matches);
struct json_t *hs__alert_entry(const char *const text[7], long long deliveries,
                               const char *symptoms, const char *matches);

/*
 * What both kinds write of one delivery of an alert, worked out once so
 * that they cannot store it differently. The strings are new (release with
 * hs__alert_row_release) but source and status, which are borrowed from
 * `inc` or static.
 */
typedef struct hs__alert_row {
    char *key, *symptoms, *matches; /* hs__alert_key, ..._json */
    char *title, *service;          /* hs__alert_shown */
    const char *source;             /* "json" when inc names none */
    const char *status;             /* "resolved" or "firing" */
    /* the firing's start in UTC as hs__time_utc writes it ("" for none),
     * so that one instant written two ways is one firing */
    char start[HS__UTC_LEN];
} hs__alert_row;
void hs__alert_row_init(hs__alert_row *row, const hs_incident *inc,
                        const hs_results *matches);
void hs__alert_row_release(hs__alert_row *row);

#endif
