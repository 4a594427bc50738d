/*
 * Writing the static site: a file is written only when its bytes change,
 * and pages of postmortems, tags and services that are gone are deleted.
 * No rendering here.
 */
#include "base/error.h"
#include "web/site.h"
#include "base/util.h"

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

/* Does the file at `path` hold exactly these bytes? Compared in chunks,
 * so a large index page costs no second copy in memory. -1: no file. */
static int same_content(const char *path, const char *data, size_t len) {
    char chunk[65536];
    struct stat sb;
    size_t off = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC), is_same;
    if (fd < 0)
        return errno == ENOENT ? -1 : 0;
    is_same = fstat(fd, &sb) == 0 && (uint64_t)sb.st_size == len;
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
    hs__buf_printf(&path, "%s/%s", out_dir, rel);
    stats->pages++;
    same = same_content(path.data, data, len);
    if (same == 1) {
        stats->unchanged++;
        goto out;
    }
    if (same < 0) {
        name = path.data;
        fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno == ENOENT && (rc = make_dirs(name, err)) == 0)
            fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    } else {
        hs__buf_printf(&tmp, "%s.tmp%ld", path.data, (long)getpid());
        name = tmp.data;
        fd = open(name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    }
    if (rc)
        goto out;
    if (fd < 0) {
        rc = hs__seterr(err, HS_EIO, "cannot write '%s': %s", name,
                        strerror(errno));
        goto out;
    }
    rc = write_all(fd, data, len, name, err);
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

/*
 * Remove the .html pages under out_dir/dir that this build did not write
 * (postmortems, tags or services that are gone). `keep` is sorted.
 */
void hs__site_remove_stale(const char *out_dir, const char *dir,
                           const hs_strlist *keep, hs_site_stats *stats) {
    hs__buf p = HS_BUF_INIT;
    DIR *d;
    struct dirent *e;
    hs__buf_printf(&p, "%s/%s", out_dir, dir);
    d = opendir(p.data);
    while (d && (e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        hs__buf rel = HS_BUF_INIT;
        const char *key;
        if (n < 6 || strcmp(e->d_name + n - 5, ".html"))
            continue;
        hs__buf_printf(&rel, "%s/%s", dir, e->d_name);
        key = rel.data;
        if (!bsearch(&key, keep->v, keep->n, sizeof(char *), cmp_str)) {
            hs__buf full = HS_BUF_INIT;
            hs__buf_printf(&full, "%s/%s", out_dir, rel.data);
            if (unlink(full.data) == 0)
                stats->removed++;
            hs__buf_release(&full);
        }
        hs__buf_release(&rel);
    }
    if (d)
        closedir(d);
    hs__buf_release(&p);
}
