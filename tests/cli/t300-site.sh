#!/bin/sh
# t300: site --out DIR over corpus/ writes the index, a page per postmortem,
# per tag and per service, actions, trends, the search index and the assets;
# every link is relative and no page loads anything from the network; a
# second run rewrites nothing; after one postmortem changes only the pages
# that show it are rewritten; a removed postmortem's page is deleted; usage
# errors exit 2.
. "$REPO/tests/cli/lib.sh"

index_copy
hs site
assert_exit 2
hs site --out site --bogus
assert_exit 2
hs site --out site --as-of 2026-11-24
assert_exit 0
assert_contains out "written"
for f in index.html actions.html trends.html tags.html services.html \
    search-index.js web/style.css web/app.js \
    pm/2024-02-29-leap-day-settlement-batch-failure.html tag/database.html \
    service/payment-api.html; do
    [ -s "site/$f" ] || fail "site/$f is missing or empty"
done
n=$(ls site/pm | wc -l)
[ "$n" -eq 44 ] || fail "want 44 postmortem pages, got $n"
# nothing is loaded from elsewhere: no absolute src/href to a stylesheet or
# script, no protocol-relative URL, no url() in CSS pointing outside
if grep -rEl '(src|srcset)="(https?:)?//' site > bad.txt || \
    grep -rEl '<link[^>]+href="(https?:)?//' site >> bad.txt || \
    grep -rEl 'url\((["'"'"']?)(https?:)?//' site/web >> bad.txt; then
    fail "pages load from the network: $(cat bad.txt)"
fi
# links between pages are relative and point at files that exist
python3 - <<'PY' || fail "broken or absolute internal links"
import os, re, sys
bad = []
for dirpath, _, files in os.walk("site"):
    for f in files:
        if not f.endswith(".html"):
            continue
        path = os.path.join(dirpath, f)
        html = open(path, encoding="utf-8").read()
        for href in re.findall(r'(?:href|src)="([^"#]+)', html):
            if re.match(r"[a-z]+:", href) or href.startswith("//"):
                continue  # external links written by authors, not loaded
            if href.startswith("/"):
                bad.append((path, href)); continue
            target = os.path.normpath(os.path.join(dirpath, href))
            if not os.path.exists(target):
                bad.append((path, href))
print("\n".join("%s: %s" % b for b in bad[:10]))
sys.exit(1 if bad else 0)
PY
assert_contains site/pm/2026-11-19-payment-api-connection-pool-exhausted.html "Similar past incidents"
assert_contains site/actions.html "overdue"
assert_contains site/trends.html "<svg"
assert_contains site/search-index.js "window.HINDSIGHT_INDEX"

hs site --out site --as-of 2026-11-24
assert_exit 0
assert_contains out "0 written"

printf '\nAn extra closing line.\n' >> corpus/2024-02-29-leap-day-settlement-batch-failure.md
hs index corpus
hs site --out site --as-of 2026-11-24
assert_exit 0
written=$(sed -n 's/.* \([0-9]*\) written.*/\1/p' out)
[ "$written" -ge 1 ] && [ "$written" -le 10 ] ||
    fail "one changed postmortem rewrote $written files"

rm corpus/2024-02-29-leap-day-settlement-batch-failure.md
hs index corpus
hs site --out site --as-of 2026-11-24
assert_exit 0
[ ! -e site/pm/2024-02-29-leap-day-settlement-batch-failure.html ] ||
    fail "the removed postmortem's page is still there"
assert_contains out "removed"
