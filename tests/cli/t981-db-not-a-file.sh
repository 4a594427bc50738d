#!/bin/sh
# t981: --db naming something that is not a regular file is refused at
# once, with its name. A FIFO blocked SQLite's open() for ever (search,
# index and serve hung), and /dev/null read as an empty database that
# answered "no such table: fts". A link loop is named as one, not as a
# missing index ("no index at 'loop1'" sent the user to index it).
. "$REPO/tests/cli/lib.sh"

mkfifo pipe.db || skip "cannot make a FIFO here"
keep_going
for cmd in "search x" "index $CORPUS" "show x" "report overdue"; do
    # shellcheck disable=SC2086 # the words of the command
    run timeout 10 "$HINDSIGHT" --db pipe.db $cmd
    assert_exit 2
    assert_contains err "index 'pipe.db' is not a regular file"
done
run timeout 10 "$HINDSIGHT" --db pipe.db serve --listen 127.0.0.1:0
assert_exit 2
assert_contains err "is not a regular file"
run timeout 10 "$HINDSIGHT" --db /dev/null search x
assert_exit 2
assert_contains err "index '/dev/null' is not a regular file"
mkdir dir.db
run timeout 10 "$HINDSIGHT" --db dir.db search x
assert_exit 2
assert_contains err "index 'dir.db' is a directory"
ln -s loop2.db loop1.db && ln -s loop1.db loop2.db
for cmd in "search x" "show x" "report overdue"; do
    # shellcheck disable=SC2086 # the words of the command
    run timeout 10 "$HINDSIGHT" --db loop1.db $cmd
    assert_exit 1
    assert_contains err "cannot open index 'loop1.db': Too many levels of symbolic links"
    assert_not_contains err "no index at"
done
finish
