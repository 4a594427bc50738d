/*
 * Section kinds: what a heading means and which sections belong to which.
 */
#ifndef HS_SECTIONS_H
#define HS_SECTIONS_H

#include "read/parse.h"

typedef enum hs__kind {
    HS_KIND_OTHER = 0,
    HS_KIND_SUMMARY,
    HS_KIND_IMPACT,
    HS_KIND_ROOT_CAUSE,
    HS_KIND_TRIGGER,
    HS_KIND_TIMELINE,
    HS_KIND_ACTIONS,
    HS_KIND_WENT_WELL,
    HS_KIND_WENT_WRONG,
    HS_KIND_LUCKY,
    HS_KIND_LESSONS,
    HS_KIND_RESOLUTION,
    HS_KIND_DETECTION,
    HS_KIND_REFERENCES,
    HS_KIND_STATS
} hs__kind;

/* What a section heading means ("Root Causes" -> HS_KIND_ROOT_CAUSE). */
hs__kind hs__classify_heading(const char *heading);
/* The same, trying the house style's own names first (cfg may be NULL). */
hs__kind hs__classify_heading_with(const char *heading, const hs_config *cfg);

/*
 * Is section i the section `owner` or inside it (a deeper heading below
 * it that means nothing else)? O(1), through hs__section.sub_end.
 */
int hs__section_contains(const hs__doc *doc, const hs__kind *kinds,
                         size_t owner, size_t i);

#endif
