/*
 * The tags and services of a site: each label once whatever its case,
 * sorted, with the postmortems that carry it, computed once per build and
 * shared by the pages (site.c) and the charts (site_charts.c).
 */
#include "web/site.h"
#include "base/util.h"
#include "model/record.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static int cmp_str_nocase(const void *a, const void *b) {
    int c = hs__strcasecmp(*(const char *const *)a, *(const char *const *)b);
    return c ? c : strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sorted distinct labels (tags and derived tags, or services) of all. */
static void collect_labels(const hs__site *st, int is_service,
                           hs_strlist *out) {
    for (size_t i = 0; i < st->n; i++) {
        const hs_postmortem *pm = st->pms[i];
        const hs_strlist *ls[2] = {is_service ? &pm->services : &pm->tags,
                                   is_service ? NULL : &pm->auto_tags};
        for (int k = 0; k < 2; k++)
            for (size_t j = 0; ls[k] && j < ls[k]->n; j++)
                hs__strlist_push(out, ls[k]->v[j]);
    }
    /* "Queue" and "queue" are one label: the first spelling stays */
    hs__qsort(out->v, out->n, sizeof(char *), cmp_str_nocase);
    {
        size_t j = 0;
        for (size_t i = 0; i < out->n; i++) {
            if (j && !hs__strcasecmp(out->v[j - 1], out->v[i])) {
                free(out->v[i]);
                continue;
            }
            out->v[j++] = out->v[i];
        }
        out->n = j;
    }
}

long hs__site_label_index(const hs__site *st, int is_service,
                          const char *name) {
    const hs_strlist *l = &st->labels[is_service != 0];
    size_t lo = 0, hi = l->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = hs__strcasecmp(l->v[mid], name);
        if (!c)
            return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* label_pms and label_n of labels[k], in one pass over the postmortems. */
static void index_labels(hs__site *st, int k) {
    size_t n = st->labels[k].n, *alloc = hs__xcalloc(n + 1, sizeof(size_t));
    st->label_pms[k] = hs__xcalloc(n + 1, sizeof(size_t *));
    st->label_n[k] = hs__xcalloc(n + 1, sizeof(size_t));
    for (size_t i = 0; i < st->n; i++) {
        const hs_postmortem *pm = st->pms[i];
        const hs_strlist *ls[2] = {k ? &pm->services : &pm->tags,
                                   k ? NULL : &pm->auto_tags};
        for (int m = 0; m < 2; m++)
            for (size_t j = 0; ls[m] && j < ls[m]->n; j++) {
                long li = hs__site_label_index(st, k, ls[m]->v[j]);
                size_t *c = li >= 0 ? &st->label_n[k][li] : NULL;
                if (!c || (*c && st->label_pms[k][li][*c - 1] == i))
                    continue; /* a tag that is also derived counts once */
                HS_ALLOC_GROW(st->label_pms[k][li], *c + 1, alloc[li]);
                st->label_pms[k][li][(*c)++] = i;
            }
    }
    free(alloc);
}

void hs__site_all_labels(const hs__site *st, int is_service, hs_strlist *out) {
    const hs_strlist *l = &st->labels[is_service != 0];
    for (size_t i = 0; i < l->n; i++)
        hs__strlist_push(out, l->v[i]);
}

int hs__site_has_label(const hs_postmortem *pm, int is_service,
                       const char *name) {
    if (is_service)
        return hs__strlist_has(&pm->services, name);
    return hs__strlist_has(&pm->tags, name) ||
           hs__strlist_has(&pm->auto_tags, name);
}

void hs__site_labels_init(hs__site *st) {
    for (int k = 0; k < 2; k++) {
        collect_labels(st, k, &st->labels[k]);
        index_labels(st, k);
    }
}

void hs__site_labels_release(hs__site *st) {
    for (int k = 0; k < 2; k++) {
        for (size_t i = 0; i < st->labels[k].n; i++)
            free(st->label_pms[k][i]);
        free(st->label_pms[k]);
        free(st->label_n[k]);
        hs__strlist_release(&st->labels[k]);
    }
}
