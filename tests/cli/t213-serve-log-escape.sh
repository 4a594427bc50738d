#!/bin/sh
# t213: request data cannot forge or colour log lines: a URL with %0a, %0d,
# ESC or BEL (decoded before the server sees it) and a method with odd
# bytes are logged with those bytes escaped as \xNN, on the request's one
# line. libmicrohttpd's own messages (a malformed request) go through the
# same escaping, and with --quiet nothing at all is logged.
. "$REPO/tests/cli/lib.sh"
command -v curl > /dev/null || skip "curl is not installed"
command -v python3 > /dev/null || skip "python3 is not installed"

hs index "$CORPUS"
assert_exit 0
start_serve
curl -gs -o /dev/null "$base/x%0aFORGED%0d%1b[31mRED%07"
curl -gs -o /dev/null "$base/api/postmortems/a%0a127.0.0.1%20-%20-%20FAKE"
# a request libmicrohttpd itself refuses, which it reports
raw_request 'GET / HTTP/1.1\r\nHost: localhost\r\nContent-Length: x\x1b[2J\r\n\r\n'
sleep 0.2
stop_serve
checking "serve.log has no line forged by a request"
grep -q '^FORGED' serve.log && fail "a URL forged a log line"
grep -q '^127.0.0.1 - - FAKE' serve.log && fail "a URL forged a log line"
grep -q '^[^0-9h]' serve.log && fail "a log line starts with request data"
grep -q "$(printf '\033')" serve.log && fail "ESC reached the log"
grep -q "$(printf '\007')" serve.log && fail "BEL reached the log"
grep -q "$(printf '\r')" serve.log && fail "CR reached the log"
assert_contains serve.log '/x\x0aFORGED\x0d\x1b[31mRED\x07'
assert_contains serve.log 'a\x0a127.0.0.1 - - FAKE'
# every line is ours: the banner, an access line or a libmicrohttpd message
bad=$(grep -v -E '^(hindsight: |127\.0\.0\.1 - - \[)' serve.log || true)
[ -z "$bad" ] || fail "lines that are not ours: $bad"

# --quiet: no access log and no libmicrohttpd message
start_serve --quiet
curl -s -o /dev/null "$base/x%0aFORGED"
raw_request 'GET / HTTP/1.1\r\nHost: localhost\r\nContent-Length: x\r\n\r\n'
sleep 0.2
stop_serve
lines=$(grep -v -E '^hindsight: (serving|SIGTERM)' serve.log || true)
[ -z "$lines" ] || fail "--quiet still logs: $lines"
