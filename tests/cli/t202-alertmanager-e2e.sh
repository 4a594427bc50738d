#!/bin/sh
# t202: end to end with a real Prometheus Alertmanager (Debian package
# prometheus-alertmanager, with amtool), everything on 127.0.0.1: index the
# corpus, start `hindsight serve` on an ephemeral port, start Alertmanager
# (loopback only, no cluster listener) with a webhook receiver pointing at
# POST /api/alerts (group_wait 1s, group_interval 2s, send_resolved), inject
# DatabaseConnectionPoolExhausted on payment-api with amtool and see it in
# GET /api/alerts within 10 s as one firing alertmanager alert whose first
# match is a connection pool exhaustion postmortem; then resolve it (the same
# labels re-added with an end time in the past) and see the same alert (same
# key, two or more deliveries) marked resolved; every POST /api/alerts in the
# access log was answered 200. Skips when Alertmanager, amtool, curl or
# python3 is missing.
. "$REPO/tests/cli/lib.sh"
AM=/usr/bin/prometheus-alertmanager
AMTOOL=/usr/bin/amtool
[ -x "$AM" ] || skip "no $AM (Debian package prometheus-alertmanager)"
[ -x "$AMTOOL" ] || skip "no $AMTOOL (Debian package prometheus-alertmanager)"
command -v curl > /dev/null || skip "curl is not installed"
command -v python3 > /dev/null || skip "python3 is not installed"

# Loopback only: no proxy may see any of this traffic.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
NO_PROXY='*'
no_proxy='*'
export NO_PROXY no_proxy

hs_pid=
am_pid=
stop_all() {
    for p in $am_pid $hs_pid; do
        kill "$p" 2> /dev/null
    done
    # bounded: neither may outlive the test
    i=0
    while [ $i -lt 50 ]; do
        alive=no
        for p in $am_pid $hs_pid; do
            kill -0 "$p" 2> /dev/null && alive=yes
        done
        [ $alive = yes ] || break
        sleep 0.1
        i=$((i + 1))
    done
    for p in $am_pid $hs_pid; do
        kill -9 "$p" 2> /dev/null
    done
    am_pid=
    hs_pid=
}
# On a failure, show what both daemons said.
on_exit() {
    st=$?
    stop_all
    if [ $st -ne 0 ] && [ $st -ne 77 ]; then
        echo "--- hindsight serve log (last 20 lines) ---" >&2
        tail -n 20 serve.log 2> /dev/null | cut -c1-300 >&2
        echo "--- alertmanager log (last 20 lines) ---" >&2
        tail -n 20 am.log 2> /dev/null | cut -c1-300 >&2
        if [ -f alerts.json ]; then
            echo "--- last GET /api/alerts (first 40 lines) ---" >&2
            head -n 40 alerts.json | cut -c1-300 >&2
        fi
    fi
}
trap on_exit EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

