#!/bin/sh
# t988: report --post to a receiver that answers but whose body does not
# end. A 200 followed by an endless body, or by a body that drips a byte a
# second, is a delivered message: it exits 0 at once. Before, libcurl read
# the body until --timeout and the report failed with 'no answer ... within
# S s' (exit 1) although the chat had taken it, so a cron job retried and
# posted it twice. A 503 with an endless body is an answer of 503 and is
# retried (it too was 'no answer' and never retried).
. "$REPO/tests/cli/lib.sh"
keep_going
secret=T0000/B0000/XXXXsecretXXXX

hs index "$CORPUS"
assert_exit 0

for mode in endless drip endless503; do
    start_receiver $mode
    start=$(date +%s)
    hs report weekly --as-of 2026-11-24 --owner "Priya Raman" --post "$url" \
        --timeout 20
    took=$(($(date +%s) - start))
    assert_exit 0
    assert_empty err
    assert_not_contains err "$secret"
    # endless503: one retry after 1 s
    [ $took -le 8 ] || fail "$mode: the post took ${took}s"
    want=1
    [ $mode != endless503 ] || want=2
    assert_eq "$(wc -l <rcv-$mode/requests.jsonl | tr -d ' ')" $want \
        "requests to the $mode receiver"
done
finish
