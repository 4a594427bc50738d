/*
 * The index run: walk the folders for *.md, skip files whose size and
 * modification time (or, failing that, content hash) are unchanged, parse
 * and store the rest, and remove the records of files that disappeared
 * from a folder named in this run. One transaction per run, so a failed or
 * killed run leaves the previous index as it was. Markdown files are only
 * ever opened for reading. Files are read and parsed on a pool of threads
 * (index_pool.c); the database and every report stay on the calling
 * thread, in file order, so the index does not depend on the thread count.
 */
#include "store/index.h"
#include "base/buf.h"
#include "base/error.h"
#include "base/text.h"
#include "base/util.h"
#include "model/record.h"
#include "read/extract.h"
#include "read/parse.h"
#include "store/index_pool.h"
#include "store/store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/banned.h"

typedef struct file_ref {
    char *path;      /* as named: "corpus/2026-01-01-x.md" */
    char *abspath;   /* resolved */
    char *id;        /* path relative to its root folder, without .md */
    size_t root;     /* index into run.roots */
    size_t root_len; /* strlen(run.roots[root]): the outermost root wins */
} file_ref;

typedef struct run {
    char **roots; /* resolved folders (or files) named in this run */
    int *root_is_dir;
    size_t n_roots;
    file_ref *files;
    size_t n_files, alloc_files;
    hs_strlist skipped; /* pairs: path, why (links that leave the folder,
                           FIFOs and devices, folders it cannot read) */
    hs_strlist unread;  /* resolved folders it could not read: what was
                           indexed under them is kept, not removed */
    hs_config **cfgs;   /* per root: its house style, or NULL */
} run;

/* Length of the markdown suffix of `name` (".md", ".markdown"), or 0. */
static size_t md_suffix_len(const char *name) {
    size_t n = strlen(name);
    if (n > 3 && !hs__strcasecmp(name + n - 3, ".md"))
        return 3;
    if (n > 9 && !hs__strcasecmp(name + n - 9, ".markdown"))
        return 9;
    return 0;
}

/* Is `path` inside the folder `dir` (both resolved)? */
static int is_under(const char *path, const char *dir) {
    size_t n = strlen(dir);
    return !strncmp(path, dir, n) && (path[n] == '/' || (n == 1 && *path));
}

/*
 * Add the file at `path` (`rel` under its root). is_plain: a regular file
 * the walk reached through folders only (never a link), whose resolved
 * path is then the resolved root's followed by rel, as realpath() would
 * find it with a readlink per part of the path (500k calls at 100k files,
 * on the one thread before any file is read).
 */
static void add_file(run *r, const char *path, const char *rel, size_t root,
                     int is_plain) {
    char resolved[PATH_MAX];
    const char *top = r->roots[root];
    file_ref *f;
    size_t n, top_len = strlen(top), rel_len = strlen(rel);
    if (is_plain && strcmp(top, "/") &&
        top_len + 1 + rel_len < sizeof(resolved)) {
        memcpy(resolved, top, top_len);
        resolved[top_len] = '/';
        memcpy(resolved + top_len + 1, rel, rel_len + 1);
    } else if (!realpath(path, resolved)) {
        return; /* vanished while walking: nothing to index */
    }
    HS_ALLOC_GROW(r->files, r->n_files + 1, r->alloc_files);
    f = &r->files[r->n_files++];
    f->path = hs__xstrdup(path);
    f->abspath = hs__xstrdup(resolved);
    n = strlen(rel);
    f->id = hs__xstrndup(rel, n - md_suffix_len(rel));
    f->root = root;
    f->root_len = strlen(r->roots[root]);
}

/*
 * A link under a folder is followed only when its target stays inside the
 * folder named in the run: a link to /etc/passwd must not put it into the
 * index, the site and the server. Returns 1 (and notes why) to skip it.
 */
static int leaves_root(run *r, const char *path, size_t root) {
    char resolved[PATH_MAX];
    if (!realpath(path, resolved)) {
        /* a loop of links or a link to nothing: say which, not "out" */
        hs__buf why = HS_BUF_INIT;
        hs__buf_printf(&why, "link cannot be followed: %s", strerror(errno));
        hs__strlist_push(&r->skipped, path);
        hs__strlist_push(&r->skipped, why.data);
        hs__buf_release(&why);
        return 1;
    }
    /* a link to the folder itself (self -> .) stays inside it too */
    if (is_under(resolved, r->roots[root]) || !strcmp(resolved, r->roots[root]))
        return 0;
    hs__strlist_push(&r->skipped, path);
    hs__strlist_push(&r->skipped, "link leads out of the folder being "
                                  "indexed; not followed");
    return 1;
}

/* A FIFO would block the read and a device never end: named, not read. */
static void not_regular(run *r, const char *path) {
    hs__strlist_push(&r->skipped, path);
    hs__strlist_push(&r->skipped, "not a regular file (a FIFO, device or "
                                  "socket)");
}

/*
 * A folder under the root that cannot be read (no permission) is named,
 * and what was indexed from it stays: its files were not seen, which is
 * not that they are gone. It was skipped in silence, and its postmortems
 * were then removed from the index.
 */
