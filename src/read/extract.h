/*
 * hs__doc -> hs_postmortem. Pure: no I/O. extract.c reads the header facts
 * and prose sections; extract_actions.c reads action items and timelines, which
 * come in tables, lists and inline notations.
 */
#ifndef HS_EXTRACT_H
#define HS_EXTRACT_H

#include "hindsight.h"
#include "read/parse.h"
#include "read/sections.h"

/* Fill pm from doc. `kinds` has one entry per section of doc. */
void hs__extract(const hs__doc *doc, const hs__kind *kinds, hs_postmortem *pm);

#endif
