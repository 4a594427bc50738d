#!/bin/sh
# t009: pathological nesting does not make indexing slow: 100000 nested list
# markers on one line ("- - - ... item"), 2000 ever more indented bullet
# lines and 50000 nested "> - " blockquote/list pairs each index within 20
# seconds (cmark-gfm itself parses them in milliseconds; STYLE.md asks for
# cmark's pathological cases), and their text is then searchable.
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir p
python3 - <<'PY'
with open("p/lists.md", "w") as f:
    f.write("# Nested lists\n\n" + "- " * 100000 + "zzlistszz\n")
with open("p/indented.md", "w") as f:
    f.write("# Indented lists\n\n")
    for i in range(2000):
        f.write("  " * i + "- zzindentedzz\n")
with open("p/mixed.md", "w") as f:
    f.write("# Mixed\n\n" + "> - " * 50000 + "zzmixedzz\n")
PY

# indented.md is 4 MB, over the 2 MiB default limit: this house style
# lets it be read
printf 'max_file_size: 8 MiB\n' > p/hindsight.yml
indexed=
for f in lists indented mixed; do
    mkdir "one-$f"
    cp "p/$f.md" p/hindsight.yml "one-$f/"
    run timeout 20 "$HINDSIGHT" --db "$f.db" index "one-$f"
    if [ "$rc" = 124 ]; then
        fail "index of $f.md took over 20 seconds"
        continue
    fi
    assert_exit 0
    assert_line out "added 1, updated 0, removed 0, unchanged 0, failed 0" &&
        indexed="$indexed $f"
done

run timeout 20 "$HINDSIGHT" show --json --file p/indented.md
assert_exit 0
assert_json out 'j["title"] == "Indented lists"' "title of the indented list file"

for f in $indexed; do
    hs --db "$f.db" search --json "zz${f}zz"
    assert_exit 0
    assert_json out 'j["total"] == 1' "text of $f.md searchable"
done
finish
