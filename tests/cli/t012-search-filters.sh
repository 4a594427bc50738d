#!/bin/sh
# t012: search filters narrow correctly. For each filter the --json result
# set is compared with the postmortems that match it according to their own
# records (show --json ID of every postmortem): sev:1, severity:SEV2,
# sev:1,2, tag: (tags or auto_tags, any case), service:, owner: (an action
# item owner: a first name, a quoted "full name", an @handle), since:,
# until:, a filter with words, two filters together. Bad filter values and
# unknown filters exit 2 naming them.
. "$REPO/tests/cli/lib.sh"
keep_going

hs index "$CORPUS"
assert_exit 0

# records.json: every postmortem's record, from show --json.
for f in "$CORPUS"/*.md; do
    id=$(basename "$f" .md)
    "$HINDSIGHT" show --json "$id" >"rec-$id.json" || fail "show --json $id"
done
checking "collect show --json of the 44 corpus records"
python3 - <<'PY' || fail "collecting records"
import glob, json
recs = [json.load(open(f)) for f in sorted(glob.glob("rec-*.json"))]
json.dump(recs, open("records.json", "w"))
assert len(recs) == 44
PY

# check_filter PYTHON-PREDICATE-ON-d QUERY-ARGS...
check_filter() {
    pred=$1
    shift
    hs search --json --limit 1000 "$@"
    assert_exit 0 || return
    python3 - "$*" "$pred" <<'PY' || fail "filter '$*' does not match the records"
import json, sys
query, pred = sys.argv[1], sys.argv[2]
recs = json.load(open("records.json"))
low = lambda xs: [x.lower() for x in xs if x]
want = {d["id"] for d in recs if eval(pred, {"low": low}, {"d": d})}
got = [r["id"] for r in json.load(open("out"))["results"]]
total = json.load(open("out"))["total"]
problems = []
if not want:
    problems.append("test data: nothing matches %s" % pred)
if len(want) == len(recs):
    problems.append("test data: everything matches %s" % pred)
if set(got) - want:
    problems.append("results that do not match: %s" % sorted(set(got) - want))
if want - set(got):
    problems.append("matching postmortems missing: %s" % sorted(want - set(got)))
if total != len(got):
    problems.append("total %d but %d results" % (total, len(got)))
for p in problems:
    print(query + ": " + p, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
}

check_filter 'd["severity"] == "SEV1"' sev:1
check_filter 'd["severity"] == "SEV2"' severity:SEV2
check_filter 'd["severity"] == "SEV2"' severity:sev2
check_filter 'd["severity"] in ("SEV1", "SEV2")' sev:1,2
check_filter '"database" in low(d["tags"] + d["auto_tags"])' tag:database
check_filter '"kubernetes" in low(d["tags"] + d["auto_tags"])' tag:Kubernetes
check_filter '"payment-api" in low(d["services"])' service:payment-api
check_filter '"ledger-db" in low(d["services"])' service:ledger-db
check_filter 'any("alice" in (a["owner"] or "").lower() for a in d["action_items"])' owner:alice
check_filter 'any((a["owner"] or "").lower().startswith("sam okafor") for a in d["action_items"])' 'owner:"Sam Okafor"'
check_filter 'any((a["owner"] or "").lower().startswith("sam") for a in d["action_items"])' owner:@sam
check_filter 'd["date"] is not None and d["date"] >= "2026-01-01"' since:2026-01-01
check_filter 'd["date"] is not None and d["date"] <= "2024-06-30"' until:2024-06-30
check_filter 'd["date"] is not None and "2025-01-01" <= d["date"] <= "2025-06-30"' since:2025-01-01 until:2025-06-30
check_filter 'd["severity"] == "SEV2" and "database" in low(d["tags"] + d["auto_tags"])' sev:2 tag:database

# Words plus a filter: a subset of the words' results, all matching.
hs search --json --limit 1000 pool
assert_exit 0
cp out pool.json
hs search --json --limit 1000 pool sev:2
assert_exit 0
checking "compare 'pool sev:2' with the SEV2 results of 'pool'"
python3 - <<'PY' || fail "'pool sev:2' is not the SEV2 part of 'pool'"
import json
recs = {d["id"]: d for d in json.load(open("records.json"))}
pool = {r["id"] for r in json.load(open("pool.json"))["results"]}
got = {r["id"] for r in json.load(open("out"))["results"]}
want = {i for i in pool if recs[i]["severity"] == "SEV2"}
assert want and got == want, (sorted(got ^ want))
PY
assert_json out 'all(r["severity"] == "SEV2" for r in j["results"])' "pool sev:2 severities"

# Bad values and unknown filters are usage errors naming them.
for q in "sev:9" "severity:SEV7" "since:2026-13-45" "since:yesterday" "until:never" "tag:" "owner:" "colour:red" "title:pool"; do
    hs search $q
    assert_exit 2
    assert_empty out
    assert_contains err "${q%%:*}"
done
hs search pool colour:red
assert_exit 2
assert_contains err "colour"
finish
