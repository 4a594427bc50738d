#!/bin/sh
# Browser tests of the web view: the static site from file:// and the same
# index served live by 'hindsight serve'. Run from the repo root, normally as
# `make browser-test` (HINDSIGHT = absolute path of build/hindsight).
# Needs /usr/bin/chromium and node; without either it prints "skip" and
# exits 0. Exits with the status of `node --test`.
set -u

ROOT=$(pwd)
HINDSIGHT=${HINDSIGHT:-$ROOT/build/hindsight}
CHROMIUM=/usr/bin/chromium
DIR=tests/browser

if [ ! -x "$CHROMIUM" ] || ! command -v node >/dev/null 2>&1; then
    echo "skip: browser tests need $CHROMIUM and node"
    exit 0
fi
if [ ! -f "$DIR/site.test.js" ] || [ ! -d corpus ]; then
    echo "browser-test: run from the repository root" >&2
    exit 2
fi
if [ ! -x "$HINDSIGHT" ]; then
    echo "browser-test: $HINDSIGHT not built (make)" >&2
    exit 2
fi

# playwright-core from the lock file; reinstall when node_modules is missing
# or does not match package-lock.json (npm keeps a copy of what it installed
# in node_modules/.package-lock.json).
stale=0
node -e '
    const fs = require("fs"), dir = process.argv[1];
    const read = f => JSON.parse(fs.readFileSync(dir + "/" + f, "utf8"));
    try {
        const want = read("package-lock.json").packages, have = read("node_modules/.package-lock.json").packages;
        const pkgs = Object.keys(want).filter(k => k !== "");
        const same = pkgs.every(k => have[k] && have[k].version === want[k].version &&
            have[k].integrity === want[k].integrity &&
            read(k + "/package.json").version === want[k].version);
        process.exit(same && pkgs.length ? 0 : 1);
    } catch (e) { process.exit(1); }' "$ROOT/$DIR" || stale=1
