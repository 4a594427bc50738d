#!/bin/sh
# t046 (issue 12 item 9): tags and services are bounded per postmortem
# (HS_MAX_LABELS, 64; check warns about the rest) and the site's size is
# linear in the input: a tag page's filter lists the labels of its own
# postmortems, not every label of the site.
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir one
python3 - <<'PY'
tags = ",".join("tag%d" % k for k in range(300))
svcs = "\n".join("  - svc%d" % k for k in range(300))
open("one/many.md", "w").write(
    "---\ntitle: Many labels\ndate: 2026-01-02\nseverity: SEV3\n"
    "tags: [%s]\nservices:\n%s\n---\n# Many labels\n" % (tags, svcs))
PY
hs check one/many.md
assert_contains out "more than 64 tags; only the first 64 are kept"
assert_contains out "more than 64 services; only the first 64 are kept"
hs --db one.db index one
assert_exit 0
hs --db one.db show --json many
assert_json out 'len(j["tags"]) == 64 and len(j["services"]) == 64' \
    "64 tags and 64 services kept"
hs --db one.db site --out s1
assert_exit 0
checking "tag pages: one per kept tag"
n=$(ls s1/tag | wc -l)
[ "$n" -le 80 ] || fail "$n tag pages for 64 tags"

# n postmortems with 64 distinct tags each: twice the input, about twice
# the site (it was four times: every page listed every tag)
python3 - <<'PY'
import os
for n in (10, 20):
    os.makedirs("pm%d" % n)
    for i in range(n):
        open("pm%d/p%d.md" % (n, i), "w").write(
            "---\ntitle: P%d\ndate: 2026-01-%02d\ntags: [%s]\n---\n# P%d\n" %
            (i, i % 28 + 1, ",".join("t%d_%d" % (i, k) for k in range(64)), i))
PY
for n in 10 20; do
    hs --db d$n.db index pm$n
    assert_exit 0
    hs --db d$n.db site --out s$n
    assert_exit 0
done
a=$(du -sk s10 | cut -f1)
b=$(du -sk s20 | cut -f1)
checking "site size: $a KB for 10 postmortems, $b KB for 20"
[ $((b * 10)) -le $((a * 25)) ] || fail "site grows faster than its input"
finish
