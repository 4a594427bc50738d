/*
 * The report command: overdue or weekly, in Markdown, HTML, JSON or CSV,
 * to stdout or --out FILE, or delivered to a chat webhook (--post) or by
 * mail (--mail). Cron-friendly: quiet on success, exit 1 on failure.
 */
#include "app/cli.h"
#include "app/deliver.h"
#include "base/buf.h"
#include "base/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/banned.h"

/*
 * Is `out` the file `db` (by any path to it: a symbolic link, ./h.db)? The
 * report written there replaced the index it was read from.
 */
static int is_the_index(const char *out, const char *db) {
    struct stat o, d;
    return stat(out, &o) == 0 && stat(db, &d) == 0 && o.st_dev == d.st_dev &&
           o.st_ino == d.st_ino;
}

/*
 * Stream the report to stdout or --out FILE rather than render it into one
 * string: at 100k postmortems it is 40-90 MB, which need not be held in
 * memory.
 */
static int write_report(const hs_report *r, hs_report_format fmt,
                        const char *out_path) {
    int is_file = out_path && strcmp(out_path, "-");
    FILE *f = is_file ? fopen(out_path, "w") : stdout;
    int rc, saved;
    if (!f)
        return hs__die("cannot write '%s': %s", out_path, strerror(errno));
    rc = hs_report_write(r, fmt, f, NULL);
    saved = errno; /* why the write failed; fclose may change errno */
    if (is_file ? fclose(f) != 0 : fflush(stdout) != 0) {
        if (rc == 0)
            saved = errno;
        rc = HS_EIO;
    }
    if (rc != 0 && is_file)
        return hs__die("cannot write '%s': %s", out_path, strerror(saved));
    if (rc != 0)
        return hs__output_failed(saved);
    return HS_EXIT_OK;
}

/*
 * The webhook URL of --post: as given, or the first line of FILE for
 * @FILE, which keeps the secret out of `ps` and out of unit files (systemd
 * credentials). OUT: `url` holds it. Returns an exit code.
 */
static int read_post_url(const char *arg, hs__buf *url) {
    char *t;
    if (arg[0] != '@') {
        hs__buf_puts(url, arg);
        return HS_EXIT_OK;
    }
    if (!(t = hs__read_secret_file(arg + 1, "webhook URL")))
        return HS_EXIT_FAIL;
    hs__buf_puts(url, t);
    free(t);
    return HS_EXIT_OK;
}

/* The report's title, its first Markdown line without the '#'. */
static char *report_subject(const char *md) {
    while (*md == '#' || *md == ' ')
        md++;
    return hs__xstrndup(md, strcspn(md, "\n"));
}

/*
 * Send the report to --post and --mail: Markdown to the chat, Markdown and
 * the HTML page as the two alternatives of the mail. Returns an exit code;
 * the URL appears in no message.
 */
static int deliver(const hs_report *r, const char *post, const char *mail,
                   long timeout_s) {
    char *md = hs_report_render(r, HS_FORMAT_MD);
    const char *kind = r->is_weekly ? "weekly" : "overdue";
    hs_error err = {0, ""};
    int rc = HS_EXIT_OK;
    if (post) {
        hs__post_opts o = {timeout_s, 0, 0};
        hs__buf url = HS_BUF_INIT;
        size_t n_sent = 0;
        rc = read_post_url(post, &url);
        if (rc == HS_EXIT_OK &&
            hs__deliver_post(url.data, md, &o, &n_sent, &err) != 0)
            rc = err.code == HS_EINVAL /* not a webhook URL: a bad value */
                     ? hs__usage_error("report", "%s", err.msg)
                     : hs__die("cannot post the %s report: %s", kind, err.msg);
        hs__buf_release(&url);
    }
    if (mail && rc == HS_EXIT_OK) {
        char *html = hs_report_render(r, HS_FORMAT_HTML);
        char *subject = report_subject(md);
        if (hs__deliver_mail(mail, subject, md, html, &err) != 0)
            rc = err.code == HS_EINVAL /* a bad address: a bad value */
                     ? hs__usage_error("report", "%s", err.msg)
                     : hs__die("cannot mail the %s report: %s", kind, err.msg);
        free(subject);
        free(html);
    }
    free(md);
    return rc;
}

