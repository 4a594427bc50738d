/*
 * What every command shares: error and usage messages, the exit status for
 * a library error, --limit, opening the index, writing the output, the
 * severity column. Called by the commands, never calling them.
 */
#include "app/cli.h"
#include "base/buf.h"
#include "base/text.h"
#include "base/util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* Format into vis with control characters made visible (messages and
 * lists quote ids, titles and file names, which are the user's bytes). */
static void visible_vprintf(hs__buf *vis, const char *fmt, va_list ap) {
    hs__buf raw = HS_BUF_INIT;
    hs__buf_vprintf(&raw, fmt, ap);
    hs__buf_put_visible(vis, raw.data, raw.len);
    hs__buf_release(&raw);
}

int hs__die(const char *fmt, ...) {
    hs__buf vis = HS_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    visible_vprintf(&vis, fmt, ap);
    va_end(ap);
    fprintf(stderr, "hindsight: %s\n", vis.data ? vis.data : "");
    hs__buf_release(&vis);
    return HS_EXIT_FAIL;
}

int hs__usage_error(const char *cmd, const char *fmt, ...) {
    hs__buf vis = HS_BUF_INIT;
    va_list ap;
    /* the message quotes the argument: its control bytes are shown, as
     * hs__die's are, not sent to the terminal (ESC ] retitled it) */
    va_start(ap, fmt);
    visible_vprintf(&vis, fmt, ap);
    va_end(ap);
    fprintf(stderr, "hindsight%s%s: %s", cmd ? " " : "", cmd ? cmd : "",
            vis.data ? vis.data : "");
    hs__buf_release(&vis);
    fprintf(stderr, "\nTry 'hindsight %s%s--help' for more information.\n",
            cmd ? cmd : "", cmd ? " " : "");
    return HS_EXIT_USAGE;
}

void hs__tprintf(const char *fmt, ...) {
    hs__buf vis = HS_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    visible_vprintf(&vis, fmt, ap);
    va_end(ap);
    fwrite(vis.data, 1, vis.len, stdout);
    hs__buf_release(&vis);
}

void hs__print_snippet(const hs__cli *cli, const char *indent,
                       const char *html) {
    static const struct {
        const char *from, *to;
    } ents[] = {{"&lt;", "<"},
                {"&gt;", ">"},
                {"&amp;", "&"},
                {"&quot;", "\""},
                {"&#39;", "'"}};
    hs__buf text = HS_BUF_INIT, out = HS_BUF_INIT;
    const char *p = html;
    hs__buf_puts(&out, indent);
    while (*p) {
        size_t n = strcspn(p, "<&"), k;
        hs__buf_put(&text, p, n);
        p += n;
        if (!*p)
            break;
        if (!strncmp(p, "<mark>", 6) || !strncmp(p, "</mark>", 7)) {
            int is_open = p[1] == 'm';
            hs__buf_put_visible(&out, text.data, text.len);
            hs__buf_reset(&text);
            hs__buf_puts(&out, cli->is_color ? (is_open ? "\033[1m" : "\033[0m")
                                             : (is_open ? "[" : "]"));
            p += is_open ? 6 : 7;
            continue;
        }
        for (k = 0; k < HS_ARRAY_LEN(ents); k++)
            if (!strncmp(p, ents[k].from, strlen(ents[k].from)))
                break;
        if (k < HS_ARRAY_LEN(ents)) {
            hs__buf_puts(&text, ents[k].to);
            p += strlen(ents[k].from);
        } else {
            hs__buf_putc(&text, *p++);
        }
    }
    hs__buf_put_visible(&out, text.data, text.len);
    hs__buf_putc(&out, '\n');
    fwrite(out.data, 1, out.len, stdout);
    hs__buf_release(&text);
    hs__buf_release(&out);
}

void hs__print_json(char *json) {
    fputs(json, stdout);
    putchar('\n');
    free(json);
}

int hs__exit_for(int code) {
    return code == HS_EQUERY || code == HS_EINVAL ? HS_EXIT_USAGE
                                                  : HS_EXIT_FAIL;
}

int hs__fail(const hs_error *err) {
    hs__die("%s", err->msg[0] ? err->msg : hs_strerror(err->code));
    return hs__exit_for(err->code);
}

