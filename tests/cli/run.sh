#!/bin/sh
# tests/cli/run.sh: run the CLI tests, tests/cli/tNNN-*.sh.
#
# Each test runs with HINDSIGHT (absolute path of the binary) and REPO (the
# repository root) exported, in its own fresh temp dir as cwd (removed after),
# under `timeout 300` (CLI_TEST_TIMEOUT; a guard against a hung test, with
# room for a loaded machine: t501 took 120 s beside another test there).
# Exit 0 passes, 77 skips (the test's last output line is the reason),
# anything else fails and the test's output is shown.
#
#   HINDSIGHT=$PWD/build/hindsight sh tests/cli/run.sh [t001 t005 ...]
#
# (`make cli-test` does this.) Arguments select tests by name prefix.
#
# CLI_JOBS tests run side by side (default: twice the number of cores:
# most of a test's time is waits on servers, debounces and timeouts, and
# two at a time on two cores left the CPU idle for more than half of the
# run); the results are printed in test-name order with each test's
# seconds, whatever order the tests end in. A test with a line starting `# cli: serial` (and
# saying why) runs alone, after the others: one that times a server under a
# load it makes would measure its neighbours too. Tests with a line
# `# cli: long` (the slowest, 10 s and more) start first, so that the pool
# does not end with one long test running alone.
set -u

here=$(cd "$(dirname "$0")" && pwd)

# One test: `run.sh --one LOGDIR TEST`, as the pool below calls it. Writes
# LOGDIR/NAME.log (the output), then LOGDIR/NAME.res ("STATUS SECONDS"),
# last, so that a .res file means the test is over. Stopped (INT, TERM),
# it stops the test: `timeout` passes the signal to the test's processes.
if [ "${1:-}" = --one ]; then
    logdir=$2
    t=$3
    name=$(basename "$t" .sh)
    dir=$(mktemp -d "${TMPDIR:-/tmp}/hindsight-$name.XXXXXX") || {
        echo "2 0" >"$logdir/$name.res"
        exit 0
    }
    child=
    trap '{ chmod -R u+rwX "$dir"; rm -rf "$dir"; } 2>/dev/null' EXIT
    trap '[ -z "$child" ] || kill -TERM $child 2>/dev/null; wait; exit 130' INT TERM
    start=$(date +%s.%N)
    # in the background, so that a signal is handled at once, not after
    # the test; without timeout(1), the test is the child itself
    (cd "$dir" && exec $CLI_WITH_TIMEOUT sh "$t") >"$logdir/$name.log" 2>&1 </dev/null &
    child=$!
    echo $$ >"$logdir/$name.pid"
    wait $child
    status=$?
    end=$(date +%s.%N)
    secs=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }')
    echo "$status $secs" >"$logdir/$name.tmp" && mv "$logdir/$name.tmp" "$logdir/$name.res"
    exit 0
fi

