#!/bin/sh
# t896: the record JSON is built on the parsing threads, before the writer
# settles id conflicts; a file whose id is taken (two folders of the same
# layout) is stored with its new id in the record too, on one thread and
# on several, and `show` gives that id.
. "$REPO/tests/cli/lib.sh"
command -v sqlite3 >/dev/null || skip "the sqlite3 shell is not installed"

mkdir -p a b
f=$(ls "$CORPUS"/*.md | head -1)
cp "$f" a/x.md
cp "$f" b/x.md
for j in 1 2; do
    hs --db j$j.db index --jobs $j a b
    assert_exit 0
    assert_contains err "this file gets the id 'b/x'"
    assert_eq "$(sqlite3 j$j.db "SELECT group_concat(id || '=' ||
        json_extract(record, '$.id'), ' ') FROM
        (SELECT * FROM postmortems ORDER BY id)")" "b/x=b/x x=x" \
        "ids of the rows and of their records, --jobs $j"
    hs --db j$j.db show b/x --json
    assert_exit 0
    assert_json out "j['id'] == 'b/x'" "show b/x --json, --jobs $j"
done
