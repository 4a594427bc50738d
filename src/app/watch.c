/*
 * `serve --watch`: one thread watches the indexed folders with inotify and
 * runs the index over them when their markdown changes, with the families
 * and related postmortems after it as `index` does (hs_index_update). Changes
 * are debounced (a run starts after QUIET_MS without a change, or MAX_WAIT_MS
 * after the first one), so a `git pull` of a thousand files makes one run.
 * The run has a writable store of its own and is one transaction in WAL
 * mode: the server's readers answer from the previous snapshot until it
 * commits, and a failed run leaves that snapshot serving. Nothing here
 * parses markdown or answers HTTP.
 */
#include "app/watch.h"
#include "base/buf.h"
#include "base/error.h"
#include "base/text.h"
#include "base/thread.h"
#include "base/util.h"
#include "model/record.h"
#include "store/index.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/banned.h"

#define QUIET_MS 500
#define MAX_WAIT_MS 3000
/* a watched folder that is gone is looked for again this often */
#define MISSING_RETRY_MS 2000

/*
 * What a watched folder reports: a file written and closed, created,
 * moved in or out, deleted, and the folder itself deleted or moved.
 * IN_ATTRIB is left out: a `touch` changes no markdown.
 */
#define WATCH_MASK                                                             \
    (IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE |    \
     IN_DELETE_SELF | IN_MOVE_SELF)

typedef struct dirwatch {
    int wd;
    char *path;
} dirwatch;

struct hs__watch {
    hs__watch_opts o;
    char **dirs;  /* copies of o.dirs */
    int *root_wd; /* per dir: the watch on it (or its folder), or -1 */
    int *root_is_dir;
    int fd;      /* inotify */
    int stop[2]; /* a byte on stop[1] ends the thread */
    pthread_t thread;
    int has_thread;
    dirwatch *w; /* every watch, by wd (unsorted) */
    size_t n_w, alloc_w;
    int is_pending;              /* a change waits for its run */
    int needs_rescan;            /* the watches must be made afresh before it */
    struct timespec first, last; /* first and latest change since the run */
    struct timespec missing_at;  /* when gone folders were last looked for */
    unsigned long runs;
};

static long long ms_between(const struct timespec *a,
                            const struct timespec *b) {
    return (long long)(b->tv_sec - a->tv_sec) * 1000 +
           (b->tv_nsec - a->tv_nsec) / 1000000;
}

static void now(struct timespec *t) {
    clock_gettime(CLOCK_MONOTONIC, t);
}

__attribute__((format(printf, 2, 3))) static void
logf_watch(const hs__watch *w, const char *fmt, ...) {
    hs__buf b = HS_BUF_INIT;
    va_list ap;
    if (w->o.is_quiet)
        return;
    hs__buf line = HS_BUF_INIT;
    va_start(ap, fmt);
    hs__buf_vprintf(&b, fmt, ap);
    va_end(ap);
    /* file names are the user's bytes: control characters shown as the
     * program's other messages show them, so no ESC reaches the terminal */
    hs__buf_put_visible(&line, b.data, b.len);
    /* one write per line: the access log writes from other threads */
    fprintf(stderr, "hindsight: watch: %s\n", line.data);
    hs__buf_release(&line);
    hs__buf_release(&b);
}

/* ---------------------------------------------------------------------
 * Watches
 */

static const char *wd_path(const hs__watch *w, int wd) {
    for (size_t i = 0; i < w->n_w; i++)
        if (w->w[i].wd == wd)
            return w->w[i].path;
    return NULL;
}

/* Note that `wd` watches `path` (a folder moved within the tree keeps its
 * wd, and gets its new path here). */
static void remember(hs__watch *w, int wd, const char *path) {
    for (size_t i = 0; i < w->n_w; i++)
        if (w->w[i].wd == wd) {
            free(w->w[i].path);
            w->w[i].path = hs__xstrdup(path);
            return;
        }
    HS_ALLOC_GROW(w->w, w->n_w + 1, w->alloc_w);
    w->w[w->n_w].wd = wd;
    w->w[w->n_w].path = hs__xstrdup(path);
    w->n_w++;
}

static void forget(hs__watch *w, int wd) {
    for (size_t i = 0; i < w->n_w; i++)
        if (w->w[i].wd == wd) {
            free(w->w[i].path);
            w->w[i] = w->w[--w->n_w];
            break;
        }
    for (size_t i = 0; i < w->o.n_dirs; i++)
        if (w->root_wd[i] == wd)
            w->root_wd[i] = -1;
}

