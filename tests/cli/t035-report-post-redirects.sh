#!/bin/sh
# t035: report --post to a receiver that redirects: in a loop, to
# file:///etc/passwd, or to another host. A redirect is never followed (a
# POST re-sent elsewhere, or to a file: URL), once, and the message says
# it was a redirect and where it led, by origin only (the path of a
# webhook URL is its secret). It said 'http://127.0.0.1:PORT answered 302'
# and nothing of why. Also pinned: a 200 with a 10 MB body is delivered at
# once; file://, gopher:// and dict:// URLs are refused before any request.
. "$REPO/tests/cli/lib.sh"
keep_going
secret=T0000/B0000/XXXXsecretXXXX

requests() {
    wc -l < "rcv-$1/requests.jsonl" | tr -d ' '
}

hs index "$CORPUS"
assert_exit 0

start_receiver loop
hs report weekly --as-of 2026-11-24 --owner "Priya Raman" --post "$url"
assert_exit 1
assert_contains err "$origin answered 302, a redirect to $origin; redirects are not followed: give --post the URL it leads to"
assert_not_contains err "$secret"
assert_eq "$(requests loop)" 1 "requests to a receiver that redirects in a loop"

start_receiver tofile
hs report weekly --as-of 2026-11-24 --owner "Priya Raman" --post "$url"
assert_exit 1
assert_contains err "answered 302, a redirect to a URL that is not http or https; not followed"
assert_not_contains err passwd
assert_eq "$(requests tofile)" 1 "requests to a receiver that redirects to file:"

start_receiver away
hs report weekly --as-of 2026-11-24 --owner "Priya Raman" --post "$url"
assert_exit 1
assert_contains err "answered 307, a redirect to https://hooks.example.com; redirects"
assert_not_contains err "secret/path"

start_receiver big
hs report weekly --as-of 2026-11-24 --owner "Priya Raman" --post "$url"
assert_exit 0
assert_empty err

for bad in file:///etc/passwd gopher://127.0.0.1:1/x dict://127.0.0.1:1/ \
    ftp://127.0.0.1/x; do
    hs report weekly --as-of 2026-11-24 --post "$bad"
    assert_exit 2
    assert_contains err "--post needs an http:// or https:// webhook URL"
done
finish
