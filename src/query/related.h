/*
 * Related postmortems for the static site: for each postmortem, the few
 * others that share the most telling terms of its facts, computed for the
 * whole site in one pass in memory (related.c). The live pages of `serve`
 * ask hs__related_of, which gives the same answer from the same pass.
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

/*
 * The related postmortems of `id` exactly as a static build of the whole
 * index shows them: their ids, most related first, and for each the
 * shared terms (at most `max_terms`, joined with ", ") in `terms`. The
 * pass over every record is kept in a read-only store until another
 * connection commits (data_version), so a live page pays for it once.
 * Errors: those of reading the index; an unknown id has none related.
 */
int hs__related_of(hs_store *s, const char *id, size_t max_terms,
                   hs_strlist *ids, hs_strlist *terms, hs_error *err);
#endif