/*
 * Watch the folder `dir` and every folder below it, as the index run walks
 * them: hidden entries skipped, links to folders not followed (the root
 * itself may be one). Returns the root's watch, or -1 if it cannot be had.
 */
static int add_tree(hs__watch *w, const char *dir, int is_root) {
    hs_strlist stack = {0};
    int root_wd = -1;
    hs__strlist_push(&stack, dir);
    while (stack.n) {
        char *cur = stack.v[--stack.n];
        int is_top = root_wd < 0 && !strcmp(cur, dir);
        uint32_t mask =
            WATCH_MASK | IN_ONLYDIR | (is_top && is_root ? 0 : IN_DONT_FOLLOW);
        int wd = inotify_add_watch(w->fd, cur, mask);
        DIR *d;
        struct dirent *e;
        if (wd < 0) {
            if (!is_top && errno == ENOSPC)
                logf_watch(w,
                           "cannot watch '%s': too many watches "
                           "(raise fs.inotify.max_user_watches)",
                           cur);
            free(cur);
            if (is_top)
                break;
            continue;
        }
        if (is_top)
            root_wd = wd;
        remember(w, wd, cur);
        if ((d = opendir(cur)) != NULL) {
            while ((e = readdir(d)) != NULL) {
                hs__buf p = HS_BUF_INIT;
                struct stat st;
                if (e->d_name[0] == '.')
                    continue;
                hs__buf_printf(&p, "%s/%s", cur, e->d_name);
                if (lstat(p.data, &st) == 0 && S_ISDIR(st.st_mode))
                    hs__strlist_push(&stack, p.data);
                hs__buf_release(&p);
            }
            closedir(d);
        }
        free(cur);
    }
    hs_strlist_release(&stack);
    return root_wd;
}

/*
 * Watch root `i`: a folder with its tree, or a file through its folder
 * (not recursively). Sets root_wd[i]; 0 if it is watched.
 */
static int add_root(hs__watch *w, size_t i) {
    struct stat st;
    if (stat(w->dirs[i], &st) != 0) {
        w->root_wd[i] = -1;
        return -1;
    }
    w->root_is_dir[i] = S_ISDIR(st.st_mode);
    if (w->root_is_dir[i]) {
        w->root_wd[i] = add_tree(w, w->dirs[i], 1);
    } else {
        hs__buf parent = HS_BUF_INIT;
        const char *slash = strrchr(w->dirs[i], '/');
        if (!slash)
            hs__buf_puts(&parent, ".");
        else
            hs__buf_put(&parent, w->dirs[i],
                        slash == w->dirs[i] ? 1 : (size_t)(slash - w->dirs[i]));
        w->root_wd[i] = inotify_add_watch(w->fd, parent.data, WATCH_MASK);
        if (w->root_wd[i] >= 0)
            remember(w, w->root_wd[i], parent.data);
        hs__buf_release(&parent);
    }
    return w->root_wd[i] >= 0 ? 0 : -1;
}

/* Drop every watch and watch the roots afresh: after the kernel's queue
 * overflowed, or folders moved (their watches' paths are stale). */
static int rescan(hs__watch *w, hs_error *err) {
    int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd < 0)
        return hs__seterr(err, HS_EIO, "cannot start inotify: %s",
                          strerror(errno));
    if (w->fd >= 0)
        close(w->fd);
    w->fd = fd;
    for (size_t i = 0; i < w->n_w; i++)
        free(w->w[i].path);
    w->n_w = 0;
    for (size_t i = 0; i < w->o.n_dirs; i++)
        add_root(w, i);
    w->needs_rescan = 0;
    return 0;
}

static int is_root_wd(const hs__watch *w, int wd) {
    for (size_t i = 0; i < w->o.n_dirs; i++)
        if (w->root_wd[i] == wd)
            return 1;
    return 0;
}

/* ---------------------------------------------------------------------
 * Changes and runs
 */

static void note_change(hs__watch *w) {
    now(&w->last);
    if (!w->is_pending)
        w->first = w->last;
    w->is_pending = 1;
}

