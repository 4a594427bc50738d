#!/bin/sh
# t881: durations as unseen house styles write them, each with the rule
# that found it: start and end of impact as clock fields, an impact
# window with a dash, a hedged length, a window across midnight with its
# dates, and a timeline from the first failure to working again.
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir pm
printf '# A\n\n**Start of impact:** 14:02 UTC\n**End of impact:** 15:10 UTC\n' >pm/a.md
printf '# B\n\n## Impact\n\nLogins failed 22:50-00:10 UTC.\n' >pm/b.md
printf '# C\n\nThe outage lasted roughly 3 hours.\n' >pm/c.md
printf '# D\n\nCheckout failed between 2023-01-02 22:10 and 2023-01-03 01:05 UTC.\n' >pm/d.md
printf '# E\n\n## Timeline\n\n- 09:10 builds start failing\n- 09:40 rollback\n- 10:25 builds work again\n' >pm/e.md

for f in a:68 b:80 c:180 d:175 e:75; do
    hs show --json --file "pm/${f%%:*}.md"
    assert_exit 0
    assert_json out "j['duration_minutes'] == ${f#*:}" "pm/${f%%:*}.md lasts ${f#*:} minutes"
    assert_json out "'rule' in j['sources']['duration_minutes']" "pm/${f%%:*}.md names its rule"
done
hs show --json --file pm/a.md
assert_json out 'j["sources"]["duration_minutes"]["rule"] == "stated start and end"'
finish
