#!/bin/sh
# t702: PostgreSQL stopped under a running replica: POST /api/alerts answers
# 503 (so Alertmanager retries) and stores nothing, /api/health answers 200
# with "state": "unavailable", search, similar and the web view answer 200
# from the local index; PostgreSQL back: health says "ok" again within a
# few seconds and the retried alert is stored, with no restart. A replica
# started while PostgreSQL is down serves search and creates the schema
# once PostgreSQL is up. A PostgreSQL restart between two deliveries costs
# the second one nothing. Skips without PostgreSQL 15.
. "$REPO/tests/cli/lib.sh"
. "$REPO/tests/cli/pg.sh"
pg_up
replica_index a
replica_start a 0
FIRING=$REPO/tests/cli/am-v4-firing.json

health_state() {
    curl -s -m 5 -o health.json -w '%{http_code}' "$1/api/health" > health.code
    assert_eq "$(cat health.code)" 200 "GET $1/api/health"
    json_get health.json "j['state']"
}
# wait_state BASE WANT SECONDS
wait_state() {
    i=0
    while [ "$(health_state "$1")" != "$2" ]; do
        i=$((i + 1))
        [ $i -lt $(($3 * 10)) ] || fail "health state did not become $2 within $3 s: $(cat health.json)"
        sleep 0.1
    done
}
# still_serves BASE: the local index answers
still_serves() {
    for path in "/api/search?q=database" "/api/similar?q=connection+pool+exhausted" "/" "/api/postmortems"; do
        code=$(curl -s -m 5 -o body.out -w '%{http_code}' "$1$path")
        assert_eq "$code" 200 "GET $path while PostgreSQL is down"
    done
}

assert_eq "$(health_state "$a_base")" ok "health state, PostgreSQL up"

# 1. PostgreSQL stops
pg_stop
assert_eq "$(post_alert "$a_base" "$FIRING")" 503 "POST /api/alerts with PostgreSQL down"
assert_json post.out "j['status'] == 503 and 'state' in j['error']" "a 503 naming the shared state"
wait_state "$a_base" unavailable 3
still_serves "$a_base"
code=$(curl -s -m 5 -o body.out -w '%{http_code}' "$a_base/api/alerts")
assert_eq "$code" 503 "GET /api/alerts with PostgreSQL down"

# 2. a second replica starts while PostgreSQL is down
replica_index b
replica_start b 0
assert_eq "$(health_state "$b_base")" unavailable "health of a replica started without PostgreSQL"
still_serves "$b_base"

# 3. PostgreSQL is back: both recover by themselves
pg_start
wait_state "$a_base" ok 5
wait_state "$b_base" ok 5
assert_eq "$(post_alert "$b_base" "$FIRING")" 200 "the retried alert, to b"
assert_eq "$(pg_sql "SELECT count(*) FROM hindsight_alerts")" 1 "stored once"
assert_eq "$(post_alert "$a_base" "$FIRING")" 200 "the alert to a after recovery"

# 4. a restart between two deliveries: the next one reconnects and succeeds
pg_restart
assert_eq "$(post_alert "$a_base" "$FIRING")" 200 "a delivery right after a PostgreSQL restart"
assert_eq "$(pg_sql "SELECT deliveries FROM hindsight_alerts")" 3 "three deliveries stored"
replica_stop a
replica_stop b
exit 0
