#!/bin/sh
# t800: the extractor's version is part of every file's stored hash, so an
# index written by an older extractor reads every file again on the next
# `index` run (no --full needed), and the run after that finds them
# unchanged. Old indexes stored the content hash alone (or with the house
# style's after a ':'); both forms are re-read.
. "$REPO/tests/cli/lib.sh"

mkdir c
cp "$CORPUS"/2024-0*.md c/
n=$(ls c | wc -l)

hs index c
assert_exit 0
assert_line out "added $n, updated 0, removed 0, unchanged 0, failed 0"

# what an older extractor wrote: the content hash alone
python3 -c '
import sqlite3
c = sqlite3.connect("hindsight.db")
c.execute("update postmortems set hash = substr(hash, 1, 16)")
c.commit()'
hs index c
assert_exit 0
assert_line out "added 0, updated $n, removed 0, unchanged 0, failed 0"

hs index c
assert_exit 0
assert_line out "added 0, updated 0, removed 0, unchanged $n, failed 0"

# an older extractor with a house style: content ':' another reader hash
python3 -c '
import sqlite3
c = sqlite3.connect("hindsight.db")
c.execute("update postmortems set hash = substr(hash, 1, 17) || \"0123456789abcdef\"")
c.commit()'
hs index c
assert_exit 0
assert_line out "added 0, updated $n, removed 0, unchanged 0, failed 0"
finish
