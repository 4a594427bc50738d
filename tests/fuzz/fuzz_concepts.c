/*
 * libFuzzer target: thesaurus lines, as a team writes them in --concepts
 * FILE or a house style's concepts (both come with a folder indexed). The
 * bytes up to the first NUL are the lines, the bytes after it (else the
 * lines again) the text of an incident. hs_similar_add_concepts must give 0
 * or HS_EINVAL with a message naming a line; expanding the text must keep
 * at most HS__CONCEPTS_MAX_GROUPS concepts, every expansion in one of
 * them and non-empty, within the timeout (32,000 lines once took 11 s to
 * load, and a concept of 100,000 phrasings 70 s to expand). Each input
 * gets a store of its own (the lines stay in a store's thesaurus). Any
 * other outcome abort()s.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hindsight.h"
#include "query/concepts.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char tmp_dir[64], db_path[96];

static void cleanup(void) {
    char p[128];
    unlink(db_path);
    snprintf(p, sizeof(p), "%s-wal", db_path);
    unlink(p);
    snprintf(p, sizeof(p), "%s-shm", db_path);
    unlink(p);
    rmdir(tmp_dir);
}

static void fail(const char *what, const char *detail) {
    fprintf(stderr, "fuzz_concepts: %s: %s\n", what, detail ? detail : "");
    abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    hs_error err = {0, ""};
    hs_store *s;
    (void)argc;
    (void)argv;
    snprintf(tmp_dir, sizeof(tmp_dir), "/tmp/hs-fuzz-concepts-XXXXXX");
    if (!mkdtemp(tmp_dir))
        fail("mkdtemp", NULL);
    snprintf(db_path, sizeof(db_path), "%s/x.db", tmp_dir);
    atexit(cleanup);
    if (hs_store_open(db_path, 0, &s, &err) != 0) /* creates the schema */
        fail("open", err.msg);
    hs_store_close(s);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *lines = malloc(size + 1), *text;
    hs__expansions ex = {0};
    hs_error err = {0, ""};
    hs_store *s;
    int rc;
    if (!lines)
        return 0;
    memcpy(lines, data, size);
    lines[size] = '\0';
    text = strlen(lines) < size ? lines + strlen(lines) + 1 : lines;
    if (hs_store_open(db_path, HS_STORE_READONLY, &s, &err) != 0)
        fail("open", err.msg);
    rc = hs_similar_add_concepts(s, lines, "fuzz", &err);
    if (rc != 0 && rc != HS_EINVAL)
        fail("add_concepts gave neither 0 nor HS_EINVAL", err.msg);
    if (rc == HS_EINVAL && strncmp(err.msg, "fuzz:", 5))
        fail("a refusal that names no line", err.msg);
    hs__concepts_expand(s, hs__concepts_get(s), text, 1.0, &ex);
    if (ex.n_groups > HS__CONCEPTS_MAX_GROUPS)
        fail("too many concepts expanded", NULL);
    for (size_t i = 0; i < ex.n; i++) {
        if (ex.v[i].group < 0 || ex.v[i].group >= ex.n_groups)
            fail("an expansion outside the groups", ex.v[i].word);
        if (!*ex.v[i].word)
            fail("an empty expansion", ex.v[i].via);
    }
    hs__expansions_release(&ex);
    hs_store_close(s);
    free(lines);
    return 0;
}
