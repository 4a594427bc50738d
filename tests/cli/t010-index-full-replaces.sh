#!/bin/sh
# t010: 'index --full' forgets the whole index and rebuilds it from the files
# named (index --help): after indexing a/, '--full b' where b/ holds other
# copies of the same postmortems (same ids) adds them all from b/ (failed
# 0), and '--full c' where c/ holds different files leaves only c/'s files.
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir a b c
cp "$CORPUS"/2024-*.md a/
cp "$CORPUS"/2024-*.md b/
cp "$CORPUS"/2025-0*.md c/
na=$(ls a | wc -l)
nc=$(ls c | wc -l)

hs index a
assert_exit 0
assert_line out "added $na, updated 0, removed 0, unchanged 0, failed 0"

hs index --full b
assert_exit 0
assert_contains out "failed 0"
assert_empty err
hs show --json 2024-07-16-payment-provider-outage
assert_exit 0
assert_json out 'j["path"].endswith("b/2024-07-16-payment-provider-outage.md")' \
    "after --full b the record comes from b/"
hs search --json --limit 100 since:2000-01-01
assert_json out "j['total'] == $na" "postmortems after --full b"

hs index --full c
assert_exit 0
assert_contains out "failed 0"
hs search --json --limit 100 since:2000-01-01
assert_json out "j['total'] == $nc" "only c/'s postmortems after --full c"
hs show 2024-07-16-payment-provider-outage
assert_exit 1
hs show 2025-01-14-orders-migration-table-lock
assert_exit 0
finish
