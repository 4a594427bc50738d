#!/bin/sh
# t004: SPEC "a file that disappeared is removed only if it lay under a folder
# named in this run": postmortems indexed from folder a/ stay when only b/ is
# indexed, even after one of them is deleted from disk; indexing a/ again
# removes it. Naming a single FILE never removes the rest of its folder.
. "$REPO/tests/cli/lib.sh"

mkdir a b
cp "$CORPUS"/2024-0[1-3]-*.md a/
cp "$CORPUS"/2025-0[1-2]-*.md b/
na=$(ls a | wc -l)
nb=$(ls b | wc -l)
[ "$na" -ge 3 ] && [ "$nb" -ge 2 ] || fail "test data: $na files in a/, $nb in b/"

hs index a
assert_exit 0
assert_line out "added $na, updated 0, removed 0, unchanged 0, failed 0"
hs index b
assert_exit 0
assert_line out "added $nb, updated 0, removed 0, unchanged 0, failed 0"
hs search --json --limit 100 since:2000-01-01
assert_json out "j['total'] == $na + $nb" "a/ and b/ both indexed"

gone=2024-02-29-leap-day-settlement-batch-failure
rm "a/$gone.md"
hs index b
assert_exit 0
assert_line out "added 0, updated 0, removed 0, unchanged $nb, failed 0"
hs show "$gone"
assert_exit 0
assert_contains out "$gone"
hs show 2024-01-23-auth-service-connection-pool-exhaustion
assert_exit 0

hs index a
assert_exit 0
assert_line out "added 0, updated 0, removed 1, unchanged $((na - 1)), failed 0"
hs show "$gone"
assert_exit 1
hs show 2025-02-04-auth-service-memory-leak
assert_exit 0

# Naming one file of b/ is not naming b/: nothing else is removed.
rm b/2025-02-04-auth-service-memory-leak.md
hs index b/2025-01-14-orders-migration-table-lock.md
assert_exit 0
assert_contains out "removed 0"
hs show 2025-02-04-auth-service-memory-leak
assert_exit 0
