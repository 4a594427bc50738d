#!/bin/sh
# t011: search "connection pool" on corpus/: exit 0, best result first is a
# connection-pool postmortem, snippets highlight the matched words; --json is
# SPEC's {"total":N,"results":[{id,title,date,severity,score,snippet}]} with
# the right types, scores best first and total >= the results shown;
# --limit 2 gives at most 2 results (total unchanged, and exact with and
# without filters); words are stemmed
# ("timeouts" finds "timeout"); a phrase in quotes; no match is exit 0 with
# total 0; search without an index exits 1.
. "$REPO/tests/cli/lib.sh"

hs search pool
assert_exit 1
assert_not_empty err

hs index "$CORPUS"
assert_exit 0

hs search connection pool
assert_exit 0
assert_empty err
assert_contains out "2026-11-19-payment-api-connection-pool-exhausted"
assert_contains out "2024-10-08-orders-api-connection-pool-exhaustion"
# The highlight marks the matched words, whatever the markers are.
grep -qiE '[^[:alnum:][:space:]]+(connection|pool)s?[^[:alnum:][:space:]]+' out ||
    fail "snippets should highlight 'connection'/'pool'"
hs search --limit 1 connection pool
assert_exit 0
grep -qi 'pool' out || fail "the top result for 'connection pool' should mention pool"

hs search --json connection pool
assert_exit 0
assert_empty err
assert_json out 'isinstance(j, dict) and isinstance(j.get("total"), int) and isinstance(j.get("results"), list)' \
    "search --json shape"
assert_json out 'j["total"] >= len(j["results"]) >= 5' "at least 5 results, total >= shown"
assert_json out 'all(set(r) >= {"id","title","date","severity","score","snippet"} for r in j["results"])' \
    "every result has id, title, date, severity, score, snippet"
assert_json out 'all(isinstance(r["id"], str) and r["id"] and isinstance(r["snippet"], str) and isinstance(r["score"], (int, float)) and not isinstance(r["score"], bool) for r in j["results"])' \
    "result field types"
assert_json out 'all(r["title"] is None or isinstance(r["title"], str) for r in j["results"])' "title string or null"
assert_json out 'all(r["date"] is None or (isinstance(r["date"], str) and __import__("re").fullmatch(r"\d{4}-\d{2}-\d{2}", r["date"])) for r in j["results"])' \
    "date is YYYY-MM-DD or null"
assert_json out 'all(r["severity"] in (None, "SEV1", "SEV2", "SEV3", "SEV4") for r in j["results"])' \
    "severity is SEV1..SEV4 or null"
assert_json out 'len({r["id"] for r in j["results"]}) == len(j["results"])' "no duplicate results"
assert_json out '[r["score"] for r in j["results"]] == sorted([r["score"] for r in j["results"]], reverse=True) or [r["score"] for r in j["results"]] == sorted([r["score"] for r in j["results"]])' \
    "results are ordered by score"
assert_json out 'j["results"][0]["id"] in ("2026-11-19-payment-api-connection-pool-exhausted", "2024-10-08-orders-api-connection-pool-exhaustion", "2025-11-25-inventory-sync-pgbouncer-pool-exhaustion", "2024-01-23-auth-service-connection-pool-exhaustion")' \
    "best result is a connection pool exhaustion postmortem"
assert_json out 'any("connection" in r["snippet"].lower() or "pool" in r["snippet"].lower() for r in j["results"])' \
    "snippets show the matched words"
total=$(json_get out 'j["total"]')

hs search --json --limit 2 connection pool
assert_exit 0
assert_json out 'len(j["results"]) == 2' "--limit 2 gives 2 results"
assert_json out "j['total'] == $total" "--limit does not change total"
# the total of a short page is counted apart (with or without filters): it
# must be the number of results a long enough page shows
for q in "the" "incident tag:database" "the sev:1,2"; do
    hs search --json --limit 1000 $q
    n=$(json_get out 'len(j["results"])')
    hs search --json --limit 1 $q
    assert_json out "j['total'] == $n and $n > 1" "the total of '$q' is its $n results"
done
hs search --limit 2 connection pool
assert_exit 0
n=$(grep -c '^ *id: ' out)
[ "$n" -le 2 ] || fail "--limit 2 printed $n results"

hs search --json timeouts
assert_exit 0
assert_json out 'j["total"] >= 1' "timeouts (stemmed) finds postmortems"
hs search --json '"connection pool exhausted"'
assert_exit 0
assert_json out '1 <= j["total"] <= '"$total" "a quoted phrase finds at most what the words find"

hs search --json zzqqxxnothinglikethis
assert_exit 0
assert_json out 'j == {"total": 0, "results": []}' "no match is an empty result"
hs search zzqqxxnothinglikethis
assert_exit 0
