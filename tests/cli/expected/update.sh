#!/bin/sh
# Regenerate the report goldens of t101 (run from the repository root with
# HINDSIGHT set to the binary); review the diff before committing.
set -eu
db=$(mktemp -d)/r.db
"$HINDSIGHT" --db "$db" index corpus > /dev/null
for kind in overdue weekly; do
    for fmt in md html csv json; do
        for as_of in 2026-11-24 2026-01-01; do
            "$HINDSIGHT" --db "$db" report $kind --as-of $as_of --format $fmt \
                > "tests/cli/expected/report-$kind-$as_of.$fmt"
        done
    done
done
rm -rf "$(dirname "$db")"
