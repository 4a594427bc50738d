#!/bin/sh
# t882: dates and severities in forms other teams write: a day-month-year
# with dashes, the first date of the prose when no field or title gives
# one (a 'Published:' line is the write-up's day), a year before 1970, a
# severity written as its own section, and 'a P1 incident' in prose but
# not a vendor's P1 ticket.
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir pm
printf '# A\n\nIncident date: 4-Mar-2026\n' >pm/a.md
printf '# B\n\nPublished: 2026-03-10\n\nOn March 4, 2026 the API failed for everyone.\n' >pm/b.md
printf -- '---\nstart_time: 1969-07-20T20:08:55Z\n---\n\nThe guidance computer overloaded.\n' >pm/c.md
printf '# D\n\n## Severity\n\nHigh\n\n## Summary\n\nText.\n' >pm/d.md
printf '# E\n\nWe declared a P1 incident at noon.\n' >pm/e.md
printf '# F\n\nWe opened a P1 ticket with the vendor.\n' >pm/f.md

for f in a:2026-03-04 b:2026-03-04 c:1969-07-20; do
    hs show --json --file "pm/${f%%:*}.md"
    assert_json out "j['date'] == '${f#*:}'" "pm/${f%%:*}.md is dated ${f#*:}"
done
for f in d:SEV2 e:SEV1; do
    hs show --json --file "pm/${f%%:*}.md"
    assert_json out "j['severity'] == '${f#*:}'" "pm/${f%%:*}.md is ${f#*:}"
done
hs show --json --file pm/f.md
assert_json out 'j["severity"] is None' "a ticket's priority is no severity"
finish
