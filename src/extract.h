/*
 * hs__doc -> hs_postmortem. Pure: no I/O. extract.c reads the header facts
 * and prose sections; actions.c reads action items and timelines, which
 * come in tables, lists and inline notations.
 */
#ifndef HS_EXTRACT_H
#define HS_EXTRACT_H

#include "hindsight.h"
#include "parse.h"

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

/*
 * Is section i the section `owner` or inside it (a deeper heading below
 * it that means nothing else)? O(1), through hs__section.sub_end.
 */
int hs__section_contains(const hs__doc *doc, const hs__kind *kinds,
                         size_t owner, size_t i);

/* Fill pm from doc. `kinds` has one entry per section of doc. */
void hs__extract(const hs__doc *doc, const hs__kind *kinds, hs_postmortem *pm);

/* actions.c */
void hs__extract_actions(const hs__doc *doc, const hs__kind *kinds,
                         hs_postmortem *pm);
void hs__extract_timeline(const hs__doc *doc, const hs__kind *kinds,
                          hs_postmortem *pm);
/* Read "(owner: X, due D)", "— @x, due D", "[DONE]" from an action's text
 * into `a` (action, owner, due, status); `text` is borrowed. */
void hs__action_from_text(hs_action_item *a, const char *text,
                          hs_postmortem *pm);

/* Strip leading emoji, symbols and mangled-emoji letters from list text. */
const char *hs__skip_glyphs(const char *s);

#endif
