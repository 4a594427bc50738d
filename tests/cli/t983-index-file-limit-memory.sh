#!/bin/sh
# t983: the file-size limit bounds what one file can cost. cmark-gfm spends
# about 180 bytes per byte of a file of one-character lines (8 MiB of them
# took 1.5 GB), so the limit is 2 MiB: a 3 MiB file of such lines is skipped
# with a message naming it, its neighbour is indexed, and the run stays far
# below the memory the file would have cost. A file just under the limit is
# indexed.
. "$REPO/tests/cli/lib.sh"

mkdir -p r
cp "$CORPUS/2024-07-16-payment-provider-outage.md" r/good.md
python3 - <<'PY'
with open("r/lines.md", "w") as f:
    f.write("# Lines\n\nzzlineszz\n\n" + "a\n" * (3 * 1024 * 1024 // 2))
with open("r/under.md", "w") as f:
    f.write("# Under\n\nzzunderzz\n\n" + ("lorem ipsum dolor sit amet " * 3 + "\n") * 20000)
PY
[ "$(wc -c <r/lines.md)" -gt $((3 * 1024 * 1024)) ] || fail "test data: lines.md too small"
[ "$(wc -c <r/under.md)" -lt $((2 * 1024 * 1024)) ] || fail "test data: under.md too big"

run /usr/bin/time -f '%M' -o rss "$HINDSIGHT" index r
assert_exit 1
assert_line out "added 2, updated 0, removed 0, unchanged 0, failed 1"
assert_contains err "r/lines.md"
assert_contains err "over the limit of 2097152"
rss=$(tail -n 1 rss)
[ "$rss" -lt 200000 ] || fail "index of a 3 MiB file of short lines peaked at $rss KB"
hs search zzunderzz
assert_exit 0
assert_contains out "under"
