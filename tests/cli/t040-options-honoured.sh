#!/bin/sh
# t040 (issue 12 item 21): an option a command would ignore is refused as a
# usage error (exit 2), and the ones it takes work (check --json is the
# JSON list of --format json): site --json, report --limit, report --format csv --json, --owner '', help
# COMMAND, "--" ending the options, NO_COLOR on a terminal.
. "$REPO/tests/cli/lib.sh"
keep_going


hs index "$CORPUS"
assert_exit 0

hs check --json "$CORPUS"
assert_exit 1
assert_json out 'isinstance(j, list) and j and all("file" in p and "line" in p for p in j)' "check --json is the problem list"
usage_error "--json" site --json --out site
usage_error "--limit" report overdue --limit 3
usage_error "--limit" check --limit 3 "$CORPUS"
usage_error "--format" report overdue --format csv --json
usage_error "--format" report overdue --json --format md
usage_error "--owner needs a name" report overdue --owner ''
usage_error "--out needs a file name" report overdue --out ''
usage_error "where to" site --out ''
[ ! -d site ] || fail "site --json must not write a site"

# --json with --format json is one request, not a conflict
hs report overdue --as-of 2026-11-24 --format json --json
assert_exit 0
assert_json out '"overdue" in j'

# help COMMAND prints that command's help, as COMMAND --help does
hs help search
assert_exit 0
"$HINDSIGHT" search --help >want
cmp -s out want || fail "help search should print search --help"
usage_error "frobnicate" help frobnicate

# "--" ends the options: what follows is words, IDs, paths
hs search -- --limit
assert_not_contains err "unknown option"
hs search --json -- pool --limit
assert_exit 0
assert_json out 'j["total"] >= 1' "search -- pool --limit finds pool"
hs show -- --bogus
assert_exit 1
assert_contains err "--bogus"
hs similar -- --crash looping
assert_exit 0

# NO_COLOR: on a terminal matches are bold, with NO_COLOR they are not
if command -v script >/dev/null 2>&1; then
    script -qec "'$HINDSIGHT' search pool --limit 1" /dev/null >tty.out 2>&1
    grep -q "$(printf '\033')\[1m" tty.out ||
        fail "search on a terminal should make matches bold"
    NO_COLOR=1 script -qec "'$HINDSIGHT' search pool --limit 1" /dev/null \
        >tty.out 2>&1
    if grep -q "$(printf '\033')" tty.out; then
        fail "NO_COLOR=1: search must not write colour escapes"
    fi
    grep -q '\[pool\]' tty.out || fail "NO_COLOR=1: matches as [word]"
fi
finish
