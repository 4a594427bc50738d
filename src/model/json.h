/*
 * hs_* values <-> JSON, with jansson. Besides json.c, jansson is used by
 * incident.c (webhook shapes), alerts.c, tmpl.c and site.c (template data)
 * and http.c; the rest of the library passes strings.
 */
#ifndef HS_JSON_H
#define HS_JSON_H

#include "hindsight.h"
#include <jansson.h>

/* New references; caller json_decref()s. */
json_t *hs__json_postmortem(const hs_postmortem *pm);
json_t *hs__json_action(const hs_action_item *a);
/* A list of strings as a JSON array. */
json_t *hs__json_strlist(const hs_strlist *l);
json_t *hs__json_search(const hs_results *r);
/* /api/similar's answer; with "ignored" when `ignored` (an incident's
 * list of what of its input was not read) is given and not empty. */
json_t *hs__json_similar(const hs_results *r, const hs_strlist *ignored);
json_t *hs__json_family(const hs_family *f);
json_t *hs__json_report(const hs_report *r);
/* The weekly report's "repeat_incidents" array, as hs__json_report has
 * it. */
json_t *hs__json_report_repeats(const hs_report *r);

/* Serialise and steal `j`; caller frees the string with free(). A newline
 * ends it when `indent` is non-zero. */
char *hs__json_dump(json_t *j, int indent);

/* Rebuild a record from hs__json_postmortem's output (as stored in the
 * index). Returns NULL if `text` is not such an object. */
hs_postmortem *hs__postmortem_from_json(const char *text);

#endif
