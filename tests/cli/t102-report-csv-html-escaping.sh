#!/bin/sh
# t102: CSV is RFC 4180 (python's csv module reads back commas, quotes and
# newlines in an action exactly, CRLF line ends, one row per item) and the
# HTML report escapes whatever the markdown contained (<script>, quotes,
# ampersands); --owner filters case-insensitively; --out writes a file.
. "$REPO/tests/cli/lib.sh"

mkdir pm
cat > pm/hostile.md <<'MD'
# Hostile <script>alert(1)</script> & "quotes"

**Date**: 2026-01-10
**Severity**: SEV2

## Root Cause

Something <b>bold</b>.

## Action Items

| Action | Owner | Due | Status |
|---|---|---|---|
| Fix "the, thing" <script>x()</script> | Zoë O'Neil | 2026-01-12 | Open |
| Plain item | zoë o'neil | 2026-01-13 | TODO |
| Done item | Ann | 2026-01-01 | Done |
MD
printf '%s\n' '' '## Follow-up' '' '- [ ] Multi' '  line, "quoted" action — @sam, due 2026-01-05' >> pm/hostile.md
hs index pm
assert_exit 0
hs report overdue --as-of 2026-02-01 --format csv
assert_exit 0
python3 - <<'PY' || fail "CSV does not read back"
import csv, io, sys
raw = open("out", "rb").read()
assert b"\r\n" in raw and raw.count(b"\r\n") >= 4, "CRLF line ends"
rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
head = rows[0]
assert head[:6] == ["section", "action", "owner", "due", "status", "days_overdue"], head
over = [r for r in rows[1:] if r[0] == "overdue"]
acts = sorted(r[1] for r in over)
assert 'Fix "the, thing" <script>x()</script>' in acts, acts
assert any("Multi" in a and '"quoted"' in a for a in acts), acts
assert "Done item" not in acts
fix = [r for r in over if r[1].startswith("Fix")][0]
assert fix[2] == "Zoë O'Neil" and fix[5] == "20", fix
PY
hs report overdue --as-of 2026-02-01 --format html --out report.html
assert_exit 0
assert_empty out
assert_contains report.html "&lt;script&gt;x()&lt;/script&gt;"
assert_not_contains report.html "<script>"
assert_contains report.html "&quot;the, thing&quot;"
assert_contains report.html "<!DOCTYPE html>"
hs report overdue --as-of 2026-02-01 --owner "ZOË O'NEIL" --format json
assert_exit 0
assert_json out "len(j['overdue']) == 2 and all(i['owner'].lower() == \"zoë o'neil\" for i in j['overdue'])" "owner filter"
hs report overdue --as-of 2026-02-01 --format md
assert_exit 0
assert_contains out "Fix \"the, thing\""
