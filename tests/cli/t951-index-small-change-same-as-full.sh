#!/bin/sh
# t951: an index run after a small change (one file edited, one added, one
# deleted; then ten edited; then one whose facts did not change) leaves
# every table as a fresh full index of the same files has it, row for row:
# the records, the full-text rows and terms, term_df (moved by deltas),
# the related lists, the families (written where they changed) and the
# cache of each postmortem's related terms (reused for unchanged facts).
. "$REPO/tests/cli/lib.sh"
command -v sqlite3 > /dev/null || skip "the sqlite3 shell is not installed"

index_copy 300
set -- $(find corpus -name '*.md' | sort)
[ $# -gt 300 ] || fail "want more than 300 files, have $#"

edit_summary "$5" "The replica in zone b was rebuilt from a snapshot."
cp "$7" corpus/gen/2031-01-02-added.md
edit_summary corpus/gen/2031-01-02-added.md "A second region took the load."
rm "$9"
hs index corpus
assert_exit 0
assert_contains out "added 1, updated 1, removed 1"
same_as_full "one edited, one added, one deleted"

i=0
for f in $(find corpus -name '*.md' | sort | sed -n '20,29p'); do
    edit_summary "$f" "Follow-up $i: the pager rotation was checked."
    i=$((i + 1))
done
hs index corpus
assert_exit 0
assert_contains out "updated 10"
same_as_full "ten edited"

# a file whose facts stay the same (a line added to its end)
printf '\nA note added after review.\n' >> "$(find corpus -name '*.md' | sort | sed -n 40p)"
hs index corpus
assert_exit 0
assert_contains out "updated 1"
same_as_full "one edited outside its facts"

# a full run rebuilds the cache as well, the same
hs index --full corpus
assert_exit 0
same_as_full "index --full"
