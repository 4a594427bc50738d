#!/bin/sh
# t301: a postmortem containing <script>, javascript: links, raw HTML with
# event handlers and template syntax renders as inert text on every page
# that shows it (its own page, the index, tag and service pages, actions,
# the search index), both in the static site and served live.
. "$REPO/tests/cli/lib.sh"

mkdir pm
cat > pm/evil.md <<'MD'
---
title: "Evil <script>alert('t')</script> {{title}} {{{raw}}}"
date: 2026-01-05
severity: SEV2
tags: ["<b>x</b>", "{{#a}}"]
services: ["svc<img src=x onerror=alert(2)>"]
---
Raw <script>alert(3)</script> and <img src=x onerror=alert(4)> inline.

<div onclick="alert(5)">block html</div>

[click](javascript:alert(6)) and {{#each}}x{{/each}} and {{> head}}

## Action Items

| Action | Owner | Due | Status |
|---|---|---|---|
| <script>alert(7)</script> fix | <i>me</i> | 2026-01-10 | Open |
MD
hs index pm
assert_exit 0
hs site --out site --as-of 2026-02-01
assert_exit 0
python3 - <<'PY' || fail "active content leaked into the site"
import os, re, sys
from html.parser import HTMLParser

# The pages as a browser parses them: no element or attribute may come from
# the postmortem. Attribute values may hold its text (escaped), so the check
# looks at what the parser sees, not at substrings.
class Inert(HTMLParser):
    def __init__(self, path):
        super().__init__(convert_charrefs=True)
        self.path, self.bad = path, []
    def handle_starttag(self, tag, attrs):
        if tag in ("img", "b", "i") or (tag == "div" and dict(attrs).get("onclick")):
            self.bad.append("%s: <%s> element" % (self.path, tag))
        for name, value in attrs:
            if name.startswith("on"):
                self.bad.append("%s: %s= attribute on <%s>" % (self.path, name, tag))
            if name in ("href", "src") and (value or "").strip().lower().startswith("javascript:"):
                self.bad.append("%s: javascript: %s" % (self.path, name))
    def handle_data(self, data):
        if self.lasttag == "script" and "alert(" in data:
            self.bad.append("%s: script with the postmortem's code" % self.path)

bad = []
for dirpath, _, files in os.walk("site"):
    for f in files:
        if not (f.endswith(".html") or f.endswith(".js")) or dirpath.endswith("web"):
            continue
        p = os.path.join(dirpath, f)
        t = open(p, encoding="utf-8").read()
        if f.endswith(".js"):
            # data in a script: no raw '<' that could end or open a tag
            if "<" in t:
                bad.append("%s: raw <" % p)
            continue
        parser = Inert(p)
        parser.feed(t)
        bad += parser.bad
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
grep -q '{{title}}' site/index.html || fail "template syntax in data must show as text"
grep -q '&lt;script&gt;alert' site/index.html || fail "the title must be escaped"
