#!/bin/sh
# t001: --help, -h, COMMAND --help and --version succeed (exit 0), print their
# text on stdout and nothing on stderr; help names every command and option
# the top-level usage promises.
. "$REPO/tests/cli/lib.sh"

for opt in --help -h; do
    hs $opt
    assert_exit 0
    assert_empty err
    assert_contains out "usage: hindsight"
    for cmd in index search show check; do
        assert_contains out "$cmd"
    done
    assert_contains out "--db"
    assert_contains out "--version"
done

for cmd in index search show check; do
    for opt in --help -h; do
        hs $cmd $opt
        assert_exit 0
        assert_empty err
        assert_contains out "usage:"
        assert_contains out " $cmd"
    done
done

# Help for a command comes before argument checks: 'search --help' with no
# query, and help after other arguments, still exit 0.
hs search --limit 3 --help
assert_exit 0
assert_contains out "usage:"
hs --db nowhere.db index --help
assert_exit 0
assert_contains out "--full"
[ ! -e nowhere.db ] || fail "'index --help' created the database"

hs index --help
assert_contains out "--full"
hs search --help
assert_contains out "--json"
assert_contains out "--limit"
hs show --help
assert_contains out "--file"

hs --version
assert_exit 0
assert_empty err
grep -qE '^hindsight [0-9]+\.[0-9]+\.[0-9]+' out ||
    fail "--version should print 'hindsight X.Y.Z'"
[ "$(wc -l <out)" -eq 1 ] || fail "--version should print one line"
