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

/*
 * Does the file at `path` hold exactly these bytes? Compared in chunks,
 * so a large index page costs no second copy in memory. -1: no file. Not
 * a regular file (a FIFO planted at a page's name, where open() without
 * O_NONBLOCK waited for a writer for ever) is never the same, and is
 * replaced by the rename.
 */
static int same_content(const char *path, const char *data, size_t len) {
    char chunk[65536];
    struct stat sb;
    size_t off = 0;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC), is_same;
    if (fd < 0)
        return errno == ENOENT ? -1 : 0;
    is_same = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) &&
              (uint64_t)sb.st_size == len;
    while (is_same && off < len) {
        ssize_t n = read(fd, chunk, sizeof(chunk));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0 || (size_t)n > len - off ||
            memcmp(chunk, data + off, (size_t)n))
            is_same = 0;
        else
            off += (size_t)n;
    }
    close(fd);
    return is_same;
}

static int write_all(int fd, const char *data, size_t len, const char *name,
                     hs_error *err) {
    int rc = 0;
    for (size_t off = 0; off < len;) {
        ssize_t n = write(fd, data + off, len - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            rc = hs__seterr(err, errno == ENOSPC ? HS_EFULL : HS_EIO,
                            "cannot write '%s': %s", name, strerror(errno));
            break;
        }
        off += (size_t)n;
    }
    if (close(fd) != 0 && rc == 0)
        rc = hs__seterr(err, HS_EIO, "cannot write '%s': %s", name,
                        strerror(errno));
    return rc;
}

/*
 * Write `data` to out_dir/rel unless the file already holds those bytes.
 * A changed file is replaced whole (written to a temporary name, then
 * renamed), so a server never sees half a page; a new file is created in
 * place (nobody links to it yet; a crash leaves a partial file, which the
 * next run sees differ and replaces), which halves the directory work of
 * a fresh build. Folders are created when the first file needs them.
 */
int hs__site_put_file(const char *out_dir, const char *rel, const char *data,
                      size_t len, hs_site_stats *stats, hs_error *err) {
    hs__buf path = HS_BUF_INIT, tmp = HS_BUF_INIT;
    int rc = 0, fd, same;
    const char *name;
    stats->pages++;
    switch (bad_folder(out_dir, rel, &path)) {
    case 1:
        rc = hs__seterr(err, HS_EIO,
                        "'%s' is a symbolic link: 'hindsight site' writes "
                        "only into folders of its own",
                        path.data);
        goto out;
    case 2:
        rc = hs__seterr(err, HS_EIO,
                        "'%s' is not a folder: 'hindsight site' needs it for "
                        "its pages",
                        path.data);
        goto out;
    }
    hs__buf_reset(&path);
    hs__buf_printf(&path, "%s/%s", out_dir, rel);
    same = same_content(path.data, data, len);
    if (same == 1) {
        stats->unchanged++;
        goto out;
    }
    fd = -1;
    if (same < 0) {
        name = path.data;
        fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno == ENOENT && (rc = make_dirs(name, err)) == 0)
            fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        /* a dangling symbolic link ("File exists" before): replaced below,
         * as a link to a file is, never written through */
        if (fd < 0 && errno == EEXIST)
            same = 0;
    }
    if (rc == 0 && same == 0) {
        /*
         * Created, never opened: the name is guessable (the pid), and a
         * link planted there had a run write the page wherever it pointed
         * and rename the link over the page. Whatever is there goes first.
         */
        hs__buf_printf(&tmp, "%s.tmp%ld", path.data, (long)getpid());
        name = tmp.data;
        fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno == EEXIST && unlink(name) == 0)
            fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    }
    if (rc)
        goto out;
    if (fd < 0) { /* the page's name, not the temporary one */
        rc = hs__seterr(err, HS_EIO, "cannot write '%s': %s", path.data,
                        strerror(errno));
        goto out;
    }
    rc = write_all(fd, data, len, path.data, err);
    if (rc == 0 && name == tmp.data && rename(tmp.data, path.data) != 0)
        rc = hs__seterr(err, HS_EIO, "cannot write '%s': %s", path.data,
                        strerror(errno));
    if (rc)
        unlink(name);
    else
        stats->written++;
out:
    hs__buf_release(&path);
    hs__buf_release(&tmp);
    return rc;
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
