#!/bin/sh
# t024: index --full never destroys a file that is not a hindsight index.
# --db naming a markdown file, a program, or someone else's SQLite database
# is refused with exit 1 and a message that says it is not an index, and
# the file keeps its bytes, with or without --full. An empty file and a
# missing one become an index (t017 covers a damaged index being rebuilt).
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir c
cp "$CORPUS"/2024-0*.md c/
n=$(ls c | wc -l)

cp "$CORPUS/2024-07-16-payment-provider-outage.md" notes.md
cp /bin/ls prog
python3 -c '
import sqlite3
c = sqlite3.connect("other.db")
c.execute("create table bookmarks(url text)")
c.execute("insert into bookmarks values (\"https://example.com\")")
c.commit()
c.close()'

for f in notes.md prog other.db; do
    before=$(cksum <$f)
    for full in "" --full; do
        hs --db $f index $full c
        last_cmd="hindsight --db $f index $full c"
        assert_exit 1
        assert_contains err "not a hindsight index"
        assert_not_contains err "rebuilding"
        assert_eq "$(cksum <$f)" "$before" "$f after index $full"
    done
    hs --db $f search pool
    assert_exit 1
    assert_contains err "not a hindsight index"
    assert_not_contains err "--full"
done
[ ! -e other.db-alerts ] || fail "a refused database got an alerts file"

: >empty.db
hs --db empty.db index --full c
assert_exit 0
assert_line out "added $n, updated 0, removed 0, unchanged 0, failed 0"
hs --db absent.db index --full c
assert_exit 0
assert_line out "added $n, updated 0, removed 0, unchanged 0, failed 0"
hs --db absent.db index --full c
assert_exit 0
assert_line out "added 0, updated $n, removed 0, unchanged 0, failed 0"
finish
