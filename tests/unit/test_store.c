/*
 * The store's cache slots (store.h): a slot that holds what the index says
 * is kept by a read-only store only, and only until another connection
 * commits; a slot that does not lasts as long as the store. Each object is
 * released and freed once, whichever way it goes.
 */
#include "store/index.h"
#include "store/store.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int n_released;

static void count_release(void *p) {
    (void)p;
    n_released++;
}

static void *object(void) {
    return calloc(1, 16);
}

typedef struct stores {
    char dir[32];
    char db[64];
    hs_store *w, *r; /* writable, and read-only on the same file */
} stores;

static void stores_open(stores *t) {
    hs_error err;
    strcpy(t->dir, "/tmp/hs-store-XXXXXX");
    cr_assert(mkdtemp(t->dir));
    snprintf(t->db, sizeof(t->db), "%s/x.db", t->dir);
    cr_assert_eq(hs_store_open(t->db, 0, &t->w, &err), 0, "%s", err.msg);
    cr_assert_eq(hs_store_open(t->db, HS_STORE_READONLY, &t->r, &err), 0, "%s",
                 err.msg);
    n_released = 0;
}

static void stores_close(stores *t) {
    char cmd[64];
    hs_store_close(t->r);
    hs_store_close(t->w);
    snprintf(cmd, sizeof(cmd), "rm -rf %s", t->dir);
    cr_assert_eq(system(cmd), 0);
}

/* A commit by another connection, as an index run makes. */
static void commit_elsewhere(stores *t) {
    hs_error err;
    cr_assert_eq(hs__store_exec(t->w,
                                "CREATE TABLE IF NOT EXISTS t(x); "
                                "INSERT INTO t VALUES(1)",
                                &err),
                 0, "%s", err.msg);
}

Test(store_cache, kept_until_another_connection_commits) {
    stores t;
    void *p = object();
    stores_open(&t);
    cr_assert_null(hs__store_cache_get(t.r, HS__CACHE_SEARCH));
    cr_assert_eq(hs__store_cache_put(t.r, HS__CACHE_SEARCH, p, count_release),
                 p);
    cr_assert_eq(hs__store_cache_get(t.r, HS__CACHE_SEARCH), p);
    cr_assert_eq(hs__store_cache_get(t.r, HS__CACHE_SEARCH), p);
    cr_assert_eq(n_released, 0);
    commit_elsewhere(&t);
    cr_assert_null(hs__store_cache_get(t.r, HS__CACHE_SEARCH));
    cr_assert_eq(n_released, 1);
    stores_close(&t);
    cr_assert_eq(n_released, 1);
}

/* Read, then a commit, then put: what was read may be old, so the next get
 * drops it. */
Test(store_cache, put_is_as_of_the_get) {
    stores t;
    stores_open(&t);
    cr_assert_null(hs__store_cache_get(t.r, HS__CACHE_ACTIONS));
    commit_elsewhere(&t);
    cr_assert_not_null(
        hs__store_cache_put(t.r, HS__CACHE_ACTIONS, object(), count_release));
    cr_assert_null(hs__store_cache_get(t.r, HS__CACHE_ACTIONS));
    cr_assert_eq(n_released, 1);
    stores_close(&t);
}

Test(store_cache, writable_store_keeps_no_index_answers) {
    stores t;
    stores_open(&t);
    cr_assert_null(hs__store_cache_get(t.w, HS__CACHE_LABELS_TAG));
    cr_assert_null(hs__store_cache_put(t.w, HS__CACHE_LABELS_TAG, object(),
                                       count_release));
    cr_assert_eq(n_released, 1);
    cr_assert_null(hs__store_cache_get(t.w, HS__CACHE_LABELS_TAG));
    stores_close(&t);
}

Test(store_cache, store_life_slot_outlasts_commits) {
    stores t;
    void *p = object(), *q = object();
    stores_open(&t);
    cr_assert_eq(hs__store_cache_put(t.w, HS__CACHE_CONCEPTS, p, count_release),
                 p);
    cr_assert_eq(hs__store_cache_put(t.r, HS__CACHE_CONCEPTS, q, count_release),
                 q);
    commit_elsewhere(&t);
    cr_assert_eq(hs__store_cache_get(t.w, HS__CACHE_CONCEPTS), p);
    cr_assert_eq(hs__store_cache_get(t.r, HS__CACHE_CONCEPTS), q);
    cr_assert_eq(n_released, 0);
    stores_close(&t);
    cr_assert_eq(n_released, 2);
}

