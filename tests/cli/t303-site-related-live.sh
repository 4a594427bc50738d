#!/bin/sh
# t303: a postmortem's related list under `serve` is the static site's,
# link for link and term for term (both come from related.c's one pass),
# for every postmortem of corpus/; and the live list pages page: limit,
# cursor and sort on /api/postmortems, "showing N of M" on the index.
. "$REPO/tests/cli/lib.sh"

index_copy
hs site --out site --as-of 2026-11-24
assert_exit 0

start_serve --quiet

python3 - "$port" <<'PY' || fail "live and static related lists differ"
import os, re, sys, urllib.request
port = sys.argv[1]
sim = re.compile(r'<ol class="hs-similar">(.*?)</ol>', re.S)
bad, n = [], 0
for f in sorted(os.listdir("site/pm")):
    static = open(os.path.join("site/pm", f), encoding="utf-8").read()
    live = urllib.request.urlopen(f"http://127.0.0.1:{port}/pm/{f}").read().decode()
    a, b = sim.search(static), sim.search(live)
    a, b = a.group(1) if a else None, b.group(1) if b else None
    n += a is not None
    if a != b:
        bad.append(f"{f}:\n static {a}\n live   {b}")
if bad or n < 40:
    print("\n".join(bad[:3]), f"({len(bad)} differ, {n} with a list)")
    sys.exit(1)
PY

python3 - "$port" <<'PY' || fail "/api/postmortems does not page"
import json, sys, urllib.request
port = sys.argv[1]
get = lambda q: json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/api/postmortems?{q}"))
first = get("limit=20")
assert first["total"] == 44 and len(first["results"]) == 20, first["total"]
seen = [r["id"] for r in first["results"]]
cur = first["next"]
while cur:
    page = get(f"limit=20&cursor={cur}")
    seen += [r["id"] for r in page["results"]]
    cur = page["next"]
assert len(seen) == 44 and len(set(seen)) == 44, len(seen)
dates = [r["date"] or "" for r in get("limit=100")["results"]]
assert dates == sorted(dates, reverse=True), "newest first"
titles = [r["title"].lower() for r in get("limit=100&sort=title")["results"]]
assert titles == sorted(titles), "sort=title"
assert all(r["severity"] == "SEV1" for r in get("severity=SEV1")["results"])
kafka = get("q=kafka%20lag")
assert kafka["total"] > 0 and kafka["next"] is None
PY

for q in "limit=0" "limit=1001" "cursor=zz" "sort=bogus" "severity=SEV9"; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/postmortems?$q")
    [ "$code" = 400 ] || fail "/api/postmortems?$q: want 400, got $code"
done
curl -s "http://127.0.0.1:$port/api/action-items?overdue=true&limit=2" >ai.json
python3 -c '
import json; j = json.load(open("ai.json"))
assert len(j["overdue"]) <= 2 and (j["next"] == "o2") == (len(j["overdue"]) == 2), j["next"]
' || fail "/api/action-items does not page"
curl -s "http://127.0.0.1:$port/" >index.html
grep -q '44 of 44 postmortems' index.html || fail "index: no count"
grep -q 'data-total="44"' index.html || fail "index: no data-total"
stop_serve
