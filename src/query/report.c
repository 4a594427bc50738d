/*
 * The action-item reports: overdue items (due before the as-of day and not
 * done; unknown status counts as open), open items with no owner or no due
 * date, and for the weekly review the postmortems of the last seven days
 * and the items due in the next seven. Aggregation only: rendering is
 * report_render.c's, and nothing here prints.
 */
#include "query/report.h"
#include "base/error.h"
#include "base/strmap.h"
#include "base/text.h"
#include "base/util.h"
#include "model/normalize.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/banned.h"

/*
 * A report and the blocks its strings live in. At 100k postmortems a report
 * has ~190k items; one malloc per string, then one free each, was a quarter
 * of the run (perf: malloc_consolidate, unlink_chunk, _int_free). Instead
 * the items of one postmortem share its strings, every string is copied
 * into a few large blocks, and hs_report_free frees the blocks.
 */
typedef struct report_mem {
    hs_report pub; /* first: hs_report_free gets back here from it */
    char **blocks;
    size_t n_blocks, alloc_blocks;
    char *next; /* free space in the newest block */
    size_t left;
} report_mem;

enum { BLOCK_SIZE = 256 * 1024 };

static char *mem_block(report_mem *m, size_t size) {
    HS_ALLOC_GROW(m->blocks, m->n_blocks + 1, m->alloc_blocks);
    return m->blocks[m->n_blocks++] = hs__xmalloc(size);
}

/* A copy of s (may be NULL) that lives as long as the report. */
static char *mem_dup(report_mem *m, const char *s) {
    size_t len;
    char *p;
    if (!s)
        return NULL;
    len = strlen(s);
    if (len >= BLOCK_SIZE / 4) {
        p = mem_block(m, len + 1); /* alone, so the block is not wasted */
    } else {
        if (len + 1 > m->left) {
            m->next = mem_block(m, BLOCK_SIZE);
            m->left = BLOCK_SIZE;
        }
        p = m->next;
        m->next += len + 1;
        m->left -= len + 1;
    }
    memcpy(p, s, len + 1);
    return p;
}

void hs_report_free(hs_report *r) {
    report_mem *m = (report_mem *)r;
    if (!r)
        return;
    for (size_t i = 0; i < r->n_repeats; i++)
        free(r->repeats[i].open);
    free(r->repeats);
    free(r->overdue);
    free(r->no_due_date);
    free(r->no_owner);
    free(r->due_soon);
    free(r->new_pms);
    for (size_t i = 0; i < m->n_blocks; i++)
        free(m->blocks[i]);
    free(m->blocks);
    free(m);
}

/*
 * Does `owner` match the --owner filter: the same name, or a name that
 * starts with it as a whole word ("priya" matches "Priya Raman"), ignoring
 * case (also of accented letters) and a leading '@'?
 */
static int owner_matches(const char *owner, const char *want) {
    hs__buf a = HS_BUF_INIT, b = HS_BUF_INIT;
    int is_match;
    if (!want)
        return 1;
    if (!owner)
        return 0;
    hs__utf8_fold(&a, owner[0] == '@' ? owner + 1 : owner);
    hs__utf8_fold(&b, want[0] == '@' ? want + 1 : want);
    is_match = a.len >= b.len && !memcmp(a.data, b.data, b.len) &&
               (a.len == b.len || a.data[b.len] == ' ');
    hs__buf_release(&a);
    hs__buf_release(&b);
    return is_match;
}

/*
 * An item as read, with what the sorts need beyond hs_report_item. The
 * lists are sorted by their own keys, then by postmortem id and the item's
 * place in it (seq), then by the order read (only a damaged index has two
 * items with one seq): every order is total, so no sort needs to be stable.
 */
typedef struct row {
    hs_report_item it;
    long seq;
    size_t ord;
    size_t owner_at; /* in the owner table */
    size_t owner_rank;
} row;

typedef struct row_list {
    row *v;
    size_t n, alloc;
} row_list;

static int cmp_pm_seq(const row *x, const row *y) {
    int c = x->it.pm_id == y->it.pm_id ? 0 : strcmp(x->it.pm_id, y->it.pm_id);
    if (c)
        return c;
    if (x->seq != y->seq)
        return x->seq < y->seq ? -1 : 1;
    return x->ord < y->ord ? -1 : x->ord > y->ord;
}

