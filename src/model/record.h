/*
 * Building and freeing records: string lists, warnings, action items.
 * No parsing here.
 */
#ifndef HS_RECORD_H
#define HS_RECORD_H

#include "hindsight.h"

void hs__strlist_push(hs_strlist *l, const char *s);
/* Push s[0..len) trimmed of white space; empty strings are skipped. */
void hs__strlist_push_trimmed(hs_strlist *l, const char *s, size_t len);
/* Push each piece of s split on any byte of `seps`, trimmed. */
void hs__strlist_split(hs_strlist *l, const char *s, const char *seps);
/* Case-insensitive membership. */
int hs__strlist_has(const hs_strlist *l, const char *s);
/*
 * Add a message to an incident's `ignored` list: past HS_IGNORED_MAX
 * messages, one more says that there are more, and the rest are dropped
 * (10,000 bad alerts in a body would make an answer of megabytes).
 */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void hs__ignored_add(hs_strlist *l, const char *fmt, ...);

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
void hs__pm_warn(hs_postmortem *pm, int line, const char *fmt, ...);
/*
 * How a warning about a heading that names no known fact begins; `check`
 * prints these as notes, not problems.
 */
#define HS__UNRECOGNISED "section name not recognised:"

/*
 * Record where `field` came from; a later call for the same field replaces
 * the earlier one. `field` is copied; the rule is formatted.
 */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
void hs__pm_source(hs_postmortem *pm, const char *field, int line,
                   const char *fmt, ...);
/* The source recorded for `field`, or NULL. Borrowed from pm. */
const hs_source *hs__pm_source_of(const hs_postmortem *pm, const char *field);

hs_action_item *hs__pm_add_action(hs_postmortem *pm);
hs_timeline_entry *hs__pm_add_timeline(hs_postmortem *pm);
hs_postmortem *hs__pm_new(void);
void hs__action_release(hs_action_item *a);

#endif
