#!/bin/sh
# t953: an alert keeps a title, a service and symptoms short enough to
# list. A 900 KB title and two 50 KB symptoms were stored whole, so three
# such alerts made GET /api/alerts answer 3 MB and the alerts page 2.7 MB
# (a page of 100 would have been 100 MB). The whole text still ranks.
. "$REPO/tests/cli/lib.sh"
keep_going
mkdir pm
printf '# Pool exhausted\n\n## Root cause\n\nThe connection pool ran dry.\n' > pm/a.md
hs index pm
assert_exit 0
start_serve --quiet
python3 - "$base" <<'PY'
import json, sys, urllib.request
base = sys.argv[1]
for i in range(3):
    body = {"title": "pool exhausted " + "\u00e9" * 200000 + str(i),
            "service": "s" * 50000,
            "symptoms": ["connection pool " + "y" * 50000, "z" * 50000]}
    req = urllib.request.Request(base + "/api/alerts",
                                 data=json.dumps(body, ensure_ascii=False).encode(),
                                 headers={"Content-Type": "application/json"})
    answer = json.load(urllib.request.urlopen(req))
PY
curl -s -o list "$base/api/alerts"
assert_eq "$(json_get list 'len(j["alerts"])')" 3 "three alerts"
size=$(wc -c < list)
[ "$size" -lt 40000 ] || fail "GET /api/alerts is $size bytes"
# 15 bytes, then two-byte characters: 499 bytes, not half of one, and "…"
assert_eq "$(json_get list 'max(len(a["title"].encode()) for a in j["alerts"])')" 502 \
    "a title is cut at 500 bytes on a character, then an ellipsis"
assert_eq "$(json_get list 'j["alerts"][0]["title"][-1]')" "…" "the cut is shown"
assert_eq "$(json_get list 'len(j["alerts"][0]["service"].encode())')" 503 "service"
assert_eq "$(json_get list 'sum(len(s.encode()) for s in j["alerts"][0]["symptoms"])')" 8195 \
    "symptoms: 8 KiB in all, and the ellipsis"
assert_eq "$(json_get list 'j["alerts"][0]["matches"][0]["id"]')" a "ranked on its text"
size=$(curl -s "$base/alerts.html" | wc -c)
[ "$size" -lt 60000 ] || fail "the alerts page is $size bytes"
stop_serve
finish
