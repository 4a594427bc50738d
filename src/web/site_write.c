/*
 * Writing the static site: a file is written only when its bytes change,
 * and files an earlier run wrote that this one did not (pages of
 * postmortems, tags and services that are gone) are deleted, as listed in
 * the folder's manifest. No rendering here.
 */
#include "base/error.h"
#include "base/util.h"
#include "model/record.h"
#include "store/index.h"
#include "web/site.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/banned.h"

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* ---------------------------------------------------------------------
 * Writing files
 */

/*
 * Is a folder on the way from out_dir to out_dir/rel a symbolic link (1) or
 * something else than a folder (2)? Pages are written and stale ones deleted
 * through those folders, so a "pm" link planted in a shared output folder
 * would have a run (as root, from cron) write or delete files wherever it
 * points; a file named "pm" was reported as "cannot write
 * 'pm/x.html.tmp123': Not a directory". Returns the path in `b`.
 */
static int bad_folder(const char *out_dir, const char *rel, hs__buf *b) {
    struct stat sb;
    for (const char *p = strchr(rel, '/'); p; p = strchr(p + 1, '/')) {
        hs__buf_reset(b);
        hs__buf_printf(b, "%s/%.*s", out_dir, (int)(p - rel), rel);
        if (lstat(b->data, &sb) != 0)
            return 0; /* not there: created when the file is */
        if (S_ISLNK(sb.st_mode))
            return 1;
        if (!S_ISDIR(sb.st_mode))
            return 2;
    }
    return 0;
}

/* mkdir -p for the folders of `path`. */
static int make_dirs(const char *path, hs_error *err) {
    hs__buf b = HS_BUF_INIT;
    int rc = 0;
    hs__buf_puts(&b, path);
    for (size_t i = 1; i < b.len && rc == 0; i++) {
        if (b.data[i] != '/')
            continue;
        b.data[i] = '\0';
        if (mkdir(b.data, 0777) != 0 && errno != EEXIST)
            rc = hs__seterr(err, HS_EIO, "cannot create folder '%s': %s",
                            b.data, strerror(errno));
        b.data[i] = '/';
    }
    hs__buf_release(&b);
    return rc;
}

static int write_all(int fd, const char *data, size_t len, const char *name,
                     hs_error *err) {
    for (size_t off = 0; off < len;) {
        ssize_t n = write(fd, data + off, len - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return hs__seterr(err, errno == ENOSPC ? HS_EFULL : HS_EIO,
                              "cannot write '%s': %s", name, strerror(errno));
        off += (size_t)n;
    }
    return 0;
}

/* Read up to `len` bytes at `off`; fewer only at the end of the file. */
static ssize_t read_at(int fd, char *buf, size_t len, uint64_t off) {
    size_t got = 0;
    while (got < len) {
        ssize_t n = pread(fd, buf + got, len - got, (off_t)(off + got));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0)
            break;
        got += (size_t)n;
    }
    return (ssize_t)got;
}

/* Bytes a stream gathers before it writes them. */
#define STREAM_CHUNK 65536

/*
 * Stop comparing and start writing: to a temporary name (renamed over the
 * page at the end, so a server never sees half a page), beginning with
 * the `off` bytes that matched, copied from the old file.
 */
static int stream_to_temp(hs__site_stream *w) {
    char chunk[STREAM_CHUNK];
    int fd;
    /*
     * Created, never opened: the name is guessable (the pid), and a link
     * planted there had a run write the page wherever it pointed and
     * rename the link over the page. Whatever is there goes first.
     */
    hs__buf_printf(&w->tmp, "%s.tmp%ld", w->path.data, (long)getpid());
    fd = open(w->tmp.data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && errno == EEXIST && unlink(w->tmp.data) == 0)
        fd = open(w->tmp.data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0) { /* the page's name, not the temporary one */
        hs__buf_reset(&w->tmp);
        return hs__seterr(&w->err, HS_EIO, "cannot write '%s': %s",
                          w->path.data, strerror(errno));
    }
    w->fd = fd;
    w->mode = HS__STREAM_TEMP;
    for (uint64_t at = 0; at < w->off;) {
        size_t want =
            w->off - at < sizeof(chunk) ? (size_t)(w->off - at) : sizeof(chunk);
        ssize_t n = read_at(w->fd_old, chunk, want, at);
        if (n != (ssize_t)want)
            return hs__seterr(&w->err, HS_EIO, "cannot read '%s': %s",
                              w->path.data,
                              n < 0 ? strerror(errno) : "it got shorter");
        if (write_all(w->fd, chunk, want, w->path.data, &w->err))
            return w->err.code;
        at += want;
    }
    return 0;
}

