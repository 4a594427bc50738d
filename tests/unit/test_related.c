/*
 * Related postmortems of the static site (related.c), on corpus/: each
 * postmortem gets at most five others, never itself, never twice; the
 * incidents of one kind find each other (every connection pool exhaustion
 * lists another one first or second, both expired certificates list each
 * other); shared terms explain each pair; and the answers do not depend
 * on anything but the records.
 */
#include "hindsight.h"
#include "model/record.h"
#include "query/related.h"
#include "store/store.h"

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct pms {
    hs_postmortem **v;
    size_t n;
} pms;

static int collect(void *ctx, hs_postmortem *pm, const char *abspath) {
    pms *p = ctx;
    (void)abspath;
    p->v = realloc(p->v, (p->n + 1) * sizeof(*p->v));
    p->v[p->n++] = pm;
    return 0;
}

static char dir[] = "/tmp/hs-related-XXXXXX";
static hs_store *store;
static pms all;

static void setup(void) {
    char db[64];
    const char *paths[] = {"corpus"};
    hs_index_stats st;
    hs_error err;
    cr_assert(mkdtemp(dir));
    snprintf(db, sizeof(db), "%s/x.db", dir);
    cr_assert_eq(hs_store_open(db, 0, &store, &err), 0, "%s", err.msg);
    cr_assert_eq(hs_index_run(store, paths, 1, NULL, &st, &err), 0, "%s",
                 err.msg);
    cr_assert_eq(hs_store_each(store, collect, &all, &err), 0);
    cr_assert_geq(all.n, 40);
}

static void teardown(void) {
    char cmd[128];
    for (size_t i = 0; i < all.n; i++)
        hs_postmortem_free(all.v[i]);
    free(all.v);
    hs_store_close(store);
    snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
    cr_expect_eq(system(cmd), 0);
}

static long find(const char *id) {
    for (size_t i = 0; i < all.n; i++)
        if (!strcmp(all.v[i]->id, id))
            return (long)i;
    return -1;
}

/* Is `other` among the first `top` related postmortems of `id`? */
static int related_in(const hs__related *r, const char *id, const char *other,
                      size_t top) {
    long i = find(id), j = find(other);
    cr_assert(i >= 0 && j >= 0, "%s or %s is not in corpus/", id, other);
    for (size_t k = 0; k < top; k++)
        if (hs__related_get(r, (size_t)i, k) == j)
            return 1;
    return 0;
}

TestSuite(related, .init = setup, .fini = teardown);

Test(related, shape_of_the_answers) {
    hs__related *r;
    hs_error err;
    cr_assert_eq(hs__related_build(store, all.v, all.n, &r, &err), 0);
    for (size_t i = 0; i < all.n; i++) {
        size_t n = 0;
        for (size_t k = 0; k < HS__RELATED_K; k++) {
            long j = hs__related_get(r, i, k);
            hs_strlist shared = {0};
            if (j < 0)
                break;
            n++;
            cr_expect_neq(j, (long)i, "%s lists itself", all.v[i]->id);
            for (size_t m = 0; m < k; m++)
                cr_expect_neq(hs__related_get(r, i, m), j, "%s twice",
                              all.v[j]->id);
            hs__related_shared(r, i, (size_t)j, 6, &shared);
            cr_expect_gt(shared.n, 0, "%s and %s share no term", all.v[i]->id,
                         all.v[j]->id);
            hs_strlist_release(&shared);
        }
        for (size_t k = n; k < HS__RELATED_K; k++)
            cr_expect_eq(hs__related_get(r, i, k), -1);
        cr_expect_gt(n, 0, "%s has no related postmortem", all.v[i]->id);
    }
    cr_expect_eq(hs__related_get(r, all.n, 0), -1);
    cr_expect_eq(hs__related_get(r, 0, HS__RELATED_K), -1);
    hs__related_free(r);
}

Test(related, incidents_of_a_kind_find_each_other) {
    static const char *const pools[] = {
        "2024-01-23-auth-service-connection-pool-exhaustion",
        "2024-10-08-orders-api-connection-pool-exhaustion",
        "2025-11-25-inventory-sync-pgbouncer-pool-exhaustion",
        "2026-11-19-payment-api-connection-pool-exhausted"};
    hs__related *r;
    hs_error err;
    cr_assert_eq(hs__related_build(store, all.v, all.n, &r, &err), 0);
    for (size_t a = 0; a < 4; a++) {
        long i = find(pools[a]);
        long first = hs__related_get(r, (size_t)i, 0);
        long second = hs__related_get(r, (size_t)i, 1);
        int ok = 0;
        for (size_t b = 0; b < 4; b++)
            if (b != a && (find(pools[b]) == first || find(pools[b]) == second))
                ok = 1;
        cr_expect(ok, "%s: first related are %s and %s", pools[a],
                  first >= 0 ? all.v[first]->id : "-",
                  second >= 0 ? all.v[second]->id : "-");
    }
    cr_expect(related_in(r, "2024-02-14-partner-api-tls-certificate-expired",
                         "2025-08-13-internal-mtls-certificate-expired", 2));
    cr_expect(related_in(r, "2025-08-13-internal-mtls-certificate-expired",
                         "2024-02-14-partner-api-tls-certificate-expired", 2));
    hs__related_free(r);
}

