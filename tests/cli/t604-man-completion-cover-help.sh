#!/bin/sh
# t604: the man page and the bash completion name every command and every
# option that the program's own help names, so an option added to a
# command cannot be forgotten in either.
. "$REPO/tests/cli/lib.sh"
keep_going

hs --help
assert_exit 0
cmds=$(sed -n '/^commands:/,/^$/p' out | awk 'NF && !/^commands:/ {print $1}')
[ -n "$cmds" ] || fail "no commands in hindsight --help"
for c in $cmds; do
    grep -q "^\.It Cm $c" "$REPO/dist/hindsight.1" ||
        fail "the man page has no entry for the command '$c'"
    grep -q "commands=\".*\\b$c\\b" "$REPO/dist/hindsight.bash" ||
        fail "the completion does not offer the command '$c'"
    hs "$c" --help
    for o in $(grep -o -- '--[a-z][a-z-]*' out | sort -u); do
        case $o in --help | --db | --json | --limit) continue ;; esac
        grep -q -- "Fl -${o#--}\\b" "$REPO/dist/hindsight.1" ||
            fail "the man page does not name $o of '$c'"
        grep -q -- "$o\\b" "$REPO/dist/hindsight.bash" ||
            fail "the completion does not offer $o of '$c'"
    done
done
finish
