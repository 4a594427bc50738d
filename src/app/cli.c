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
    {"index", hs__cmd_index, HS_TAKES_JSON | HS_TAKES_CONFIG,
     "ingest markdown postmortems into the index",
     "usage: hindsight [--db PATH] index [--full] [--jobs N] [--verbose]\n"
     "                 [--json] DIR|FILE...\n"
     "\n"
     "Reads every *.md and *.markdown file under each DIR (recursively,\n"
     "skipping hidden entries and links that lead out of DIR) and each FILE,\n"
     "extracts its facts and stores them in the index. Unchanged files are\n"
     "skipped; a file that disappeared is removed only if it lay under a\n"
     "folder named in this run. Prints how many files were added, updated,\n"
     "removed, unchanged and failed; each failure is reported on stderr.\n"
     "Files over 2 MiB (max_file_size in hindsight.yml, at most 8 MiB),\n"
     "binary files, FIFOs and devices are skipped.\n"
     "Exits 1 if any file failed (the others are indexed all the same).\n"
     "The first run, with no file at --db yet, builds the index beside it\n"
     "(DB-new) and moves it into place when done: an interrupted first run\n"
     "leaves no index, never half of one.\n"
     "\n"
     "A postmortem's id is its front matter id or uuid, else its path under\n"
     "the outermost folder it was indexed from, without the extension (a\n"
     "FILE indexed alone: its file name). When another file holds that id,\n"
     "the later file in path order gets its folder's name in front (b/x,\n"
     "then b/x-2), with a warning.\n"
     "\n"
     "  --full    forget the whole index and rebuild it from the files named\n"
     "            (also recovers from a damaged index file; a --db file\n"
     "            that is not a hindsight index is refused, never replaced)\n"
     "  --jobs N  read and parse files on N threads (1 to 64; -j N too)\n"
     "            while one thread writes the index; the index is the\n"
     "            same whatever N (default: one per online CPU)\n"
     "  --verbose say on stderr how many threads read "
     "and parsed, the\n"
     "            time the run took, and each step's wall-clock time\n"
     "            and the CPU time of every thread meanwhile\n"
     "  --json    print the counts as JSON\n"},
    {"search", hs__cmd_search, HS_TAKES_JSON | HS_TAKES_LIMIT,
     "keyword search, best first",
     "usage: hindsight [--db PATH] search [--json] [--limit N] QUERY...\n"
     "\n"
     "Words and \"quoted phrases\" must all match (stemmed: 'timeouts'\n"
     "finds 'timeout'); word* matches a prefix (of 2 letters or more) and\n"
     "-word excludes. Filters:\n"
     "  severity:SEV1 (also sev:1, sev:1,2)   tag:NAME   service:NAME\n"
     "  owner:NAME   since:YYYY-MM-DD   until:YYYY-MM-DD\n"
     "A match in the title or root cause ranks above one in the body.\n"
     "Any other NAME:VALUE (NAME letters and _) is refused as an unknown\n"
     "filter; 12:30 and URLs are words. On a terminal matches are bold\n"
     "(unless NO_COLOR is set), else [marked].\n"
     "\n"
     "  --json      the JSON GET /api/search answers, byte for byte\n"
     "  --limit N   at most N results (default " HS_XSTR(
         HS_LIMIT_DEFAULT) ")\n"},
    {"show", hs__cmd_show, HS_TAKES_JSON | HS_TAKES_CONFIG,
     "one postmortem with every extracted field",
     "usage: hindsight [--db PATH] show [--json] [--explain] ID\n"
     "       hindsight show [--json] [--explain] --file FILE.md\n"
     "\n"
     "ID is the front matter id or uuid, else the path relative to the\n"
     "indexed folder without .md (as search prints it). With --file, shows\n"
     "what hindsight extracts from one markdown file, without an index.\n"
     "--explain adds, for each fact, the line it came from and the rule\n"
     "that found it (--json always has them, as \"sources\").\n"},
    {"similar", hs__cmd_similar,
     HS_TAKES_JSON | HS_TAKES_LIMIT | HS_TAKES_CONFIG,
     "past incidents similar to the symptoms given",
     "usage: hindsight [--db PATH] similar [--json] [--limit N]\n"
     "                 [--symptom TEXT]... [--service NAME] [--tag NAME]...\n"
     "                 [--title TEXT] [--concepts FILE] [--stdin] [TEXT...]\n"
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
     "incidents and its first three open action items (--json: all); the\n"
     "first line says whether this was seen before: new, rare or frequent.\n"
     "\n"
     "  --symptom TEXT  one symptom (repeatable); TEXT... makes one more\n"
     "  --service NAME, --tag NAME, --title TEXT  what else is known of the\n"
     "                  incident: postmortems of that service or those tags\n"
     "                  rank higher\n"
     "  --json          the JSON POST /api/similar answers, byte for byte\n"
     "  --limit N       at most N results (default 10)\n"},
    {"families", hs__cmd_families, HS_TAKES_JSON,
     "postmortems of the same failure",
     "usage: hindsight [--db PATH] families [--json] [ID]\n"
     "\n"
     "Every family of two or more postmortems of the same failure, largest\n"
     "first, or the family of postmortem ID. `index` recomputes them.\n"},
    {"report", hs__cmd_report, HS_TAKES_JSON,
     "overdue action items and the weekly review",
     "usage: hindsight [--db PATH] report overdue|weekly [--as-of YYYY-MM-DD]\n"
     "                 [--owner NAME] [--format md|html|json|csv] [--out "
     "FILE]\n"
     "                 [--post URL|@FILE] [--timeout S] [--mail ADDRESS]\n"
     "\n"
     "overdue  open action items past their due date (status not done;\n"
     "         unknown counts as open), most overdue first, grouped by owner,\n"
     "         plus open items with no owner or no due date\n"
     "weekly   the week's review: postmortems dated in the 7 days up to\n"
     "         --as-of, overdue items by owner, items due in the next 7\n"
     "         days, items with no owner or no due date\n"
     "\n"
     "  --as-of DATE   the day to report on, 1900-01-01 to 2199-12-31\n"
     "                 (default: today, UTC)\n"
     "  --owner NAME   only this owner's items (case-insensitive)\n"
     "  --format F     md (default), html (a self-contained page), json, csv\n"
     "                 (a CSV cell that would start a formula gets a "
     "leading ')\n"
     "  --json         same as --format json (refused with another "
     "--format)\n"

     "  --out FILE     write to FILE instead of stdout\n"
     "\n"
     "Delivery (nothing goes to stdout then, unless --out names it):\n"
     "  --post URL     send the report in Markdown to a chat incoming\n"
     "                 webhook (Slack, Mattermost, Rocket.Chat), split into\n"
     "                 messages of at most 3,500 bytes; @FILE reads the URL\n"
     "                 from FILE's first line. 429 and 5xx answers are\n"
     "                 retried (Retry-After honoured); the URL is never\n"
     "                 printed, only its scheme://host\n"
     "  --timeout S    give up on an answer after S seconds (default 10)\n"
     "  --mail ADDR    mail the report (plain text and HTML) to ADDR through\n"
     "                 'sendmail -t' ($SENDMAIL names another program)\n"},
    {"site", hs__cmd_site, 0, "write the static web view",
     "usage: hindsight [--db PATH] site --out DIR [--as-of YYYY-MM-DD] "
     "[--force]\n"
     "\n"
     "Writes the web view into DIR: index.html (every postmortem, sortable\n"
     "and filterable), a page per postmortem (the markdown rendered safely,\n"
     "the facts, action items with overdue badges, similar incidents), pages\n"
     "per tag and service, actions.html, trends.html, and a search box that\n"
     "works with no server. Relative links only, no network requests: open\n"
     "DIR/index.html from disk or put DIR on any web server. Only files whose\n"
     "content changes are rewritten; pages of removed postmortems are\n"
     "deleted. --as-of dates the overdue badges (default: today, UTC).\n"
     "\n"
     "DIR/.hindsight-site lists the files written; a later run deletes only\n"
     "files listed there, never one it did not write. DIR must be new, empty\n"
     "or written by an earlier site run:\n"
     "  --force   write into a non-empty folder anyway (its other files are\n"
     "            left alone)\n"},
    {"serve", hs__cmd_serve, HS_TAKES_CONFIG, "HTTP API and alert webhook",
     "usage: hindsight [--db PATH] serve [--listen ADDR:PORT] [--token-file "
     "FILE]\n"
     "                 [--allowed-host NAME]... [--per-client-limit N]\n"
     "                 [--threads N] [--quiet] [--state URL] [--concepts "
     "FILE]\n"
     "                 [--watch] [--watch-dir DIR]... [--index-jobs N]\n"
     "                 [--alerts-keep DAYS]\n"
     "\n"
     "Serves the JSON API (/api/health, /api/search, /api/similar,\n"
     "/api/alerts, /api/postmortems, /api/action-items) and the web view\n"
     "from the index, with one read-only connection per worker thread, so\n"
     "answers follow each 'hindsight index' run as soon as it commits. POST\n"
     "/api/alerts takes Alertmanager, PagerDuty and Grafana webhooks (at\n"
     "most 100 alerts per body are recorded; the answer counts the rest in\n"
     "\"truncated_alerts\", and names in \"ignored\" an alert it could not\n"
     "read, which it leaves out) and keeps each alert with its similar\n"
     "postmortems. JSON POSTs need Content-Type: application/json (else\n"
     "415). On SIGINT/SIGTERM it stops accepting, lets requests in flight\n"
     "finish (at most 30 s), then exits.\n"
     "\n"
     "  --listen ADDR:PORT  where to listen (default 127.0.0.1:8080); on a\n"
     "                      loopback address only requests whose Host is\n"
     "                      localhost, 127.x.y.z or [::1] are answered (403)\n"
     "  --allowed-host NAME also answer Host NAME (any port), e.g. behind a\n"
     "                      proxy; repeatable; given, the Host check is on\n"
     "                      whatever the address\n"
     "  --token-file FILE   every path but /api/health needs the token (the\n"
     "                      first line of FILE): 'Authorization: Bearer\n"
     "                      TOKEN', or a browser signs in once on a login\n"
     "                      form and keeps an HttpOnly session cookie\n"
     "  --per-client-limit N  connections one client address may hold\n"
     "                      (default 128, of at most 1024)\n"
     "  --threads N         worker threads (default: one per core)\n"
     "  --quiet             no access log and no libmicrohttpd messages on\n"
     "                      stderr (request data in the log is escaped)\n"
     "  --state URL         keep received alerts in PostgreSQL\n"
     "                      (postgresql://...; default $HINDSIGHT_STATE,\n"
     "                      else a SQLite file beside the index), shared\n"
     "                      by replicas: see docs/deploy.md\n"
     "  --concepts FILE     thesaurus lines ('name: phrase, phrase') for\n"
     "                      similar, as similar --concepts adds them\n"
     "  --watch             keep the index fresh: watch the folders it was\n"
     "                      indexed from (inotify, recursively) and index\n"
     "                      them again after their markdown changes (0.5 s\n"
     "                      of quiet, at most 3 s after the first change),\n"
     "                      in the background; each run is logged, and a\n"
     "                      failed one leaves the previous index serving;\n"
     "                      /api/health counts \"index_runs\"\n"
     "  --watch-dir DIR     watch and index DIR instead (repeatable; implies\n"
     "                      --watch)\n"
     "  --index-jobs N      threads that read and parse files in --watch's\n"
     "                      index runs, as index --jobs (default: one per\n"
     "                      online CPU)\n"
     "  --alerts-keep DAYS  delete received alerts not seen for DAYS days,\n"
     "                      at start and once a day (default 90; 0 keeps\n"
     "                      them for ever)\n"},
    {"check", hs__cmd_check, HS_TAKES_JSON | HS_TAKES_CONFIG,
     "lint postmortems: missing or unparseable fields",
     "usage: hindsight check [--quiet] [--format text|github|json] PATH...\n"
     "\n"
     "Reports, as FILE:LINE: message, every postmortem without a title,\n"
     "date, severity or root cause, action items without an owner or due\n"
     "date, dates, durations or severities that cannot be read, front\n"
     "matter nested over 64 levels, and tags or services past the 64 kept\n"
     "per postmortem, and, as notes, section headings and bold section\n"
     "lines it does not recognise (hindsight.yml's names: can name them).\n"
     "Exits 1 if it found a problem (notes alone do not count). Needs no\n"
     "index.\n"
     "\n"
     "  --format text    FILE:LINE: message, and FILE: ok (the default)\n"
     "  --format github  GitHub Actions annotations:\n"
     "                   ::warning file=FILE,line=N::message\n"
     "  --format json    [{\"file\",\"line\",\"severity\",\"message\"}]"
     " (also --json)\n"
     "  -q, --quiet      no notes and no 'FILE: ok' lines\n"},
};

