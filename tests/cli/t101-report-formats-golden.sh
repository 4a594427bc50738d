#!/bin/sh
# t101: report overdue and weekly over corpus/ at fixed as-of dates, in every
# format, byte for byte as the reviewed files in tests/cli/expected/
# (regenerate with tests/cli/expected/update.sh and review the diff). Paths
# in the reports are relative to the corpus folder named.
. "$REPO/tests/cli/lib.sh"

cd "$REPO" || fail "cd $REPO"
db=$(mktemp -d)/r.db
"$HINDSIGHT" --db "$db" index corpus > /dev/null || fail "index corpus"
for kind in overdue weekly; do
    for fmt in md html csv json; do
        for as_of in 2026-11-24 2026-01-01; do
            name=report-$kind-$as_of.$fmt
            "$HINDSIGHT" --db "$db" report $kind --as-of $as_of --format $fmt > "$db.$name" ||
                fail "report $kind --format $fmt"
            cmp -s "$db.$name" "tests/cli/expected/$name" || {
                diff -u "tests/cli/expected/$name" "$db.$name" | head -20 >&2
                fail "$name differs from tests/cli/expected/$name"
            }
        done
    done
done
rm -rf "$(dirname "$db")"
