#!/bin/sh
# t976: a loop of links (a.md -> b.md -> a.md) and a link to nothing were
# named by `index` as "link leads out of the folder being indexed", which
# sent the user looking outside the folder for a target that was never
# there; each is now named with why it cannot be followed, by `index` and
# by `check`, and the rest of the folder is indexed. A link to the folder
# itself (self -> .) was named as leading out of it too; it is inside, and
# (a link to a folder) not followed, so not named.
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir pm
cp "$CORPUS/2024-07-16-payment-provider-outage.md" pm/real.md
ln -s loop2.md pm/loop1.md
ln -s loop1.md pm/loop2.md
ln -s nothing-here.md pm/dangling.md
ln -s . pm/self

hs index pm
assert_exit 0
assert_line out "added 1, updated 0, removed 0, unchanged 0, failed 0"
assert_contains err "pm/loop1.md': link cannot be followed: Too many levels of symbolic links"
assert_contains err "pm/loop2.md': link cannot be followed: Too many levels of symbolic links"
assert_contains err "pm/dangling.md': link cannot be followed: No such file or directory"
assert_not_contains err "leads out"

hs check pm
assert_exit 1
assert_contains out "pm/loop1.md: skipped: link cannot be followed"
assert_contains out "pm/dangling.md: skipped: link cannot be followed: No such file or directory"
assert_contains out "pm/real.md: ok"
finish
