/*
 * One page of the action-item lists, for the web view (actions.html) and
 * GET /api/action-items. hs_report_build reads every open item and sorts
 * each list whole (~300 ms at 100k postmortems, for a page of 100); here
 * each list is one query with ORDER BY ... LIMIT over ai_open, the index
 * of open items by due date and owner, in the order hs_report_build
 * gives, so a page reads about `limit` rows of it whatever the library's
 * size. Only the counts of whole lists (hs__report_count and the owners of
 * hs__report_owner_page) read the whole range of the index, and only its
 * entries.
 */
#include "base/buf.h"
#include "base/error.h"
#include "base/util.h"
#include "model/normalize.h"
#include "query/pages.h"
#include "query/report.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* What every list reads of an item and its postmortem (read_items). */
#define ITEM_COLS                                                              \
    "SELECT a.action, a.owner, a.due, a.status, p.id, p.title, p.path, "       \
    "p.severity "
/* In the words of ai_open's WHERE, so that the planner may use it. */
#define OPEN "a.status != 'done'"
#define BY_ITEM                                                                \
    "FROM action_items a JOIN postmortems p ON p.rowid = a.pm WHERE " OPEN
/*
 * Postmortems by id, then their items: the order of the lists without a
 * due date or owner, read from the id index with no sort of the list, for
 * a long list; a short one (at most SORT_MAX items) is read through its
 * index and sorted, where the walk by id would pass every postmortem to
 * find its few. Either way a page costs at most about SORT_MAX rows, or
 * limit * postmortems / SORT_MAX (1000 at 100k postmortems).
 */
#define BY_PM                                                                  \
    "FROM postmortems p CROSS JOIN action_items a ON a.pm = p.rowid "          \
    "WHERE " OPEN
/* the owner filter of the API: report.c's rule, as an SQL function */
#define OWNER " AND hs_owner_is(a.owner, ?3)"
#define PAGE " LIMIT ?4 OFFSET ?5"

#define SORT_MAX 10000

enum { P_OVERDUE, P_DUE_SOON, P_NO_DUE, P_NO_OWNER, N_LISTS };

/* Binds: ?1 as_of, ?2 the last day of the weekly "due soon" window. */
static const char *const list_where[N_LISTS] = {
    " AND a.due < ?1",
    " AND a.due >= ?1 AND a.due <= ?2",
    " AND a.due IS NULL",
    " AND a.owner IS NULL",
};

static const char *const list_order[N_LISTS] = {
    " ORDER BY a.due, a.owner IS NULL, a.owner, p.id, a.seq",
    " ORDER BY a.due, p.id, a.seq",
    " ORDER BY p.id, a.seq",
    " ORDER BY p.id, a.seq",
};

static void owner_is(sqlite3_context *c, int argc, sqlite3_value **v) {
    (void)argc;
    sqlite3_result_int(
        c, hs__report_owner_matches((const char *)sqlite3_value_text(v[0]),
                                    (const char *)sqlite3_value_text(v[1])));
}

/* Read the rows of st (ITEM_COLS) into *v, *n; days overdue when
 * with_days. Returns the sqlite3_step code that ended it. */
static int read_items(hs_report *r, sqlite3_stmt *st, long as_of, int with_days,
                      hs_report_item **v, size_t *n) {
    size_t alloc = 0;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        hs_report_item *it;
        const char *due = (const char *)sqlite3_column_text(st, 2);
        HS_ALLOC_GROW(*v, *n + 1, alloc);
        it = &(*v)[(*n)++];
        memset(it, 0, sizeof(*it));
        it->item.action =
            hs__report_dup(r, (const char *)sqlite3_column_text(st, 0));
        if (!it->item.action)
            it->item.action = hs__report_dup(r, "");
        it->item.owner =
            hs__report_dup(r, (const char *)sqlite3_column_text(st, 1));
        hs__date_copy(it->item.due, due);
        it->item.status =
            hs__status_from_name((const char *)sqlite3_column_text(st, 3));
        it->pm_id = hs__report_dup(r, (const char *)sqlite3_column_text(st, 4));
        it->pm_title =
            hs__report_dup(r, (const char *)sqlite3_column_text(st, 5));
        it->pm_path =
            hs__report_dup(r, (const char *)sqlite3_column_text(st, 6));
        it->pm_severity = sqlite3_column_int(st, 7);
        if (with_days && *it->item.due)
            it->days_overdue = (int)(as_of - hs__date_days(it->item.due));
    }
    return step;
}

