#!/bin/sh
# t214: an unknown URL costs nothing: /favicon.ico, /x.css, /tag/nope.html,
# /service/nope.html and /pm/nope.html are refused from the path (and one
# index lookup) without rendering the site, which at 5,000 postmortems took
# 0.35-0.5 s each; the 404 of a page is a small HTML page, not JSON, and API
# paths keep the JSON error. Real tag and service pages still render.
# cli: long
. "$REPO/tests/cli/lib.sh"
command -v curl > /dev/null || skip "curl is not installed"

shared_index 5000
start_serve --quiet
code() { curl -s -o out -D hdr -w '%{http_code}' "$@"; }
c0=$(cpu_ms $pid)
t0=$(date +%s%N)
for i in 1 2; do
    for p in favicon.ico x.css tag/nope.html service/nope.html pm/nope.html \
        robots.txt tag/ web/nope.js api.html 'tag/%2e%2e.html'; do
        [ "$(code "$base/$p")" = 404 ] || fail "/$p: want 404"
        grep -qi '^content-type: text/html' hdr || fail "/$p: the 404 is HTML"
        assert_contains out '<html'
        [ "$(wc -c < out)" -lt 2000 ] || fail "/$p: the 404 page is small"
    done
done
t1=$(date +%s%N)
cpu=$(($(cpu_ms $pid) - c0))
ms=$(((t1 - t0) / 1000000))
# 20 requests; rendering the site for each took 7 s and more of the
# server's CPU. Its CPU time, not the wall clock, which grows with the
# tests beside this one; the wall clock only catches a stall.
[ $cpu -lt 1500 ] || fail "20 unknown URLs took $cpu ms of the server's CPU"
[ $ms -lt 15000 ] || fail "20 unknown URLs took $ms ms"
[ "$(code "$base/api/nope")" = 404 ] || fail "/api/nope: want 404"
assert_json out "j['status'] == 404" "API 404 stays JSON"
[ "$(code "$base/api/postmortems/nope")" = 404 ] || fail "unknown record"
assert_json out "j['status'] == 404" "record 404 stays JSON"
[ "$(code "$base/tag/kubernetes.html")" = 200 ] || fail "a real tag page"
assert_contains out '<html'
curl -s "$base/api/postmortems/2026-11-19-payment-api-connection-pool-exhausted" > rec
svc=$(json_get rec "j['services'][0]")
[ -n "$svc" ] || fail "no service to try"
[ "$(code "$base/service/$svc.html")" = 200 ] || fail "a real service page /service/$svc.html"
stop_serve
