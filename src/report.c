/*
 * The action-item reports: overdue items (due before the as-of day and not
 * done; unknown status counts as open), open items with no owner or no due
 * date, and for the weekly review the postmortems of the last seven days
 * and the items due in the next seven. Aggregation only: rendering is
 * report_render.c's, and nothing here prints.
 */
#include "report.h"
#include "error.h"
#include "normalize.h"
#include "record.h"
#include "store.h"
#include "text.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "banned.h"

static void item_release(hs_report_item *it) {
    hs__action_release(&it->item);
    free(it->pm_id);
    free(it->pm_title);
    free(it->pm_path);
}

static void items_free(hs_report_item *v, size_t n) {
    for (size_t i = 0; i < n; i++)
        item_release(&v[i]);
    free(v);
}

void hs_report_free(hs_report *r) {
    if (!r)
        return;
    items_free(r->overdue, r->n_overdue);
    items_free(r->no_due_date, r->n_no_due_date);
    items_free(r->no_owner, r->n_no_owner);
    items_free(r->due_soon, r->n_due_soon);
    for (size_t i = 0; i < r->n_new_pms; i++) {
        free(r->new_pms[i].id);
        free(r->new_pms[i].title);
        free(r->new_pms[i].path);
    }
    free(r->new_pms);
    free(r);
}

static char *col_dup(sqlite3_stmt *st, int c) {
    const char *v = (const char *)sqlite3_column_text(st, c);
    return v ? hs__xstrdup(v) : NULL;
}

static void push_item(hs_report_item **v, size_t *n, const hs_report_item *it) {
    hs_report_item *dst;
    *v = hs__xreallocarray(*v, *n + 1, sizeof(**v));
    dst = &(*v)[(*n)++];
    *dst = *it;
    dst->item.action = hs__xstrdup(it->item.action);
    dst->item.owner = it->item.owner ? hs__xstrdup(it->item.owner) : NULL;
    dst->pm_id = hs__xstrdup(it->pm_id);
    dst->pm_title = it->pm_title ? hs__xstrdup(it->pm_title) : NULL;
    dst->pm_path = it->pm_path ? hs__xstrdup(it->pm_path) : NULL;
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

/* Most overdue first; then by owner, postmortem and the item's order. */
static int cmp_overdue(const void *a, const void *b) {
    const hs_report_item *x = a, *y = b;
    int c;
    if (x->days_overdue != y->days_overdue)
        return y->days_overdue - x->days_overdue;
    c = strcmp(x->item.owner ? x->item.owner : "\xff",
               y->item.owner ? y->item.owner : "\xff");
    return c ? c : strcmp(x->pm_id, y->pm_id);
}

static int cmp_due(const void *a, const void *b) {
    const hs_report_item *x = a, *y = b;
    int c = strcmp(x->item.due, y->item.due);
    return c ? c : strcmp(x->pm_id, y->pm_id);
}

static int cmp_pm(const void *a, const void *b) {
    const hs_report_item *x = a, *y = b;
    return strcmp(x->pm_id, y->pm_id);
}

static void today_utc(char out[11]) {
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

static int load_items(hs_store *s, hs_report *r, const hs_report_opts *o,
                      long as_of, hs_error *err) {
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(
        s->db,
        "SELECT a.action, a.owner, a.due, a.status, p.id, p.title, p.path, "
        "p.severity FROM action_items a JOIN postmortems p ON p.rowid = a.pm "
        "WHERE a.status != 'done' ORDER BY p.id, a.seq",
        -1, &st, NULL);
    int step;
    if (rc != SQLITE_OK)
        return hs__store_err(s, rc, err, "cannot read action items");
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        hs_report_item it;
        const char *due = (const char *)sqlite3_column_text(st, 2);
        long due_days;
        memset(&it, 0, sizeof(it));
        it.item.action = col_dup(st, 0);
        it.item.owner = col_dup(st, 1);
        if (due && strlen(due) == 10)
            memcpy(it.item.due, due, 11);
        it.item.status =
            hs__status_from_name((const char *)sqlite3_column_text(st, 3));
        it.pm_id = col_dup(st, 4);
        it.pm_title = col_dup(st, 5);
        it.pm_path = col_dup(st, 6);
        it.pm_severity = sqlite3_column_int(st, 7);
        if (!it.item.action)
            it.item.action = hs__xstrdup("");
        if (owner_matches(it.item.owner, o->owner)) {
            due_days = *it.item.due ? hs__date_days(it.item.due) : INT32_MIN;
            if (due_days != INT32_MIN && due_days < as_of) {
                it.days_overdue = (int)(as_of - due_days);
                push_item(&r->overdue, &r->n_overdue, &it);
                it.days_overdue = 0;
            }
            if (r->is_weekly && due_days != INT32_MIN && due_days >= as_of &&
                due_days <= as_of + 7)
                push_item(&r->due_soon, &r->n_due_soon, &it);
            if (due_days == INT32_MIN)
                push_item(&r->no_due_date, &r->n_no_due_date, &it);
        }
        if (!it.item.owner && !o->owner)
            push_item(&r->no_owner, &r->n_no_owner, &it);
        item_release(&it);
    }
    sqlite3_finalize(st);
    if (step != SQLITE_DONE)
        return hs__store_err(s, step, err, "cannot read action items");
    hs__qsort(r->overdue, r->n_overdue, sizeof(*r->overdue), cmp_overdue);
    hs__qsort(r->due_soon, r->n_due_soon, sizeof(*r->due_soon), cmp_due);
    hs__qsort(r->no_due_date, r->n_no_due_date, sizeof(*r->no_due_date),
              cmp_pm);
    hs__qsort(r->no_owner, r->n_no_owner, sizeof(*r->no_owner), cmp_pm);
    return 0;
}

static int load_new_pms(hs_store *s, hs_report *r, long as_of, hs_error *err) {
    sqlite3_stmt *st;
    char from[11];
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
        hs_report_pm *pm;
        const char *d = (const char *)sqlite3_column_text(st, 3);
        HS_ALLOC_GROW(r->new_pms, r->n_new_pms + 1, alloc);
        pm = &r->new_pms[r->n_new_pms++];
        memset(pm, 0, sizeof(*pm));
        pm->id = col_dup(st, 0);
        pm->title = col_dup(st, 1);
        pm->path = col_dup(st, 2);
        if (d && strlen(d) == 10)
            memcpy(pm->date, d, 11);
        pm->severity = sqlite3_column_int(st, 4);
    }
    sqlite3_finalize(st);
    if (step != SQLITE_DONE)
        return hs__store_err(s, step, err, "cannot read postmortems");
    return 0;
}

