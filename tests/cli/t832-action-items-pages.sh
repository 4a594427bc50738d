#!/bin/sh
# t832: GET /api/action-items and actions.html read a page of each list
# from the index (query/report_page.c) instead of the whole report: the
# pages, followed through "next", give the CLI report's lists item for
# item and in its order (overdue, weekly, an owner, overdue=false against
# the items' own rule); actions.html counts the whole lists and shows its
# first screen of each, owners grouped as `report` groups them; and the
# index has ai_open, the index of open items the pages read.
. "$REPO/tests/cli/lib.sh"
command -v curl >/dev/null || skip "curl is not installed"

index_copy
python3 - <<'PY' || fail "no ai_open index"
import sqlite3
db = sqlite3.connect("hindsight.db")
assert db.execute("SELECT 1 FROM sqlite_master WHERE name = 'ai_open'").fetchone()
PY
d=2026-11-24
"$HINDSIGHT" report overdue --json --as-of $d >overdue.json
"$HINDSIGHT" report weekly --json --as-of $d >weekly.json
"$HINDSIGHT" report overdue --json --as-of $d --owner priya >priya.json
start_serve --quiet

python3 - "$port" $d <<'PY' || fail "the pages are not the report's lists"
import json, sys, urllib.request
port, d = sys.argv[1], sys.argv[2]
def pages(q, lim):
    out, cur, n = {}, None, 0
    while True:
        url = f"http://127.0.0.1:{port}/api/action-items?as_of={d}&limit={lim}{q}"
        if cur:
            url += f"&cursor={cur}"
        j = json.load(urllib.request.urlopen(url))
        for k, v in j.items():
            if isinstance(v, list) and k not in ("new_postmortems", "repeat_incidents"):
                assert len(v) <= lim, (k, len(v))
                out.setdefault(k, []).extend(v)
        n += 1
        cur = j["next"]
        if not cur:
            return out, n
lists = lambda j: {k: v for k, v in j.items() if isinstance(v, list)
                   and k not in ("new_postmortems", "repeat_incidents")}
for q, f in (("&overdue=true", "overdue.json"), ("", "weekly.json"),
             ("&overdue=true&owner=priya", "priya.json")):
    want = lists(json.load(open(f)))
    assert sum(map(len, want.values())) > 3, (f, "too few items to page")
    for lim in (3, 1000):
        got, n = pages(q, lim)
        for k in want:
            assert got.get(k, []) == want[k], (q, lim, k, got.get(k, [])[:2], want[k][:2])
        assert lim > 3 or n > 1, "one page only"
# overdue=false: every open item not overdue, by its own rule
want = json.load(open("weekly.json"))
nd, _ = pages("&overdue=false", 4)
assert all(i["due"] >= d for i in nd["not_overdue"]), "an overdue item"
assert [i["due"] for i in nd["not_overdue"]] == sorted(i["due"] for i in nd["not_overdue"])
assert all(i["due"] is None or i["due"] >= d for i in nd["no_owner"])
assert nd["no_due_date"] == want["no_due_date"]
PY

stop_serve
hs site --out site --as-of $d
assert_exit 0
python3 - $d <<'PY' || fail "actions.html does not count or group as the report does"
import json, re, sys
page = open("site/actions.html", encoding="utf-8").read()
w = json.load(open("weekly.json"))
head = re.search(r"As of [^:]+: (\d+) overdue, (\d+) due in the next 7 days, "
                 r"(\d+) open without an owner, (\d+) open without a due date", page)
assert head, "no counts"
got = tuple(map(int, head.groups()))
want = (len(w["overdue"]), len(w["due_soon"]), len(w["no_owner"]), len(w["no_due_date"]))
assert got == want, (got, want)
# owners: the counts the report's grouping gives, most first
groups = {}
for i in w["overdue"]:
    k = (i["owner"] or "No owner").lower()
    groups[k] = groups.get(k, 0) + 1
shown = re.findall(r"<h3>([^<]*) <span class=\"count\">(\d+) overdue", page)
assert [int(n) for _, n in shown] == sorted(groups.values(), reverse=True)
assert {o.lower(): int(n) for o, n in shown} == groups, (shown, groups)
# the first screen lists the first items of the overdue list, by owner
first = re.findall(r'<td><span class="badge overdue">(\d+)</span>', page)
assert len(first) == min(100, len(w["overdue"])), len(first)
PY
