#!/bin/sh
# t997: POST /api/alerts with one alert twice in one body. One body is one
# delivery: the alert's stored delivery count went up by 2 (Grafana and
# hand-written senders can repeat an alert in a group). Also pinned: the
# same alert from 16 connections at once is counted exactly, and an alert
# resolved in the same body as its firing ends resolved.
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir pm
printf '# Pool exhausted on payment-api\n\nThe database connection pool was exhausted.\n' > pm/a.md
hs index pm
assert_exit 0
start_serve --quiet

alert() { # fingerprint status
    printf '{"status":"%s","labels":{"alertname":"DbPoolExhausted","service":"payment-api"},"annotations":{"summary":"db pool exhausted"},"startsAt":"2026-01-01T00:00:00Z","fingerprint":"%s"}' "$2" "$1"
}
post() {
    curl -s -o out -w '%{http_code}' -H 'Content-Type: application/json' \
        --data-binary "$1" "$base/api/alerts"
}
deliveries() { # fingerprint
    curl -s "$base/api/alerts?limit=1000" > list
    python3 -c "
import json, sys
j = json.load(open('list'))
print([(a['deliveries'], a['status']) for a in j['alerts'] if a['key'] == 'alertmanager:' + sys.argv[1]])" "$1"
}

code=$(post "{\"version\":\"4\",\"alerts\":[$(alert twice firing),$(alert twice firing)]}")
assert_eq "$code" 200 "a body with one alert twice"
assert_json out 'j["received"] == 2 and len(j["alerts"]) == 2'
assert_eq "$(deliveries twice)" "[(1, 'firing')]" "one body, one delivery"
code=$(post "{\"version\":\"4\",\"alerts\":[$(alert twice firing)]}")
assert_eq "$(deliveries twice)" "[(2, 'firing')]" "a second body"

code=$(post "{\"version\":\"4\",\"alerts\":[$(alert both firing),$(alert both resolved)]}")
assert_eq "$code" 200 "firing then resolved in one body"
assert_eq "$(deliveries both)" "[(2, 'resolved')]" "firing then resolved"

body="{\"version\":\"4\",\"alerts\":[$(alert conc firing)]}"
i=0
pids=
while [ $i -lt 16 ]; do
    (for k in 1 2 3; do
        curl -s -o /dev/null -H 'Content-Type: application/json' \
            --data-binary "$body" "$base/api/alerts"
    done) &
    pids="$pids $!"
    i=$((i + 1))
done
for j in $pids; do wait "$j"; done
assert_eq "$(deliveries conc)" "[(48, 'firing')]" "48 deliveries from 16 connections"

stop_serve
finish
