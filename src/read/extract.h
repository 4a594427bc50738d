/*
 * hs__doc -> hs_postmortem. Pure: no I/O. extract.c reads the header facts
 * and prose sections (with rootcause.c and autotags.c); extract_actions*.c
 * read action items and extract_timeline.c timelines, which come in tables,
 * lists and inline notations.
 */
#ifndef HS_EXTRACT_H
#define HS_EXTRACT_H

#include "hindsight.h"
#include "read/parse.h"
#include "read/sections.h"

/*
 * The version of what a file extracts to. Raise it with any change to
 * read/ that reads some file differently (a new rule, a name in the names
 * table): the index keeps it in every file's stored hash, so the next
 * `index` run reads every file again instead of keeping facts an older
 * extractor found.
 */
#define HS_EXTRACTOR_VERSION 39

/* Fill pm from doc. `kinds` has one entry per section of doc. */
void hs__extract(const hs__doc *doc, const hs__kind *kinds, hs_postmortem *pm);

/* Does timeline entry or sentence t show users affected (the first sign of
 * impact)? Does it say service came back? The duration's window reads
 * them, and so does the answer to "how was it fixed last time". */
int hs__shows_impact(const char *t);
int hs__shows_recovery(const char *t);

#endif
