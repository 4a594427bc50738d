#!/bin/sh
# t987: a usage error quotes the argument it refuses; the argument's
# control bytes went to the terminal as they were (ESC ] 0 ; ... BEL
# retitled the window, ESC [ 2 J cleared it). They are written as \xNN now,
# as every other message of hindsight's already was; UTF-8 stays.
. "$REPO/tests/cli/lib.sh"
keep_going

hs check --format "$(printf 'x\033]0;pwned\007')"
assert_exit 2
assert_contains err "not 'x\\x1b]0;pwned\\x07'"
if LC_ALL=C grep -q "$(printf '\033')" err; then
    fail "an ESC reached stderr"
fi
assert_contains err "Try 'hindsight check --help'"

hs report overdue --as-of "$(printf '2026\033[2J')"
assert_exit 2
if LC_ALL=C grep -q "$(printf '\033')" err; then
    fail "an ESC reached stderr (report --as-of)"
fi

hs check --format "caf$(printf '\303\251')"
assert_exit 2
assert_contains err "not 'caf$(printf '\303\251')'"
finish
