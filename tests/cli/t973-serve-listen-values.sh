#!/bin/sh
# t973: serve --listen takes ADDR:PORT with the port in digits only, as
# every number hindsight reads: "127.0.0.1:+80" and "127.0.0.1: 80" were
# taken by strtol (and served). A bad address is quoted whole: "[::1" was
# reported as "bad address '[:'" (cut at its last colon).
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir pm
printf '# Pool exhausted\n\nThe connection pool was exhausted.\n' > pm/a.md
hs index pm
assert_exit 0
for v in '127.0.0.1:+0' '127.0.0.1: 0' '127.0.0.1:0x10' '127.0.0.1:65536' \
    '127.0.0.1:'; do
    run timeout 5 "$HINDSIGHT" serve --listen "$v"
    checking "serve --listen '$v'"
    assert_exit 2
    assert_contains err "hindsight serve: bad port in '$v'"
done
run timeout 5 "$HINDSIGHT" serve --listen '[::1'
assert_exit 2
assert_contains err "hindsight serve: bad address in '[::1' (use an IP address)"
run timeout 5 "$HINDSIGHT" serve --listen 'example.com:80'
assert_exit 2
assert_contains err "bad address in 'example.com:80'"
finish
