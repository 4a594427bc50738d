#!/bin/sh
# t840: filters answered by the FTS5 facets column are exact, on labels that
# a looser encoding would confuse: unicode and its ASCII look-alike
# ("Café-Ops"/"cafe-ops"), a stem ("deploys"/"deploy"), punctuation
# ("payment-api"/"payment_api", "c++", "a b"), two labels over 64 bytes
# that share a prefix, owner prefixes ("Sam" / "Sam Okafor" / "Samuel"),
# dates on month, year and leap-day edges, and severities. Every filter
# alone and two or three together, with and without words, is compared with
# the postmortems that match it by their own records (show --json); totals
# are exact. A typed word never matches a facet token.
. "$REPO/tests/cli/lib.sh"
keep_going

long_a=$(printf 'x%.0s' $(seq 1 70))-alpha
long_b=$(printf 'x%.0s' $(seq 1 70))-beta
mkdir c
mkpm() { # id date severity tags services owner
    cat >"c/$1.md" <<MD
---
title: Widget incident $1
date: $2
severity: $3
tags: [$4]
services: [$5]
---

## Summary
The deploy of the widget failed and the database timed out.

## Action Items
| Action | Owner | Due |
|---|---|---|
| Fix the widget | $6 | 2027-01-01 |
MD
}
mkpm a 2024-02-29 SEV1 '"Café-Ops", deploys' 'payment-api' 'Sam Okafor'
mkpm b 2024-03-01 SEV2 '"cafe-ops", deploy' 'payment_api' 'Sam'
mkpm c 2023-12-31 SEV3 '"c++", "a b"' 'Payment-API' 'Samuel Jones'
mkpm d 2024-01-01 SEV4 "\"$long_a\"" "\"$long_b\"" 'Ünal Çelik'
mkpm e 2025-06-15 SEV2 "\"$long_b\", 東京" 'ledger' 'sam okafor-smith'
mkpm f 2022-03-31 SEV1 'kubernetes' 'ledger' '@alice'

hs index c
assert_exit 0
for id in a b c d e f; do
    "$HINDSIGHT" show --json "$id" >"rec-$id.json" || fail "show --json $id"
done
python3 -c '
import glob, json
json.dump([json.load(open(f)) for f in sorted(glob.glob("rec-*.json"))],
          open("records.json", "w"))'

# check PYTHON-PREDICATE-ON-d QUERY-ARGS...
check() {
    pred=$1
    shift
    hs search --json --limit 1000 "$@"
    assert_exit 0 || return
    python3 - "$*" "$pred" <<'PY' || fail "'$*' does not match the records"
import json, sys
query, pred = sys.argv[1], sys.argv[2]
recs = json.load(open("records.json"))
low = lambda xs: [x.lower() for x in xs if x]
tags = lambda d: low(d["tags"] + d["auto_tags"])
svcs = lambda d: low(d["services"])
def owns(d, o):
    return any(a["owner"] and (a["owner"].lower() == o or
               a["owner"].lower().startswith(o + " "))
               for a in d["action_items"])
env = {"low": low, "tags": tags, "svcs": svcs, "owns": owns}
want = {d["id"] for d in recs if eval(pred, env, {"d": d})}
out = json.load(open("out"))
got = [r["id"] for r in out["results"]]
bad = []
if set(got) != want:
    bad.append("got %s, want %s" % (sorted(got), sorted(want)))
if out["total"] != len(want):
    bad.append("total %d, want %d" % (out["total"], len(want)))
for b in bad:
    print(query + ": " + b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
}

check '"café-ops" in tags(d)' 'tag:Café-Ops'
check '"cafe-ops" in tags(d)' tag:cafe-ops
check '"deploys" in tags(d)' tag:deploys
check '"c++" in tags(d)' tag:c++
check '"a b" in tags(d)' 'tag:"a b"'
check '"東京" in tags(d)' tag:東京
check '"'"$long_a"'" in tags(d)' "tag:$long_a"
check '"'"$long_b"'" in tags(d)' "tag:$long_b"
check '"'"$long_b"'" in svcs(d)' "service:$long_b"
check '"payment-api" in svcs(d)' service:payment-api
check '"payment_api" in svcs(d)' service:payment_api
check 'owns(d, "sam")' owner:sam
check 'owns(d, "sam okafor")' 'owner:"Sam Okafor"'
check 'owns(d, "samuel")' owner:samuel
check 'owns(d, "ünal çelik")' 'owner:"Ünal Çelik"'
check 'owns(d, "alice")' owner:@alice
check 'd["severity"] == "SEV1"' sev:1
check 'd["severity"] in ("SEV2", "SEV4")' sev:2,4
check 'd["date"] >= "2024-02-29"' since:2024-02-29
check 'd["date"] <= "2024-02-29"' until:2024-02-29
check 'd["date"] >= "2024-01-01"' since:2024-01-01
check 'd["date"] <= "2023-12-31"' until:2023-12-31
check '"2024-01-01" <= d["date"] <= "2024-03-01"' since:2024-01-01 until:2024-03-01
check 'd["date"] == "2024-03-01"' since:2024-03-01 until:2024-03-01
check '"2022-03-31" <= d["date"] <= "2025-06-14"' since:2022-03-31 until:2025-06-14
check 'False' since:2030-01-01
check 'False' since:2024-03-02 until:2024-03-01
check 'd["severity"] == "SEV2" and "deploy" in tags(d)' sev:2 tag:deploy
check '"deploy" in tags(d) and owns(d, "sam") and d["date"] >= "2024-02-01"' \
    tag:deploy owner:sam since:2024-02-01
check '"ledger" in svcs(d) and d["severity"] == "SEV1"' widget service:ledger sev:1
check '"payment-api" in svcs(d)' widget database service:payment-api
check '"ledger" in svcs(d) and d["date"] >= "2025-01-01"' deploy service:ledger since:2025-01-01

# The token of tag "deploys", typed with its private-use marks, is words.
hs search --json "$(printf '\356\200\220tdeploys\356\200\222')"
assert_exit 0
assert_json out 'j["total"] == 0' "a typed facet token matches nothing"
finish