static void unreadable(run *r, const char *path, int errnum) {
    char resolved[PATH_MAX];
    hs__buf why = HS_BUF_INIT;
    hs__buf_printf(&why, "cannot read folder: %s", strerror(errnum));
    hs__strlist_push(&r->skipped, path);
    hs__strlist_push(&r->skipped, why.data);
    hs__buf_release(&why);
    if (realpath(path, resolved))
        hs__strlist_push(&r->unread, resolved);
}

/* Is `abspath` under a folder this run could not read? */
static int is_unread(const run *r, const char *abspath) {
    for (size_t i = 0; i < r->unread.n; i++)
        if (is_under(abspath, r->unread.v[i]))
            return 1;
    return 0;
}

/*
 * Walk `dir` for *.md and *.markdown files without recursion (an explicit
 * stack of folders), skipping hidden entries, not following links to
 * folders, and following links to files only inside the root.
 */
static int walk(run *r, const char *dir, size_t root, hs_error *err) {
    hs_strlist stack = {0};
    size_t dir_len = strlen(dir);
    int rc = 0;
    hs__strlist_push(&stack, dir);
    while (stack.n && rc == 0) {
        char *cur = stack.v[--stack.n];
        DIR *d = opendir(cur);
        struct dirent *e;
        if (!d) {
            if (!strcmp(cur, dir))
                rc = hs__seterr(err, HS_EIO, "cannot read folder '%s': %s", cur,
                                strerror(errno));
            else
                unreadable(r, cur, errno);
            free(cur);
            continue;
        }
        while ((e = readdir(d)) != NULL) {
            hs__buf p = HS_BUF_INIT;
            struct stat st;
            if (e->d_name[0] == '.')
                continue;
            hs__buf_printf(&p, "%s/%s", cur, e->d_name);
            if (lstat(p.data, &st) == 0) {
                const char *rel = p.data + dir_len + 1;
                if (S_ISDIR(st.st_mode)) {
                    hs__strlist_push(&stack, p.data);
                } else if (S_ISLNK(st.st_mode) && md_suffix_len(e->d_name)) {
                    if (!leaves_root(r, p.data, root) &&
                        stat(p.data, &st) == 0 && !S_ISDIR(st.st_mode)) {
                        if (S_ISREG(st.st_mode))
                            add_file(r, p.data, rel, root, 0);
                        else
                            not_regular(r, p.data);
                    }
                } else if (S_ISLNK(st.st_mode)) {
                    if (stat(p.data, &st) == 0 && S_ISDIR(st.st_mode))
                        leaves_root(r, p.data, root); /* noted if it leaves */
                } else if (md_suffix_len(e->d_name)) {
                    if (S_ISREG(st.st_mode))
                        add_file(r, p.data, rel, root, 1);
                    else
                        not_regular(r, p.data);
                }
            }
            hs__buf_release(&p);
        }
        closedir(d);
        free(cur);
    }
    hs_strlist_release(&stack);
    return rc;
}

static int cmp_abspath(const void *a, const void *b) {
    return strcmp(((const file_ref *)a)->abspath,
                  ((const file_ref *)b)->abspath);
}

