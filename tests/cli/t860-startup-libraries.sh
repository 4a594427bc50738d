#!/bin/sh
# t860: libcurl, libpq and libmicrohttpd are loaded only by the process
# that uses them (report delivery, serve --state postgresql://..., serve):
# `--version` and `search` map none of them nor the libraries they pull in
# (GnuTLS...); a `serve` without --state maps libmicrohttpd but not libcurl
# or libpq; `serve --state postgresql://...` maps libpq at start, even when
# the server is not there yet.
. "$REPO/tests/cli/lib.sh"
keep_going

# no_lib FILE WHAT [LIB...]: FILE (LD_DEBUG=libs output or /proc/PID/maps)
# names none of LIB (default: libcurl, libpq, libmicrohttpd, libgnutls).
no_lib() {
    _f=$1 _what=$2
    shift 2
    [ $# -gt 0 ] || set -- libcurl.so libpq.so libmicrohttpd.so libgnutls.so
    for l in "$@"; do
        if grep -q "$l" "$_f"; then fail "$_what loads $l"; fi
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
no_lib maps "serve without --state" libcurl.so libpq.so
checking "serve maps libmicrohttpd"
grep -q 'libmicrohttpd\.so\.12' maps || fail "serve did not load libmicrohttpd"

start_serve --db t.db --state "postgresql:///hs?host=$PWD/no-server"
cp "/proc/$pid/maps" maps
stop_serve
checking "serve --state postgresql://... maps libpq"
grep -q 'libpq\.so\.5' maps || fail "serve --state postgresql://... did not load libpq"
finish
