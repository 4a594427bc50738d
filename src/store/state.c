/*
 * The shared-state dispatch (state.h) and its embedded kind: the SQLite
 * alerts file beside the index, written through one writable store behind
 * a mutex (the file takes one writer at a time anyway). Picks the kind from
 * the URL; knows nothing of PostgreSQL beyond that (state_pg.c).
 */
#include "store/state.h"
#include "base/error.h"
#include "base/util.h"
#include "store/store.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

int hs__state_is_pg_url(const char *url) {
    return url && (!strncmp(url, "postgresql://", 13) ||
                   !strncmp(url, "postgres://", 11) || strchr(url, '='));
}

int hs__state_open(const char *url, const char *index_path, hs__state **out,
                   hs_error *err) {
    *out = NULL;
    if (url && *url) {
        if (!hs__state_is_pg_url(url))
            return hs__seterr(err, HS_EINVAL,
                              "--state needs a postgresql:// URL, not '%s'",
                              url);
        return hs__state_pg_open(url, out, err);
    }
    return hs__state_sqlite_open(index_path, out, err);
}

int hs__state_record(hs__state *st, const hs_incident *inc,
                     const hs_results *matches, int *is_resolved,
                     hs_error *err) {
    return st->ops->record(st, inc, matches, is_resolved, err);
}

int hs__state_alerts_json(hs__state *st, int limit, const char *cursor,
                          char **out, hs_error *err) {
    return st->ops->alerts_json(st, limit, cursor, out, err);
}

int hs__state_prune(hs__state *st, int days, long long *n, hs_error *err) {
    *n = 0;
    return st->ops->prune(st, days, n, err);
}

int hs__state_check(hs__state *st, hs_error *err) {
    return st->ops->check(st, err);
}

const char *hs__state_kind(const hs__state *st) {
    return st->ops->kind;
}

void hs__state_free(hs__state *st) {
    if (st)
        st->ops->free(st);
}

void hs__store_use_state(hs_store *s, hs__state *st) {
    s->state = st && st->ops->is_remote ? st : NULL;
}

/* ---------------------------------------------------------------------
 * The SQLite kind
 */

typedef struct sqlite_state {
    hs__state base;
    char *path;
    pthread_mutex_t lock;
    hs_store *writer; /* opened on first use, under lock */
} sqlite_state;

/* The writer, opened if it is not yet; call with the lock held. */
static int sqlite_writer(sqlite_state *ss, hs_error *err) {
    return ss->writer ? 0 : hs_store_open(ss->path, 0, &ss->writer, err);
}

static int sqlite_record(hs__state *st, const hs_incident *inc,
                         const hs_results *matches, int *is_resolved,
                         hs_error *err) {
    sqlite_state *ss = (sqlite_state *)st;
    int rc;
    pthread_mutex_lock(&ss->lock);
    rc = sqlite_writer(ss, err);
    if (rc == 0)
        rc = hs__alert_record(ss->writer, inc, matches, is_resolved, err);
    pthread_mutex_unlock(&ss->lock);
    return rc;
}

static int sqlite_alerts_json(hs__state *st, int limit, const char *cursor,
                              char **out, hs_error *err) {
    sqlite_state *ss = (sqlite_state *)st;
    int rc;
    *out = NULL;
    pthread_mutex_lock(&ss->lock);
    rc = sqlite_writer(ss, err);
    if (rc == 0)
        rc = hs__alerts_page_json(ss->writer, limit, cursor, out, err);
    pthread_mutex_unlock(&ss->lock);
    return rc;
}

static int sqlite_prune(hs__state *st, int days, long long *n, hs_error *err) {
    sqlite_state *ss = (sqlite_state *)st;
    int rc;
    pthread_mutex_lock(&ss->lock);
    rc = sqlite_writer(ss, err);
    if (rc == 0)
        rc = hs__alerts_prune(ss->writer, days, n, err);
    pthread_mutex_unlock(&ss->lock);
    return rc;
}

/* The file is local: it is there whenever the index is. */
static int sqlite_check(hs__state *st, hs_error *err) {
    (void)st;
    (void)err;
    return 0;
}

static void sqlite_free(hs__state *st) {
    sqlite_state *ss = (sqlite_state *)st;
    hs_store_close(ss->writer);
    pthread_mutex_destroy(&ss->lock);
    free(ss->path);
    free(ss);
}

static const hs__state_ops sqlite_ops = {
    "sqlite",     0,           sqlite_record, sqlite_alerts_json, sqlite_prune,
    sqlite_check, sqlite_free,
};

int hs__state_sqlite_open(const char *index_path, hs__state **out,
                          hs_error *err) {
    sqlite_state *ss = hs__xcalloc(1, sizeof(*ss));
    (void)err;
    ss->base.ops = &sqlite_ops;
    ss->path = hs__xstrdup(index_path);
    pthread_mutex_init(&ss->lock, NULL);
    /* the writer now, so a read-only index is noticed at start; if it
     * cannot be had, alerts fail one by one with a clear error */
    if (hs_store_open(ss->path, 0, &ss->writer, NULL) != 0)
        ss->writer = NULL;
    *out = &ss->base;
    return 0;
}
