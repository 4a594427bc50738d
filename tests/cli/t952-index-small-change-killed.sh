#!/bin/sh
# t952: kill -9 of an index run after a small change, at points spread
# over the run (the records' transaction, the related lists computed on
# other threads, their transaction with the families and the cache of
# related terms), leaves a readable index; the next run completes, and the
# index is then the same as a fresh full index of the same files.
# cli: long
. "$REPO/tests/cli/lib.sh"
command -v sqlite3 > /dev/null || skip "the sqlite3 shell is not installed"

python3 "$REPO/bench/gen.py" 1500 corpus --seed 11 > /dev/null || fail "gen.py"
hs index corpus
assert_exit 0

n=0
for delay in 0.02 0.08 0.15 0.25 0.4 0.6; do
    n=$((n + 1))
    for f in $(find corpus -name '*.md' | sort | sed -n "$((n * 7)),$((n * 7 + 2))p"); do
        edit_summary "$f" "Change $n: the standby was promoted by hand."
    done
    "$HINDSIGHT" index corpus > /dev/null 2>&1 &
    pid=$!
    sleep $delay
    kill -9 $pid 2> /dev/null
    wait $pid 2> /dev/null
    ok=$(sqlite3 hindsight.db 'PRAGMA integrity_check')
    [ "$ok" = ok ] || fail "integrity_check after kill -9 at ${delay}s: $ok"
    hs search standby
    assert_exit 0
done
hs index corpus
assert_exit 0
same_as_full "after the killed runs"
