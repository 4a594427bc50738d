/*
 * The similar command: symptoms from arguments, --symptom, or a JSON
 * incident or webhook payload on stdin, and the ranked past incidents with
 * the terms they matched and their open action items.
 */
#include "app/cli.h"
#include "base/buf.h"
#include "base/text.h"
#include "base/util.h"
#include "model/json.h"
#include "model/record.h"
#include "read/config.h"
#include "store/index.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* The most stdin may hold: a webhook body is at most a few MiB (serve
 * takes 1 MiB), and an incident far less. */
#define STDIN_MAX_BYTES (16u * 1024 * 1024)

/*
 * Read stdin into `out`. Returns 0, or the exit status after saying why:
 * HS_EXIT_USAGE for input over STDIN_MAX_BYTES (the input is the caller's
 * to fix, as invalid JSON is), HS_EXIT_FAIL when stdin cannot be read.
 */
static int read_stdin(hs__buf *out) {
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0) {
        hs__buf_put(out, chunk, n);
        if (out->len > STDIN_MAX_BYTES) {
            hs__die("stdin: the input is over the limit of 16 MiB (%u "
                    "bytes); give one incident or webhook body",
                    STDIN_MAX_BYTES);
            return HS_EXIT_USAGE;
        }
    }
    if (ferror(stdin))
        return hs__die("cannot read stdin: %s", strerror(errno));
    return 0;
}

int hs__cli_load_concepts(hs_store *s, const char *path) {
    hs__buf b = HS_BUF_INIT;
    hs_error err = {0, ""};
    int rc = hs__read_file(path, &b, &err);
    if (rc == 0)
        rc = hs_similar_add_concepts(s, b.data ? b.data : "", path, &err);
    hs__buf_release(&b);
    return rc ? hs__fail(&err) : 0;
}

/* Add one house style's concept lines, `origin` naming it in errors. */
static int add_house_lines(hs_store *s, const hs_config *cfg,
                           const char *origin, hs__buf *out) {
    hs__buf text = HS_BUF_INIT;
    hs_error err = {0, ""};
    int rc;
    if (!cfg || !cfg->concepts.n)
        return 0;
    for (size_t i = 0; i < cfg->concepts.n; i++)
        hs__buf_printf(&text, "%s\n", cfg->concepts.v[i]);
    rc = hs_similar_add_concepts(s, text.data, origin, &err);
    if (rc == 0 && out)
        hs__buf_puts(out, text.data);
    hs__buf_release(&text);
    return rc ? hs__fail(&err) : 0;
}

int hs__cli_house_concepts(const hs__cli *cli, hs_store *s, hs__buf *out) {
    hs_strlist roots = {0};
    hs_error err = {0, ""};
    hs__buf origin = HS_BUF_INIT;
    int rc = 0;
    if (out && out->len && out->data[out->len - 1] != '\n')
        hs__buf_putc(out, '\n');
    if (cli->config) {
        hs_config *cfg = NULL;
        if (hs_config_load(cli->config, &cfg, &err) != 0)
            return hs__fail(&err);
        hs__buf_printf(&origin, "%s concepts", cli->config);
        rc = add_house_lines(s, cfg, origin.data, out);
        hs_config_free(cfg);
        hs__buf_release(&origin);
        return rc;
    }
    if (hs__index_roots(s, &roots, &err) != 0)
        return hs__fail(&err);
    for (size_t i = 0; rc == 0 && i < roots.n; i++) {
        hs_config *cfg = NULL;
        if (hs__cli_house_style(cli, roots.v[i], &cfg, &err) != 0) {
            rc = hs__fail(&err);
            break;
        }
        hs__buf_reset(&origin);
        hs__buf_printf(&origin, "%s/hindsight.yml concepts", roots.v[i]);
        rc = add_house_lines(s, cfg, origin.data, out);
        hs_config_free(cfg);
    }
    hs__buf_release(&origin);
    hs_strlist_release(&roots);
    return rc;
}

static const char *const novelty_names[] = {"", "new", "rare", "frequent"};

/* A responder reads the results mid-incident: each open action item is one
 * line (its text cut at a word, the owner and due date kept) and a result
 * shows the first few; `show` and --json give them all. */
enum { SHOWN_ACTIONS = 3, ACTION_BYTES = 100 };

