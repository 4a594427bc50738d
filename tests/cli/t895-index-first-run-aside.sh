#!/bin/sh
# t895: a first index (no file at --db yet) is built in a file beside it
# (DB-new) and put in place when the run is done. kill -9 during that run
# leaves no index at all (never a half-built one), and the next run builds
# it whole; the index put in place is a WAL database with nothing left
# beside it, which later runs update in place; two first runs at once
# end with the whole index (the second updates the first one's, or says
# the index is locked, as two runs into one index do); a file of the
# user's that happens to be named DB-new is left alone.
# cli: long
. "$REPO/tests/cli/lib.sh"
command -v sqlite3 >/dev/null || skip "the sqlite3 shell is not installed"

python3 "$REPO/bench/gen.py" 2000 corpus --seed 5 >/dev/null || fail "gen.py"

for delay in 0.05 0.2 0.5; do
    rm -f x.db x.db-wal x.db-shm
    "$HINDSIGHT" --db x.db index corpus >/dev/null 2>&1 &
    pid=$!
    sleep $delay
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    if [ -e x.db ]; then
        # the run finished before the kill: then the index is whole
        n=$(sqlite3 x.db 'SELECT count(*) FROM postmortems')
        [ "$n" -eq 2000 ] || fail "killed at ${delay}s: x.db has $n rows"
    fi
    hs --db x.db search timeout
    if [ -e x.db ]; then
        assert_exit 0
    else
        assert_exit 1
        assert_contains err "no index at 'x.db'"
    fi
done

# the next run (a killed run's x.db-new may be there) builds it whole
hs --db x.db index corpus
assert_exit 0
assert_contains out "added 2000"
assert_eq "$(sqlite3 x.db 'SELECT count(*) FROM postmortems')" 2000 \
    "postmortems after the run that followed the kills"
assert_eq "$(sqlite3 x.db 'PRAGMA integrity_check')" ok "integrity_check"
assert_eq "$(sqlite3 x.db 'PRAGMA journal_mode')" wal "journal mode"
[ ! -e x.db-new ] || fail "x.db-new is left after a finished first run"
[ "$(sqlite3 x.db 'SELECT count(*) FROM related')" -gt 0 ] ||
    fail "the first run computed no related postmortems"

# a later run updates it in place, and never builds aside
ino=$(ls -i x.db | cut -d' ' -f1)
printf '\nEdited after the first index.\n' >>"$(find corpus -name '*.md' | sort | head -1)"
hs --db x.db index corpus
assert_exit 0
assert_contains out "updated 1"
assert_eq "$(ls -i x.db | cut -d' ' -f1)" "$ino" "x.db's inode after an update"
[ ! -e x.db-new ] || fail "an update left x.db-new"

# the same result as a run into an existing (empty) index file
: >y.db
hs --db y.db index corpus
assert_exit 0
dump() {
    sqlite3 "$1" "SELECT id, hash, record FROM postmortems ORDER BY id;
                  SELECT * FROM related ORDER BY pm, rank;" >"$2"
}
hs --db z.db index corpus
dump y.db dy
dump z.db dz
cmp -s dy dz || fail "built aside and in place differ: $(diff dy dz | head -3)"

# two first runs at once: both succeed with the whole index
rm -f w.db
"$HINDSIGHT" --db w.db index corpus >o1 2>e1 &
p1=$!
"$HINDSIGHT" --db w.db index corpus >o2 2>e2 &
p2=$!
wait $p1
r1=$?
wait $p2
r2=$?
[ $r1 -eq 0 ] || [ $r2 -eq 0 ] ||
    fail "two first runs at once: exit $r1 and $r2: $(cat e1 e2)"
[ $r1 -eq 0 ] || grep -q "locked" e1 || fail "first run: $(cat e1)"
[ $r2 -eq 0 ] || grep -q "locked" e2 || fail "second run: $(cat e2)"
assert_eq "$(sqlite3 w.db 'SELECT count(*) FROM postmortems')" 2000 \
    "postmortems after two first runs at once"
[ ! -e w.db-new ] || fail "two first runs left w.db-new"

# a file of the user's named like the one built aside is left alone
rm -f v.db
echo "my notes" >v.db-new
hs --db v.db index corpus
assert_exit 0
assert_eq "$(cat v.db-new)" "my notes" "a file of the user's named v.db-new"
assert_eq "$(sqlite3 v.db 'SELECT count(*) FROM postmortems')" 2000 \
    "postmortems indexed in place beside a file of the user's"