Test(related, the_same_records_give_the_same_answers) {
    hs__related *a, *b;
    hs_error err;
    cr_assert_eq(hs__related_build(store, all.v, all.n, &a, &err), 0);
    cr_assert_eq(hs__related_build(store, all.v, all.n, &b, &err), 0);
    for (size_t i = 0; i < all.n; i++)
        for (size_t k = 0; k < HS__RELATED_K; k++)
            cr_expect_eq(hs__related_get(a, i, k), hs__related_get(b, i, k));
    hs__related_free(a);
    hs__related_free(b);
}

Test(related, empty_site) {
    hs__related *r;
    hs_error err;
    cr_assert_eq(hs__related_build(store, NULL, 0, &r, &err), 0);
    cr_expect_eq(hs__related_get(r, 0, 0), -1);
    hs__related_free(r);
}

/*
 * What a title names is what failed: a connection pool exhaustion told
 * with the slow query and the CPU saturation that caused it is most
 * related to another pool exhaustion, not to a CPU saturation told with
 * the same words (invented snippets, a few unrelated incidents beside them
 * for the document frequencies).
 */
static hs_postmortem *snippet(const char *id, const char *title,
                              const char *summary, const char *root_cause) {
    hs_postmortem *pm = calloc(1, sizeof(*pm));
    cr_assert(pm);
    pm->id = strdup(id);
    pm->title = strdup(title);
    pm->summary = strdup(summary);
    pm->root_cause = strdup(root_cause);
    pm->duration_minutes = -1;
    return pm;
}

Test(related_titles, a_title_names_the_failure) {
    char tmp[] = "/tmp/hs-related-title-XXXXXX", db[64], cmd[96];
    hs_store *s;
    hs_error err;
    hs__related *r;
    hs_postmortem *v[] = {
        snippet("pool-report", "Connection pool exhausted in the shop API",
                "Orders failed for an hour after a new report launched.",
                "The report query scanned a table without an index; the "
                "primary CPU was saturated and connections were held."),
        snippet("pool-workers",
                "Billing workers run out of database connections",
                "Workers waited for a connection for twenty minutes after a "
                "deploy doubled their number.",
                "Each worker opened its own connections; the pool limit was "
                "reached."),
        snippet("cpu-plan", "Primary database at full CPU after a plan change",
                "A plan change made the balance query read far more rows; "
                "payments slowed down.",
                "Stale statistics picked a sequential scan; the primary CPU "
                "was saturated."),
        snippet("cert", "Expired certificate on the partner endpoint",
                "Partners saw handshake failures for an hour.",
                "The renewal job had been failing silently."),
        snippet("dns", "Resolver outage breaks service discovery",
                "Pods could not resolve internal names.",
                "A resolver upgrade dropped a config option."),
        snippet("lag", "Consumer lag delays order emails",
                "Emails went out two hours late.",
                "A rebalance loop stalled the consumer group."),
        snippet("disk", "Broker disks fill up",
                "Producers were rejected when the disks were full.",
                "Retention was raised without more disk."),
        snippet("leak", "Memory leak restarts the auth pods",
                "Pods were killed every few hours.",
                "A cache kept every session forever.")};
    size_t n = sizeof(v) / sizeof(v[0]);
    cr_assert(mkdtemp(tmp));
    snprintf(db, sizeof(db), "%s/x.db", tmp);
    cr_assert_eq(hs_store_open(db, 0, &s, &err), 0, "%s", err.msg);
    cr_assert_eq(hs__related_build(s, v, n, &r, &err), 0, "%s", err.msg);
    cr_expect_eq(hs__related_get(r, 0, 0), 1,
                 "the pool exhaustion's first "
                 "related is %ld, not the other pool exhaustion",
                 hs__related_get(r, 0, 0));
    hs__related_free(r);
    hs_store_close(s);
    for (size_t i = 0; i < n; i++)
        hs_postmortem_free(v[i]);
    snprintf(cmd, sizeof(cmd), "rm -rf %s", tmp);
    cr_expect_eq(system(cmd), 0);
}

