#!/bin/sh
# t994: an option given an empty value is a usage error (exit 2, the
# pointer to --help), as --config '', --db '' and serve --concepts '' were.
# - similar --concepts '' failed as a file that could not be opened (exit 1,
#   "cannot open ''"), while serve --concepts '' was a usage error.
# - show --file '' failed the same way ("cannot read ''", exit 1).
# - 'hindsight help help' said "unknown command 'help'" (exit 2), where
#   'help --help' and 'help' print the general help.
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir pm
printf '# Pool exhausted on payment-api\n\nThe connection pool was exhausted.\n' > pm/a.md
hs index pm
assert_exit 0

usage_error '--concepts needs a value' similar --concepts '' pool exhausted
usage_error '--concepts needs a value' serve --concepts ''
usage_error '--file needs a value' show --file ''
usage_error '--file needs a value' show --file -- ''
hs similar --concepts /nonexistent pool
assert_exit 1
assert_contains err "/nonexistent"
hs show --file pm/a.md
assert_exit 0

hs help
assert_exit 0
cp out general
hs help help
assert_exit 0
cmp -s out general || fail "help help should print the general help"
assert_empty err

finish
