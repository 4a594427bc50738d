#!/bin/sh
# t985: an SQLite file of another program that carries a schema version
# (user_version 3) but neither our application_id nor our tables is
# refused before anything is written to it, by index and by index --full.
# It was taken for an index: index failed with "no such table: fts", and
# index --full would have replaced the file.
. "$REPO/tests/cli/lib.sh"

command -v sqlite3 >/dev/null 2>&1 || skip "sqlite3 is absent"
sqlite3 other.db "CREATE TABLE t(x); INSERT INTO t VALUES (1);
PRAGMA user_version = 3;"
cp other.db before.db
keep_going
for how in "" "--full"; do
    # shellcheck disable=SC2086 # the optional flag
    run "$HINDSIGHT" --db other.db index $how "$CORPUS"
    assert_exit 1
    assert_contains err "'other.db' is an SQLite database but not a hindsight index"
    cmp -s other.db before.db || fail "index $how changed other.db"
    [ ! -e other.db-wal ] || fail "index $how made other.db a WAL database"
done
# another program's file with an application_id of its own
sqlite3 app.db "PRAGMA application_id = 1; PRAGMA user_version = 5;
CREATE TABLE postmortems(x);"
run "$HINDSIGHT" --db app.db search x
assert_exit 1
assert_contains err "not a hindsight index"
# an index of ours still opens and is updated
run "$HINDSIGHT" --db ours.db index "$CORPUS"
assert_exit 0
run "$HINDSIGHT" --db ours.db index --full "$CORPUS"
assert_exit 0
assert_contains out "updated"
finish
