#!/bin/sh
# t860: libcurl and libpq are loaded only by the process that uses them
# (report delivery, serve --state postgresql://...): `--version`, `search`
# and a `serve` without --state do not map them or the libraries they pull
# in; `serve --state postgresql://...` maps libpq at start, even when the
# server is not there yet.
. "$REPO/tests/cli/lib.sh"
keep_going

# no_lib FILE WHAT: FILE (LD_DEBUG=libs output or /proc/PID/maps) names
# neither libcurl nor libpq.
no_lib() {
    for l in libcurl.so libpq.so; do
        if grep -q "$l" "$1"; then fail "$2 loads $l"; fi
    done
}

LD_DEBUG=libs "$HINDSIGHT" --version >out 2>err
rc=$?
last_cmd="LD_DEBUG=libs hindsight --version"
assert_exit 0
grep -q 'find library=libsqlite3' err || skip "LD_DEBUG=libs says nothing here"
no_lib err "--version"

hs --db t.db index "$CORPUS"
assert_exit 0
LD_DEBUG=libs "$HINDSIGHT" --db t.db search database >out 2>err
rc=$?
last_cmd="LD_DEBUG=libs hindsight search database"
assert_exit 0
assert_not_empty out
no_lib err "search"

[ -r /proc/self/maps ] || { finish; exit 0; }
start_serve --db t.db
curl -s "$base/api/health" >/dev/null
cp "/proc/$pid/maps" maps
stop_serve
no_lib maps "serve without --state"

start_serve --db t.db --state "postgresql:///hs?host=$PWD/no-server"
cp "/proc/$pid/maps" maps
stop_serve
checking "serve --state postgresql://... maps libpq"
grep -q 'libpq\.so\.5' maps || fail "serve --state postgresql://... did not load libpq"
finish
