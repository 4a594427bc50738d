/*
 * The index, search, show and check commands: argument parsing, the
 * library call, and output for people (or --json for programs). Output for
 * people goes to stdout, problems to stderr.
 */
#include "app/cli.h"
#include "base/buf.h"
#include "base/text.h"
#include "base/util.h"
#include "model/record.h"

#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/banned.h"

/* (cli.h) */
int hs__cli_house_style(const hs__cli *cli, const char *path, hs_config **out,
                        hs_error *err) {
    struct stat st;
    hs__buf p = HS_BUF_INIT;
    int rc = 0;
    *out = NULL;
    if (cli->config)
        return hs_config_load(cli->config, out, err);
    if (stat(path, &st) != 0)
        return 0; /* the caller reports a missing path */
    if (S_ISDIR(st.st_mode)) {
        hs__buf_printf(&p, "%s/hindsight.yml", path);
    } else {
        const char *slash = strrchr(path, '/');
        if (slash)
            hs__buf_printf(&p, "%.*s/hindsight.yml", (int)(slash - path), path);
        else
            hs__buf_puts(&p, "hindsight.yml");
    }
    if (access(p.data, F_OK) == 0)
        rc = hs_config_load(p.data, out, err);
    hs__buf_release(&p);
    return rc;
}

/* ---------------------------------------------------------------------
 * index
 */

typedef struct index_ctx {
    int is_progress;
    int has_progress_line;
} index_ctx;

/* --jobs N, --jobs=N or -j N at argv[*i]: 1 if it was one (moving *i past
 * its value), 0 if not, or -1 after a usage error. */
static int jobs_option(int argc, char **argv, int *i, unsigned *jobs) {
    const char *a = argv[*i], *v;
    int n;
    if (!strcmp(a, "--jobs") || !strcmp(a, "-j"))
        v = *i + 1 < argc ? argv[++*i] : NULL;
    else if (!strncmp(a, "--jobs=", 7))
        v = a + 7;
    else
        return 0;
    n = v ? hs__parse_limit(v) : -1;
    if (n < 1 || n > HS_INDEX_JOBS_MAX) {
        hs__usage_error("index",
                        "--jobs needs a number of threads from 1 to " HS_XSTR(
                            HS_INDEX_JOBS_MAX));
        return -1;
    }
    *jobs = (unsigned)n;
    return 1;
}

static void on_report(void *ctx, const char *path, int line, const char *msg,
                      int is_failure) {
    index_ctx *c = ctx;
    if (c->has_progress_line) {
        fputs("\r\033[K", stderr);
        c->has_progress_line = 0;
    }
    /* through hs__die's formatting: the file name and the message (which
     * quotes ids and values) are the user's bytes, shown, never raw */
    if (line)
        (void)hs__die("%s '%s' line %d: %s",
                      is_failure ? "skipped" : "warning:", path, line, msg);
    else
        (void)hs__die("%s '%s': %s", is_failure ? "skipped" : "warning:", path,
                      msg);
}

static void on_progress(void *ctx, size_t done, size_t total) {
    index_ctx *c = ctx;
    if (!c->is_progress || total < 1000)
        return;
    fprintf(stderr, "\rindexing: %zu/%zu files (%zu%%)", done, total,
            done * 100 / total);
    c->has_progress_line = done < total;
    if (done == total)
        fputs("\r\033[K", stderr);
}

static void remove_db_files(const char *db) {
    hs__buf p = HS_BUF_INIT;
    unlink(db);
    hs__buf_printf(&p, "%s-wal", db);
    unlink(p.data);
    hs__buf_reset(&p);
    hs__buf_printf(&p, "%s-shm", db);
    unlink(p.data);
    hs__buf_release(&p);
}

/* index --verbose: each step's wall-clock time and the process's CPU time
 * meanwhile (every thread's), in the order of enum hs_index_step. */
static void print_steps(const hs_index_stats *st) {
    static const char *const names[HS_INDEX_STEPS] = {
        "read, parse and store files", "merge full-text index, count terms",
        "commit", "related lists and families", "publish first index"};
    for (int i = 0; i < HS_INDEX_STEPS; i++)
        fprintf(stderr, "hindsight:   %-35s %8.2f s, CPU %8.2f s\n", names[i],
                st->steps[i].wall, st->steps[i].cpu);
}

