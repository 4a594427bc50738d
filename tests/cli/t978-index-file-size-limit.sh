#!/bin/sh
# t978: `index` under a file size limit (ulimit -f) it runs past. The
# SIGXFSZ the kernel sends killed it mid-write (exit 153, no message) and
# left its half-built DB-new; now the write fails as on a full disk: a
# message, exit 1, no index and no DB-new, and a run without the limit
# builds the index.
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir pm
cp "$CORPUS"/*.md pm/

( ulimit -f 200 2>/dev/null || exit 77
  "$HINDSIGHT" --db h.db index pm > out 2> err
  echo $? > rc ) 2>/dev/null
[ -f rc ] || skip "cannot set a file size limit here"
checking "index past ulimit -f"
assert_eq "$(cat rc)" 1
assert_contains err "hindsight: cannot update index 'h.db': File too large"
[ ! -e h.db ] || fail "h.db was left"
[ ! -e h.db-new ] || fail "h.db-new was left"

hs --db h.db index pm
assert_exit 0
assert_contains out "failed 0"
finish
