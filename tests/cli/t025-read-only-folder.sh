#!/bin/sh
# t025: a user who may read the index but not write its folder can still
# search, show, list similar incidents and report: reading never needs
# write access (a WAL index cannot get its -shm file there, so hindsight
# reads it as immutable). index still refuses with a clear message. As
# root, the commands run as user 65534 through setpriv, else the test skips.
. "$REPO/tests/cli/lib.sh"
keep_going

as_nobody

mkdir ro
cp "$CORPUS"/2024-*.md ro/
hs --db ro/hindsight.db index ro
assert_exit 0
chmod 644 ro/hindsight.db
chmod 555 ro
[ ! -e ro/hindsight.db-wal ] || fail "index left a -wal file behind"

run $as_user "$HINDSIGHT" --db ro/hindsight.db search --json pool
last_cmd="hindsight search --json pool (folder not writable)"
assert_exit 0
assert_json out 'j["total"] >= 1' "search in a read-only folder"
assert_not_contains_i err "readonly"

run $as_user "$HINDSIGHT" --db ro/hindsight.db show 2024-07-16-payment-provider-outage
last_cmd="hindsight show ID (folder not writable)"
assert_exit 0
assert_contains out "payment"

run $as_user "$HINDSIGHT" --db ro/hindsight.db similar payment provider outage
last_cmd="hindsight similar (folder not writable)"
assert_exit 0

run $as_user "$HINDSIGHT" --db ro/hindsight.db report overdue --as-of 2026-01-01
last_cmd="hindsight report overdue (folder not writable)"
assert_exit 0

if [ -n "$as_user" ]; then
    run $as_user "$HINDSIGHT" --db ro/hindsight.db index ro
    last_cmd="hindsight index ro (folder not writable)"
    assert_exit 1
    grep -qiE 'read-?only|permission|cannot' err ||
        fail "index should say why it cannot write"
fi
[ ! -e ro/hindsight.db-shm ] || fail "a reader left a -shm file"
chmod 755 ro
finish
