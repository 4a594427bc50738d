#!/bin/sh
# t701: two replicas, each with its own index of the corpus, share one
# PostgreSQL. The same Alertmanager alert delivered to both is one alert
# (two deliveries) on both; its resolution delivered to the other replica
# marks it resolved on both, and a late retry of the firing notification
# does not make it fire again; a new firing of the same fingerprint (a new
# startsAt) is a second alert. The alerts page of each replica lists it.
# Skips without PostgreSQL 15.
# cli: long
. "$REPO/tests/cli/lib.sh"
. "$REPO/tests/cli/pg.sh"
pg_up
replica_index a
replica_index b
replica_start a 0
replica_start b 0

FIRING=$REPO/tests/cli/am-v4-firing.json # as Alertmanager 0.25 sent it
sed 's/"status":"firing"/"status":"resolved"/g; s/"endsAt":"0001-01-01T00:00:00Z"/"endsAt":"2026-11-24T01:20:00Z"/' \
    "$FIRING" > resolved.json
sed 's/2026-11-24T01:10:54.722997818Z/2026-11-24T02:00:00Z/' "$FIRING" > refired.json

# alerts_on BASE: GET /api/alerts into alerts.json
alerts_on() {
    code=$(curl -s -m 5 -o alerts.json -w '%{http_code}' "$1/api/alerts?limit=100")
    assert_eq "$code" 200 "GET $1/api/alerts"
}

# 1. the same alert on both replicas
assert_eq "$(post_alert "$a_base" "$FIRING")" 200 "firing to replica a"
assert_json post.out "j['alerts'][0]['status'] == 'firing' and len(j['alerts'][0]['matches']) > 0" "a's answer has matches"
assert_eq "$(post_alert "$b_base" "$FIRING")" 200 "firing again to replica b"
for r in a b; do
    eval "base=\$${r}_base"
    alerts_on "$base"
    assert_json alerts.json "len(j['alerts']) == 1" "one alert on $r"
    assert_json alerts.json "j['alerts'][0]['deliveries'] == 2 and j['alerts'][0]['status'] == 'firing' and j['alerts'][0]['key'] == 'alertmanager:8786cc970a48db34' and j['alerts'][0]['starts_at'] == '2026-11-24T01:10:54.722997818Z'" "two deliveries, firing, on $r"
    assert_json alerts.json "len(j['alerts'][0]['matches']) > 0 and 'pool' in j['alerts'][0]['matches'][0]['id']" "matches kept on $r"
done
assert_eq "$(pg_sql "SELECT count(*) FROM hindsight_alerts")" 1 "one row in PostgreSQL"

# 2. resolved through b, seen on a; a late firing retry to a keeps it resolved
assert_eq "$(post_alert "$b_base" resolved.json)" 200 "resolution to replica b"
alerts_on "$a_base"
assert_json alerts.json "len(j['alerts']) == 1 and j['alerts'][0]['status'] == 'resolved' and j['alerts'][0]['resolved_at']" "resolved on a"
assert_json alerts.json "len(j['alerts'][0]['matches']) > 0" "matches kept when resolved"
assert_eq "$(post_alert "$a_base" "$FIRING")" 200 "a late firing retry to replica a"
alerts_on "$b_base"
assert_json alerts.json "len(j['alerts']) == 1 and j['alerts'][0]['status'] == 'resolved' and j['alerts'][0]['deliveries'] == 4" "still resolved after the late retry"

# (starts_at lists the instant in UTC to the nanosecond, as it is keyed)
# 3. a new firing of the same fingerprint is a second alert
assert_eq "$(post_alert "$b_base" refired.json)" 200 "a new firing to replica b"
alerts_on "$a_base"
assert_json alerts.json "len(j['alerts']) == 2 and j['alerts'][0]['status'] == 'firing' and j['alerts'][0]['starts_at'] == '2026-11-24T02:00:00Z' and j['alerts'][1]['status'] == 'resolved'" "the new firing is a second alert, newest first"

# 4. the alerts page of each replica shows the shared alerts
for r in a b; do
    eval "base=\$${r}_base"
    run curl -s -m 5 -o page.html -w '%{http_code}' "$base/alerts.html"
    assert_eq "$(cat out)" 200 "GET $base/alerts.html"
    assert_contains page.html DatabaseConnectionPoolExhausted
done
replica_stop a
replica_stop b
exit 0
