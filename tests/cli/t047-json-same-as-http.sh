#!/bin/sh
# t047 (issue 12 item 24): the CLI's --json is the HTTP API's answer, byte
# for byte (plus a final newline): search (snippets in <mark>, HTML-escaped,
# never [word]), a filters-only search, similar, show, and the overdue
# report.
. "$REPO/tests/cli/lib.sh"
keep_going
command -v curl >/dev/null 2>&1 || skip "no curl"

hs index "$CORPUS"
assert_exit 0
start_serve

# same CLI-ARGS -- URL-PATH: the CLI's stdout is the body and a newline
same() {
    cli=
    while [ "$1" != -- ]; do
        cli="$cli $1"
        shift
    done
    shift
    "$HINDSIGHT" $cli >cli.json 2>cli.err || fail "hindsight$cli failed"
    curl -s -o http.json "$base$1" || fail "curl $1 failed"
    printf '\n' >>http.json
    cmp -s cli.json http.json || {
        last_cmd="hindsight$cli vs GET $1"
        last_is_cmd=no
        fail "hindsight$cli differs from GET $1: $(diff cli.json http.json | head -c 600)"
    }
}

same search --json pool -- "/api/search?q=pool"
same search --json --limit 3 connection pool -- "/api/search?q=connection%20pool&limit=3"
same search --json sev:1 -- "/api/search?q=sev:1"
same similar --json --limit 3 db pool exhausted -- "/api/similar?q=db%20pool%20exhausted&limit=3"
same show --json 2026-11-19-payment-api-connection-pool-exhausted -- \
    "/api/postmortems/2026-11-19-payment-api-connection-pool-exhausted"

hs search --json pool
assert_contains out "<mark>"
assert_json out 'all("[" not in r["snippet"] or "<mark>" in r["snippet"] for r in j["results"])' \
    "search --json snippets use <mark>"
hs similar --json db pool exhausted
assert_contains out "<mark>"
# people still get [word]
hs search pool
assert_contains out "[pool]"
assert_not_contains out "<mark>"
hs similar db pool exhausted
assert_contains out "[pool]"
assert_not_contains out "<mark>"
stop_serve
finish
