#!/bin/sh
# t993: a cursor no answer gave is refused with one message on every list.
# /api/alerts said 'cursor is not one this server's answer gave' and
# /api/postmortems and /api/action-items 'cursor is not one this server
# gave', two wordings of one refusal.
. "$REPO/tests/cli/lib.sh"
keep_going
hs index "$CORPUS"
assert_exit 0
start_serve
for path in alerts postmortems action-items; do
    for cursor in x _ o-1 99999999999999999999999_1; do
        code=$(curl -s -o body -w '%{http_code}' "$base/api/$path?cursor=$cursor")
        assert_eq "$code" 400 "GET /api/$path?cursor=$cursor"
        assert_eq "$(json_get body 'j["error"]')" \
            "cursor is not one this server gave" \
            "the refusal of /api/$path?cursor=$cursor"
    done
done
stop_serve
finish