int hs__cmd_index(hs__cli *cli, int argc, char **argv) {
    hs_index_opts opts = {0};
    index_ctx ctx = {isatty(STDERR_FILENO), 0};
    hs_index_stats st;
    hs_error err = {0, ""};
    hs_store *s = NULL;
    const char **paths = hs__xcalloc((size_t)argc + 1, sizeof(char *));
    size_t n = 0;
    int rc, is_end = 0, is_verbose = 0, is_jobs;
    struct timespec t0, t1;

    for (int i = 0; i < argc; i++) {
        if (hs__options_end(argv[i], &is_end))
            continue;
        if (!is_end && !strcmp(argv[i], "--full")) {
            opts.flags |= HS_INDEX_FULL;
        } else if (!is_end && !strcmp(argv[i], "--verbose")) {
            is_verbose = 1;
        } else if (!is_end &&
                   (is_jobs = jobs_option(argc, argv, &i, &opts.jobs)) != 0) {
            if (is_jobs < 0) {
                rc = HS_EXIT_USAGE;
                goto out;
            }
        } else if (!is_end && argv[i][0] == '-' && argv[i][1]) {
            rc = hs__usage_error("index", "unknown option '%s'", argv[i]);
            goto out;
        } else {
            paths[n++] = argv[i];
        }
    }
    if (!n) {
        rc = hs__usage_error("index", "name at least one folder or file");
        goto out;
    }
    opts.config_path = cli->config;
    opts.report = on_report;
    opts.progress = on_progress;
    opts.ctx = &ctx;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    rc = hs_store_open(cli->db, HS_STORE_BUILD_ASIDE, &s, &err);
    if (rc == 0)
        rc = hs_index_update(s, paths, n, &opts, &st, &err);
    if (rc == HS_ECORRUPT && (opts.flags & HS_INDEX_FULL) &&
        hs_store_is_replaceable(cli->db, &err) != 0)
        rc = err.code;
    if (rc == HS_ECORRUPT && (opts.flags & HS_INDEX_FULL)) {
        /* the markdown is the source of truth: start the index afresh */
        fprintf(stderr, "hindsight: index '%s' is damaged; rebuilding it\n",
                cli->db);
        hs_store_close(s);
        s = NULL;
        remove_db_files(cli->db);
        rc = hs_store_open(cli->db, HS_STORE_BUILD_ASIDE, &s, &err);
        if (rc == 0)
            rc = hs_index_update(s, paths, n, &opts, &st, &err);
    }
    if (rc) {
        rc = hs__fail(&err);
        goto out;
    }
    if (is_verbose) {
        clock_gettime(CLOCK_MONOTONIC, &t1);
        fprintf(stderr, "hindsight: read and parsed on %zu thread%s; %.2f s\n",
                st.threads, st.threads == 1 ? "" : "s",
                (double)(t1.tv_sec - t0.tv_sec) +
                    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
        print_steps(&st);
    }
    if (cli->is_json)
        printf("{\"added\":%zu,\"updated\":%zu,\"removed\":%zu,"
               "\"unchanged\":%zu,\"failed\":%zu}\n",
               st.added, st.updated, st.removed, st.unchanged, st.failed);
    else
        printf("added %zu, updated %zu, removed %zu, unchanged %zu, "
               "failed %zu\n",
               st.added, st.updated, st.removed, st.unchanged, st.failed);
    /* the run is committed, but a script must see that files are missing */
    rc = st.failed ? HS_EXIT_FAIL : HS_EXIT_OK;
out:
    hs_store_close(s);
    free(paths);
    return rc;
}

/* ---------------------------------------------------------------------
 * search
 */

/* Join argv into one string with spaces. */
static char *join_args(int argc, char **argv) {
    hs__buf b = HS_BUF_INIT;
    for (int i = 0; i < argc; i++) {
        if (i)
            hs__buf_putc(&b, ' ');
        hs__buf_puts(&b, argv[i]);
    }
    return hs__buf_detach(&b, NULL);
}

int hs__cmd_search(hs__cli *cli, int argc, char **argv) {
    hs_search_opts opts = {0};
    hs_results *r = NULL;
    hs_error err = {0, ""};
    hs_store *s;
    char *query;
    int rc, is_end = 0, n = 0;

    /* words after "--" are words, even "--limit" */
    for (int i = 0; i < argc; i++) {
        if (hs__options_end(argv[i], &is_end))
            continue;
        if (!is_end && argv[i][0] == '-' && argv[i][1] == '-')
            return hs__usage_error("search", "unknown option '%s'", argv[i]);
        argv[n++] = argv[i];
    }
    argc = n;
    if (argc == 0)
        return hs__usage_error("search", "give words to search for");
    opts.limit = cli->limit;
    opts.is_html = 1; /* the API's snippets; hs__print_snippet for people */
    query = join_args(argc, argv);
    /* a bad query is a usage error, whether or not there is an index */
    if (hs_query_check(query, &err) != 0) {
        free(query);
        return hs__fail(&err);
    }
    if ((rc = hs__open_store(cli, HS_STORE_READONLY, &s)) != 0) {
        free(query);
        return rc;
    }
    rc = hs_search(s, query, &opts, &r, &err);
    free(query);
    if (rc) {
        hs_store_close(s);
        return hs__fail(&err);
    }
    if (cli->is_json) {
        hs__print_json(hs_results_to_json(r, 0, 0)); /* as the API answers */
    } else {
        hs__buf quoted = HS_BUF_INIT;
        for (size_t i = 0; i < r->n; i++) {
            const hs_hit *h = &r->hits[i];
            const char *id = hs__cli_name(&quoted, h->id);
            hs__tprintf("%s  %-10s  %s\n", hs__cli_sev_name(h->severity),
                        *h->date ? h->date : "-", h->title ? h->title : id);
            hs__tprintf("      id: %s\n", id);
            if (h->snippet && *h->snippet)
                hs__print_snippet(cli, "      ", h->snippet);
        }
        printf("%zu of %zu result%s\n", r->n, r->total,
               r->total == 1 ? "" : "s");
        hs__buf_release(&quoted);
    }
    hs_results_free(r);
    hs_store_close(s);
    return HS_EXIT_OK;
}

/* ---------------------------------------------------------------------
 * show
 */

static void print_block(const char *label, const char *text) {
    if (!text || !*text)
        return;
    hs__tprintf("\n%s\n", label);
    for (const char *p = text; *p;) {
        size_t n = strcspn(p, "\n");
        hs__tprintf("  %.*s\n", (int)n, p);
        p += n;
        if (*p)
            p++;
    }
}

static void print_list(const char *label, const hs_strlist *l) {
    if (!l->n)
        return;
    hs__tprintf("\n%s\n", label);
    for (size_t i = 0; i < l->n; i++)
        hs__tprintf("  - %s\n", l->v[i]);
}

static void print_inline_list(const char *label, const hs_strlist *l) {
    if (!l->n)
        return;
    hs__tprintf("%s: ", label);
    for (size_t i = 0; i < l->n; i++)
        hs__tprintf("%s%s", i ? ", " : "", l->v[i]);
    putchar('\n');
}

static void print_record(const hs_postmortem *pm) {
    hs__buf quoted = HS_BUF_INIT;
    hs__tprintf("%s\n", pm->title ? pm->title : "(no title)");
    /* quoted as search prints them: a newline in a file name cannot
     * start a line of its own */
    hs__tprintf("id: %s\n", hs__cli_name(&quoted, pm->id));
    if (pm->path)
        hs__tprintf("path: %s\n", hs__cli_name(&quoted, pm->path));
    hs__buf_release(&quoted);
    hs__tprintf(
        "date: %s   severity: %s   duration: ", *pm->date ? pm->date : "-",
        pm->severity ? hs__cli_sev_name(pm->severity) : "-");
    if (pm->duration_minutes >= 0)
        hs__tprintf("%d min\n", pm->duration_minutes);
    else
        hs__tprintf("-\n");
    if (pm->incident_commander)
        hs__tprintf("incident commander: %s\n", pm->incident_commander);
    print_inline_list("responders", &pm->responders);
    print_inline_list("services", &pm->services);
    print_inline_list("tags", &pm->tags);
    print_inline_list("derived tags", &pm->auto_tags);
    if (pm->document_url)
        hs__tprintf("document: %s\n", pm->document_url);
    print_block("Summary", pm->summary);
    print_block("Impact", pm->impact);
    print_block("Root cause", pm->root_cause);
    if (pm->n_timeline) {
        hs__tprintf("\nTimeline\n");
        for (size_t i = 0; i < pm->n_timeline; i++)
            hs__tprintf("  %-16s %s\n", pm->timeline[i].time,
                        pm->timeline[i].event);
    }
    print_list("What went well", &pm->went_well);
    print_list("What went wrong", &pm->went_wrong);
    print_list("Lessons", &pm->lessons);
    if (pm->n_actions) {
        hs__tprintf("\nAction items\n");
        for (size_t i = 0; i < pm->n_actions; i++) {
            const hs_action_item *a = &pm->actions[i];
            hs__tprintf("  [%-11s] %s", hs_status_name(a->status), a->action);
            if (a->owner && *a->due)
                hs__tprintf(" (owner: %s, due %s)", a->owner, a->due);
            else if (a->owner)
                hs__tprintf(" (owner: %s)", a->owner);
            else if (*a->due)
                hs__tprintf(" (due %s)", a->due);
            putchar('\n');
        }
    }
    print_list("References", &pm->references);
}

/* show --explain: each fact found, the line it came from and the rule. */
static void print_sources(const hs_postmortem *pm) {
    /* the path is quoted as show's 'path:' line is, and a rule quotes the
     * document's own headings: both shown, never sent raw */
    hs__buf quoted = HS_BUF_INIT;
    const char *path = hs__cli_name(&quoted, pm->path ? pm->path : "");
    printf("\nWhere each fact came from:\n");
    for (size_t i = 0; i < pm->n_sources; i++) {
        const hs_source *s = &pm->sources[i];
        if (s->line > 0)
            hs__tprintf("  %-18s %s:%d  %s\n", s->field, path, s->line,
                        s->rule);
        else
            hs__tprintf("  %-18s %s  %s\n", s->field, path, s->rule);
    }
    hs__buf_release(&quoted);
}

int hs__cmd_show(hs__cli *cli, int argc, char **argv) {
    hs_store *s;
    hs_postmortem *pm;
    hs_error err = {0, ""};
    int rc, is_file = 0, is_explain = 0, is_end = 0;
    for (; argc >= 1; argc--, argv++) {
        if (!strcmp(argv[0], "--file")) {
            is_file = 1;
            if (argc == 1)
                return hs__usage_error("show", "--file needs a value: the "
                                               "markdown file to read");
        } else if (!strcmp(argv[0], "--explain")) {
            is_explain = 1;
        } else {
            break;
        }
    }
    if (argc >= 1 && hs__options_end(argv[0], &is_end)) {
        argc--;
        argv++;
    }
    if (argc >= 1 && !is_end && argv[0][0] == '-' && argv[0][1])
        return hs__usage_error("show", "unknown option '%s'", argv[0]);
    if (argc != 1)
        return hs__usage_error("show", argc ? "give exactly one ID"
                                            : "which postmortem? give its ID");
    if (is_file && !*argv[0]) /* as --config '' is */
        return hs__usage_error("show", "--file needs a value: the "
                                       "markdown file to read");
    if (is_file) {
        /* what would be extracted from this file, without an index */
        const char *base = strrchr(argv[0], '/');
        char *id = hs__xstrdup(base ? base + 1 : argv[0]);
        size_t n = strlen(id);
        hs_config *cfg = NULL;
        if (n > 3 && !strcmp(id + n - 3, ".md"))
            id[n - 3] = '\0';
        else if (n > 9 && !strcmp(id + n - 9, ".markdown"))
            id[n - 9] = '\0';
        rc = hs__cli_house_style(cli, argv[0], &cfg, &err);
        if (rc == 0)
            rc = hs_postmortem_load_with(argv[0], id, cfg, &pm, &err);
        hs_config_free(cfg);
        free(id);
    } else {
        if ((rc = hs__open_store(cli, HS_STORE_READONLY, &s)) != 0)
            return rc;
        rc = hs_store_get(s, argv[0], &pm, &err);
        hs_store_close(s);
    }
    if (rc)
        return hs__fail(&err);
    if (cli->is_json) {
        hs__print_json(hs_postmortem_to_json(pm, 0)); /* as the API answers */
    } else {
        print_record(pm);
        if (is_explain)
            print_sources(pm);
    }
    hs_postmortem_free(pm);
    return HS_EXIT_OK;
}

/* ---------------------------------------------------------------------
 * check
 */

typedef enum check_format {
    CHECK_TEXT,   /* FILE:LINE: message, for people and editors */
    CHECK_GITHUB, /* GitHub Actions workflow commands */
    CHECK_JSON    /* [{"file","line","severity","message"}] */
} check_format;

typedef struct check_out {
    check_format fmt;
    json_t *list; /* CHECK_JSON: the problems so far */
} check_out;

/*
 * GitHub's workflow commands end a value at a newline and a property at
 * ':' or ',', so those are percent-encoded (as the Actions toolkit's
 * escapeData and escapeProperty do); '%' first, so that it stays
 * unambiguous. The other control characters (ESC, BEL, BS, DEL) are
 * percent-encoded too: the runner decodes only the five above, so they
 * show as %1B in the log, and never reach the terminal that reads it.
 */
static void put_github_escaped(const char *s, int is_property) {
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '%' || c == '\r' || c == '\n' || (c < 0x20 && c != '\t') ||
            c == 0x7f || (is_property && (c == ':' || c == ',')))
            printf("%%%02X", c);
        else
            putchar(c);
    }
}

