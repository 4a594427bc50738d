#!/bin/sh
# t703: end to end, everything on 127.0.0.1 and Unix sockets: haproxy (with
# the repository's dist/haproxy.cfg, ports rewritten) in front of two
# replicas that share one PostgreSQL 15, and a real Alertmanager sending its
# webhook to haproxy. 200 alerts fire (one notification each); while they
# are delivered, replica b is killed with kill -9 and started again on its
# port, and PostgreSQL is stopped for a second and started again (webhook
# answers 503 meanwhile, which Alertmanager retries); then half of the
# alerts are resolved. Afterwards each of the 200 alerts is present exactly once on
# both replicas (and in PostgreSQL) with the right status: nothing a replica
# acknowledged was lost, and nothing was counted twice as two alerts.
# Skips without PostgreSQL 15, haproxy or Alertmanager.
# cli: serial (Alertmanager, haproxy, PostgreSQL and two replicas on
# timers; failed once under ASan beside another test)
. "$REPO/tests/cli/lib.sh"
. "$REPO/tests/cli/pg.sh"
AM=/usr/bin/prometheus-alertmanager
HAPROXY=$(command -v haproxy || echo /usr/sbin/haproxy)
[ -x "$AM" ] || skip "no $AM (Debian package prometheus-alertmanager)"
[ -x "$HAPROXY" ] || skip "no haproxy (Debian package haproxy)"
pg_up