/*
 * An index run starts the related lists inside its transaction and computes
 * them on another thread while it commits (hs__related_start with
 * is_background): the answers are those computed in line, weights and
 * shared terms included, while this thread uses the store meanwhile.
 */
/* a and b give the same lists, weights and shared terms */
static void expect_same(const hs__related *a, const hs__related *b) {
    for (size_t i = 0; i < all.n; i++)
        for (size_t k = 0; k < HS__RELATED_K; k++) {
            long j = hs__related_get(a, i, k);
            hs_strlist sa = {0}, sb = {0};
            cr_expect_eq(j, hs__related_get(b, i, k));
            cr_expect_eq(hs__related_weight(a, i, k),
                         hs__related_weight(b, i, k));
            if (j < 0)
                continue;
            hs__related_shared(a, i, (size_t)j, HS__RELATED_TERMS, &sa);
            hs__related_shared(b, i, (size_t)j, HS__RELATED_TERMS, &sb);
            cr_expect_eq(sa.n, sb.n);
            for (size_t x = 0; x < sa.n && x < sb.n; x++)
                cr_expect_str_eq(sa.v[x], sb.v[x]);
            hs_strlist_release(&sa);
            hs_strlist_release(&sb);
        }
}

Test(related, computed_aside_equals_computed_in_line) {
    hs__related *a, *b;
    hs__related_task *t;
    hs_error err;
    cr_assert_eq(hs__related_build(store, all.v, all.n, &a, &err), 0);
    cr_assert_eq(hs__related_start(store, all.v, all.n, 0, 1, &t, &err), 0,
                 "%s", err.msg);
    cr_expect_eq(hs_store_count(store, &err), (int)all.n);
    b = hs__related_finish(t);
    cr_assert(b);
    expect_same(a, b);
    hs__related_free(a);
    hs__related_free(b);
    cr_expect_null(hs__related_finish(NULL));
}

static long count_of(const char *sql) {
    sqlite3 *db;
    sqlite3_stmt *st;
    char path[64];
    long n = -1;
    snprintf(path, sizeof(path), "%s/x.db", dir);
    cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
    cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK, "%s",
                 sqlite3_errmsg(db));
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

/*
 * Step 1's cache: a pass stores what it counted of each postmortem, and
 * the next pass over the same facts counts none of them again and gives
 * the same lists, weights and shared terms. A damaged row is counted from
 * the facts again, and a full pass forgets them all.
 */
Test(related, counted_terms_are_reused_with_the_same_answers) {
    hs__related *a, *b, *c;
    hs_error err;
    cr_assert_eq(hs__related_build(store, all.v, all.n, &a, &err), 0);
    cr_expect_eq(hs__related_n_counted(a), all.n);
    cr_assert_eq(hs__related_store_terms(store, a, &err), 0, "%s", err.msg);
    cr_expect_eq(count_of("SELECT count(*) FROM related_terms"), (long)all.n);
    cr_assert_eq(hs__related_build(store, all.v, all.n, &b, &err), 0);
    cr_expect_eq(hs__related_n_counted(b), 0);
    expect_same(a, b);
    cr_assert_eq(sqlite3_exec(store->db,
                              "UPDATE related_terms SET terms = x'0102' "
                              "WHERE rowid = (SELECT min(rowid) FROM "
                              "related_terms)",
                              NULL, NULL, NULL),
                 SQLITE_OK);
    cr_assert_eq(hs__related_build(store, all.v, all.n, &c, &err), 0);
    cr_expect_eq(hs__related_n_counted(c), 1);
    expect_same(a, c);
    cr_assert_eq(hs__related_forget_terms(store, &err), 0, "%s", err.msg);
    cr_expect_eq(count_of("SELECT count(*) FROM related_terms"), 0);
    hs__related_free(a);
    hs__related_free(b);
    hs__related_free(c);
}

static int on_row_text(void *ctx, int n, char **v, char **names) {
    FILE *m = ctx;
    (void)names;
    for (int i = 0; i < n; i++)
        fprintf(m, "%s%s", i ? "|" : "", v[i] ? v[i] : "");
    fputc('\n', m);
    return 0;
}

/* The rows of `sql` in db, one line each, as text. */
static char *rows_of(const char *db, const char *sql) {
    char *out = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&out, &len);
    sqlite3 *h;
    cr_assert(m);
    cr_assert_eq(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL),
                 SQLITE_OK);
    cr_expect_eq(sqlite3_exec(h, sql, on_row_text, m, NULL), SQLITE_OK,
                 "%s: %s", sql, sqlite3_errmsg(h));
    sqlite3_close(h);
    fclose(m);
    return out;
}