/*
 * Most overdue first; then by owner (none last, compared as "\xff"), by
 * postmortem and seq. The owner's rank stands for strcmp on the names.
 */
static int cmp_overdue(const void *a, const void *b) {
    const row *x = a, *y = b;
    if (x->it.days_overdue != y->it.days_overdue)
        return y->it.days_overdue - x->it.days_overdue;
    if (x->owner_rank != y->owner_rank)
        return x->owner_rank < y->owner_rank ? -1 : 1;
    return cmp_pm_seq(x, y);
}

static int cmp_due(const void *a, const void *b) {
    const row *x = a, *y = b;
    int c = strcmp(x->it.item.due, y->it.item.due);
    return c ? c : cmp_pm_seq(x, y);
}

static int cmp_pm(const void *a, const void *b) {
    return cmp_pm_seq(a, b);
}

/* Sort l and hand its items over as a plain array (NULL when empty). */
static hs_report_item *rows_finish(row_list *l, size_t *n,
                                   int (*cmp)(const void *, const void *)) {
    hs_report_item *v = NULL;
    hs__qsort(l->v, l->n, sizeof(*l->v), cmp);
    if (l->n)
        v = hs__xreallocarray(NULL, l->n, sizeof(*v));
    for (size_t i = 0; i < l->n; i++)
        v[i] = l->v[i].it;
    *n = l->n;
    free(l->v);
    memset(l, 0, sizeof(*l));
    return v;
}

static void rows_push(row_list *l, const row *rw) {
    HS_ALLOC_GROW(l->v, l->n + 1, l->alloc);
    l->v[l->n++] = *rw;
}

/*
 * The owners of the items read, one copy of each spelling, found through
 * a hash table of their bytes. Ranked in strcmp order once read, they
 * spare the sort of the overdue list ~2.5M strcmp calls at 100k
 * postmortems, and each name is copied once rather than once per item.
 */
typedef struct owner_tab {
    char **v; /* v[0] is NULL: no owner; the strings are the report's */
    size_t n, alloc;
    hs__strmap at; /* name -> its index in v */
} owner_tab;

/* The index in t of `owner` (may be NULL), added if new. */
static size_t owners_find(owner_tab *t, report_mem *m, const char *owner) {
    int is_new;
    hs__strmap_slot *sl;
    if (!owner)
        return 0;
    sl = hs__strmap_put(&t->at, owner, strlen(owner), &is_new);
    if (is_new) {
        HS_ALLOC_GROW(t->v, t->n + 1, t->alloc);
        t->v[t->n] = mem_dup(m, owner);
        sl->key = t->v[t->n];
        sl->val.index = t->n++;
    }
    return sl->val.index;
}

typedef struct owner_order {
    const char *name;
    size_t at;
} owner_order;

static int cmp_owner_name(const void *a, const void *b) {
    const owner_order *x = a, *y = b;
    return strcmp(x->name ? x->name : "\xff", y->name ? y->name : "\xff");
}

/* Give each row of l its owner's rank in strcmp order (equal: equal). */
static void owners_rank(const owner_tab *t, row_list *l) {
    owner_order *o = hs__xcalloc(t->n + 1, sizeof(*o));
    size_t *rank = hs__xcalloc(t->n + 1, sizeof(*rank));
    for (size_t i = 0; i < t->n; i++) {
        o[i].name = t->v[i];
        o[i].at = i;
    }
    hs__qsort(o, t->n, sizeof(*o), cmp_owner_name);
    for (size_t i = 1; i < t->n; i++)
        rank[o[i].at] =
            rank[o[i - 1].at] + (cmp_owner_name(&o[i - 1], &o[i]) != 0);
    for (size_t i = 0; i < l->n; i++)
        l->v[i].owner_rank = rank[l->v[i].owner_at];
    free(rank);
    free(o);
}

enum { L_OVERDUE, L_DUE_SOON, L_NO_DUE, L_NO_OWNER, N_LISTS };

/*
 * The lists (1 << L_*) an open item belongs in, so that the strings of an
 * item that is in none are never copied.
 */
