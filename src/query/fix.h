/*
 * How a past incident was resolved, and its runbook and dashboard links,
 * for the results of the similar ranking (fix.c).
 */
#ifndef HS_FIX_H
#define HS_FIX_H
#include "base/util.h"
#include "store/store.h"

typedef struct hs__fix {
    sqlite3_stmt *rec, *timeline; /* the store's, borrowed on first use */
    /* fix.c's word lists, indexed on first use: the words of a step
     * taken, of one that was not, of an end, a cause and later work */
    hs__word_index step, not_step, end, cause, later;
} hs__fix;

/* Fill h->resolution and h->links from postmortem `rowid`. */
int hs__fix_fill(hs_store *s, hs__fix *f, sqlite3_int64 rowid, hs_hit *h,
                 hs_error *err);
void hs__fix_release(hs__fix *f);
#endif
