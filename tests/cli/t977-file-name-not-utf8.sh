#!/bin/sh
# t977: a postmortem whose file name is not UTF-8 ('inv\377alid.md').
# Its record was stored with "id": null and "path": null (the JSON cannot
# hold those bytes): `search --json` counted it in "total" and left it out
# of "results", `show --json` had no id, and `site` crashed (SIGSEGV,
# sorting ids). The bytes now read as U+FFFD in the id and the path.
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir pm
name=$(printf 'inv\377alid')
printf '# Invalid name\n\n## Root cause\n\nThe disk filled.\n' > "pm/$name.md"
cp "$CORPUS/2024-07-16-payment-provider-outage.md" pm/real.md

hs index pm
assert_exit 0
assert_line out "added 2, updated 0, removed 0, unchanged 0, failed 0"

hs search --json disk filled
assert_exit 0
assert_json out 'j["total"] == len(j["results"])' "total and results agree"
assert_json out 'any(r["id"] == "inv\ufffdalid" for r in j["results"])' "id"

hs show --json "$(printf 'inv\357\277\275alid')"
assert_exit 0
assert_json out 'j["id"] == "inv\ufffdalid" and j["path"] == "pm/inv\ufffdalid.md"' "record"

hs site --out site
assert_exit 0
assert_contains out "written"
finish
