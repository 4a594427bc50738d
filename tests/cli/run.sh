#!/bin/sh
# tests/cli/run.sh: run the CLI tests, tests/cli/tNNN-*.sh.
#
# Each test runs with HINDSIGHT (absolute path of the binary) and REPO (the
# repository root) exported, in its own fresh temp dir as cwd (removed after),
# under `timeout 120`. Exit 0 passes, 77 skips (the test's last output line
# is the reason), anything else fails and the test's output is shown.
#
#   HINDSIGHT=$PWD/build/hindsight sh tests/cli/run.sh [t001 t005 ...]
#
# (`make cli-test` does this.) Arguments select tests by name prefix.
set -u

here=$(cd "$(dirname "$0")" && pwd)
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
limit=${CLI_TEST_TIMEOUT:-120}
if command -v timeout >/dev/null 2>&1; then
    with_timeout="timeout -k 10 $limit"
else
    with_timeout=
fi

tmp=${TMPDIR:-/tmp}
logdir=$(mktemp -d "$tmp/hindsight-cli-logs.XXXXXX") || exit 2
dir=
trap 'rm -rf "$logdir"; [ -z "$dir" ] || { chmod -R u+rwX "$dir"; rm -rf "$dir"; } 2>/dev/null' EXIT
trap 'exit 130' INT TERM

passed=0
failed=0
skipped=0
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
    dir=$(mktemp -d "$tmp/hindsight-$name.XXXXXX") || exit 2
    log=$logdir/$name.log
    (cd "$dir" && exec $with_timeout sh "$t") >"$log" 2>&1 </dev/null
    status=$?
    chmod -R u+rwX "$dir" 2>/dev/null
    rm -rf "$dir"
    dir=
    case $status in
    0)
        echo "ok $name"
        passed=$((passed + 1))
        ;;
    77)
        reason=$(tail -n 1 "$log")
        echo "skip $name: ${reason:-no reason given}"
        skipped=$((skipped + 1))
        ;;
    *)
        echo "FAIL $name"
        if [ $status = 124 ] || [ $status = 137 ]; then
            echo "  timed out after ${limit}s"
        else
            echo "  exit status $status"
        fi
        sed 's/^/  /' "$log"
        failed=$((failed + 1))
        ;;
    esac
done

echo "$passed passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ]
