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
    const char *db; /* --db, $HINDSIGHT_DB, or ./hindsight.db */
    int is_json;    /* --json */
    int limit;      /* --limit, 0 when not given */
    int is_tty;     /* stdout is a terminal */
} hs__cli;

typedef int hs__cmd_fn(hs__cli *cli, int argc, char **argv);

typedef struct hs__cmd {
    const char *name;
    hs__cmd_fn *fn;
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
/* Exit code for a library error code. */
int hs__exit_for(int code);
/* Print err and return the exit code for it. */
int hs__fail(const hs_error *err);

/* Parse a positive --limit value; returns -1 if bad. */
int hs__parse_limit(const char *s);

/* Open the index; prints and returns non-zero exit code on failure. */
int hs__open_store(hs__cli *cli, unsigned flags, hs_store **out);

/* Write `s` to stdout or to --out FILE; returns an exit code. */
int hs__emit(const char *s, const char *out_path);

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
int hs__cmd_report(hs__cli *cli, int argc, char **argv);
int hs__cmd_serve(hs__cli *cli, int argc, char **argv);
int hs__cmd_site(hs__cli *cli, int argc, char **argv);

#endif
