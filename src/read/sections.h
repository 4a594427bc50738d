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
    HS_KIND_STATS,
    /* facts named by fields only, never by a heading */
    HS_KIND_DATE,
    HS_KIND_SEVERITY,
    HS_KIND_DURATION,
    HS_KIND_COMMANDER,
    HS_KIND_RESPONDERS,
    HS_KIND_TAGS,
    HS_KIND_SERVICES,
    HS_KIND_URL,
    HS_KIND_START, /* when impact started, as a moment */
    HS_KIND_END,   /* when it ended */
    /* table columns only: what a column of an action or timeline table
     * holds (its text is HS_KIND_ACTIONS) */
    HS_KIND_OWNER,
    HS_KIND_DUE,
    HS_KIND_STATUS,
    HS_KIND_TICKET,
    HS_KIND_TIME,
    HS_KIND_EVENT
} hs__kind;

/* Where a name is written: a section heading or the key of a field. */
enum {
    HS__NAME_HEADING = 1,
    HS__NAME_FIELD = 2,
    HS__NAME_COLUMN = 4,
    /* a sub-heading that groups the items of an action list ("Short term",
     * "Detect"): hs__name_kind gives HS_KIND_ACTIONS */
    HS__NAME_GROUP = 8
};

/*
 * The one names table (sections.c): what a heading or a field key means.
 * A heading matches a name written anywhere in it as whole words ("Root
 * cause and mitigation" is a root cause); a field key matches a name
 * exactly. Both are compared case- and punctuation-insensitively, after
 * plural and -ing/-ed endings are stemmed and leading numbering ("2.",
 * "IV.", "A)") and emoji are dropped. The house style's `names:` (cfg,
 * may be NULL) are tried first. HS_KIND_OTHER when nothing matches.
 */
hs__kind hs__name_kind(const char *text, int where, const hs_config *cfg);

/*
 * Does table column header `header` name `kind` ("Assigned to" names
 * HS_KIND_OWNER)? A column name matches the header's first words ("Due
 * date (UTC)" is a due date); one name may name several kinds
 * ("Description" is an action's or a timeline event's text), so the table
 * being read says which it asks for.
 */
int hs__column_is(const char *header, hs__kind kind);

/* What a section heading means ("Root Causes" -> HS_KIND_ROOT_CAUSE). */
hs__kind hs__classify_heading(const char *heading);
/* The same, trying the house style's own names first (cfg may be NULL). */
hs__kind hs__classify_heading_with(const char *heading, const hs_config *cfg);

/*
 * The " word word " form of a name that the table compares: lower case,
 * stemmed, numbering and emoji dropped. Exposed for tests.
 */
void hs__name_norm(const char *text, char *out, size_t cap);

/*
 * Is section i the section `owner` or inside it (a deeper heading below
 * it that means nothing else)? O(1), through hs__section.sub_end.
 */
int hs__section_contains(const hs__doc *doc, const hs__kind *kinds,
                         size_t owner, size_t i);

#endif
