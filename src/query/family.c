/*
 * Families: postmortems of the same failure ("does it keep happening?").
 * Two postmortems are close when each is among the other's HS__RELATED_K
 * most related (related.c: cosine of the signatures of their title,
 * summary, root cause and labels, and the thesaurus concepts those facts
 * mention) with a cosine of at least FAM_MIN_COS. A family is a group in
 * which every two members are close (complete linkage): close pairs are
 * taken from the most similar down, and two groups join only when every
 * member of one is close to every member of the other. Joining on any one
 * close pair (connected groups) chained unrelated failures together
 * through a postmortem that resembles both, and a weekly report then said
 * a connection pool exhaustion "repeats" a DNS outage.
 *
 * The families are computed for the whole index at once, with an index
 * run (hs_index_update), and stored in the `families` table (pm rowid ->
 * family), which the similar ranking, the pages and the weekly report
 * read; the same pass's related lists go to the `related` table
 * (related.c) in the same transaction. The pass reads its facts inside
 * the run's transaction, once the records are written, and computes on
 * other threads while the run merges its FTS5 segments, counts term_df
 * and commits (at 100k, 4 s on the one thread that holds the database);
 * its transaction follows the run's, as before.
 */
#include "base/buf.h"
#include "base/error.h"
#include "base/util.h"
#include "model/normalize.h"
#include "model/record.h"
#include "query/related.h"
#include "store/index.h"
#include "store/store.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/*
 * Chosen on the 15 labelled pairs of corpus/ (tests/eval/corpus-families.txt):
 * 0.15 finds 12 with families of 2 to 7; 0.1 merges all 44 postmortems into
 * one, 0.2 finds 7 pairs, 0.3 finds 3. A concepts-only signature did worse
 * (no threshold both finds most pairs and keeps families apart). With the
 * title's concepts in the signatures (related.c), on the TUNE half of the
 * pairs (make eval splits them): 0.13 to 0.16 find 6 of 8, 0.17 finds 5.
 * The pairs still missed are missed by the signatures, not the threshold:
 * a title that names the symptom ("login failures") rather than what
 * failed, or one failure told through two different symptoms, puts the
 * two outside each other's five most related at any threshold.
 */
#define FAM_MIN_COS 0.15

typedef struct pm_list {
    hs_postmortem **v;
    sqlite3_int64 *rowid; /* of v[i] in the postmortems table */
    size_t n;
} pm_list;

static char *column_dup(sqlite3_stmt *st, int i) {
    const char *v = (const char *)sqlite3_column_text(st, i);
    return v ? hs__xstrdup(v) : NULL;
}

/* A postmortem's facts and its date (NULL: none) while they are sorted. */
typedef struct fact_row {
    hs_postmortem *pm;
    char *date;
    sqlite3_int64 rowid;
} fact_row;

/* The site's order, as "ORDER BY date IS NULL, date DESC, id" sorts the
 * postmortems table (BINARY text: strcmp; ids are unique). */
static int cmp_fact(const void *a, const void *b) {
    const fact_row *x = a, *y = b;
    int c;
    if (!x->date != !y->date)
        return x->date ? -1 : 1;
    if (x->date && (c = strcmp(y->date, x->date)) != 0)
        return c;
    return strcmp(x->pm->id, y->pm->id);
}

/*
 * What the related lists are computed from, for every postmortem in the
 * site's order (newest first): its id and the FTS5 columns holding its
 * title, summary, root cause and labels (the tags, automatic tags and
 * services, a line each, which tokenize as the lists do). Reading these
 * instead of decoding every stored record costs a tenth of the time. The
 * rows are read in rowid order and sorted here: SQLite's ORDER BY sorted
 * the texts too (half of the 1 s this took at 100k).
 */