if [ "$stale" = 1 ]; then
    echo "browser-test: npm ci in $DIR"
    (cd "$DIR" && npm ci --no-audit --no-fund) || exit 1
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/hindsight-browser.XXXXXX") || exit 1
SERVER_PID=
BIG_PID=
cleanup() {
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null
        wait "$SERVER_PID" 2>/dev/null
        SERVER_PID=
    fi
    if [ -n "$BIG_PID" ]; then
        kill "$BIG_PID" 2>/dev/null
        wait "$BIG_PID" 2>/dev/null
        BIG_PID=
    fi
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# One hostile postmortem: markup, a javascript: link and template syntax in
# the title, the body, the tags, a service and an action item, and a
# right-to-left override (U+202E) in the title. Dated in a month that
# stays below the busiest one, so trends.html keeps the y scale of corpus/
# alone (max 3 a month).
HOSTILE_ID=2026-10-22-hostile-markup
HOSTILE=$TMP/$HOSTILE_ID.md
cat >"$HOSTILE" <<'EOF'
---
title: "Hostile <script>alert(1)</script> <img src=x onerror=alert(3)> {{template}} [x](javascript:alert(2)) zebraquux \u202Egnp.exe"
date: 2026-10-22
severity: SEV3
duration_minutes: 42
services: [hostile-svc, "<img src=x onerror=alert(3)>"]
tags: ["<script>alert(1)</script>", "{{template}}", "<img src=x onerror=alert(3)>", hostile-tag]
incident_commander: "<script>alert(1)</script>"
---
## Summary
Body zebraquux with <script>alert(1)</script> and a [x](javascript:alert(2)) link,
raw <img src=x onerror=alert(3)> HTML and {{template}} syntax, {{{triple}}} and
{{#section}}x{{/section}}.

<a href="javascript:alert(2)" onclick="alert(2)">raw anchor</a>
<svg onload="alert(3)"><circle r="1"/></svg>
<iframe src="javascript:alert(2)"></iframe>

## Impact
Checkout <img src=x onerror=alert(3)> was {{template}} down.

## Root Cause
The root cause was <script>alert(1)</script> in {{template}} and <img src=x onerror=alert(3)>.

## Action Items
| Action | Owner | Due Date | Status |
|--------|-------|----------|--------|
| Escape <script>alert(1)</script> and <img src=x onerror=alert(3)> in {{template}} [x](javascript:alert(2)) | <script>alert(1)</script> | 2026-01-15 | Not Started |
| Plain follow-up for zebraquux | Mallory | 2026-12-30 | In Progress |
EOF

SITE=$ROOT/build/browser/site
SHOTS=$ROOT/build/screenshots
AS_OF=2026-11-24
mkdir -p "$ROOT/build/browser" "$SHOTS" || exit 1
rm -rf "$SITE"
rm -f "$SHOTS"/*.png

"$HINDSIGHT" --db "$TMP/index.db" index corpus "$HOSTILE" >"$TMP/index.log" 2>&1 ||
    { cat "$TMP/index.log"; echo "browser-test: hindsight index failed" >&2; exit 1; }
"$HINDSIGHT" --db "$TMP/index.db" site --out "$SITE" --as-of "$AS_OF" >"$TMP/site.log" 2>&1 ||
    { cat "$TMP/site.log"; echo "browser-test: hindsight site failed" >&2; exit 1; }

# Live: an ephemeral loopback port; serve prints "(port N)" on stderr.
: >"$TMP/serve.err"
"$HINDSIGHT" --db "$TMP/index.db" serve --listen 127.0.0.1:0 --quiet 2>"$TMP/serve.err" &
SERVER_PID=$!
PORT=
i=0
while [ $i -lt 100 ]; do
    PORT=$(sed -n 's/.*(port \([0-9][0-9]*\)).*/\1/p' "$TMP/serve.err" | head -n 1)
    [ -n "$PORT" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
    i=$((i + 1))
done
if [ -z "$PORT" ]; then
    cat "$TMP/serve.err" >&2
    echo "browser-test: hindsight serve did not report its port" >&2
    exit 1
fi

# A library longer than a page (250 generated postmortems, 100 a page):
# its own index, static site and server, for the paging tests.
BIG_SITE=$ROOT/build/browser/big-site
rm -rf "$BIG_SITE"
python3 bench/gen.py --seed 16 250 "$TMP/big" >/dev/null 2>&1 &&
    "$HINDSIGHT" --db "$TMP/big.db" index "$TMP/big" >"$TMP/big.log" 2>&1 &&
    "$HINDSIGHT" --db "$TMP/big.db" site --out "$BIG_SITE" --as-of "$AS_OF" >>"$TMP/big.log" 2>&1 ||
    { cat "$TMP/big.log"; echo "browser-test: the paging library failed" >&2; exit 1; }
: >"$TMP/big.err"
"$HINDSIGHT" --db "$TMP/big.db" serve --listen 127.0.0.1:0 --quiet 2>"$TMP/big.err" &
BIG_PID=$!
BIG_PORT=
i=0
while [ $i -lt 100 ]; do
    BIG_PORT=$(sed -n 's/.*(port \([0-9][0-9]*\)).*/\1/p' "$TMP/big.err" | head -n 1)
    [ -n "$BIG_PORT" ] && break
    kill -0 "$BIG_PID" 2>/dev/null || break
    sleep 0.1
    i=$((i + 1))
done
[ -n "$BIG_PORT" ] || { cat "$TMP/big.err" >&2; echo "browser-test: the paging server did not start" >&2; exit 1; }

HS_BIG_SITE_DIR=$BIG_SITE \
HS_BIG_LIVE_URL=http://127.0.0.1:$BIG_PORT \
HS_SITE_DIR=$SITE \
HS_LIVE_URL=http://127.0.0.1:$PORT \
HS_SCREENSHOTS=$SHOTS \
HS_HOSTILE_ID=$HOSTILE_ID \
HS_AS_OF=$AS_OF \
HS_ALERT_FIXTURE=$ROOT/../shared/fixtures/alertmanager-v4-firing.json \
HS_CHROMIUM=$CHROMIUM \
    node --test --test-reporter=tap "$DIR/site.test.js"
status=$?

# Nothing printed after node's summary ("# pass N", "# fail N").
cleanup
trap - EXIT
exit $status
