#!/bin/sh
# t014: show ID prints the postmortem (title, id, severity, action items with
# owner and due date, no control characters); show --json has exactly
# SPEC.md's keys with the right types for every corpus postmortem, and the
# right values for one known file; an unknown id exits 1 naming it, with
# nothing on stdout.
. "$REPO/tests/cli/lib.sh"
keep_going

hs index "$CORPUS"
assert_exit 0

id=2026-11-19-payment-api-connection-pool-exhausted
hs show "$id"
assert_exit 0
assert_empty err
assert_contains out "Incident Postmortem: 2026-11-19 payment-api Database Connection Pool Exhausted"
assert_contains out "$id"
assert_contains out "SEV1"
assert_contains out "Fix connection leak in refund error handling"
assert_contains out "Priya Raman"
# Every action item's due date is shown with it.
for due in 2026-11-20 2026-11-21 2026-11-24 2026-12-11 2027-01-15 2026-12-18; do
    assert_contains out "$due"
done
if LC_ALL=C grep -q '[[:cntrl:]]' out; then
    fail "show prints control characters: $(LC_ALL=C grep -n '[[:cntrl:]]' out | head -n 3 | od -c | head -n 5)"
fi

hs show --json "$id"
assert_exit 0
assert_empty err
assert_json out 'j["id"] == "'"$id"'" and j["title"] == "Incident Postmortem: 2026-11-19 payment-api Database Connection Pool Exhausted"' "id and title"
assert_json out 'j["date"] == "2026-11-19" and j["severity"] == "SEV1" and j["duration_minutes"] == 23' "date, severity, duration"
assert_json out 'j["incident_commander"] == "Alice Johnson"' "incident commander"
assert_json out 'j["path"].endswith("corpus/'"$id"'.md")' "path"
assert_json out 'len(j["action_items"]) == 9' "9 action items"
assert_json out 'j["action_items"][0] == {"action": "Fix connection leak in refund error handling (try-with-resources)", "owner": "Priya Raman", "due": "2026-11-20", "status": "done"}' \
    "first action item"
assert_json out '[a["status"] for a in j["action_items"]] == ["done", "done", "in_progress", "in_progress", "not_started", "not_started", "not_started", "done", "not_started"]' \
    "statuses from emoji"
assert_json out 'j["action_items"][8]["owner"] is None and j["action_items"][8]["due"] == "2026-12-18"' \
    "an item with no owner has owner null"
assert_json out 'len(j["timeline"]) == 13 and j["timeline"][0] == {"time": "14:05", "event": "payment-api 2026.47.1 rollout completes (all 24 pods)"}' \
    "timeline"
assert_json out '"payment-api" in j["services"] and "connection-pool" in j["tags"]' "services and tags"

# Every record: exactly SPEC's keys, with SPEC's types.
for f in "$CORPUS"/*.md; do
    i=$(basename "$f" .md)
    "$HINDSIGHT" show --json "$i" >"rec-$i.json" 2>>show.err || fail "show --json $i"
done
checking "keys and types of show --json for every corpus postmortem"
python3 - <<'PY' || fail "show --json records do not have SPEC.md's shape"
import glob, json, re, sys
KEYS = ["id", "path", "title", "date", "severity", "duration_minutes", "impact",
        "incident_commander", "responders", "summary", "root_cause", "timeline",
        "went_well", "went_wrong", "lessons", "action_items", "tags", "auto_tags",
        "services", "document_url", "references", "sources"]
STR_OR_NULL = ["title", "impact", "incident_commander", "summary", "root_cause",
               "document_url"]
LISTS = ["responders", "went_well", "went_wrong", "lessons", "tags", "auto_tags",
         "services", "references"]
bad = []
files = sorted(glob.glob("rec-*.json"))
if len(files) != 44:
    bad.append("expected 44 records, got %d" % len(files))
for f in files:
    j = json.load(open(f))
    def no(msg):
        bad.append("%s: %s" % (j.get("id", f), msg))
    if set(j) != set(KEYS):
        no("keys: missing %s, extra %s" % (sorted(set(KEYS) - set(j)), sorted(set(j) - set(KEYS))))
        continue
    if not (isinstance(j["id"], str) and j["id"]): no("id")
    if not (isinstance(j["path"], str) and j["path"].endswith(".md")): no("path")
    for k in STR_OR_NULL:
        if j[k] is not None and not isinstance(j[k], str): no(k + " not string/null")
        if j[k] == "": no(k + " is an empty string (missing facts are null)")
    if j["date"] is not None and not (isinstance(j["date"], str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", j["date"])): no("date")
    if j["severity"] not in (None, "SEV1", "SEV2", "SEV3", "SEV4"): no("severity")
    d = j["duration_minutes"]
    if d is not None and (not isinstance(d, int) or isinstance(d, bool) or d < 0): no("duration_minutes")
    for k in LISTS:
        if not (isinstance(j[k], list) and all(isinstance(x, str) and x for x in j[k])): no(k + " not a list of non-empty strings")
    src = j["sources"]
    if not isinstance(src, dict): no("sources")
    else:
        for k, v in src.items():
            if k not in KEYS or not (isinstance(v, dict) and set(v) == {"line", "rule"}
                                     and isinstance(v["line"], int) and v["line"] >= 0
                                     and isinstance(v["rule"], str) and v["rule"]):
                no("source %s: %r" % (k, v))
    if not isinstance(j["timeline"], list): no("timeline")
    else:
        for t in j["timeline"]:
            if not (isinstance(t, dict) and set(t) == {"time", "event"} and isinstance(t["event"], str) and t["event"]
                    and (t["time"] is None or isinstance(t["time"], str))):
                no("timeline entry %r" % (t,))
    if not isinstance(j["action_items"], list): no("action_items")
    else:
        for a in j["action_items"]:
            if not (isinstance(a, dict) and set(a) == {"action", "owner", "due", "status"}):
                no("action item keys %r" % (a,)); continue
            if not (isinstance(a["action"], str) and a["action"]): no("action %r" % a)
            if a["owner"] is not None and not (isinstance(a["owner"], str) and a["owner"]): no("owner %r" % a)
            if a["due"] is not None and not (isinstance(a["due"], str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", a["due"])): no("due %r" % a)
            if a["status"] not in ("done", "in_progress", "not_started", "unknown"): no("status %r" % a)
for b in bad[:40]:
    print(b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY

hs show no-such-postmortem
assert_exit 1
assert_empty out
assert_contains err "no-such-postmortem"
hs show --json no-such-postmortem
assert_exit 1
assert_contains err "no-such-postmortem"
hs show "../../etc/passwd"
assert_exit 1
hs show "$CORPUS/$id.md"
[ "$rc" = 1 ] || [ "$rc" = 0 ] || fail "show PATH: exit $rc"
finish
