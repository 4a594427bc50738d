#!/bin/sh
# t960: `make update-golden` (tests/fixtures/update.sh) writes each golden
# file in the very form the golden unit test compares (two-space JSON, one
# final newline), so regenerating them with the binary that passes the unit
# test changes no file. It wrote `show --json`'s one-line form before, which
# turned every golden file into a failure.
. "$REPO/tests/cli/lib.sh"
command -v python3 >/dev/null || skip "python3 is not installed"

mkdir -p tests
cp -R "$REPO/tests/fixtures" tests/fixtures || fail "copy the fixtures"
run sh tests/fixtures/update.sh
assert_exit 0
assert_contains out "regenerated"
diff -r "$REPO/tests/fixtures" tests/fixtures >diff.txt ||
    fail "update.sh changed golden files: $(head -20 diff.txt)"
finish
