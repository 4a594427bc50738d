#!/bin/sh
# t032: similar --stdin of more than 16 MiB is the caller's input to fix,
# as invalid JSON is: exit 2 with a message that says the limit. It exited
# 1 ('input on stdin is over 16 MiB'), the status of a failure of ours.
. "$REPO/tests/cli/lib.sh"
keep_going
hs index "$CORPUS"
assert_exit 0
python3 -c 'import sys; sys.stdout.write("{\"symptoms\": [\"" + "a" * (17 << 20) + "\"]}")' > big.json
run sh -c '"$HINDSIGHT" similar --stdin < big.json'
assert_exit 2
assert_empty out
assert_contains err "stdin: the input is over the limit of 16 MiB"
# invalid JSON is exit 2 as well: the two answers agree
run sh -c 'printf "{not json" | "$HINDSIGHT" similar --stdin'
assert_exit 2
assert_contains err "stdin: invalid JSON"
# under the limit, a body is read
run sh -c 'printf "{\"symptoms\": [\"connection pool exhausted\"]}" | "$HINDSIGHT" similar --stdin'
assert_exit 0
assert_contains out "pool"
finish
