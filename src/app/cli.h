/*
 * The command line: cli.c parses the global options and dispatches through
 * the command table; cli_*.c hold the commands. Only these files print
 * diagnostics or choose exit codes.
 */
#ifndef HS_CLI_H
#define HS_CLI_H

#include "hindsight.h"
#include <stdio.h>

#define HS_EXIT_OK 0
#define HS_EXIT_FAIL 1
#define HS_EXIT_USAGE 2

typedef struct hs__cli {
    const char *db;     /* --db, $HINDSIGHT_DB, or ./hindsight.db */
    int is_json;        /* --json */
    int limit;          /* --limit, 0 when not given */
    int is_tty;         /* stdout is a terminal */
    int is_color;       /* is_tty and $NO_COLOR unset or empty */
    const char *config; /* --config FILE, or NULL */
} hs__cli;

typedef int hs__cmd_fn(hs__cli *cli, int argc, char **argv);

/* The global options a command reads: --json or --limit given to a command
 * that would ignore it is a usage error, not a silent no-op. */
enum {
    HS_TAKES_JSON = 1 << 0,
    HS_TAKES_LIMIT = 1 << 1,
    HS_TAKES_CONFIG = 1 << 2
};

typedef struct hs__cmd {
    const char *name;
    hs__cmd_fn *fn;
    unsigned takes; /* HS_TAKES_* */
    const char *summary;
    const char *usage; /* full help text */
} hs__cmd;

int hs__cli_main(int argc, char **argv);

/* "hindsight: <msg>" on stderr. Returns HS_EXIT_FAIL. */
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
int hs__die(const char *fmt, ...);
/* "hindsight CMD: <msg>" plus a pointer to --help. Returns HS_EXIT_USAGE. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
int hs__usage_error(const char *cmd, const char *fmt, ...);
/*
 * printf to stdout for people: control characters in the result (from a
 * postmortem, a file name) are shown as \xNN, never sent to the terminal
 * raw. Tab and newline pass. JSON output does not go through here.
 */
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
void hs__tprintf(const char *fmt, ...);
/*
 * Print an API snippet (HTML-escaped, matches in <mark>) for a terminal:
 * `indent`, the text with entities decoded and control characters shown,
 * matches bold with colour or else [word], then a newline.
 */
void hs__print_snippet(const hs__cli *cli, const char *indent,
                       const char *html);
/* Print a JSON document (as the HTTP API answers it) and a newline;
 * frees it. */
void hs__print_json(char *json);
/* Exit code for a library error code. */
int hs__exit_for(int code);
/* Print err and return the exit code for it. */
int hs__fail(const hs_error *err);

/*
 * Options end at the first "--": returns 1 when `arg` is that "--" (the
 * caller skips it) and sets *is_end, after which every argument is an
 * operand even if it starts with '-'. Returns 0 for any other argument.
 */
int hs__options_end(const char *arg, int *is_end);

/*
 * Check the value of a date option such as --as-of: YYYY-MM-DD, a real
 * day from HS_YEAR_MIN to HS_YEAR_MAX. Returns 0, or prints a usage error
 * for `cmd` and returns HS_EXIT_USAGE.
 */
int hs__check_date_opt(const char *cmd, const char *opt, const char *v);

/* A number from min to max (min >= 0) written in digits only; -1 if bad. */
int hs__parse_count(const char *s, int min, int max);

/* Parse a positive --limit value; returns -1 if bad. */
int hs__parse_limit(const char *s);

/* Open the index; prints and returns non-zero exit code on failure. */
int hs__open_store(hs__cli *cli, unsigned flags, hs_store **out);

/*
 * Say that stdout could not be written, with `saved` (the errno of the
 * failed write, 0 when it is no longer known), and clear the stream's
 * error so that it is said once: hs__cli_main asks again at the end, for
 * the commands that did not. Returns HS_EXIT_FAIL.
 */
int hs__output_failed(int saved);
/*
 * The secret in the first line of the file at `path` (a token, a webhook
 * URL), without surrounding white space; `what` names it in the messages
 * ("token file 'x' is empty"). A first line over 4,096 bytes (it was cut
 * there) or holding a NUL byte (it ended the secret there) is refused, and
 * /dev/zero ends. Returns the secret (caller frees), or NULL after printing
 * why.
 */
char *hs__read_secret_file(const char *path, const char *what);

/*
 * A file name or id as one line of output: as it is, or, when it holds a
 * control character, '"' or '\\', C-quoted as git does ("a\nb.md"), so
 * that a name with a newline cannot forge a FILE:LINE line. Borrowed:
 * `name` itself or b's bytes, valid until b changes.
 */
struct hs__buf;
const char *hs__cli_name(struct hs__buf *b, const char *name);

/* Commands (cli_cmds.c, cli_report.c, cli_serve.c). */
/* "SEV1".."SEV4", or "-   " for none: the severity column of a list. */
const char *hs__cli_sev_name(int sev);

int hs__cmd_index(hs__cli *cli, int argc, char **argv);
int hs__cmd_search(hs__cli *cli, int argc, char **argv);
int hs__cmd_show(hs__cli *cli, int argc, char **argv);
int hs__cmd_check(hs__cli *cli, int argc, char **argv);
int hs__cmd_similar(hs__cli *cli, int argc, char **argv);
int hs__cmd_families(hs__cli *cli, int argc, char **argv);
/* Add the concept lines of file `path` to the store's thesaurus; 0 or an
 * exit status (after saying why). */
int hs__cli_load_concepts(hs_store *s, const char *path);
/*
 * The house style for `path` when --config is not given, by index's rule:
 * the hindsight.yml at the root of a folder named, or in the folder of a
 * file named; --config FILE when given. *out stays NULL when there is none.
 */
int hs__cli_house_style(const hs__cli *cli, const char *path, hs_config **out,
                        hs_error *err);
/*
 * Add the `concepts:` lines of the house style (--config FILE, else the
 * hindsight.yml of each folder the index was made from) to the store's
 * thesaurus, and to `out` when not NULL (serve hands them to its workers).
 * 0, or an exit status after a message.
 */
int hs__cli_house_concepts(const hs__cli *cli, hs_store *s,
                           struct hs__buf *out);
int hs__cmd_report(hs__cli *cli, int argc, char **argv);
int hs__cmd_serve(hs__cli *cli, int argc, char **argv);
int hs__cmd_site(hs__cli *cli, int argc, char **argv);

#endif