static unsigned item_lists(const char *owner, const char *due,
                           const hs_report_opts *o, int is_weekly, long as_of,
                           long *due_days /* OUT: INT32_MIN: no due date */) {
    unsigned in = 0;
    *due_days =
        due && strlen(due) == HS_DATE_LEN - 1 ? hs__date_days(due) : INT32_MIN;
    int is_overdue = *due_days != INT32_MIN && *due_days < as_of;
    if (o->is_not_overdue && is_overdue)
        return 0;
    if (owner_matches(owner, o->owner)) {
        if (is_overdue)
            in |= 1u << L_OVERDUE;
        if (is_weekly && *due_days != INT32_MIN && *due_days >= as_of &&
            *due_days <= as_of + 7)
            in |= 1u << L_DUE_SOON;
        if (o->is_not_overdue && *due_days != INT32_MIN)
            in |= 1u << L_DUE_SOON;
        if (*due_days == INT32_MIN)
            in |= 1u << L_NO_DUE;
    }
    if (!owner && !o->owner)
        in |= 1u << L_NO_OWNER;
    return in;
}

/* What load_items carries from one row to the next. */
typedef struct reader {
    report_mem *m;
    row_list lists[N_LISTS];
    owner_tab owners;
    sqlite3_int64 pm; /* the postmortem whose strings these are */
    int has_pm;
    char *pm_id, *pm_title, *pm_path; /* the report's copies */
    size_t ord;                       /* rows read */
} reader;

/*
 * Add the item of the current row of `st` to the lists `in` names (bits
 * 1 << L_*). `owner` and `due` are the row's, `due_days` its due day.
 */
static void read_item(reader *rd, sqlite3_stmt *st, unsigned in,
                      const char *owner, const char *due, long due_days,
                      long as_of) {
    report_mem *m = rd->m;
    row rw;
    if (!rd->has_pm || sqlite3_column_int64(st, 0) != rd->pm) {
        /* Items of one postmortem are stored together: share its
         * strings. Were they not, each run would get its own copy. */
        rd->pm = sqlite3_column_int64(st, 0);
        rd->has_pm = 1;
        rd->pm_id = mem_dup(m, (const char *)sqlite3_column_text(st, 6));
        rd->pm_title = mem_dup(m, (const char *)sqlite3_column_text(st, 7));
        rd->pm_path = mem_dup(m, (const char *)sqlite3_column_text(st, 8));
    }
    memset(&rw, 0, sizeof(rw));
    rw.it.item.action = mem_dup(m, (const char *)sqlite3_column_text(st, 2));
    if (!rw.it.item.action)
        rw.it.item.action = mem_dup(m, "");
    rw.owner_at = owners_find(&rd->owners, m, owner);
    rw.it.item.owner = rd->owners.v[rw.owner_at];
    hs__date_copy(rw.it.item.due, due);
    rw.it.item.status =
        hs__status_from_name((const char *)sqlite3_column_text(st, 5));
    rw.it.pm_id = rd->pm_id;
    rw.it.pm_title = rd->pm_title;
    rw.it.pm_path = rd->pm_path;
    rw.it.pm_severity = sqlite3_column_int(st, 9);
    rw.seq = (long)sqlite3_column_int64(st, 1);
    rw.ord = rd->ord;
    if (in & (1u << L_NO_OWNER))
        rows_push(&rd->lists[L_NO_OWNER], &rw);
    if (in & (1u << L_NO_DUE))
        rows_push(&rd->lists[L_NO_DUE], &rw);
    if (in & (1u << L_DUE_SOON))
        rows_push(&rd->lists[L_DUE_SOON], &rw);
    if (in & (1u << L_OVERDUE)) {
        rw.it.days_overdue = (int)(as_of - due_days);
        rows_push(&rd->lists[L_OVERDUE], &rw);
    }
}

/*
 * Read every open item with its postmortem in one pass, in table order:
 * no ORDER BY, whose sorter spilled ~50 MB to a temporary file at 100k
 * postmortems; the lists are sorted here instead, on their own keys.
 */
