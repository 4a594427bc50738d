#!/bin/sh
# t850: indexing on several threads builds the same database as on one.
# corpus/, 300 generated files (more than the jobs in flight at once, so
# the pool's ring wraps) and, when present, the real postmortems are
# indexed with --jobs 1 and --jobs 4; every row of the postmortems, the
# action items, the labels and the full-text content (rowids included)
# is the same, and so are the counts and stderr. Then an incremental run
# (a changed file, a new one, a removed one) and --full agree too.
. "$REPO/tests/cli/lib.sh"
keep_going
command -v sqlite3 >/dev/null 2>&1 || skip "no sqlite3 shell"

mkdir -p md/corpus
cp "$CORPUS"/*.md md/corpus/
python3 "$REPO/bench/gen.py" 300 md/gen --seed 3 >/dev/null 2>&1 ||
    fail "bench/gen.py 300 md/gen"
if [ -d "$REAL" ]; then
    cp -R "$REAL" md/real
fi

dump() {
    sqlite3 "$1" \
        "SELECT rowid, id, path, hash, title, date, severity, duration, record
           FROM postmortems ORDER BY id;
         SELECT p.id, a.seq, a.action, a.owner, a.due, a.status
           FROM action_items a JOIN postmortems p ON p.rowid = a.pm
          ORDER BY p.id, a.seq;
         SELECT p.id, l.kind, l.value FROM labels l
           JOIN postmortems p ON p.rowid = l.pm ORDER BY 1, 2, 3;
         SELECT * FROM fts_content ORDER BY id;" >"$2" ||
        fail "sqlite3 could not read $1"
}

# index_both NAME ARGS...: index into j1.db and j4.db, compare everything
index_both() {
    what=$1
    shift
    for j in 1 4; do
        hs --db j$j.db index --jobs $j "$@"
        cp out out$j
        cp err err$j
        echo $rc >rc$j
    done
    assert_eq "$(cat rc4)" "$(cat rc1)" "$what: exit status, --jobs 4 and 1"
    cmp -s out1 out4 || fail "$what: counts differ: $(cat out1) / $(cat out4)"
    cmp -s err1 err4 || fail "$what: stderr differs between --jobs 1 and 4"
    dump j1.db d1
    dump j4.db d4
    cmp -s d1 d4 || fail "$what: the databases differ: $(diff d1 d4 | head -5)"
}

index_both "first run" md
n=$(find md -name '*.md' | wc -l)
assert_line out1 "added $n, updated 0, removed 0, unchanged 0, failed 0"
[ "$(wc -l <d1)" -gt 1000 ] || fail "the dump is too small: $(wc -l <d1) lines"

# the same database whatever the thread count, after changes too
echo "Follow-up: the pool was resized again." >>md/gen/000/$(ls md/gen/000 | head -1)
cp md/corpus/$(ls md/corpus | head -1) md/gen/copy.md
rm md/gen/000/$(ls md/gen/000 | sed -n 5p)
index_both "incremental run" md
assert_line out1 "added 1, updated 1, removed 1, unchanged $((n - 2)), failed 0"

index_both "full run" --full md
assert_line out1 "added 0, updated $n, removed 0, unchanged 0, failed 0"
finish
