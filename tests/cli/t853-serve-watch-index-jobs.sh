#!/bin/sh
# t853: serve --index-jobs N sets the threads of the --watch index runs,
# and each run's log line names how many read and parsed (never more than
# the files); a bad number is a usage error.
. "$REPO/tests/cli/lib.sh"
command -v curl >/dev/null || skip "curl is not installed"
[ -e /proc/sys/fs/inotify ] || skip "no inotify here"
keep_going

for bad in 0 65 x; do
    hs serve --index-jobs "$bad" --watch
    assert_exit 2
    assert_contains err "--index-jobs needs 1 to 64"
done

mkdir a
cp "$CORPUS"/2024-0[1-3]-*.md a/
n=$(ls a | wc -l)
hs index a
assert_exit 0
start_serve --watch --index-jobs 2
_i=0
until grep -q "index run 1:" serve.log; do
    _i=$((_i + 1))
    [ $_i -lt 200 ] || { fail "no index run within 20 s"; break; }
    sleep 0.1
done
stop_serve
assert_contains serve.log "index run 1: added 0, updated 0, removed 0, unchanged $n, failed 0 ("
assert_contains serve.log " ms, 2 threads)"
finish
