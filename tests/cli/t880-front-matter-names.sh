#!/bin/sh
# t880: front matter keys are read through the names table, the way a
# field of the same name is: 'started:' gives the date, 'impact_level:'
# the severity, 'time_to_restore:' the duration, 'categories:' the tags;
# show --json's sources name the front matter line each came from.
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir pm
cat >pm/fm.md <<'MD'
---
title: Queue backlog
started: 2026-03-04 10:00
impact_level: high
time_to_restore: 1h 10m
categories: [queue, capacity]
---
The consumers stalled and the backlog grew.
MD

hs show --json --file pm/fm.md
assert_exit 0
assert_json out 'j["date"] == "2026-03-04"' "the start's day is the date"
assert_json out 'j["severity"] == "SEV2"' "impact_level names the severity"
assert_json out 'j["duration_minutes"] == 70' "time_to_restore names the duration"
assert_json out 'j["tags"] == ["queue", "capacity"]' "categories are tags"
assert_json out 'j["sources"]["severity"]["line"] == 4' "the severity's line"
finish
