/*
 * Derived tags: the topics (database, dns, tls, ...) a postmortem is about,
 * found by counting rule words in its text. Pure: no I/O.
 */
#ifndef HS_AUTOTAGS_H
#define HS_AUTOTAGS_H

#include "hindsight.h"
#include "read/parse.h"

/* Push onto pm->auto_tags every rule's tag whose words the title, summary
 * or root cause name once, or the body names three times; a tag the
 * author already gave (pm->tags) is not repeated. Reads pm->title,
 * pm->summary and pm->root_cause, so call it after they are filled. */
void hs__extract_auto_tags(const hs__doc *doc, hs_postmortem *pm);

/* How many whole-word, case-insensitive occurrences of `tag`'s rule words
 * `text` holds (what the rules above count), or -1 for no such tag. */
int hs__auto_tag_words(const char *text, const char *tag);

#endif