/* One problem found in `path`, written in the chosen format. */
#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
static void
problem(check_out *o, const char *path, int line, const char *severity,
        const char *fmt, ...) {
    hs__buf msg = HS_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    hs__buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    switch (o->fmt) {
    case CHECK_TEXT: {
        /* a name with a newline must not split the FILE:LINE line */
        hs__buf quoted = HS_BUF_INIT;
        const char *name = hs__cli_name(&quoted, path);
        if (line)
            hs__tprintf("%s:%d: %s\n", name, line, msg.data);
        else
            hs__tprintf("%s: %s\n", name, msg.data);
        hs__buf_release(&quoted);
        break;
    }
    case CHECK_GITHUB:
        printf("::%s file=", severity);
        put_github_escaped(path, 1);
        printf(",line=%d::", line ? line : 1);
        put_github_escaped(msg.data, 0);
        putchar('\n');
        break;
    case CHECK_JSON: {
        /* json_pack refuses text that is not UTF-8 (a file name of other
         * bytes): such bytes become U+FFFD, and the problem is kept */
        hs__buf file = HS_BUF_INIT;
        hs__buf_puts(&file, path);
        hs__utf8_repair(&file);
        hs__utf8_repair(&msg);
        json_array_append_new(
            o->list, json_pack("{s:s, s:i, s:s, s:s}", "file", file.data,
                               "line", line ? line : 1, "severity", severity,
                               "message", msg.data));
        hs__buf_release(&file);
        break;
    }
    }
    hs__buf_release(&msg);
}

