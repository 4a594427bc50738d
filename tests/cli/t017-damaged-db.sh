#!/bin/sh
# t017: a damaged index file. Two kinds: (a) the whole file after its
# 100-byte SQLite header is garbage (a file with no index header at all is
# not an index, and t024 checks that --full refuses it), (b) a real index
# whose pages after the first 20000 bytes are overwritten
# (valid header, broken b-trees). For each: index and search exit 1 (no
# crash, no hang) with a message that tells the user to run 'index --full';
# 'index --full corpus' then rebuilds it (exit 0, all 44 added) and search
# and an incremental index work again. An empty db file is a fresh index.
. "$REPO/tests/cli/lib.sh"
keep_going

hs index "$CORPUS"
assert_exit 0
python3 -c 'import sqlite3; c = sqlite3.connect("hindsight.db"); c.execute("pragma wal_checkpoint(truncate)"); c.close()'
cp hindsight.db good.db

damage() {
    rm -f hindsight.db hindsight.db-wal hindsight.db-shm
    case $1 in
    garbage)
        python3 -c '
import random
r = random.Random(7)
head = open("good.db", "rb").read(100)
open("hindsight.db", "wb").write(head + bytes(r.randrange(256) for _ in range(100000)))'
        ;;
    pages)
        python3 -c '
import random
r = random.Random(7)
d = bytearray(open("good.db", "rb").read())
for i in range(20000, len(d), 3):
    d[i] = r.randrange(256)
open("hindsight.db", "wb").write(d)'
        ;;
    esac
}

for kind in garbage pages; do
    damage $kind
    run timeout 30 "$HINDSIGHT" index "$CORPUS"
    last_cmd="hindsight index corpus ($kind db)"
    assert_exit 1
    assert_contains err "--full"
    for word in "vtable" "constructor failed" "SQL logic error"; do
        assert_not_contains_i err "$word"
    done

    damage $kind
    run timeout 30 "$HINDSIGHT" search pool
    last_cmd="hindsight search pool ($kind db)"
    assert_exit 1
    assert_empty out
    assert_contains err "--full"
    for word in "vtable" "constructor failed" "SQL logic error"; do
        assert_not_contains_i err "$word"
    done

    damage $kind
    run timeout 30 "$HINDSIGHT" index --full "$CORPUS"
    last_cmd="hindsight index --full corpus ($kind db)"
    assert_exit 0
    assert_line out "added 44, updated 0, removed 0, unchanged 0, failed 0"
    hs search --json "connection pool"
    assert_exit 0
    assert_json out 'j["total"] >= 5' "search after rebuilding a $kind db"
    hs index "$CORPUS"
    assert_exit 0
    assert_line out "added 0, updated 0, removed 0, unchanged 44, failed 0"
done

rm -f hindsight.db hindsight.db-wal hindsight.db-shm
: >hindsight.db
hs index "$CORPUS"
assert_exit 0
assert_line out "added 44, updated 0, removed 0, unchanged 0, failed 0"
finish