static int cmp_files(const void *a, const void *b) {
    const file_ref *fa = a, *fb = b;
    int c = strcmp(fa->abspath, fb->abspath);
    if (c)
        return c;
    /* found under two folders of the run: the outermost one names it */
    return fa->root_len < fb->root_len ? -1 : fa->root_len > fb->root_len;
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void run_release(run *r) {
    for (size_t i = 0; i < r->n_files; i++) {
        free(r->files[i].path);
        free(r->files[i].abspath);
        free(r->files[i].id);
    }
    free(r->files);
    for (size_t i = 0; i < r->n_roots; i++)
        free(r->roots[i]);
    free(r->roots);
    free(r->root_is_dir);
    hs_strlist_release(&r->skipped);
    hs_strlist_release(&r->unread);
    if (r->cfgs) {
        /* with --config every root shares one config: free it once */
        for (size_t i = 0; i < r->n_roots; i++)
            if (r->cfgs[i] && (i == 0 || r->cfgs[i] != r->cfgs[0]))
                hs_config_free(r->cfgs[i]);
    }
    free(r->cfgs);
}

/*
 * The house style of each root: --config for all of them, else a
 * hindsight.yml at the root of each folder named. A bad file stops the run
 * before anything is written.
 */
static int load_configs(run *r, const char *config_path, hs_error *err) {
    int rc = 0;
    r->cfgs = hs__xcalloc(r->n_roots ? r->n_roots : 1, sizeof(*r->cfgs));
    if (config_path) {
        rc = hs_config_load(config_path, &r->cfgs[0], err);
        for (size_t i = 1; rc == 0 && i < r->n_roots; i++)
            r->cfgs[i] = r->cfgs[0];
        return rc;
    }
    for (size_t i = 0; rc == 0 && i < r->n_roots; i++) {
        hs__buf p = HS_BUF_INIT;
        if (!r->root_is_dir[i])
            continue;
        hs__buf_printf(&p, "%s/hindsight.yml", r->roots[i]);
        if (access(p.data, F_OK) == 0)
            rc = hs_config_load(p.data, &r->cfgs[i], err);
        hs__buf_release(&p);
    }
    return rc;
}

/* Collect the files named by `paths` into r. */
static int collect(run *r, const char *const *paths, size_t n_paths,
                   hs_error *err) {
    int rc = 0;
    r->roots = hs__xcalloc(n_paths, sizeof(char *));
    r->root_is_dir = hs__xcalloc(n_paths, sizeof(int));
    for (size_t i = 0; i < n_paths && rc == 0; i++) {
        struct stat st;
        char resolved[PATH_MAX];
        hs__buf p = HS_BUF_INIT;
        if (stat(paths[i], &st) != 0 || !realpath(paths[i], resolved)) {
            rc = hs__seterr(err, errno == ENOENT ? HS_ENOTFOUND : HS_EIO,
                            "cannot read '%s': %s", paths[i], strerror(errno));
            break;
        }
        r->roots[r->n_roots] = hs__xstrdup(resolved);
        r->root_is_dir[r->n_roots] = S_ISDIR(st.st_mode);
        r->n_roots++;
        hs__buf_puts(&p, paths[i]);
        while (p.len > 1 && p.data[p.len - 1] == '/')
            hs__buf_truncate(&p, p.len - 1);
        if (S_ISDIR(st.st_mode)) {
            rc = walk(r, p.data, r->n_roots - 1, err);
        } else {
            const char *base = strrchr(p.data, '/');
            add_file(r, p.data, base ? base + 1 : p.data, r->n_roots - 1, 0);
        }
        hs__buf_release(&p);
    }
    if (rc == 0 && r->n_files) {
        /* sorted by resolved path; a file named twice is read once */
        size_t j = 1;
        hs__qsort(r->files, r->n_files, sizeof(*r->files), cmp_files);
        for (size_t i = 1; i < r->n_files; i++) {
            if (!strcmp(r->files[i].abspath, r->files[j - 1].abspath)) {
                free(r->files[i].path);
                free(r->files[i].abspath);
                free(r->files[i].id);
                continue;
            }
            r->files[j++] = r->files[i];
        }
        r->n_files = j;
    }
    return rc;
}

/*
 * Read a whole file (read-only), refusing ones over the size limit and
 * anything but a regular file. O_NONBLOCK, so that opening a FIFO does not
 * wait for a writer; it is cleared before reading.
 */
int hs__read_file(const char *path, hs__buf *out, hs_error *err) {
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    struct stat st;
    if (fd < 0)
        return hs__seterr(err, HS_EIO, "cannot open '%s': %s", path,
                          strerror(errno));
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return hs__seterr(err, HS_EFORMAT, "'%s' is not a regular file", path);
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    if ((uint64_t)st.st_size > HS_MAX_FILE_BYTES) {
        close(fd);
        return hs__seterr(err, HS_ETOOBIG,
                          "'%s' is %lld bytes, over the limit of %u", path,
                          (long long)st.st_size, HS_MAX_FILE_BYTES);
    }
    /*
     * Room for the whole file and the read that finds its end, in one
     * allocation. 64 KiB and then a copy into 128 KiB for every file, each
     * freed again, moved glibc's heap top up and down (1,000 files:
     * 1,641 brk calls and 16.8 k page faults, now 550 and 5.9 k; 17 M
     * instructions, now 7 M). A file that grows while it is read gets
     * 64 KiB more at a time.
     */
    hs__buf_grow(out, (size_t)st.st_size + 1);
    for (;;) {
        ssize_t n;
        if (out->len + 1 >= out->alloc)
            hs__buf_grow(out, 65536);
        n = read(fd, out->data + out->len, out->alloc - out->len - 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int e = errno;
            close(fd);
            return hs__seterr(err, HS_EIO, "cannot read '%s': %s", path,
                              strerror(e));
        }
        if (n == 0)
            break;
        out->len += (size_t)n;
        out->data[out->len] = '\0';
        if (out->len > HS_MAX_FILE_BYTES) {
            close(fd);
            return hs__seterr(err, HS_ETOOBIG,
                              "'%s' is over the limit of %u bytes", path,
                              HS_MAX_FILE_BYTES);
        }
    }
    close(fd);
    return 0;
}

/*
 * The hash kept per file: its content's, then ":" and the house style's
 * when one applies, so a changed hindsight.yml re-extracts every file.
 */
#define HASH_CAP 34

typedef struct stored {
    int64_t rowid;
    char hash[HASH_CAP];
    int64_t size, mtime;
    char *root; /* the folder (or file) it was indexed under; caller frees */
} stored;

static int lookup(hs_store *s, const char *abspath, stored *out, int *found,
                  hs_error *err) {
    sqlite3_stmt *st;
    int rc = hs__store_stmt(s, HS__STMT_FILE_BY_PATH, &st, err);
    *found = 0;
    if (rc)
        return rc;
    hs__bind_text(st, 1, abspath);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const unsigned char *h = sqlite3_column_text(st, 1);
        out->rowid = sqlite3_column_int64(st, 0);
        snprintf(out->hash, sizeof(out->hash), "%s", h ? (const char *)h : "");
        out->size = sqlite3_column_int64(st, 2);
        out->mtime = sqlite3_column_int64(st, 3);
        out->root = hs__xstrdup((const char *)sqlite3_column_text(st, 4));
        *found = 1;
        rc = SQLITE_DONE;
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0
                             : hs__store_err(s, rc, err, "cannot read index");
}

static int touch(hs_store *s, const stored *old, const file_ref *f,
                 const char *root, int64_t size, int64_t mtime, hs_error *err) {
    sqlite3_stmt *st;
    int rc = hs__store_stmt(s, HS__STMT_TOUCH, &st, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, old->rowid);
    sqlite3_bind_int64(st, 2, size);
    sqlite3_bind_int64(st, 3, mtime);
    hs__bind_text(st, 4, f->path);
    hs__bind_text(st, 5, root);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0
                             : hs__store_err(s, rc, err, "cannot update index");
}

/*
 * Another file holds `id`: if that file is gone (a rename), its record goes;
 * otherwise this file cannot be indexed. Returns 1 for a conflict.
 */
static int id_conflict(hs_store *s, const char *id, const char *abspath,
                       char **other, int *rc_out, hs_error *err) {
    sqlite3_stmt *st;
    int rc = hs__store_stmt(s, HS__STMT_ROWID_BY_ID, &st, err);
    int64_t rowid;
    *other = NULL;
    *rc_out = rc;
    if (rc)
        return 0;
    hs__bind_text(st, 1, id);
    rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            *rc_out = hs__store_err(s, rc, err, "cannot read index");
        return 0;
    }
    rowid = sqlite3_column_int64(st, 0);
    *other = hs__xstrdup((const char *)sqlite3_column_text(st, 1));
    sqlite3_reset(st);
    if (!strcmp(*other, abspath)) {
        HS_FREE_AND_NULL(*other);
        return 0;
    }
    if (access(*other, F_OK) != 0) {
        HS_FREE_AND_NULL(*other);
        *rc_out = hs__store_delete(s, rowid, err);
        return 0;
    }
    return 1;
}

