#!/bin/sh
# t992: a symptom, title or alert name of white space alone describes
# nothing. 'similar ""' was a usage error but 'similar "   "', '--symptom
# ""' and '--title " "' ranked an incident of nothing (exit 0, 'no similar
# postmortems'), and over HTTP {"symptoms": ["  "]} was a 200 while
# {"symptoms": [""]} was a 400; an Alertmanager alert named " " was
# recorded under that title.
. "$REPO/tests/cli/lib.sh"
keep_going
hs index "$CORPUS"
assert_exit 0
blank_refused() {
    hs similar "$@"
    assert_exit 2
    assert_contains err "describe the incident"
}
blank_refused '   '
blank_refused --symptom ''
blank_refused --symptom ' 	'
blank_refused --title ' '
blank_refused --symptom '' --title '  '
# a blank option beside a real symptom is left out, the symptom is used
hs similar --symptom '' --service ' ' 'connection pool exhausted'
assert_exit 0
assert_contains out "pool"
run sh -c 'echo "{\"symptoms\": [\"  \"], \"title\": \" \"}" | "$HINDSIGHT" similar --stdin'
assert_exit 2

# post PATH BODY: the status code of POSTing BODY as JSON to PATH
post() {
    curl -s -o body -w '%{http_code}' -H 'Content-Type: application/json' \
        --data-binary "$2" "$base$1"
}

start_serve
for body in '{"symptoms": ["  "]}' '{"symptoms": "\t"}' \
    '{"version":"4","status":"firing","alerts":[{"status":"firing","labels":{"alertname":"  "}}]}'; do
    assert_eq "$(post /api/similar "$body")" 400 "POST /api/similar $body"
done
assert_eq "$(post /api/alerts '{"version":"4","status":"firing","alerts":[{"status":"firing","labels":{"alertname":"  "}}]}')" \
    400 "POST /api/alerts of an alert named '  '"
stop_serve
finish
