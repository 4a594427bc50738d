#!/bin/sh
# t041 (issue 12 item 22): messages say what is wrong. --as-of names the
# real range of years; a since: date with trailing junk, an empty sev:, an
# unknown NAME: (root_cause:) are refused while 12:30 and URLs stay words;
# show --file without a value; --token-file and --db naming a directory;
# \u0000 in JSON on stdin; similar --stdin exits 2 for any JSON that is not
# an incident.
. "$REPO/tests/cli/lib.sh"
keep_going


hs index "$CORPUS"
assert_exit 0

usage_error "from 1900-01-01 to 2199-12-31" report overdue --as-of 2200-01-01
usage_error "from 1900-01-01 to 2199-12-31" site --out s --as-of 1899-12-31
hs report overdue --as-of 2199-12-31 --format json
assert_exit 0

usage_error "2026-11-19xyz" search since:2026-11-19xyz
usage_error "needs a value" search sev:,
usage_error "needs a value" search pool sev:,,
usage_error "unknown filter 'root_cause:'" search root_cause:pool
usage_error "unknown filter 'title:'" search title:pool
hs search --json since:2026-11-19
assert_exit 0
hs search --json 14:32
assert_exit 0
assert_json out 'j["total"] >= 1' "14:32 is searched as words"
hs search --json https://example.com/runbooks
assert_not_contains err "unknown filter"

usage_error "--file needs a value" show --file

mkdir tokdir
hs serve --listen 127.0.0.1:0 --token-file tokdir
assert_exit 1
assert_contains err "is a directory"
assert_not_contains err "empty"

mkdir dbdir
hs --db dbdir search pool
assert_contains err "dbdir"
assert_contains err "directory"
assert_not_contains err "disk I/O"
hs --db dbdir index "$CORPUS"
assert_contains err "dbdir"
assert_contains err "directory"

printf '{"symptoms":["a\\u0000b"]}' >nul.json
run sh -c '"$HINDSIGHT" similar --stdin <nul.json'
assert_exit 2
assert_not_contains err "JSON_ALLOW_NUL"
assert_contains err "NUL"
for body in '[1]' 'null' '1' '"x"' '{}' '{"symptoms": 3}' 'not json'; do
    printf '%s' "$body" >in.json
    run sh -c '"$HINDSIGHT" similar --stdin <in.json'
    last_cmd="similar --stdin <<< $body"
    assert_exit 2
    assert_not_empty err
done
printf '[1]' >in.json
run sh -c '"$HINDSIGHT" similar --stdin <in.json'
assert_contains err "JSON object"
printf 'null' >in.json
run sh -c '"$HINDSIGHT" similar --stdin <in.json'
assert_contains err "JSON object"
finish