static void report(const hs_index_opts *o, const char *path, int line,
                   const char *msg, int is_failure) {
    if (o && o->report)
        o->report(o->ctx, path, line, msg, is_failure);
}

/*
 * The folder a file's id is relative to: the one named in this run, unless
 * the file is already indexed under a folder that holds both it and the
 * run's folder (or file). So 'index nest' then 'index nest/2024/a.md'
 * keeps the id '2024/a', and the outermost folder wins whatever the order.
 */
static const char *pick_root(const char *stored_root, const char *run_root,
                             const char *abspath) {
    if (stored_root && strcmp(stored_root, run_root) &&
        is_under(run_root, stored_root) && is_under(abspath, stored_root))
        return stored_root;
    return run_root;
}

/* The id of `abspath` under the folder `root`: relative, no suffix. */
static char *id_under(const char *abspath, const char *root) {
    const char *rel = abspath + strlen(root) + (strcmp(root, "/") != 0);
    return hs__xstrndup(rel, strlen(rel) - md_suffix_len(rel));
}

/* The name of the folder that holds `abspath`'s id: "b" for b/x.md. */
static void folder_name(const char *abspath, const char *root, hs__buf *out) {
    const char *end, *start;
    if (strcmp(abspath, root)) {
        end = root + strlen(root);
    } else {
        end = strrchr(root, '/');
        end = end ? end : root;
    }
    start = end;
    while (start > root && start[-1] != '/')
        start--;
    hs__buf_put(out, start, (size_t)(end - start));
    if (!out->len)
        hs__buf_putc(out, '_');
}

/*
 * Give pm a unique id. When another file that still exists holds pm->id,
 * this one gets its folder's name in front ("b/x"), then a number
 * ("b/x-2"): files are indexed in path order, so a run over two folders of
 * the same layout indexes both, with the same ids every time. Returns 0,
 * 1 when no id is free (reported as a failure), or an HS_E* database error.
 */
static int claim_id(hs_store *s, hs_postmortem *pm, const file_ref *f,
                    const char *root, const hs_index_opts *o, hs_error *err) {
    hs__buf id = HS_BUF_INIT, dir = HS_BUF_INIT, msg = HS_BUF_INIT;
    char *other = NULL;
    int rc = 0, is_taken = id_conflict(s, pm->id, f->abspath, &other, &rc, err);
    folder_name(f->abspath, root, &dir);
    for (int k = 1; is_taken && rc == 0 && k <= 100; k++) {
        hs__buf_reset(&id);
        hs__buf_printf(&id, "%s/%s", dir.data, pm->id);
        if (k > 1)
            hs__buf_printf(&id, "-%d", k);
        hs__utf8_repair(&id); /* the folder's name, as pm->id is */
        if (!msg.len)
            hs__buf_printf(&msg, "id '%s' is already used by '%s'", pm->id,
                           other);
        HS_FREE_AND_NULL(other);
        is_taken = id_conflict(s, id.data, f->abspath, &other, &rc, err);
    }
    if (rc == 0 && is_taken) {
        report(o, f->path, 0, msg.data, 1);
        rc = 1;
    } else if (rc == 0 && id.len) {
        hs__buf_printf(&msg, "; this file gets the id '%s'", id.data);
        report(o, f->path, 0, msg.data, 0);
        free(pm->id);
        pm->id = hs__buf_detach(&id, NULL);
    }
    free(other);
    hs__buf_release(&id);
    hs__buf_release(&dir);
    hs__buf_release(&msg);
    return rc;
}

