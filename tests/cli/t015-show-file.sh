#!/bin/sh
# t015: show --file FILE.md extracts one file with no index: no database is
# read or created, text and --json output work (same record shape as show
# --json), and a missing file exits 1 naming it.
. "$REPO/tests/cli/lib.sh"
keep_going

f=$CORPUS/2026-11-19-payment-api-connection-pool-exhausted.md
hs show --file "$f"
assert_exit 0
assert_empty err
assert_contains out "Incident Postmortem: 2026-11-19 payment-api Database Connection Pool Exhausted"
for db in hindsight.db hindsight.db-wal hindsight.db-shm; do
    [ ! -e "$db" ] || fail "show --file created $db"
done

hs show --json --file "$f"
assert_exit 0
assert_json out 'j["title"] == "Incident Postmortem: 2026-11-19 payment-api Database Connection Pool Exhausted" and j["severity"] == "SEV1" and len(j["action_items"]) == 9' \
    "show --json --file record"
assert_json out 'j["id"] == "2026-11-19-payment-api-connection-pool-exhausted"' "id from the file name"
cp out file.json

# The same record as show --json after indexing, apart from the path.
hs --db x.db index "$CORPUS"
assert_exit 0
hs --db x.db show --json 2026-11-19-payment-api-connection-pool-exhausted
assert_exit 0
checking "show --json --file FILE equals show --json ID (path aside)"
python3 - <<'PY' || fail "show --file and show ID disagree"
import json
a, b = json.load(open("file.json")), json.load(open("out"))
a.pop("path"); b.pop("path")
diff = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
assert not diff, diff
PY

# A file given relative to the cwd, with front matter supplying the id.
cat >fm.md <<'MD'
---
id: INC-4242
title: Front matter title
date: 2026-02-03
severity: P2
tags: [dns, "edge"]
---
# Heading title

## Root Cause
A typo in a zone file.
MD
hs show --json --file fm.md
assert_exit 0
assert_json out 'j["id"] == "INC-4242" and j["title"] == "Front matter title" and j["date"] == "2026-02-03" and j["severity"] == "SEV2"' \
    "front matter facts"
assert_json out 'j["tags"] == ["dns", "edge"]' "front matter tags as written"
assert_json out 'j["root_cause"] == "A typo in a zone file."' "root cause section"

hs show --file missing.md
assert_exit 1
assert_contains err "missing.md"
assert_empty out
[ ! -e hindsight.db ] || fail "show --file created hindsight.db"
finish
