#!/bin/sh
# t601: check --format github prints one GitHub Actions workflow command per
# problem (::warning file=F,line=N::message) with '%', CR and LF escaped in
# the message, and also ':' and ',' in the file property; --format json (and
# --json) prints [{"file","line","severity","message"}] with the same
# problems as the text format; text stays the default; a bad --format is a
# usage error.
. "$REPO/tests/cli/lib.sh"
keep_going

cat >bad.md <<'MD'
# Disk full on the build host

## Action Items
- Alert at 90%, not 99%: page the on-call (owner: Sam Okafor)
MD
name=$(printf 'odd:name,a%%b\r\nc.md')
cp bad.md "$name"

hs check bad.md
assert_exit 1
sed -n 's/^bad\.md:\([0-9]*\): \(.*\)$/\1 \2/p' out | sort >text.problems
[ -s text.problems ] || fail "no text problems for bad.md"

hs check --format github bad.md
assert_exit 1
bad=$(grep -cvE '^::warning file=bad\.md,line=[0-9]+::' out)
assert_eq "$bad" 0 "lines of --format github that are not ::warning commands"
assert_line out "::warning file=bad.md,line=4::action item has no due date: Alert at 90%25, not 99%25: page the on-call"
assert_not_contains out ": ok"
sed -n 's/^::warning file=bad\.md,line=\([0-9]*\)::\(.*\)$/\1 \2/p' out |
    sed 's/%25/%/g' | sort >github.problems
cmp -s text.problems github.problems ||
    fail "github and text formats differ: $(diff text.problems github.problems)"

hs check --format github "$name"
assert_exit 1
assert_contains out "::warning file=odd%3Aname%2Ca%25b%0D%0Ac.md,line=4::"
checking "no raw CR in --format github output"
if tr -d '\n' <out | grep -q "$(printf '\r')"; then fail "raw CR in output"; fi

hs check --format json bad.md
assert_exit 1
assert_json out 'isinstance(j, list) and len(j) > 0' "a list"
assert_json out 'all(sorted(p) == ["file", "line", "message", "severity"] for p in j)' "keys"
assert_json out 'all(p["file"] == "bad.md" and p["severity"] == "warning" for p in j)' "file and severity"
json_get out '"\n".join("%d %s" % (p["line"], p["message"]) for p in j)' | sort >json.problems
cmp -s text.problems json.problems ||
    fail "json and text formats differ: $(diff text.problems json.problems)"

hs check --json bad.md
assert_exit 1
assert_json out 'len(j) > 0 and j[0]["file"] == "bad.md"' "--json is --format json"

cat >good.md <<'MD'
---
title: Checkout outage
date: 2026-03-04
severity: SEV2
---
# Checkout outage

## Root Cause
A typo.
MD
hs check --format json good.md
assert_exit 0
assert_json out 'j == []' "no problems is an empty list"
hs check --format github good.md
assert_exit 0
assert_empty out

hs check --format yaml good.md
assert_exit 2
assert_contains err "--format"
hs check --format
assert_exit 2
finish
