#!/bin/sh
# t007: hindsight never writes to the markdown files: the checksums, sizes and
# modification times of every file under corpus/ (indexed in place) and of a
# copy (indexed, edited, re-indexed with --full, shown, checked) are the same
# before and after, and no new files appear next to them.
. "$REPO/tests/cli/lib.sh"

# snapshot DIR: path, size, mtime (ns) and sha256 of every file under DIR.
snapshot() {
    python3 - "$1" <<'PY'
import hashlib, os, sys
root = sys.argv[1]
for d, dirs, files in sorted(os.walk(root)):
    dirs.sort()
    for f in sorted(files):
        p = os.path.join(d, f)
        st = os.stat(p)
        h = hashlib.sha256(open(p, "rb").read()).hexdigest()
        print(os.path.relpath(p, root), st.st_size, st.st_mtime_ns, h)
PY
}

snapshot "$CORPUS" >repo-before
cp -R "$CORPUS" c
snapshot c >copy-before

hs --db repo.db index "$CORPUS"
assert_exit 0
hs --db repo.db index --full "$CORPUS"
assert_exit 0
hs --db copy.db index c
assert_exit 0
echo "edited" >>c/2024-07-16-payment-provider-outage.md
snapshot c >copy-before
hs --db copy.db index c
assert_exit 0
hs --db copy.db index --full c
assert_exit 0
hs show --file c/2024-07-16-payment-provider-outage.md
assert_exit 0
hs --db copy.db show --json 2024-07-16-payment-provider-outage
assert_exit 0
hs check c "$CORPUS"
hs --db repo.db search pool
assert_exit 0

snapshot "$CORPUS" >repo-after
snapshot c >copy-after
diff repo-before repo-after >repo.diff || fail "corpus/ changed: $(cat repo.diff)"
diff copy-before copy-after >copy.diff || fail "the copy changed: $(cat copy.diff)"
