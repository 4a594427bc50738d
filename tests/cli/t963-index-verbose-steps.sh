#!/bin/sh
# t963: index --verbose times each step of the run (wall-clock and the
# process's CPU time), in order, each once; a run that changed nothing
# still names every step, and without --verbose nothing is said.
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir md
cp "$CORPUS"/2024-0[1-3]-*.md md/

steps_of() {
    grep '^hindsight:   ' "$1" | sed 's/^hindsight:   //; s/  *[0-9][0-9.]* s, CPU  *[0-9][0-9.]* s$//'
}

hs --db a.db index --verbose --jobs 2 md
assert_exit 0
assert_contains err "read and parsed on 2 threads"
steps_of err > steps.txt
printf '%s\n' "read, parse and store files" \
    "merge full-text index, count terms" "commit" \
    "related lists and families" "publish first index" > want.txt
cmp -s steps.txt want.txt || fail "steps: $(cat steps.txt | tr '\n' '|')"
# every step line ends in its two times
[ "$(grep -c '^hindsight:   .* [0-9][0-9]*\.[0-9][0-9] s, CPU  *[0-9][0-9]*\.[0-9][0-9] s$' err)" = 5 ] ||
    fail "a step line without its times: $(cat err)"

# nothing changed: the same steps, each once
hs --db a.db index --verbose md
assert_exit 0
assert_contains out "unchanged"
steps_of err > steps.txt
cmp -s steps.txt want.txt || fail "unchanged run: $(cat steps.txt | tr '\n' '|')"

hs --db b.db index md
assert_exit 0
assert_empty err
finish
