#!/bin/sh
# t020: facts extracted from the real DFDS postmortems (skipped when
# ../shared/real-postmortems is absent). The Prometheus postmortem
# (PM2022-001) has duration_minutes 279 (from "Time to recovery: 279
# minutes"), 18 timeline entries, the first at "2022-01-25 10:21", each
# event the whole table cell as text, and 1 action item. For every dfds
# file, the timeline has as many entries as its Timeline table has rows (an
# unfilled template row aside) and
# action_items as many as the top-level list items or table rows under
# "## Action Items" (counted here from the markdown); mismatches are listed
# by file.
. "$REPO/tests/cli/lib.sh"
need_real
[ -d "$REAL/dfds" ] || skip "no $REAL/dfds"
keep_going

hs index "$REAL/dfds"
assert_exit 0
assert_contains out "failed 0"

id=PM2022-001-Prometheus-is-down-with-connection-refused-errors
hs show --json "$id"
assert_exit 0
assert_json out 'j["title"] == "Prometheus is down with connection refused errors"' "title"
assert_json out 'j["duration_minutes"] == 279' "duration_minutes 279"
assert_json out 'len(j["timeline"]) == 18' "18 timeline entries"
assert_json out 'j["timeline"][0]["time"] == "2022-01-25 10:21"' "first timeline time"
assert_json out 'j["timeline"][-1]["time"] == "2022-01-26 09:36"' "last timeline time"
assert_json out 'len(j["action_items"]) == 1' "1 action item"
assert_json out 'j["action_items"][0]["action"].startswith("Review if our pods have appropriate resource requests and limits set")' \
    "the action item text"
cp out prom.json
checking "timeline events of $id against its markdown table"
python3 - "$REAL/dfds/$id.md" <<'PY' || fail "timeline events are not the whole cells"
import json, re, sys
md = open(sys.argv[1], encoding="utf-8").read()
rows = [l for l in md.splitlines() if re.match(r"\|\s*2022-01-2\d \d\d:\d\d\s*\|", l)]
def norm(s):
    s = re.sub(r"\[\^\d+\]", "", s)      # footnote markers
    s = s.replace("**", "").replace("`", "")
    return " ".join(s.split()).strip()
cells = [norm(r.strip().strip("|").split("|", 1)[1]) for r in rows]
events = [norm(t["event"]) for t in json.load(open("prom.json"))["timeline"]]
bad = []
if len(cells) != 18:
    bad.append("test data: %d timeline rows in the markdown" % len(cells))
for i, (c, e) in enumerate(zip(cells, events)):
    if c != e:
        bad.append("entry %d: event %r, cell %r" % (i + 1, e, c))
    if not e or not e[0].isupper():
        bad.append("entry %d does not start a sentence: %r" % (i + 1, e))
for b in bad:
    print(b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY

# Every dfds file: count table rows and list items in the markdown.
checking "timeline and action item counts of every dfds file against its markdown"
python3 - "$HINDSIGHT" "$REAL/dfds" <<'PY' || fail "dfds timeline/action item counts differ (see above)"
import json, os, re, subprocess, sys
hs, folder = sys.argv[1], sys.argv[2]
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
DELIM = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")

def section(lines, pattern):
    """Lines under the first heading matching pattern, up to the next
    heading of the same or a higher level; None when there is none."""
    for i, l in enumerate(lines):
        m = HEADING.match(l)
        if m and re.search(pattern, m.group(2), re.I):
            level, body = len(m.group(1)), []
            for l2 in lines[i + 1:]:
                m2 = HEADING.match(l2)
                if m2 and len(m2.group(1)) <= level:
                    break
                body.append(l2)
            return body
    return None

# A template's row left unfilled ("| 2024-03-13 HH:mm | Short event
# description. |") is no entry (LABELING.md: template boilerplate).
PLACEHOLDER = re.compile(r"\|\s*short event description\.?\s*\|", re.I)

def table_rows(body):
    """Rows of the tables in body, without header, delimiter and
    unfilled template rows."""
    n = 0
    for i, l in enumerate(body):
        if not l.lstrip().startswith("|") or DELIM.match(l):
            continue
        if i + 1 < len(body) and DELIM.match(body[i + 1]):
            continue                    # a header row
        if PLACEHOLDER.search(l):
            continue
        n += 1
    return n

def list_items(body):
    return sum(1 for l in body if re.match(r"^(?:[-*+]|\d+[.)])\s+\S", l))

bad, checked = [], 0
for name in sorted(os.listdir(folder)):
    if not name.endswith(".md"):
        continue
    lines = open(os.path.join(folder, name), encoding="utf-8").read().splitlines()
    p = subprocess.run([hs, "show", "--json", name[:-3]], capture_output=True, text=True)
    if p.returncode != 0:
        bad.append("%s: show --json exit %d: %s" % (name, p.returncode, p.stderr.strip()))
        continue
    rec = json.loads(p.stdout)
    tl = section(lines, r"^timeline\b")
    if tl is not None and table_rows(tl):
        want = table_rows(tl)
        if len(rec["timeline"]) != want:
            bad.append("%s: %d timeline entries, the Timeline table has %d rows"
                       % (name, len(rec["timeline"]), want))
    ai = section(lines, r"^action items?\b")
    if ai is not None:
        want = table_rows(ai) + list_items(ai)
        if len(rec["action_items"]) != want:
            bad.append("%s: %d action items, the Action Items section has %d"
                       % (name, len(rec["action_items"]), want))
    checked += 1
if checked < 30:
    bad.append("only %d dfds files checked" % checked)
for b in bad:
    print(b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
finish
