#!/bin/sh
# t057: one alert of a webhook body that cannot be read (a startsAt of
# 'yesterday', a value that is no object) is left out and named, and the
# body's other alerts are recorded and answered: the whole body was a 400,
# which Alertmanager retries for ever, so the group's good alerts were
# never recorded. Labels of the wrong type were dropped without a word;
# they are named in "ignored" (POST /api/alerts, /api/similar and
# similar --stdin alike). A body of nothing readable stays a 400.
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir pm
printf '# Pool exhausted on payment-api\n\nThe database connection pool was exhausted.\n' > pm/a.md
hs index pm
assert_exit 0
start_serve --quiet

post() { # PATH BODY
    curl -s -o out -w '%{http_code}' -H 'Content-Type: application/json' \
        --data-binary "$2" "$base$1"
}
good='{"labels":{"alertname":"DbPoolExhausted","team":5},"annotations":{"summary":"db pool exhausted"},"startsAt":"2026-01-01T00:00:00Z","fingerprint":"good"}'
bad='{"labels":{"alertname":"DiskFull"},"startsAt":"yesterday","fingerprint":"bad"}'
body="{\"version\":\"4\",\"alerts\":[$bad,$good,[1]]}"

assert_eq "$(post /api/alerts "$body")" 200 "a body with one bad alert"
assert_json out 'j["received"] == 3 and j["recorded"] == 1 and j["left_out"] == 2 and j["truncated_alerts"] == 0' \
    "counts of the alerts recorded and left out"
assert_json out '[a["title"] for a in j["alerts"]] == ["DbPoolExhausted"]' \
    "the good alert answered"
assert_json out 'j["ignored"][0].startswith("alerts[0] left out: \"alerts[0].startsAt\" is not an RFC 3339 time")' \
    "the bad time named"
assert_json out '"\"alerts[1].labels.team\" is a number, not a string: ignored" in j["ignored"]' \
    "the label of the wrong type named"
assert_json out '"alerts[2] left out: \"alerts[2]\" is a list, not an alert object" in j["ignored"]' \
    "the alert that is no object named"
curl -s "$base/api/alerts" > list
assert_json list '[a["key"] for a in j["alerts"]] == ["alertmanager:good"]' \
    "only the good alert recorded"

assert_eq "$(post /api/similar "$body")" 200 "similar: a body with one bad alert"
assert_json out 'j["results"] and j["results"][0]["title"] == "Pool exhausted on payment-api"' \
    "similar answers the good alert"
assert_json out 'len(j["ignored"]) == 3' "similar names what it ignored"

printf '%s' "$body" > body.json
run sh -c '"$HINDSIGHT" similar --stdin --json < body.json'
assert_exit 0
assert_json out 'len(j["ignored"]) == 3' "similar --stdin --json: as the API answers"
assert_contains err "stdin: alerts[0] left out: "
assert_contains err "stdin: \"alerts[1].labels.team\" is a number, not a string: ignored"

# nothing readable: a 400 as before, naming why
assert_eq "$(post /api/alerts "{\"version\":\"4\",\"alerts\":[$bad]}")" 400 "only a bad alert"
assert_json out 'j["error"].startswith("\"alerts[0].startsAt\" is not an RFC 3339 time")' \
    "the 400 names the field"
assert_eq "$(post /api/alerts '{"version":"4","alerts":[{"labels":["alertname","x"]}]}')" 400 \
    "only labels of the wrong type"
assert_json out 'j["error"] == "the payload names no symptoms (\"alerts[0].labels\" is a list, not an object of strings: ignored)"' \
    "the 400 says what was ignored"
stop_serve
finish
