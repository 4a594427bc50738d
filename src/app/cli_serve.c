/*
 * The serve command: start the HTTP service, wait for SIGINT or SIGTERM,
 * then stop cleanly (in-flight requests finish).
 */
#include "base/buf.h"
#include "app/cli.h"
#include "app/http.h"
#include "base/util.h"
#include "store/index.h"

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
    if (!fgets(line, sizeof(line), f))
        line[0] = '\0';
    fclose(f);
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
    const char *concepts = NULL;
    hs__buf concepts_text = HS_BUF_INIT;
    int sig = 0, n, rc;

    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--quiet")) {
            o.is_quiet = 1;
        } else if (!strcmp(a, "--concepts") && i + 1 < argc) {
            concepts = argv[++i];
        } else if (!strcmp(a, "--listen") || !strcmp(a, "--token-file") ||
                   !strcmp(a, "--threads") || !strcmp(a, "--concepts")) {
            if (i + 1 >= argc) {
                free(token);
                return hs__usage_error("serve", "%s needs a value", a);
            }
            if (!strcmp(a, "--listen")) {
                o.listen = argv[++i];
            } else if (!strcmp(a, "--threads")) {
                o.threads = hs__parse_limit(argv[++i]);
                if (o.threads < 1 || o.threads > 256) {
                    free(token);
                    return hs__usage_error("serve", "--threads needs 1 to 256");
                }
            } else {
                free(token);
                if (!(token = read_token(argv[++i])))
                    return HS_EXIT_FAIL;
            }
        } else {
            free(token);
            return hs__usage_error("serve", "unknown argument '%s'", a);
        }
    }
    o.db = cli->db;
    o.token = token;
    /* check the index once, so a missing one is a clear error at start */
    if ((rc = hs__open_store(cli, HS_STORE_READONLY, &s)) != 0) {
        free(token);
        return rc;
    }
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
            hs__buf_release(&concepts_text);
            free(token);
            return hs__fail(&err);
        }
        o.concepts = concepts_text.data ? concepts_text.data : "";
    }
    hs_store_close(s);
    /* worker threads inherit the mask; only sigwait below sees signals */
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    if (hs__http_start(&o, &h, &err) != 0) {
        free(token);
        hs__buf_release(&concepts_text);
        return hs__fail(&err);
    }
    fprintf(stderr,
            "hindsight: serving %d postmortems from '%s' on %s (port %d)%s\n",
            n, cli->db, o.listen ? o.listen : "127.0.0.1:8080",
            hs__http_port(h), token ? ", token required for /api/*" : "");
    sigwait(&set, &sig);
    fprintf(stderr, "hindsight: %s received, stopping\n",
            sig == SIGINT ? "SIGINT" : "SIGTERM");
    hs__http_stop(h);
    free(token);
    hs__buf_release(&concepts_text);
    return HS_EXIT_OK;
}