int hs_report_build(hs_store *s, const hs_report_opts *opts, hs_report **out,
                    hs_error *err) {
    hs_report_opts o = {0};
    hs_report *r;
    long as_of;
    int rc;
    *out = NULL;
    if (opts)
        o = *opts;
    r = hs__xcalloc(1, sizeof(*r));
    r->is_weekly = o.is_weekly;
    if (o.as_of) {
        if (hs__date_days(o.as_of) == INT32_MIN) {
            hs_report_free(r);
            return hs__seterr(err, HS_EINVAL,
                              "as-of date '%s' is not a YYYY-MM-DD date",
                              o.as_of);
        }
        memcpy(r->as_of, o.as_of, 11);
    } else {
        today_utc(r->as_of);
    }
    as_of = hs__date_days(r->as_of);
    rc = load_items(s, r, &o, as_of, err);
    if (rc == 0 && r->is_weekly)
        rc = load_new_pms(s, r, as_of, err);
    if (rc) {
        hs_report_free(r);
        return rc;
    }
    *out = r;
    return 0;
}

/* Items (pointers into one array) by owner ignoring case, then in array
 * order, which keeps each owner's items most overdue first. */
static int cmp_by_owner(const void *a, const void *b) {
    const hs_report_item *x = *(const hs_report_item *const *)a;
    const hs_report_item *y = *(const hs_report_item *const *)b;
    int c;
    if (!x->item.owner || !y->item.owner)
        c = !x->item.owner - !y->item.owner;
    else
        c = hs__strcasecmp(x->item.owner, y->item.owner);
    if (c)
        return c;
    return x < y ? -1 : 1;
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

/*
 * One sort of the items by owner, then the runs of one owner are the
 * groups: O(n log n), whatever the number of owners.
 */
void hs__owner_groups_init(hs__owner_groups *g, const hs_report *r) {
    g->order = hs__xcalloc(r->n_overdue + 1, sizeof(*g->order));
    g->v = hs__xcalloc(r->n_overdue + 1, sizeof(*g->v));
    g->n = 0;
    for (size_t i = 0; i < r->n_overdue; i++)
        g->order[i] = &r->overdue[i];
    hs__qsort(g->order, r->n_overdue, sizeof(*g->order), cmp_by_owner);
    for (size_t i = 0; i < r->n_overdue; i++) {
        const char *ow = g->order[i]->item.owner;
        hs__owner_group *last = g->n ? &g->v[g->n - 1] : NULL;
        if (!last || (ow && last->owner ? hs__strcasecmp(ow, last->owner)
                                        : ow != last->owner)) {
            last = &g->v[g->n++];
            last->owner = ow;
            last->items = &g->order[i];
        }
        last->n++;
        last->days += g->order[i]->days_overdue;
    }
    hs__qsort(g->v, g->n, sizeof(*g->v), cmp_owner_group);
}

void hs__owner_groups_release(hs__owner_groups *g) {
    free(g->order);
    free(g->v);
    memset(g, 0, sizeof(*g));
}
