#!/bin/sh
# t842: /api/search keeps recent answers per server thread, and never a
# stale one: the same question gives the same body; another limit or
# another filter is another answer; after an index run adds a matching
# postmortem, every thread answers with it (the total and the results).
. "$REPO/tests/cli/lib.sh"
command -v curl >/dev/null || skip "curl is not installed"
keep_going

index_copy
start_serve --quiet
get() { curl -s "$base/api/search?$1" >"$2" || fail "GET /api/search?$1"; }
# several rounds, so that every server thread has answered and kept it
for i in 1 2 3 4 5 6; do
    get 'q=pool&limit=3' "a$i.json"
    cmp -s a1.json "a$i.json" || fail "round $i: the same question, another answer"
done
assert_json a1.json 'len(j["results"]) == 3 and j["total"] > 3' "a full page"
get 'q=pool&limit=2' b.json
assert_json b.json 'len(j["results"]) == 2' "limit=2 is another answer"
get 'q=pool%20sev:1&limit=50' c.json
n_sev1=$(json_get c.json 'j["total"]')
total=$(json_get a1.json 'j["total"]')

cat >corpus/zz-new-pool.md <<'MD'
---
title: Zebra pool drained at night
date: 2026-11-30
severity: SEV1
---

## Summary
The zebra connection pool drained and every request waited for a pool slot.
MD
"$HINDSIGHT" index corpus >/dev/null 2>&1 || fail "index after adding a file"
for i in 1 2 3 4 5 6; do
    get 'q=pool&limit=3' "d$i.json"
    assert_json "d$i.json" "j['total'] == $total + 1" "round $i: total after index"
    get 'q=pool%20sev:1&limit=50' "e$i.json"
    assert_json "e$i.json" \
        "j['total'] == $n_sev1 + 1 and any(r['id'] == 'zz-new-pool' for r in j['results'])" \
        "round $i: the new SEV1 postmortem is found"
done
stop_serve
finish