/* Write docs/a.md, one short postmortem, and index docs/ with t->w. */
static void index_one_postmortem(stores *t) {
    hs_error err;
    hs_index_stats st;
    char md[96];
    const char *paths[1] = {md};
    FILE *f;
    snprintf(md, sizeof(md), "%s/docs", t->dir);
    cr_assert_eq(mkdir(md, 0700), 0);
    strcat(md, "/a.md");
    f = fopen(md, "w");
    cr_assert_not_null(f);
    fputs("# Outage: the queue stalled\n\n## Summary\n\nIt stalled.\n", f);
    fclose(f);
    md[strlen(md) - 5] = '\0';
    cr_assert_eq(hs_index_run(t->w, paths, 1, NULL, &st, &err), 0, "%s",
                 err.msg);
}

/* The one number `sql` answers, or -1. */
static long count_of(hs_store *s, const char *sql) {
    sqlite3_stmt *st = NULL;
    long v = -1;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* hs_store_count keeps its answer in a slot: an index run elsewhere shows. */
Test(store_cache, count_follows_an_index_run) {
    stores t;
    hs_error err;
    stores_open(&t);
    cr_assert_eq(hs_store_count(t.r, &err), 0, "%s", err.msg);
    cr_assert_eq(hs_store_count(t.r, &err), 0, "%s", err.msg);
    index_one_postmortem(&t);
    cr_assert_eq(hs_store_count(t.r, &err), 1, "%s", err.msg);
    stores_close(&t);
}

/* The FTS5 'hashsize' of the index's config, or -1. */
static long fts_hashsize(hs_store *s) {
    return count_of(s, "SELECT v FROM fts_config WHERE k = 'hashsize'");
}

/* An index run lets FTS5 gather 32 MiB of terms before it writes a
 * segment (1 MiB by default: a large run spent a third of its FTS5 time
 * merging the many small segments), set once and kept. */
Test(store_bulk, index_run_sets_fts_hashsize_once) {
    stores t;
    hs_error err;
    stores_open(&t);
    cr_assert_eq(fts_hashsize(t.w), -1);
    index_one_postmortem(&t);
    cr_assert_eq(fts_hashsize(t.w), 32L * 1024 * 1024);
    cr_assert_eq(hs__store_bulk_setup(t.w, &err), 0, "%s", err.msg);
    cr_assert_eq(fts_hashsize(t.w), 32L * 1024 * 1024);
    stores_close(&t);
}

static void write_doc(const char *dir, int i, const char *extra) {
    char p[160];
    FILE *f;
    snprintf(p, sizeof(p), "%s/pm-%02d.md", dir, i);
    f = fopen(p, "w");
    cr_assert_not_null(f);
    fprintf(f,
            "# Outage %d: the queue stalled\n\n## Summary\n\nThe queue "
            "stalled on node%d after rollout%d of shard%d.%s\n",
            i, i, i, i, extra);
    fclose(f);
}

/* After a run that changed under a tenth of the index, term_df is
 * recounted for the changed documents' terms only (a full recount read
 * the whole index: 1.4 s at 100k for one file), and is still exact. */
Test(store_bulk, small_run_recounts_its_terms_only) {
    stores t;
    hs_error err;
    hs_index_stats st;
    char dir[96], gone[160];
    const char *paths[1] = {dir};
    int before, n_terms;
    stores_open(&t);
    snprintf(dir, sizeof(dir), "%s/docs", t.dir);
    cr_assert_eq(mkdir(dir, 0700), 0);
    for (int i = 0; i < 30; i++)
        write_doc(dir, i, "");
    cr_assert_eq(hs_index_run(t.w, paths, 1, NULL, &st, &err), 0, "%s",
                 err.msg);
    n_terms = (int)count_of(t.w, "SELECT count(*) FROM term_df");
    /* one file changed (a new word, one gone), one removed */
    write_doc(dir, 3, " Zorblaxian gremlins.");
    snprintf(gone, sizeof(gone), "%s/pm-07.md", dir);
    cr_assert_eq(unlink(gone), 0);
    before = sqlite3_total_changes(t.w->db);
    cr_assert_eq(hs_index_run(t.w, paths, 1, NULL, &st, &err), 0, "%s",
                 err.msg);
    cr_assert_eq(st.updated, 1);
    cr_assert_eq(st.removed, 1);
    cr_expect_lt(sqlite3_total_changes(t.w->db) - before, n_terms,
                 "term_df was recounted whole");
    cr_expect_eq(count_of(t.w, "SELECT count(*) FROM (SELECT term, df FROM "
                               "term_df EXCEPT SELECT term, doc FROM "
                               "fts_vocab)"),
                 0);
    cr_expect_eq(count_of(t.w, "SELECT count(*) FROM (SELECT term, doc FROM "
                               "fts_vocab EXCEPT SELECT term, df FROM "
                               "term_df)"),
                 0);
    cr_expect_eq(count_of(t.w, "SELECT df FROM term_df WHERE term = "
                               "'zorblaxian'"),
                 1);
    cr_expect_eq(count_of(t.w, "SELECT count(*) FROM term_df WHERE term = "
                               "'node7'"),
                 0);
    cr_expect_eq(count_of(t.w, "SELECT df FROM term_df WHERE term = 'queue'"),
                 29);
    stores_close(&t);
}

/* The same after a small run that adds a word longer than FTS5 keeps (it
 * stores the first 32,768 bytes of a token): term_df counts the word as
 * fts_vocab lists it. Recounting the word as tokenized found no row and
 * left the stored word out of term_df. */
Test(store_bulk, small_run_counts_a_word_as_fts5_keeps_it) {
    stores t;
    hs_error err;
    hs_index_stats st;
    char dir[96];
    const char *paths[1] = {dir};
    char *longword = calloc(40002, 1);
    cr_assert_not_null(longword);
    longword[0] = ' ';
    memset(longword + 1, 'q', 40000);
    stores_open(&t);
    snprintf(dir, sizeof(dir), "%s/docs", t.dir);
    cr_assert_eq(mkdir(dir, 0700), 0);
    for (int i = 0; i < 30; i++)
        write_doc(dir, i, "");
    cr_assert_eq(hs_index_run(t.w, paths, 1, NULL, &st, &err), 0, "%s",
                 err.msg);
    write_doc(dir, 4, longword);
    cr_assert_eq(hs_index_run(t.w, paths, 1, NULL, &st, &err), 0, "%s",
                 err.msg);
    cr_assert_eq(st.updated, 1);
    cr_expect_eq(count_of(t.w, "SELECT count(*) FROM term_df WHERE "
                               "length(term) = 32768 AND df = 1"),
                 1);
    cr_expect_eq(count_of(t.w, "SELECT count(*) FROM (SELECT term, doc FROM "
                               "fts_vocab EXCEPT SELECT term, df FROM "
                               "term_df)"),
                 0);
    /* and out again when the file loses it */
    write_doc(dir, 4, "");
    cr_assert_eq(hs_index_run(t.w, paths, 1, NULL, &st, &err), 0, "%s",
                 err.msg);
    cr_expect_eq(count_of(t.w, "SELECT count(*) FROM term_df WHERE "
                               "length(term) > 100"),
                 0);
    free(longword);
    stores_close(&t);
}

/* The FTS5 'automerge' of the index's config, or -1 (FTS5's default). */
static long fts_automerge(hs_store *s) {
    return count_of(s, "SELECT v FROM fts_config WHERE k = 'automerge'");
}

/* Inside a run, once its records are written: automerge as it stands. */
static int note_automerge(void *ctx, hs_store *s, const hs_index_stats *st,
                          hs_error *err) {
    (void)st;
    (void)err;
    *(long *)ctx = fts_automerge(s);
    return 0;
}

/* A hook that fails the run, as a database error would. */
static int fail_run(void *ctx, hs_store *s, const hs_index_stats *st,
                    hs_error *err) {
    (void)s;
    (void)st;
    *(long *)ctx = fts_automerge(s);
    err->code = HS_EDB;
    return HS_EDB;
}

/*
 * A first index merges its FTS5 segments once, in the optimize at its end:
 * automerge is off while it writes and FTS5's default (4) after, in the
 * same transaction, so later runs merge as they write. A run into an index
 * that has rows leaves automerge alone, and a failed run leaves nothing.
 */
Test(store_bulk, first_run_merges_once_at_the_end) {
    stores t;
    hs_error err;
    hs_index_stats st;
    char dir[96];
    const char *paths[1] = {dir};
    long during = -2;
    stores_open(&t);
    snprintf(dir, sizeof(dir), "%s/docs", t.dir);
    cr_assert_eq(mkdir(dir, 0700), 0);
    for (int i = 0; i < 12; i++)
        write_doc(dir, i, "");
    /* a first run that fails leaves nothing of itself, automerge included */
    cr_assert_eq(
        hs__index_run_with(t.w, paths, 1, NULL, fail_run, &during, &st, &err),
        HS_EDB);
    cr_expect_eq(during, 0, "automerge during the failed first run");
    cr_expect_eq(fts_automerge(t.w), -1, "automerge after its rollback");
    during = -2;
    cr_assert_eq(hs__index_run_with(t.w, paths, 1, NULL, note_automerge,
                                    &during, &st, &err),
                 0, "%s", err.msg);
    cr_expect_eq(during, 0, "automerge during a first run");
    cr_expect_eq(fts_automerge(t.w), 4, "automerge after a first run");
    cr_expect_eq(count_of(t.w, "SELECT count(*) FROM fts WHERE fts MATCH "
                               "'queue'"),
                 12);
    write_doc(dir, 12, " Zorblaxian gremlins.");
    during = -2;
    cr_assert_eq(hs__index_run_with(t.w, paths, 1, NULL, note_automerge,
                                    &during, &st, &err),
                 0, "%s", err.msg);
    cr_expect_eq(st.added, 1);
    cr_expect_eq(during, 4, "automerge during a run into rows");
    cr_expect_eq(fts_automerge(t.w), 4);
    stores_close(&t);
}

/*
 * A first index built aside starts syncing its file once the run commits
 * (hs__store_flush_start), while the families are computed; publishing
 * waits for that sync and puts the whole index in place, and a store
 * closed unpublished waits for it too and leaves no file behind. A store
 * that is not building aside starts nothing.
 */
Test(store_bulk, first_run_syncs_while_the_families_are_computed) {
    stores t;
    hs_error err;
    hs_index_stats st;
    hs_store *a;
    char dir[96], db[96], side[112];
    const char *paths[1] = {dir};
    stores_open(&t);
    snprintf(dir, sizeof(dir), "%s/docs", t.dir);
    cr_assert_eq(mkdir(dir, 0700), 0);
    for (int i = 0; i < 12; i++)
        write_doc(dir, i, "");
    hs__store_flush_start(t.w);
    cr_expect_eq(t.w->is_flushing, 0, "not building aside, yet a sync");
    for (int publish = 0; publish < 2; publish++) {
        snprintf(db, sizeof(db), "%s/aside-%d.db", t.dir, publish);
        snprintf(side, sizeof(side), "%s-new", db);
        cr_assert_eq(hs_store_open(db, HS_STORE_BUILD_ASIDE, &a, &err), 0, "%s",
                     err.msg);
        cr_assert_eq(hs_index_run(a, paths, 1, NULL, &st, &err), 0, "%s",
                     err.msg);
        cr_expect_eq(a->is_flushing, 1, "no sync started at the commit");
        cr_expect_neq(access(db, F_OK), 0, "in place before it is published");
        if (publish) {
            cr_assert_eq(hs__store_publish(a, &err), 0, "%s", err.msg);
            cr_expect_eq(a->is_flushing, 0);
            cr_expect_eq(count_of(a, "SELECT count(*) FROM postmortems"), 12);
        }
        hs_store_close(a);
        cr_expect_eq(access(db, F_OK) == 0, publish, "%s", db);
        cr_expect_neq(access(side, F_OK), 0, "%s is left", side);
    }
    stores_close(&t);
}

/*
 * hs__read_file sizes its buffer from the file's size: every byte is read,
 * at the sizes around its 64 KiB step too, and the text ends in a NUL.
 */
Test(store, read_file_reads_every_byte) {
    static const size_t sizes[] = {0, 1, 4095, 65535, 65536, 65537, 200001};
    char path[] = "/tmp/hs-read-XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        size_t n = sizes[i];
        char *want = malloc(n + 1);
        hs__buf got = HS_BUF_INIT;
        hs_error err = {0};
        FILE *f = fopen(path, "wb");
        cr_assert(want && f);
        for (size_t k = 0; k < n; k++)
            want[k] = (char)('a' + (k * 7 + k / 251) % 26);
        cr_assert_eq(fwrite(want, 1, n, f), n);
        fclose(f);
        cr_assert_eq(hs__read_file(path, &got, &err), 0, "%zu: %s", n, err.msg);
        cr_expect_eq(got.len, n, "size %zu read as %zu", n, got.len);
        cr_expect(got.len == n && !memcmp(got.data, want, n), "size %zu", n);
        cr_expect_eq(got.data[got.len], '\0');
        hs__buf_release(&got);
        free(want);
    }
    close(fd);
    unlink(path);
}

