#!/bin/sh
# t033: Alertmanager retries a failed notification later, so a firing can
# arrive after its own resolution. Over HTTP, with the SQLite alerts file
# and with PostgreSQL: firing, resolved, the firing again (late: same
# start) leaves the alert resolved; a firing that started after the
# resolution reopens it; a late retry of the first resolution leaves it
# firing. The SQLite kind reopened on the late firing (the latest status
# won). The POST answers the status stored, not the one delivered (it
# answered 'firing' for the late firing of a resolved alert). Alertmanager
# merges a firing into the active alert and keeps the earlier start: with
# PostgreSQL that start opened a row of its own, which its resolution
# closed while the first row stayed firing. A start that is no time is a
# 400 naming the field.
# cli: long (a PostgreSQL of its own, as t700-t702 have in the pool)
. "$REPO/tests/cli/lib.sh"
keep_going
hs index "$CORPUS"
assert_exit 0

# am STATUS STARTS ENDS: an Alertmanager body of one alert
am() {
    printf '{"version":"4","status":"%s","alerts":[{"status":"%s","labels":{"alertname":"DatabaseConnectionPoolExhausted","service":"payment-api"},"startsAt":"%s","endsAt":"%s","fingerprint":"8786cc970a48db34"}]}' \
        "$1" "$1" "$2" "$3"
}
post() {
    curl -s -o body -w '%{http_code}' -H 'Content-Type: application/json' \
        --data-binary "$2" "$1/api/alerts"
}
zero=0001-01-01T00:00:00Z
t1=2026-11-24T01:10:54.722997818Z
# sequence BASE WHAT: the deliveries and the status after each
sequence() {
    # STATUS STARTS ENDS, the alert's status after it, and what the POST
    # answers with PostgreSQL (the status of its firing's row)
    for step in "firing $t1 $zero firing firing" \
        "resolved $t1 2026-11-24T01:15:55.906Z resolved resolved" \
        "firing $t1 $zero resolved resolved" \
        "firing 2026-11-24T01:20:00Z $zero firing firing" \
        "resolved $t1 2026-11-24T01:15:55.906Z firing resolved" \
        "resolved 2026-11-24T01:20:00Z 2026-11-24T01:25:00Z resolved resolved" \
        "firing 2026-11-24T01:30:00Z $zero firing firing" \
        "firing 2026-11-24T01:28:00Z $zero firing firing" \
        "resolved 2026-11-24T01:28:00Z 2026-11-24T01:35:00Z resolved resolved"; do
        set -- $step
        assert_eq "$(post "$base" "$(am "$1" "$2" "$3")")" 200 "$what: POST $1 $2"
        # the answer is the status stored, which a late delivery leaves
        answer=$4
        [ $what = postgresql ] && answer=$5
        assert_json body "j['alerts'][0]['status'] == '$answer'" \
            "$what: POST $1 $2 $3 answers the alert $answer"
        curl -s "$base/api/alerts" > alerts.json
        # PostgreSQL keeps a row per firing (its starts_at): the latest
        assert_json alerts.json "max(j['alerts'], key=lambda a: a.get('starts_at') or '')['status'] == '$4'" \
            "$what: after $1 $2 $3 the alert is $4"
    done
    # one row per firing: the merged one (01:28) is the 01:30 firing's
    assert_json alerts.json "len(j['alerts']) == $rows" \
        "$what: $rows rows, the merged firing and its resolution in the 01:30 one"
    assert_eq "$(post "$base" "$(am firing yesterday $zero)")" 400 "$what: a start of 'yesterday'"
    assert_json body "j['error'].startswith('\"alerts[0].startsAt\" is not an RFC 3339 time')" \
        "$what: the 400 names the field"
}

start_serve
what=sqlite
rows=1
sequence
stop_serve

. "$REPO/tests/cli/pg.sh"
pg_up
replica_index a
replica_start a 0
base=$a_base
what=postgresql
rows=3
sequence
replica_stop a
finish
