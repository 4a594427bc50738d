#!/bin/sh
# t700: serve --state creates the PostgreSQL schema (hindsight_schema at
# the current version, hindsight_alerts), a second start changes nothing,
# a database at version 1 is migrated to the current one, and four
# replicas started at the same moment on an empty database migrate it once
# without an error (the advisory lock makes them take turns). A URL libpq
# cannot read is a usage error (exit 2) at start. Skips without PostgreSQL 15.
. "$REPO/tests/cli/lib.sh"
. "$REPO/tests/cli/pg.sh"
pg_up
replica_index a

# state_of BASE: the "state" field of /api/health
state_of() {
    curl -s -m 5 "$1/api/health" |
        python3 -c 'import json,sys; print(json.load(sys.stdin).get("state"))'
}

# 1. first start creates the schema
replica_start a 0
assert_eq "$(state_of "$a_base")" ok "health state with PostgreSQL up"
v=$(pg_sql "SELECT version FROM hindsight_schema")
checking "schema version after the first start"
[ "$v" -ge 2 ] || fail "schema version is '$v', want >= 2"
assert_eq "$(pg_sql "SELECT count(*) FROM hindsight_alerts")" 0 "no alerts yet"
replica_stop a

# 2. a second start: same version, one version row
replica_start a 0
assert_eq "$(pg_sql "SELECT version FROM hindsight_schema")" "$v" "version after a second start"
assert_eq "$(pg_sql "SELECT count(*) FROM hindsight_schema")" 1 "one version row"
replica_stop a

# 3. a database left at version 1 is migrated
pg_sql "ALTER TABLE hindsight_alerts DROP COLUMN last_replica; UPDATE hindsight_schema SET version = 1" ||
    fail "cannot rewind the schema to version 1"
replica_start a 0
assert_eq "$(pg_sql "SELECT version FROM hindsight_schema")" "$v" "version after migrating from 1"
assert_eq "$(pg_sql "SELECT count(*) FROM information_schema.columns WHERE table_name = 'hindsight_alerts' AND column_name = 'last_replica'")" 1 "step 2's column is there"
replica_stop a

# 4. four replicas at once on an empty database
pg_sql "DROP TABLE hindsight_alerts; DROP TABLE hindsight_schema" ||
    fail "cannot empty the database"
pids=
for n in 1 2 3 4; do
    "$HINDSIGHT" --db a.db serve --listen 127.0.0.1:0 --state "$PGURL" \
        > "r$n.out" 2> "r$n.log" &
    pids="$pids $!"
    pg_track $!
done
for n in 1 2 3 4; do
    i=0
    while ! grep -q 'port [0-9]' "r$n.log"; do
        i=$((i + 1))
        [ $i -lt 200 ] || fail "replica r$n did not start: $(cat "r$n.log")"
        sleep 0.05
    done
    p=$(sed -n 's/.*(port \([0-9]*\)).*/\1/p' "r$n.log" | head -n 1)
    assert_eq "$(state_of "http://127.0.0.1:$p")" ok "replica r$n health state"
done
assert_eq "$(pg_sql "SELECT version FROM hindsight_schema")" "$v" "version after a concurrent start"
assert_eq "$(pg_sql "SELECT count(*) FROM hindsight_schema")" 1 "one version row after a concurrent start"
checking "no replica logged an error"
if grep -il 'error\|cannot' r1.log r2.log r3.log r4.log; then
    fail "a replica logged an error: $(cat r*.log)"
fi
checking "postgres logged no error during the concurrent start"
if grep -E 'ERROR|FATAL' "$PGTMP/pg.log" | grep -v 'terminating connection'; then
    fail "postgres logged an error"
fi
for p in $pids; do
    kill -TERM "$p"
    wait "$p" || fail "a replica exited $? after SIGTERM"
done

# 5. a URL libpq cannot read: a failure at start, naming the problem
run "$HINDSIGHT" --db a.db serve --listen 127.0.0.1:0 --state 'postgresql://%zz'
assert_exit 2
assert_contains err "state"
run "$HINDSIGHT" --db a.db serve --listen 127.0.0.1:0 --state '/some/file'
assert_exit 2
assert_contains err "postgresql://"
exit 0
