#!/bin/sh
# t905: search keeps the best rows in a heap and reads them with their
# snippets in one of two ways (one pass over few matches, one statement per
# row over many); every page is FTS5's own ORDER BY rank, ties by rowid, and
# its total is FTS5's count(*), whatever the limit.
. "$REPO/tests/cli/lib.sh"
command -v sqlite3 >/dev/null || skip "sqlite3 is not installed"
keep_going

python3 "$REPO/bench/gen.py" 600 corpus --seed 5 >/dev/null || fail "gen.py"
hs --db index.db index corpus
assert_exit 0
w='10.0, 4.0, 6.0, 3.0, 2.0, 2.0, 4.0, 1.0, 0.0'
for q in timeout database 'error rate' 'rollback deploy'; do
    m=$(printf '%s' "$q" | sed 's/[^ ][^ ]*/"&"/g')
    sqlite3 index.db "SELECT p.id FROM fts JOIN postmortems p
        ON p.rowid = fts.rowid WHERE fts MATCH '($m)'
        AND rank MATCH 'bm25($w)' ORDER BY rank LIMIT 100" >want.txt ||
        fail "sqlite3: $q"
    total=$(sqlite3 index.db "SELECT count(*) FROM fts WHERE fts MATCH '($m)'")
    [ "$total" -gt 100 ] || fail "$q: $total matches, too few to page"
    for limit in 1 3 20 100; do
        # shellcheck disable=SC2086 # the words are the query
        hs --db index.db search --json --limit $limit $q
        assert_exit 0
        cp out "got-$limit.json"
        python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
print("\n".join(r["id"] for r in j["results"]))
print(j["total"], file=sys.stderr)' "got-$limit.json" >got.txt 2>got-total.txt
        head -n "$limit" want.txt >want-page.txt
        cmp -s want-page.txt got.txt || fail "$q, limit $limit: not FTS5's order"
        assert_eq "$(cat got-total.txt)" "$total" "$q, limit $limit: total"
    done
done
finish
