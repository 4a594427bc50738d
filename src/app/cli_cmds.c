/*
 * The index, search, show and check commands: argument parsing, the
 * library call, and output for people (or --json for programs). Output for
 * people goes to stdout, problems to stderr.
 */
#include "base/buf.h"
#include "app/cli.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/banned.h"

/* ---------------------------------------------------------------------
 * index
 */

typedef struct index_ctx {
    int is_progress;
    int has_progress_line;
} index_ctx;

static void on_report(void *ctx, const char *path, int line, const char *msg,
                      int is_failure) {
    index_ctx *c = ctx;
    if (c->has_progress_line) {
        fputs("\r\033[K", stderr);
        c->has_progress_line = 0;
    }
    if (line)
        fprintf(stderr, "hindsight: %s '%s' line %d: %s\n",
                is_failure ? "skipped" : "warning:", path, line, msg);
    else
        fprintf(stderr, "hindsight: %s '%s': %s\n",
                is_failure ? "skipped" : "warning:", path, msg);
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

int hs__cmd_index(hs__cli *cli, int argc, char **argv) {
    hs_index_opts opts = {0};
    index_ctx ctx = {isatty(STDERR_FILENO), 0};
    hs_index_stats st;
    hs_error err = {0, ""};
    hs_store *s = NULL;
    const char **paths = hs__xcalloc((size_t)argc + 1, sizeof(char *));
    size_t n = 0;
    int rc;

    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--full"))
            opts.flags |= HS_INDEX_FULL;
        else if (argv[i][0] == '-' && argv[i][1]) {
            free(paths);
            return hs__usage_error("index", "unknown option '%s'", argv[i]);
        } else
            paths[n++] = argv[i];
    }
    if (!n) {
        free(paths);
        return hs__usage_error("index", "name at least one folder or file");
    }
    opts.report = on_report;
    opts.progress = on_progress;
    opts.ctx = &ctx;
    rc = hs_store_open(cli->db, 0, &s, &err);
    if (rc == 0)
        rc = hs_index_run(s, paths, n, &opts, &st, &err);
    if (rc == HS_ECORRUPT && (opts.flags & HS_INDEX_FULL)) {
        /* the markdown is the source of truth: start the index afresh */
        fprintf(stderr, "hindsight: index '%s' is damaged; rebuilding it\n",
                cli->db);
        hs_store_close(s);
        s = NULL;
        remove_db_files(cli->db);
        rc = hs_store_open(cli->db, 0, &s, &err);
        if (rc == 0)
            rc = hs_index_run(s, paths, n, &opts, &st, &err);
    }
    /* families of repeat incidents, for similar, pages and reports */
    if (rc == 0 && (st.added || st.updated || st.removed || st.failed ||
                    (opts.flags & HS_INDEX_FULL)))
        rc = hs_families_update(s, &err);
    hs_store_close(s);
    free(paths);
    if (rc)
        return hs__fail(&err);
    if (cli->is_json)
        printf("{\"added\":%zu,\"updated\":%zu,\"removed\":%zu,"
               "\"unchanged\":%zu,\"failed\":%zu}\n",
               st.added, st.updated, st.removed, st.unchanged, st.failed);
    else
        printf("added %zu, updated %zu, removed %zu, unchanged %zu, "
               "failed %zu\n",
               st.added, st.updated, st.removed, st.unchanged, st.failed);
    return HS_EXIT_OK;
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
    int rc;

    if (argc == 0)
        return hs__usage_error("search", "give words to search for");
    for (int i = 0; i < argc; i++)
        if (argv[i][0] == '-' && argv[i][1] == '-')
            return hs__usage_error("search", "unknown option '%s'", argv[i]);
    opts.limit = cli->limit;
    if (cli->is_tty) {
        opts.mark_open = "\033[1m";
        opts.mark_close = "\033[0m";
    }
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
        char *j = hs_results_to_json(r, 0, 2);
        fputs(j, stdout);
        free(j);
    } else {
        for (size_t i = 0; i < r->n; i++) {
            const hs_hit *h = &r->hits[i];
            printf("%s  %-10s  %s\n", hs__cli_sev_name(h->severity),
                   *h->date ? h->date : "-", h->title ? h->title : h->id);
            printf("      id: %s\n", h->id);
            if (h->snippet && *h->snippet)
                printf("      %s\n", h->snippet);
        }
        printf("%zu of %zu result%s\n", r->n, r->total,
               r->total == 1 ? "" : "s");
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
    printf("\n%s\n", label);
    for (const char *p = text; *p;) {
        size_t n = strcspn(p, "\n");
        printf("  %.*s\n", (int)n, p);
        p += n;
        if (*p)
            p++;
    }
}

static void print_list(const char *label, const hs_strlist *l) {
    if (!l->n)
        return;
    printf("\n%s\n", label);
    for (size_t i = 0; i < l->n; i++)
        printf("  - %s\n", l->v[i]);
}

static void print_inline_list(const char *label, const hs_strlist *l) {
    if (!l->n)
        return;
    printf("%s: ", label);
    for (size_t i = 0; i < l->n; i++)
        printf("%s%s", i ? ", " : "", l->v[i]);
    putchar('\n');
}

