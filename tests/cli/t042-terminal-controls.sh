#!/bin/sh
# t042 (issue 12 item 6): ESC, BEL, DEL and C1 control characters in a
# postmortem never reach the terminal raw. search, show, similar, check and
# the Markdown and CSV reports show them as \xNN (as git and ls do); --json
# keeps them JSON-escaped.
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir pm
# ESC ] 0 ; retitles a terminal window, ESC [ 2 J clears it, BEL rings,
# U+009B is the one-byte CSI of C1.
esc=$(printf '\033')
bel=$(printf '\007')
del=$(printf '\177')
csi=$(printf '\302\233')
cat >pm/evil.md <<EOF2
# Pool ${esc}]0;pwned${bel} outage${esc}[2J

**Date**: 2026-03-04
**Severity**: SEV2

## Summary

The pool${esc}[31m was exhausted ${del}and ${csi}6n paged.

## Root cause

A pool${bel} leak.

## Action items

- [ ] Fix the pool${esc}[5m leak (owner: Eve${esc}[8m, due 2026-03-10)
- [ ] Page${esc}[?1049h nobody${bel}
EOF2

# has_raw FILE: the file has a raw control byte (other than tab, LF, CR)
has_raw() {
    python3 - "$1" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
bad = [b for b in data if (b < 0x20 and b not in (9, 10, 13)) or b == 0x7f]
sys.exit(0 if bad or b"\xc2\x9b" in data else 1)
PY
}

no_raw() {
    if has_raw out; then fail "$1 writes raw control characters"; fi
    assert_contains out '\x1b'
}

hs index pm
assert_exit 0
hs search pool
assert_exit 0
no_raw "search"
hs show evil
assert_exit 0
no_raw "show"
assert_contains out '\x07'
assert_contains out '\x7f'
assert_contains out '\x9b'
hs show --file pm/evil.md
no_raw "show --file"
hs similar pool leak outage
assert_exit 0
no_raw "similar"
hs check pm
no_raw "check"
hs report overdue --as-of 2026-04-01
assert_exit 0
no_raw "report (Markdown)"
hs report overdue --as-of 2026-04-01 --format csv
assert_exit 0
no_raw "report --format csv"

hs show --json evil
assert_exit 0
assert_contains_i out '\u001b'
assert_json out 'chr(27) in j["title"] and chr(7) in j["root_cause"]' \
    "show --json keeps the characters, JSON-escaped"
hs search --json pool
assert_json out 'chr(27) not in json.dumps(j)' "search --json is escaped"
finish
