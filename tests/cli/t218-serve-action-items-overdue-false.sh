#!/bin/sh
# t218: /api/action-items?overdue=false is the open items that are not
# overdue (due on or after as_of, or with no due date), not the weekly
# review; overdue=true the overdue ones; the two never share an item, and
# an invalid value (overdue=maybe) is a 400.
. "$REPO/tests/cli/lib.sh"
command -v curl > /dev/null || skip "curl is not installed"

hs index "$CORPUS"
assert_exit 0
start_serve
get() { code=$(curl -s -o "$2" -w '%{http_code}' "$base/api/action-items?$1"); }
get 'overdue=false&as_of=2025-01-01' no
[ "$code" = 200 ] || fail "overdue=false: HTTP $code"
assert_json no "set(j) == {'as_of', 'not_overdue', 'no_due_date', 'no_owner', 'next'}" "overdue=false shape"
assert_json no "j['not_overdue'] and all(i['due'] >= '2025-01-01' and i['status'] != 'done' for i in j['not_overdue'])" "not overdue, open"
assert_json no "[i['due'] for i in j['not_overdue']] == sorted(i['due'] for i in j['not_overdue'])" "soonest first"
assert_json no "all(i['due'] is None for i in j['no_due_date'])" "no due date"
assert_json no "all(i['due'] is None or i['due'] >= '2025-01-01' for i in j['no_owner'])" "no overdue item without owner"
get 'overdue=0&as_of=2025-01-01' no0
cmp -s no no0 || fail "overdue=0 is overdue=false"
get 'overdue=true&as_of=2025-01-01' yes
[ "$code" = 200 ] || fail "overdue=true: HTTP $code"
assert_json yes "j['overdue'] and all(i['due'] < '2025-01-01' for i in j['overdue'])" "overdue"
python3 - no yes <<'PY' || fail "overdue=true and overdue=false share items"
import json, sys
no, yes = (json.load(open(f)) for f in sys.argv[1:])
key = lambda i: (i["postmortem"]["id"], i["action"], i["due"])
a = {key(i) for i in no["not_overdue"]}
b = {key(i) for i in yes["overdue"]}
sys.exit(1 if a & b else 0)
PY
get 'overdue=false&as_of=2025-01-01&owner=priya' own
assert_json own "all(i['owner'].lower().startswith('priya') for i in j['not_overdue'])" "owner filter"
for v in maybe yes TRUE ''; do
    get "overdue=$v" bad
    if [ -n "$v" ]; then
        [ "$code" = 400 ] || fail "overdue=$v: HTTP $code, want 400"
        assert_json bad "j['status'] == 400" "400 body"
    fi
done
stop_serve
