/*
 * What report.c shares with the renderers (report_render.c, site.c): the
 * overdue items grouped by owner, in the one order every view shows.
 */
#ifndef HS_REPORT_H
#define HS_REPORT_H

#include "hindsight.h"

typedef struct hs__owner_group {
    const char *owner;            /* NULL: no owner */
    const hs_report_item **items; /* most overdue first */
    size_t n;
    size_t n_shown; /* items has these: n, or on a page the first few */
    long days;      /* total days overdue */
} hs__owner_group;

typedef struct hs__owner_groups {
    hs__owner_group *v;
    size_t n;
    const hs_report_item **order; /* the items the groups point into */
} hs__owner_groups;

/*
 * Group r's overdue items by owner, ignoring case (the first spelling in
 * the list names the group): the owners with most items overdue first,
 * then most days overdue, then by name, with no owner last among equals.
 */
void hs__owner_groups_init(hs__owner_groups *g, const hs_report *r);
void hs__owner_groups_release(hs__owner_groups *g);
/* Sort g->v in that order (g->n groups with n and days set). */
void hs__owner_groups_sort(hs__owner_groups *g);

/* report.c's pieces for report_page.c */
/* A new empty report for opts (as_of checked, today when NULL); o gets
 * opts as the report reads them, as_of its day. NULL: bad as_of. */
hs_report *hs__report_start(const hs_report_opts *opts, hs_report_opts *o,
                            long *as_of, hs_error *err);
/* A copy of s (may be NULL) that lives as long as r. */
char *hs__report_dup(hs_report *r, const char *s);
/* The --owner match: the same name or its first words, any case. */
int hs__report_owner_matches(const char *owner, const char *want);
/* The end of a build with status rc from its lists: the weekly parts
 * (new postmortems and repeat incidents) when r is weekly, then *out = r
 * and 0, or r freed and the error. */
int hs__report_finish(hs_store *s, hs_report *r, const char *owner, int rc,
                      hs_report **out, hs_error *err);

/*
 * report_page.c: one page of the lists, for the web view and the API,
 * read with SQL LIMIT over the index of open items (ai_open) in the
 * order hs_report_build sorts them, so that it costs about the same at 1k
 * and at 100k postmortems. Each list of *out holds its items from
 * `offset`, at most `limit`; *has_more says whether any list has more.
 * The weekly parts are whole (seven days of postmortems). The CLI's
 * reports build the whole report.
 */
int hs__report_page(hs_store *s, const hs_report_opts *opts, size_t offset,
                    size_t limit, hs_report **out, int *has_more,
                    hs_error *err);

/* The length of each whole list of r (a page of hs__report_page, no
 * owner filter): overdue, due soon, no due date, no owner. */
typedef struct hs__report_counts {
    size_t overdue, due_soon, no_due_date, no_owner;
} hs__report_counts;
int hs__report_count(hs_store *s, const hs_report *r, hs__report_counts *c,
                     hs_error *err);

/*
 * The overdue items by owner for a page (actions.html): the owners'
 * counts and days overdue, grouped and ordered as hs__owner_groups_init
 * does, the first max_groups of them (*n_groups: how many there are),
 * with the items of the first owners, at most `room` in all, read into
 * r->overdue (which they replace). Release g with hs__owner_groups_release
 * before hs_report_free(r).
 */
int hs__report_owner_page(hs_store *s, hs_report *r, size_t room,
                          size_t max_groups, hs__owner_groups *g,
                          size_t *n_groups, hs_error *err);

#endif
