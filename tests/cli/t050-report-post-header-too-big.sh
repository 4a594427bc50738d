#!/bin/sh
# t050: report --post to a receiver whose answer has a 2 MiB header line.
# libcurl 7.88 refuses a header over 100 KiB with CURLE_OUT_OF_MEMORY, and
# the report said 'cannot post to http://...: Out of memory', which sends
# the user looking at the machine's memory. Now the message says the
# answer could not be read and why libcurl says so; the URL's secret path
# and credentials are still never printed, and nothing is retried.
. "$REPO/tests/cli/lib.sh"
keep_going
secret=T0000/B0000/XXXXsecretXXXX

hs index "$CORPUS"
assert_exit 0
start_receiver bighead
hs report weekly --as-of 2026-11-24 --owner "Priya Raman" \
    --post "http://user:pw@${origin#http://}/services/$secret" --timeout 10
assert_exit 1
assert_contains err "cannot read the answer of $origin"
assert_contains err "as it does of a header over 100 KiB"
assert_not_contains err "$secret"
assert_not_contains err "user:pw"
assert_eq "$(wc -l <rcv-bighead/requests.jsonl | tr -d ' ')" 1 \
    "requests to the receiver"
finish