static int load_items(hs_store *s, report_mem *m, const hs_report_opts *o,
                      long as_of, hs_error *err) {
    hs_report *r = &m->pub;
    reader rd;
    sqlite3_stmt *st;
    int step;
    int rc = sqlite3_prepare_v2(
        s->db,
        "SELECT a.pm, a.seq, a.action, a.owner, a.due, a.status, p.id, "
        "p.title, p.path, p.severity FROM action_items a JOIN postmortems p "
        "ON p.rowid = a.pm WHERE a.status != 'done'",
        -1, &st, NULL);
    if (rc != SQLITE_OK)
        return hs__store_err(s, rc, err, "cannot read action items");
    memset(&rd, 0, sizeof(rd));
    rd.m = m;
    HS_ALLOC_GROW(rd.owners.v, 1, rd.owners.alloc);
    rd.owners.v[rd.owners.n++] = NULL; /* index 0: no owner */
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *owner = (const char *)sqlite3_column_text(st, 3);
        const char *due = (const char *)sqlite3_column_text(st, 4);
        long due_days;
        unsigned in = item_lists(owner, due, o, r->is_weekly, as_of, &due_days);
        rd.ord++;
        if (in)
            read_item(&rd, st, in, owner, due, due_days, as_of);
    }
    sqlite3_finalize(st);
    if (step == SQLITE_DONE) {
        owners_rank(&rd.owners, &rd.lists[L_OVERDUE]);
        r->overdue =
            rows_finish(&rd.lists[L_OVERDUE], &r->n_overdue, cmp_overdue);
        r->due_soon =
            rows_finish(&rd.lists[L_DUE_SOON], &r->n_due_soon, cmp_due);
        r->no_due_date =
            rows_finish(&rd.lists[L_NO_DUE], &r->n_no_due_date, cmp_pm);
        r->no_owner =
            rows_finish(&rd.lists[L_NO_OWNER], &r->n_no_owner, cmp_pm);
    }
    for (int i = 0; i < N_LISTS; i++)
        free(rd.lists[i].v);
    free(rd.owners.v);
    hs__strmap_release(&rd.owners.at);
    if (step != SQLITE_DONE)
        return hs__store_err(s, step, err, "cannot read action items");
    return 0;
}

static int load_new_pms(hs_store *s, report_mem *m, long as_of, hs_error *err) {
    hs_report *r = &m->pub;
    sqlite3_stmt *st;
    char from[HS_DATE_LEN];
    int step, rc;
    size_t alloc = 0;
    hs__date_from_days(as_of - 6, from);
    rc = sqlite3_prepare_v2(s->db,
                            "SELECT id, title, path, date, severity FROM "
                            "postmortems WHERE date >= ?1 AND date <= ?2 "
                            "ORDER BY date DESC, id",
                            -1, &st, NULL);
    if (rc != SQLITE_OK)
        return hs__store_err(s, rc, err, "cannot read postmortems");
    sqlite3_bind_text(st, 1, from, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, r->as_of, -1, SQLITE_TRANSIENT);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        hs_report_pm *p;
        const char *d = (const char *)sqlite3_column_text(st, 3);
        HS_ALLOC_GROW(r->new_pms, r->n_new_pms + 1, alloc);
        p = &r->new_pms[r->n_new_pms++];
        memset(p, 0, sizeof(*p));
        p->id = mem_dup(m, (const char *)sqlite3_column_text(st, 0));
        p->title = mem_dup(m, (const char *)sqlite3_column_text(st, 1));
        p->path = mem_dup(m, (const char *)sqlite3_column_text(st, 2));
        hs__date_copy(p->date, d);
        p->severity = sqlite3_column_int(st, 4);
    }
    sqlite3_finalize(st);
    if (step != SQLITE_DONE)
        return hs__store_err(s, step, err, "cannot read postmortems");
    return 0;
}

static void pm_from(report_mem *m, hs_report_pm *p, sqlite3_stmt *st) {
    const char *d = (const char *)sqlite3_column_text(st, 3);
    p->id = mem_dup(m, (const char *)sqlite3_column_text(st, 0));
    p->title = mem_dup(m, (const char *)sqlite3_column_text(st, 1));
    p->path = mem_dup(m, (const char *)sqlite3_column_text(st, 2));
    hs__date_copy(p->date, d);
    p->severity = sqlite3_column_int(st, 4);
}

/*
 * Repeat incidents: each new postmortem whose family (family.c) has an
 * earlier one, with that one's action items that are not done. Those were
 * open on the day it happened again: the index keeps an item's status,
 * not the day it changed, so an item done since is not listed (it may have
 * been open then too). No families table (never computed): no repeats.
 * With an owner filter, only that owner's items, and only the repeats that
 * have some.
 */
