#!/bin/sh
# t003: incremental indexing of a copy of corpus/ (the repo's corpus is never
# touched): first run adds 44; a second run finds 44 unchanged; editing one
# file gives updated 1 and the new text is searchable; deleting one gives
# removed 1 and its id is gone; a new file gives added 1; the same folder
# named by an absolute path is the same files; --full re-reads everything;
# --json prints the same counts as JSON.
. "$REPO/tests/cli/lib.sh"

cp -R "$CORPUS" c
n=$(ls c/*.md | wc -l)
assert_eq "$n" 44 "files in corpus/"

hs index c
assert_exit 0
assert_line out "added 44, updated 0, removed 0, unchanged 0, failed 0"
assert_empty err
[ -f hindsight.db ] || fail "index should create ./hindsight.db by default"

hs index c
assert_exit 0
assert_line out "added 0, updated 0, removed 0, unchanged 44, failed 0"

f=c/2024-07-16-payment-provider-outage.md
id=2024-07-16-payment-provider-outage
sed 's/Card Authorizations Failing/Card Authorizations Zorblaxed/' "$f" >tmp.md
cmp -s tmp.md "$f" && fail "the edit did not change $f (test data changed?)"
cat tmp.md >"$f"
hs index c
assert_exit 0
assert_line out "added 0, updated 1, removed 0, unchanged 43, failed 0"
hs search zorblaxed
assert_exit 0
assert_contains out "$id"
hs show "$id"
assert_contains out "Zorblaxed"

rm c/2025-03-25-leaked-api-key-ci-logs.md
hs index c
assert_exit 0
assert_line out "added 0, updated 0, removed 1, unchanged 43, failed 0"
hs show 2025-03-25-leaked-api-key-ci-logs
assert_exit 1
assert_not_empty err

cat >c/new-one.md <<'MD'
# Quuxification of the frobnicator

## Summary
The frobnicator stopped quuxing for 12 minutes.
MD
hs index c
assert_exit 0
assert_line out "added 1, updated 0, removed 0, unchanged 43, failed 0"
hs show new-one
assert_exit 0
assert_contains out "Quuxification of the frobnicator"

hs index "$PWD/c"
assert_exit 0
assert_line out "added 0, updated 0, removed 0, unchanged 44, failed 0"

hs index --full c
assert_exit 0
assert_empty err
python3 - out <<'PY' || fail "--full should re-read all 44 files"
import re, sys
m = re.fullmatch(r"added (\d+), updated (\d+), removed (\d+), unchanged (\d+), failed (\d+)\n",
                 open(sys.argv[1]).read())
assert m, "count line"
a, u, r, un, f = map(int, m.groups())
assert a + u == 44 and un == 0 and f == 0, m.groups()
PY
hs search --json --limit 100 since:2000-01-01
assert_json out 'j["total"] == 43' "after --full every dated postmortem is still there"
hs show new-one
assert_exit 0

hs index --json c
assert_exit 0
assert_json out 'j == {"added": 0, "updated": 0, "removed": 0, "unchanged": 44, "failed": 0}' \
    "index --json counts"
