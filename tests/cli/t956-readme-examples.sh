#!/bin/sh
# t956: README.md's cheap examples (index, search, show, similar, check,
# report, site on a copy of corpus/) print what the README shows, so the
# README cannot drift from the program: an example whose documented output
# changes fails here until the README is updated with it.
# tests/cli/readme_examples.py says what is run and how lines are compared.
. "$REPO/tests/cli/lib.sh"
command -v python3 >/dev/null || skip "python3 is not installed"

cp -r "$CORPUS" corpus
mkdir bin postmortems
ln -s "$HINDSIGHT" bin/hindsight
# The inputs the README's examples name but corpus/ does not hold.
cp "$REPO/tests/cli/am-v4-firing.json" alertmanager-webhook.json
cp corpus/2026-11-19-payment-api-connection-pool-exhausted.md draft.md
# "Postmortem checks in pull requests": no severity, no root cause, and
# an action item (line 5) with an owner but no due date.
cat >postmortems/2026-12-01-db-failover.md <<'MD'
# Database failover took the orders API down
Date: 2026-12-01

## Action items
- Automate the failover runbook (owner: Dana Whitfield)
MD

PATH=$PWD/bin:$PATH run python3 "$REPO/tests/cli/readme_examples.py" \
    "$REPO/README.md"
cat out  # every example, ok or FAIL with both texts
[ "$rc" -eq 0 ] || fail "README.md's examples and the program disagree (above)"
[ -f site/index.html ] || fail "'hindsight site --out site' wrote no site/index.html"
[ -f weekly.html ] || fail "'report weekly --format html --out weekly.html' wrote no weekly.html"
