#!/bin/sh
# t852: index --jobs N (also --jobs=N and -j N) sets the threads that read
# and parse files, --verbose names how many were used (never more than
# there are files), and a bad number is a usage error.
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir md
cp "$CORPUS"/2024-0[1-3]-*.md md/
n=$(ls md | wc -l)

hs --db a.db index --verbose --jobs 3 md
assert_exit 0
assert_line out "added $n, updated 0, removed 0, unchanged 0, failed 0"
assert_contains err "read and parsed on 3 threads"
hs --db b.db index --verbose --jobs=2 md
assert_contains err "read and parsed on 2 threads"
hs --db c.db index --verbose -j 1 md
assert_contains err "read and parsed on 1 thread;"
hs --db d.db index --verbose --jobs 8 md/$(ls md | head -1)
assert_exit 0
assert_contains err "read and parsed on 1 thread;"
# the default: one per online CPU, as many as there are files at most
hs --db e.db index --verbose md
assert_exit 0
assert_contains err "read and parsed on "
# without --verbose nothing more is said
hs --db f.db index --jobs 2 md
assert_empty err

for bad in 0 65 -1 x ""; do
    hs --db g.db index --jobs "$bad" md
    assert_exit 2
    assert_contains err "--jobs needs a number of threads from 1 to 64"
done
hs --db g.db index md --jobs
assert_exit 2
[ ! -e g.db ] || fail "a usage error created the database"
finish
