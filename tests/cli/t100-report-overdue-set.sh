#!/bin/sh
# t100: report overdue over corpus/ is exactly right at several as-of dates,
# checked against an independent computation: every action item of every
# postmortem (from show --json) that has a due date before as-of and a status
# other than done (unknown counts as open) is overdue, with days_overdue
# computed by python's calendar arithmetic (month and year ends, leap years);
# an item due on the as-of day is not overdue; open items without owner or
# due date are listed apart, never dropped; weekly adds new_postmortems (the
# 7 days up to as-of) and due_soon (open, due as-of .. as-of + 7).
. "$REPO/tests/cli/lib.sh"

hs index "$CORPUS"
assert_exit 0
hs search --json --limit 1000 'since:1970-01-01'
assert_exit 0
for id in $(json_get out "' '.join(r['id'] for r in j['results'])"); do
    "$HINDSIGHT" show --json "$id" > "rec-$id.json" || fail "show $id"
done
# postmortems without a date are not found by since:, add them
for f in "$CORPUS"/*.md; do
    id=$(basename "$f" .md)
    [ -f "rec-$id.json" ] || "$HINDSIGHT" show --json "$id" > "rec-$id.json" ||
        fail "show $id"
done

for as_of in 2026-11-24 2026-11-23 2026-01-01 2025-12-31 2026-03-01 2024-02-29; do
    hs report overdue --as-of $as_of --format json
    assert_exit 0
    cp out "overdue-$as_of.json"
    hs report weekly --as-of $as_of --format json
    assert_exit 0
    cp out "weekly-$as_of.json"
    python3 - "$as_of" <<'PY' || fail "report at $1 differs from the independent computation"
import datetime, glob, json, sys
as_of = sys.argv[1]
day = datetime.date.fromisoformat(as_of)
overdue, no_due, no_owner, soon, new = [], [], [], [], []
for f in sorted(glob.glob("rec-*.json")):
    r = json.load(open(f))
    if r["date"] and day - datetime.timedelta(days=6) <= datetime.date.fromisoformat(r["date"]) <= day:
        new.append(r["id"])
    for a in r["action_items"]:
        if a["status"] == "done":
            continue
        key = (r["id"], a["action"])
        if a["owner"] is None:
            no_owner.append(key)
        if a["due"] is None:
            no_due.append(key)
            continue
        due = datetime.date.fromisoformat(a["due"])
        if due < day:
            overdue.append(key + ((day - due).days,))
        elif due <= day + datetime.timedelta(days=7):
            soon.append(key)
rep = json.load(open("overdue-%s.json" % as_of))
wk = json.load(open("weekly-%s.json" % as_of))
got = [(i["postmortem"]["id"], i["action"], i["days_overdue"]) for i in rep["overdue"]]
ok = True
def check(what, a, b):
    global ok
    if sorted(a) != sorted(b):
        ok = False
        print("%s %s: got %d, want %d; missing %s; extra %s" % (as_of, what, len(a), len(b),
              sorted(set(b) - set(a))[:3], sorted(set(a) - set(b))[:3]))
check("overdue", got, overdue)
check("no_due_date", [(i["postmortem"]["id"], i["action"]) for i in rep["no_due_date"]], no_due)
check("no_owner", [(i["postmortem"]["id"], i["action"]) for i in rep["no_owner"]], no_owner)
check("due_soon", [(i["postmortem"]["id"], i["action"]) for i in wk["due_soon"]], soon)
check("new_postmortems", [p["id"] for p in wk["new_postmortems"]], new)
days = [i["days_overdue"] for i in rep["overdue"]]
if days != sorted(days, reverse=True):
    ok = False
    print("overdue is not most overdue first")
if rep["as_of"] != as_of:
    ok = False
    print("as_of is", rep["as_of"])
for i in rep["overdue"]:
    if set(i) != {"action", "owner", "due", "status", "days_overdue", "postmortem"} or \
       set(i["postmortem"]) != {"id", "title", "severity", "path"}:
        ok = False
        print("bad item shape", sorted(i))
        break
sys.exit(0 if ok else 1)
PY
done

# The corpus has items on both sides of 2026-11-24 and one due that day.
assert_json overdue-2026-11-24.json "len(j['overdue']) >= 25 and len({i['owner'] for i in j['overdue']}) >= 8" "many owners overdue"
assert_json overdue-2026-11-24.json "not any(i['due'] == '2026-11-24' for i in j['overdue'])" "due on the as-of day is not overdue"
assert_json overdue-2026-11-23.json "not any(i['due'] >= '2026-11-23' for i in j['overdue'])" "nothing due on/after as-of"
