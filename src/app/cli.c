/*
 * Entry point of the hindsight program: global options, the command table
 * and help. This file, cli_common.c (the helpers every command uses to
 * report errors) and the cli_*.c commands are the only code that prints
 * diagnostics or picks an exit status (0 ok, 1 failure, 2 usage).
 */
#include "app/cli.h"
#include "base/buf.h"
#include "base/util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/banned.h"

static const hs__cmd commands[] = {
    {"index", hs__cmd_index, "ingest markdown postmortems into the index",
     "usage: hindsight [--db PATH] index [--full] [--json] DIR|FILE...\n"
     "\n"
     "Reads every *.md file under each DIR (recursively, skipping hidden\n"
     "entries) and each FILE, extracts its facts and stores them in the\n"
     "index. Unchanged files are skipped; a file that disappeared is removed\n"
     "only if it lay under a folder named in this run. Prints how many files\n"
     "were added, updated, removed, unchanged and failed; each failure is\n"
     "reported on stderr. Files over 8 MiB and binary files are skipped.\n"
     "\n"
     "  --full    forget the whole index and rebuild it from the files named\n"
     "            (also recovers from a damaged index file)\n"
     "  --json    print the counts as JSON\n"},
    {"search", hs__cmd_search, "keyword search, best first",
     "usage: hindsight [--db PATH] search [--json] [--limit N] QUERY...\n"
     "\n"
     "Words and \"quoted phrases\" must all match (stemmed: 'timeouts'\n"
     "finds 'timeout'); word* matches a prefix and -word excludes. Filters:\n"
     "  severity:SEV1 (also sev:1, sev:1,2)   tag:NAME   service:NAME\n"
     "  owner:NAME   since:YYYY-MM-DD   until:YYYY-MM-DD\n"
     "A match in the title or root cause ranks above one in the body.\n"
     "\n"
     "  --json      SPEC.md's JSON, as GET /api/search answers\n"
     "  --limit N   at most N results (default 20)\n"},
    {"show", hs__cmd_show, "one postmortem with every extracted field",
     "usage: hindsight [--db PATH] show [--json] ID\n"
     "       hindsight show [--json] --file FILE.md\n"
     "\n"
     "ID is the front matter id or uuid, else the path relative to the\n"
     "indexed folder without .md (as search prints it). With --file, shows\n"
     "what hindsight extracts from one markdown file, without an index.\n"},
    {"similar", hs__cmd_similar, "past incidents similar to the symptoms given",
     "usage: hindsight [--db PATH] similar [--json] [--limit N]\n"
     "                 [--symptom TEXT]... [--service NAME] [--tag NAME]...\n"
     "                 [--concepts FILE] [--stdin] [TEXT...]\n"
     "\n"
     "Ranks past postmortems by how well they match the symptoms of a live\n"
     "incident. With --stdin, reads a JSON incident\n"
     "{\"symptoms\":[...],\"title\":...,\"service\":...,\"tags\":[...]} or a "
     "raw\n"
     "Alertmanager (v4), PagerDuty (V3 webhook) or Grafana alerting payload.\n"
     "Alert names are split (KubePodCrashLooping -> kube pod crash looping),\n"
     "label noise (addresses, hashes, URLs, timestamps) is dropped, and\n"
     "common abbreviations are expanded (db, k8s, oom, 5xx, cert, ...), and\n"
     "phrases of the operations thesaurus bring in their other phrasings\n"
     "(matched: maxed out ~ exhausted). --concepts FILE adds thesaurus lines\n"
     "'name: phrase, phrase'. Each result shows the terms it matched, how it\n"
     "was resolved, its runbook and dashboard links, its family of repeat\n"
     "incidents and its open action items; the first line says whether this\n"
     "was seen before: new, rare or frequent.\n"},
    {"families", hs__cmd_families, "postmortems of the same failure",
     "usage: hindsight [--db PATH] families [--json] [ID]\n"
     "\n"
     "Every family of two or more postmortems of the same failure, largest\n"
     "first, or the family of postmortem ID. `index` recomputes them.\n"},
    {"report", hs__cmd_report, "overdue action items and the weekly review",
     "usage: hindsight [--db PATH] report overdue|weekly [--as-of YYYY-MM-DD]\n"
     "                 [--owner NAME] [--format md|html|json|csv] [--out "
     "FILE]\n"
     "\n"
     "overdue  open action items past their due date (status not done;\n"
     "         unknown counts as open), most overdue first, grouped by owner,\n"
     "         plus open items with no owner or no due date\n"
     "weekly   the week's review: postmortems dated in the 7 days up to\n"
     "         --as-of, overdue items by owner, items due in the next 7\n"
     "         days, items with no owner or no due date\n"
     "\n"
     "  --as-of DATE   the day to report on (default: today, UTC)\n"
     "  --owner NAME   only this owner's items (case-insensitive)\n"
     "  --format F     md (default), html (a self-contained page), json, csv\n"
     "  --json         same as --format json\n"
     "  --out FILE     write to FILE instead of stdout\n"},
    {"site", hs__cmd_site, "write the static web view",
     "usage: hindsight [--db PATH] site --out DIR [--as-of YYYY-MM-DD]\n"
     "\n"
     "Writes the web view into DIR: index.html (every postmortem, sortable\n"
     "and filterable), a page per postmortem (the markdown rendered safely,\n"
     "the facts, action items with overdue badges, similar incidents), pages\n"
     "per tag and service, actions.html, trends.html, and a search box that\n"
     "works with no server. Relative links only, no network requests: open\n"
     "DIR/index.html from disk or put DIR on any web server. Only files whose\n"
     "content changes are rewritten; pages of removed postmortems are\n"
     "deleted. --as-of dates the overdue badges (default: today, UTC).\n"},
    {"serve", hs__cmd_serve, "HTTP API and alert webhook",
     "usage: hindsight [--db PATH] serve [--listen ADDR:PORT] [--token-file "
     "FILE]\n"
     "                 [--threads N] [--concepts FILE] [--quiet]\n"
     "\n"
     "--concepts FILE adds thesaurus lines ('name: phrase, phrase') for\n"
     "similar, as `similar --concepts` does.\n"
     "Serves SPEC.md's JSON API (/api/health, /api/search, /api/similar,\n"
     "/api/alerts, /api/postmortems, /api/action-items) from the index,\n"
     "with one read-only connection per worker thread, so answers follow\n"
     "each 'hindsight index' run as soon as it commits. POST /api/alerts\n"
     "takes Alertmanager, PagerDuty and Grafana webhooks and keeps each\n"
     "alert with its similar postmortems. Stops cleanly on SIGINT/SIGTERM.\n"
     "\n"
     "  --listen ADDR:PORT  where to listen (default 127.0.0.1:8080)\n"
     "  --token-file FILE   require 'Authorization: Bearer <first line of\n"
     "                      FILE>' on /api/* (except /api/health)\n"
     "  --threads N         worker threads (default: one per core)\n"
     "  --quiet             no access log on stderr\n"},
    {"check", hs__cmd_check, "lint postmortems: missing or unparseable fields",
     "usage: hindsight check [--quiet] PATH...\n"
     "\n"
     "Reports, as FILE:LINE: message, every postmortem without a title,\n"
     "date, severity or root cause, action items without an owner or due\n"
     "date, and dates, durations or severities that cannot be read. Exits 1\n"
     "if it found anything. Needs no index.\n"},
};

