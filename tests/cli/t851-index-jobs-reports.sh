#!/bin/sh
# t851: problems are reported the same on several threads as on one, in
# file order: id conflicts between two folders of the same layout (the
# later file gets its folder's name in front), a front matter id held
# twice, a binary file, a link out of the folder, an empty file, and the
# same counts and exit status (1: a file failed).
. "$REPO/tests/cli/lib.sh"
keep_going
command -v sqlite3 >/dev/null 2>&1 || skip "no sqlite3 shell"

mkdir -p md/a md/b md/c
for d in a b; do
    cp "$CORPUS"/2024-0[1-6]-*.md md/$d/
done
printf -- '---\nid: same\ntitle: One\n---\n# One\n\nSummary: x\n' >md/c/1.md
printf -- '---\nid: same\ntitle: Two\n---\n# Two\n\nSummary: y\n' >md/c/2.md
printf 'bin\000ary\n' >md/c/3-binary.md
: >md/c/4-empty.md
echo secret >outside.md
ln -s ../../outside.md md/c/5-link.md
ln -s ../../outside.md md/a/0-link.md
n=$(find md -name '*.md' | wc -l)

for j in 1 4; do
    hs --db j$j.db index --jobs $j md/a md/b md/c
    assert_exit 1
    cp out out$j
    cp err err$j
done
assert_contains err1 "gets the id 'b/"
assert_contains err1 "binary file"
assert_contains err1 "link leads out"
cmp -s out1 out4 || fail "counts differ: $(cat out1) / $(cat out4)"
cmp -s err1 err4 || fail "stderr differs: $(diff err1 err4 | head -8)"
for j in 1 4; do
    sqlite3 j$j.db "SELECT rowid, id, path, hash, record FROM postmortems
                    ORDER BY rowid" >d$j
done
cmp -s d1 d4 || fail "the databases differ: $(diff d1 d4 | head -5)"
assert_contains d1 "|same|"
assert_contains d1 "|c/same|"
assert_contains out1 "failed 1"
finish
