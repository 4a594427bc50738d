/*
 * A small index for the fuzz targets that search: built once, in a temp
 * dir, from a few embedded postmortems plus the project's corpus/ (the
 * folder named by $HS_FUZZ_CORPUS, else the HS_FUZZ_CORPUS_DIR that run.sh
 * compiles in; skipped when missing). The temp dir is removed at exit.
 * Any failure to build it is fatal: a fuzz target without its index would
 * test nothing and say nothing.
 */
#ifndef HS_FUZZ_INDEX_H
#define HS_FUZZ_INDEX_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hindsight.h"

#ifndef HS_FUZZ_CORPUS_DIR
#define HS_FUZZ_CORPUS_DIR "corpus"
#endif

static const char *const fuzz_docs[] = {
    "---\n"
    "title: Orders API 503s after pgbouncer pool exhaustion\n"
    "date: 2025-03-04\n"
    "severity: SEV2\n"
    "duration: 47 minutes\n"
    "services: [orders-api, pgbouncer]\n"
    "tags: [database, connection-pool]\n"
    "---\n"
    "# Orders API 503s after pgbouncer pool exhaustion\n\n"
    "## Summary\nThe orders API returned 503 for 47 minutes when the "
    "pgbouncer pool was exhausted by a slow migration.\n\n"
    "## Root Cause\nA migration held row locks; connections piled up.\n\n"
    "## Action Items\n"
    "| Action | Owner | Due | Status |\n|---|---|---|---|\n"
    "| Add pool saturation alert | @sam | 2025-04-01 | Done |\n"
    "| Run migrations with lock_timeout | Priya Nair | | TODO |\n",

    "# DNS resolver outage in eu-west\n"
    "**Date**: 14 Feb 2026\n**Severity**: Sev 1\n**Duration**: 2h 5m\n"
    "**Services**: coredns, checkout\n**Tags**: dns, kubernetes\n\n"
    "## Summary\nCoreDNS pods were OOMKilled; NXDOMAIN and SERVFAIL for "
    "every service name. Ünïcödé résumé naïve 東京 test.\n\n"
    "## Timeline\n- 09:12 alerts fire\n- 09:40 rollback\n\n"
    "## What went wrong\n- No memory limit headroom\n\n"
    "## Action items\n- [ ] Raise CoreDNS memory limit (owner: Lee, due "
    "2026-03-01)\n- [x] Add NodeLocal DNSCache\n",

    "Postmortem: TLS certificate expired on partner API\n"
    "===============================================\n\n"
    "Severity: P3. Impact: partner webhooks failed with x509 errors.\n\n"
    "Root cause\n----------\nThe cert-manager renewal job was paused.\n",
};

static hs_store *fuzz_store;
static char fuzz_tmp[64];

static void fuzz_index_cleanup(void) {
    char path[128];
    size_t i;
    hs_store_close(fuzz_store);
    fuzz_store = NULL;
    if (!*fuzz_tmp)
        return;
    for (i = 0; i < sizeof(fuzz_docs) / sizeof(fuzz_docs[0]); i++) {
        snprintf(path, sizeof(path), "%s/docs/doc%zu.md", fuzz_tmp, i);
        unlink(path);
    }
    snprintf(path, sizeof(path), "%s/docs", fuzz_tmp);
    rmdir(path);
    snprintf(path, sizeof(path), "%s/index.db", fuzz_tmp);
    unlink(path);
    snprintf(path, sizeof(path), "%s/index.db-wal", fuzz_tmp);
    unlink(path);
    snprintf(path, sizeof(path), "%s/index.db-shm", fuzz_tmp);
    unlink(path);
    rmdir(fuzz_tmp);
}

static void fuzz_die(const char *what, const hs_error *err) {
    fprintf(stderr, "fuzz index: %s: %s\n", what, err ? err->msg : "");
    abort();
}

/* Build the index and set fuzz_store; call from LLVMFuzzerInitialize. */
static void fuzz_index_build(void) {
    const char *env = getenv("HS_FUZZ_CORPUS");
    const char *corpus = env && *env ? env : HS_FUZZ_CORPUS_DIR;
    const char *paths[2];
    size_t n_paths = 0, i;
    char dir[128], db[128];
    hs_index_stats st;
    hs_error err = {0, ""};
    struct stat sb;
    int rc;
    snprintf(fuzz_tmp, sizeof(fuzz_tmp), "/tmp/hs-fuzz-XXXXXX");
    if (!mkdtemp(fuzz_tmp))
        fuzz_die("mkdtemp", NULL);
    atexit(fuzz_index_cleanup);
    snprintf(dir, sizeof(dir), "%s/docs", fuzz_tmp);
    if (mkdir(dir, 0700) != 0)
        fuzz_die("mkdir", NULL);
    for (i = 0; i < sizeof(fuzz_docs) / sizeof(fuzz_docs[0]); i++) {
        char path[160];
        FILE *f;
        snprintf(path, sizeof(path), "%s/doc%zu.md", dir, i);
        f = fopen(path, "w");
        if (!f || fputs(fuzz_docs[i], f) < 0 || fclose(f) != 0)
            fuzz_die("cannot write a doc", NULL);
    }
    paths[n_paths++] = dir;
    if (stat(corpus, &sb) == 0 && S_ISDIR(sb.st_mode))
        paths[n_paths++] = corpus;
    snprintf(db, sizeof(db), "%s/index.db", fuzz_tmp);
    if (hs_store_open(db, 0, &fuzz_store, &err) != 0)
        fuzz_die("open", &err);
    rc = hs_index_run(fuzz_store, paths, n_paths, NULL, &st, &err);
    if (rc != 0)
        fuzz_die("index", &err);
    rc = hs_store_count(fuzz_store, &err);
    if (rc < 1)
        fuzz_die("empty index", &err);
    fprintf(stderr, "fuzz index: %d postmortems (%s%s)\n", rc,
            n_paths > 1 ? "embedded docs + " : "embedded docs only",
            n_paths > 1 ? corpus : "");
}

#endif
