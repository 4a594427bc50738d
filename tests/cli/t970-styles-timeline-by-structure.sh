#!/bin/sh
# t970: house styles whose timeline has no timeline heading, read with the
# section `show --explain` and `sources` name: an Azure-style "How did we
# respond?" list of timed entries (with the day after each time), a
# chronology split by numbered sub-headings, and a chat summary's plain
# "timeline (UTC)" line. The first two also get their duration from it.
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir pm
printf '# A\n\n## What happened?\n\nBlob reads timed out.\n\n## How did we respond?\n\n- 08:10 UTC on 14 May 2025 - Customer impact began.\n- 08:21 UTC on 14 May 2025 - Monitoring alerted us.\n- 11:35 UTC on 14 May 2025 - Latency returned to normal.\n' >pm/a.md
printf '# B\n\n## 4. Chronology\n\n### 4.1 Detection\n\n- 07:58 first failed logins\n- 08:06 first calls\n\n### 4.2 Analysis and recovery\n\n- 09:33 logins succeed again\n' >pm/b.md
printf '# C\n\nsev: 3\n\ntimeline (UTC)\n10:02 sync picks up the file\n10:04 pods crash loop\n10:40 caught up\n' >pm/c.md

for f in a:3:205 b:3:95 c:3:; do
    set -- $(echo "$f" | tr : ' ')
    hs show --json --file "pm/$1.md"
    assert_exit 0
    assert_json out "len(j['timeline']) == $2" "pm/$1.md has $2 timeline entries"
    [ -z "${3:-}" ] ||
        assert_json out "j['duration_minutes'] == $3" "pm/$1.md lasts $3 minutes"
done
hs show --json --file pm/a.md
assert_json out "j['sources']['timeline']['rule'] == \"section 'How did we respond?'\"" \
    "the timeline's source names the section it came from"
hs show --explain --file pm/a.md
assert_exit 0
assert_contains out "How did we respond?"
finish
