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
    long days; /* total days overdue */
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

#endif
