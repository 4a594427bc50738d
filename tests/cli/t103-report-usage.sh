#!/bin/sh
# t103: report usage errors exit 2 with a message and no output: no kind,
# unknown kind, bad --as-of (not a date, impossible date, other formats),
# unknown --format, missing option values; --help exits 0; a missing index
# exits 1.
. "$REPO/tests/cli/lib.sh"

hs report overdue
assert_exit 1
hs index "$CORPUS"
for args in "" "monthly" "overdue --as-of 2026-02-30" "overdue --as-of tomorrow" \
    "overdue --as-of 24/11/2026" "overdue --format pdf" "overdue --as-of" \
    "overdue --owner" "overdue extra" "overdue --bogus"; do
    # shellcheck disable=SC2086
    hs report $args
    assert_exit 2
    assert_empty out
    assert_not_empty err
done
hs report --help
assert_exit 0
assert_contains out "overdue"
hs report weekly --as-of 2026-11-24
assert_exit 0
assert_contains out "Weekly postmortem review"
