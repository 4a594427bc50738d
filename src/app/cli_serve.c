/*
 * The serve command: start the HTTP service, wait for SIGINT or SIGTERM,
 * then stop cleanly (in-flight requests finish).
 */
#include "app/cli.h"
#include "app/http.h"
#include "base/buf.h"
#include "base/util.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* The token is the file's first line, without surrounding white space. */
static char *read_token(const char *path) {
    FILE *f = fopen(path, "r");
    char line[4096];
    char *t;
    if (!f) {
        hs__die("cannot read token file '%s': %s", path, strerror(errno));
        return NULL;
    }
    if (!fgets(line, sizeof(line), f)) {
        int is_error = ferror(f), saved = errno;
        fclose(f);
        if (is_error && saved == EISDIR) {
            hs__die("token file '%s' is a directory", path);
            return NULL;
        }
        if (is_error) {
            hs__die("cannot read token file '%s': %s", path, strerror(saved));
            return NULL;
        }
        line[0] = '\0';
    } else {
        fclose(f);
    }
    t = hs__strtrim(line, strlen(line));
    if (!*t) {
        hs__die("token file '%s' is empty", path);
        free(t);
        return NULL;
    }
    return t;
}

int hs__cmd_serve(hs__cli *cli, int argc, char **argv) {
    hs__http_opts o = {0};
    hs__http *h = NULL;
    hs_error err = {0, ""};
    hs_store *s;
    sigset_t set;
    char *token = NULL;
    const char **hosts = hs__xcalloc((size_t)argc + 1, sizeof(char *));
    int sig = 0, n, rc;

    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--quiet")) {
            o.is_quiet = 1;
        } else if (!strcmp(a, "--listen") || !strcmp(a, "--token-file") ||
                   !strcmp(a, "--threads") || !strcmp(a, "--allowed-host") ||
                   !strcmp(a, "--per-client-limit") || !strcmp(a, "--state")) {
            if (i + 1 >= argc || !*argv[i + 1]) {
                rc = hs__usage_error("serve", "%s needs a value", a);
                goto out;
            }
            if (!strcmp(a, "--listen")) {
                o.listen = argv[++i];
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
            } else if (!strcmp(a, "--per-client-limit")) {
                o.per_client_limit = hs__parse_limit(argv[++i]);
                if (o.per_client_limit < 1 || o.per_client_limit > 1024) {
                    rc = hs__usage_error("serve",
                                         "--per-client-limit needs 1 to 1024");
                    goto out;
                }
            } else {
                free(token);
                if (!(token = read_token(argv[++i]))) {
                    rc = HS_EXIT_FAIL;
                    goto out;
                }
            }
        } else {
            rc = hs__usage_error("serve", "unknown argument '%s'", a);
            goto out;
        }
    }
    o.db = cli->db;
    o.token = token;
    o.allowed_hosts = hosts;
    if (!o.state && getenv("HINDSIGHT_STATE") && *getenv("HINDSIGHT_STATE"))
        o.state = getenv("HINDSIGHT_STATE");
    /* check the index once, so a missing one is a clear error at start */
    if ((rc = hs__open_store(cli, HS_STORE_READONLY, &s)) != 0)
        goto out;
    n = hs_store_count(s, &err);
    hs_store_close(s);
    /* worker threads inherit the mask; only sigwait below sees signals */
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    if (hs__http_start(&o, &h, &err) != 0) {
        rc = hs__fail(&err);
        goto out;
    }
    fprintf(stderr,
            "hindsight: serving %d postmortems from '%s' on %s (port %d)%s\n",
            n, cli->db, o.listen ? o.listen : "127.0.0.1:8080",
            hs__http_port(h),
            token ? ", token required on every path but /api/health" : "");
    if (o.state)
        fprintf(stderr, "hindsight: alerts shared through PostgreSQL\n");
    sigwait(&set, &sig);
    fprintf(stderr, "hindsight: %s received, stopping\n",
            sig == SIGINT ? "SIGINT" : "SIGTERM");
    hs__http_stop(h);
    rc = HS_EXIT_OK;
out:
    free(hosts);
    free(token);
    return rc;
}
