/*
 * `serve --watch`: a background thread that watches folders of markdown
 * with inotify and runs the index over them when their markdown changes,
 * debounced, so that the server answers from a fresh index by itself.
 */
#ifndef HS_WATCH_H
#define HS_WATCH_H

#include "hindsight.h"

typedef struct hs__watch hs__watch;

typedef struct hs__watch_opts {
    const char *db;          /* the index, opened writable per run */
    const char *const *dirs; /* the folders (or files) to watch */
    size_t n_dirs;           /* ... and to index, at least 1 */
    int is_quiet;            /* no log lines */
    unsigned jobs;           /* hs_index_opts.jobs of each run */
    int quiet_ms;            /* run after this much quiet; <= 0: 500 */
    int max_wait_ms;         /* ... or this long after the first
                              * change, whichever is first; <= 0:
                              * 3000 */
    /* called on the watch thread after every run, failed or not */
    void (*on_run)(void *ctx, int is_ok);
    void *ctx;
} hs__watch_opts;

/*
 * Start watching: the watches are in place when this returns, and a first
 * run (catching up with changes made before the watches were) follows at
 * once. `*out`: stop with hs__watch_stop. Errors: HS_EIO (inotify
 * unavailable, or no folder could be watched).
 */
int hs__watch_start(const hs__watch_opts *o, hs__watch **out, hs_error *err);

/* Stop the thread (a run in progress finishes first) and free everything;
 * NULL is a no-op. */
void hs__watch_stop(hs__watch *w);

#endif