static int load_facts(hs_store *s, pm_list *l, hs_error *err) {
    sqlite3_stmt *st = NULL;
    fact_row *rows = NULL;
    size_t n = 0, alloc = 0;
    int step, rc = sqlite3_prepare_v2(
                  s->db,
                  "SELECT p.id, f.title, f.summary, f.root_cause, f.labels, "
                  "p.date, p.rowid FROM postmortems p JOIN fts f ON f.rowid = "
                  "p.rowid",
                  -1, &st, NULL);
    if (rc != SQLITE_OK)
        return hs__store_err(s, rc, err, "cannot read postmortems");
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        hs_postmortem *pm = hs__xcalloc(1, sizeof(*pm));
        char *labels = column_dup(st, 4);
        pm->id = column_dup(st, 0);
        if (!pm->id)
            pm->id = hs__xstrdup("");
        pm->title = column_dup(st, 1);
        pm->summary = column_dup(st, 2);
        pm->root_cause = column_dup(st, 3);
        pm->duration_minutes = -1;
        if (labels && *labels)
            hs__strlist_push(&pm->tags, labels);
        free(labels);
        HS_ALLOC_GROW(rows, n + 1, alloc);
        rows[n].pm = pm;
        rows[n].rowid = sqlite3_column_int64(st, 6);
        rows[n++].date = column_dup(st, 5);
    }
    sqlite3_finalize(st);
    hs__qsort(rows, n, sizeof(*rows), cmp_fact);
    l->v = hs__xcalloc(n + 1, sizeof(*l->v));
    l->rowid = hs__xcalloc(n + 1, sizeof(*l->rowid));
    for (size_t i = 0; i < n; i++) {
        l->v[l->n] = rows[i].pm;
        l->rowid[l->n++] = rows[i].rowid;
        free(rows[i].date);
    }
    free(rows);
    return step == SQLITE_DONE
               ? 0
               : hs__store_err(s, step, err, "cannot read postmortems");
}

/* Is j among i's most related with a cosine of at least FAM_MIN_COS? */
static int is_close(const hs__related *r, size_t i, size_t j) {
    for (size_t k = 0; k < HS__RELATED_K; k++)
        if (hs__related_get(r, i, k) == (long)j)
            return hs__related_weight(r, i, k) >= FAM_MIN_COS;
    return 0;
}

/*
 * The groups while they are joined: up[i] is i's group (the index of its
 * first member), next[i] the member after i in its group, or SIZE_MAX.
 */
typedef struct groups {
    size_t *up, *next, *last; /* last: of a group, its last member */
} groups;

/* Are all members of groups a and b close to each other? A group is a
 * clique of at most HS__RELATED_K + 1 members, so this is cheap. */
static int can_join(const hs__related *r, const groups *g, size_t a, size_t b) {
    for (size_t i = a; i != SIZE_MAX; i = g->next[i])
        for (size_t j = b; j != SIZE_MAX; j = g->next[j])
            if (!(is_close(r, i, j) && is_close(r, j, i)))
                return 0;
    return 1;
}

typedef struct close_pair {
    size_t i, j;
    double w;
} close_pair;

static int cmp_pair(const void *x, const void *y) {
    const close_pair *a = x, *b = y;
    if (a->w != b->w)
        return a->w < b->w ? 1 : -1;
    return a->i != b->i ? (a->i < b->i ? -1 : 1) : (a->j < b->j ? -1 : 1);
}

/* Complete linkage over the close pairs, most similar first; fills up[]. */
static void join_families(const hs__related *r, size_t n, size_t *up) {
    close_pair *pairs = hs__xcalloc(n * HS__RELATED_K + 1, sizeof(*pairs));
    groups g = {up, hs__xcalloc(n + 1, sizeof(size_t)),
                hs__xcalloc(n + 1, sizeof(size_t))};
    size_t n_pairs = 0;
    for (size_t i = 0; i < n; i++) {
        up[i] = g.last[i] = i;
        g.next[i] = SIZE_MAX;
    }
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < HS__RELATED_K; k++) {
            long j = hs__related_get(r, i, k);
            if (j > (long)i && is_close(r, i, (size_t)j) &&
                is_close(r, (size_t)j, i)) {
                pairs[n_pairs].i = i;
                pairs[n_pairs].j = (size_t)j;
                pairs[n_pairs++].w = hs__related_weight(r, i, k);
            }
        }
    hs__qsort(pairs, n_pairs, sizeof(*pairs), cmp_pair);
    for (size_t p = 0; p < n_pairs; p++) {
        size_t a = up[pairs[p].i], b = up[pairs[p].j];
        if (a == b || !can_join(r, &g, a, b))
            continue;
        for (size_t i = b; i != SIZE_MAX; i = g.next[i])
            up[i] = a;
        g.next[g.last[a]] = b;
        g.last[a] = g.last[b];
    }
    free(g.next);
    free(g.last);
    free(pairs);
}

