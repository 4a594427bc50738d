#!/bin/sh
# t016: check lints postmortems without an index. corpus/ runs (exit 0 or 1,
# every problem line is FILE:LINE: message about a corpus file); a file
# missing title, date, severity and root cause, with action items lacking an
# owner or a due date, gets one FILE:LINE: message per problem, each on the
# right line, and exit 1; unreadable values (date, severity, duration) are
# reported on their line; a clean complete file prints "ok" and exits 0.
. "$REPO/tests/cli/lib.sh"
keep_going

hs check "$CORPUS"
[ "$rc" = 0 ] || [ "$rc" = 1 ] || fail "check corpus/: exit $rc"
grep -v ': ok$' out | grep -v '^checked ' >problems || true
if [ "$rc" = 1 ]; then
    [ -s problems ] || fail "check exited 1 but printed no problem"
fi
bad=$(grep -cvE "^$CORPUS/[^/:]+\.md:[0-9]+: .+" problems)
[ "$bad" = 0 ] || fail "$bad corpus problem lines are not FILE:LINE: message: $(grep -vE "^$CORPUS/[^/:]+\.md:[0-9]+: " problems | head -n 3)"
for db in hindsight.db hindsight.db-wal; do
    [ ! -e "$db" ] || fail "check created $db"
done

cat >bad.md <<'MD'
Some notes about an outage, with no heading at all.

## Summary
The API was down.

## Action Items
- Add an alert on the error rate
- Write a runbook (owner: Sam Okafor)
- Rotate the keys (due 2026-07-01)
- Fix the deploy script (owner: Sam Okafor, due 2026-07-01)
MD
hs check bad.md
assert_exit 1
checking "problem lines of check bad.md: $(tr '\n' '|' <out)"
python3 - <<'PY' || fail "check bad.md: wrong problem lines"
import re, sys
lines = [l for l in open("out").read().splitlines()
         if re.match(r"bad\.md:\d+: ", l)]
got = {}
for l in lines:
    m = re.match(r"bad\.md:(\d+): (.*)", l)
    got.setdefault(int(m.group(1)), []).append(m.group(2).lower())
problems = []
def want(line, *words):
    msgs = got.get(line, [])
    hits = [m for m in msgs if all(w in m for w in words)]
    if len(hits) != 1:
        problems.append("line %d: expected one message with %s, got %s" % (line, words, msgs))
for what in ("title", "date", "severity", "root cause"):
    hits = [(n, m) for n, ms in got.items() for m in ms if what in m and "action" not in m]
    if len(hits) != 1:
        problems.append("expected one message about missing %s, got %s" % (what, hits))
want(7, "owner")
want(7, "due")
want(8, "due")
want(9, "owner")
if [m for m in got.get(8, []) if "owner" in m]:
    problems.append("line 8 has an owner: %s" % got[8])
if [m for m in got.get(9, []) if "due" in m]:
    problems.append("line 9 has a due date: %s" % got[9])
if got.get(10):
    problems.append("line 10 is complete: %s" % got[10])
if len(lines) != 8:
    problems.append("expected 8 problem lines, got %d" % len(lines))
for p in problems:
    print(p, file=sys.stderr)
sys.exit(1 if problems else 0)
PY

cat >unreadable.md <<'MD'
# Unreadable facts
**Date**: 2026-02-30
**Severity**: SEV9
**Duration**: forever

## Root Cause
A typo.
MD
hs check unreadable.md
assert_exit 1
grep -qE '^unreadable\.md:2: .*2026-02-30' out || fail "bad date not reported on line 2"
grep -qE '^unreadable\.md:3: .*SEV9' out || fail "bad severity not reported on line 3"
grep -qE '^unreadable\.md:4: .*forever' out || fail "bad duration not reported on line 4"

cat >good.md <<'MD'
---
title: Checkout outage after config push
date: 2026-03-04
severity: SEV2
---
# Checkout outage after config push

## Summary
A bad config push broke checkout for 20 minutes.

## Root Cause
The config validator did not check the new field.

## Action Items
| Action | Owner | Due | Status |
|---|---|---|---|
| Validate the new field | Sam Okafor | 2026-04-01 | Done |
| Add a config canary | Priya Raman | 2026-05-01 | Not started |
MD
hs check good.md
assert_exit 0
assert_contains out "good.md: ok"
assert_not_contains out "good.md:1"

# Several files: exit 1 if any has a problem; each file reported.
hs check good.md bad.md
assert_exit 1
assert_contains out "good.md: ok"
assert_contains out "bad.md:1:"

hs check --quiet good.md
assert_exit 0
assert_not_contains out "good.md: ok"
finish