static void print_record(const hs_postmortem *pm) {
    printf("%s\n", pm->title ? pm->title : "(no title)");
    printf("id: %s\n", pm->id);
    if (pm->path)
        printf("path: %s\n", pm->path);
    printf("date: %s   severity: %s   duration: ", *pm->date ? pm->date : "-",
           pm->severity ? hs__cli_sev_name(pm->severity) : "-");
    if (pm->duration_minutes >= 0)
        printf("%d min\n", pm->duration_minutes);
    else
        printf("-\n");
    if (pm->incident_commander)
        printf("incident commander: %s\n", pm->incident_commander);
    print_inline_list("responders", &pm->responders);
    print_inline_list("services", &pm->services);
    print_inline_list("tags", &pm->tags);
    print_inline_list("derived tags", &pm->auto_tags);
    if (pm->document_url)
        printf("document: %s\n", pm->document_url);
    print_block("Summary", pm->summary);
    print_block("Impact", pm->impact);
    print_block("Root cause", pm->root_cause);
    if (pm->n_timeline) {
        printf("\nTimeline\n");
        for (size_t i = 0; i < pm->n_timeline; i++)
            printf("  %-16s %s\n", pm->timeline[i].time, pm->timeline[i].event);
    }
    print_list("What went well", &pm->went_well);
    print_list("What went wrong", &pm->went_wrong);
    print_list("Lessons", &pm->lessons);
    if (pm->n_actions) {
        printf("\nAction items\n");
        for (size_t i = 0; i < pm->n_actions; i++) {
            const hs_action_item *a = &pm->actions[i];
            printf("  [%-11s] %s", hs_status_name(a->status), a->action);
            if (a->owner && *a->due)
                printf(" (owner: %s, due %s)", a->owner, a->due);
            else if (a->owner)
                printf(" (owner: %s)", a->owner);
            else if (*a->due)
                printf(" (due %s)", a->due);
            putchar('\n');
        }
    }
    print_list("References", &pm->references);
}

int hs__cmd_show(hs__cli *cli, int argc, char **argv) {
    hs_store *s;
    hs_postmortem *pm;
    hs_error err = {0, ""};
    int rc, is_file = 0;
    if (argc >= 1 && !strcmp(argv[0], "--file")) {
        is_file = 1;
        argc--;
        argv++;
    }
    if (argc >= 1 && argv[0][0] == '-' && argv[0][1])
        return hs__usage_error("show", "unknown option '%s'", argv[0]);
    if (argc != 1)
        return hs__usage_error("show", argc ? "give exactly one ID"
                                            : "which postmortem? give its ID");
    if (is_file) {
        /* what would be extracted from this file, without an index */
        const char *base = strrchr(argv[0], '/');
        char *id = hs__xstrdup(base ? base + 1 : argv[0]);
        size_t n = strlen(id);
        if (n > 3 && !strcmp(id + n - 3, ".md"))
            id[n - 3] = '\0';
        rc = hs_postmortem_load(argv[0], id, &pm, &err);
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
        char *j = hs_postmortem_to_json(pm, 2);
        fputs(j, stdout);
        free(j);
    } else {
        print_record(pm);
    }
    hs_postmortem_free(pm);
    return HS_EXIT_OK;
}

/* ---------------------------------------------------------------------
 * check
 */

static int check_one(const char *path, int is_quiet) {
    hs_postmortem *pm;
    hs_error err = {0, ""};
    int n = 0;
    if (hs_postmortem_load(path, "", &pm, &err) != 0) {
        printf("%s: %s\n", path, err.msg);
        return 1;
    }
    for (size_t i = 0; i < pm->n_warnings; i++, n++)
        printf("%s:%d: %s\n", path,
               pm->warnings[i].line ? pm->warnings[i].line : 1,
               pm->warnings[i].msg);
#define MISSING(cond, what)                                                    \
    do {                                                                       \
        if (cond) {                                                            \
            printf("%s:1: missing %s\n", path, what);                          \
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
            printf("%s:%d: action item has no owner: %s\n", path, line,
                   a->action);
            n++;
        }
        if (!*a->due && a->status != HS_STATUS_DONE) {
            printf("%s:%d: action item has no due date: %s\n", path, line,
                   a->action);
            n++;
        }
    }
    if (!n && !is_quiet)
        printf("%s: ok\n", path);
    hs_postmortem_free(pm);
    return n;
}

int hs__cmd_check(hs__cli *cli, int argc, char **argv) {
    hs_strlist files = {0};
    hs_error err = {0, ""};
    const char **paths = hs__xcalloc((size_t)argc + 1, sizeof(char *));
    size_t n = 0, problems = 0, bad_files = 0;
    int is_quiet = 0, rc;
    (void)cli;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--quiet") || !strcmp(argv[i], "-q"))
            is_quiet = 1;
        else if (argv[i][0] == '-' && argv[i][1]) {
            free(paths);
            return hs__usage_error("check", "unknown option '%s'", argv[i]);
        } else
            paths[n++] = argv[i];
    }
    if (!n) {
        free(paths);
        return hs__usage_error("check", "name at least one folder or file");
    }
    rc = hs_markdown_files(paths, n, &files, &err);
    free(paths);
    if (rc) {
        for (size_t i = 0; i < files.n; i++)
            free(files.v[i]);
        free(files.v);
        return hs__fail(&err);
    }
    for (size_t i = 0; i < files.n; i++) {
        int k = check_one(files.v[i], is_quiet);
        problems += (size_t)k;
        bad_files += k > 0;
        free(files.v[i]);
    }
    free(files.v);
    fflush(stdout);
    fprintf(stderr, "checked %zu file%s: %zu problem%s in %zu file%s\n",
            files.n, files.n == 1 ? "" : "s", problems,
            problems == 1 ? "" : "s", bad_files, bad_files == 1 ? "" : "s");
    return problems ? HS_EXIT_FAIL : HS_EXIT_OK;
}
