/*
 * Step 1's cache for related.c: what step 1 counted of a postmortem (its
 * terms in the order they first appear, the spelling seen first, the
 * summed weight, and |d|), in the table `related_terms` under a key of
 * everything step 1 reads: the facts, the thesaurus, SQLite's tokenizer
 * and the version of the step. An index run after a small change then
 * tokenizes only the changed postmortems (step 1 was 36% of a one-file
 * re-index at 10k); counting a row replays the same term ids, spellings
 * and weights, so the lists are the same as from the facts.
 */
#ifndef HS_RELATED_CACHE_H
#define HS_RELATED_CACHE_H
#include "base/buf.h"
#include "hindsight.h"

#include <stddef.h>
#include <stdint.h>

#define HS__RCACHE_KEY_LEN 16

typedef struct hs__rcache_row {
    unsigned char key[HS__RCACHE_KEY_LEN];
    unsigned char *row; /* checked: hs__rcache_next can read it */
    size_t len;
    int is_used; /* some postmortem has this key */
} hs__rcache_row;

/* The cache of one related pass over pms[0..n-1]. */
typedef struct hs__rcache {
    int is_on;
    hs__rcache_row *rows; /* as read, by key */
    size_t n_rows;
    unsigned char (*key)[HS__RCACHE_KEY_LEN]; /* per doc */
    hs__rcache_row **hit;                     /* per doc: its row, or NULL */
    unsigned char **fresh; /* per doc counted from its facts: its row */
    size_t *fresh_len;
} hs__rcache;

/*
 * Fill c for pms[0..n-1] on the store's thread: each doc's key, from the
 * inputs all keys share (is_concepts_only and the thesaurus' fingerprint)
 * and the doc's facts, and the stored row of each key. No table (an index
 * written before it): no rows; a damaged row is not read (and is written
 * again). Caller releases with hs__rcache_release.
 */
int hs__rcache_read(hs_store *s, int is_concepts_only, uint64_t thesaurus,
                    hs_postmortem *const *pms, size_t n, hs__rcache *c,
                    hs_error *err);
/* Keep fresh rows for n docs: hs__rcache_put fills them. */
void hs__rcache_want_fresh(hs__rcache *c, size_t n);
void hs__rcache_release(hs__rcache *c, size_t n);

/* Doc d's row, built term by term in the order step 1 counted them: the
 * stem and the spelling it was counted from, its summed weight. */
void hs__rcache_row_start(hs__buf *b, double dl);
void hs__rcache_row_add(hs__buf *b, const char *stem, const char *surface,
                        float w);
void hs__rcache_put(hs__rcache *c, size_t d, hs__buf *b);

/* A row's |d|, and its terms in order: p = row + 8 first; each call
 * gives one term and returns where the next starts (row + len: none). */
double hs__rcache_dl(const hs__rcache_row *row);
const unsigned char *hs__rcache_next(const unsigned char *p, const char **stem,
                                     const char **surface, float *w);

/* Write the fresh rows and delete those no doc has (in the transaction
 * that stores the lists); forget: empty the table (a full index run). */
int hs__rcache_store(hs_store *s, const hs__rcache *c, size_t n, hs_error *err);
int hs__rcache_forget(hs_store *s, hs_error *err);
#endif
