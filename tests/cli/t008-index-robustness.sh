#!/bin/sh
# t008: index survives hostile files in one folder: an empty .md, a binary
# .md (NUL bytes), a 9 MiB .md, a Latin-1 .md, 200000 nested blockquotes,
# invalid YAML front matter, a deeply nested directory, a non-.md file and a
# hidden folder. Exit 1 (some files failed); "failed" equals the files that
# cannot be read (binary, huge), each named on stderr; every other .md is
# indexed and searchable; nothing else is picked up.
. "$REPO/tests/cli/lib.sh"

mkdir -p r/a/b/c/d/e/f/g/h r/.hidden
cp "$CORPUS/2024-07-16-payment-provider-outage.md" r/good.md
: >r/empty.md
printf '# Binary\n\000\001\002\003 zzbinaryzz \000\377' >r/binary.md
python3 - <<'PY'
line = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do\n"
with open("r/huge.md", "w") as f:
    f.write("# Huge\n\nzzhugezz\n\n")
    f.write(line * (9 * 1024 * 1024 // len(line) + 1))
with open("r/latin1.md", "wb") as f:
    f.write("# Panne du café à Zürich\n\n## Summary\nLe serveur zzlatinzz était "
            "arrêté; naïve retry.\n".encode("latin-1"))
with open("r/quotes.md", "w") as f:
    f.write("# Quotes\n\n" + ">" * 200000 + " zzquoteszz\n")
with open("r/badyaml.md", "w") as f:
    f.write("---\ntitle: [unclosed\nseverity: : :\n  - bad: indent\n\t tab\n---\n"
            "# Bad YAML front matter\n\n## Summary\nzzyamlzz text.\n")
with open("r/a/b/c/d/e/f/g/h/deep.md", "w") as f:
    f.write("# Deep file\n\n## Summary\nzzdeepzz in a nested folder.\n")
with open("r/notes.txt", "w") as f:
    f.write("# Not markdown\n\nzznotmdzz\n")
with open("r/.hidden/secret.md", "w") as f:
    f.write("# Hidden\n\nzzhiddenzz\n")
PY
size=$(wc -c <r/huge.md)
[ "$size" -gt $((9 * 1024 * 1024)) ] || fail "test data: huge.md is $size bytes"

hs index r
assert_exit 1
assert_line out "added 6, updated 0, removed 0, unchanged 0, failed 2"
assert_contains err "r/binary.md"
assert_contains err "r/huge.md"
# The files that were indexed may get a warning, never a failure.
for f in good.md empty.md latin1.md quotes.md badyaml.md a/b/c/d/e/f/g/h/deep.md; do
    if grep -F "r/$f" err | grep -qv -i warning; then
        fail "r/$f was indexed but stderr reports it as a failure"
    fi
done
[ "$(grep -c . err)" -le 4 ] || fail "more than 2 failures and 2 warnings on stderr"

hs show good
assert_exit 0
hs show empty
assert_exit 0
hs show --json badyaml
assert_exit 0
assert_json out 'j["title"] == "Bad YAML front matter"' "title of a file with bad YAML"
hs show --json latin1
assert_exit 0
assert_json out 'j["title"] == "Panne du café à Zürich"' "Latin-1 title read as text"
hs show a/b/c/d/e/f/g/h/deep
assert_exit 0
assert_contains out "Deep file"
for id in binary huge notes .hidden/secret; do
    hs show "$id"
    assert_exit 1
done

for word in zzlatinzz zzquoteszz zzyamlzz zzdeepzz café; do
    hs search --json "$word"
    assert_exit 0
    assert_json out 'j["total"] == 1' "search $word finds its one file"
done
for word in zzbinaryzz zzhugezz zznotmdzz zzhiddenzz; do
    hs search --json "$word"
    [ "$rc" = 0 ] || [ "$rc" = 2 ] || fail "search $word: exit $rc"
    [ "$rc" = 2 ] || assert_json out 'j["total"] == 0' "$word must not be indexed"
done

# The same run again: skipped files still count as failed, the rest unchanged.
hs index r
assert_exit 1
assert_line out "added 0, updated 0, removed 0, unchanged 6, failed 2"
