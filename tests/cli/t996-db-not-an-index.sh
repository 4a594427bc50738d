#!/bin/sh
# t996: --db naming a file that is not an index, for each command.
# - A reader (search, show, report, families, site) said the text file was
#   "not a hindsight index; refusing to replace it": it replaces nothing.
#   Only index, which would, says so.
# - The rest was right and stays so: nothing written to the file, exit 1,
#   one line; a FIFO, a folder, another program's SQLite database and a
#   newer schema are refused by name.
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir pm
printf '# Pool exhausted on payment-api\n\nThe connection pool was exhausted.\n' > pm/a.md
echo 'my notes, not an index' > notes.db
cp notes.db notes.orig
for c in "search pool" "show a" "report overdue" "families" "site --out web"; do
    hs --db notes.db $c
    assert_exit 1
    assert_eq "$(wc -l < err | tr -d ' ')" 1 "$c: lines of stderr"
    assert_contains err "'notes.db' is not a hindsight index; give --db another path"
    assert_not_contains err 'refusing'
done
hs --db notes.db index pm
assert_exit 1
assert_contains err "'notes.db' is not a hindsight index; refusing to replace it"
hs --db notes.db index --full pm
assert_exit 1
assert_contains err 'refusing to replace it'
cmp -s notes.db notes.orig || fail "notes.db was changed"
[ ! -e notes.db-wal ] || fail "notes.db-wal was left"

hs --db ok.db index pm
assert_exit 0
size=$(wc -c < ok.db)
head -c $((size / 2)) ok.db > half.db
hs --db half.db search pool
assert_exit 1
assert_contains err "index 'half.db' is damaged; rebuild it with 'hindsight index --full DIR'"
python3 -c "
import sqlite3; c = sqlite3.connect('ok.db'); c.execute('PRAGMA user_version = 999'); c.commit()"
hs --db ok.db search pool
assert_exit 1
assert_contains err "index 'ok.db' was written by a newer hindsight (schema 999"

finish
