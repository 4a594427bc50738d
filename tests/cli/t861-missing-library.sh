#!/bin/sh
# t861: when libcurl, libpq or libmicrohttpd cannot be loaded (here: a file of that name
# ahead on LD_LIBRARY_PATH that is not a library, then a real library that
# lacks their functions), the commands that need them fail with exit 1 and
# a message naming the Debian package to install; every other command runs.
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir junk
printf 'not a shared library\n' >junk/libcurl.so.4
printf 'not a shared library\n' >junk/libpq.so.5
export LD_LIBRARY_PATH="$PWD/junk"

hs --version
assert_exit 0
hs --db t.db index "$CORPUS"
assert_exit 0
hs --db t.db search database
assert_exit 0
assert_not_empty out

hs --db t.db serve --listen 127.0.0.1:0 --state "postgresql:///hs?host=$PWD/none"
assert_exit 1
assert_contains err "shared state in PostgreSQL needs libpq5 (apt-get install libpq5)"
assert_contains err "libpq.so.5"

hs --db t.db report weekly --post http://127.0.0.1:9/hook
assert_exit 1
assert_contains err "report delivery needs libcurl4 (apt-get install libcurl4)"
assert_contains err "libcurl.so.4"

# a library that loads but has none of libpq's functions
so=$(ldd "$HINDSIGHT" | awk '/libjansson/ {print $3}')
if [ -f "$so" ]; then
    cp "$so" junk/libpq.so.5
    hs --db t.db serve --listen 127.0.0.1:0 --state "postgresql:///hs?host=$PWD/none"
    assert_exit 1
    assert_contains err "shared state in PostgreSQL needs libpq5 (apt-get install libpq5)"
    assert_contains err "PQ"
fi

printf 'not a shared library\n' >junk/libmicrohttpd.so.12
hs --db t.db serve --listen 127.0.0.1:0
assert_exit 1
assert_contains err "serve needs libmicrohttpd12 (apt-get install libmicrohttpd12)"
hs --db t.db search database
assert_exit 0
finish