/*
 * serve's workers (HS_STORE_SERVE) keep 8 MiB of pages, where SQLite's
 * default 2 MiB made similar read the same pages again question after
 * question; other stores, one-shot commands, keep the default.
 */
Test(store, serving_store_has_a_larger_page_cache) {
    stores t;
    hs_store *serve;
    hs_error err;
    stores_open(&t);
    cr_assert_eq(
        hs_store_open(t.db, HS_STORE_READONLY | HS_STORE_SERVE, &serve, &err),
        0, "%s", err.msg);
    cr_expect_eq(count_of(serve, "PRAGMA cache_size"), -8192);
    cr_expect_eq(count_of(t.r, "PRAGMA cache_size"), -2000);
    cr_expect_eq(count_of(t.w, "PRAGMA cache_size"), -2000);
    hs_store_close(serve);
    stores_close(&t);
}

/* progress callback: when `at` files are done, delete every file of the
 * folder (the ones not yet read vanish between listing and reading) */
typedef struct vanish {
    const char *dir;
    size_t at;
} vanish;

static void vanish_at(void *ctx, size_t done, size_t total) {
    const vanish *v = ctx;
    char cmd[160];
    (void)total;
    if (done != v->at)
        return;
    snprintf(cmd, sizeof(cmd), "rm -f %s/*.md", v->dir);
    cr_assert_eq(system(cmd), 0);
}

