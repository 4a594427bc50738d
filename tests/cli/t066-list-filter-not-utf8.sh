#!/bin/sh
# t066: GET /api/postmortems and GET /api/action-items refuse a filter
# that is not UTF-8 with a 400 naming the byte, as /api/search does, and
# so does `report --owner`; 'q=%FF' and 'owner=%FF' answered empty lists,
# as if nothing matched, where the index holds UTF-8 only.
. "$REPO/tests/cli/lib.sh"

mkdir docs
printf '# Cache outage\n\nDate: 2026-01-02\n\nThe cache failed for everyone.\n' >docs/a.md
hs index docs
assert_exit 0
start_serve --quiet
for arg in 'q=%FF' 'tag=a%FFb' 'service=%C3' 'owner=x%80'; do
    code=$(curl -s -o body -w '%{http_code}' "$base/api/postmortems?$arg")
    assert_eq "$code" 400 "status of /api/postmortems?$arg"
    assert_contains body "is not UTF-8 (byte 0x"
done
code=$(curl -s -o body -w '%{http_code}' "$base/api/action-items?owner=x%FF")
assert_eq "$code" 400 "status of /api/action-items?owner=x%FF"
assert_contains body "the owner is not UTF-8 (byte 0xFF at byte 2)"
code=$(curl -s -o body -w '%{http_code}' "$base/api/action-items?owner=ana")
assert_eq "$code" 200 "status of a UTF-8 owner"
code=$(curl -s -o body -w '%{http_code}' "$base/api/postmortems?q=cache")
assert_eq "$code" 200 "status of a UTF-8 filter"
assert_json body 'j["total"] == 1'
code=$(curl -s -o body -w '%{http_code}' "$base/api/postmortems?q=caf%C3%A9")
assert_eq "$code" 200 "status of a filter with a UTF-8 letter"
stop_serve
hs report overdue --owner "$(printf 'x\377')"
assert_exit 2
assert_contains err "the owner is not UTF-8 (byte 0xFF at byte 2)"
finish
