/*
 * The web view's shared state and pieces: site.c builds pages, site_charts.c
 * draws the trend charts, site_write.c writes files only when they change.
 */
#ifndef HS_SITE_H
#define HS_SITE_H

#include "base/buf.h"
#include "hindsight.h"
#include "query/pages.h"
#include "web/tmpl.h"

#include <stdint.h>

typedef struct hs__site {
    hs_store *s;
    int is_live;
    char as_of[HS_DATE_LEN];
    long as_of_days;
    hs_postmortem **pms; /* newest first */
    size_t count;        /* postmortems in the index (n, or more when a
                          * live page loaded only its own) */
    char **abspaths;
    size_t n, alloc;
    json_t **similar;     /* static builds: each page's related list */
    json_t **family;      /* static builds: each page's family block, or NULL */
    hs_strlist labels[2]; /* hs__site_all_labels: tags, services */
    size_t **label_pms[2]; /* by label: indexes into pms, newest first */
    size_t *label_n[2];    /* by label: how many */
    hs__tmpl *tmpls[16];
    const char *tmpl_names[16];
    size_t n_tmpls;
} hs__site;

/* hs_site_page, with the alerts page starting at `cursor` (a "next" of
 * GET /api/alerts; NULL: the newest alerts). */
int hs__site_page_at(hs_store *s, const char *path, const char *cursor,
                     char **out, size_t *len, const char **content_type,
                     hs_error *err);

/* site_labels.c: labels[], label_pms[], label_n[] from pms[] */
void hs__site_labels_init(hs__site *st);
void hs__site_labels_release(hs__site *st);
/* Sorted distinct tags (with derived tags) or services, one per name
 * whatever its case (a copy of the list site_init computes). */
void hs__site_all_labels(const hs__site *st, int is_service, hs_strlist *out);
/* The sorted distinct labels (as hs__site_all_labels spells them) of the
 * postmortems pms[0..n): a tag page's filter offers only these, so that
 * pages do not grow with the number of labels in the whole site. */
void hs__site_labels_of(const hs__site *st, int is_service, const size_t *pms,
                        size_t n, hs_strlist *out);
int hs__site_has_label(const hs_postmortem *pm, int is_service,
                       const char *name);
/* The position of `name` in labels[is_service] (any case), or -1. */
long hs__site_label_index(const hs__site *st, int is_service, const char *name);

/* site_charts.c: SVG, escaped by construction, from the index's counts */
void hs__chart_months(const hs__trends *t, hs__buf *b);
size_t hs__chart_durations(const hs__trends *t, hs__buf *b);
void hs__chart_tags(const hs__label_count *lc, size_t n, hs__buf *b);

/* site_write.c */
/*
 * A file written a piece at a time (search-index.js and data/rows.js grow
 * with the library, so they are never held whole in memory), by the rules
 * of hs__site_put_file: while the pieces match the file already there
 * nothing is written; from the first difference the file is written to a
 * temporary name (the matching start copied from the old file) and
 * renamed over it at the end; a new file is created in place. open, then
 * put any number of times, then close, which counts the file in `stats`
 * and returns the first error of the three (close releases the stream
 * whatever happened).
 */
enum hs__stream_mode { HS__STREAM_SAME = 0, HS__STREAM_NEW, HS__STREAM_TEMP };
#define HS__STREAM_ANY_LEN UINT64_MAX
typedef struct hs__site_stream {
    hs__buf path, tmp, pending;
    int fd, fd_old, mode, rc;
    uint64_t off, old_len; /* bytes that matched so far; the old file's */
    hs_site_stats *stats;
    hs_error err;
} hs__site_stream;
/* `len`: the whole file's length if known (a file of another length is
 * not compared), else HS__STREAM_ANY_LEN. */
int hs__site_stream_open(hs__site_stream *w, const char *out_dir,
                         const char *rel, uint64_t len, hs_site_stats *stats,
                         hs_error *err);
void hs__site_stream_put(hs__site_stream *w, const char *data, size_t len);
int hs__site_stream_close(hs__site_stream *w, hs_error *err);
int hs__site_put_file(const char *out_dir, const char *rel, const char *data,
                      size_t len, hs_site_stats *stats, hs_error *err);
int hs__site_put_buf(const char *out_dir, const char *rel, hs__buf *b,
                     hs_site_stats *stats, hs_error *err);
/*
 * The files an earlier site run wrote into out_dir, sorted, from its
 * manifest. A folder with no manifest must be empty or missing unless
 * is_force. Errors: HS_EFORMAT (a folder site did not write).
 */
int hs__site_manifest_read(const char *out_dir, int is_force, hs_strlist *old,
                           hs_error *err);
/* Remove the files of `old` that are not in `kept` (both sorted), then
 * record `kept` as the manifest. */
int hs__site_manifest_write(const char *out_dir, const hs_strlist *old,
                            const hs_strlist *kept, hs_site_stats *stats,
                            hs_error *err);

#endif