/* Which lists a report of these options has, and with what extra rule. */
static int has_list(const hs_report *r, const hs_report_opts *o, int k) {
    switch (k) {
    case P_OVERDUE:
        return !r->is_not_overdue;
    case P_DUE_SOON:
        return r->is_weekly || r->is_not_overdue;
    case P_NO_OWNER:
        return !o->owner; /* an owner's items have one */
    default:
        return 1;
    }
}

/* The WHERE of list k: its rule, "not overdue" for the API's
 * overdue=false (due soon: from as_of on), and the owner filter. */
static void where_of(const hs_report *r, const hs_report_opts *o, int k,
                     hs__buf *q) {
    if (k == P_DUE_SOON && r->is_not_overdue)
        hs__buf_puts(q, " AND a.due >= ?1");
    else
        hs__buf_puts(q, list_where[k]);
    if (k == P_NO_OWNER && r->is_not_overdue)
        hs__buf_puts(q, " AND (a.due IS NULL OR a.due >= ?1)");
    if (o->owner)
        hs__buf_puts(q, OWNER);
}

static void bind_days(sqlite3_stmt *st, const hs_report *r,
                      const hs_report_opts *o) {
    char soon[HS_DATE_LEN];
    hs__date_from_days(hs__date_days(r->as_of) + 7, soon);
    sqlite3_bind_text(st, 1, r->as_of, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, soon, -1, SQLITE_TRANSIENT);
    if (o->owner)
        sqlite3_bind_text(st, 3, o->owner, -1, SQLITE_TRANSIENT);
}

