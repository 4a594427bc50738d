#!/bin/sh
# t067: --db naming an empty file (`touch hindsight.db`, a copy cut short).
# SQLite opens it as a database with no tables, and each reader failed
# with SQLite's words: search "cannot prepare search: no such table: fts",
# report "no such table: action_items", serve "cannot read the indexed
# folders", and families printed "no families" with exit 0. Each now says
# the index is empty and what to run, as for a missing index (exit 1),
# and writes nothing to the file; index fills it as ever.
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir pm
printf '# Pool exhausted on payment-api\n\nThe connection pool was exhausted.\n' > pm/a.md
: > empty.db
for c in "search pool" "show a" "similar pool" "families" "report overdue" \
    "report weekly" "site --out web" "serve --listen 127.0.0.1:0"; do
    hs --db empty.db $c
    assert_exit 1
    assert_eq "$(wc -l < err | tr -d ' ')" 1 "$c: lines of stderr"
    assert_contains err "index 'empty.db' is empty (run 'hindsight index DIR' first)"
    assert_not_contains err 'no such table'
    assert_eq "$(wc -c < empty.db | tr -d ' ')" 0 "$c: bytes of empty.db"
done
hs --db empty.db index pm
assert_exit 0
hs --db empty.db search pool
assert_exit 0
assert_contains out 'Pool exhausted on payment-api'

finish