int hs__site_stream_open(hs__site_stream *w, const char *out_dir,
                         const char *rel, uint64_t len, hs_site_stats *stats,
                         hs_error *err) {
    struct stat sb;
    memset(w, 0, sizeof(*w));
    hs__buf_init(&w->path);
    hs__buf_init(&w->tmp);
    hs__buf_init(&w->pending);
    w->fd = w->fd_old = -1;
    w->stats = stats;
    stats->pages++;
    switch (bad_folder(out_dir, rel, &w->path)) {
    case 1:
        w->rc = hs__seterr(&w->err, HS_EIO,
                           "'%s' is a symbolic link: 'hindsight site' writes "
                           "only into folders of its own",
                           w->path.data);
        goto out;
    case 2:
        w->rc = hs__seterr(&w->err, HS_EIO,
                           "'%s' is not a folder: 'hindsight site' needs it "
                           "for its pages",
                           w->path.data);
        goto out;
    }
    hs__buf_reset(&w->path);
    hs__buf_printf(&w->path, "%s/%s", out_dir, rel);
    /*
     * Not a regular file (a FIFO planted at a page's name, where open()
     * without O_NONBLOCK waited for a writer for ever) is never the same,
     * and is replaced by the rename, as is a file of another length.
     */
    w->fd_old = open(w->path.data, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (w->fd_old >= 0) {
        if (fstat(w->fd_old, &sb) == 0 && S_ISREG(sb.st_mode) &&
            (len == HS__STREAM_ANY_LEN || (uint64_t)sb.st_size == len)) {
            w->old_len = (uint64_t)sb.st_size;
            return 0; /* HS__STREAM_SAME */
        }
        close(w->fd_old);
        w->fd_old = -1;
    } else if (errno == ENOENT) {
        /*
         * A new file is created in place (nobody links to it yet; a crash
         * leaves a partial file, which the next run sees differ and
         * replaces), which halves the directory work of a fresh build.
         */
        w->fd =
            open(w->path.data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (w->fd < 0 && errno == ENOENT) {
            if ((w->rc = make_dirs(w->path.data, &w->err)) != 0)
                goto out;
            w->fd = open(w->path.data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
                         0666);
        }
        if (w->fd >= 0) {
            w->mode = HS__STREAM_NEW;
            return 0;
        }
        /* a dangling symbolic link ("File exists" before): replaced below,
         * as a link to a file is, never written through */
        if (errno != EEXIST) {
            w->rc = hs__seterr(&w->err, HS_EIO, "cannot write '%s': %s",
                               w->path.data, strerror(errno));
            goto out;
        }
    }
    w->rc = stream_to_temp(w);
out:
    if (w->rc && err)
        *err = w->err;
    return w->rc;
}

void hs__site_stream_put(hs__site_stream *w, const char *data, size_t len) {
    char chunk[STREAM_CHUNK];
    if (w->rc)
        return;
    if (w->mode != HS__STREAM_SAME) {
        /* small pieces are gathered; a page goes out as it is */
        if (len < STREAM_CHUNK / 16) {
            hs__buf_put(&w->pending, data, len);
            if (w->pending.len < STREAM_CHUNK)
                return;
            data = NULL;
            len = 0;
        }
        if (w->pending.len)
            w->rc = write_all(w->fd, w->pending.data, w->pending.len,
                              w->path.data, &w->err);
        hs__buf_reset(&w->pending);
        if (w->rc == 0 && len)
            w->rc = write_all(w->fd, data, len, w->path.data, &w->err);
        return;
    }
    /* still the old file's bytes? compared a chunk at a time */
    for (size_t at = 0; at < len;) {
        size_t want = len - at < sizeof(chunk) ? len - at : sizeof(chunk);
        ssize_t n = w->off + at + want <= w->old_len
                        ? read_at(w->fd_old, chunk, want, w->off + at)
                        : -1;
        if (n != (ssize_t)want || memcmp(chunk, data + at, want)) {
            w->rc = stream_to_temp(w);
            hs__site_stream_put(w, data, len);
            return;
        }
        at += want;
    }
    w->off += len;
}

int hs__site_stream_close(hs__site_stream *w, hs_error *err) {
    int rc = w->rc;
    if (rc == 0 && w->mode == HS__STREAM_SAME && w->off != w->old_len)
        rc = stream_to_temp(w);
    if (rc == 0 && w->mode != HS__STREAM_SAME)
        rc = write_all(w->fd, w->pending.data, w->pending.len, w->path.data,
                       &w->err);
    if (w->fd >= 0 && close(w->fd) != 0 && rc == 0)
        rc = hs__seterr(&w->err, HS_EIO, "cannot write '%s': %s", w->path.data,
                        strerror(errno));
    if (rc == 0 && w->mode == HS__STREAM_TEMP &&
        rename(w->tmp.data, w->path.data) != 0)
        rc = hs__seterr(&w->err, HS_EIO, "cannot write '%s': %s", w->path.data,
                        strerror(errno));
    if (rc && w->mode == HS__STREAM_TEMP && w->tmp.len)
        unlink(w->tmp.data);
    else if (rc && w->mode == HS__STREAM_NEW)
        unlink(w->path.data);
    else if (rc == 0 && w->mode == HS__STREAM_SAME)
        w->stats->unchanged++;
    else if (rc == 0)
        w->stats->written++;
    if (w->fd_old >= 0)
        close(w->fd_old);
    if (rc && err)
        *err = w->err;
    hs__buf_release(&w->path);
    hs__buf_release(&w->tmp);
    hs__buf_release(&w->pending);
    return rc;
}

/*
 * Write `data` to out_dir/rel unless the file already holds those bytes
 * (a stream of one piece: the same rules, one definition of them).
 */
int hs__site_put_file(const char *out_dir, const char *rel, const char *data,
                      size_t len, hs_site_stats *stats, hs_error *err) {
    hs__site_stream w;
    if (hs__site_stream_open(&w, out_dir, rel, len, stats, err) == 0)
        hs__site_stream_put(&w, data, len);
    return hs__site_stream_close(&w, err);
}

int hs__site_put_buf(const char *out_dir, const char *rel, hs__buf *b,
                     hs_site_stats *stats, hs_error *err) {
    int rc = hs__site_put_file(out_dir, rel, b->data, b->len, stats, err);
    hs__buf_reset(b);
    return rc;
}

/* ---------------------------------------------------------------------
 * The manifest: out_dir/.hindsight-site lists every file a site run wrote,
 * so that a later run removes only files of its own, never a page it did
 * not write, and knows a folder it may write into.
 */

#define MANIFEST ".hindsight-site"

/* May an entry of the manifest be deleted: relative, no ".." part? */
static int is_safe_rel(const char *rel) {
    const char *p = rel;
    if (!*rel || *rel == '/')
        return 0;
    while (*p) {
        size_t n = strcspn(p, "/");
        if ((n == 2 && p[0] == '.' && p[1] == '.') || n == 0)
            return 0;
        p += n;
        if (*p)
            p++;
    }
    return 1;
}

/* Is out_dir missing or empty? 1 or 0, or -1 with errno when it cannot
 * be read (an unreadable folder was "not empty"). */
static int is_empty_dir(const char *out_dir) {
    DIR *d = opendir(out_dir);
    struct dirent *e;
    int is_empty = 1;
    if (!d)
        return errno == ENOENT ? 1 : -1;
    while (is_empty && (e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            is_empty = 0;
    closedir(d);
    return is_empty;
}

int hs__site_manifest_read(const char *out_dir, int is_force, hs_strlist *old,
                           hs_error *err) {
    hs__buf path = HS_BUF_INIT, data = HS_BUF_INIT;
    struct stat st;
    int rc = 0, is_empty;
    /* a file, /dev/null or a FIFO was "not empty", or with --force failed
     * on its first page; a link in a loop was "not empty" too, and a link
     * to nothing failed on 'DIR/web' */
    if (stat(out_dir, &st) == 0) {
        if (!S_ISDIR(st.st_mode))
            return hs__seterr(err, HS_EINVAL, "'%s' is not a folder", out_dir);
    } else if (errno == ELOOP) {
        return hs__seterr(err, HS_EINVAL,
                          "'%s' leads through symbolic links in a loop; give "
                          "another folder",
                          out_dir);
    } else if (errno == ENOENT && lstat(out_dir, &st) == 0) {
        return hs__seterr(err, HS_EINVAL,
                          "'%s' is a symbolic link to a folder that does not "
                          "exist; create it or give another folder",
                          out_dir);
    } else if (errno != ENOENT) {
        /* 'FILE/x' (not a folder on the way), a folder we may not search */
        return hs__seterr(err, HS_EIO, "cannot use folder '%s': %s", out_dir,
                          strerror(errno));
    }
    hs__buf_printf(&path, "%s/" MANIFEST, out_dir);
    if (hs__read_file(path.data, &data, NULL) == 0) {
        hs__strlist_split(old, data.data, "\n");
        hs__qsort(old->v, old->n, sizeof(char *), cmp_str);
    } else if (!is_force && (is_empty = is_empty_dir(out_dir)) < 0) {
        rc = hs__seterr(err, HS_EIO, "cannot read folder '%s': %s", out_dir,
                        strerror(errno));
    } else if (!is_force && !is_empty) {
        rc = hs__seterr(err, HS_EFORMAT,
                        "'%s' is not empty and was not written by 'hindsight "
                        "site'; give an empty or new folder, or --force to "
                        "write into it anyway",
                        out_dir);
    }
    hs__buf_release(&path);
    hs__buf_release(&data);
    return rc;
}

int hs__site_manifest_write(const char *out_dir, const hs_strlist *old,
                            const hs_strlist *kept, hs_site_stats *stats,
                            hs_error *err) {
    hs__buf b = HS_BUF_INIT;
    hs_site_stats ignored = {0};
    int rc;
    for (size_t i = 0; i < old->n; i++) {
        const char *key = old->v[i];
        if (!is_safe_rel(key) ||
            bsearch(&key, kept->v, kept->n, sizeof(char *), cmp_str) ||
            bad_folder(out_dir, key, &b))
            continue;
        hs__buf_reset(&b);
        hs__buf_printf(&b, "%s/%s", out_dir, key);
        if (unlink(b.data) == 0)
            stats->removed++;
    }
    hs__buf_reset(&b);
    for (size_t i = 0; i < kept->n; i++)
        hs__buf_printf(&b, "%s\n", kept->v[i]);
    rc = hs__site_put_file(out_dir, MANIFEST, b.data, b.len, &ignored, err);
    hs__buf_release(&b);
    return rc;
}