/*
 * One file's way through the run, in three steps. prepare (the writer):
 * what the index holds for it. work (any thread): stat, read, hash and
 * parse it, or find it unchanged, without touching the database or
 * reporting anything. finish (the writer, in file order): claim its id,
 * store it and report what happened. The result is the same whether work
 * runs on the writer's thread or another.
 */
/* FILE_GONE: deleted (or its folder) after the folder was listed */
typedef enum outcome {
    FILE_FAILED,
    FILE_UNCHANGED,
    FILE_PARSED,
    FILE_GONE
} outcome;

typedef struct job {
    const file_ref *f;
    /* prepare */
    stored old;
    int found, is_same;
    const char *root; /* borrowed: old.root or a root of the run */
    /* work */
    outcome result;
    hs_error ferr; /* FILE_FAILED: why */
    int64_t size, mtime;
    char hash[HASH_CAP];
    hs_postmortem *pm;     /* FILE_PARSED */
    hs__store_texts texts; /* FILE_PARSED: pm's texts for the writer */
} job;

/* What every thread may read during the run: nothing in it changes. */
typedef struct work_ctx {
    const run *r;
} work_ctx;

/*
 * What besides its bytes decides what a file extracts to: the extractor's
 * version and the house style. 16 hex digits and a NUL.
 */
static void reader_hash(const hs_config *cfg, char out[17]) {
    char buf[64];
    int n = snprintf(buf, sizeof(buf), "extractor %d:%s", HS_EXTRACTOR_VERSION,
                     hs_config_hash(cfg));
    hs__hash_hex(buf, (size_t)n, out);
}

static const hs_config *file_cfg(const run *r, const file_ref *f) {
    return r->cfgs ? r->cfgs[f->root] : NULL;
}

/* The writer's look-up for `f` into j (zeroed). */
static int prepare(hs_store *s, const run *r, const file_ref *f, unsigned flags,
                   job *j, hs_error *err) {
    const char *old_cfg;
    char reader[17];
    int rc = lookup(s, f->abspath, &j->old, &j->found, err);
    if (rc)
        return rc;
    j->f = f;
    j->root = pick_root(j->old.root, r->roots[f->root], f->abspath);
    old_cfg = j->found && strchr(j->old.hash, ':')
                  ? strchr(j->old.hash, ':') + 1
                  : "";
    reader_hash(file_cfg(r, f), reader);
    /* a file whose id folder, house style or extractor changed is read
     * again */
    j->is_same = j->found && !(flags & HS_INDEX_FULL) &&
                 !strcmp(j->old.root, j->root) && !strcmp(old_cfg, reader);
    return 0;
}

/* Does a failed stat or open say the path is no longer there? */
static int is_gone_errno(int e) {
    return e == ENOENT || e == ENOTDIR;
}

/* The pool's work: everything about one file that needs no database. */
static void work(void *ctx, void *arg) {
    const run *r = ((const work_ctx *)ctx)->r;
    job *j = arg;
    const file_ref *f = j->f;
    const hs_config *cfg = file_cfg(r, f);
    struct stat st;
    hs__buf data = HS_BUF_INIT;
    char *id;

    j->result = FILE_FAILED;
    if (stat(f->path, &st) != 0) {
        j->result = is_gone_errno(errno) ? FILE_GONE : FILE_FAILED;
        hs__seterr(&j->ferr, HS_EIO, "%s", strerror(errno));
        return;
    }
    j->mtime = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
    j->size = st.st_size;
    if (j->is_same && j->old.size == j->size && j->old.mtime == j->mtime) {
        j->result = FILE_UNCHANGED;
        return;
    }
    if (hs__read_file(f->path, &data, &j->ferr) != 0) {
        /* deleted between the stat and the read */
        if (stat(f->path, &st) != 0 && is_gone_errno(errno))
            j->result = FILE_GONE;
        goto out;
    }
    j->size = (int64_t)data.len;
    hs__hash_hex(data.data, data.len, j->hash);
    j->hash[16] = ':';
    reader_hash(cfg, j->hash + 17);
    if (j->is_same && !strcmp(j->hash, j->old.hash)) {
        j->result = FILE_UNCHANGED;
        goto out;
    }
    id = j->root == r->roots[f->root] ? hs__xstrdup(f->id)
                                      : id_under(f->abspath, j->root);
    if (hs_postmortem_parse_with(data.data, data.len, id, f->path, cfg, &j->pm,
                                 &j->ferr) == 0) {
        j->result = FILE_PARSED;
        hs__store_texts_build(j->pm, &j->texts);
    }
    free(id);
out:
    hs__buf_release(&data);
}

static void job_release(void *arg) {
    job *j = arg;
    free(j->old.root);
    hs_postmortem_free(j->pm);
    hs__store_texts_release(&j->texts);
    memset(j, 0, sizeof(*j));
}

