#!/bin/sh
# t002: usage errors exit 2 with a message on stderr naming the problem and
# nothing on stdout: no command, unknown command, unknown global or command
# option (also for search and show, where '--bogus' must not be taken for a
# query word or an ID), missing arguments, bad --limit, --db without a path,
# an unknown search filter. Checked first with no index (arguments are
# checked before the index is opened, and no database file is created), then
# with one.
. "$REPO/tests/cli/lib.sh"
keep_going


all_usage_errors() {
    usage_error ""
    usage_error frobnicate frobnicate
    usage_error --bogus --bogus
    usage_error --bogus index --bogus "$CORPUS"
    usage_error --bogus check --bogus "$CORPUS"
    usage_error --bogus search --bogus pool
    usage_error --bogus search pool --bogus
    usage_error --bogus show --bogus
    usage_error --bogus show --json --bogus
    usage_error "" index
    usage_error "" search
    usage_error "" search --json
    usage_error "" show
    usage_error "" show --json
    usage_error "" show one two
    usage_error "" show --file
    usage_error "" check
    usage_error --db --db
    usage_error --limit search --limit
    usage_error --limit search --limit x pool
    usage_error --limit search --limit 0 pool
    usage_error --limit search --limit -1 pool
    usage_error --limit search --limit 99999999999999999999 pool
    usage_error bogus: search bogus:value pool
}

all_usage_errors
for f in hindsight.db hindsight.db-wal hindsight.db-shm; do
    [ ! -e "$f" ] || fail "a usage error created $f"
done

hs index "$CORPUS"
assert_exit 0
all_usage_errors
finish
