/*
 * What index.c shares with the rest of the library: reading a markdown file
 * the way the indexer does (read-only, at most HS_MAX_FILE_BYTES).
 */
#ifndef HS_INDEX_H
#define HS_INDEX_H

#include "base/buf.h"
#include "hindsight.h"

/* Append the file's bytes to `out`. Errors: HS_EIO, HS_ETOOBIG. */
int hs__read_file(const char *path, hs__buf *out, hs_error *err);

/*
 * Which id (`kind` 0), tag (1) or service (2) has the long slug `slug` of
 * `len` bytes (hs__slug_long_prefix's form; a label's slug is of its
 * lower-case value)? Appended to `out`, 1; 0 when none has; or a negative
 * HS_E* code (HS_EDB). Reads the index in order from the slug's prefix, up
 * to the first value that does not start with it.
 */
int hs__store_long_slug(hs_store *s, int kind, const char *slug, size_t len,
                        hs__buf *out, hs_error *err);

/*
 * hs_store_each, in the same order, with records of the index's columns
 * only: id, title, date, severity and duration (no text, no labels), for
 * what needs them of every postmortem (the static site's related lists).
 */
int hs__store_each_brief(hs_store *s, hs_store_each_fn *fn, void *ctx,
                         hs_error *err);

/*
 * One snapshot for many reads: a read transaction, begun unless the
 * caller is in one (*is_own says which), and ended (COMMIT: a read
 * transaction has nothing to write) by hs__store_read_end. Errors: HS_EDB.
 */
int hs__store_read_begin(hs_store *s, int *is_own, hs_error *err);
int hs__store_read_end(hs_store *s, int is_own, hs_error *err);

/* Length of the markdown suffix of the file name `name` (".md",
 * ".markdown", any case), or 0: the files an index run reads. */
size_t hs__index_md_suffix(const char *name);

/*
 * The folders (or files) the index's postmortems were indexed from, as
 * resolved when they were named, sorted and each once: what `serve
 * --watch` watches when no folder is named. Appended to `out`. Errors:
 * HS_EDB.
 */
int hs__index_roots(hs_store *s, hs_strlist *out, hs_error *err);

/*
 * Add the time since *since to stats->steps[step] and move *since to now:
 * the one clock of an index run's steps (index.c, family.c). *since is
 * zeroed first by hs__index_step_start.
 */
typedef struct hs__index_clock {
    double wall, cpu;
} hs__index_clock;
void hs__index_step_start(hs__index_clock *since);
void hs__index_step_end(hs_index_stats *stats, int step,
                        hs__index_clock *since);

/* Called by hs__index_run_with once a run's records are written, inside
 * its transaction; nonzero (an HS_E* code, with err set) rolls it back. */
typedef int hs__index_hook_fn(void *ctx, hs_store *s,
                              const hs_index_stats *stats, hs_error *err);

/*
 * hs_index_run, calling written(ctx, ...) after the run has written and
 * removed records and before it merges the FTS5 segments, counts term_df
 * and commits (about 4 s at 100k postmortems, on one thread): work that
 * reads the run's records can start there and go on meanwhile on other
 * threads (families, family.c). NULL `written`: hs_index_run.
 */
int hs__index_run_with(hs_store *s, const char *const *paths, size_t n_paths,
                       const hs_index_opts *opts, hs__index_hook_fn *written,
                       void *ctx, hs_index_stats *stats, hs_error *err);

#endif