/* The length of list k (0 when the report has none). */
static int count_list(hs_store *s, const hs_report *r, const hs_report_opts *o,
                      int k, size_t *n, hs_error *err) {
    hs__buf q = HS_BUF_INIT;
    sqlite3_stmt *st = NULL;
    int step;
    *n = 0;
    if (!has_list(r, o, k))
        return 0;
    hs__buf_puts(&q, "SELECT count(*) FROM action_items a WHERE " OPEN);
    where_of(r, o, k, &q);
    step = sqlite3_prepare_v2(s->db, q.data, -1, &st, NULL);
    hs__buf_release(&q);
    if (step == SQLITE_OK) {
        bind_days(st, r, o);
        step = sqlite3_step(st);
        if (step == SQLITE_ROW)
            *n = (size_t)sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    return step == SQLITE_ROW
               ? 0
               : hs__store_err(s, step, err, "cannot count action items");
}

int hs__report_page(hs_store *s, const hs_report_opts *opts, size_t offset,
                    size_t limit, hs_report **out, int *has_more,
                    hs_error *err) {
    hs_report_opts o;
    long as_of;
    hs_report *r = hs__report_start(opts, &o, &as_of, err);
    hs_report_item **lists[N_LISTS];
    size_t *counts[N_LISTS];
    int rc = 0;
    *out = NULL;
    *has_more = 0;
    if (!r)
        return HS_EINVAL;
    lists[P_OVERDUE] = &r->overdue;
    lists[P_DUE_SOON] = &r->due_soon;
    lists[P_NO_DUE] = &r->no_due_date;
    lists[P_NO_OWNER] = &r->no_owner;
    counts[P_OVERDUE] = &r->n_overdue;
    counts[P_DUE_SOON] = &r->n_due_soon;
    counts[P_NO_DUE] = &r->n_no_due_date;
    counts[P_NO_OWNER] = &r->n_no_owner;
    if (o.owner &&
        sqlite3_create_function(s->db, "hs_owner_is", 2,
                                SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                owner_is, NULL, NULL) != SQLITE_OK)
        rc = hs__store_err(s, sqlite3_errcode(s->db), err,
                           "cannot read action items");
    for (int k = 0; rc == 0 && k < N_LISTS; k++) {
        hs__buf q = HS_BUF_INIT;
        sqlite3_stmt *st = NULL;
        size_t n = 0;
        int step;
        if (!has_list(r, &o, k))
            continue;
        if (k >= P_NO_DUE && (rc = count_list(s, r, &o, k, &n, err)) != 0)
            break;
        hs__buf_puts(&q, ITEM_COLS);
        hs__buf_puts(&q, k >= P_NO_DUE && n > SORT_MAX ? BY_PM : BY_ITEM);
        where_of(r, &o, k, &q);
        hs__buf_puts(&q, list_order[k]);
        hs__buf_puts(&q, PAGE);
        step = sqlite3_prepare_v2(s->db, q.data, -1, &st, NULL);
        hs__buf_release(&q);
        if (step != SQLITE_OK) {
            rc = hs__store_err(s, step, err, "cannot read action items");
            break;
        }
        bind_days(st, r, &o);
        /* one more than the page: is there a next one? */
        sqlite3_bind_int64(st, 4, (sqlite3_int64)limit + 1);
        sqlite3_bind_int64(st, 5, (sqlite3_int64)offset);
        step = read_items(r, st, as_of, k == P_OVERDUE, lists[k], counts[k]);
        sqlite3_finalize(st);
        if (step != SQLITE_DONE)
            rc = hs__store_err(s, step, err, "cannot read action items");
        if (*counts[k] > limit) {
            *counts[k] = limit;
            *has_more = 1;
        }
    }
    return hs__report_finish(s, r, o.owner, rc, out, err);
}

/* One spelling of an owner with its overdue items, as the index groups. */
typedef struct spelling {
    char *owner; /* the report's copy (the cache's own); NULL: none */
    char first_due[HS_DATE_LEN];
    size_t n;
    long days;
} spelling;

/*
 * What actions.html counts over whole lists: every overdue item's index
 * entry, twice (~80 ms at 100k postmortems). A read-only store keeps it
 * for a day's report until another connection commits (data_version), as
 * pages.c keeps the label counts, so a page costs that once per change.
 */
typedef struct counts_cache {
    char as_of[HS_DATE_LEN];
    int has_counts, has_spellings;
    hs__report_counts counts; /* of the weekly report */
    spelling *sp;
    size_t n_sp;
} counts_cache;

static void cache_release(void *p) {
    counts_cache *c = p;
    for (size_t i = 0; i < c->n_sp; i++)
        free(c->sp[i].owner);
    free(c->sp);
}

/* The store's cache for r's day (emptied if out of date), or NULL. */
static counts_cache *cache_of(hs_store *s, const hs_report *r) {
    counts_cache *c = hs__store_cache_get(s, HS__CACHE_ACTIONS);
    if (c && !strcmp(c->as_of, r->as_of))
        return c;
    c = hs__xcalloc(1, sizeof(*c));
    memcpy(c->as_of, r->as_of, HS_DATE_LEN);
    return hs__store_cache_put(s, HS__CACHE_ACTIONS, c, cache_release);
}

int hs__report_count(hs_store *s, const hs_report *r, hs__report_counts *c,
                     hs_error *err) {
    size_t *v[N_LISTS] = {&c->overdue, &c->due_soon, &c->no_due_date,
                          &c->no_owner};
    hs_report_opts o = {0};
    counts_cache *cc = r->is_weekly ? cache_of(s, r) : NULL;
    int rc = 0;
    memset(c, 0, sizeof(*c));
    if (cc && cc->has_counts) {
        *c = cc->counts;
        return 0;
    }
    for (int k = 0; rc == 0 && k < N_LISTS; k++)
        rc = count_list(s, r, &o, k, v[k], err);
    if (rc == 0 && cc) {
        cc->counts = *c;
        cc->has_counts = 1;
    }
    return rc;
}

/* Owners by name ignoring case (no owner last), then the spelling whose
 * first item comes first in the overdue list, which names the group. */
static int cmp_spelling(const void *a, const void *b) {
    const spelling *x = a, *y = b;
    int c;
    if (!x->owner || !y->owner)
        return !x->owner - !y->owner;
    c = hs__strcasecmp(x->owner, y->owner);
    if (c)
        return c;
    c = strcmp(x->first_due, y->first_due);
    return c ? c : strcmp(x->owner, y->owner);
}

/* Every owner's overdue items, counted: the owner index (ai_owner) read in
 * its order, entries only ("+a.due": not the range of ai_open, which
 * would then be sorted by owner). */
static int read_spellings(hs_store *s, hs_report *r, spelling **v, size_t *n,
                          hs_error *err) {
    sqlite3_stmt *st = NULL;
    size_t alloc = 0;
    int step = sqlite3_prepare_v2(
        s->db,
        "SELECT a.owner, count(*), min(a.due), CAST(round(count(*) * "
        "julianday(?1) - sum(julianday(a.due))) AS INTEGER) FROM "
        "action_items a WHERE " OPEN " AND +a.due < ?1 GROUP BY a.owner",
        -1, &st, NULL);
    if (step == SQLITE_OK) {
        sqlite3_bind_text(st, 1, r->as_of, -1, SQLITE_TRANSIENT);
        while ((step = sqlite3_step(st)) == SQLITE_ROW) {
            spelling *sp;
            HS_ALLOC_GROW(*v, *n + 1, alloc);
            sp = &(*v)[(*n)++];
            sp->owner =
                hs__report_dup(r, (const char *)sqlite3_column_text(st, 0));
            sp->n = (size_t)sqlite3_column_int64(st, 1);
            hs__date_copy(sp->first_due,
                          (const char *)sqlite3_column_text(st, 2));
            sp->days = (long)sqlite3_column_int64(st, 3);
        }
    }
    sqlite3_finalize(st);
    return step == SQLITE_DONE
               ? 0
               : hs__store_err(s, step, err, "cannot count action items");
}

/* The first `room` overdue items of the owner spelt sp[0..n) (NULL: the
 * items with no owner), in the overdue list's order. */
static int read_group_items(hs_store *s, hs_report *r, const spelling *sp,
                            size_t n, size_t room, hs_report_item **v,
                            size_t *n_items, hs_error *err) {
    hs__buf q = HS_BUF_INIT;
    sqlite3_stmt *st = NULL;
    int step;
    hs__buf_puts(&q, ITEM_COLS BY_ITEM " AND a.due < ?1 AND ");
    if (!sp[0].owner) {
        hs__buf_puts(&q, "a.owner IS NULL");
    } else {
        hs__buf_puts(&q, "a.owner IN (");
        for (size_t i = 0; i < n; i++)
            hs__buf_printf(&q, "%s?%zu", i ? ", " : "", i + 3);
        hs__buf_puts(&q, ")");
    }
    hs__buf_puts(&q, " ORDER BY a.due, a.owner, p.id, a.seq LIMIT ?2");
    step = sqlite3_prepare_v2(s->db, q.data, -1, &st, NULL);
    hs__buf_release(&q);
    if (step == SQLITE_OK) {
        sqlite3_bind_text(st, 1, r->as_of, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)room);
        for (size_t i = 0; sp[0].owner && i < n; i++)
            sqlite3_bind_text(st, (int)i + 3, sp[i].owner, -1, SQLITE_STATIC);
        step = read_items(r, st, hs__date_days(r->as_of), 1, v, n_items);
    }
    sqlite3_finalize(st);
    return step == SQLITE_DONE
               ? 0
               : hs__store_err(s, step, err, "cannot read action items");
}

