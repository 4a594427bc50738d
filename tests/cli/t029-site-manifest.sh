#!/bin/sh
# t029: site removes only files it wrote. A non-empty folder that no site
# run wrote is refused (exit 1, naming --force) and left untouched; with
# --force the site is written beside the folder's own files, and neither
# that run nor a later one deletes them (even .html files under pm/, tag/,
# service/). A removed postmortem's page, which site wrote, is deleted.
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir c
cp "$CORPUS"/2024-0*.md c/
hs index c
assert_exit 0

mkdir -p mine/pm mine/tag mine/service
echo '<p>my notes</p>' >mine/pm/notes.html
echo '<p>my tag</p>' >mine/tag/mine.html
echo '<p>my service</p>' >mine/service/mine.html
echo 'keep me' >mine/README.txt
hs site --out mine
assert_exit 1
assert_contains err "--force"
[ ! -e mine/index.html ] || fail "site wrote into a folder it refused"
hs site --out mine --force
assert_exit 0
for f in pm/notes.html tag/mine.html service/mine.html README.txt; do
    [ -f "mine/$f" ] || fail "site --force deleted mine/$f"
done
[ -s mine/index.html ] || fail "site --force wrote no index.html"
[ -f mine/.hindsight-site ] || fail "no manifest"
assert_not_contains mine/.hindsight-site "notes.html"

# a later run (no --force needed) deletes a gone postmortem's page only
gone=$(ls c | head -1)
rm "c/$gone"
hs index c
hs site --out mine
assert_exit 0
[ ! -e "mine/pm/${gone%.md}.html" ] || fail "the removed postmortem's page is still there"
for f in pm/notes.html tag/mine.html service/mine.html README.txt; do
    [ -f "mine/$f" ] || fail "a second site run deleted mine/$f"
done

# a fresh folder and an empty one are fine; a folder like / is refused
hs site --out fresh
assert_exit 0
mkdir empty
hs site --out empty
assert_exit 0
mkdir other
echo x >other/x.html
hs site --out other
assert_exit 1
hs site --out /
assert_exit 1
assert_contains err "not written by 'hindsight site'"
hs site --out fresh
assert_exit 0
assert_contains out "0 written"
finish