/*
 * hs_index_update computes the families while its run commits; the tables
 * it writes are those of a run followed by hs_families_update, as before
 * (corpus/, then again after one file is removed from a copy of it).
 */
Test(related, index_update_writes_what_a_run_then_families_write) {
    static const char *const tables[] = {
        "SELECT * FROM related ORDER BY pm, rank",
        "SELECT p.id, f.family FROM families f JOIN postmortems p ON "
        "p.rowid = f.pm ORDER BY 1",
        "SELECT * FROM term_df ORDER BY term"};
    char db1[96], db2[96], copy[96], cmd[256], gone[160];
    const char *paths[] = {copy};
    hs_index_stats st;
    hs_error err;
    snprintf(copy, sizeof(copy), "%s/corpus", dir);
    snprintf(cmd, sizeof(cmd), "cp -r corpus '%s'", copy);
    cr_assert_eq(system(cmd), 0);
    snprintf(db1, sizeof(db1), "%s/old.db", dir);
    snprintf(db2, sizeof(db2), "%s/new.db", dir);
    for (int pass = 0; pass < 2; pass++) {
        hs_store *a, *b;
        cr_assert_eq(hs_store_open(db1, 0, &a, &err), 0, "%s", err.msg);
        cr_assert_eq(hs_index_run(a, paths, 1, NULL, &st, &err), 0, "%s",
                     err.msg);
        cr_assert_eq(hs_families_update(a, &err), 0, "%s", err.msg);
        hs_store_close(a);
        cr_assert_eq(hs_store_open(db2, 0, &b, &err), 0, "%s", err.msg);
        cr_assert_eq(hs_index_update(b, paths, 1, NULL, &st, &err), 0, "%s",
                     err.msg);
        hs_store_close(b);
        for (size_t i = 0; i < sizeof(tables) / sizeof(*tables); i++) {
            char *x = rows_of(db1, tables[i]), *y = rows_of(db2, tables[i]);
            cr_expect(x && *x, "no rows for %s", tables[i]);
            cr_expect_str_eq(x, y, "pass %d: %s", pass, tables[i]);
            free(x);
            free(y);
        }
        /* the second pass: a file gone */
        snprintf(gone, sizeof(gone),
                 "%s/2024-02-14-partner-api-tls-certificate-expired.md", copy);
        cr_assert(pass || unlink(gone) == 0, "%s", gone);
    }
}

/*
 * The families are numbered by their first member's place in the site's
 * order (ORDER BY date IS NULL, date DESC, id), which load_facts sorts in
 * memory: every family's number is the place of a member of it, one
 * undated postmortem (last in that order) included.
 */
Test(related, families_are_numbered_in_the_sites_order) {
    char db[96], copy[96], cmd[256], path[160];
    const char *paths[] = {copy};
    hs_index_stats st;
    hs_error err;
    hs_store *s;
    FILE *f;
    char *bad;
    snprintf(copy, sizeof(copy), "%s/dated", dir);
    snprintf(cmd, sizeof(cmd), "cp -r corpus '%s'", copy);
    cr_assert_eq(system(cmd), 0);
    /* an undated copy of a certificate expiry: it joins that family */
    snprintf(path, sizeof(path), "%s/zz-undated.md", copy);
    f = fopen(path, "w");
    cr_assert(f);
    fputs("# Partner API TLS certificate expired again\n\n## Summary\n\n"
          "The partner API's TLS certificate expired and every partner call "
          "failed the handshake.\n\n## Root cause\n\nThe certificate was "
          "not renewed: the renewal job had been failing silently.\n",
          f);
    fclose(f);
    snprintf(db, sizeof(db), "%s/order.db", dir);
    cr_assert_eq(hs_store_open(db, 0, &s, &err), 0, "%s", err.msg);
    cr_assert_eq(hs_index_update(s, paths, 1, NULL, &st, &err), 0, "%s",
                 err.msg);
    hs_store_close(s);
    bad = rows_of(db, "WITH o AS (SELECT rowid AS pm, row_number() OVER "
                      "(ORDER BY date IS NULL, date DESC, id) - 1 AS place "
                      "FROM postmortems) "
                      "SELECT f.pm, f.family FROM families f "
                      "WHERE NOT EXISTS (SELECT 1 FROM o JOIN families g "
                      "ON g.pm = o.pm WHERE o.place = f.family AND "
                      "g.family = f.family)");
    cr_expect_str_eq(bad, "");
    free(bad);
    bad = rows_of(db, "SELECT count(*) FROM postmortems WHERE date IS NULL");
    cr_expect_str_eq(bad, "1\n");
    free(bad);
}