static int load_repeats(hs_store *s, report_mem *m, const char *owner,
                        hs_error *err) {
    hs_report *r = &m->pub;
    sqlite3_stmt *prev = NULL, *acts = NULL;
    size_t alloc = 0;
    int rc = sqlite3_prepare_v2(
        s->db,
        "SELECT p.id, p.title, p.path, p.date, p.severity, p.rowid FROM "
        "families f JOIN postmortems p ON p.rowid = f.pm WHERE f.family = "
        "(SELECT g.family FROM families g JOIN postmortems q ON q.rowid = "
        "g.pm WHERE q.id = ?1) AND p.date < ?2 ORDER BY p.date DESC LIMIT 1",
        -1, &prev, NULL);
    if (rc != SQLITE_OK) /* no families yet */
        return 0;
    rc = sqlite3_prepare_v2(s->db,
                            "SELECT action, owner, due, status FROM "
                            "action_items WHERE pm = ?1 AND status != 'done' "
                            "ORDER BY seq",
                            -1, &acts, NULL);
    for (size_t i = 0; rc == SQLITE_OK && i < r->n_new_pms; i++) {
        const hs_report_pm *p = &r->new_pms[i];
        hs_report_repeat *rep;
        size_t alloc_open = 0;
        int step;
        if (!*p->date)
            continue;
        sqlite3_reset(prev);
        sqlite3_bind_text(prev, 1, p->id, -1, SQLITE_STATIC);
        sqlite3_bind_text(prev, 2, p->date, -1, SQLITE_STATIC);
        if ((step = sqlite3_step(prev)) != SQLITE_ROW) {
            rc = step == SQLITE_DONE ? SQLITE_OK : step;
            continue;
        }
        HS_ALLOC_GROW(r->repeats, r->n_repeats + 1, alloc);
        rep = &r->repeats[r->n_repeats++];
        memset(rep, 0, sizeof(*rep));
        rep->pm = *p;
        pm_from(m, &rep->earlier, prev);
        sqlite3_reset(acts);
        sqlite3_bind_int64(acts, 1, sqlite3_column_int64(prev, 5));
        while ((step = sqlite3_step(acts)) == SQLITE_ROW) {
            hs_action_item *a;
            const char *due = (const char *)sqlite3_column_text(acts, 2);
            if (!owner_matches((const char *)sqlite3_column_text(acts, 1),
                               owner))
                continue;
            HS_ALLOC_GROW(rep->open, rep->n_open + 1, alloc_open);
            a = &rep->open[rep->n_open++];
            memset(a, 0, sizeof(*a));
            a->action = mem_dup(m, (const char *)sqlite3_column_text(acts, 0));
            a->owner = mem_dup(m, (const char *)sqlite3_column_text(acts, 1));
            hs__date_copy(a->due, due);
            a->status = hs__status_from_name(
                (const char *)sqlite3_column_text(acts, 3));
        }
        if (step != SQLITE_DONE)
            rc = step;
        else if (owner && !rep->n_open) /* none of that owner's */
            r->n_repeats--;
    }
    if (rc != SQLITE_OK)
        rc = hs__store_err(s, rc, err, "cannot read repeat incidents");
    sqlite3_finalize(prev);
    sqlite3_finalize(acts);
    return rc;
}

hs_report *hs__report_start(const hs_report_opts *opts, hs_report_opts *o,
                            long *as_of, hs_error *err) {
    report_mem *m;
    hs_report *r;
    memset(o, 0, sizeof(*o));
    if (opts)
        *o = *opts;
    if (o->as_of && hs__date_days(o->as_of) == INT32_MIN) {
        hs__seterr(err, HS_EINVAL, "as-of date '%s' is not a YYYY-MM-DD date",
                   o->as_of);
        return NULL;
    }
    if (hs__utf8_refuse("the owner", o->owner, HS_EINVAL, err))
        return NULL;
    m = hs__xcalloc(1, sizeof(*m));
    r = &m->pub;
    r->is_weekly = o->is_weekly;
    r->is_not_overdue = o->is_not_overdue && !o->is_weekly;
    o->is_not_overdue = r->is_not_overdue;
    if (o->as_of)
        memcpy(r->as_of, o->as_of, HS_DATE_LEN);
    else
        hs__date_today(r->as_of);
    *as_of = hs__date_days(r->as_of);
    return r;
}

