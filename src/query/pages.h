/*
 * What the web view's pages need from the index, asked with SQL rather
 * than by loading every record: one page of the postmortem list (filtered
 * and sorted over the whole set), the label counts of tags.html and
 * services.html, and the aggregates the trend charts draw (pages.c).
 */
#ifndef HS_PAGES_H
#define HS_PAGES_H

#include "hindsight.h"

/* Rows a list page shows before it pages (static and live alike). */
#define HS__PAGE_ROWS 100

enum hs__list_sort {
    HS__SORT_DATE = 0, /* newest first: the order of every list */
    HS__SORT_TITLE,
    HS__SORT_SEVERITY,
    HS__SORT_DURATION
};

typedef struct hs__list_opts {
    int severity;        /* 1..4, or 0 for any */
    const char *tag;     /* a tag or derived tag, any case; NULL: any */
    const char *service; /* NULL: any */
    const char *since;   /* YYYY-MM-DD or NULL */
    const char *until;
    const char *owner; /* owns an action item of it, any case */
    const char *text;  /* every word within title or tags, as the page does */
    int sort;          /* HS__SORT_* */
    int is_desc;       /* for HS__SORT_DATE the default is newest first (1) */
    size_t offset, limit;
} hs__list_opts;

typedef struct hs__list {
    size_t total;        /* matching postmortems */
    hs_postmortem **pms; /* this page of them */
    size_t n;
} hs__list;

/* One page of postmortems; release with hs__list_release. Empty keys
 * (no date, no severity, no duration) go last whichever the direction;
 * ties fall back to newest first, then id. */
int hs__list_page(hs_store *s, const hs__list_opts *o, hs__list *out,
                  hs_error *err);
void hs__list_release(hs__list *l);

/*
 * The opaque cursor of list answers (the API's "next", the live list's
 * data-next): "o" and the offset of the page it starts. `out` holds at
 * least HS__CURSOR_LEN bytes. hs__list_cursor_parse gives the offset, or
 * -1 when `v` is no cursor of ours.
 */
#define HS__CURSOR_LEN 24
void hs__list_cursor(size_t offset, char *out);
long hs__list_cursor_parse(const char *v);

typedef struct hs__label_count {
    char *name; /* lower case, as the index keeps labels */
    size_t n;   /* postmortems that carry it */
} hs__label_count;

/* Every tag (with derived tags) or service and its count, by name;
 * is_names: the names only (counts 0), from the label index alone. */
int hs__label_counts(hs_store *s, int is_service, int is_names,
                     hs__label_count **out, size_t *n, hs_error *err);
void hs__label_counts_free(hs__label_count *v, size_t n);

/* The trend charts' data, for the whole index. */
typedef struct hs__trends {
    long first, last;    /* months as year * 12 + month - 1; 0 for none */
    size_t (*months)[5]; /* last - first + 1 rows, by severity 0..4 */
    int *dur[5];         /* recorded durations by severity, ascending */
    size_t n_dur[5];
    size_t count; /* postmortems */
} hs__trends;

int hs__trends_load(hs_store *s, hs__trends *t, hs_error *err);
void hs__trends_release(hs__trends *t);

#endif
