#!/bin/sh
# t051: a message about a long path keeps its reason. An error message is
# 255 bytes, and one about a file 450 bytes deep in a folder tree ("cannot
# open 'PATH': Permission denied") was cut at the end: index, check and
# show --file said 'cannot open './dddd...' and never why. Now the path
# loses its middle ('...') and the reason is said.
. "$REPO/tests/cli/lib.sh"
keep_going
as_nobody

deep=$(python3 -c 'print("d" * 200)')
name=$(python3 -c 'print("x" * 240)').md
mkdir -p "pm/$deep"
printf '# Unreadable\n' >"pm/$deep/$name"
printf '# Readable\n' >pm/ok.md
chmod 000 "pm/$deep/$name"
chmod 777 .

run $as_user "$HINDSIGHT" --db "$PWD/pm.db" index pm
assert_exit 1
assert_contains err "Permission denied"
assert_contains err "xxx.md': Permission denied"
assert_contains out "added 1, updated 0, removed 0, unchanged 0, failed 1"

run $as_user "$HINDSIGHT" check pm
assert_exit 1
assert_contains out "Permission denied"

run $as_user "$HINDSIGHT" show --file "pm/$deep/$name"
assert_exit 1
assert_contains err "': Permission denied"
assert_contains err "..."
finish
