#!/bin/sh
# t211: the JSON POST endpoints (/api/alerts, /api/similar) need
# Content-Type: application/json, parameters allowed (charset), any case:
# text/plain (what a cross-site form or a no-preflight fetch can send),
# form encoding, no content type and a charset other than UTF-8 (a UTF-16
# body was read as UTF-8) get 415 with the JSON error body, and such an
# alert is not recorded.
. "$REPO/tests/cli/lib.sh"
command -v curl > /dev/null || skip "curl is not installed"

hs index "$CORPUS"
assert_exit 0
start_serve
body='{"version":"4","status":"firing","alerts":[{"status":"firing","fingerprint":"t211","labels":{"alertname":"DatabaseConnectionPoolExhausted","service":"payment-api"},"annotations":{"summary":"pool exhausted"}}]}'
post() { # post PATH CONTENT-TYPE-HEADER
    code=$(curl -s -o out -w '%{http_code}' -X POST -H "$2" --data-binary "$body" "$base/$1")
}
for ct in 'Content-Type: text/plain' 'Content-Type: text/plain;charset=UTF-8' \
    'Content-Type: application/x-www-form-urlencoded' 'Content-Type: multipart/form-data' \
    'Content-Type:' 'Content-Type: application/jsonx' 'Content-Type: application/json-seq' \
    'Content-Type: application/json; charset=utf-16' 'Content-Type: application/json;charset="ISO-8859-1"'; do
    for p in api/alerts api/similar; do
        post "$p" "$ct"
        [ "$code" = 415 ] || fail "POST /$p with '$ct': HTTP $code, want 415"
        assert_json out "j == {'error': j['error'], 'status': 415} and 'application/json' in j['error']" "415 body"
    done
done
curl -s "$base/api/alerts" > out
assert_json out "j['alerts'] == []" "refused alerts are not recorded"
for ct in 'Content-Type: application/json' 'Content-Type: application/json; charset=utf-8' \
    'Content-Type: Application/JSON;charset=UTF-8' 'Content-Type: application/json; charset="utf8"; x=1'; do
    post api/alerts "$ct"
    [ "$code" = 200 ] || fail "POST /api/alerts with '$ct': HTTP $code"
    post api/similar "$ct"
    [ "$code" = 200 ] || fail "POST /api/similar with '$ct': HTTP $code"
done
curl -s "$base/api/alerts" > out
assert_json out "len(j['alerts']) == 1 and j['alerts'][0]['deliveries'] == 4" "accepted alerts"
# compact, as every other answer of the API: it was indented, several
# times the bytes of a page of alerts
[ "$(wc -l < out)" -le 1 ] || fail "GET /api/alerts: $(wc -l < out) lines, want one"
stop_serve