/* Are a and b spellings of one owner (NULL: no owner)? */
static int same_owner(const char *a, const char *b) {
    if (!a || !b)
        return !a && !b;
    return !hs__strcasecmp(a, b);
}

/* The owners' spellings, sorted (cmp_spelling): from the store's cache,
 * or read and then kept there. Strings are r's. */
static int owner_spellings(hs_store *s, hs_report *r, spelling **sp,
                           size_t *n_sp, hs_error *err) {
    counts_cache *cc = cache_of(s, r);
    int rc;
    if (cc && cc->has_spellings) {
        *sp = hs__xcalloc(cc->n_sp + 1, sizeof(**sp));
        for (*n_sp = 0; *n_sp < cc->n_sp; (*n_sp)++) {
            (*sp)[*n_sp] = cc->sp[*n_sp];
            (*sp)[*n_sp].owner = hs__report_dup(r, cc->sp[*n_sp].owner);
        }
        return 0;
    }
    rc = read_spellings(s, r, sp, n_sp, err);
    if (rc)
        return rc;
    hs__qsort(*sp, *n_sp, sizeof(**sp), cmp_spelling);
    if (cc) {
        cc->sp = hs__xcalloc(*n_sp + 1, sizeof(**sp));
        for (cc->n_sp = 0; cc->n_sp < *n_sp; cc->n_sp++) {
            const char *o = (*sp)[cc->n_sp].owner;
            cc->sp[cc->n_sp] = (*sp)[cc->n_sp];
            cc->sp[cc->n_sp].owner = o ? hs__xstrdup(o) : NULL;
        }
        cc->has_spellings = 1;
    }
    return 0;
}

