#!/bin/sh
# t031: an empty limit= or cursor= is refused as a malformed one is (400
# naming the parameter). Both took the default: 'limit=' answered 100 rows
# and 'cursor=' the first page again, so a client whose variable was unset
# was not told, and one that lost its "next" looped over page one.
. "$REPO/tests/cli/lib.sh"
keep_going
hs index "$CORPUS"
assert_exit 0
start_serve
# get PATH: the status code of GET PATH, its body in ./body
get() {
    curl -s -o body -w '%{http_code}' "$base$1"
}
for path in /api/postmortems /api/action-items /api/alerts /api/search?q=db \
    '/api/similar?q=pool'; do
    case $path in *\?*) sep='&' ;; *) sep='?' ;; esac
    assert_eq "$(get "$path${sep}limit=")" 400 "GET $path${sep}limit="
    assert_eq "$(json_get body 'j["error"]')" \
        "limit must be a number from 1 to 1000" "the refusal of $path${sep}limit="
    # a real limit is still taken
    assert_eq "$(get "$path${sep}limit=2")" 200 "GET $path${sep}limit=2"
done
for path in /api/postmortems /api/action-items /api/alerts; do
    assert_eq "$(get "$path?cursor=")" 400 "GET $path?cursor="
    assert_eq "$(json_get body 'j["error"]')" \
        "cursor is not one this server gave" "the refusal of $path?cursor="
    # no cursor at all is the first page
    assert_eq "$(get "$path")" 200 "GET $path"
done
stop_serve
finish
