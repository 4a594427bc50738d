#!/bin/sh
# t005: where the index lives: --db PATH and $HINDSIGHT_DB both choose the
# database file (and nothing is written to ./hindsight.db); --db wins over
# $HINDSIGHT_DB; search/show read the chosen file; with neither, a missing
# ./hindsight.db makes search and show exit 1 naming it, without creating it.
. "$REPO/tests/cli/lib.sh"

mkdir sub
hs --db sub/one.db index "$CORPUS"
assert_exit 0
assert_line out "added 44, updated 0, removed 0, unchanged 0, failed 0"
[ -f sub/one.db ] || fail "--db sub/one.db was not created"
[ ! -e hindsight.db ] || fail "--db given, but ./hindsight.db was created"

HINDSIGHT_DB=$PWD/sub/two.db
export HINDSIGHT_DB
hs index "$CORPUS"
assert_exit 0
assert_line out "added 44, updated 0, removed 0, unchanged 0, failed 0"
[ -f sub/two.db ] || fail "HINDSIGHT_DB=sub/two.db was not created"
[ ! -e hindsight.db ] || fail "HINDSIGHT_DB given, but ./hindsight.db was created"

hs index "$CORPUS"
assert_line out "added 0, updated 0, removed 0, unchanged 44, failed 0"
hs search "connection pool"
assert_exit 0
assert_contains out "2026-11-19-payment-api-connection-pool-exhausted"

# --db beats the environment: a fresh db named by --db starts empty.
hs --db sub/three.db index "$CORPUS"
assert_exit 0
assert_line out "added 44, updated 0, removed 0, unchanged 0, failed 0"
[ -f sub/three.db ] || fail "--db with HINDSIGHT_DB set did not use --db"
hs --db sub/empty.db show 2026-11-19-payment-api-connection-pool-exhausted
[ "$rc" -ne 0 ] || fail "show on an empty/missing --db db should fail"
unset HINDSIGHT_DB

hs --db sub/one.db show 2026-11-19-payment-api-connection-pool-exhausted
assert_exit 0
assert_contains out "Connection Pool Exhausted"

# With neither, a missing ./hindsight.db is a clear failure, not a crash.
hs search pool
assert_exit 1
assert_contains err "hindsight.db"
assert_empty out
[ ! -e hindsight.db ] || fail "search without an index created ./hindsight.db"
hs show 2026-11-19-payment-api-connection-pool-exhausted
assert_exit 1
assert_contains err "hindsight.db"
[ ! -e hindsight.db ] || fail "show without an index created ./hindsight.db"
