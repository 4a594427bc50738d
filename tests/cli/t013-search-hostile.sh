#!/bin/sh
# t013: anything a user can type is accepted: every hostile query (FTS5
# syntax characters, operators, column-filter look-alikes, quotes, empty,
# 10000 characters, non-ASCII, invalid UTF-8, SQL injection) exits 0 or 2,
# never 1 or a crash; stderr never leaks "fts5", "SQL", "syntax error" or
# "sqlite"; exit 2 comes with a message and no stdout; exit 0 with --json
# prints valid JSON of SPEC's shape. An unknown filter exits 2 naming it.
# cli: long
. "$REPO/tests/cli/lib.sh"
keep_going

hs index "$CORPUS"
assert_exit 0

long=$(python3 -c 'print("a" * 10000)')
longwords=$(python3 -c 'print(" ".join(["pool"] * 2000))')
bad_utf8=$(printf 'pool\377\376x')

check_query() {
    for json in "" --json; do
        hs search $json -- "$@"
        case $rc in
        0)
            if [ -n "$json" ]; then
                assert_json out 'isinstance(j["total"], int) and isinstance(j["results"], list)' \
                    "JSON for query [$*]"
            fi
            ;;
        2)
            assert_empty out
            assert_not_empty err
            ;;
        *) fail "query [$*] exit status $rc (expected 0 or 2)" ;;
        esac
        for word in fts5 sql "syntax error" sqlite; do
            assert_not_contains_i err "$word"
        done
    done
}

for q in '"' "'" '*' '(' ')' 'NEAR' 'AND' 'OR' 'NOT' '-' ':' 'a:b' 'tag:' \
    '' ' ' "$long" "$longwords" 'café ✅' '"unterminated' 'NEAR(a b)' \
    '-onlyneg' '^' 'pool*' '*pool' '{a b}' 'pool -' '"" ""' 'a OR' \
    'AND OR NOT' '\' '%' '_' "'; DROP TABLE postmortems; --" \
    'NEAR(pool, 2)' '+' 'pool AND' 'pool OR OR' '(pool' 'pool)' \
    'title:pool' 'col:x' '-pool -connection' 'pool NOT' '"pool' 'pool"' \
    'pool:' ':pool' '::' 'tag::x' 'sev:' 'since:' "$bad_utf8" '\"' \
    'pool^' 'NEAR/2' 'a*b' '**' '""' "pool'" 'x:y:z' 'café:' '✅:✅'; do
    check_query "$q"
done
# Several hostile words at once, as separate arguments.
check_query '"' '(' 'NEAR' '-' '*' 'pool'
check_query AND OR NOT

# The shell hands these to hindsight as one argument each; the ones made of
# plain words must still find something.
hs search --json 'pool*'
assert_exit 0
assert_json out 'j["total"] >= 1' "pool* finds postmortems"
hs search --json 'café ✅' pool
[ "$rc" = 0 ] || [ "$rc" = 2 ] || fail "café ✅ pool: exit $rc"

# Unknown filters are usage errors naming the filter.
for q in a:b colour:red 'title:pool'; do
    hs search "$q"
    assert_exit 2
    assert_contains err "${q%%:*}"
done
finish
