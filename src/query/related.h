/*
 * Related postmortems for the static site: for each postmortem, the few
 * others that share the most telling terms of its facts, computed for the
 * whole site in one pass in memory (related.c). The live pages of `serve`
 * use the similar-incidents ranking instead, one query per page.
 */
#ifndef HS_RELATED_H
#define HS_RELATED_H
#include "hindsight.h"

#define HS__RELATED_K 5 /* related postmortems kept per postmortem */

typedef struct hs__related hs__related;

/* Compute the related postmortems of pms[0..n-1] (indexes into pms). */
int hs__related_build(hs_store *s, hs_postmortem *const *pms, size_t n,
                      hs__related **out, hs_error *err);
/* The same, by the concepts of the operations thesaurus the facts mention
 * alone when is_concepts_only (families: the same failure, whatever the
 * service). */
int hs__related_build_by(hs_store *s, hs_postmortem *const *pms, size_t n,
                         int is_concepts_only, hs__related **out,
                         hs_error *err);
/* The k-th most related postmortem of pms[i] (k < HS__RELATED_K), or -1. */
long hs__related_get(const hs__related *r, size_t i, size_t k);
/* Its cosine with pms[i] (0..1; 0 when there is none). */
double hs__related_weight(const hs__related *r, size_t i, size_t k);
/* The terms pms[i] and pms[j] share, most telling first, at most `max`,
 * as they were written (lower case). */
void hs__related_shared(const hs__related *r, size_t i, size_t j, size_t max,
                        hs_strlist *out);
void hs__related_free(hs__related *r);
#endif