static int check_one(check_out *o, const char *path, const hs_config *cfg,
                     int is_quiet) {
    hs_postmortem *pm;
    hs_error err = {0, ""};
    int n = 0;
    if (hs_postmortem_load_with(path, "", cfg, &pm, &err) != 0) {
        problem(o, path, 0, "error", "%s", err.msg);
        return 1;
    }
    for (size_t i = 0; i < pm->n_warnings; i++) {
        /* an unrecognised section name is a hint for hindsight.yml */
        int is_note = !strncmp(pm->warnings[i].msg, HS__UNRECOGNISED,
                               strlen(HS__UNRECOGNISED));
        if (is_note && is_quiet)
            continue;
        problem(o, path, pm->warnings[i].line ? pm->warnings[i].line : 1,
                is_note ? "notice" : "warning", "%s%s", is_note ? "note: " : "",
                pm->warnings[i].msg);
        n += !is_note;
    }
#define MISSING(cond, what)                                                    \
    do {                                                                       \
        if (cond) {                                                            \
            problem(o, path, 1, "warning", "missing %s", what);                \
            n++;                                                               \
        }                                                                      \
    } while (0)
    MISSING(!pm->title, "title");
    MISSING(!*pm->date, "date");
    MISSING(!pm->severity, "severity");
    MISSING(!pm->root_cause, "root cause");
#undef MISSING
    for (size_t i = 0; i < pm->n_actions; i++) {
        const hs_action_item *a = &pm->actions[i];
        int line = a->line ? a->line : 1;
        if (!a->owner) {
            problem(o, path, line, "warning", "action item has no owner: %s",
                    a->action);
            n++;
        }
        if (!*a->due && a->status != HS_STATUS_DONE) {
            problem(o, path, line, "warning", "action item has no due date: %s",
                    a->action);
            n++;
        }
    }
    if (!n && !is_quiet && o->fmt == CHECK_TEXT) {
        hs__buf quoted = HS_BUF_INIT;
        hs__tprintf("%s: ok\n", hs__cli_name(&quoted, path));
        hs__buf_release(&quoted);
    }
    hs_postmortem_free(pm);
    return n;
}

