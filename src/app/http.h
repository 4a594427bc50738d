/*
 * The HTTP service of `hindsight serve`: SPEC.md's JSON API and the alert
 * webhook, on libmicrohttpd. http.c is the only libmicrohttpd includer.
 */
#ifndef HS_HTTP_H
#define HS_HTTP_H

#include "hindsight.h"

typedef struct hs__http_opts {
    const char *db;       /* index path */
    const char *listen;   /* "ADDR:PORT"; "127.0.0.1:8080" when NULL */
    const char *token;    /* bearer token for the API, NULL for none */
    int threads;          /* worker threads; <= 0: one per core */
    int is_quiet;         /* no access log */
    const char *concepts; /* extra thesaurus lines for similar, or NULL */
} hs__http_opts;

typedef struct hs__http hs__http;

/* Start serving in background threads. `*out` is the server, stop it with
 * hs__http_stop. Errors: HS_EINVAL (bad address), HS_EIO (cannot bind). */
int hs__http_start(const hs__http_opts *o, hs__http **out, hs_error *err);

/* The port actually bound (useful with port 0). */
int hs__http_port(const hs__http *h);

/* Stop accepting, let in-flight requests finish, and free everything. */
void hs__http_stop(hs__http *h);

#endif
