#!/bin/sh
# t802: one set of lines for every fact. check names the headings it does
# not recognise with their line (front matter counted, as sources count
# it); show --explain and show --json's sources give the same lines; the
# web view's facts panel shows each fact's line and rule from the same
# sources.
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir pm
cat >pm/disk.md <<'MD'
---
title: Disk full on db-1
---
- **Date**: 2024-01-02
- **Severity**: SEV2
- **Time to repair**: 0h 16m
- **Key events**
  - 13:00 alert fires
  - 13:16 disk cleaned
- **Review actions**
  - [ ] Add a disk alert

## Fishbone

Nobody rotated the logs.

**Root cause**

Log rotation was disabled by a config push.
MD

hs check pm
assert_contains out "pm/disk.md:13: note: section name not recognised: 'Fishbone'"
assert_not_contains out "'Root cause'"
assert_not_contains out "'Key events'"

hs show --json --file pm/disk.md
assert_json out 'j["sources"]["duration_minutes"] == {"line": 6, "rule": "field '"'"'Time to repair'"'"'"}' \
    "a bullet field's line and rule"
assert_json out 'j["sources"]["root_cause"] == {"line": 17, "rule": "section '"'"'Root cause'"'"'"}' \
    "a bold-line section's line"
assert_json out 'j["sources"]["timeline"]["line"] == 7 and j["sources"]["action_items"]["line"] == 10' \
    "bullet sections' lines"
assert_json out 'j["duration_minutes"] == 16 and len(j["timeline"]) == 2 and len(j["action_items"]) == 1 and j["severity"] == "SEV2"' \
    "the facts of the bullet-field style"

hs show --explain --file pm/disk.md
assert_contains out "duration_minutes   pm/disk.md:6  field 'Time to repair'"
assert_contains out "root_cause         pm/disk.md:17  section 'Root cause'"

hs index pm
assert_exit 0
hs site --out site
assert_exit 0
page=site/pm/disk.html
[ -f $page ] || fail "no page $page"
grep -q "line 6 · field &#39;Time to repair&#39;" $page ||
    fail "the facts panel shows the duration's line and rule"
grep -q "line 17 · section &#39;Root cause&#39;" $page ||
    fail "the facts panel shows the root cause's line and rule"
grep -q "line 4 · field &#39;Date&#39;" $page ||
    fail "the facts panel shows the date's line and rule"
finish
