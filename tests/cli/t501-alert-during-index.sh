#!/bin/sh
# t501: an alert posted while `hindsight index` holds the index's write
# lock (a long run over 5000 files) is recorded at once: the alerts
# database is separate and the index run does not lock it. This failed
# with 503 after the busy timeout when every connection attached it.
# cli: long
. "$REPO/tests/cli/lib.sh"
command -v curl > /dev/null || skip "curl is not installed"

index_copy
start_serve --quiet
python3 "$REPO/bench/gen.py" 5000 corpus/gen --seed 11 > /dev/null || fail gen
"$HINDSIGHT" index corpus > index.out 2>&1 &
ipid=$!
sleep 0.5
kill -0 $ipid 2> /dev/null || skip "the index run ended before the alert was sent"
body='{"version":"4","status":"firing","alerts":[{"status":"firing","fingerprint":"t501","labels":{"alertname":"DatabaseConnectionPoolExhausted","service":"payment-api"},"annotations":{"summary":"pool exhausted"}}]}'
t0=$(date +%s%N)
code=$(curl -s -o out -w '%{http_code}' -X POST -H 'Content-Type: application/json' --data-binary "$body" "$base/api/alerts")
t1=$(date +%s%N)
running=no
kill -0 $ipid 2> /dev/null && running=yes
wait $ipid || fail "index failed: $(cat index.out)"
[ "$code" = 200 ] || fail "alert during index: HTTP $code $(cat out)"
ms=$(((t1 - t0) / 1000000))
# recording an alert takes milliseconds; blocked, it waited for the run
# or the 5 s busy timeout (then a 503); 4 s leaves room for a loaded
# machine (other tests run beside this one)
[ $ms -lt 4000 ] || fail "alert during index took $ms ms"
# answered while the run still held its lock, not after it let go
[ $running = yes ] || fail "the alert was answered only after the index run ended"
curl -s "$base/api/alerts" > out
assert_json out "any(a['key'] == 'alertmanager:t501' for a in j['alerts'])" "alert recorded"
stop_serve
