#!/bin/sh
# t603: report --mail ADDRESS hands sendmail -t ($SENDMAIL, here a stub that
# keeps its arguments and input) one message that Python's email package
# parses: From, To, Subject (the report's title), Date, Message-ID,
# MIME-Version, multipart/alternative with a text/plain part (the Markdown)
# and a text/html part (the HTML page), both UTF-8 and quoted-printable; a
# non-ASCII owner survives the encoding. A failing sendmail, or one that
# cannot be run, is exit 1 with a message; an address with a line break is
# refused as a bad option value (exit 2).
. "$REPO/tests/cli/lib.sh"
keep_going

cat >sendmail <<'SH'
#!/bin/sh
printf '%s\n' "$@" >"$(dirname "$0")/sendmail.args"
cat >"$(dirname "$0")/sendmail.msg"
SH
chmod +x sendmail
export SENDMAIL="$PWD/sendmail"

mkdir pms
cat >pms/a.md <<'MD'
---
title: Payment timeouts
date: 2026-11-20
severity: SEV2
---
# Payment timeouts

## Root Cause
A pool of 10 = too small.

## Action Items
| Action | Owner | Due | Status |
|---|---|---|---|
| Raise the pool size to 50 = 5x | Zoë Ångström | 2026-11-01 | Open |
| . a line that starts with a dot | Zoë Ångström | 2026-11-02 | Open |
MD
hs index pms
assert_exit 0

hs report weekly --as-of 2026-11-24 --mail 'Team <team@example.com>'
assert_exit 0
assert_empty out
assert_empty err
assert_line sendmail.args "-t"
checking "the message sendmail received"
python3 - sendmail.msg <<'PY' || fail "mail message is wrong"
import email, email.policy, email.utils, sys
raw = open(sys.argv[1], "rb").read()
m = email.message_from_bytes(raw, policy=email.policy.default)
def check(cond, what):
    if not cond:
        print("bad:", what, file=sys.stderr)
        sys.exit(1)
for h in ("From", "To", "Subject", "Date", "Message-ID", "MIME-Version"):
    check(m[h], "missing header " + h)
check(m["To"] == "Team <team@example.com>", "To: %s" % m["To"])
check(str(m["Subject"]) == "Weekly postmortem review, week ending 2026-11-24", "Subject: %s" % m["Subject"])
check(m["MIME-Version"] == "1.0", "MIME-Version")
check(email.utils.parsedate_to_datetime(m["Date"]) is not None, "Date")
check(m["Message-ID"].startswith("<") and "@" in m["Message-ID"], "Message-ID")
check(m.get_content_type() == "multipart/alternative", m.get_content_type())
parts = list(m.iter_parts())
check([p.get_content_type() for p in parts] == ["text/plain", "text/html"], [p.get_content_type() for p in parts])
for p in parts:
    check(p.get_content_charset() == "utf-8", "charset")
    check(p["Content-Transfer-Encoding"] in ("quoted-printable", "base64"), "encoding")
text, html = (p.get_content() for p in parts)
check(text.startswith("# Weekly postmortem review, week ending 2026-11-24"), text[:60])
check("Zoë Ångström" in text and "Zoë Ångström" in html, "non-ASCII owner")
check("Raise the pool size to 50 = 5x" in text, "= in the text")
check("| . a line that starts with a dot" in text, "the dot line")
check("<html" in html.lower() and "Raise the pool size" in html, "html part")
for line in raw.split(b"\n"):
    check(len(line) <= 78, "line over 78 bytes: %r" % line[:80])
    check(line != b".", "a lone dot line")
    check(max(line, default=0) < 128, "8-bit byte in %r" % line[:40])
PY

EMAIL='Postmortems <pm@example.com>' hs report overdue --as-of 2026-11-24 --mail team@example.com
assert_exit 0
grep -q '^From: Postmortems <pm@example.com>$' sendmail.msg || fail "From: should be \$EMAIL"
grep -q '^Subject: Overdue action items as of 2026-11-24$' sendmail.msg || fail "overdue subject"

cat >sendmail <<'SH'
#!/bin/sh
cat >/dev/null
echo "sendmail: no relay" >&2
exit 75
SH
hs report weekly --as-of 2026-11-24 --mail team@example.com
assert_exit 1
assert_contains err "cannot mail the weekly report"
assert_contains err "exit status 75"

SENDMAIL="$PWD/no-such-sendmail" hs report weekly --as-of 2026-11-24 --mail team@example.com
assert_exit 1
assert_contains err "cannot mail the weekly report"

hs report weekly --as-of 2026-11-24 --mail "$(printf 'a@example.com\nBcc: x@example.com')"
assert_exit 2
assert_contains err "line break"
finish
