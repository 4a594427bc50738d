#!/bin/sh
# t049: a page's file name fits the 255 bytes a file system allows. An id of
# 80 Japanese characters (a file name of 244 bytes), a front matter id of
# 1,000 bytes or a tag of 300 made a slug of 300 to 1,000 bytes: `site`
# stopped at the first such page ('cannot write 'pm/...' cut short, with no
# reason) and wrote none after it. Now a long slug keeps its first bytes
# and names the id by hash; serve finds the same pages by that name, and
# the web view's script computes the same links.
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir pm
python3 - <<'PY'
open("pm/" + "\u969c\u5bb3" * 40 + ".md", "w").write(
    "# Japanese name\n\nbody\n")
open("pm/long-id.md", "w").write(
    "---\nid: %s\ntitle: Long id\ndate: 2026-01-02\n---\n# Long id\n" %
    ("i" * 1000))
open("pm/long-id-2.md", "w").write(
    "---\nid: %sj\ntitle: Long id two\ndate: 2026-01-03\n---\n# Long id two\n" %
    ("i" * 999))
open("pm/labels.md", "w").write(
    "---\ntitle: Long labels\ndate: 2026-01-04\ntags: [%s]\n"
    "services: [%s]\n---\n# Long labels\n" % ("t" * 300, "s" * 240))
PY
hs --db pm.db index pm
assert_exit 0
hs --db pm.db site --out site
assert_exit 0
assert_empty err
checking "every page written, each name at most 255 bytes"
n=$(find site/pm -name '*.html' | wc -l)
assert_eq "$n" 4 "postmortem pages"
assert_eq "$(find site/tag -name 't*~~*.html' | wc -l)" 1 "the long tag's page"
assert_eq "$(find site/service -name 's*~~*.html' | wc -l)" 1 "the long service's page"
long=$(find site -name '*' | awk -F/ '{ if (length($NF) > 255) print }')
assert_eq "$long" "" "names over 255 bytes"

checking "every link of the site leads to a page it wrote"
python3 - site >links.out <<'PY'
import os, re, sys, urllib.parse
root = sys.argv[1]
for d, _, files in os.walk(root):
    for f in files:
        if not f.endswith(".html"):
            continue
        text = open(os.path.join(d, f), encoding="utf-8").read()
        for h in re.findall(r'href="([^"#?:]+\.html)"', text):
            p = os.path.normpath(os.path.join(d, urllib.parse.unquote(h)))
            if not os.path.exists(p):
                print("missing", os.path.join(d, f), h[:80])
PY
assert_empty links.out

start_serve --db pm.db
for page in $(cd site && find pm tag service -name '*.html'); do
    checking "serve answers $page as site wrote it"
    curl -s -o live.html -w '%{http_code}' "$base/$page" >code
    assert_eq "$(cat code)" 200 "status of $page"
    # the live page differs in its API marker and its link to the alerts
    sed -e 's/ data-api="1"//' -e '/href="[./]*alerts.html"/d' live.html |
        grep -v '^$' >live.cmp
    grep -v '^$' "site/$page" >static.cmp
    cmp -s live.cmp static.cmp || fail "live $page differs from site's"
done
checking "a long name no id has is a 404"
code=$(curl -s -o /dev/null -w '%{http_code}' \
    "$base/pm/iiiiiiiiii~~0123456789abcdef.html")
assert_eq "$code" 404 "status"
code=$(curl -s -o /dev/null -w '%{http_code}' \
    "$base/tag/tt~~0123456789abcdef.html")
assert_eq "$code" 404 "status"
# a name no slug has: an empty prefix would match every id
code=$(curl -s -o /dev/null -w '%{http_code}' \
    "$base/pm/~~0123456789abcdef.html")
assert_eq "$code" 404 "status"
long=$(python3 -c 'print("i" * 180)')
code=$(curl -s -o /dev/null -w '%{http_code}' \
    "$base/pm/$long~~0123456789abcdef.html")
assert_eq "$code" 404 "status"
stop_serve

# the script's slug() (links of rows it draws) is hs__slug's
if command -v node >/dev/null 2>&1; then
    checking "web/app.js slug() names the pages site wrote"
    sed -n '/^var SLUG_MAX/,/^function durText/p' "$REPO/web/app.js" |
        sed '$d' >slug.js
    cat >>slug.js <<'EOF'
var ids = ['\u969c\u5bb3'.repeat(40), 'i'.repeat(1000), 'i'.repeat(999) + 'j'];
ids.forEach(function (id) { console.log('pm/' + slug(id) + '.html'); });
console.log('tag/' + slug('t'.repeat(300)) + '.html');
EOF
    node slug.js >names.out 2>&1
    while read -r name; do
        [ -f "site/$name" ] || fail "app.js names $name, not written"
    done <names.out
fi
finish