/* A families row: postmortem rowid -> family. */
typedef struct fam_row {
    sqlite3_int64 pm, family;
} fam_row;

static int cmp_fam_row(const void *a, const void *b) {
    const fam_row *x = a, *y = b;
    return x->pm < y->pm ? -1 : x->pm > y->pm;
}

/*
 * Write the families table as up[] has it, changing only the rows that
 * differ from the stored ones: after a small change most postmortems keep
 * their family, and rewriting all of them cost 6% of a one-file re-index
 * at 10k. The table ends the same as if it were emptied and filled.
 */
static int store_families(hs_store *s, pm_list *l, size_t *up, hs_error *err) {
    sqlite3_stmt *st = NULL, *put = NULL, *del = NULL;
    fam_row *now = hs__xcalloc(l->n + 1, sizeof(*now)), *was = NULL;
    size_t n_was = 0, alloc_was = 0, a = 0, b = 0;
    int step, rc = hs__store_exec(s,
                                  "CREATE TABLE IF NOT EXISTS families("
                                  "pm INTEGER PRIMARY KEY, family INTEGER "
                                  "NOT NULL);"
                                  "CREATE INDEX IF NOT EXISTS families_family "
                                  "ON families(family);",
                                  err);
    if (rc) {
        free(now);
        return rc;
    }
    for (size_t i = 0; i < l->n; i++) {
        now[i].pm = l->rowid[i];
        now[i].family = (sqlite3_int64)up[i];
    }
    hs__qsort(now, l->n, sizeof(*now), cmp_fam_row);
    rc = sqlite3_prepare_v2(
        s->db, "SELECT pm, family FROM families ORDER BY pm", -1, &st, NULL);
    while (rc == SQLITE_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
        HS_ALLOC_GROW(was, n_was + 1, alloc_was);
        was[n_was].pm = sqlite3_column_int64(st, 0);
        was[n_was++].family = sqlite3_column_int64(st, 1);
    }
    if (rc == SQLITE_OK && step != SQLITE_DONE)
        rc = step;
    sqlite3_finalize(st);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(s->db,
                                "INSERT OR REPLACE INTO families(pm, family) "
                                "VALUES (?1, ?2)",
                                -1, &put, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(s->db, "DELETE FROM families WHERE pm = ?1", -1,
                                &del, NULL);
    /* both by rowid: a merge */
    while (rc == SQLITE_OK && (a < l->n || b < n_was)) {
        sqlite3_stmt *w = NULL;
        if (b >= n_was || (a < l->n && now[a].pm < was[b].pm)) {
            w = put; /* a postmortem new to the table */
            sqlite3_bind_int64(put, 1, now[a].pm);
            sqlite3_bind_int64(put, 2, now[a++].family);
        } else if (a >= l->n || was[b].pm < now[a].pm) {
            w = del; /* one gone */
            sqlite3_bind_int64(del, 1, was[b++].pm);
        } else {
            if (now[a].family != was[b].family) {
                w = put;
                sqlite3_bind_int64(put, 1, now[a].pm);
                sqlite3_bind_int64(put, 2, now[a].family);
            }
            a++;
            b++;
        }
        if (w) {
            rc = sqlite3_step(w) == SQLITE_DONE ? SQLITE_OK
                                                : sqlite3_errcode(s->db);
            sqlite3_reset(w);
        }
    }
    sqlite3_finalize(put);
    sqlite3_finalize(del);
    free(now);
    free(was);
    return rc == SQLITE_OK ? 0
                           : hs__store_err(s, rc, err, "cannot store families");
}

static void pm_list_release(pm_list *l) {
    for (size_t i = 0; i < l->n; i++)
        hs_postmortem_free(l->v[i]);
    free(l->v);
    free(l->rowid);
    memset(l, 0, sizeof(*l));
}

/* Join the families of l's related lists r and store both, in a
 * transaction of their own. */
static int families_store(hs_store *s, pm_list *l, const hs__related *r,
                          hs_error *err) {
    size_t *up = hs__xcalloc(l->n + 1, sizeof(size_t));
    int rc;
    join_families(r, l->n, up);
    rc = hs__store_exec(s, "BEGIN IMMEDIATE", err);
    if (rc == 0) {
        rc = store_families(s, l, up, err);
        if (rc == 0)
            rc = hs__related_store(s, l->v, l->n, r, err);
        if (rc == 0)
            rc = hs__related_store_terms(s, r, err);
        if (rc == 0)
            rc = hs__store_exec(s, "COMMIT", err);
        else
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    }
    free(up);
    return rc;
}

int hs_families_update(hs_store *s, hs_error *err) {
    pm_list l = {0};
    hs__related *r = NULL;
    int rc = load_facts(s, &l, err);
    if (rc == 0)
        rc = hs__related_build_by(s, l.v, l.n, 0, &r, err);
    if (rc == 0)
        rc = families_store(s, &l, r, err);
    hs__related_free(r);
    pm_list_release(&l);
    return rc;
}

/*
 * Must the families be computed after a run that changed nothing? When
 * they never were for this index (written before schema 4, or by
 * hs_index_run alone: no related row), or a run was committed and its
 * families were not (a crash between the two transactions): a postmortem
 * with no family row, or more family rows than postmortems (one gone).
 * A scan of an index of postmortems, ~30 ms at 100k.
 */
static int families_missing(hs_store *s) {
    sqlite3_stmt *st = NULL;
    int is_missing = 1;
    if (sqlite3_prepare_v2(
            s->db,
            "SELECT (SELECT count(*) FROM (SELECT 1 FROM postmortems LIMIT "
            "2)) = 2 AND (NOT EXISTS (SELECT 1 FROM related) OR EXISTS "
            "(SELECT 1 FROM postmortems p WHERE NOT EXISTS (SELECT 1 FROM "
            "families f WHERE f.pm = p.rowid)) OR (SELECT count(*) FROM "
            "families) != (SELECT count(*) FROM postmortems))",
            -1, &st, NULL) != SQLITE_OK) /* no families table yet */
        is_missing = 1;
    else if (sqlite3_step(st) == SQLITE_ROW)
        is_missing = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return is_missing;
}

/* The families' part of an index run that starts inside it (a
 * hs__index_hook_fn): the facts as the run wrote them, and their related
 * lists computed on other threads while the run commits. */
typedef struct fam_start {
    const hs_index_opts *opts;
    pm_list l;
    hs__related_task *task;
} fam_start;

static int start_families(void *ctx, hs_store *s, const hs_index_stats *stats,
                          hs_error *err) {
    fam_start *f = ctx;
    int rc;
    if (!(stats->added || stats->updated || stats->removed || stats->failed ||
          (f->opts && (f->opts->flags & HS_INDEX_FULL)) || families_missing(s)))
        return 0;
    /* a full run counts every postmortem's terms again */
    rc = f->opts && (f->opts->flags & HS_INDEX_FULL)
             ? hs__related_forget_terms(s, err)
             : 0;
    if (rc == 0)
        rc = load_facts(s, &f->l, err);
    if (rc == 0)
        rc = hs__related_start(s, f->l.v, f->l.n, 0, 1, &f->task, err);
    return rc;
}

int hs_index_update(hs_store *s, const char *const *paths, size_t n_paths,
                    const hs_index_opts *opts, hs_index_stats *stats,
                    hs_error *err) {
    fam_start f = {opts, {0}, NULL};
    hs__index_clock clk;
    int rc = hs__index_run_with(s, paths, n_paths, opts, start_families, &f,
                                stats, err);
    hs__index_step_start(&clk);
    if (f.task) {
        hs__related *r = hs__related_finish(f.task);
        if (rc == 0)
            rc = families_store(s, &f.l, r, err);
        hs__related_free(r);
    }
    pm_list_release(&f.l);
    hs__index_step_end(stats, HS_INDEX_STEP_RELATED, &clk);
    /* a first index built aside (HS_STORE_BUILD_ASIDE) takes its place */
    if (rc == 0)
        rc = hs__store_publish(s, err);
    hs__index_step_end(stats, HS_INDEX_STEP_PUBLISH, &clk);
    return rc;
}

static int has_families(hs_store *s) {
    sqlite3_stmt *st = NULL;
    int has = 0;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT 1 FROM sqlite_master WHERE type = 'table' "
                           "AND name = 'families'",
                           -1, &st, NULL) == SQLITE_OK)
        has = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return has;
}