int hs__cmd_check(hs__cli *cli, int argc, char **argv) {
    hs_strlist files = {0}, skipped = {0};
    hs_error err = {0, ""};
    check_out o = {cli->is_json ? CHECK_JSON : CHECK_TEXT, NULL};
    const char **paths = hs__xcalloc((size_t)argc + 1, sizeof(char *));
    size_t n = 0, problems = 0, bad_files = 0, n_missing = 0, n_files;
    int is_quiet = 0, is_end = 0, rc = 0, out_rc = 0, saved = 0;
    hs_config **cfgs = hs__xcalloc((size_t)argc + 1, sizeof(*cfgs));
    size_t *ends = hs__xcalloc((size_t)argc + 1, sizeof(*ends));
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (hs__options_end(a, &is_end))
            continue;
        if (is_end) {
            paths[n++] = a;
        } else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
            is_quiet = 1;
        } else if (!strcmp(a, "--format")) {
            const char *v = i + 1 < argc ? argv[++i] : "";
            if (!strcmp(v, "text")) {
                o.fmt = CHECK_TEXT;
            } else if (!strcmp(v, "github")) {
                o.fmt = CHECK_GITHUB;
            } else if (!strcmp(v, "json")) {
                o.fmt = CHECK_JSON;
            } else {
                rc = hs__usage_error(
                    "check", "--format needs text, github or json, not '%s'",
                    v);
                goto out;
            }
        } else if (a[0] == '-' && a[1]) {
            rc = hs__usage_error("check", "unknown option '%s'", a);
            goto out;
        } else {
            paths[n++] = a;
        }
    }
    if (!n) {
        rc = hs__usage_error("check", "name at least one folder or file");
        goto out;
    }
    /* one path at a time, so a missing one is reported and the rest are
     * still checked */
    for (size_t i = 0; i < n; i++) {
        if (hs_markdown_files(&paths[i], 1, &files, &skipped, &err) != 0) {
            hs__fail(&err);
            problems++;
            bad_files++;
            n_missing++;
        }
        ends[i] = files.n;
        /* each path's house style: --config, else its hindsight.yml */
        if ((i == 0 || !cli->config) &&
            hs__cli_house_style(cli, paths[i], &cfgs[i], &err) != 0) {
            rc = hs__fail(&err);
            goto out;
        }
    }
    if (o.fmt == CHECK_JSON)
        o.list = json_array();
    /* what `index` names and does not read (FIFOs, links out of the
     * folder) is named here too: left out of the index, it is a problem */
    for (size_t i = 0; i + 1 < skipped.n; i += 2)
        problem(&o, skipped.v[i], 0, "warning", "skipped: %s",
                skipped.v[i + 1]);
    problems += skipped.n / 2;
    bad_files += skipped.n / 2;
    n_missing += skipped.n / 2;
    for (size_t i = 0, p = 0; i < files.n; i++) {
        int k;
        while (i >= ends[p])
            p++;
        k = check_one(&o, files.v[i], cli->config ? cfgs[0] : cfgs[p],
                      is_quiet);
        problems += (size_t)k;
        bad_files += k > 0;
    }
    if (o.list) {
        char *j = json_dumps(o.list, JSON_INDENT(2));
        if (puts(j ? j : "[]") == EOF)
            saved = errno;
        free(j);
    }
    /* said here, while the reason is known (the last flush at exit
     * finds only that a write failed) */
    if (fflush(stdout) != 0)
        saved = errno;
    if (saved || ferror(stdout))
        out_rc = hs__output_failed(saved);
    n_files = files.n + n_missing;
    fprintf(stderr, "checked %zu file%s: %zu problem%s in %zu file%s\n",
            n_files, n_files == 1 ? "" : "s", problems,
            problems == 1 ? "" : "s", bad_files, bad_files == 1 ? "" : "s");
    rc = problems || out_rc ? HS_EXIT_FAIL : HS_EXIT_OK;
out:
    json_decref(o.list);
    for (size_t i = 0; i < n; i++)
        hs_config_free(cfgs[i]);
    free(cfgs);
    free(ends);
    hs_strlist_release(&files);
    hs_strlist_release(&skipped);
    free(paths);
    return rc;
}