/* Store one worked file. Returns an HS_E* code only for database errors. */
static int finish(hs_store *s, job *j, const hs_index_opts *o,
                  hs_index_stats *stats, hs_error *err) {
    const file_ref *f = j->f;
    int rc;
    if (j->result == FILE_FAILED) {
        report(o, f->path, 0, j->ferr.msg, 1);
        stats->failed++;
        return 0;
    }
    /* deleted after the listing (a checkout, an editor's save): the run
     * answers as if the listing had not seen it; it was a failure ('No
     * such file or directory', exit 1) and kept its old record */
    if (j->result == FILE_GONE) {
        if (!j->found)
            return 0;
        rc = hs__store_delete(s, j->old.rowid, err);
        if (rc == 0)
            stats->removed++;
        return rc;
    }
    if (j->result == FILE_UNCHANGED) {
        stats->unchanged++;
        return touch(s, &j->old, f, j->root, j->size, j->mtime, err);
    }
    rc = claim_id(s, j->pm, f, j->root, o, err);
    if (rc == 1) {
        stats->failed++;
        return 0;
    }
    if (rc == 0 && j->found)
        rc = hs__store_delete(s, j->old.rowid, err);
    if (rc == 0)
        rc = hs__store_put(s, j->pm, &j->texts, f->abspath, j->root, j->hash,
                           j->size, j->mtime, err);
    if (rc == 0) {
        if (j->found)
            stats->updated++;
        else
            stats->added++;
        for (size_t i = 0; i < j->pm->n_warnings; i++)
            if (j->pm->warnings[i].line == 0)
                report(o, f->path, 0, j->pm->warnings[i].msg, 0);
    }
    return rc;
}

/*
 * The threads for a run of `n_files`: --jobs, else one per online CPU, and
 * never more than there are files.
 */
static size_t thread_count(const hs_index_opts *o, size_t n_files) {
    size_t n = o && o->jobs ? o->jobs : hs__pool_cpus();
    if (n > n_files)
        n = n_files;
    return n ? n : 1;
}

/*
 * Read, parse and store every file of the run, in path order: workers do
 * the reading and parsing, this thread (the database's) the rest.
 * Returns an HS_E* code only for database errors.
 */
static int index_files(hs_store *s, const run *r, unsigned flags,
                       const hs_strlist *old, const hs_index_opts *opts,
                       hs_index_stats *stats, hs_error *err) {
    work_ctx ctx = {r};
    size_t n_threads = thread_count(opts, r->n_files), n_prepared = 0;
    hs__pool *p;
    /* the workers only read what registering cmark-gfm's extensions wrote */
    hs__parse_setup();
    /* one thread looks each file up just before working it, as ever;
     * more keep a few files per thread in flight, not the whole run */
    p = hs__pool_new(n_threads, n_threads > 1 ? 8 * n_threads : 1, sizeof(job),
                     work, &ctx);
    int rc = 0;
    stats->threads = hs__pool_threads(p);
    for (size_t i = 0; i < r->n_files && rc == 0; i++) {
        size_t added = stats->added;
        int is_gone;
        job *j;
        while (rc == 0 && n_prepared < r->n_files &&
               (j = hs__pool_slot(p)) != NULL) {
            rc = prepare(s, r, &r->files[n_prepared], flags, j, err);
            if (rc == 0) {
                hs__pool_submit(p);
                n_prepared++;
            }
        }
        if (rc)
            break;
        j = hs__pool_next(p);
        is_gone = j->result == FILE_GONE;
        rc = finish(s, j, opts, stats, err);
        job_release(j);
        hs__pool_done(p);
        /* after --full, a file indexed before and gone now is removed */
        if (is_gone && old->n &&
            bsearch(&r->files[i].abspath, old->v, old->n, sizeof(char *),
                    cmp_str))
            stats->removed++;
        /* after --full, a file that was indexed before counts as updated */
        if (stats->added > added && old->n &&
            bsearch(&r->files[i].abspath, old->v, old->n, sizeof(char *),
                    cmp_str)) {
            stats->added--;
            stats->updated++;
        }
        if (opts && opts->progress && (i % 256 == 255 || i + 1 == r->n_files))
            opts->progress(opts->ctx, i + 1, r->n_files);
    }
    hs__pool_free(p, job_release);
    return rc;
}

/* Is `abspath` under a folder named in this run, or a file named in it? */
static int is_covered(const run *r, const char *abspath, const char *root) {
    for (size_t i = 0; i < r->n_roots; i++) {
        size_t n = strlen(r->roots[i]);
        if (!r->root_is_dir[i]) {
            if (!strcmp(abspath, r->roots[i]))
                return 1;
            continue;
        }
        if (!strncmp(abspath, r->roots[i], n) &&
            (abspath[n] == '/' || (n == 1 && r->roots[i][0] == '/')))
            return 1;
    }
    (void)root;
    return 0;
}

