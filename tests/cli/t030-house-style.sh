#!/bin/sh
# t030: the house-style file. hindsight.yml at the root of an indexed folder
# (or --config FILE) adds names, a date order and a severity scale; changing
# it re-extracts every file on the next index run; a bad key is an error
# naming the file and line (exit 1); show --explain says where facts came
# from.
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir pm
cat >pm/a.md <<'MD'
# Checkout down 03/04/2026

**Grade**: High

## How it came about

A bad deploy.

## Promises we made

- Add a canary stage
MD

hs --db x.db index pm
assert_exit 0
hs --db x.db show --json a
assert_json out 'j["date"] == "2026-03-04" and j["severity"] is None and j["action_items"] == []' \
    "no house style: the defaults"

cat >pm/hindsight.yml <<'YML'
names:
  action_items: ["Promises we made"]
  root_cause: ["How it came about"]
  severity: [Grade]
dates: dmy
severity_scale: [Critical, High, Medium, Low]
YML
hs --db x.db index pm
assert_exit 0
assert_contains out "updated 1"
hs --db x.db show --json a
assert_json out 'j["date"] == "2026-04-03" and j["severity"] == "SEV2" and len(j["action_items"]) == 1 and j["root_cause"] == "A bad deploy."' \
    "the folder's hindsight.yml applies"
assert_json out 'j["sources"]["severity"] == {"line": 3, "rule": "field '"'"'Grade'"'"'"}' \
    "sources name the line and rule"

hs --db x.db index pm
assert_contains out "unchanged 1"
sed 's/dmy/mdy/' pm/hindsight.yml >y && mv y pm/hindsight.yml
hs --db x.db index pm
assert_contains out "updated 1"
hs --db x.db show --json a
assert_json out 'j["date"] == "2026-03-04"' "a changed house style re-extracts"

hs --db x.db show --explain a
assert_exit 0
assert_contains out "severity"
assert_contains out "a.md:3  field 'Grade'"

printf 'names:\n  rootcause: [x]\n' >bad.yml
hs --db x.db --config bad.yml index pm
assert_exit 1
assert_contains err "bad.yml:2: unknown fact"
hs --config bad.yml show --file pm/a.md
assert_exit 1
assert_contains err "bad.yml:2:"
finish
