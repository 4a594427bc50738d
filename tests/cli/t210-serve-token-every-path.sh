#!/bin/sh
# t210: with --token-file every path needs the token, not only /api/*:
# pages, /alerts.html, /search-index.js, assets and unknown URLs answer 401
# without it and show none of the data. API clients send "Authorization:
# Bearer"; a browser gets a small HTML login form (no external resources)
# that POSTs the token to /login, which sets an HttpOnly, SameSite=Strict
# session cookie (Path=/) and redirects back (never off the site); the
# cookie then opens pages and the API the live search box calls. A wrong
# token or cookie is refused; /api/health stays open; neither the token
# nor the cookie is logged.
. "$REPO/tests/cli/lib.sh"
command -v curl > /dev/null || skip "curl is not installed"

hs index "$CORPUS"
assert_exit 0
printf 's3cret-token\n' > tok
start_serve --token-file tok
code() { curl -s -o out -D hdr -w '%{http_code}' "$@"; }
pm=pm/2024-02-29-leap-day-settlement-batch-failure.html

for p in "" index.html alerts.html search-index.js "$pm" web/app.js tags.html \
    actions.html favicon.ico api/alerts "api/search?q=leap" login-not; do
    [ "$(code "$base/$p")" = 401 ] || fail "/$p without a token: want 401"
    # none of the data: no title, no record, no listing
    assert_not_contains_i out "leap day"
    assert_not_contains out '"results"'
    assert_not_contains out 'SEV'
done
[ "$(code "$base/api/search?q=leap")" = 401 ] || fail "API without token"
assert_json out "j['status'] == 401" "API 401 body is JSON"
[ "$(code "$base/alerts.html")" = 401 ] || fail "page without token"
grep -qi '^content-type: text/html' hdr || fail "the login page is HTML"
assert_contains out '<form method="post" action="login"'
assert_contains out 'name="token"'
assert_contains out 'value="alerts.html"'
# no external resources: no script, stylesheet link, image or URL
for x in '<script' '<link' '<img' 'src=' 'http://' 'https://'; do
    assert_not_contains_i out "$x"
done
[ "$(code "$base/$pm")" = 401 ] || fail "a postmortem page without token"
assert_contains out 'action="../login"'

[ "$(code "$base/api/health")" = 200 ] || fail "health must stay open"
[ "$(code -H 'Authorization: Bearer s3cret-token' "$base/alerts.html")" = 200 ] ||
    fail "the bearer token opens pages too"
[ "$(code -H 'Authorization: Bearer s3cret-token' "$base/$pm")" = 200 ] ||
    fail "the bearer token opens a postmortem page"
assert_contains_i out "leap"

# the login form: a wrong token sets no cookie
[ "$(code -d 'token=wrong&next=alerts.html' "$base/login")" = 401 ] ||
    fail "wrong token at /login: want 401"
grep -qi '^set-cookie' hdr && fail "a wrong token must not set a cookie"
[ "$(code -d 'token=s3cret-tokenX' "$base/login")" = 401 ] ||
    fail "a longer token at /login: want 401"
# the right one sets the cookie and sends the browser back
[ "$(code -c jar -d "token=s3cret-token&next=$pm" "$base/login")" = 303 ] ||
    fail "right token at /login: want 303"
cookie=$(grep -i '^set-cookie:' hdr | tr -d '\r')
case $cookie in *hindsight_session=*) ;; *) fail "no session cookie: $cookie" ;; esac
for attr in HttpOnly SameSite=Strict Path=/; do
    printf '%s\n' "$cookie" | grep -qi "; *$attr" || fail "cookie lacks $attr: $cookie"
done
printf '%s\n' "$cookie" | grep -q s3cret && fail "the cookie must not carry the token"
grep -i '^location:' hdr | tr -d '\r' | grep -qix "location: $pm" ||
    fail "redirect back to the page: $(grep -i '^location' hdr)"
[ "$(code -b jar "$base/$pm")" = 200 ] || fail "the cookie opens a page"
[ "$(code -b jar "$base/alerts.html")" = 200 ] || fail "the cookie opens alerts.html"
[ "$(code -b jar "$base/search-index.js")" = 200 ] || fail "the cookie opens search-index.js"
# the live search box: fetch() of api/search sends the cookie
[ "$(code -b jar "$base/api/search?q=leap")" = 200 ] || fail "the cookie opens the API"
assert_json out "j['total'] >= 1" "search with the cookie"
[ "$(code -b 'hindsight_session=0123abcd' "$base/alerts.html")" = 401 ] ||
    fail "a made-up cookie must be refused"
[ "$(code -b 'hindsight_session=' "$base/api/search?q=x")" = 401 ] ||
    fail "an empty cookie must be refused"
# a redirect never leaves the site
for n in '//evil.example/x' '/%2Fevil.example' 'https://evil.example/' '\evil'; do
    code -d "token=s3cret-token&next=$n" "$base/login" > /dev/null
    loc=$(grep -i '^location:' hdr | tr -d '\r' | sed 's/^[Ll]ocation: //')
    case $loc in
    //* | /* | *://* | *\\*) fail "next=$n redirects to '$loc'" ;;
    esac
done
# GET /login shows the form
[ "$(code "$base/login")" = 200 ] || fail "GET /login shows the form"
assert_contains out 'name="token"'

grep -q s3cret serve.log && fail "the token must not be logged"
session=$(sed -n 's/.*hindsight_session=\([0-9a-f]*\).*/\1/p' hdr | head -1)
[ -n "$session" ] && grep -q "$session" serve.log && fail "the cookie must not be logged"
stop_serve