static void member_from(hs_family_member *m, sqlite3_stmt *st) {
    const char *v = (const char *)sqlite3_column_text(st, 0);
    m->id = hs__xstrdup(v ? v : "");
    v = (const char *)sqlite3_column_text(st, 1);
    m->title = v ? hs__xstrdup(v) : NULL;
    v = (const char *)sqlite3_column_text(st, 2);
    hs__date_copy(m->date, v);
}

static int read_members(hs_store *s, const char *sql, sqlite3_int64 arg,
                        const char *id, hs_family *out, hs_error *err) {
    sqlite3_stmt *st = NULL;
    size_t alloc = 0;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL), step;
    if (rc != SQLITE_OK)
        return hs__store_err(s, rc, err, "cannot read families");
    if (id)
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    else
        sqlite3_bind_int64(st, 1, arg);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        HS_ALLOC_GROW(out->v, out->n + 1, alloc);
        memset(&out->v[out->n], 0, sizeof(out->v[0]));
        member_from(&out->v[out->n++], st);
    }
    sqlite3_finalize(st);
    return step == SQLITE_DONE
               ? 0
               : hs__store_err(s, step, err, "cannot read families");
}

int hs_family_of(hs_store *s, const char *id, hs_family *out, hs_error *err) {
    int rc;
    memset(out, 0, sizeof(*out));
    if (has_families(s))
        rc = read_members(
            s,
            "SELECT p.id, p.title, p.date FROM families f JOIN postmortems p "
            "ON p.rowid = f.pm WHERE f.family = (SELECT g.family FROM "
            "families g JOIN postmortems q ON q.rowid = g.pm WHERE q.id = ?1) "
            "ORDER BY p.date DESC, p.id",
            0, id, out, err);
    else
        rc = 0;
    if (rc == 0 && !out->n)
        rc = read_members(
            s, "SELECT id, title, date FROM postmortems WHERE id = ?1", 0, id,
            out, err);
    if (rc == 0 && !out->n)
        rc = hs__seterr(err, HS_ENOTFOUND, "no postmortem '%s'", id);
    if (rc)
        hs_family_release(out);
    return rc;
}

