#!/bin/sh
# t983: a folder under the indexed one that cannot be read (chmod 000) was
# skipped in silence by `index` and `check`, and `index` then removed the
# postmortems it had indexed from it as if they were deleted. It is now
# named ("cannot read folder: Permission denied") by both, and what was
# indexed from it stays. Root reads any folder, so as root the commands
# run as 'nobody' through setpriv, or the test skips.
. "$REPO/tests/cli/lib.sh"
keep_going

as_nobody
mkdir -p pm/locked
cp "$CORPUS/2024-07-16-payment-provider-outage.md" pm/a.md
cp "$CORPUS/2024-05-22-ledger-db-disk-full-replication-slot.md" pm/locked/b.md
if [ -n "$as_user" ]; then
    chown -R 65534:65534 . || skip "cannot hand the temp dir to user 65534"
fi

run $as_user "$HINDSIGHT" index pm
assert_exit 0
assert_line out "added 2, updated 0, removed 0, unchanged 0, failed 0"

chmod 000 pm/locked
run $as_user "$HINDSIGHT" index pm
checking "index with pm/locked unreadable"
assert_exit 0
assert_line out "added 0, updated 0, removed 0, unchanged 1, failed 0"
assert_contains err "hindsight: skipped 'pm/locked': cannot read folder: Permission denied"
run $as_user "$HINDSIGHT" search replication slot
assert_contains out "1 of 1 result"

run $as_user "$HINDSIGHT" check pm
checking "check with pm/locked unreadable"
assert_exit 1
assert_contains out "pm/locked: skipped: cannot read folder: Permission denied"
assert_contains out "pm/a.md: ok"

chmod 755 pm/locked
rm pm/locked/b.md
run $as_user "$HINDSIGHT" index pm
checking "readable again, b.md deleted"
assert_line out "added 0, updated 0, removed 1, unchanged 1, failed 0"
finish
