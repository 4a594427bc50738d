#!/bin/sh
# t986: the login form's token is compared whole. "%00" in the posted
# token decoded to a NUL that ended it, so "TOKEN%00anything" signed in
# as TOKEN; a form value holding %00 is now no value (401, no cookie).
# The right token still signs in, and "next" cannot leave the site.
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir pm
cp "$CORPUS/2024-07-16-payment-provider-outage.md" pm/a.md
hs index pm
assert_exit 0
printf 's3cret-token\n' > tok
start_serve --quiet --token-file tok

login() {
    curl -s -o /dev/null -D hdr -w '%{http_code}' --max-time 20 \
        -H 'Content-Type: application/x-www-form-urlencoded' \
        --data "$1" "$base/login"
}
for d in 'token=s3cret-token%00' 'token=s3cret-token%00anything' \
    'next=x&token=s3cret-token%00%00'; do
    checking "$d"
    assert_eq "$(login "$d")" 401
    assert_not_contains hdr "Set-Cookie"
done
checking "the right token"
assert_eq "$(login 'token=s3cret-token&next=%2F%2Fevil.example')" 303
assert_contains hdr "Set-Cookie: hindsight_session="
assert_contains hdr "Location: ./"
stop_serve
finish