/*
 * Files deleted after the folder was listed and before they were read (a
 * checkout, an editor's save, serve --watch in the middle of one) are
 * gone, not failed: their records go and the run has no failure. They
 * were 'No such file or directory' failures (index exited 1) and their
 * records stayed until the next run. The same under --full.
 */
Test(store, files_gone_after_listing_are_removed) {
    stores t;
    hs_error err;
    hs_index_stats st;
    char dir[96];
    const char *paths[1] = {dir};
    vanish v = {dir, 256};
    hs_index_opts o;
    stores_open(&t);
    snprintf(dir, sizeof(dir), "%s/docs", t.dir);
    cr_assert_eq(mkdir(dir, 0700), 0);
    for (unsigned full = 0; full < 2; full++) {
        for (int i = 0; i < 300; i++)
            write_doc(dir, i, "");
        cr_assert_eq(hs_index_run(t.w, paths, 1, NULL, &st, &err), 0, "%s",
                     err.msg);
        cr_assert_eq(count_of(t.w, "SELECT count(*) FROM postmortems"), 300);
        memset(&o, 0, sizeof(o));
        o.jobs = 1; /* the files after the 256th are read after progress */
        o.progress = vanish_at;
        o.ctx = &v;
        o.flags = full ? HS_INDEX_FULL : 0;
        cr_assert_eq(hs_index_run(t.w, paths, 1, &o, &st, &err), 0, "%s",
                     err.msg);
        cr_expect_eq(st.failed, 0, "full %u: failed %zu", full,
                     (size_t)st.failed);
        cr_expect_eq(st.removed, 44, "full %u: removed %zu", full,
                     (size_t)st.removed);
        cr_expect_eq(count_of(t.w, "SELECT count(*) FROM postmortems"), 256,
                     "full %u", full);
        /* the next run finds the rest gone too */
        cr_assert_eq(hs_index_run(t.w, paths, 1, NULL, &st, &err), 0, "%s",
                     err.msg);
        cr_expect_eq(st.removed, 256, "full %u", full);
    }
    stores_close(&t);
}