static void print_action(const hs_action_item *a) {
    size_t n = strlen(a->action),
           keep = hs__utf8_cut(a->action, n, ACTION_BYTES);
    if (keep < n) {
        size_t k = keep;
        while (k > ACTION_BYTES / 2 && a->action[k] != ' ')
            k--;
        if (a->action[k] == ' ')
            keep = k;
        while (keep && a->action[keep - 1] == ' ')
            keep--;
    }
    hs__tprintf("         - %.*s%s", (int)keep, a->action,
                keep < n ? "\xe2\x80\xa6" : "");
    if (a->owner)
        hs__tprintf(" (%s)", a->owner);
    if (*a->due)
        hs__tprintf(", due %s", a->due);
    putchar('\n');
}

static void print_hits(const hs__cli *cli, const hs_results *r) {
    hs__buf quoted = HS_BUF_INIT;
    if (r->novelty > HS_NOVELTY_NONE && r->novelty <= HS_NOVELTY_FREQUENT)
        printf("seen before: %s\n", novelty_names[r->novelty]);
    for (size_t i = 0; i < r->n; i++) {
        const hs_hit *h = &r->hits[i];
        hs__tprintf("%.3f  %s  %-10s  %s\n", h->score,
                    hs__cli_sev_name(h->severity), *h->date ? h->date : "-",
                    h->title ? h->title : h->id);
        const char *name = hs__cli_name(&quoted, h->id);
        hs__tprintf("       id: %s\n", name);
        if (h->matched_terms.n) {
            /* commas: a term may be a phrase, or "maxed out ~ exhausted" */
            hs__tprintf("       matched:");
            for (size_t k = 0; k < h->matched_terms.n; k++)
                hs__tprintf("%s %s", k ? "," : "", h->matched_terms.v[k]);
            putchar('\n');
        }
        if (h->snippet && *h->snippet)
            hs__print_snippet(cli, "       ", h->snippet);
        if (h->family_size > 1)
            printf("       family: %d incidents of this kind, last %s\n",
                   h->family_size, *h->family_last ? h->family_last : "-");
        if (h->resolution)
            hs__tprintf("       resolved: %s\n", h->resolution);
        for (size_t k = 0; k < h->links.n; k++)
            hs__tprintf("       link: %s\n", h->links.v[k]);
        if (h->n_open_actions) {
            size_t shown = h->n_open_actions < SHOWN_ACTIONS ? h->n_open_actions
                                                             : SHOWN_ACTIONS;
            hs__tprintf("       %zu open action item%s:\n", h->n_open_actions,
                        h->n_open_actions == 1 ? "" : "s");
            for (size_t k = 0; k < shown; k++)
                print_action(&h->open_actions[k]);
            if (shown < h->n_open_actions)
                hs__tprintf("         ... %zu more: hindsight show %s\n",
                            h->n_open_actions - shown, name);
        }
    }
    if (!r->n)
        hs__tprintf("no similar postmortems\n");
    hs__buf_release(&quoted);
}

