/*
 * Action items and timelines: tables, lists, prose and inline notations
 * read from the sections that sections.c classified. Pure: no I/O. Action
 * items are read by extract_actions*.c (what those files share is in
 * extract_actions_int.h), timelines by extract_timeline.c.
 */
#ifndef HS_EXTRACT_ACTIONS_H
#define HS_EXTRACT_ACTIONS_H

#include "hindsight.h"
#include "read/sections.h"

void hs__extract_actions(const hs__doc *doc, const hs__kind *kinds,
                         hs_postmortem *pm);
void hs__extract_timeline(const hs__doc *doc, const hs__kind *kinds,
                          hs_postmortem *pm);
/*
 * Sections that are the timeline by what they hold, whatever their name,
 * set in `kinds` (IN/OUT): a sub-heading inside the timeline whose body
 * has timed lines ("### 4.1 Detection", "### Analysis and recovery")
 * groups entries, so it is part of the timeline and not a section of its
 * own kind; and when no timeline section holds timed entries, a section
 * of no known kind ("How did we respond?", "Response") whose list is three
 * or more items that all open with a time is the timeline (and a section
 * named like one that only tells a story is not).
 */
void hs__timeline_kinds(const hs__doc *doc, hs__kind *kinds);
/* Read "(owner: X, due D)", "— @x, due D", "[DONE]" from an action's text
 * into `a` (action, owner, due, status); `text` is borrowed. */
void hs__action_from_text(hs_action_item *a, const char *text,
                          hs_postmortem *pm);

/* Strip leading emoji, symbols and mangled-emoji letters from list text. */
const char *hs__skip_glyphs(const char *s);

/* Is t a template's placeholder left unfilled ("Action item", "<owner>",
 * "`<SEV1 / SEV2>`")? */
int hs__is_placeholder(const char *t);

/* Is t no action item: a placeholder, or a statement that there is none
 * ("None.", "N/A", "No action items at this time")? */
int hs__is_no_action(const char *t);

#endif
