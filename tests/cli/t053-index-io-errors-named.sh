#!/bin/sh
# t053: an index that cannot be opened or written is named with the
# system's reason. SQLite says 'unable to open database file' and 'disk
# I/O error', neither which file nor why: --db in a folder that does not
# exist was 'cannot open index: unable to open database file', and an
# index run past the file size limit (ulimit -f) into an index that
# exists (its WAL grows) 'cannot update index: disk I/O error'. Now
# 'cannot open index 'x/h.db': No such file or directory' and 'cannot
# update index 'h.db': File too large'; the index is left as it was.
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir pm
cp "$CORPUS"/*.md pm/

hs --db nowhere/h.db index pm
assert_exit 1
assert_contains err "cannot open index 'nowhere/h.db': No such file or directory"
[ ! -e nowhere ] || fail "nowhere/ was made"

hs --db h.db index pm
assert_exit 0
( ulimit -f 300 2>/dev/null || exit 77
  "$HINDSIGHT" --db h.db index --full pm > out 2> err
  echo $? > rc ) 2>/dev/null
[ -f rc ] || skip "cannot set a file size limit here"
checking "index --full past ulimit -f, into an index that exists"
assert_eq "$(cat rc)" 1
assert_contains err "hindsight: cannot update index 'h.db': File too large"
hs --db h.db search pool
assert_exit 0
assert_contains out "of 15 results"
finish
