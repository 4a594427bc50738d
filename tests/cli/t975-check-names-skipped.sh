#!/bin/sh
# t975: `check` names what `index` names and does not read.
# - A FIFO named *.md, a link to one, a link to a file out of the folder
#   and a link to a folder out of it were named on stderr by `index` but
#   left out of `check` in silence ("checked 1 file: 0 problems", exit 0):
#   a lint run passed over files the index would never hold. Each is now a
#   problem in every format.
# - `check --format json` wrote "file": null and dropped the message for a
#   file name that is not UTF-8; the bytes are now U+FFFD and the message
#   is kept.
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir pm outside
cp "$CORPUS/2024-07-16-payment-provider-outage.md" pm/real.md
cp "$CORPUS/2024-07-16-payment-provider-outage.md" outside/away.md
mkfifo pm/pipe.md || skip "cannot make a FIFO here"
ln -s pipe.md pm/to-pipe.md
ln -s ../outside/away.md pm/away.md
ln -s ../outside pm/elsewhere

hs index pm
assert_exit 0
for f in pipe.md to-pipe.md away.md elsewhere; do
    assert_contains err "pm/$f'"
done

hs check pm
checking "check, text"
assert_exit 1
assert_contains out "pm/pipe.md: skipped: not a regular file (a FIFO, device or socket)"
assert_contains out "pm/to-pipe.md: skipped: not a regular file"
assert_contains out "pm/away.md: skipped: link leads out of the folder being indexed"
assert_contains out "pm/elsewhere: skipped: link leads out of the folder"
assert_contains out "pm/real.md: ok"
assert_contains err "checked 5 files: 4 problems in 4 files"

hs check --format github pm
checking "check, github"
assert_exit 1
assert_contains out "::warning file=pm/pipe.md,line=1::skipped: not a regular file"
assert_contains out "::warning file=pm/away.md,line=1::skipped: link leads out"

hs check --format json pm
checking "check, json"
assert_exit 1
assert_json out 'len(j) == 4' "four skipped"
assert_json out 'sorted(p["file"] for p in j) == ["pm/away.md", "pm/elsewhere", "pm/pipe.md", "pm/to-pipe.md"]' "named"
assert_json out 'all(p["message"].startswith("skipped: ") for p in j)' "why"

# a folder with only regular files checks as before
rm pm/pipe.md pm/to-pipe.md pm/away.md pm/elsewhere
hs check pm
checking "regular files only"
assert_exit 0
assert_contains err "checked 1 file: 0 problems in 0 files"

mkdir odd
printf '# Odd name\n\nNo facts here.\n' > "odd/$(printf 'bad\377name.md')"
hs check --format json odd
checking "a file name that is not UTF-8, json"
assert_exit 1
assert_json out 'all(p["file"] == "odd/bad\ufffdname.md" for p in j)' "file"
assert_json out 'any(p["message"] == "missing date" for p in j)' "message"
finish
