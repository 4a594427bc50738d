#!/bin/sh
# t201: serve --token-file: /api/* needs "Authorization: Bearer TOKEN" (401
# without it or with a wrong or longer/shorter token), /api/health stays
# open, the token never appears in the access log; an empty or missing token
# file is an error at start; a busy port is a clear error; serve without an
# index exits 1; bad --listen is a usage error (exit 2).
. "$REPO/tests/cli/lib.sh"
command -v curl > /dev/null || skip "curl is not installed"

hs serve --listen 127.0.0.1:0
assert_exit 1
hs index "$CORPUS"
printf 's3cret-token\n' > tok
: > empty
hs serve --token-file empty
assert_exit 1
hs serve --token-file missing
assert_exit 1
hs serve --listen nowhere
assert_exit 2
hs serve --bogus
assert_exit 2

start_serve --token-file tok
code() { curl -s -o out -w '%{http_code}' "$@"; }
[ "$(code "$base/api/health")" = 200 ] || fail "health must stay open"
[ "$(code "$base/api/search?q=pool")" = 401 ] || fail "no token: want 401"
assert_json out "j['status'] == 401" "401 body"
for t in wrong s3cret-toke s3cret-token1 ''; do
    [ "$(code -H "Authorization: Bearer $t" "$base/api/search?q=pool")" = 401 ] ||
        fail "token '$t' must be refused"
done
[ "$(code -H 'Authorization: Bearer s3cret-token' "$base/api/search?q=pool")" = 200 ] ||
    fail "right token: want 200"
grep -q s3cret serve.log && fail "the token must not be logged"
# a second server on the same port fails clearly
hs serve --listen "127.0.0.1:$port"
assert_exit 1
assert_contains err "cannot listen"
kill -TERM $pid
wait $pid || fail "serve exit status"
trap - EXIT
