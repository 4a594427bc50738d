#!/bin/sh
# t961: a 405 names in Allow the methods its URL takes (RFC 9110). Every
# 405 said "Allow: GET, POST", so a client told that /api/postmortems,
# /api/search or a page takes POST got a second 405 when it tried.
. "$REPO/tests/cli/lib.sh"
keep_going
mkdir pm
printf '# Pool exhausted\n\n## Root cause\n\nThe pool ran dry.\n' > pm/a.md
hs index pm
assert_exit 0
start_serve --quiet

# allow METHOD PATH: the status and the Allow header of the answer
allow() {
    curl -s -o body -D head -X "$1" "$base$2" > /dev/null
    printf '%s %s\n' "$(sed -n '1s/^HTTP[^ ]* \([0-9]*\).*/\1/p' head)" \
        "$(sed -n 's/^[Aa]llow: *//p' head | tr -d '\r')"
}
for path in /api/health /api/search /api/postmortems /api/postmortems/a \
    /api/action-items /index.html /pm/a.html; do
    assert_eq "$(allow DELETE "$path")" "405 GET, HEAD" "DELETE $path"
done
assert_eq "$(allow POST /api/postmortems)" "405 GET, HEAD" "POST /api/postmortems"
assert_eq "$(json_get body 'j["error"]')" "use GET" "POST /api/postmortems says"
for path in /api/similar /api/alerts; do
    assert_eq "$(allow PUT "$path")" "405 GET, HEAD, POST" "PUT $path"
done
# what Allow names is answered
code=$(curl -s -o /dev/null -w '%{http_code}' -I "$base/api/postmortems")
assert_eq "$code" 200 "HEAD /api/postmortems"
stop_serve
finish
