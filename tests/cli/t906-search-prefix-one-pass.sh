#!/bin/sh
# t906: a prefix ("co*") that matches many postmortems is read in one pass
# over its matches when the best rows' snippets are made, as FTS5 opens a
# prefix anew for each statement, merging the doclists of every term it
# opens: one statement per row made a page of 20 cost 20 such merges (0.22
# s for "co*" at 10k postmortems, 8 times the sqlite3 shell's ORDER BY
# rank). A page of 20 now costs about what a page of 1 does, in CPU time
# (the wall clock grows with the tests beside this one), and is FTS5's own
# order.
. "$REPO/tests/cli/lib.sh"
command -v sqlite3 >/dev/null || skip "sqlite3 is not installed"
keep_going

python3 "$REPO/bench/gen.py" 3000 corpus --seed 5 >/dev/null || fail "gen.py"
hs --db index.db index corpus
assert_exit 0
w='10.0, 4.0, 6.0, 3.0, 2.0, 2.0, 4.0, 1.0, 0.0'
sqlite3 index.db "SELECT p.id FROM fts JOIN postmortems p
    ON p.rowid = fts.rowid WHERE fts MATCH '(\"co\" *)'
    AND rank MATCH 'bm25($w)' ORDER BY rank LIMIT 20" >want.txt ||
    fail "sqlite3"
hs --db index.db search --json --limit 20 'co*'
assert_exit 0
json_get out '"\n".join(r["id"] for r in j["results"])' >got.txt
cmp -s want.txt got.txt || fail "co*: not FTS5's order"
assert_json out 'j["total"] > 2000' "co* matches most postmortems"

# the median CPU time of 5 runs of each page size
python3 - "$HINDSIGHT" >cpu.txt <<'PY' || fail "timing runs failed"
import resource, subprocess, sys
def cpu(limit):
    times = []
    for _ in range(5):
        a = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([sys.argv[1], "--db", "index.db", "search", "--limit",
                        limit, "co*"], stdout=subprocess.DEVNULL, check=True)
        b = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(b.ru_utime + b.ru_stime - a.ru_utime - a.ru_stime)
    return sorted(times)[2]
print("%.4f %.4f" % (cpu("1"), cpu("20")))
PY
read -r one twenty <cpu.txt
python3 -c "import sys; sys.exit(not $twenty < 2 * $one + 0.005)" ||
    fail "a page of 20 for co* took $twenty s of CPU, a page of 1 $one s"
finish