/* One event: is it a change of markdown, or of the folders holding it? */
static void on_event(hs__watch *w, const struct inotify_event *e) {
    if (e->mask & IN_Q_OVERFLOW) { /* events were lost: look at it all */
        w->needs_rescan = 1;
        note_change(w);
        return;
    }
    if (e->mask & IN_IGNORED) {
        forget(w, e->wd);
        return;
    }
    if (e->mask & (IN_DELETE_SELF | IN_MOVE_SELF)) {
        /* a root went away; below one, its parent reports it */
        if (is_root_wd(w, e->wd)) {
            w->needs_rescan = 1;
            note_change(w);
        }
        return;
    }
    if (!e->len || e->name[0] == '.') /* the run skips hidden entries */
        return;
    if (e->mask & IN_ISDIR) {
        const char *parent = wd_path(w, e->wd);
        if ((e->mask & IN_CREATE) && parent) {
            hs__buf p = HS_BUF_INIT;
            hs__buf_printf(&p, "%s/%s", parent, e->name);
            add_tree(w, p.data, 0);
            hs__buf_release(&p);
        } else if (e->mask & IN_MOVED_TO) {
            /* its watches, if it had any, carry the old paths */
            w->needs_rescan = 1;
        }
        note_change(w); /* it may hold (or have held) markdown */
        return;
    }
    if (hs__index_md_suffix(e->name))
        note_change(w);
}

/* Read what the kernel queued; the fd is non-blocking. */
static void read_events(hs__watch *w) {
    union {
        struct inotify_event e;
        char bytes[16384];
    } buf;
    for (;;) {
        ssize_t n = read(w->fd, buf.bytes, sizeof(buf.bytes));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        for (ssize_t off = 0; off < n;) {
            const struct inotify_event *e =
                (const struct inotify_event *)(const void *)(buf.bytes + off);
            on_event(w, e);
            off += (ssize_t)(sizeof(*e) + e->len);
        }
    }
}

/* Folders named for watching that are gone: looked for again, and a run
 * when one is back. */
static void retry_missing(hs__watch *w) {
    struct timespec t;
    now(&t);
    if (ms_between(&w->missing_at, &t) < MISSING_RETRY_MS)
        return;
    w->missing_at = t;
    for (size_t i = 0; i < w->o.n_dirs; i++)
        if (w->root_wd[i] < 0 && add_root(w, i) == 0) {
            logf_watch(w, "'%s' is back; watching it again", w->dirs[i]);
            note_change(w);
        }
}

static int any_missing(const hs__watch *w) {
    for (size_t i = 0; i < w->o.n_dirs; i++)
        if (w->root_wd[i] < 0)
            return 1;
    return 0;
}

static void on_report(void *ctx, const char *path, int line, const char *msg,
                      int is_failure) {
    const hs__watch *w = ctx;
    if (!is_failure)
        return; /* warnings are for `check`; the log gets what was lost */
    if (line > 0)
        logf_watch(w, "%s:%d: %s", path, line, msg);
    else
        logf_watch(w, "%s: %s (not indexed)", path, msg);
}

/*
 * One index run over the watched folders that exist now (a folder that is
 * gone keeps its postmortems in the index until it is back), in a store of
 * its own, logged with what it did.
 */
static void run_index(hs__watch *w) {
    const char **paths = hs__xcalloc(w->o.n_dirs + 1, sizeof(char *));
    hs_index_opts io = {0};
    hs_index_stats st = {0};
    hs_error err = {0, ""};
    hs_store *s = NULL;
    struct timespec t0, t1;
    size_t n = 0;
    int rc = 0;
    now(&t0);
    w->is_pending = 0;
    for (size_t i = 0; i < w->o.n_dirs; i++) {
        struct stat sb;
        if (stat(w->dirs[i], &sb) == 0)
            paths[n++] = w->dirs[i];
        else
            logf_watch(w, "cannot read '%s': %s; its postmortems stay indexed",
                       w->dirs[i], strerror(errno));
    }
    if (!n)
        rc = hs__seterr(&err, HS_ENOTFOUND, "no watched folder exists");
    io.report = on_report;
    io.ctx = w;
    io.jobs = w->o.jobs;
    if (rc == 0)
        rc = hs_store_open(w->o.db, 0, &s, &err);
    if (rc == 0)
        rc = hs_index_update(s, paths, n, &io, &st, &err);
    hs_store_close(s);
    free(paths);
    now(&t1);
    w->runs++;
    if (rc)
        logf_watch(w,
                   "index run %lu failed: %s; the previous index keeps "
                   "serving",
                   w->runs, err.msg[0] ? err.msg : hs_strerror(rc));
    else
        logf_watch(w,
                   "index run %lu: added %zu, updated %zu, removed %zu, "
                   "unchanged %zu, failed %zu (%lld ms, %zu thread%s)",
                   w->runs, st.added, st.updated, st.removed, st.unchanged,
                   st.failed, ms_between(&t0, &t1), st.threads,
                   st.threads == 1 ? "" : "s");
    if (w->o.on_run)
        w->o.on_run(w->o.ctx, rc == 0);
}

