#!/bin/sh
# t048: search filters and limits that answered something else than was
# asked: '-sev:1' was read as sev:1 (only the SEV1 postmortems, the
# opposite), of two since: or until: the last was taken whatever the first
# said, and a 65th different word was dropped without a word. An alerts
# cursor whose time no clock shows ('9999-99-99T99:99:99Z_1') was taken as
# a place in the list, where the README promises a 400 for a cursor this
# server did not give.
. "$REPO/tests/cli/lib.sh"
keep_going
hs index "$CORPUS"
assert_exit 0

for q in 'pool -sev:1' '-tag:database pool' 'pool -Since:2026-01-01'; do
    hs search -- "$q"
    assert_exit 2
    assert_contains err "is not supported: a filter selects what to keep"
done
hs search -- 'pool -timeout'
assert_exit 0

# given twice, both hold: the later since
hs search --json -- 'since:2026-01-01 pool'
assert_exit 0
cp out want.json
for q in 'since:2025-01-01 since:2026-01-01 pool' \
    'since:2026-01-01 since:2025-01-01 pool'; do
    hs search --json -- "$q"
    assert_exit 0
    cmp -s out want.json || fail "'$q' is not 'since:2026-01-01 pool'"
done
hs search --json -- 'until:2025-01-01 until:2026-01-01 pool'
assert_json out "j['total'] > 0 and all(r['date'] <= '2025-01-01' for r in j['results'])" \
    "of two until: the earlier"

# 64 different words are a query, a 65th is refused
words=$(awk 'BEGIN { for (i = 0; i < 64; i++) printf "w%d ", i }')
hs search -- "$words"
assert_exit 0
hs search -- "$words w0 w1"
assert_exit 0
hs search -- "$words zzz"
assert_exit 2
assert_contains err "over 64 different words and phrases"

start_serve
get() {
    curl -s -o body -w '%{http_code}' "$base$1"
}
assert_eq "$(get '/api/search?q=pool%20-sev:1')" 400 "GET /api/search?q=pool -sev:1"
assert_json body "'-sev:' in j['error']" "the refusal names -sev:"
for cursor in 9999-99-99T99:99:99Z_1 2026-02-30T10:00:00Z_1 \
    2026-01-01T24:00:00Z_1 ----------TTTTTTTTTT_1; do
    assert_eq "$(get "/api/alerts?cursor=$cursor")" 400 "GET /api/alerts?cursor=$cursor"
    assert_eq "$(json_get body 'j["error"]')" \
        "cursor is not one this server gave" "the refusal of cursor=$cursor"
done
assert_eq "$(get '/api/alerts?cursor=2026-01-01T10:00:00Z_1')" 200 \
    "a cursor of the form the server gives"
stop_serve
finish
