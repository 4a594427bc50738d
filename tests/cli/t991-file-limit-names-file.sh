#!/bin/sh
# t991: a file over the read limit (8 MiB) named to show --file, similar
# --concepts or --config is named in the refusal; it was 'file is
# 9000000 bytes, over the limit of 8388608', which did not say which of
# the files given was meant.
. "$REPO/tests/cli/lib.sh"
keep_going
hs index "$CORPUS"
assert_exit 0
head -c 9000000 /dev/zero | tr '\0' '#' >big.md
hs show --file big.md
assert_exit 1
assert_contains err "'big.md' is 9000000 bytes, over the limit of 8388608"
hs similar --concepts big.md timeout
assert_exit 1
assert_contains err "'big.md' is 9000000 bytes"
cp big.md hindsight.yml
hs check --config hindsight.yml "$CORPUS"
assert_exit 1
assert_contains err "'hindsight.yml' is 9000000 bytes"
finish
