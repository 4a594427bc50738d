#!/bin/sh
# t023: issue 14 on corpus/. "API returning 503 errors, payment processing
# down, database connections maxed out" ranks the payment-api pool
# exhaustion postmortem first; the explanation shows the thesaurus at work
# ("maxed out ~ exhausted"); the result says how it was resolved, its
# dashboard link and its family; --json has SPEC's novelty, resolution,
# links and family; --concepts adds a team's lines and refuses a bad file;
# `families` lists the expired-certificate pair together.
. "$REPO/tests/cli/lib.sh"

hs index "$CORPUS"
assert_exit 0

q="API returning 503 errors, payment processing down, database connections maxed out"
hs similar --limit 3 "$q"
assert_exit 0
assert_empty err
[ "$(sed -n 3p out)" = "       id: 2026-11-19-payment-api-connection-pool-exhausted" ] ||
    fail "the payment-api pool exhaustion postmortem should come first"
assert_contains out "maxed out ~ exhausted"
assert_contains out "resolved: 14:40 Decision to roll back"
assert_contains out "link: https://grafana.larkspur.example/d/payments/payment-api-db-pool"
assert_contains out "seen before: "

hs similar --json --limit 3 "$q"
assert_exit 0
assert_json out 'j["novelty"] in ("new", "rare", "frequent")'
assert_json out 'all(isinstance(r["resolution"], (str, type(None))) and isinstance(r["links"], list) and r["family"]["size"] >= 1 for r in j["results"])' "each result has resolution, links, family"
assert_json out 'j["results"][0]["family"]["last"] >= j["results"][0]["date"]'

printf 'ledger_stuck: ledger wedged, settlement batch\n' > team.txt
hs similar --concepts team.txt "ledger wedged again"
assert_exit 0
assert_contains out "ledger wedged ~ settlement batch"
printf 'no colon\n' > bad.txt
hs similar --concepts bad.txt "ledger wedged"
assert_not_empty err
assert_contains err "bad.txt:1"

hs families --json
assert_exit 0
assert_json out 'any({"2024-02-14-partner-api-tls-certificate-expired", "2025-08-13-internal-mtls-certificate-expired"} <= {m["id"] for m in f["members"]} for f in j["families"])'
finish
