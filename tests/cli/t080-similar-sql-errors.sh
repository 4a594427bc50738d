#!/bin/sh
# t080: `similar` reports a failed SQLite step instead of answering with
# less than it should. Each case replaces one table of a real index with a
# view whose rows fail when they are read (abs() of the smallest integer is
# an overflow error at step time, after the statement prepared fine), then
# `similar` must exit 1 with a message, not 0 with missing boosts, missing
# action items or missing terms. A view that cannot even be prepared (the
# labels table dropped) fails the same way: the boost is not silently off.
. "$REPO/tests/cli/lib.sh"
keep_going
command -v sqlite3 >/dev/null 2>&1 || skip "no sqlite3 shell"

hs index "$CORPUS"
assert_exit 0
cp hindsight.db good.db

broken() { # SQL run on a fresh copy of the good index
    rm -f hindsight.db hindsight.db-wal hindsight.db-shm
    cp good.db hindsight.db
    sqlite3 hindsight.db "$1" || fail "sqlite3: $1"
}
BOOM='abs(-9223372036854775807 - 1)'

# the labels read for the service boost
broken "DROP TABLE labels; CREATE VIEW labels(pm, kind, value) AS
        SELECT rowid, 'tag', $BOOM FROM postmortems;"
hs similar --service payment-api connection pool exhausted
assert_exit 1
assert_contains err "labels"

broken "DROP TABLE labels;"
hs similar --service payment-api connection pool exhausted
assert_exit 1
assert_contains err "labels"

# the open action items of each result
broken "ALTER TABLE action_items RENAME TO ai_real;
        CREATE VIEW action_items(pm, seq, action, owner, due, status) AS
        SELECT pm, seq, action, owner, due, $BOOM FROM ai_real;"
hs similar connection pool exhausted
assert_exit 1
assert_contains err "action items"

# the document frequencies of the terms
broken "DROP TABLE term_df; CREATE VIEW term_df(term, df) AS
        SELECT term, $BOOM FROM fts_vocab;"
hs similar connection pool exhausted
assert_exit 1
assert_contains err "term statistics"

# and the good index answers
rm -f hindsight.db hindsight.db-wal hindsight.db-shm
cp good.db hindsight.db
hs similar --service payment-api connection pool exhausted
assert_exit 0
assert_contains out "connection"
finish
