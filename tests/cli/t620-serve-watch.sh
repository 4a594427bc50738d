#!/bin/sh
# t620: serve --watch keeps the index fresh by itself. Under a served
# folder: a file added, edited, renamed and deleted, a new subfolder with a
# postmortem, and a file moved out; each time search, similar and the web
# view (GET /pm/ID.html) follow within 5 s, with no `hindsight index` run.
# --watch without folders watches the roots the index knows; the first run
# catches up with changes made while the server was down.
# cli: long
. "$REPO/tests/cli/lib.sh"
command -v curl > /dev/null || skip "curl is not installed"
[ -e /proc/sys/fs/inotify ] || skip "no inotify here"

index_copy
# made while no server ran: the first run of the watcher finds it
cat > corpus/zz-early.md << 'MD'
---
title: Early bird outage
date: 2026-03-01
severity: SEV3
---
# Early bird outage
## Root cause
The quokkafeeder cron ran twice.
MD
start_serve --watch
assert_contains serve.log "watching '$PWD/corpus'"

# poll URL EXPR WHAT: up to 5 s until the JSON at URL satisfies EXPR
poll() {
    _i=0
    while :; do
        curl -s -o out "$1"
        if python3 -c '
import json, sys
j = json.load(open("out"))
sys.exit(0 if eval(sys.argv[1]) else 1)' "$2" 2> /dev/null; then
            return 0
        fi
        _i=$((_i + 1))
        [ $_i -lt 50 ] || { fail "$3: not within 5 s (url $1)"; return 1; }
        sleep 0.1
    done
}
# page_status ID: HTTP status of the web view's page of ID
page_status() {
    curl -s -o page.html -w '%{http_code}' "$base/pm/$1.html"
}

poll "$base/api/search?q=quokkafeeder" "j['total'] == 1" "catch-up run"

# add
cat > corpus/zz-new.md << 'MD'
---
title: Wombat queue stalled
date: 2026-04-01
severity: SEV2
---
# Wombat queue stalled
## Summary
The wombatqueue consumer stalled on a poison message.
## Root cause
A poison message in the wombatqueue blocked the consumer group.
MD
poll "$base/api/search?q=wombatqueue" "j['total'] == 1 and j['results'][0]['id'] == 'zz-new'" "added file searchable"
poll "$base/api/similar?q=wombatqueue+consumer+poison+message" "j['results'] and j['results'][0]['id'] == 'zz-new'" "added file similar"
[ "$(page_status zz-new)" = 200 ] || fail "web view of the added file"
assert_contains page.html "Wombat queue stalled"

# edit
sed -i 's/wombatqueue/platypusbus/g; s/Wombat queue stalled/Platypus bus stalled/' corpus/zz-new.md
poll "$base/api/search?q=platypusbus" "j['total'] == 1" "edited file searchable"
poll "$base/api/search?q=wombatqueue" "j['total'] == 0" "old text gone after edit"
poll "$base/api/similar?q=platypusbus+consumer+poison" "j['results'] and j['results'][0]['id'] == 'zz-new'" "edited file similar"
[ "$(page_status zz-new)" = 200 ] || fail "web view after the edit"
assert_contains page.html "Platypus bus stalled"

# rename: the id follows the file name
mv corpus/zz-new.md corpus/zz-renamed.md
poll "$base/api/search?q=platypusbus" "j['total'] == 1 and j['results'][0]['id'] == 'zz-renamed'" "renamed file"
[ "$(page_status zz-renamed)" = 200 ] || fail "web view of the renamed file"
[ "$(page_status zz-new)" = 404 ] || fail "web view of the old name should be 404"

# a new subfolder with a postmortem in it, then a file written into it
mkdir -p corpus/team-b/2026
cat > corpus/team-b/2026/echidna.md << 'MD'
---
title: Echidna cache stampede
date: 2026-05-01
severity: SEV2
---
# Echidna cache stampede
## Root cause
The echidnacache expired every key at once.
MD
poll "$base/api/search?q=echidnacache" "j['total'] == 1 and j['results'][0]['id'] == 'team-b/2026/echidna'" "file in a new subfolder"
sed -i 's/echidnacache/numbatcache/' corpus/team-b/2026/echidna.md
poll "$base/api/search?q=numbatcache" "j['total'] == 1" "edit in a new subfolder"

# delete, and move out of the folder
rm corpus/zz-renamed.md
poll "$base/api/search?q=platypusbus" "j['total'] == 0" "deleted file gone"
[ "$(page_status zz-renamed)" = 404 ] || fail "web view of a deleted file should be 404"
mv corpus/team-b ./team-b-moved
poll "$base/api/search?q=numbatcache" "j['total'] == 0" "folder moved out"
mv ./team-b-moved corpus/team-b
poll "$base/api/search?q=numbatcache" "j['total'] == 1" "folder moved back in"

# files the run skips do not make runs: hidden files and other suffixes
poll "$base/api/health" "j['postmortems'] == 46" "count"
runs=$(json_get out "j['index_runs']")
echo "hidden" > corpus/.hidden.md
echo "text" > corpus/notes.txt
sleep 1
curl -s -o out "$base/api/health"
assert_json out "j['index_runs'] == $runs and j['index_failures'] == 0" "no run for hidden or non-markdown files"

stop_serve
assert_contains serve.log "hindsight: watch: index run 1: added 1,"
