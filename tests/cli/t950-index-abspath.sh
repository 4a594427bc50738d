#!/bin/sh
# t950: every indexed file's identity (its resolved path) is what realpath
# says, however its folder was named: through a link to the folder, with a
# trailing slash, with ./ and .. in it, in nested folders, and for a link
# to a file inside (the walk builds the resolved path of a plain file from
# its resolved folder instead of asking realpath for each). Naming the same
# folder another way then finds every file unchanged.
. "$REPO/tests/cli/lib.sh"
command -v sqlite3 >/dev/null || skip "the sqlite3 shell is not installed"
command -v realpath >/dev/null || skip "realpath(1) is not installed"
keep_going

mkdir -p real/a/b real/c
cp "$CORPUS/2024-07-16-payment-provider-outage.md" real/top.md
cp "$CORPUS/2025-02-04-auth-service-memory-leak.md" real/a/b/deep.md
cp "$CORPUS/2024-01-23-auth-service-connection-pool-exhaustion.md" real/c/pool.markdown
ln -s ../top.md real/c/alias.md
ln -s real alias

check_paths() { # db what
    sqlite3 "$1" 'SELECT path, abspath FROM postmortems ORDER BY abspath' >rows
    n=0
    while IFS='|' read -r path abspath; do
        n=$((n + 1))
        assert_eq "$abspath" "$(realpath "$path")" "$2: resolved path of $path"
    done <rows
    assert_eq "$n" 3 "$2: files indexed"
}

for named in alias alias/ ./real/../alias/ "$(pwd)/real"; do
    rm -f x.db
    hs --db x.db index "$named"
    assert_exit 0
    assert_contains out "added 3"
    check_paths x.db "named '$named'"
done

# the same folder named another way: the same files, unchanged
hs --db x.db index alias/
assert_exit 0
assert_line out "added 0, updated 0, removed 0, unchanged 3, failed 0"
finish
