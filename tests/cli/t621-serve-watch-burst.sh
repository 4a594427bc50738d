#!/bin/sh
# t621: serve --watch debounces. A burst of 1,000 new files (a `git pull`),
# then 1,000 edits, each give one index run, counted by /api/health's
# "index_runs" and by the watcher's log line per run. Changes that never
# stop still get indexed: a run at most 3 s after the first change (the
# test gives a loaded machine up to 30 s for two such runs).
# cli: serial (a burst of 1,000 files must reach the watcher within its
# 500 ms debounce; beside another test it came as two runs)
. "$REPO/tests/cli/lib.sh"
command -v curl > /dev/null || skip "curl is not installed"
[ -e /proc/sys/fs/inotify ] || skip "no inotify here"

index_copy
start_serve --watch

health() {
    curl -s -o out "$base/api/health"
}
# wait_count N: up to 10 s until the index holds N postmortems
wait_count() {
    _i=0
    while health && ! python3 -c '
import json, sys
sys.exit(0 if json.load(open("out"))["postmortems"] == int(sys.argv[1]) else 1)' "$1"; do
        _i=$((_i + 1))
        [ $_i -lt 100 ] || fail "the index did not reach $1 postmortems"
        sleep 0.1
    done
}
wait_count 44
health
assert_json out "j['index_runs'] == 1" "one catch-up run at start"

burst() { # burst WORD: write 1,000 postmortems under corpus/burst
    python3 - "$1" << 'PY'
import os, sys
os.makedirs("corpus/burst", exist_ok=True)
for i in range(1000):
    with open("corpus/burst/pm-%04d.md" % i, "w") as f:
        f.write("---\ntitle: Burst %d %s\ndate: 2026-02-01\nseverity: SEV3\n"
                "---\n# Burst %d\n## Root cause\nThe %s broke %d.\n"
                % (i, sys.argv[1], i, sys.argv[1], i))
PY
}

burst koalaword
wait_count 1044
sleep 2 # anything left would have run by now
health
assert_json out "j['index_runs'] == 2 and j['index_failures'] == 0" "1,000 new files: one run"
[ "$(grep -c 'hindsight: watch: index run' serve.log)" = 2 ] ||
    fail "the log should show 2 runs: $(grep 'index run' serve.log)"
assert_contains serve.log "index run 2: added 1000,"

burst dingoword
sleep 0.3
_i=0
until curl -s "$base/api/search?q=dingoword&limit=1" | grep -q '"total":1000'; do
    _i=$((_i + 1))
    [ $_i -lt 100 ] || fail "1,000 edits not indexed within 10 s"
    sleep 0.1
done
sleep 2
health
assert_json out "j['index_runs'] == 3" "1,000 edits: one run"
assert_contains serve.log "index run 3: added 0, updated 1000,"

# never quiet: a change every 0.2 s still gets runs, at most 3 s after the
# first change of each: two within 7 s. A loaded machine (a sanitizer
# build beside other tests) may take longer over each run, so the changes
# go on, up to 30 s, until the second run; a debounce that waits for quiet
# makes none at all.
i=0
while [ $i -lt 150 ]; do
    printf -- '---\ntitle: Steady %s emuword\ndate: 2026-02-02\n---\n# S\n' $i > corpus/steady.md
    i=$((i + 1))
    sleep 0.2
    if [ $i -ge 35 ] && [ $((i % 5)) = 0 ]; then
        health
        python3 -c 'import json, sys; sys.exit(json.load(open("out"))["index_runs"] < 5)' && break
    fi
done
health
assert_json out "j['index_runs'] >= 5" "runs while changes never stop"
stop_serve