now_s() {
    date +%s
}
free_port() {
    python3 -c '
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

# 1. two replicas on fixed ports (b comes back on its own after kill -9)
replica_index a
replica_index b
pa=$(free_port)
pb=$(free_port)
replica_start a "$pa" --threads 4
replica_start b "$pb" --threads 4

# 2. haproxy with the shipped config, on a free port
ph=$(free_port)
sed -e "s/bind 127.0.0.1:8080/bind 127.0.0.1:$ph/" \
    -e "s/127.0.0.1:8081/127.0.0.1:$pa/" -e "s/127.0.0.1:8082/127.0.0.1:$pb/" \
    "$REPO/dist/haproxy.cfg" > haproxy.cfg
"$HAPROXY" -c -f haproxy.cfg > haproxy-check.log 2>&1 ||
    fail "haproxy rejects the config: $(cat haproxy-check.log)"
"$HAPROXY" -db -f haproxy.cfg > haproxy.log 2>&1 &
pg_track $!
i=0
until [ "$(curl -s -m 2 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$ph/api/health")" = 200 ]; do
    i=$((i + 1))
    [ $i -lt 100 ] || fail "haproxy did not answer in 10 s: $(cat haproxy.log)"
    sleep 0.1
done

# 3. Alertmanager: every alert its own group, webhook to haproxy
cat > alertmanager.yml << EOF2
route:
  receiver: hindsight
  group_by: ['...']
  group_wait: 1s
  group_interval: 2s
  repeat_interval: 1h
receivers:
  - name: hindsight
    webhook_configs:
      - url: http://127.0.0.1:$ph/api/alerts
        send_resolved: true
EOF2
attempt=0
ready=no
while [ $attempt -lt 3 ] && [ $ready = no ]; do
    attempt=$((attempt + 1))
    amport=$(free_port)
    "$AM" --config.file=alertmanager.yml --storage.path=./am-data \
        --web.listen-address=127.0.0.1:$amport --cluster.listen-address= \
        > am.log 2>&1 &
    am_pid=$!
    i=0
    while [ $i -lt 100 ] && kill -0 $am_pid 2> /dev/null; do
        if [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$amport/-/ready")" = 200 ]; then
            ready=yes
            break
        fi
        sleep 0.1
        i=$((i + 1))
    done
    if [ $ready = no ]; then
        kill -9 $am_pid 2> /dev/null
    else
        pg_track $am_pid
    fi
done
[ $ready = yes ] || fail "alertmanager did not become ready: $(tail -n 5 am.log)"

# make_alerts fire|resolve FROM TO: alerts FROM..TO-1 (resolve: only the
# even ones, ended a second ago), as Alertmanager's API v2 takes them
start=$(date -u -d '-1 minute' +%Y-%m-%dT%H:%M:%SZ)
make_alerts() {
    python3 - "$start" "$1" "$2" "$3" << 'PY'
import json, sys, datetime
start, mode, lo, hi = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
end = (datetime.datetime.utcnow() - datetime.timedelta(seconds=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
out = []
for i in range(lo, hi):
    if mode == "resolve" and i % 2:
        continue
    a = {"labels": {"alertname": "StormAlert%03d" % i, "service": "payment-api",
                    "severity": "critical"},
         "annotations": {"summary": "Database connection pool exhausted on payment-api"},
         "startsAt": start}
    if mode == "resolve":
        a["endsAt"] = end
    out.append(a)
json.dump(out, sys.stdout)
PY
}
# storm: 200 alerts fired in 10 waves, 0.3 s apart, then the even ones
# resolved in 10 waves; Alertmanager sends one notification per alert
for mode in fire resolve; do
    k=0
    while [ $k -lt 10 ]; do
        make_alerts $mode $((k * 20)) $((k * 20 + 20)) > "am-$mode-$k.json"
        k=$((k + 1))
    done
done
storm() {
    for mode in fire resolve; do
        k=0
        while [ $k -lt 10 ]; do
            code=$(curl -s -m 10 -o /dev/null -w '%{http_code}' \
                -H 'Content-Type: application/json' \
                --data-binary "@am-$mode-$k.json" \
                "http://127.0.0.1:$amport/api/v2/alerts")
            echo "$mode wave $k: $code" >> storm.log
            sleep 0.3
            k=$((k + 1))
        done
    done
}

# 4. the storm, with a replica killed and PostgreSQL restarted in it
t0=$(now_s)
storm &
storm_pid=$!
pg_track $storm_pid
sleep 2
replica_kill b
echo "killed replica b (kill -9) at +$(($(now_s) - t0)) s"
sleep 0.5
pg_stop
echo "stopped PostgreSQL at +$(($(now_s) - t0)) s"
sleep 1
pg_start
echo "started PostgreSQL again at +$(($(now_s) - t0)) s"
replica_start b "$pb" --threads 4
echo "replica b back at +$(($(now_s) - t0)) s"
wait $storm_pid
checking "Alertmanager took all 20 waves"
[ "$(grep -c ': 200$' storm.log)" = 20 ] || fail "waves: $(cat storm.log)"
echo "storm sent by +$(($(now_s) - t0)) s"

# 5. every alert once, with the right status, on both replicas
check='
import json, sys
with open(sys.argv[1]) as f:
    alerts = json.load(f)["alerts"]
storm = [a for a in alerts if (a["title"] or "").startswith("StormAlert")]
titles = [a["title"] for a in storm]
want = {"StormAlert%03d" % i: "resolved" if i % 2 == 0 else "firing" for i in range(200)}
got = {a["title"]: a["status"] for a in storm}
ok = len(storm) == 200 and len(set(titles)) == 200 and got == want
if not ok and len(sys.argv) > 2:
    print("%d storm alerts, %d distinct, %d with the wrong status, %d missing"
          % (len(storm), len(set(titles)),
             sum(1 for t in got if got[t] != want.get(t)),
             sum(1 for t in want if t not in got)))
sys.exit(0 if ok else 1)
'
deadline=$(($(now_s) + 60))
for r in a b; do
    eval "base=\$${r}_base"
    while :; do
        curl -s -m 5 -o "alerts-$r.json" "$base/api/alerts?limit=1000"
        python3 -c "$check" "alerts-$r.json" 2> /dev/null && break
        if [ "$(now_s)" -ge $deadline ]; then
            python3 -c "$check" "alerts-$r.json" show
            fail "replica $r: the 200 alerts with their statuses not seen within 60 s"
        fi
        sleep 0.5
    done
    checking "replica $r: 200 alerts exactly once, the even ones resolved"
done
echo "all 200 alerts right on both replicas at +$(($(now_s) - t0)) s"
assert_eq "$(pg_sql "SELECT count(*), count(DISTINCT key) FROM hindsight_alerts WHERE title LIKE 'StormAlert%'")" "200|200" "200 distinct rows in PostgreSQL"
assert_eq "$(pg_sql "SELECT count(*) FROM hindsight_alerts WHERE status = 'resolved'")" 100 "100 resolved rows"
n503=$(grep -c '"POST /api/alerts HTTP/1.1" 503' a.log b.log | awk -F: '{s += $2} END {print s}')
n200=$(grep -c '"POST /api/alerts HTTP/1.1" 200' a.log b.log | awk -F: '{s += $2} END {print s}')
echo "replicas answered POST /api/alerts: $n200 x 200, $n503 x 503"
echo "haproxy answered POST /api/alerts: $(grep 'POST /api/alerts' haproxy.log | awk '{print $6}' | sort | uniq -c | tr -s ' \n' ' ')"
exit 0
