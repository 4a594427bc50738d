#!/bin/sh
# t624: received alerts in the SQLite alerts file, paged and pruned. GET
# /api/alerts answers 100 by default, at most `limit` (1..1000), newest
# first, with "next" (a cursor) or null on the last page; walking 150 alerts
# 40 at a time lists each once, in order, while new ones arrive; a cursor
# it did not make is a 400. The alerts page shows the newest 100 and an
# "Older" link that walks on. serve --alerts-keep 1 deletes on start the
# alerts not seen for a day and keeps the rest; 0 keeps them all.
. "$REPO/tests/cli/lib.sh"
command -v curl > /dev/null || skip "curl is not installed"
walker=$REPO/tests/cli/alerts_walk.py

index_copy
start_serve
python3 "$walker" post "$base" old 150 || fail "posting alerts failed"

curl -s -o out "$base/api/alerts"
assert_json out "len(j['alerts']) == 100 and j['next']" "default page of 100 with a next cursor"
curl -s -o out "$base/api/alerts?limit=1000"
assert_json out "len(j['alerts']) == 150 and j['next'] is None" "one page of all, next null"
assert_json out "[a['last_seen'] for a in j['alerts']] == sorted([a['last_seen'] for a in j['alerts']], reverse=True)" "newest first"
run python3 "$walker" walk "$base" 40 "$base" new
assert_exit 0
assert_eq "$(cat out)" 4 "pages of 40 for 150 alerts"
for bad in 'xyz' '2026-01-01T00:00:00Z_' '2026-01-01T00:00:00Z_1%27' '1_2'; do
    code=$(curl -s -o out -w '%{http_code}' "$base/api/alerts?cursor=$bad")
    [ "$code" = 400 ] || fail "cursor '$bad': HTTP $code, want 400"
done
code=$(curl -s -o out -w '%{http_code}' "$base/api/alerts?limit=1001")
[ "$code" = 400 ] || fail "limit=1001: HTTP $code, want 400"

# the page: 100 rows, an Older link whose page has the other 55
curl -s -o page.html "$base/alerts.html"
[ "$(grep -o '<tr><td>' page.html | wc -l)" = 100 ] || fail "alerts page should show 100 alerts"
older=$(sed -n 's/.*href="\(alerts\.html?cursor=[^"]*\)" rel="next".*/\1/p' page.html)
[ -n "$older" ] || fail "alerts page should link to older alerts"
curl -s -o page2.html "$base/$older"
[ "$(grep -o '<tr><td>' page2.html | wc -l)" = 55 ] || fail "the older page should show the other 55"
assert_not_contains page2.html 'rel="next"'
assert_contains page2.html 'href="alerts.html">Newest'
stop_serve

# retention: 30 alerts last seen 3 days ago, the rest now
python3 - hindsight.db-alerts << 'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("UPDATE alerts SET last_seen = '2020-01-01T00:00:00Z' WHERE key IN (SELECT key FROM alerts ORDER BY key LIMIT 30)")
c.commit()
PY
start_serve --alerts-keep 0
curl -s -o out "$base/api/alerts?limit=1000"
assert_json out "len(j['alerts']) == 155" "--alerts-keep 0 keeps every alert"
stop_serve
start_serve --alerts-keep 1
curl -s -o out "$base/api/alerts?limit=1000"
assert_json out "len(j['alerts']) == 125 and all(a['last_seen'] > '2021' for a in j['alerts'])" "old alerts deleted at start, recent kept"
assert_contains serve.log "deleted 30 alerts not seen for 1 days"
stop_serve
