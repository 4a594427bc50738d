#!/bin/sh
# t028: odd files and words. A file name with a newline is printed C-quoted
# by check (FILE:LINE lines stay one per line) and search (its id); files
# named *.markdown are indexed like *.md; check skips a FIFO with a message
# instead of waiting on it forever; a query word of 256 bytes or more is a
# usage error (exit 2), not silently dropped.
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir c
nl='
'
printf '# Forged zzforgedzz outage\n\nNo date here.\n' >"c/a${nl}b.md"
cp "$CORPUS/2024-07-16-payment-provider-outage.md" c/long.markdown

hs check c
assert_exit 1
assert_contains out '"c/a\nb.md":1: missing date'
grep -q '^b\.md' out && fail "a name with a newline split a check line"

hs index c
assert_exit 0
assert_line out "added 2, updated 0, removed 0, unchanged 0, failed 0"
hs show long
assert_exit 0
assert_contains out "path: c/long.markdown"
hs search zzforgedzz
assert_exit 0
assert_line out '      id: "a\nb"'
grep -q '^b$' out && fail "a name with a newline split a search line"

mkfifo c/pipe.md
run timeout 10 "$HINDSIGHT" check c/pipe.md
last_cmd="hindsight check c/pipe.md (a FIFO)"
assert_exit 1
assert_contains out "not a regular file"
run timeout 10 "$HINDSIGHT" index c/pipe.md
last_cmd="hindsight index c/pipe.md (a FIFO)"
assert_exit 1
assert_contains err "not a regular file"

word=$(python3 -c 'print("x" * 300)')
hs search "$word"
assert_exit 2
assert_contains err "at most 255 bytes"
word=$(python3 -c 'print("y" * 255)')
hs search "$word"
assert_exit 0
finish
