#!/bin/sh
# t083: the weekly report's repeat incidents. Over corpus/ at 2026-11-24 the
# payment-api pool exhaustion repeats an earlier connection pool exhaustion
# (not a cache stampede or a DNS outage, which single-linkage families
# claimed), and --owner keeps only that owner's promised items there too.
# Each repeat has SPEC.md's shape: {"postmortem", "repeats", "open_then"}.
. "$REPO/tests/cli/lib.sh"
keep_going

hs index "$CORPUS"
assert_exit 0
hs report weekly --as-of 2026-11-24 --format json
assert_exit 0
assert_json out 'any(r["postmortem"]["id"] == "2026-11-19-payment-api-connection-pool-exhausted" and "pool" in r["repeats"]["id"] for r in j["repeat_incidents"])' \
    "the pool exhaustion repeats a pool exhaustion"
assert_json out 'all(list(r) == ["postmortem", "repeats", "open_then"] and {"id", "title", "date"} <= set(r["postmortem"]) and {"id", "title", "date"} <= set(r["repeats"]) for r in j["repeat_incidents"])' \
    "each repeat is {postmortem, repeats, open_then}, as SPEC.md says"
assert_json out 'all(("pool" in r["repeats"]["id"]) == ("pool" in r["postmortem"]["id"]) for r in j["repeat_incidents"])' \
    "no repeat joins a pool exhaustion to another failure"
hs report weekly --as-of 2026-11-24 --format json --owner "Priya Raman"
assert_exit 0
assert_json out 'j["repeat_incidents"] and all(a["owner"] == "Priya Raman" for r in j["repeat_incidents"] for a in r["open_then"])' \
    "--owner keeps that owner's items in repeat incidents"
finish