static const hs__cmd *find_cmd(const char *name) {
    for (size_t k = 0; k < HS_ARRAY_LEN(commands); k++)
        if (!strcmp(name, commands[k].name))
            return &commands[k];
    return NULL;
}

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
    fputs(
        "\n"
        "options for every command:\n"
        "  --db PATH    the index (default: $HINDSIGHT_DB, else "
        "./hindsight.db)\n"
        "  --config FILE  a house-style file (hindsight.yml) for index,\n"
        "               show --file, check, similar and serve; they otherwise\n"
        "               read the hindsight.yml of each folder named (or\n"
        "               file's folder; similar and serve: indexed folder)\n"
        "  --json       machine output (index, search, show, similar, "
        "report)\n"
        "  --limit N    at most N results (search, similar)\n"
        "  -h, --help   help; 'hindsight help COMMAND' or 'hindsight "
        "COMMAND --help'\n"
        "               for one command\n"
        "  --           end of options: what follows is words, IDs or "
        "paths\n"
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
static int cli_run(int argc, char **argv) {
    hs__cli cli = {0};
    const hs__cmd *cmd = NULL;
    char **rest;
    int n_rest = 0, i, rc = -1;
    const char *env = getenv("HINDSIGHT_DB");
    const char *no_color = getenv("NO_COLOR");
    int has_json = 0, has_limit = 0, has_config = 0;

    cli.db = env && *env ? env : "hindsight.db";
    cli.is_tty = isatty(STDOUT_FILENO);
    /* https://no-color.org: present and not empty means no colour */
    cli.is_color = cli.is_tty && !(no_color && *no_color);
    rest = hs__xcalloc((size_t)argc + 1, sizeof(char *));
    for (i = 1; i < argc && rc < 0; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--")) {
            /* the command sees "--" too: it ends the command's options */
            if (cmd)
                rest[n_rest++] = argv[i];
            for (i++; i < argc; i++)
                rest[n_rest++] = argv[i];
            break;
        }
        if (!strcmp(a, "--db") || !strncmp(a, "--db=", 5)) {
            const char *v =
                a[4] == '=' ? a + 5 : (i + 1 < argc ? argv[++i] : NULL);
            if (!v || !*v)
                rc = hs__usage_error(cmd ? cmd->name : NULL,
                                     "--db needs a path");
            cli.db = v;
        } else if (!strcmp(a, "--config") || !strncmp(a, "--config=", 9)) {
            const char *v =
                a[8] == '=' ? a + 9 : (i + 1 < argc ? argv[++i] : NULL);
            if (!v || !*v) {
                free(rest);
                return hs__usage_error(cmd ? cmd->name : NULL,
                                       "--config needs a file");
            }
            cli.config = v;
            has_config = 1;
        } else if (!strcmp(a, "--json")) {
            cli.is_json = 1;
            has_json = 1;
        } else if (!strcmp(a, "--limit") || !strncmp(a, "--limit=", 8)) {
            const char *v =
                a[7] == '=' ? a + 8 : (i + 1 < argc ? argv[++i] : NULL);
            cli.limit = v ? hs__parse_limit(v) : -1;
            has_limit = 1;
            if (cli.limit < 0)
                rc = hs__usage_error(
                    cmd ? cmd->name : NULL,
                    "--limit needs a number from 1 to " HS_XSTR(HS_LIMIT_MAX));
        } else if (!cmd && !strcmp(a, "--version")) {
            printf("hindsight %s\n", HS_VERSION);
            rc = HS_EXIT_OK;
        } else if (!cmd && !strcmp(a, "help") && i + 1 < argc) {
            /* help COMMAND: that command's help */
            const hs__cmd *c = find_cmd(argv[i + 1]);
            if (!strcmp(argv[i + 1], "-h") || !strcmp(argv[i + 1], "--help") ||
                !strcmp(argv[i + 1], "help")) {
                /* help --help, help help: the general help */
                print_help(stdout);
                rc = HS_EXIT_OK;
            } else if (c) {
                fputs(c->usage, stdout);
                rc = HS_EXIT_OK;
            } else {
                rc = hs__usage_error(NULL, "unknown command '%s'", argv[i + 1]);
            }
        } else if (!cmd && (!strcmp(a, "-h") || !strcmp(a, "--help") ||
                            !strcmp(a, "help"))) {
            print_help(stdout);
            rc = HS_EXIT_OK;
        } else if (cmd && (!strcmp(a, "-h") || !strcmp(a, "--help"))) {
            fputs(cmd->usage, stdout);
            rc = HS_EXIT_OK;
        } else if (!cmd && a[0] == '-') {
            rc = hs__usage_error(NULL, "unknown option '%s'", a);
        } else if (!cmd) {
            if (!(cmd = find_cmd(a)))
                rc = hs__usage_error(NULL, "unknown command '%s'", a);
        } else {
            rest[n_rest++] = argv[i];
        }
    }
    if (rc >= 0)
        goto out;
    if (!cmd) {
        print_help(stderr);
        rc = HS_EXIT_USAGE;
        goto out;
    }
    /* an option the command would ignore is refused, as a mistyped one */
    if ((has_json && !(cmd->takes & HS_TAKES_JSON)) ||
        (has_limit && !(cmd->takes & HS_TAKES_LIMIT)) ||
        (has_config && !(cmd->takes & HS_TAKES_CONFIG))) {
        rc = hs__usage_error(
            cmd->name, "%s has no %s option", cmd->name,
            has_json && !(cmd->takes & HS_TAKES_JSON)     ? "--json"
            : has_limit && !(cmd->takes & HS_TAKES_LIMIT) ? "--limit"
                                                          : "--config");
        goto out;
    }
    rc = cmd->fn(&cli, n_rest, rest);
out:
    free(rest);
    return rc;
}

/*
 * Output that could not be written is a failure, whatever the command
 * (`hindsight search pool > /dev/full`): stdio keeps the error until the
 * last flush, so it is checked once, here.
 */
int hs__cli_main(int argc, char **argv) {
    int rc = cli_run(argc, argv);
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        hs__output_failed(errno);
        return rc ? rc : HS_EXIT_FAIL;
    }
    return rc;
}
