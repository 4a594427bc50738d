/*
 * The serve command: start the HTTP service (and with --watch the thread
 * that keeps the index fresh), delete old alerts at start and once a day,
 * wait for SIGINT or SIGTERM, then stop cleanly (in-flight requests
 * finish).
 */
#include "app/cli.h"
#include "app/http.h"
#include "app/watch.h"
#include "base/buf.h"
#include "base/util.h"
#include "model/record.h"
#include "store/index.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/banned.h"

/* --alerts-keep: received alerts older than this many days are deleted */
#define ALERTS_KEEP_DEFAULT 90
#define ALERTS_KEEP_MAX 36500
#define PRUNE_EVERY_SECONDS (24 * 60 * 60)

/* Delete the alerts not seen for `days` days, and say how many went. */
static void prune_alerts(hs__http *h, int days, int is_quiet) {
    hs_error err = {0, ""};
    long long n = 0;
    if (hs__http_prune_alerts(h, days, &n, &err) != 0)
        fprintf(stderr, "hindsight: cannot delete old alerts: %s\n",
                err.msg[0] ? err.msg : hs_strerror(err.code));
    else if (n && !is_quiet)
        fprintf(stderr, "hindsight: deleted %lld alerts not seen for %d days\n",
                n, days);
}

static void on_index_run(void *ctx, int is_ok) {
    hs__http_count_index_run(ctx, is_ok);
}

/*
 * The folders --watch watches: those named with --watch-dir, else the ones
 * the index was made from. 0, or an exit status after a message.
 */
static int watch_dirs(hs__cli *cli, hs_strlist *dirs) {
    hs_error err = {0, ""};
    hs_store *s;
    int rc;
    if (dirs->n)
        return 0;
    if ((rc = hs__open_store(cli, HS_STORE_READONLY, &s)) != 0)
        return rc;
    rc = hs__index_roots(s, dirs, &err);
    hs_store_close(s);
    if (rc)
        return hs__fail(&err);
    if (!dirs->n)
        return hs__usage_error("serve",
                               "--watch: the index has no postmortems, so "
                               "no folder to watch; name one with "
                               "--watch-dir DIR");
    return 0;
}

