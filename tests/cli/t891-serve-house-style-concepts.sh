#!/bin/sh
# t891: serve reads the `concepts:` of the indexed folder's hindsight.yml, as
# similar does: GET /api/similar shows the team's expansion in matched_terms,
# and --concepts lines still come on top of them.
. "$REPO/tests/cli/lib.sh"
command -v curl > /dev/null || skip "curl is not installed"

mkdir pm
cat > pm/2026-03-02-ledger.md <<'MD'
# Settlement batch stalled for three hours

## Summary
The nightly settlement batch stalled and payouts queued up behind it.
MD
cat > pm/2026-04-11-login.md <<'MD'
# Login page slow

## Summary
The login page took ten seconds to load after a cache flush.
MD
cat > pm/hindsight.yml <<'YML'
concepts:
  - "ledger_stuck: ledger wedged, settlement batch"
YML
printf 'login_slow: sign-in crawling, login page\n' > team.txt
hs index pm
assert_exit 0
start_serve --concepts team.txt

code=$(curl -s -o out -w '%{http_code}' "$base/api/similar?q=ledger+wedged+again")
last_cmd="curl /api/similar?q=ledger+wedged+again"
[ "$code" = 200 ] || fail "similar: HTTP $code"
assert_json out "j['results'][0]['id'] == '2026-03-02-ledger'" "house concept finds the ledger postmortem"
assert_json out "'ledger wedged ~ settlement batch' in j['results'][0]['matched_terms']" "expansion shown"

code=$(curl -s -o out -w '%{http_code}' "$base/api/similar?q=sign-in+crawling")
last_cmd="curl /api/similar?q=sign-in+crawling"
[ "$code" = 200 ] || fail "similar: HTTP $code"
assert_json out "'sign-in crawling ~ login page' in j['results'][0]['matched_terms']" "--concepts too"
stop_serve
finish
