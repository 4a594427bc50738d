#!/bin/sh
# t999: command-line input an attacker controls.
# - A file name with a newline (its id and path) printed raw in show and
#   similar, so it could forge a line of the output; they are quoted as
#   search quotes them ("new\nline").
# - --limit " 5" and "+5" passed strtol; a number is digits only, as the
#   HTTP limit= is (the same function).
# - site --out FILE said the file "is not empty", and with --force failed
#   on its first page; it is "not a folder", a usage error.
# - serve --token-file: "abc\0def" was the token "abc" (three letters to
#   guess), a line over 4 KiB was cut to its first 4095 bytes (no client
#   could sign in), and /dev/zero was read for ever. All refused.
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir pm
nl='new
line'
printf '# Pool exhausted on payment-api\n\nThe connection pool was exhausted.\n' > "pm/$nl.md"
hs index pm
assert_exit 0
hs show "$nl"
assert_exit 0
assert_line out 'id: "new\nline"'
assert_line out 'path: "pm/new\nline.md"'
assert_not_contains out 'line.md'"'"
hs similar connection pool exhausted
assert_exit 0
assert_line out '       id: "new\nline"'
hs search pool
assert_line out '      id: "new\nline"'

for l in ' 5' '+5' '5 ' '' '0' '1001' '99999999999999999999'; do
    hs search pool --limit "$l"
    assert_exit 2
    assert_contains err '--limit needs a number from 1 to 1000'
done
hs search pool --limit 5
assert_exit 0
hs serve --alerts-keep ' 5' --listen 127.0.0.1:0
assert_exit 2
assert_contains err '--alerts-keep needs'

: > afile
for force in '' --force; do
    # shellcheck disable=SC2086
    hs site --out afile $force
    assert_exit 2
    assert_contains err "'afile' is not a folder"
    assert_empty afile
done
hs site --out /dev/null --force
assert_exit 2
assert_contains err "'/dev/null' is not a folder"

printf 'abc\000def\n' > tok
run timeout 10 "$HINDSIGHT" serve --token-file tok --listen 127.0.0.1:0
assert_exit 1
assert_contains err "has a NUL byte"
python3 -c 'print("x" * 5000)' > tok
run timeout 10 "$HINDSIGHT" serve --token-file tok --listen 127.0.0.1:0
assert_exit 1
assert_contains err "over 4096 bytes"
run timeout 10 "$HINDSIGHT" serve --token-file /dev/zero --listen 127.0.0.1:0
assert_exit 1
assert_contains err "over 4096 bytes"
finish