int hs__cmd_serve(hs__cli *cli, int argc, char **argv) {
    hs__http_opts o = {0};
    hs__http *h = NULL;
    hs__watch *wt = NULL;
    hs__watch_opts wo = {0};
    hs_strlist dirs = {0};
    struct timespec next_prune;
    hs_error err = {0, ""};
    hs_store *s;
    sigset_t set;
    char *token = NULL;
    const char **hosts = hs__xcalloc((size_t)argc + 1, sizeof(char *));
    int sig = 0, n, rc, is_watching = 0, keep_days = ALERTS_KEEP_DEFAULT;
    const char *concepts = NULL;
    hs__buf concepts_text = HS_BUF_INIT;

    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--quiet")) {
            o.is_quiet = 1;
        } else if (!strcmp(a, "--watch")) {
            is_watching = 1;
        } else if (!strcmp(a, "--listen") || !strcmp(a, "--token-file") ||
                   !strcmp(a, "--threads") || !strcmp(a, "--allowed-host") ||
                   !strcmp(a, "--per-client-limit") || !strcmp(a, "--state") ||
                   !strcmp(a, "--watch-dir") || !strcmp(a, "--alerts-keep") ||
                   !strcmp(a, "--concepts") || !strcmp(a, "--index-jobs")) {
            if (i + 1 >= argc || !*argv[i + 1]) {
                rc = hs__usage_error("serve", "%s needs a value", a);
                goto out;
            }
            if (!strcmp(a, "--listen")) {
                o.listen = argv[++i];
            } else if (!strcmp(a, "--concepts")) {
                concepts = argv[++i];
            } else if (!strcmp(a, "--watch-dir")) {
                is_watching = 1;
                hs__strlist_push(&dirs, argv[++i]);
            } else if (!strcmp(a, "--alerts-keep")) {
                int v = hs__parse_count(argv[++i], 0, ALERTS_KEEP_MAX);
                if (v < 0) {
                    rc = hs__usage_error(
                        "serve",
                        "--alerts-keep needs 0 to %d days (0: keep "
                        "alerts for ever)",
                        ALERTS_KEEP_MAX);
                    goto out;
                }
                keep_days = v;
            } else if (!strcmp(a, "--state")) {
                o.state = argv[++i]; /* shared state: docs/deploy.md */
            } else if (!strcmp(a, "--allowed-host")) {
                hosts[o.n_allowed_hosts++] = argv[++i];
            } else if (!strcmp(a, "--threads")) {
                o.threads = hs__parse_limit(argv[++i]);
                if (o.threads < 1 || o.threads > 256) {
                    rc = hs__usage_error("serve", "--threads needs 1 to 256");
                    goto out;
                }
            } else if (!strcmp(a, "--index-jobs")) {
                int v = hs__parse_limit(argv[++i]);
                if (v < 1 || v > HS_INDEX_JOBS_MAX) {
                    rc = hs__usage_error(
                        "serve",
                        "--index-jobs needs 1 to " HS_XSTR(HS_INDEX_JOBS_MAX));
                    goto out;
                }
                wo.jobs = (unsigned)v;
            } else if (!strcmp(a, "--per-client-limit")) {
                o.per_client_limit = hs__parse_limit(argv[++i]);
                if (o.per_client_limit < 1 || o.per_client_limit > 1024) {
                    rc = hs__usage_error("serve",
                                         "--per-client-limit needs 1 to 1024");
                    goto out;
                }
            } else {
                free(token);
                if (!(token = hs__read_secret_file(argv[++i], "token"))) {
                    rc = HS_EXIT_FAIL;
                    goto out;
                }
            }
        } else {
            rc = hs__usage_error("serve",
                                 a[0] == '-' ? "unknown option '%s'"
                                             : "unexpected argument '%s'",
                                 a);
            goto out;
        }
    }
    o.db = cli->db;
    o.token = token;
    o.allowed_hosts = hosts;
    o.is_watching = is_watching;
    if (!o.state && getenv("HINDSIGHT_STATE") && *getenv("HINDSIGHT_STATE"))
        o.state = getenv("HINDSIGHT_STATE");
    if (is_watching && (rc = watch_dirs(cli, &dirs)) != 0)
        goto out;
    /* check the index once, so a missing one is a clear error at start */
    if ((rc = hs__open_store(cli, HS_STORE_READONLY, &s)) != 0)
        goto out;
    n = hs_store_count(s, &err);
    /* the team's thesaurus lines, checked once here, added by each worker */
    if (concepts) {
        rc = hs__read_file(concepts, &concepts_text, &err);
        if (rc == 0)
            rc = hs_similar_add_concepts(
                s, concepts_text.data ? concepts_text.data : "", concepts,
                &err);
        if (rc) {
            hs_store_close(s);
            rc = hs__fail(&err);
            goto out;
        }
    }
    /* and the house style's, which similar reads too */
    if ((rc = hs__cli_house_concepts(cli, s, &concepts_text)) != 0) {
        hs_store_close(s);
        goto out;
    }
    if (concepts_text.len)
        o.concepts = concepts_text.data;
    hs_store_close(s);
    /* worker threads inherit the mask; only sigwait below sees signals */
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    if (hs__http_start(&o, &h, &err) != 0) {
        /* a bad --listen value is a usage error: say so with the pointer */
        rc = err.code == HS_EINVAL ? hs__usage_error("serve", "%s", err.msg)
                                   : hs__fail(&err);
        goto out;
    }
    /* the first deletion of old alerts is done before the server says it
     * serves, so no answer lists an alert that is already due to go */
    if (keep_days > 0)
        prune_alerts(h, keep_days, o.is_quiet);
    fprintf(stderr,
            "hindsight: serving %d postmortems from '%s' on %s (port %d)%s\n",
            n, cli->db, o.listen ? o.listen : "127.0.0.1:8080",
            hs__http_port(h),
            token ? ", token required on every path but /api/health" : "");
    if (o.state)
        fprintf(stderr, "hindsight: alerts shared through PostgreSQL\n");
    if (is_watching) {
        wo.db = cli->db;
        wo.dirs = (const char *const *)dirs.v;
        wo.n_dirs = dirs.n;
        wo.is_quiet = o.is_quiet;
        wo.on_run = on_index_run;
        wo.ctx = h;
        if (hs__watch_start(&wo, &wt, &err) != 0) {
            hs__http_stop(h);
            rc = hs__fail(&err);
            goto out;
        }
        for (size_t i = 0; i < dirs.n; i++)
            (void)hs__die("watching '%s' for changed markdown", dirs.v[i]);
    }
    /* the daily deletion of old alerts runs here, between signals; a
     * signal other than these two only wakes the wait early */
    clock_gettime(CLOCK_MONOTONIC, &next_prune);
    next_prune.tv_sec += PRUNE_EVERY_SECONDS;
    for (;;) {
        struct timespec t, wait;
        clock_gettime(CLOCK_MONOTONIC, &t);
        if (t.tv_sec >= next_prune.tv_sec) {
            if (keep_days > 0)
                prune_alerts(h, keep_days, o.is_quiet);
            next_prune.tv_sec = t.tv_sec + PRUNE_EVERY_SECONDS;
        }
        wait.tv_sec = next_prune.tv_sec - t.tv_sec;
        wait.tv_nsec = 0;
        sig = sigtimedwait(&set, NULL, &wait);
        if (sig == SIGINT || sig == SIGTERM)
            break;
    }
    fprintf(stderr, "hindsight: %s received, stopping\n",
            sig == SIGINT ? "SIGINT" : "SIGTERM");
    hs__watch_stop(wt); /* a run in progress finishes first */
    hs__http_stop(h);
    rc = HS_EXIT_OK;
out:
    hs_strlist_release(&dirs);
    free(hosts);
    free(token);
    hs__buf_release(&concepts_text);
    return rc;
}
