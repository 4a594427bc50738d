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
/* Read "(owner: X, due D)", "— @x, due D", "[DONE]" from an action's text
 * into `a` (action, owner, due, status); `text` is borrowed. */
void hs__action_from_text(hs_action_item *a, const char *text,
                          hs_postmortem *pm);

/* Strip leading emoji, symbols and mangled-emoji letters from list text. */
const char *hs__skip_glyphs(const char *s);

#endif
