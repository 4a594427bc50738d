#!/bin/sh
# t058: a snippet shows at most a bounded piece of one word, and of the
# text between two words. A postmortem with a pasted 1 MB token (a base64
# blob, a minified line), a 1 MB run of dashes between two words or 1 MB of
# punctuation at its end gave a snippet of 1 MB: search printed it to the
# terminal, and a page of /api/search of such postmortems was 100 MB. The
# match is still marked, and the cut says so with the ellipsis.
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir pm
python3 - <<'PY'
big = "x" * 1000000
open("pm/word.md", "w").write("# Big word\n\nbefore " + big + " tail pool\n")
open("pm/gap.md", "w").write("# Big gap\n\npool " + "-" * 1000000 + " leak here\n")
open("pm/end.md", "w").write("# Big end\n\nthe pool leaked " + "!" * 1000000 + "\n")
open("pm/hit.md", "w").write("# Big hit\n\nbefore pool" + "y" * 1000000 + " after\n")
PY
hs index pm
assert_exit 0

for q in pool leak "pool*"; do
    run "$HINDSIGHT" search --json "$q"
    assert_exit 0
    assert_json out 'j["total"] >= 1 and all(len(r["snippet"]) < 2000 for r in j["results"])' \
        "'$q': every snippet is short"
    assert_json out 'all("<mark>" in r["snippet"] and "</mark>" in r["snippet"] for r in j["results"])' \
        "'$q': every snippet marks its match"
done
run "$HINDSIGHT" search --json pool
assert_json out '[r["snippet"] for r in j["results"] if r["id"] == "word"][0].endswith("… tail <mark>pool</mark>")' \
    "the long word is cut, with an ellipsis"
run "$HINDSIGHT" search pool
assert_exit 0
n=$(wc -c < out)
[ "$n" -lt 4000 ] || fail "search printed $n bytes for four short results"
finish