/* How long poll may wait: until the pending run is due, or the next look
 * for gone folders; -1 for ever. */
static int poll_timeout(const hs__watch *w) {
    long long ms = -1;
    if (w->is_pending) {
        struct timespec t;
        long long quiet, max;
        now(&t);
        quiet = w->o.quiet_ms - ms_between(&w->last, &t);
        max = w->o.max_wait_ms - ms_between(&w->first, &t);
        ms = quiet < max ? quiet : max;
        if (ms < 0)
            ms = 0;
    }
    if (any_missing(w) && (ms < 0 || ms > MISSING_RETRY_MS))
        ms = MISSING_RETRY_MS;
    return (int)ms;
}

static void *watch_main(void *arg) {
    hs__watch *w = arg;
    run_index(w); /* changes made before the watches were in place */
    for (;;) {
        struct pollfd p[2];
        int timeout = poll_timeout(w), n;
        p[0].fd = w->stop[0];
        p[0].events = POLLIN;
        p[1].fd = w->fd;
        p[1].events = POLLIN;
        p[0].revents = p[1].revents = 0;
        n = poll(p, 2, timeout);
        if (n < 0 && errno != EINTR) {
            logf_watch(w, "poll failed: %s; no longer watching",
                       strerror(errno));
            break;
        }
        if (n > 0 && p[0].revents)
            break;
        if (n > 0 && (p[1].revents & POLLIN))
            read_events(w);
        if (any_missing(w))
            retry_missing(w);
        if (w->is_pending && poll_timeout(w) == 0) {
            hs_error err = {0, ""};
            if (w->needs_rescan && rescan(w, &err) != 0)
                logf_watch(w, "%s", err.msg);
            run_index(w);
        }
    }
    return NULL;
}

int hs__watch_start(const hs__watch_opts *o, hs__watch **out, hs_error *err) {
    hs__watch *w = hs__xcalloc(1, sizeof(*w));
    size_t n_watched = 0;
    int rc;
    *out = NULL;
    w->o = *o;
    w->o.quiet_ms = o->quiet_ms > 0 ? o->quiet_ms : QUIET_MS;
    w->o.max_wait_ms = o->max_wait_ms > 0 ? o->max_wait_ms : MAX_WAIT_MS;
    w->fd = w->stop[0] = w->stop[1] = -1;
    w->dirs = hs__xcalloc(o->n_dirs + 1, sizeof(char *));
    w->root_wd = hs__xcalloc(o->n_dirs + 1, sizeof(int));
    w->root_is_dir = hs__xcalloc(o->n_dirs + 1, sizeof(int));
    for (size_t i = 0; i < o->n_dirs; i++)
        w->dirs[i] = hs__xstrdup(o->dirs[i]);
    w->o.dirs = NULL; /* borrowed: use w->dirs */
    if (pipe(w->stop) != 0) {
        rc = hs__seterr(err, HS_EIO, "cannot make a pipe: %s", strerror(errno));
        goto fail;
    }
    if ((rc = rescan(w, err)) != 0)
        goto fail;
    for (size_t i = 0; i < o->n_dirs; i++) {
        if (w->root_wd[i] >= 0)
            n_watched++;
        else
            logf_watch(w,
                       "cannot watch '%s' (missing or unreadable); "
                       "looking for it again every %d s",
                       w->dirs[i], MISSING_RETRY_MS / 1000);
    }
    if (!n_watched) {
        rc = hs__seterr(err, HS_EIO, "cannot watch any of the folders");
        goto fail;
    }
    now(&w->missing_at);
    if (hs__thread_start(&w->thread, watch_main, w) != 0) {
        rc = hs__seterr(err, HS_EIO, "cannot start the watch thread");
        goto fail;
    }
    w->has_thread = 1;
    *out = w;
    return 0;
fail:
    hs__watch_stop(w);
    return rc;
}

void hs__watch_stop(hs__watch *w) {
    if (!w)
        return;
    if (w->has_thread) {
        ssize_t n;
        do
            n = write(w->stop[1], "x", 1);
        while (n < 0 && errno == EINTR);
        pthread_join(w->thread, NULL);
    }
    for (int i = 0; i < 2; i++)
        if (w->stop[i] >= 0)
            close(w->stop[i]);
    if (w->fd >= 0)
        close(w->fd);
    for (size_t i = 0; i < w->n_w; i++)
        free(w->w[i].path);
    free(w->w);
    for (size_t i = 0; i < w->o.n_dirs; i++)
        free(w->dirs[i]);
    free(w->dirs);
    free(w->root_wd);
    free(w->root_is_dir);
    free(w);
}