int hs__cmd_report(hs__cli *cli, int argc, char **argv) {
    hs_report_opts opts = {0};
    hs_report_format fmt = cli->is_json ? HS_FORMAT_JSON : HS_FORMAT_MD;
    const char *out_path = NULL, *kind = NULL, *post = NULL, *mail = NULL;
    long timeout_s = 0;
    hs_report *r = NULL;
    hs_error err = {0, ""};
    hs_store *s;
    int rc, is_end = 0;

    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (hs__options_end(a, &is_end))
            continue;
        if (is_end) {
            if (kind)
                return hs__usage_error("report", "unexpected argument '%s'", a);
            kind = a;
        } else if (!strcmp(a, "--as-of") || !strcmp(a, "--owner") ||
                   !strcmp(a, "--format") || !strcmp(a, "--out") ||
                   !strcmp(a, "--post") || !strcmp(a, "--mail") ||
                   !strcmp(a, "--timeout")) {
            if (!v)
                return hs__usage_error("report", "%s needs a value", a);
            i++;
            if (!strcmp(a, "--as-of")) {
                if ((rc = hs__check_date_opt("report", a, v)) != 0)
                    return rc;
                opts.as_of = v;
            } else if (!strcmp(a, "--owner")) {
                /* an empty owner would match no item, silently */
                if (!*v)
                    return hs__usage_error("report", "--owner needs a name");
                opts.owner = v;
            } else if (!strcmp(a, "--out")) {
                if (!*v)
                    return hs__usage_error("report",
                                           "--out needs a file name (or -)");
                out_path = v;
            } else if (!strcmp(a, "--post")) {
                post = v;
            } else if (!strcmp(a, "--mail")) {
                mail = v;
            } else if (!strcmp(a, "--timeout")) {
                timeout_s = hs__parse_limit(v);
                if (timeout_s < 1)
                    return hs__usage_error(
                        "report", "--timeout needs seconds from 1 to 1000");
            } else if (!strcmp(v, "md") || !strcmp(v, "markdown")) {
                fmt = HS_FORMAT_MD;
            } else if (!strcmp(v, "html")) {
                fmt = HS_FORMAT_HTML;
            } else if (!strcmp(v, "json")) {
                fmt = HS_FORMAT_JSON;
            } else if (!strcmp(v, "csv")) {
                fmt = HS_FORMAT_CSV;
            } else {
                return hs__usage_error("report",
                                       "unknown format '%s' (md, html, json, "
                                       "csv)",
                                       v);
            }
        } else if (a[0] == '-') {
            return hs__usage_error("report", "unknown option '%s'", a);
        } else if (!kind) {
            kind = a;
        } else {
            return hs__usage_error("report", "unexpected argument '%s'", a);
        }
    }
    if (cli->is_json && fmt != HS_FORMAT_JSON)
        return hs__usage_error("report", "--json asks for JSON but --format "
                                         "asks for another format");
    if (!kind)
        return hs__usage_error("report", "which report? overdue or weekly");
    if (strcmp(kind, "overdue") && strcmp(kind, "weekly"))
        return hs__usage_error("report",
                               "unknown report '%s' (overdue or weekly)", kind);
    opts.is_weekly = !strcmp(kind, "weekly");
    if (out_path && strcmp(out_path, "-") && is_the_index(out_path, cli->db))
        return hs__usage_error("report",
                               "--out '%s' is the index (--db): give another "
                               "file",
                               out_path);
    if ((rc = hs__open_store(cli, HS_STORE_READONLY, &s)) != 0)
        return rc;
    rc = hs_report_build(s, &opts, &r, &err);
    hs_store_close(s);
    if (rc)
        return hs__fail(&err);
    /* delivered, it goes to stdout only when --out - asks for it */
    if (!(post || mail) || out_path)
        rc = write_report(r, fmt, out_path);
    if (rc == HS_EXIT_OK && (post || mail))
        rc = deliver(r, post, mail, timeout_s);
    hs_report_free(r);
    return rc;
}
