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
bad = []
for dirpath, _, files in os.walk("site"):
    for f in files:
        if not (f.endswith(".html") or f.endswith(".js")) or dirpath.endswith("web"):
            continue
        p = os.path.join(dirpath, f)
        t = open(p, encoding="utf-8").read()
        if f.endswith(".js"):
            # data in a script: no raw '<' that could end or open a tag
            pats = [r"<"]
        else:
            pats = [r"<script>alert", r"<[a-zA-Z][^>]*\son[a-z]+=",
                    r"(href|src)=\"?javascript:", r"<img src=x", r"<b>x</b>",
                    r"<i>me</i>", r"<div onclick"]
        for pat in pats:
            if re.search(pat, t):
                bad.append("%s: %s" % (p, pat))
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
grep -q '{{title}}' site/index.html || fail "template syntax in data must show as text"
grep -q '&lt;script&gt;alert' site/index.html || fail "the title must be escaped"
