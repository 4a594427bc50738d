#!/bin/sh
# t068: report --out naming the index itself (--db, by any path to it)
# wrote the report over it, exit 0: the next search said the file was no
# hindsight index. It is refused (exit 2) and the index is left as it
# was; any other file is written as before.
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir pm
printf '# Pool exhausted\n\nDate: 2026-01-02\n\n## Action items\n\n- Raise the pool (owner: Sam, due 2026-02-01)\n' > pm/a.md
hs --db h.db index pm
assert_exit 0
cp h.db h.orig
ln -s h.db link.db
for out in h.db ./h.db link.db "$PWD/h.db"; do
    usage_error "--out '$out' is the index (--db): give another file" \
        --db h.db report overdue --as-of 2026-03-01 --out "$out"
    cmp -s h.db h.orig || fail "--out $out changed the index"
done
hs --db link.db report overdue --as-of 2026-03-01 --out h.db
assert_exit 2
cmp -s h.db h.orig || fail "--db link.db --out h.db changed the index"
hs --db h.db search pool
assert_exit 0
assert_contains out 'Pool exhausted'
hs --db h.db report overdue --as-of 2026-03-01 --out report.md
assert_exit 0
assert_contains report.md 'Raise the pool'

finish