REPO=${REPO:-$(cd "$here/../.." && pwd)}
REPO=$(cd "$REPO" && pwd)
HINDSIGHT=${HINDSIGHT:-$REPO/build/hindsight}
case $HINDSIGHT in
/*) ;;
*) HINDSIGHT=$(pwd)/$HINDSIGHT ;;
esac
export HINDSIGHT REPO
unset HINDSIGHT_DB

if [ ! -x "$HINDSIGHT" ]; then
    echo "run.sh: '$HINDSIGHT' is not an executable; run make first" >&2
    exit 2
fi
limit=${CLI_TEST_TIMEOUT:-300}
if command -v timeout >/dev/null 2>&1; then
    CLI_WITH_TIMEOUT="timeout -k 10 $limit"
else
    CLI_WITH_TIMEOUT=
fi
export CLI_WITH_TIMEOUT
cores=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
jobs=${CLI_JOBS:-$((2 * cores))}
case $jobs in
'' | *[!0-9]* | 0)
    echo "run.sh: CLI_JOBS must be a number of tests at a time, 1 or more" >&2
    exit 2
    ;;
esac

tmp=${TMPDIR:-/tmp}
logdir=$(mktemp -d "$tmp/hindsight-cli-logs.XXXXXX") || exit 2
# what tests share within this run (lib.sh's shared_index), removed with it
HS_CLI_SHARED=$logdir/shared
mkdir "$HS_CLI_SHARED" || exit 2
export HS_CLI_SHARED

# The tests start python3 for every JSON check (assert_json, json_get) and
# for scripts of their own, some 900 times a run. Where python3 on the
# PATH is a wrapper that picks a version at each start (pyenv's and asdf's
# shims are shell scripts that run more programs), that took 0.4-0.7 s a
# start on a loaded machine, more than the check itself. The interpreter it
# picks is asked once, here, and comes first on the PATH as python3: the
# tests run the same python3, without the wrapper.
if py=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null) &&
    [ -x "$py" ]; then
    mkdir "$logdir/bin" && ln -s "$py" "$logdir/bin/python3" &&
        PATH=$logdir/bin:$PATH && export PATH
fi
pool=
# stopped: stop the pool and every test still running (their .pid files)
stop_all() {
    [ -z "$pool" ] || { kill $pool 2>/dev/null; wait $pool; }
    for f in "$logdir"/*.pid; do
        [ -f "$f" ] || continue
        [ -f "${f%.pid}.res" ] || kill -TERM "$(cat "$f")" 2>/dev/null
    done
    wait
}
trap 'rm -rf "$logdir"' EXIT
trap 'stop_all; exit 130' INT TERM

# The selected tests, in name order: all of them in $logdir/all, the ones
# that may share the machine in $logdir/pool (long ones first), the others
# in $logdir/serial.
: >"$logdir/all"
: >"$logdir/long"
: >"$logdir/short"
: >"$logdir/serial"
for t in "$here"/t[0-9][0-9][0-9]-*.sh; do
    [ -f "$t" ] || continue
    name=$(basename "$t" .sh)
    if [ $# -gt 0 ]; then
        wanted=no
        for pat in "$@"; do
            case $name in "$pat"*) wanted=yes ;; esac
        done
        [ $wanted = yes ] || continue
    fi
    echo "$t" >>"$logdir/all"
    if grep -q '^# cli: serial' "$t"; then
        echo "$t" >>"$logdir/serial"
    elif grep -q '^# cli: long' "$t"; then
        echo "$t" >>"$logdir/long"
    else
        echo "$t" >>"$logdir/short"
    fi
done
cat "$logdir/long" "$logdir/short" >"$logdir/pool"

# The pool, then the serial tests one at a time, in the background; the
# loop below prints each result once every test before it has one.
(
    x=
    trap '[ -z "$x" ] || kill $x 2>/dev/null; exit 143' TERM
    xargs -P "$jobs" -I{} sh "$here/run.sh" --one "$logdir" {} <"$logdir/pool" &
    x=$!
    wait $x
    xargs -I{} sh "$here/run.sh" --one "$logdir" {} <"$logdir/serial" &
    x=$!
    wait $x
    : >"$logdir/pool.done"
) &
pool=$!

passed=0
failed=0
skipped=0
while read -r t; do
    name=$(basename "$t" .sh)
    while [ ! -f "$logdir/$name.res" ]; do
        if [ -f "$logdir/pool.done" ] && [ ! -f "$logdir/$name.res" ]; then
            # xargs stopped early (its command was killed): never ran
            echo "not run" >"$logdir/$name.log"
            echo "2 0" >"$logdir/$name.res"
            break
        fi
        sleep 0.2
    done
    read -r status secs <"$logdir/$name.res"
    log=$logdir/$name.log
    case $status in
    0)
        echo "ok $name ($secs s)"
        passed=$((passed + 1))
        ;;
    77)
        reason=$(tail -n 1 "$log")
        echo "skip $name: ${reason:-no reason given}"
        skipped=$((skipped + 1))
        ;;
    *)
        echo "FAIL $name ($secs s)"
        if [ "$status" = 124 ] || [ "$status" = 137 ]; then
            echo "  timed out after ${limit}s"
        else
            echo "  exit status $status"
        fi
        [ ! -f "$log" ] || sed 's/^/  /' "$log"
        failed=$((failed + 1))
        ;;
    esac
done <"$logdir/all"
wait $pool
pool=

echo "$passed passed, $failed failed, $skipped skipped ($jobs at a time)"
[ $failed -eq 0 ]
