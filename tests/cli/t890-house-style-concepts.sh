#!/bin/sh
# t890: a team's thesaurus lines in its house-style file (hindsight.yml,
# `concepts:`) reach similar, with the expansion shown in the explanation,
# as --concepts lines do: from the hindsight.yml of the folder the index was
# made from, or from --config FILE. A malformed line is refused, naming the
# file.
. "$REPO/tests/cli/lib.sh"

mkdir pm
cat > pm/2026-03-02-ledger.md <<'MD'
# Settlement batch stalled for three hours

## Summary
The nightly settlement batch stalled and payouts queued up behind it.

## Root cause
A lock left by an aborted settlement batch was never released.
MD
cat > pm/2026-04-11-login.md <<'MD'
# Login page slow

## Summary
The login page took ten seconds to load after a cache flush.
MD
cat > pm/hindsight.yml <<'YML'
concepts:
  - "ledger_stuck: ledger wedged, settlement batch, payout backlog"
YML
hs index pm
assert_exit 0

hs similar "ledger wedged again"
assert_exit 0
assert_empty err
assert_contains out "ledger wedged ~ settlement batch"
[ "$(sed -n 3p out)" = "       id: 2026-03-02-ledger" ] ||
    fail "the ledger postmortem should come first through the house concept"

# --config names the house style instead of the indexed folder's
cat > other.yml <<'YML'
concepts: |
  login_slow: sign-in crawling, login page
YML
hs --config other.yml similar "sign-in crawling"
assert_exit 0
assert_contains out "sign-in crawling ~ login page"
assert_not_contains out "ledger"

printf 'concepts:\n  - "no colon here"\n' > bad.yml
hs --config bad.yml similar "ledger wedged"
assert_exit 1 # as any other wrong value of the house-style file
assert_contains err "bad.yml:2: a concepts line is 'name: phrase, phrase', not 'no colon here'"
# ... and index and check say so too, not only similar
mkdir -p team && cp bad.yml team/hindsight.yml
printf '# T\n\nDate: 2026-01-02\n' > team/a.md
hs index team
assert_exit 1
assert_contains err "hindsight.yml:2: a concepts line is"

printf 'concepts: {a: b}\n' > worse.yml
hs --config worse.yml similar "ledger wedged"
assert_exit 1
assert_contains err "worse.yml:1: concepts must be a list of lines"
finish
