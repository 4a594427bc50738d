#!/bin/sh
# t045 (issue 12 item 10): a postmortem with a pasted 4 MB log in which the
# searched word occurs 100,000 times is searched in under a second (FTS5's
# snippet() took a minute: its work grows with the square of the hits), and
# the snippet still marks the word.
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir pm
python3 - <<'PY'
lines = ["# Queue stall with a pasted worker log", "",
         "**Date**: 2026-05-06", "**Severity**: SEV3", "",
         "## Summary", "", "The worker stalled on every retry.", "",
         "## Log", "", "```"]
# 100,000 lines of ~40 bytes: 4 MB, "retry" on every line
lines += ["2026-05-06T10:%02d:%02d worker retry %06d failed" %
          (i // 60 % 60, i % 60, i) for i in range(100000)]
lines += ["```", ""]
open("pm/stall.md", "w").write("\n".join(lines))
PY
# 4 MB is over the 2 MiB default limit: this house style lets it be read
printf 'max_file_size: 8 MiB\n' > pm/hindsight.yml
hs index pm
assert_exit 0
# elapsed SECONDS-AS-FLOAT of "hindsight ARGS"
timed() {
    python3 - "$HINDSIGHT" "$@" <<'PY'
import subprocess, sys, time
t = time.monotonic()
p = subprocess.run(sys.argv[1:], stdout=open("out", "wb"), stderr=open("err", "wb"))
print("%.2f %d" % (time.monotonic() - t, p.returncode))
PY
}
for args in "search retry" "search --json retry" "search worker failed"; do
    set -- $(timed $args)
    last_cmd="hindsight $args"
    [ "$2" = 0 ] || fail "exit status $2"
    python3 -c "import sys; sys.exit(0 if float('$1') < 1.0 else 1)" ||
        fail "took $1 s (limit 1 s)"
done
hs search retry
assert_contains out "[retry]"
finish
