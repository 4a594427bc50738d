#!/bin/sh
# t064 (issue 16): site's memory does not grow with the library's text. It
# keeps a short row per postmortem and whole records only for a batch of
# pages, and writes search-index.js and data/rows.js a piece at a time; it
# held every record and its related list as jansson values (540 MB at
# 50,000 postmortems). Over corpus/ and 5,000 generated postmortems under a
# limit of 80 MB of address space: the build that held every record needed
# about 110 MB here and failed ("out of memory", exit 134); this one needs
# about 40 MB. A re-run under the limit compares search-index.js and
# data/rows.js with the files there a piece at a time, and rewrites none.
. "$REPO/tests/cli/lib.sh"
# ASan maps terabytes of shadow memory: no address-space limit fits it
if grep -q __asan_init "$HINDSIGHT" 2> /dev/null; then
    skip "the binary is built with ASan"
fi
shared_index 5000
# one malloc arena: under ulimit -v a thread's own arena cannot be mapped,
# and glibc tried again on every allocation (45 s of system time)
MALLOC_ARENA_MAX=1
export MALLOC_ARENA_MAX
checking "site under ulimit -v 80 MB"
run sh -c 'ulimit -v 81920 && exec "$HINDSIGHT" site --out small --as-of 2026-11-24'
assert_exit 0
assert_contains out " written, 0 unchanged, 0 removed"
[ "$(ls small/pm | wc -l)" -eq 5044 ] ||
    fail "want 5044 postmortem pages, got $(ls small/pm | wc -l)"
grep -q '"docs":\[{"id"' small/search-index.js || fail "no search index"
checking "a re-run under the limit rewrites nothing"
run sh -c 'ulimit -v 81920 && exec "$HINDSIGHT" site --out small --as-of 2026-11-24'
assert_exit 0
assert_contains out " 0 written, "
assert_contains out " unchanged, 0 removed"