/* Read the items of the first groups of g into *items, at most room, and
 * point the groups at them. */
static int group_items(hs_store *s, hs_report *r, const spelling *sp,
                       size_t n_sp, size_t room, hs__owner_groups *g,
                       hs_report_item **items, size_t *n_items, hs_error *err) {
    size_t *first_of = hs__xcalloc(g->n + 1, sizeof(size_t));
    int rc = 0;
    for (size_t k = 0; rc == 0 && k < g->n; k++) {
        const char *owner = g->v[k].owner;
        size_t at = 0, n = 0;
        first_of[k] = *n_items;
        if (*n_items == room)
            continue;
        while (at < n_sp && !same_owner(sp[at].owner, owner))
            at++;
        while (at + n < n_sp && same_owner(sp[at + n].owner, owner))
            n++;
        if (n)
            rc = read_group_items(s, r, sp + at, n, room - *n_items, items,
                                  n_items, err);
    }
    g->order = hs__xcalloc(*n_items + 1, sizeof(*g->order));
    for (size_t i = 0; i < *n_items; i++)
        g->order[i] = &(*items)[i];
    for (size_t k = 0; rc == 0 && k < g->n; k++) {
        size_t end = k + 1 < g->n ? first_of[k + 1] : *n_items;
        g->v[k].items = &g->order[first_of[k]];
        g->v[k].n_shown = end - first_of[k];
    }
    free(first_of);
    return rc;
}

int hs__report_owner_page(hs_store *s, hs_report *r, size_t room,
                          size_t max_groups, hs__owner_groups *g,
                          size_t *n_groups, hs_error *err) {
    spelling *sp = NULL;
    hs_report_item *items = NULL;
    size_t n_sp = 0, n_items = 0;
    int rc = owner_spellings(s, r, &sp, &n_sp, err);
    memset(g, 0, sizeof(*g));
    *n_groups = 0;
    if (rc) {
        free(sp);
        return rc;
    }
    g->v = hs__xcalloc(n_sp + 1, sizeof(*g->v));
    for (size_t i = 0; i < n_sp; i++) {
        /* sorted: a group's spellings are together, its name first */
        if (i == 0 || !same_owner(sp[i - 1].owner, sp[i].owner))
            g->v[g->n++].owner = sp[i].owner;
        g->v[g->n - 1].n += sp[i].n;
        g->v[g->n - 1].days += sp[i].days;
    }
    hs__owner_groups_sort(g);
    *n_groups = g->n;
    if (g->n > max_groups)
        g->n = max_groups;
    rc = group_items(s, r, sp, n_sp, room, g, &items, &n_items, err);
    free(sp);
    free(r->overdue);
    r->overdue = items;
    r->n_overdue = n_items;
    if (rc)
        hs__owner_groups_release(g);
    return rc;
}