/* Remove records of files that are gone from a folder named in this run. */
static int remove_missing(hs_store *s, const run *r, unsigned flags,
                          hs_index_stats *stats, hs_error *err) {
    sqlite3_stmt *st;
    char **seen = hs__xcalloc(r->n_files + 1, sizeof(char *));
    int64_t *gone = NULL;
    size_t n_gone = 0, alloc_gone = 0;
    int rc, step;
    for (size_t i = 0; i < r->n_files; i++)
        seen[i] = r->files[i].abspath;
    hs__qsort(seen, r->n_files, sizeof(char *), cmp_str);
    rc = hs__store_stmt(s, HS__STMT_ALL_FILES, &st, err);
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *abspath = (const char *)sqlite3_column_text(st, 1);
        const char *root = (const char *)sqlite3_column_text(st, 2);
        if (!abspath)
            continue;
        if (bsearch(&abspath, seen, r->n_files, sizeof(char *), cmp_str))
            continue;
        if ((flags & HS_INDEX_FULL) ||
            (is_covered(r, abspath, root) && !is_unread(r, abspath))) {
            HS_ALLOC_GROW(gone, n_gone + 1, alloc_gone);
            gone[n_gone++] = sqlite3_column_int64(st, 0);
        }
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = hs__store_err(s, step, err, "cannot read index");
    if (st)
        sqlite3_reset(st);
    for (size_t i = 0; i < n_gone && rc == 0; i++) {
        rc = hs__store_delete(s, gone[i], err);
        if (rc == 0)
            stats->removed++;
    }
    free(gone);
    free(seen);
    return rc;
}

/*
 * --full: note which files were indexed (sorted, into `old`) and empty the
 * postmortem tables, so the run rebuilds them and ids held by files of
 * other folders cannot block it. Received alerts are kept.
 */
static int forget_all(hs_store *s, hs_strlist *old, hs_error *err) {
    sqlite3_stmt *st;
    int rc = hs__store_stmt(s, HS__STMT_ALL_FILES, &st, err), step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *p = (const char *)sqlite3_column_text(st, 1);
        if (p)
            hs__strlist_push(old, p);
    }
    if (rc == 0) {
        sqlite3_reset(st);
        if (step != SQLITE_DONE)
            return hs__store_err(s, step, err, "cannot read index");
    }
    hs__qsort(old->v, old->n, sizeof(char *), cmp_str);
    hs__store_note_all(s);
    if (rc == 0)
        rc = hs__store_exec(s,
                            "DELETE FROM fts; DELETE FROM action_items; "
                            "DELETE FROM labels; DELETE FROM postmortems;",
                            err);
    return rc;
}

