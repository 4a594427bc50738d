/*
 * Related postmortems for the static site: for each postmortem, the few
 * others that share the most telling terms of its facts, computed for the
 * whole index in one pass in memory (related.c) when the families are
 * computed, and stored in the index for every page to read.
 */
#ifndef HS_RELATED_H
#define HS_RELATED_H
#include "hindsight.h"

#define HS__RELATED_K 5     /* related postmortems kept per postmortem */
#define HS__RELATED_TERMS 6 /* shared terms kept (and shown) for each */

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
/*
 * hs__related_build_by in two halves, so that the store's thread can go on
 * with other work (an index run's statistics and commit) meanwhile: start
 * reads what it needs of the store, then computes on a thread of its own
 * when is_background (and that thread can start), else in finish; finish
 * waits for the result (NULL for a NULL task). pms must stay until then;
 * the store may be used meanwhile, but not closed. The result is the same
 * either way.
 */
typedef struct hs__related_task hs__related_task;
int hs__related_start(hs_store *s, hs_postmortem *const *pms, size_t n,
                      int is_concepts_only, int is_background,
                      hs__related_task **out, hs_error *err);
hs__related *hs__related_finish(hs__related_task *t);
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
 * The `related` table, one row per postmortem and rank: the other's id,
 * the cosine and the shared terms (at most HS__RELATED_TERMS, joined with
 * ", "). hs_families_update writes it after an index run (in its
 * transaction), so the static site and the live pages read the same lists
 * and no page computes them.
 */
int hs__related_store(hs_store *s, hs_postmortem *const *pms, size_t n,
                      const hs__related *r, hs_error *err);
/*
 * Step 1's cache (the table `related_terms`, related.c): write the rows of
 * the postmortems r counted from their facts and delete those no
 * postmortem of r has; in the transaction that stores r. forget: empty it
 * (a full index run computes every row again).
 */
int hs__related_store_terms(hs_store *s, const hs__related *r, hs_error *err);
int hs__related_forget_terms(hs_store *s, hs_error *err);
/* How many postmortems r counted from their facts (the others: from the
 * cache). */
size_t hs__related_n_counted(const hs__related *r);
/* The related postmortems of `id`, most related first: their ids and the
 * terms shared with each. An unknown id has none; so has every id of an
 * index written before the table was (an older version). */
int hs__related_of(hs_store *s, const char *id, hs_strlist *ids,
                   hs_strlist *terms, hs_error *err);
/* The same for many ids, on one prepared statement (the static site asks
 * for each of its pages); free with hs__related_reader_free (NULL: no-op).
 * Valid while `s` is open. */
typedef struct hs__related_reader hs__related_reader;
int hs__related_reader_new(hs_store *s, hs__related_reader **out,
                           hs_error *err);
int hs__related_reader_of(hs__related_reader *r, const char *id,
                          hs_strlist *ids, hs_strlist *terms, hs_error *err);
void hs__related_reader_free(hs__related_reader *r);
#endif
