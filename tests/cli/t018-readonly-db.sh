#!/bin/sh
# t018: a read-only index file (chmod 444): index exits 1 with a clear
# message (read-only / permission, naming the problem, no crash), leaves the
# file as it was, and search still reads it. Root ignores file permissions,
# so as root the test runs the commands as 'nobody' through setpriv, or skips.
. "$REPO/tests/cli/lib.sh"
keep_going

as_nobody

mkdir c
cp "$CORPUS"/2024-*.md c/
n=$(ls c | wc -l)
if [ -n "$as_user" ]; then
    chown -R 65534:65534 . || skip "cannot hand the temp dir to user 65534"
fi

run $as_user "$HINDSIGHT" index c
assert_exit 0
assert_line out "added $n, updated 0, removed 0, unchanged 0, failed 0"
rm -f hindsight.db-wal hindsight.db-shm
chmod 444 hindsight.db
sum_before=$(cksum <hindsight.db)

echo "Extra line so the file changed." >>c/2024-07-16-payment-provider-outage.md
run $as_user "$HINDSIGHT" index c
last_cmd="hindsight index c (read-only hindsight.db)"
assert_exit 1
assert_not_empty err
grep -qiE 'read-?only|read only|permission' err ||
    fail "the message should say the index is read-only"
# it said 'cannot read index: attempt to write a readonly database', which
# sends the user looking for damage; it is a write that was refused
assert_contains err "cannot write index 'hindsight.db': the file or its folder is read-only"
assert_not_contains err 'cannot read'
sum_after=$(cksum <hindsight.db)
assert_eq "$sum_after" "$sum_before" "read-only db contents"

run $as_user "$HINDSIGHT" search --json pool
last_cmd="hindsight search --json pool (read-only hindsight.db)"
assert_exit 0
assert_json out 'j["total"] >= 1' "search reads a read-only index"

run $as_user "$HINDSIGHT" index --full c
last_cmd="hindsight index --full c (read-only hindsight.db)"
assert_exit 1
assert_not_empty err
assert_contains err "cannot write index 'hindsight.db'"
finish