int hs__cmd_similar(hs__cli *cli, int argc, char **argv) {
    hs_incident inc = {0};
    hs_results *r = NULL;
    hs_error err = {0, ""};
    hs_store *s = NULL;
    hs__buf text = HS_BUF_INIT;
    const char *concepts = NULL;
    int is_stdin = 0, rc, is_end = 0;

    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (hs__options_end(a, &is_end)) {
            continue;
        } else if (is_end) {
            if (text.len)
                hs__buf_putc(&text, ' ');
            hs__buf_puts(&text, a);
        } else if (!strcmp(a, "--stdin")) {
            is_stdin = 1;
        } else if (!strcmp(a, "--concepts")) {
            /* an empty name too, as serve --concepts '' is */
            if (i + 1 >= argc || !*argv[i + 1]) {
                hs_incident_release(&inc);
                hs__buf_release(&text);
                return hs__usage_error("similar", "%s needs a value", a);
            }
            concepts = argv[++i];
        } else if (!strcmp(a, "--symptom") || !strcmp(a, "--service") ||
                   !strcmp(a, "--tag") || !strcmp(a, "--title")) {
            if (i + 1 >= argc) {
                hs_incident_release(&inc);
                hs__buf_release(&text);
                return hs__usage_error("similar", "%s needs a value", a);
            }
            /* white space alone describes nothing ('similar "  "' ranked
             * an incident of nothing while 'similar ""' was refused) */
            if (hs__is_space_only(argv[++i]))
                continue;
            if (!strcmp(a, "--symptom"))
                hs__strlist_push(&inc.symptoms, argv[i]);
            else if (!strcmp(a, "--tag"))
                hs__strlist_push(&inc.tags, argv[i]);
            else if (!strcmp(a, "--service")) {
                free(inc.service);
                inc.service = hs__xstrdup(argv[i]);
            } else {
                free(inc.title);
                inc.title = hs__xstrdup(argv[i]);
            }
        } else if (a[0] == '-' && a[1] == '-') {
            hs_incident_release(&inc);
            hs__buf_release(&text);
            return hs__usage_error("similar", "unknown option '%s'", a);
        } else {
            if (text.len)
                hs__buf_putc(&text, ' ');
            hs__buf_puts(&text, a);
        }
    }
    if (text.len && !hs__is_space_only(text.data))
        hs__strlist_push(&inc.symptoms, text.data);
    hs__buf_reset(&text);
    if (is_stdin) {
        hs_incident from = {0};
        if ((rc = read_stdin(&text)) != 0)
            goto out;
        if (hs_incident_from_json(text.data, text.len, &from, &err) != 0) {
            /* whatever is wrong with it, the input is the caller's */
            rc = HS_EXIT_USAGE;
            hs__die("stdin: %s", err.msg);
            hs_incident_release(&from);
            goto out;
        }
        /* what was not read is said, and the rest answered */
        for (size_t k = 0; k < from.ignored.n; k++) {
            hs__die("stdin: %s", from.ignored.v[k]);
            hs__strlist_push(&inc.ignored, from.ignored.v[k]);
        }
        for (size_t k = 0; k < from.symptoms.n; k++)
            hs__strlist_push(&inc.symptoms, from.symptoms.v[k]);
        for (size_t k = 0; k < from.tags.n; k++)
            hs__strlist_push(&inc.tags, from.tags.v[k]);
        if (!inc.service && from.service)
            inc.service = hs__xstrdup(from.service);
        if (!inc.title && from.title)
            inc.title = hs__xstrdup(from.title);
        if (!cli->limit)
            inc.limit = from.limit;
        hs_incident_release(&from);
    }
    if (!inc.symptoms.n && !inc.title) {
        rc = hs__usage_error("similar",
                             "describe the incident: symptoms as arguments, "
                             "--symptom TEXT, or --stdin");
        goto out;
    }
    if ((rc = hs__open_store(cli, HS_STORE_READONLY, &s)) != 0)
        goto out;
    if ((rc = hs__cli_house_concepts(cli, s, NULL)) != 0)
        goto out;
    if (concepts && (rc = hs__cli_load_concepts(s, concepts)) != 0)
        goto out;
    if (hs_similar(s, &inc, cli->limit, &r, &err) != 0) {
        rc = hs__fail(&err);
        goto out;
    }
    if (cli->is_json)
        /* as the API answers */
        hs__print_json(hs__json_dump(hs__json_similar(r, &inc.ignored), 0));
    else
        print_hits(cli, r);
    rc = HS_EXIT_OK;
out:
    hs_results_free(r);
    hs_store_close(s);
    hs_incident_release(&inc);
    hs__buf_release(&text);
    return rc;
}

/* The families command: every family, or one postmortem's. */
int hs__cmd_families(hs__cli *cli, int argc, char **argv) {
    hs_store *s = NULL;
    hs_error err = {0, ""};
    hs_family one = {0}, *all = NULL;
    size_t n = 0;
    const char *id = NULL;
    int rc;
    for (int i = 0; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1])
            return hs__usage_error("families", "unknown option '%s'", argv[i]);
        if (id)
            return hs__usage_error("families", "name one postmortem");
        id = argv[i];
    }
    if ((rc = hs__open_store(cli, HS_STORE_READONLY, &s)) != 0)
        return rc;
    if (id) {
        rc = hs_family_of(s, id, &one, &err);
        all = &one;
        n = 1;
    } else {
        rc = hs_families_all(s, &all, &n, &err);
    }
    if (rc) {
        rc = hs__fail(&err);
        goto out;
    }
    if (cli->is_json) {
        char *j = hs_families_to_json(all, n, 2);
        fputs(j, stdout);
        free(j);
    } else {
        for (size_t i = 0; i < n; i++) {
            printf("%zu incidents of this kind\n", all[i].n);
            for (size_t k = 0; k < all[i].n; k++) {
                /* id and title are the user's bytes: quoted and shown as
                 * search and show print them, never sent raw */
                hs__buf quoted = HS_BUF_INIT;
                hs__tprintf("  %-10s  %s  %s\n",
                            *all[i].v[k].date ? all[i].v[k].date : "-",
                            hs__cli_name(&quoted, all[i].v[k].id),
                            all[i].v[k].title ? all[i].v[k].title : "");
                hs__buf_release(&quoted);
            }
        }
        if (!n)
            printf("no families\n");
    }
    rc = HS_EXIT_OK;
out:
    if (id) {
        hs_family_release(&one);
    } else {
        for (size_t i = 0; i < n; i++)
            hs_family_release(&all[i]);
        free(all);
    }
    hs_store_close(s);
    return rc;
}
