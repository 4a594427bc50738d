#!/bin/sh
# t622: what goes wrong under serve --watch does not stop the server. A
# binary file, one over the size limit, an unreadable one (when not root),
# a FIFO and a dangling link named *.md are skipped or logged while the
# rest is indexed. A run that fails (the index locked by another writer for
# longer than the busy timeout) is logged, the previous index keeps
# answering, and the next change makes a run that succeeds. With --quiet
# the watcher logs nothing.
. "$REPO/tests/cli/lib.sh"
command -v curl > /dev/null || skip "curl is not installed"
[ -e /proc/sys/fs/inotify ] || skip "no inotify here"

index_copy
start_serve --watch

# until_ok CMD...: up to 30 s until CMD succeeds (this test is about the
# server surviving broken files; t620 holds the 5 s latency bound, and a
# sanitizer build on a loaded machine needs the margin here)
until_ok() {
    _i=0
    until "$@"; do
        _i=$((_i + 1))
        [ $_i -lt 300 ] || { fail "not within 30 s: $*"; return 1; }
        sleep 0.1
    done
}
found() { # found WORD N: search for WORD finds N postmortems
    curl -s "$base/api/search?q=$1" | grep -q "\"total\":$2[,}]"
}
good() { # good NAME WORD
    printf -- '---\ntitle: Good %s\ndate: 2026-02-01\nseverity: SEV3\n---\n# Good\n## Root cause\nThe %s broke.\n' "$2" "$2" > "corpus/$1.md"
}

head -c 100000 /dev/urandom > corpus/zz-binary.md
python3 -c 'import sys; sys.stdout.write("---\ntitle: Huge\n---\n" + "x" * (9 * 1024 * 1024))' > corpus/zz-huge.md
mkfifo corpus/zz-fifo.md
ln -s nowhere.md corpus/zz-dangling.md
if [ "$(id -u)" != 0 ]; then
    good zz-unreadable capybaraword
    chmod 000 corpus/zz-unreadable.md
fi
good zz-good wallabyword
until_ok found wallabyword 1
assert_contains serve.log "zz-huge.md: "
assert_contains serve.log "(not indexed)"
curl -s -o out "$base/api/health"
assert_json out "j['status'] == 'ok' and j['index_failures'] == 0" "server answers after broken files"
kill -0 $pid || fail "serve died"

# a failed run: another writer holds the index (past the 5 s busy timeout)
# until the failure has been seen, 60 s at most
python3 - hindsight.db << 'PY' &
import os, sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
open("locked", "w").close()
end = time.time() + 60
while not os.path.exists("release") and time.time() < end:
    time.sleep(0.05)
c.execute("ROLLBACK")
PY
locker=$!
until_ok test -e locked
good zz-second bilbyword
until_ok grep -q 'index run [0-9]* failed: .*; the previous index keeps serving' serve.log
found wallabyword 1 || fail "the previous index should keep answering"
found bilbyword 0 || fail "the failed run should have changed nothing"
curl -s -o out "$base/api/health"
assert_json out "j['index_failures'] == 1" "health counts the failed run"
touch release
wait $locker
# the next change makes a run, which picks up the one that failed too
good zz-third quollword
until_ok found quollword 1
found bilbyword 1 || fail "the run after the failure should index what it missed"
stop_serve

# --quiet: nothing from the watcher
start_serve --watch --quiet
good zz-fourth dunnartword
until_ok found dunnartword 1
assert_not_contains serve.log "hindsight: watch:"
stop_serve
