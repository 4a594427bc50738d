#!/bin/sh
# t026: symbolic links are not followed out of the folder being indexed. A
# link to a file outside (/etc/passwd, a postmortem in a sibling folder) and
# a link to a folder outside are skipped, each named on stderr; a link to a
# file inside the folder is read as before. Naming a link itself on the
# command line is the user's choice and is read.
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir -p pm/sub outside/deep
cp "$CORPUS/2024-07-16-payment-provider-outage.md" pm/real.md
cp "$CORPUS/2025-02-04-auth-service-memory-leak.md" outside/secret.md
cp "$CORPUS/2024-01-23-auth-service-connection-pool-exhaustion.md" outside/deep/x.md
printf '# Shadow zzshadowzz\n' >outside/shadow.md
ln -s /etc/passwd pm/passwd.md
ln -s ../outside/secret.md pm/secret.md
ln -s ../outside/deep pm/deeplink
ln -s ../real.md pm/sub/inside.md

hs index pm
assert_exit 0
assert_line out "added 1, updated 0, removed 0, unchanged 0, failed 0"
assert_contains err "pm/passwd.md"
assert_contains err "pm/secret.md"
assert_contains err "pm/deeplink"
assert_contains err "out of the folder"
assert_not_contains err "pm/sub/inside.md"
hs search --json root
assert_json out 'all("passwd" not in r["id"] and "secret" not in r["id"] for r in j["results"])' "nothing from outside"
hs search --json --limit 100 since:1970-01-01
assert_json out 'j["total"] == 1' "one postmortem indexed"

# a link inside the folder is followed
rm pm/real.md
cp "$CORPUS/2024-07-16-payment-provider-outage.md" pm/sub/real.md
ln -sf real.md pm/sub/alias.md
hs --db two.db index pm
assert_exit 0
assert_line out "added 1, updated 0, removed 0, unchanged 0, failed 0"
assert_not_contains err "pm/sub/alias.md"

ln -s outside/shadow.md named.md
hs --db three.db index named.md
assert_exit 0
assert_line out "added 1, updated 0, removed 0, unchanged 0, failed 0"
finish