int hs_families_all(hs_store *s, hs_family **out, size_t *n, hs_error *err) {
    sqlite3_stmt *st = NULL;
    size_t alloc = 0;
    int rc = 0, step;
    *out = NULL;
    *n = 0;
    if (!has_families(s))
        return 0;
    rc = sqlite3_prepare_v2(s->db,
                            "SELECT family FROM families GROUP BY family "
                            "HAVING count(*) > 1 ORDER BY count(*) DESC, "
                            "family",
                            -1, &st, NULL);
    if (rc != SQLITE_OK)
        return hs__store_err(s, rc, err, "cannot read families");
    rc = 0;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        HS_ALLOC_GROW(*out, *n + 1, alloc);
        memset(&(*out)[*n], 0, sizeof(hs_family));
        rc = read_members(s,
                          "SELECT p.id, p.title, p.date FROM families f JOIN "
                          "postmortems p ON p.rowid = f.pm WHERE f.family = ?1 "
                          "ORDER BY p.date DESC, p.id",
                          sqlite3_column_int64(st, 0), NULL, &(*out)[*n], err);
        (*n)++;
    }
    sqlite3_finalize(st);
    return rc;
}

void hs_family_release(hs_family *f) {
    if (!f)
        return;
    for (size_t i = 0; i < f->n; i++) {
        free(f->v[i].id);
        free(f->v[i].title);
    }
    free(f->v);
    f->v = NULL;
    f->n = 0;
}
