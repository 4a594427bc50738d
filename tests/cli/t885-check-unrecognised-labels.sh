#!/bin/sh
# t885: check names the bold lines and `- **Key**` bullets shaped like a
# section name that it does not recognise (issue 13 item 3), in text and
# json, so a team knows what to add to hindsight.yml `names:`. They stay
# prose: no fact comes from them, and once hindsight.yml names them the
# notes go and the facts come.
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir pm
cat >pm/disk.md <<'MD'
# Disk full on db-3

**Date**: 2026-03-01
**Severity**: SEV3

**Fishbone**

Log rotation was switched off by a config push.

- **Promises**
  - Alert on disk use over 80%
  - Re-enable log rotation

**In progress:**

- a status lead-in is no section name

## Root cause

**Deeper**

Inside a named section a bold line is its own business.
MD

hs check pm
assert_contains out "pm/disk.md:6: note: section name not recognised: 'Fishbone' (a bold line)"
assert_contains out "pm/disk.md:10: note: section name not recognised: 'Promises' (a \`- **Key**\` bullet)"
assert_not_contains out "'In progress'"
assert_not_contains out "'Deeper'"

hs check --format json pm
assert_json out '[p["line"] for p in j if p["severity"] == "notice"] == [6, 10]' \
    "json: one notice per unrecognised label, with its line"
assert_json out 'all(p["message"].startswith("note: section name not recognised:") for p in j if p["severity"] == "notice")' \
    "json: the same message as text"

# unknown labels are not facts
hs show --json --file pm/disk.md
assert_json out 'j["action_items"] == [] and "Log rotation" not in (j["root_cause"] or "")' \
    "no actions from an unknown bullet, no cause from an unknown bold line"

cat >pm/hindsight.yml <<'YML'
names:
  action_items: [Promises]
  root_cause: [Fishbone]
YML
hs check pm
assert_not_contains out "not recognised: 'Fishbone'"
assert_not_contains out "not recognised: 'Promises'"
hs show --json --file pm/disk.md
assert_json out 'len(j["action_items"]) == 2 and "Log rotation" in j["root_cause"]' \
    "named in hindsight.yml, they are facts"
finish
