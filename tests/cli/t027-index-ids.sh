#!/bin/sh
# t027: ids do not depend on the history of runs. A file's id is its path
# under the outermost folder it was indexed from, without .md: indexing
# nest/2024/a.md alone and then nest gives 2024/a and 2025/a, in either
# order, and re-indexing one file or a sub-folder keeps the ids. Two
# folders of the same layout index whole (no failures): the second file of
# a clash gets its folder's name in front, the same ids whatever the order
# of the arguments, and a flat folder keeps its plain ids.
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir -p nest/2024 nest/2025
cp "$CORPUS/2024-07-16-payment-provider-outage.md" nest/2024/a.md
cp "$CORPUS/2025-02-04-auth-service-memory-leak.md" nest/2025/a.md

ids() {
    "$HINDSIGHT" --db "$1" search --json --limit 100 since:1970-01-01 |
        python3 -c 'import json,sys; print(" ".join(sorted(r["id"] for r in json.load(sys.stdin)["results"])))'
}

hs --db one.db index nest/2024/a.md
assert_exit 0
assert_eq "$(ids one.db)" "a" "ids after index nest/2024/a.md"
hs --db one.db index nest
assert_exit 0
assert_eq "$(ids one.db)" "2024/a 2025/a" "ids after then index nest"

hs --db two.db index nest
hs --db two.db index nest/2024/a.md
assert_exit 0
assert_eq "$(ids two.db)" "2024/a 2025/a" "ids after index nest, then the file"
echo "Changed." >>nest/2024/a.md
hs --db two.db index nest/2024/a.md
assert_line out "added 0, updated 1, removed 0, unchanged 0, failed 0"
hs --db two.db index nest/2024
assert_exit 0
assert_eq "$(ids two.db)" "2024/a 2025/a" "ids after a changed file and a sub-folder"
hs --db two.db show 2024/a
assert_exit 0

mkdir -p x y
for d in x y; do
    cp "$CORPUS"/2024-0[1-3]-*.md $d/
done
n=$(ls x | wc -l)
hs --db xy.db index x y
assert_exit 0
assert_line out "added $((2 * n)), updated 0, removed 0, unchanged 0, failed 0"
assert_contains err "gets the id 'y/"
hs --db yx.db index y x
assert_exit 0
assert_eq "$(ids yx.db)" "$(ids xy.db)" "ids of 'index y x' and 'index x y'"
hs --db xy.db index x y
assert_exit 0
assert_line out "added 0, updated 0, removed 0, unchanged $((2 * n)), failed 0"
hs --db xy.db show y/2024-01-23-auth-service-connection-pool-exhaustion
assert_exit 0
assert_contains out "path: y/"
finish
