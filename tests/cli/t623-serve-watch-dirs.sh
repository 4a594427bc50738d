#!/bin/sh
# t623: serve --watch-dir DIR watches and indexes DIR (repeatable), even
# into an index made from other folders; --watch on an empty index is a
# usage error naming --watch-dir; a watched folder that is removed keeps
# its postmortems until it is back, and is watched again then.
. "$REPO/tests/cli/lib.sh"
command -v curl > /dev/null || skip "curl is not installed"
[ -e /proc/sys/fs/inotify ] || skip "no inotify here"

mkdir empty
hs index empty
assert_exit 0
hs serve --listen 127.0.0.1:0 --watch
assert_exit 2
assert_contains err "--watch-dir DIR"
hs serve --alerts-keep -1
assert_exit 2
assert_contains err "--alerts-keep needs 0 to"
hs serve --watch-dir
assert_exit 2

until_ok() {
    _i=0
    until "$@"; do
        _i=$((_i + 1))
        [ $_i -lt 100 ] || { fail "not within 10 s: $*"; return 1; }
        sleep 0.1
    done
}
found() {
    curl -s "$base/api/search?q=$1" | grep -q "\"total\":$2[,}]"
}
mkdir a b
printf -- '---\ntitle: A one\ndate: 2026-01-01\n---\n# A\nThe tapirword.\n' > a/one.md
start_serve --watch-dir a --watch-dir b
until_ok found tapirword 1
printf -- '---\ntitle: B two\ndate: 2026-01-02\n---\n# B\nThe okapiword.\n' > b/two.md
until_ok found okapiword 1
curl -s -o out "$base/api/postmortems/two"
assert_json out "j['id'] == 'two'" "id relative to the watched folder"

# a watched folder removed: its postmortems stay; back, it is watched again
mv b b-away
sleep 1
found okapiword 1 || fail "a removed folder's postmortems stay indexed"
mkdir b
printf -- '---\ntitle: B three\ndate: 2026-01-03\n---\n# B\nThe sunbearword.\n' > b/three.md
until_ok grep -q "'b' is back" serve.log
until_ok found sunbearword 1
stop_serve
