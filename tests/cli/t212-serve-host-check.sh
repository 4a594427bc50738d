#!/bin/sh
# t212: DNS rebinding. Bound to loopback, serve answers only requests whose
# Host is a loopback name or address (localhost, 127.x.y.z, [::1], any
# port, any case); any other Host gets 403, as JSON under /api/ and as an
# HTML page elsewhere, on every path. --allowed-host NAME (repeatable) adds
# names, as for a server behind a proxy; it needs a value.
. "$REPO/tests/cli/lib.sh"
command -v curl > /dev/null || skip "curl is not installed"

hs index "$CORPUS"
assert_exit 0
hs serve --allowed-host
assert_exit 2
hs serve --allowed-host ''
assert_exit 2
start_serve
code() { curl -s -o out -D hdr -w '%{http_code}' "$@"; }
for h in localhost "localhost:$port" LOCALHOST "127.0.0.1:$port" 127.0.0.1 \
    127.1.2.3:80 "[::1]:$port" '[::1]' "localhost.:$port"; do
    [ "$(code -H "Host: $h" "$base/api/health")" = 200 ] || fail "Host: $h must be answered"
done
for h in evil.example "evil.example:$port" 127.0.0.1.evil.example \
    localhost.evil.example "localhost:$port@evil" 10.0.0.1 '[::2]' 'localhost:x' \
    hindsight.example.com; do
    [ "$(code -H "Host: $h" "$base/api/health")" = 403 ] || fail "Host: $h must get 403"
    assert_json out "j['status'] == 403 and j['error']" "403 JSON body"
    [ "$(code -H "Host: $h" "$base/api/search?q=pool")" = 403 ] || fail "search for Host: $h"
    [ "$(code -H "Host: $h" "$base/index.html")" = 403 ] || fail "page for Host: $h"
    grep -qi '^content-type: text/html' hdr || fail "a page's 403 is HTML"
    assert_not_contains_i out "postmortem"
done
[ "$(code -X POST -H 'Host: evil.example' -H 'Content-Type: application/json' \
    --data-binary '{"symptoms":["pool"]}' "$base/api/alerts")" = 403 ] ||
    fail "a rebound POST must get 403"
stop_serve

start_serve --allowed-host hindsight.example.com --allowed-host Other.Example
for h in hindsight.example.com hindsight.example.com:443 HINDSIGHT.example.com \
    other.example localhost; do
    [ "$(code -H "Host: $h" "$base/api/health")" = 200 ] || fail "allowed Host: $h"
done
for h in evil.example example.com sub.hindsight.example.com; do
    [ "$(code -H "Host: $h" "$base/api/health")" = 403 ] || fail "Host: $h with --allowed-host"
done
stop_serve
