/*
 * The root cause stated in prose, for documents with no root-cause field or
 * section: the sentences that give a cause, a consequence or a fault, and
 * the placeholders ("TBD", "Unknown.") that give none. Pure: no I/O.
 */
#ifndef HS_ROOTCAUSE_H
#define HS_ROOTCAUSE_H

#include "read/parse.h"
#include "read/sections.h"

/* Which words make a sentence state a cause: "caused by", "due to"; a
 * consequence, "which broke"; a fault named as such, "a DDoS attack". */
typedef enum {
    HS__CUES_CAUSE = 0,
    HS__CUES_CONSEQUENCE = 1,
    HS__CUES_FAULT = 2
} hs__cue_kind;

/* Whether every sentence of `text` (a root-cause field or section) says
 * the cause is not known or is a placeholder; a hedged guess is a cause. */
int hs__only_unknown(const char *text);

/* Up to three sentences of the body (lessons, references and action items
 * left out) that state a cause by the `which` words, joined; NULL if none.
 * OUT: *line, the first such sentence's line, or -1 when a sentence says
 * the cause is unknown (the caller then stops looking). Caller frees. */
char *hs__cause_from_prose(const hs__doc *doc, const hs__kind *kinds,
                           hs__cue_kind which, int *line);

#endif
