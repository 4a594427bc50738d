#!/bin/sh
# t974: a FIFO, a device or a socket named *.md in the folder is not read
# (a FIFO would block the run, a device never end) and is named on stderr
# by `index`, as the README says; a link to one inside the
# folder is named the same way; the regular files are indexed.
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir pm
cp "$CORPUS/2024-07-16-payment-provider-outage.md" pm/real.md
mkfifo pm/pipe.md || skip "cannot make a FIFO here"
ln -s pipe.md pm/to-pipe.md

hs index pm
assert_exit 0
assert_line out "added 1, updated 0, removed 0, unchanged 0, failed 0"
assert_contains err "pm/pipe.md': not a regular file"
assert_contains err "pm/to-pipe.md': not a regular file"
finish
