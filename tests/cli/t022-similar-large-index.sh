#!/bin/sh
# t022: what keeps similar fast on a large index. term_df, the document
# frequencies an index run keeps, equals fts_vocab's after adding, editing
# and deleting files; an index of schema 1 (no term_df) is upgraded by the
# next index run and still answers similar when opened read-only before
# that. On a generated corpus where the query's terms are in thousands of
# postmortems (the bounded, two-pass ranking), similar answers with the
# best first and names each answer's matched terms.
. "$REPO/tests/cli/lib.sh"
command -v sqlite3 > /dev/null || skip "the sqlite3 shell is not installed"
keep_going

same_df() {
    checking "term_df equals fts_vocab ($1)"
    d=$(sqlite3 hindsight.db "SELECT (SELECT count(*) FROM term_df) -
        (SELECT count(*) FROM fts_vocab), (SELECT count(*) FROM term_df t
        JOIN fts_vocab v ON v.term = t.term WHERE v.doc = t.df)
        - (SELECT count(*) FROM fts_vocab)")
    assert_eq "$d" "0|0" "term_df against fts_vocab after $1"
}

index_copy
same_df "a fresh index"
rm corpus/$(ls corpus | head -1)
printf '\nAfterwards the zyxwvut fix landed.\n' >> corpus/$(ls corpus | tail -1)
printf '# Quuxcorp outage\n\nThe quuxcorp gateway failed.\n' > corpus/new.md
hs index corpus
assert_exit 0
assert_contains out "added 1, updated 1, removed 1"
same_df "an add, an edit and a delete"
n=$(sqlite3 hindsight.db "SELECT df FROM term_df WHERE term = 'quuxcorp'")
assert_eq "$n" 1 "term_df of a word only the new file has"

# schema 1: no term_df
sqlite3 hindsight.db "DROP TABLE term_df; PRAGMA user_version = 1"
checking "similar on a schema 1 index opened read-only"
chmod a-w hindsight.db
hs similar --json --limit 3 quuxcorp gateway
chmod u+w hindsight.db
assert_exit 0
assert_json out "j['results'][0]['id'] == 'new'" "the new file first"
hs index corpus
assert_exit 0
assert_eq "$(sqlite3 hindsight.db 'PRAGMA user_version')" 5 "schema version"
same_df "the upgrade from schema 1"

# a large index, where the ranking takes the bounded path
python3 "$REPO/bench/gen.py" 2500 big --seed 3 > /dev/null || fail "gen.py"
hs --db big.db index big
assert_exit 0
q="connection pool exhausted timeout database deploy rollback latency"
q="$q errors customers checkout payment memory cluster node disk"
checking "the query's terms are in more postmortems than the budget"
s=$(sqlite3 big.db "SELECT sum(df) FROM term_df WHERE term IN ('connect',
    'pool', 'exhaust', 'timeout', 'databas', 'deploi', 'rollback',
    'latenc', 'error', 'custom', 'checkout', 'payment', 'memori',
    'cluster', 'node', 'disk')")
[ "$s" -gt 12000 ] || fail "only $s postings: the test would not take the bounded path"
hs --db big.db similar --json --limit 10 $q
assert_exit 0
assert_json out "len(j['results']) == 10" "ten answers"
assert_json out "all(a['score'] >= b['score'] for a, b in zip(j['results'], j['results'][1:]))" "best first"
assert_json out "all(len(r['matched_terms']) >= 3 for r in j['results'])" "matched terms"
finish