now_ms() {
    python3 -c 'import time; print(int(time.time() * 1000))'
}
free_port() {
    python3 -c '
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

# 1. index the corpus, serve it on an ephemeral loopback port
hs --db hs.db index "$CORPUS"
assert_exit 0
"$HINDSIGHT" --db hs.db serve --listen 127.0.0.1:0 > serve.out 2> serve.log &
hs_pid=$!
i=0
while ! grep -q 'port [0-9]' serve.log 2> /dev/null; do
    kill -0 $hs_pid 2> /dev/null || fail "serve exited: $(cat serve.log)"
    i=$((i + 1))
    [ $i -lt 100 ] || fail "serve did not start in 5 s: $(cat serve.log)"
    sleep 0.05
done
port=$(sed -n 's/.*(port \([0-9]*\)).*/\1/p' serve.log | head -n 1)
[ -n "$port" ] || fail "no port in serve's log: $(cat serve.log)"
base=http://127.0.0.1:$port

# 2. Alertmanager on loopback, webhook to hindsight
cat > alertmanager.yml << EOF
route:
  receiver: hindsight
  group_by: ['alertname', 'service']
  group_wait: 1s
  group_interval: 2s
  repeat_interval: 1h
receivers:
  - name: hindsight
    webhook_configs:
      - url: http://127.0.0.1:$port/api/alerts
        send_resolved: true
EOF
checking "$AMTOOL check-config alertmanager.yml"
"$AMTOOL" check-config alertmanager.yml > check.out 2>&1 ||
    fail "amtool check-config: $(cat check.out)"

# The port is picked free, then bound by Alertmanager: another process may
# take it in between, so a start that dies is retried on a new port.
attempt=0
ready=no
while [ $attempt -lt 3 ] && [ $ready = no ]; do
    attempt=$((attempt + 1))
    amport=$(free_port)
    [ -n "$amport" ] || fail "cannot pick a free port"
    "$AM" --config.file=alertmanager.yml --storage.path=./am-data \
        --web.listen-address=127.0.0.1:$amport --cluster.listen-address= \
        --log.level=debug > am.log 2>&1 &
    am_pid=$!
    i=0
    while [ $i -lt 100 ]; do
        kill -0 $am_pid 2> /dev/null || break
        code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' \
            "http://127.0.0.1:$amport/-/ready")
        if [ "$code" = 200 ]; then
            ready=yes
            break
        fi
        sleep 0.1
        i=$((i + 1))
    done
    if [ $ready = no ]; then
        echo "alertmanager attempt $attempt on port $amport not ready:" >&2
        tail -n 5 am.log >&2
        kill $am_pid 2> /dev/null
        sleep 0.2
        kill -9 $am_pid 2> /dev/null
        am_pid=
    fi
done
[ $ready = yes ] || fail "alertmanager did not become ready (3 attempts)"
amurl=http://127.0.0.1:$amport
run "$AMTOOL" --alertmanager.url=$amurl config show
assert_exit 0
assert_contains out "127.0.0.1:$port/api/alerts"
# Alertmanager must listen on loopback only (when ss can tell).
if command -v ss > /dev/null 2>&1; then
    ss -ltnp 2> /dev/null | grep "pid=$am_pid," > am.sockets
    checking "alertmanager's listening sockets are on 127.0.0.1"
    if grep -v '127\.0\.0\.1:' am.sockets | grep -q .; then
        fail "alertmanager listens beyond loopback: $(cat am.sockets)"
    fi
fi

# poll_alerts EXPR WHAT SECONDS: GET /api/alerts into alerts.json until
# the python expression EXPR (j is the JSON) holds, at most SECONDS.
poll_alerts() {
    deadline=$(($(now_ms) + $3 * 1000))
    tries=0
    while :; do
        tries=$((tries + 1))
        code=$(curl -s -m 5 -o alerts.json -w '%{http_code}' "$base/api/alerts")
        if [ "$code" = 200 ] && python3 -c '
import json, sys
with open("alerts.json", encoding="utf-8") as f:
    j = json.load(f)
sys.exit(0 if eval(sys.argv[1]) else 1)
' "$1" 2> /dev/null; then
            checking "GET $base/api/alerts (in alerts.json)"
            return 0
        fi
        [ "$(now_ms)" -lt "$deadline" ] && [ $tries -lt 200 ] || {
            checking "GET $base/api/alerts (HTTP $code) until: $1"
            fail "$2: not seen within $3 s"
        }
        sleep 0.2
    done
}

# 3. fire
labels='DatabaseConnectionPoolExhausted service=payment-api severity=critical'
summary='Database connection pool exhausted on payment-api'
description='payment-api has 0 of 50 connections available; requests are timing out'
t0=$(now_ms)
run "$AMTOOL" --alertmanager.url=$amurl alert add $labels \
    --annotation=summary="$summary" --annotation=description="$description"
assert_exit 0
poll_alerts "len(j['alerts']) == 1 and j['alerts'][0]['source'] == 'alertmanager' and j['alerts'][0]['status'] == 'firing' and bool(j['alerts'][0]['matches'])" \
    "one firing alertmanager alert with matches" 15
t1=$(now_ms)
firing_ms=$((t1 - t0))
a="j['alerts'][0]"
m="j['alerts'][0]['matches']"
assert_json alerts.json "$a['title'] == 'DatabaseConnectionPoolExhausted' and $a['service'] == 'payment-api' and $a['deliveries'] >= 1" "firing alert fields"
assert_json alerts.json "isinstance($m, list) and len($m) > 0 and all('id' in r and 'title' in r for r in $m)" "matches non-empty, with id and title"
assert_json alerts.json "'connection-pool' in $m[0]['id'] or 'pool-exhaust' in $m[0]['id']" "first match is a connection pool exhaustion postmortem"
key=$(json_get alerts.json "$a['key']")
first=$(json_get alerts.json "$m[0]['id']")
first_seen=$(json_get alerts.json "$a['first_seen']")
echo "firing: key $key, first match $first, visible after ${firing_ms} ms"
case $key in
alertmanager:?*) ;;
*) fail "alert key '$key' should be alertmanager:<fingerprint>" ;;
esac
[ $firing_ms -lt 10000 ] ||
    fail "firing alert took ${firing_ms} ms (add to visible), should be < 10 s"

# 4. resolve: the same labels, ended a minute ago
start=$(date -u -d '-2 minutes' +%Y-%m-%dT%H:%M:%SZ)
end=$(date -u -d '-1 minute' +%Y-%m-%dT%H:%M:%SZ)
t0=$(now_ms)
run "$AMTOOL" --alertmanager.url=$amurl alert add $labels \
    --annotation=summary="$summary" --annotation=description="$description" \
    --start="$start" --end="$end"
assert_exit 0
poll_alerts "len(j['alerts']) == 1 and j['alerts'][0]['status'] == 'resolved'" \
    "the alert marked resolved" 15
t1=$(now_ms)
resolved_ms=$((t1 - t0))
assert_json alerts.json "$a['key'] == '$key' and $a['source'] == 'alertmanager' and $a['deliveries'] >= 2 and $a['first_seen'] == '$first_seen'" "the same alert, delivered again"
assert_json alerts.json "len($m) > 0 and $m[0]['id'] == '$first'" "matches kept when resolved"
echo "resolved: visible after ${resolved_ms} ms, deliveries $(json_get alerts.json "$a['deliveries']")"
[ $resolved_ms -lt 10000 ] ||
    fail "resolved alert took ${resolved_ms} ms (add to visible), should be < 10 s"

# 5. hindsight answered every delivery with 200
grep '"POST /api/alerts HTTP/1.1"' serve.log > posts.log
checking "access log: POST /api/alerts lines answered 200"
n=$(grep -c '"POST /api/alerts HTTP/1.1" 200 ' posts.log)
[ "$n" -ge 2 ] || fail "access log should show >= 2 POST /api/alerts answered 200, shows $n: $(cat posts.log)"
if grep -v '"POST /api/alerts HTTP/1.1" 200 ' posts.log | grep -q .; then
    fail "a POST /api/alerts was not answered 200: $(cat posts.log)"
fi
grep -qi 'notify.*fail\|Notify for alerts failed\|context deadline' am.log &&
    fail "alertmanager reports a failed notification: $(grep -i 'fail\|deadline' am.log | head -n 3)"
stop_all
exit 0
