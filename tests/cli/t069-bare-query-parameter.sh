#!/bin/sh
# t069: an API query parameter written without '=' ("?limit", "?overdue")
# is refused (400 naming it), as an empty "limit=" is (t031). MHD hands
# such a parameter over with no value, which read as absent: "?q=db&limit"
# answered the default 20 rows and "/api/action-items?overdue" every item,
# where the client asked for something it did not get. The web pages
# ignore one, as a cache-busting "?1234" is no request of theirs.
. "$REPO/tests/cli/lib.sh"
keep_going
hs index "$CORPUS"
assert_exit 0
start_serve
# get PATH: the status code of GET PATH, its body in ./body
get() {
    curl -s -o body -w '%{http_code}' "$base$1"
}
for path in '/api/search?q=db&limit' '/api/postmortems?limit' \
    '/api/action-items?overdue' '/api/action-items?overdue=true&as_of' \
    '/api/alerts?cursor' '/api/similar?q=pool&limit' '/api/postmortems?tag'; do
    name=${path##*[?&]}
    assert_eq "$(get "$path")" 400 "GET $path"
    assert_eq "$(json_get body 'j["error"]')" \
        "the query parameter '$name' has no value: write $name=..." \
        "the refusal of $path"
done
# given values, and pages, are still answered
assert_eq "$(get '/api/search?q=db&limit=2')" 200 "GET /api/search?q=db&limit=2"
assert_eq "$(get '/api/action-items?overdue=true')" 200 \
    "GET /api/action-items?overdue=true"
assert_eq "$(get '/?1234')" 200 "GET /?1234"
stop_serve
finish
