#!/bin/sh
# t200: hindsight serve on an ephemeral loopback port, every endpoint with
# curl: health, search (and its 400s), similar GET and POST (own JSON shape
# and the captured Alertmanager body), postmortems list with filters and one
# record (404 for unknown ids and for paths with .. or encoded tricks),
# action-items with overdue/as_of/owner, alerts POST (repeat delivery is one
# alert, the resolved notification marks it resolved) and GET; 405 for
# wrong methods, 413 for bodies over 1 MiB, 400 for malformed JSON; error
# bodies are {"error","status"}; answers follow an index run made while the
# server runs; SIGTERM stops it with exit 0.
. "$REPO/tests/cli/lib.sh"
command -v curl > /dev/null || skip "curl is not installed"

index_copy
start_serve
json="Content-Type: application/json"

# get URL -> body in ./out, status in $code
get() {
    code=$(curl -s -o out -w '%{http_code}' "$@")
    last_cmd="curl $*"
}
expect() { # expect STATUS WHAT
    [ "$code" = "$1" ] || fail "$2: HTTP $code, want $1"
}

get "$base/api/health"
expect 200 health
assert_json out "j == {'status': 'ok', 'postmortems': 44, 'state': 'ok'}" "health body"

get "$base/api/search?q=connection+pool&limit=2"
expect 200 search
assert_json out "j['total'] >= 3 and len(j['results']) == 2 and set(j['results'][0]) >= {'id','title','date','severity','score','snippet'}" "search shape"
for q in '%22' '(' 'NEAR' 'tag%3A' '' 'foo%3Abar'; do
    get "$base/api/search?q=$q"
    [ "$code" = 200 ] || [ "$code" = 400 ] || fail "search q=$q: HTTP $code"
    [ "$code" = 400 ] && assert_json out "j['status'] == 400 and j['error']" "error body"
done
get "$base/api/search?q=pool&limit=abc"
expect 400 "bad limit"

get "$base/api/similar?q=DatabaseConnectionPoolExhausted&limit=3"
expect 200 "similar GET"
assert_json out "len(j['results']) == 3 and 'connection' in ' '.join(j['results'][0]['matched_terms'])" "similar GET matches"
get -X POST -H 'Content-Type: application/json' --data-binary \
    '{"symptoms":["5xx on checkout","db connections exhausted"],"service":"payment-api","limit":2}' \
    "$base/api/similar"
expect 200 "similar POST"
assert_json out "len(j['results']) == 2" "similar POST limit"
if [ -f "$REAL/../fixtures/alertmanager-v4-firing.json" ]; then
    get -X POST -H "$json" --data-binary @"$REAL/../fixtures/alertmanager-v4-firing.json" "$base/api/similar"
    expect 200 "similar with an Alertmanager body"
    assert_json out "'connection-pool' in j['results'][0]['id'] or 'pool' in j['results'][0]['id']" "db pool first"
fi
get -X POST -H "$json" --data-binary '{bad json' "$base/api/similar"
expect 400 "malformed JSON"
assert_json out "j['status'] == 400" "error body"
get -X POST -H "$json" --data-binary '[1,2]' "$base/api/similar"
expect 400 "JSON of no known shape"
head -c 1100000 /dev/zero | tr '\0' 'a' > big
get -X POST -H "$json" --data-binary @big "$base/api/similar"
expect 413 "body over 1 MiB"
get -X DELETE "$base/api/search?q=x"
expect 405 "DELETE"

get "$base/api/postmortems?severity=SEV1"
expect 200 list
assert_json out "j['total'] >= 3 and all(r['severity'] == 'SEV1' for r in j['results'])" "severity filter"
get "$base/api/postmortems"
expect 200 "list all"
assert_json out "j['total'] == 44" "all listed"
dates=$(json_get out "' '.join(r['date'] or '' for r in j['results'])")
[ "$dates" = "$(printf '%s\n' $dates | sort -r | tr '\n' ' ' | sed 's/ $//')" ] ||
    fail "list is not newest first"
get "$base/api/postmortems/2024-02-29-leap-day-settlement-batch-failure"
expect 200 record
assert_json out "j['severity'] == 'SEV3' and j['date'] == '2024-02-29'" record
for p in nope ../../etc/passwd %2e%2e%2f%2e%2e%2fetc%2fpasswd ..%2F..%2Fhindsight.db; do
    get --path-as-is "$base/api/postmortems/$p"
    expect 404 "record $p"
done
get --path-as-is "$base/api/../../etc/passwd"
[ "$code" = 404 ] || [ "$code" = 400 ] || fail "path traversal: HTTP $code"

get "$base/api/action-items?overdue=true&as_of=2026-11-24&owner=priya"
expect 200 "action items"
assert_json out "j['as_of'] == '2026-11-24' and j['overdue'] and all(i['owner'].startswith('Priya') for i in j['overdue'])" "owner filter"
get "$base/api/action-items?as_of=2026-13-01"
expect 400 "bad as_of"

if [ -f "$REAL/../fixtures/alertmanager-v4-firing.json" ]; then
    fx=$REAL/../fixtures
    get -X POST -H "$json" --data-binary @"$fx/alertmanager-v4-firing.json" "$base/api/alerts"
    expect 200 "alert"
    get -X POST -H "$json" --data-binary @"$fx/alertmanager-v4-firing.json" "$base/api/alerts"
    expect 200 "alert again"
    get "$base/api/alerts"
    expect 200 "alerts"
    assert_json out "len(j['alerts']) == 1 and j['alerts'][0]['deliveries'] == 2 and j['alerts'][0]['status'] == 'firing' and j['alerts'][0]['matches']" "one alert, two deliveries"
    get -X POST -H "$json" --data-binary @"$fx/alertmanager-v4-resolved.json" "$base/api/alerts"
    expect 200 "resolved"
    get "$base/api/alerts"
    assert_json out "len(j['alerts']) == 1 and j['alerts'][0]['status'] == 'resolved'" "resolved"
fi

# freshness: a new postmortem indexed while serving shows up at once
cat > corpus/2026-11-23-fresh.md <<'MD'
# Zebra firmware outage

**Date**: 2026-11-23
**Severity**: SEV4

## Root Cause

The zebrafirmware rollout.
MD
hs index corpus
assert_exit 0
get "$base/api/health"
assert_json out "j['postmortems'] == 45" "health after index"
get "$base/api/search?q=zebrafirmware"
assert_json out "j['total'] == 1" "fresh search"

grep -q '"GET /api/health HTTP/1.1" 200' serve.log || fail "access log line"
kill -TERM $pid
wait $pid
st=$?
trap - EXIT
[ $st -eq 0 ] || fail "serve exit status after SIGTERM: $st"
