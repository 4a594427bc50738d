#!/bin/sh
# t065: `similar` on a terminal is read mid-incident: a result shows its
# first three open action items, one line each (a long one cut at a word),
# and says how many more `show` has; --json keeps every item whole. It
# printed every item in full (21 paragraphs for one real postmortem).
. "$REPO/tests/cli/lib.sh"

mkdir docs
long="Move the ledger writes behind a queue so that a slow replica can never hold the payment path open for longer than its deadline allows"
{
    printf '# Ledger replica lag stalls payments\n\nDate: 2026-02-03\n\n'
    printf '## Root cause\n\nThe ledger replica lagged and payments waited on it.\n\n'
    printf '## Action items\n\n'
    printf -- '- [ ] %s (Ana Ruiz), due 2026-03-01\n' "$long"
    for i in 2 3 4 5; do
        printf -- '- [ ] Alert on ledger replica lag step %s\n' "$i"
    done
} >docs/a.md
hs index docs
assert_exit 0

hs similar ledger replica lag payments
assert_exit 0
assert_contains out "5 open action items:"
assert_contains out "step 2"
assert_contains out "step 3"
assert_not_contains out "step 4"
assert_not_contains out "step 5"
assert_contains out "... 2 more: hindsight show a"
assert_not_contains out "than its deadline allows"
grep -q '^         - Move the ledger writes behind a queue .*… (Ana Ruiz), due 2026-03-01$' out ||
    fail "the long item is not one cut line with its owner and due date"

hs similar --json ledger replica lag payments
assert_exit 0
assert_json out 'len(j["results"][0]["open_action_items"]) == 5'
assert_json out 'any(a["action"].endswith("deadline allows") for a in j["results"][0]["open_action_items"])'
finish
