#!/bin/sh
# t023: exit statuses that used to say "success" after a failure. index
# exits 1 when any file failed (even when every file failed), every command
# exits 1 with a message when stdout cannot be written (/dev/full), and
# check reports a missing path and goes on checking the paths after it.
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir bad
printf '# Binary\n\000\001' >bad/one.md
printf '# Binary\n\000\002' >bad/two.md
hs index bad
assert_exit 1
assert_line out "added 0, updated 0, removed 0, unchanged 0, failed 2"
assert_contains err "bad/one.md"

hs index "$CORPUS"
assert_exit 0
if [ -w /dev/full ]; then
    run sh -c '"$HINDSIGHT" search pool >/dev/full'
    last_cmd="hindsight search pool >/dev/full"
    assert_exit 1
    assert_contains err "cannot write output"
    run sh -c '"$HINDSIGHT" --help >/dev/full'
    last_cmd="hindsight --help >/dev/full"
    assert_exit 1
    run sh -c '"$HINDSIGHT" show 2024-07-16-payment-provider-outage >/dev/full'
    last_cmd="hindsight show ID >/dev/full"
    assert_exit 1
    assert_contains err "cannot write output"
fi

good=$CORPUS/2024-07-16-payment-provider-outage.md
hs check missing.md "$good"
assert_exit 1
assert_contains err "cannot read 'missing.md'"
assert_contains out "$good"
assert_contains err "checked 2 files"
finish