static void clock_now(hs__index_clock *c) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    c->wall = (double)t.tv_sec + (double)t.tv_nsec / 1e9;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    c->cpu = (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void hs__index_step_start(hs__index_clock *since) {
    clock_now(since);
}

void hs__index_step_end(hs_index_stats *stats, int step,
                        hs__index_clock *since) {
    hs__index_clock now;
    clock_now(&now);
    if (step >= 0 && step < HS_INDEX_STEPS) {
        stats->steps[step].wall += now.wall - since->wall;
        stats->steps[step].cpu += now.cpu - since->cpu;
    }
    *since = now;
}

int hs_index_run(hs_store *s, const char *const *paths, size_t n_paths,
                 const hs_index_opts *opts, hs_index_stats *stats,
                 hs_error *err) {
    return hs__index_run_with(s, paths, n_paths, opts, NULL, NULL, stats, err);
}

int hs__index_run_with(hs_store *s, const char *const *paths, size_t n_paths,
                       const hs_index_opts *opts, hs__index_hook_fn *written,
                       void *ctx, hs_index_stats *stats, hs_error *err) {
    run r = {0};
    hs_strlist old = {0};
    unsigned flags = opts ? opts->flags : 0;
    hs__index_clock clk;
    int rc;
    memset(stats, 0, sizeof(*stats));
    hs__index_step_start(&clk);
    if (s->is_readonly)
        return hs__seterr(err, HS_EREADONLY, "index opened read-only");
    if (n_paths == 0)
        return hs__seterr(err, HS_EINVAL, "no folder or file to index");
    rc = collect(&r, paths, n_paths, err);
    if (rc == 0)
        rc = load_configs(&r, opts ? opts->config_path : NULL, err);
    /* a large run touches many b-tree pages: let up to 64 MiB of them stay
     * in memory instead of SQLite's default 2 MiB */
    if (rc == 0)
        rc = hs__store_exec(s, "PRAGMA cache_size = -65536", err);
    if (rc == 0)
        rc = hs__store_exec(s, "BEGIN IMMEDIATE", err);
    if (rc == 0)
        rc = hs__store_bulk_setup(s, err);
    if (rc == 0 && (flags & HS_INDEX_FULL))
        rc = forget_all(s, &old, err);
    if (rc != 0) {
        run_release(&r);
        hs_strlist_release(&old);
        return rc;
    }
    for (size_t i = 0; i + 1 < r.skipped.n; i += 2)
        report(opts, r.skipped.v[i], 0, r.skipped.v[i + 1], 1);
    rc = index_files(s, &r, flags, &old, opts, stats, err);
    if (rc == 0 && (flags & HS_INDEX_FULL)) {
        for (size_t i = 0; i < old.n; i++) {
            file_ref key;
            key.abspath = old.v[i];
            if (!bsearch(&key, r.files, r.n_files, sizeof(file_ref),
                         cmp_abspath))
                stats->removed++;
        }
    } else if (rc == 0) {
        rc = remove_missing(s, &r, flags, stats, err);
    }
    hs_strlist_release(&old);
    hs__index_step_end(stats, HS_INDEX_STEP_READ, &clk);
    if (rc == 0 && written)
        rc = written(ctx, s, stats, err);
    hs__index_step_end(stats, HS_INDEX_STEP_RELATED, &clk);
    if (rc == 0)
        rc = hs__store_refresh_stats(
            s, stats->added + stats->updated + stats->removed,
            stats->added + stats->updated + stats->unchanged, err);
    hs__index_step_end(stats, HS_INDEX_STEP_MERGE, &clk);
    if (rc == 0)
        rc = hs__store_exec(s, "COMMIT", err);
    if (rc == 0)
        hs__store_flush_start(s);
    else
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    hs__index_step_end(stats, HS_INDEX_STEP_COMMIT, &clk);
    run_release(&r);
    return rc;
}

size_t hs__index_md_suffix(const char *name) {
    return md_suffix_len(name);
}

/*
 * One seek of the abspath index per root rather than a scan of every row
 * (rows carry whole records: a scan is 0.5 s at 100k postmortems, and
 * similar asks for the roots on every call, for their house styles). The
 * files under a root sort together, so the next root is that of the first
 * path after "ROOT/\xff" (no UTF-8 path has the byte 0xff). A root that is
 * not a prefix of its file's path (never written so) is stepped past one
 * path at a time.
 */
int hs__index_roots(hs_store *s, hs_strlist *out, hs_error *err) {
    sqlite3_stmt *st = NULL;
    hs__buf after = HS_BUF_INIT;
    hs_strlist found = {0};
    int step;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT abspath, root FROM postmortems WHERE "
                                "abspath > ?1 ORDER BY abspath LIMIT 1",
                                -1, &st, NULL);
    if (rc != SQLITE_OK)
        return hs__store_err(s, rc, err, "cannot read the indexed folders");
    hs__buf_puts(&after, "");
    for (;;) {
        const char *path, *root;
        size_t n;
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, after.data, (int)after.len, SQLITE_STATIC);
        if ((step = sqlite3_step(st)) != SQLITE_ROW)
            break;
        path = (const char *)sqlite3_column_text(st, 0);
        root = (const char *)sqlite3_column_text(st, 1);
        if (!path)
            path = "";
        n = root ? strlen(root) : 0;
        if (root)
            hs__strlist_push(&found, root);
        hs__buf_reset(&after);
        if (n && !strncmp(path, root, n) && (!path[n] || path[n] == '/')) {
            hs__buf_puts(&after, root);
            hs__buf_puts(&after, "/\xff");
        } else {
            hs__buf_puts(&after, path);
        }
    }
    sqlite3_finalize(st);
    hs__buf_release(&after);
    if (step != SQLITE_DONE) {
        hs_strlist_release(&found);
        return hs__store_err(s, step, err, "cannot read the indexed folders");
    }
    hs__qsort(found.v, found.n, sizeof(char *), cmp_str);
    for (size_t i = 0; i < found.n; i++)
        if (!i || strcmp(found.v[i], found.v[i - 1]))
            hs__strlist_push(out, found.v[i]);
    hs_strlist_release(&found);
    return 0;
}

int hs_postmortem_load(const char *path, const char *id, hs_postmortem **out,
                       hs_error *err) {
    return hs_postmortem_load_with(path, id, NULL, out, err);
}

int hs_postmortem_load_with(const char *path, const char *id,
                            const hs_config *cfg, hs_postmortem **out,
                            hs_error *err) {
    hs__buf data = HS_BUF_INIT;
    int rc;
    *out = NULL;
    if (access(path, F_OK) != 0)
        return hs__seterr(err, HS_ENOTFOUND, "cannot read '%s': %s", path,
                          strerror(errno));
    rc = hs__read_file(path, &data, err);
    if (rc == 0)
        rc = hs_postmortem_parse_with(data.data, data.len, id, path, cfg, out,
                                      err);
    hs__buf_release(&data);
    return rc;
}

int hs_config_load(const char *path, hs_config **out, hs_error *err) {
    hs__buf data = HS_BUF_INIT;
    int rc;
    *out = NULL;
    rc = hs__read_file(path, &data, err);
    if (rc == 0)
        rc = hs_config_parse(data.data, data.len, path, out, err);
    hs__buf_release(&data);
    return rc;
}

int hs_markdown_files(const char *const *paths, size_t n_paths, hs_strlist *out,
                      hs_strlist *skipped, hs_error *err) {
    run r = {0};
    int rc = collect(&r, paths, n_paths, err);
    for (size_t i = 0; rc == 0 && i < r.n_files; i++)
        hs__strlist_push(out, r.files[i].path);
    for (size_t i = 0; rc == 0 && skipped && i < r.skipped.n; i++)
        hs__strlist_push(skipped, r.skipped.v[i]);
    run_release(&r);
    return rc;
}
