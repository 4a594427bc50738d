/*
 * The HTTP service of `hindsight serve`: SPEC.md's JSON API and the alert
 * webhook, on libmicrohttpd. http.c is the only libmicrohttpd includer.
 */
#ifndef HS_HTTP_H
#define HS_HTTP_H

#include "hindsight.h"

typedef struct hs__http_opts {
    const char *db;     /* index path */
    const char *listen; /* "ADDR:PORT"; "127.0.0.1:8080" when NULL */
    const char *token;  /* token every path but /api/health needs, or NULL */
    const char *state;  /* postgresql:// URL; NULL: the SQLite alerts file */
    int threads;        /* worker threads; <= 0: one per core */
    int is_quiet;       /* no access log, no libmicrohttpd messages */
    /* Host names answered besides the loopback ones (--allowed-host) */
    const char *const *allowed_hosts;
    size_t n_allowed_hosts;
    int per_client_limit; /* connections per client address; <= 0: 128 */
    int is_watching;      /* serve --watch: health counts the index runs */
    const char *concepts; /* extra thesaurus lines for similar, or NULL */
} hs__http_opts;

typedef struct hs__http hs__http;

/* Start serving in background threads. `*out` is the server, stop it with
 * hs__http_stop. Errors: HS_EINVAL (bad address), HS_EIO (cannot bind). */
int hs__http_start(const hs__http_opts *o, hs__http **out, hs_error *err);

/* The port actually bound (useful with port 0). */
int hs__http_port(const hs__http *h);

/* Delete the received alerts last seen more than `days` (>= 1) days ago,
 * from whichever state serves them; `*n` counts them. */
int hs__http_prune_alerts(hs__http *h, int days, long long *n, hs_error *err);

/* Count one index run of `serve --watch` (any thread): /api/health
 * answers "index_runs" and "index_failures". */
void hs__http_count_index_run(hs__http *h, int is_ok);

/* Stop accepting, let in-flight requests finish (at most
 * HS__HTTP_DRAIN_SECONDS), and free everything. */
#define HS__HTTP_DRAIN_SECONDS 30
void hs__http_stop(hs__http *h);

#endif