static void print_help(FILE *f) {
    fputs("usage: hindsight [--db PATH] COMMAND [ARGS]\n"
          "\n"
          "hindsight reads incident postmortems written in markdown, indexes\n"
          "their facts and answers: what happened before, what looks like\n"
          "this incident, and which follow-ups are overdue.\n"
          "\n"
          "commands:\n",
          f);
    for (size_t i = 0; i < HS_ARRAY_LEN(commands); i++)
        fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].summary);
    fputs("\n"
          "options for every command:\n"
          "  --db PATH    the index (default: $HINDSIGHT_DB, else "
          "./hindsight.db)\n"
          "  --json       machine output (search, show, similar, report)\n"
          "  --limit N    at most N results\n"
          "  -h, --help   help; 'hindsight COMMAND --help' for one command\n"
          "  --version    print the version\n"
          "\n"
          "exit status: 0 success, 1 failure (or problems found by check),\n"
          "2 usage error\n",
          f);
}

/*
 * Global options may come before the command, and --db/--json/--limit
 * also after it; the command sees the rest of its arguments in order.
 */
int hs__cli_main(int argc, char **argv) {
    hs__cli cli = {0};
    const hs__cmd *cmd = NULL;
    char **rest;
    int n_rest = 0, i;
    const char *env = getenv("HINDSIGHT_DB");

    cli.db = env && *env ? env : "hindsight.db";
    cli.is_tty = isatty(STDOUT_FILENO);
    rest = hs__xcalloc((size_t)argc + 1, sizeof(char *));
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--")) {
            for (i++; i < argc; i++)
                rest[n_rest++] = argv[i];
            break;
        }
        if (!strcmp(a, "--db") || !strncmp(a, "--db=", 5)) {
            const char *v =
                a[4] == '=' ? a + 5 : (i + 1 < argc ? argv[++i] : NULL);
            if (!v || !*v) {
                free(rest);
                return hs__usage_error(cmd ? cmd->name : NULL,
                                       "--db needs a path");
            }
            cli.db = v;
        } else if (!strcmp(a, "--json")) {
            cli.is_json = 1;
        } else if (!strcmp(a, "--limit") || !strncmp(a, "--limit=", 8)) {
            const char *v =
                a[7] == '=' ? a + 8 : (i + 1 < argc ? argv[++i] : NULL);
            cli.limit = v ? hs__parse_limit(v) : -1;
            if (cli.limit < 0) {
                free(rest);
                return hs__usage_error(cmd ? cmd->name : NULL,
                                       "--limit needs a number from 1 to 1000");
            }
        } else if (!cmd && !strcmp(a, "--version")) {
            free(rest);
            printf("hindsight %s\n", HS_VERSION);
            return HS_EXIT_OK;
        } else if (!cmd && (!strcmp(a, "-h") || !strcmp(a, "--help") ||
                            !strcmp(a, "help"))) {
            free(rest);
            print_help(stdout);
            return HS_EXIT_OK;
        } else if (cmd && (!strcmp(a, "-h") || !strcmp(a, "--help"))) {
            fputs(cmd->usage, stdout);
            free(rest);
            return HS_EXIT_OK;
        } else if (!cmd && a[0] == '-') {
            free(rest);
            return hs__usage_error(NULL, "unknown option '%s'", a);
        } else if (!cmd) {
            for (size_t k = 0; k < HS_ARRAY_LEN(commands); k++)
                if (!strcmp(a, commands[k].name))
                    cmd = &commands[k];
            if (!cmd) {
                free(rest);
                return hs__usage_error(NULL, "unknown command '%s'", a);
            }
        } else {
            rest[n_rest++] = argv[i];
        }
    }
    if (!cmd) {
        free(rest);
        print_help(stderr);
        return HS_EXIT_USAGE;
    }
    i = cmd->fn(&cli, n_rest, rest);
    free(rest);
    return i;
}