char *hs__report_dup(hs_report *r, const char *s) {
    return mem_dup((report_mem *)r, s);
}

int hs__report_owner_matches(const char *owner, const char *want) {
    return owner_matches(owner, want);
}

int hs__report_finish(hs_store *s, hs_report *r, const char *owner, int rc,
                      hs_report **out, hs_error *err) {
    report_mem *m = (report_mem *)r;
    if (rc == 0 && r->is_weekly)
        rc = load_new_pms(s, m, hs__date_days(r->as_of), err);
    if (rc == 0 && r->is_weekly)
        rc = load_repeats(s, m, owner, err);
    if (rc) {
        hs_report_free(r);
        return rc;
    }
    *out = r;
    return 0;
}

int hs_report_build(hs_store *s, const hs_report_opts *opts, hs_report **out,
                    hs_error *err) {
    hs_report_opts o;
    long as_of;
    hs_report *r = hs__report_start(opts, &o, &as_of, err);
    int rc;
    *out = NULL;
    if (!r)
        return HS_EINVAL;
    rc = load_items(s, (report_mem *)r, &o, as_of, err);
    return hs__report_finish(s, r, o.owner, rc, out, err);
}

static int cmp_owner_group(const void *a, const void *b) {
    const hs__owner_group *x = a, *y = b;
    if (x->n != y->n)
        return x->n < y->n ? 1 : -1;
    if (x->days != y->days)
        return x->days < y->days ? 1 : -1;
    if (!x->owner || !y->owner)
        return !x->owner - !y->owner;
    return strcmp(x->owner, y->owner);
}

/* FNV-1a over the owner, letters folded as hs__strcasecmp folds them. */
static size_t owner_hash(const char *s) {
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)hs__tolower((unsigned char)*s)) * 16777619u;
    return h;
}

/*
 * One pass over the items (most overdue first) finds each item's group in
 * a hash table of owners, so the group is named by the first spelling in
 * the list and keeps its items in list order; a second pass lays the
 * groups out one after the other in `order`. O(n) before the sort of the
 * groups. (Sorting the 150k overdue items by owner at 100k postmortems
 * was a fifth of an HTML report.)
 */
void hs__owner_groups_init(hs__owner_groups *g, const hs_report *r) {
    size_t n = r->n_overdue, cap = 16, no_owner = SIZE_MAX, at = 0;
    size_t *slots, *group_of, *filled;
    while (cap < 2 * n)
        cap *= 2;
    slots = hs__xcalloc(cap, sizeof(*slots)); /* group index + 1, 0: free */
    group_of = hs__xcalloc(n + 1, sizeof(*group_of));
    g->order = hs__xcalloc(n + 1, sizeof(*g->order));
    g->v = hs__xcalloc(n + 1, sizeof(*g->v));
    g->n = 0;
    for (size_t i = 0; i < n; i++) {
        const char *ow = r->overdue[i].item.owner;
        size_t k;
        if (!ow) {
            if (no_owner == SIZE_MAX)
                no_owner = g->n++;
            k = no_owner;
        } else {
            size_t h = owner_hash(ow) & (cap - 1);
            while (slots[h] && hs__strcasecmp(g->v[slots[h] - 1].owner, ow))
                h = (h + 1) & (cap - 1);
            if (!slots[h]) {
                slots[h] = ++g->n;
                g->v[g->n - 1].owner = ow;
            }
            k = slots[h] - 1;
        }
        group_of[i] = k;
        g->v[k].n++;
        g->v[k].n_shown++;
        g->v[k].days += r->overdue[i].days_overdue;
    }
    filled = hs__xcalloc(g->n + 1, sizeof(*filled));
    for (size_t k = 0; k < g->n; k++) {
        g->v[k].items = &g->order[at];
        at += g->v[k].n;
    }
    for (size_t i = 0; i < n; i++) {
        size_t k = group_of[i];
        g->v[k].items[filled[k]++] = &r->overdue[i];
    }
    free(filled);
    free(group_of);
    free(slots);
    hs__owner_groups_sort(g);
}

void hs__owner_groups_sort(hs__owner_groups *g) {
    hs__qsort(g->v, g->n, sizeof(*g->v), cmp_owner_group);
}

void hs__owner_groups_release(hs__owner_groups *g) {
    free(g->order);
    free(g->v);
    memset(g, 0, sizeof(*g));
}
