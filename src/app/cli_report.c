/*
 * The report command: overdue or weekly, in Markdown, HTML, JSON or CSV,
 * to stdout or --out FILE. Cron-friendly: quiet on success, exit 1 on
 * failure.
 */
#include "app/cli.h"
#include "base/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/*
 * Stream the report to stdout or --out FILE (as hs__emit would write the
 * rendered string, with its messages): at 100k postmortems it is 40-90 MB,
 * which need not be held in memory.
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
        return hs__die("cannot write output: %s", strerror(saved));
    return HS_EXIT_OK;
}

int hs__cmd_report(hs__cli *cli, int argc, char **argv) {
    hs_report_opts opts = {0};
    hs_report_format fmt = cli->is_json ? HS_FORMAT_JSON : HS_FORMAT_MD;
    const char *out_path = NULL, *kind = NULL;
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
                   !strcmp(a, "--format") || !strcmp(a, "--out")) {
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
                out_path = v;
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
    if ((rc = hs__open_store(cli, HS_STORE_READONLY, &s)) != 0)
        return rc;
    rc = hs_report_build(s, &opts, &r, &err);
    hs_store_close(s);
    if (rc)
        return hs__fail(&err);
    rc = write_report(r, fmt, out_path);
    hs_report_free(r);
    return rc;
}
