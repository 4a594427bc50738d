#!/bin/sh
# t801: show --file and check read the hindsight.yml beside the postmortem
# (a file's folder, or the root of a folder named), as index does, when no
# --config is given; --config still wins; a bad house-style file is an
# error naming it.
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir -p pm/2026
cat >pm/2026/a.md <<'MD'
# Checkout down 2026-03-04

**Grade**: High

## How it came about

A bad deploy.

## Promises we made

- [ ] Add a canary stage (owner: kim, due 2026-09-01)
MD
cat >pm/hindsight.yml <<'YML'
names:
  action_items: ["Promises we made"]
  root_cause: ["How it came about"]
  severity: [Grade]
severity_scale: [Critical, High, Medium, Low]
YML

# a file: the folder it is in has no hindsight.yml, so the defaults
hs show --json --file pm/2026/a.md
assert_exit 0
assert_json out 'j["severity"] is None and j["root_cause"] is None' \
    "no hindsight.yml beside the file: the defaults"

cp pm/hindsight.yml pm/2026/hindsight.yml
hs show --json --file pm/2026/a.md
assert_exit 0
assert_json out 'j["severity"] == "SEV2" and j["root_cause"] == "A bad deploy." and len(j["action_items"]) == 1' \
    "show --file reads the hindsight.yml in the file's folder"
rm pm/2026/hindsight.yml

# check of the folder: its root's hindsight.yml, for files below it too
hs check pm
assert_exit 0
assert_contains out "a.md: ok"
assert_not_contains out "not recognised"
# check of the file alone: nothing beside it, so names are unknown
hs check pm/2026/a.md
assert_exit 1
assert_contains out "missing severity"
assert_contains out "a.md:5: note: section name not recognised: 'How it came about'"

# --config wins over the folder's file
cat >other.yml <<'YML'
names:
  root_cause: ["Promises we made"]
YML
hs --config other.yml show --json --file pm/2026/a.md
assert_json out '"Add a canary stage" in j["root_cause"] and j["severity"] is None' \
    "--config is used instead"

echo 'nmes: {}' >pm/hindsight.yml
hs check pm
assert_exit 1
assert_contains err "hindsight.yml:1"
finish
