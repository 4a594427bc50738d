#!/bin/sh
# t704: alerts in PostgreSQL, paged and pruned. Two replicas share the
# state: 150 alerts walked 40 at a time through one replica while the other
# records new ones list each alert once, in order; a cursor of the SQLite
# kind is a 400. Both replicas restarted at once with --alerts-keep 1
# delete the alerts not seen for a day together (each DELETE skips what the
# other took) and keep the recent ones. Skips without PostgreSQL 15.
# cli: serial (two replicas on one PostgreSQL; failed once under ASan
# beside another test)
. "$REPO/tests/cli/lib.sh"
. "$REPO/tests/cli/pg.sh"
pg_up
walker=$REPO/tests/cli/alerts_walk.py
replica_index a
replica_index b
replica_start a 0
replica_start b 0

python3 "$walker" post "$a_base" old 150 || fail "posting alerts failed"
curl -s -o out "$a_base/api/alerts"
assert_json out "len(j['alerts']) == 100 and j['next']" "default page of 100 with a next cursor"
curl -s -o out "$b_base/api/alerts?limit=1000"
assert_json out "len(j['alerts']) == 150 and j['next'] is None" "all 150 on the other replica, next null"
run python3 "$walker" walk "$a_base" 40 "$b_base" new
assert_exit 0
assert_eq "$(cat out)" 4 "pages of 40 for 150 alerts"
code=$(curl -s -o out -w '%{http_code}' "$a_base/api/alerts?cursor=2026-01-01T00:00:00Z_5")
assert_eq "$code" 400 "a cursor of the SQLite kind"
# the live page walks the shared alerts too
curl -s -o page.html "$b_base/alerts.html"
[ "$(grep -o '<tr><td>' page.html | wc -l)" = 100 ] || fail "alerts page should show 100 alerts"
grep -q 'rel="next"' page.html || fail "alerts page should link to older alerts"

# retention: 30 alerts last seen 3 days ago
pg_sql "UPDATE hindsight_alerts SET last_seen = now() - interval '3 days' WHERE id IN (SELECT id FROM hindsight_alerts ORDER BY id LIMIT 30)" > /dev/null ||
    fail "cannot age alerts"
replica_stop a
replica_stop b
# both at once: each prunes at start
for r in a b; do
    "$HINDSIGHT" --db $r.db serve --listen 127.0.0.1:0 --state "$PGURL" \
        --alerts-keep 1 > $r.keep.log 2>&1 &
    pg_track $!
done
_i=0
until grep -q 'port [0-9]' a.keep.log && grep -q 'port [0-9]' b.keep.log; do
    _i=$((_i + 1))
    [ $_i -lt 200 ] || fail "replicas did not start: $(cat a.keep.log b.keep.log)"
    sleep 0.05
done
sleep 0.5
b_base=http://127.0.0.1:$(sed -n 's/.*(port \([0-9]*\)).*/\1/p' b.keep.log | head -n 1)
assert_eq "$(pg_sql 'SELECT count(*) FROM hindsight_alerts')" 125 "alerts left after pruning"
assert_eq "$(pg_sql "SELECT count(*) FROM hindsight_alerts WHERE last_seen < now() - interval '1 day'")" 0 "no old alert left"
deleted=$(cat a.keep.log b.keep.log | sed -n 's/.*deleted \([0-9]*\) alerts not seen.*/\1/p' |
    python3 -c 'import sys; print(sum(int(l) for l in sys.stdin))')
assert_eq "$deleted" 30 "the replicas' logs together count the 30"
grep -q 'cannot delete old alerts' a.keep.log b.keep.log && fail "pruning failed on a replica"
curl -s -o out "$b_base/api/alerts?limit=1000"
assert_json out "len(j['alerts']) == 125" "recent alerts kept"
