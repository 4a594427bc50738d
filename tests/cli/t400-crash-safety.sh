#!/bin/sh
# t400: kill -9 of `index` at random points over a large corpus leaves the
# database readable (integrity_check ok) with the previous index intact,
# and the next run completes; a locked database and a full disk give a
# clear error and leave the index as it was.
# cli: long
. "$REPO/tests/cli/lib.sh"
command -v sqlite3 > /dev/null || skip "the sqlite3 shell is not installed"

python3 "$REPO/bench/gen.py" 3000 corpus --seed 7 > /dev/null || fail "gen.py"
hs index corpus
assert_exit 0
n1=$(sqlite3 hindsight.db 'SELECT count(*) FROM postmortems')
[ "$n1" -eq 3000 ] || fail "first index has $n1 postmortems"

# change the corpus: 600 new files, 400 edited
python3 "$REPO/bench/gen.py" 600 corpus/new --seed 8 > /dev/null
i=0
for f in $(find corpus -name '*.md' | sort | head -400); do
    printf '\nEdited after the first index.\n' >> "$f"
done

for delay in 0.05 0.15 0.3 0.5 0.8; do
    "$HINDSIGHT" index corpus > /dev/null 2>&1 &
    pid=$!
    sleep $delay
    kill -9 $pid 2> /dev/null
    wait $pid 2> /dev/null
    ok=$(sqlite3 hindsight.db 'PRAGMA integrity_check')
    [ "$ok" = ok ] || fail "integrity_check after kill -9 at ${delay}s: $ok"
    n=$(sqlite3 hindsight.db 'SELECT count(*) FROM postmortems')
    # killed before COMMIT: all of the old index; after: all of the new
    [ "$n" -eq 3000 ] || [ "$n" -eq 3600 ] ||
        fail "after kill -9 at ${delay}s the index has $n postmortems"
    hs search timeout
    assert_exit 0
done
hs index corpus
assert_exit 0
n=$(sqlite3 hindsight.db 'SELECT count(*) FROM postmortems')
[ "$n" -eq 3600 ] || fail "the run after the kills indexed $n, want 3600"
ok=$(sqlite3 hindsight.db 'PRAGMA integrity_check')
[ "$ok" = ok ] || fail "integrity_check at the end: $ok"

# a writer holding the lock: index waits its busy timeout, then says so.
# The writer holds it until index has answered (it used to sleep 8 s, past
# the 5 s busy timeout, and every run waited out the rest), or 60 s at most.
printf '\nOne more edit.\n' >> "$(find corpus -name '*.md' | head -1)"
mkfifo release
# The shell waits out a busy lock (.timeout): the loop below takes the lock
# for a moment to see whether the shell holds it yet, and a shell that met
# it there failed its BEGIN at once and never took the lock.
(printf '.timeout 30000\nBEGIN IMMEDIATE;\n'; timeout 60 sh -c 'read x < release'; printf 'COMMIT;\n') |
    sqlite3 hindsight.db &
lock=$!
# wait until the shell holds the lock (a loaded machine starts it late)
i=0
while sqlite3 hindsight.db 'BEGIN IMMEDIATE; ROLLBACK;' > /dev/null 2>&1; do
    i=$((i + 1))
    [ $i -lt 100 ] || fail "the sqlite3 shell did not take the lock"
    sleep 0.05
done
hs index corpus
timeout 10 sh -c "echo done > release"
assert_exit 1
assert_contains_i err "locked"
wait $lock
hs index corpus
assert_exit 0
assert_contains out "updated 1"

# a full disk: a small tmpfs (needs root and mount; skipped otherwise)
mkdir small
if mount -t tmpfs -o size=400k tmpfs small 2> /dev/null; then
    trap 'umount "$PWD/small" 2>/dev/null' EXIT
    cp hindsight.db small/ 2> /dev/null && rm -f small/hindsight.db
    "$HINDSIGHT" --db small/full.db index corpus > out 2> err
    rc=$?
    [ $rc -eq 1 ] || fail "index on a full disk exit status $rc, want 1"
    grep -qi "full" err || fail "a full disk must say so: $(cat err)"
    umount small
    trap - EXIT
fi