int hs__options_end(const char *arg, int *is_end) {
    if (*is_end || strcmp(arg, "--"))
        return 0;
    *is_end = 1;
    return 1;
}

int hs__check_date_opt(const char *cmd, const char *opt, const char *v) {
    char d[HS_DATE_LEN];
    if (strlen(v) == HS_DATE_LEN - 1 && hs_date_parse(v, d) == 0 &&
        !strcmp(d, v))
        return 0;
    return hs__usage_error(cmd,
                           "%s needs a day from %d-01-01 to %d-12-31 as "
                           "YYYY-MM-DD, not '%s'",
                           opt, HS_YEAR_MIN, HS_YEAR_MAX, v);
}

int hs__parse_count(const char *s, int min, int max) {
    char *end;
    long v;
    if (*s < '0' || *s > '9') /* strtol takes " 5" and "+5" */
        return -1;
    errno = 0;
    v = strtol(s, &end, 10);
    if (errno || *end || end == s || v < min || v > max)
        return -1;
    return (int)v;
}

int hs__parse_limit(const char *s) {
    return hs__parse_count(s, 1, HS_LIMIT_MAX);
}

int hs__open_store(hs__cli *cli, unsigned flags, hs_store **out) {
    hs_error err = {0, ""};
    if (hs_store_open(cli->db, flags, out, &err) != 0)
        return hs__fail(&err);
    return 0;
}

int hs__output_failed(int saved) {
    hs__die("cannot write output: %s", saved ? strerror(saved) : "write error");
    clearerr(stdout);
    return HS_EXIT_FAIL;
}

const char *hs__cli_sev_name(int sev) {
    const char *name = hs_severity_name(sev);
    return name ? name : "-   ";
}

/* Does `s` hold a byte that C quoting would escape? */
static int needs_quoting(const char *s) {
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7f || *p == '"' || *p == '\\')
            return 1;
    return 0;
}

const char *hs__cli_name(hs__buf *b, const char *name) {
    static const char esc[] = "abtnvfr"; /* \a .. \r, bytes 7 to 13 */
    if (!needs_quoting(name))
        return name;
    hs__buf_reset(b);
    hs__buf_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if (*p == '"' || *p == '\\')
            hs__buf_printf(b, "\\%c", *p);
        else if (*p >= 7 && *p <= 13)
            hs__buf_printf(b, "\\%c", esc[*p - 7]);
        else if (*p < 0x20 || *p == 0x7f)
            hs__buf_printf(b, "\\%03o", *p);
        else
            hs__buf_putc(b, *p);
    }
    hs__buf_putc(b, '"');
    return b->data;
}

/* The longest first line a secret file may have. */
#define SECRET_MAX_BYTES 4096

char *hs__read_secret_file(const char *path, const char *what) {
    FILE *f = fopen(path, "r");
    char line[SECRET_MAX_BYTES + 2], *t;
    size_t len = 0;
    int c;
    if (!f) {
        hs__die("cannot read %s file '%s': %s", what, path, strerror(errno));
        return NULL;
    }
    /* byte by byte to the first newline, so that a NUL is seen ("abc\0def"
     * was the token "abc") and /dev/zero ends */
    errno = 0;
    while (len <= SECRET_MAX_BYTES && (c = getc(f)) != EOF && c != '\n')
        line[len++] = (char)c;
    if (ferror(f)) {
        int saved = errno;
        fclose(f);
        if (saved == EISDIR)
            hs__die("%s file '%s' is a directory", what, path);
        else
            hs__die("cannot read %s file '%s': %s", what, path,
                    strerror(saved));
        return NULL;
    }
    fclose(f);
    if (len > SECRET_MAX_BYTES) {
        hs__die(
            "%s file '%s': the %s is over " HS_XSTR(SECRET_MAX_BYTES) " bytes",
            what, path, what);
        return NULL;
    }
    if (memchr(line, '\0', len)) {
        hs__die("%s file '%s' has a NUL byte in its first line", what, path);
        return NULL;
    }
    t = hs__strtrim(line, len);
    if (!*t) {
        hs__die("%s file '%s' is empty", what, path);
        free(t);
        return NULL;
    }
    return t;
}
