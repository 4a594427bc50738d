#!/bin/sh
# t831: serve --watch runs what `index` runs after a change (families and
# related lists, hs_index_update): a repeat incident written into a watched
# folder shows on the live pages, as a family member and a related
# postmortem of the earlier one, and its own page shows the family, with
# no `hindsight index` run; removing it gives the family back as it was.
. "$REPO/tests/cli/lib.sh"
command -v curl >/dev/null || skip "curl is not installed"
[ -e /proc/sys/fs/inotify ] || skip "no inotify here"

orig=2024-01-23-auth-service-connection-pool-exhaustion
new=2026-12-01-auth-service-pool-exhausted-again
index_copy
start_serve --watch
assert_contains serve.log "watching '$PWD/corpus'"

# poll_page ID PY WHAT: up to 10 s until the python expression PY over the
# live page of ID (in p) is true
poll_page() {
    _i=0
    while :; do
        curl -s -o page.html "$base/pm/$1.html"
        if python3 -c '
import sys
p = open("page.html", encoding="utf-8").read()
sys.exit(0 if eval(sys.argv[1]) else 1)' "$2" 2>/dev/null; then
            return 0
        fi
        _i=$((_i + 1))
        [ $_i -lt 100 ] || { fail "$3: not within 10 s"; return 1; }
        sleep 0.1
    done
}
fam='p.split("Does it keep happening?")[1].split("</ul>")[0] if "Does it keep happening?" in p else ""'
sim='p.split("hs-similar")[1].split("</ol>")[0] if "hs-similar" in p else ""'
pay=2026-11-19-payment-api-connection-pool-exhausted
poll_page $orig "'$pay' in ($fam)" "the family before"

sed 's/^# Incident Postmortem: Merchant Login Failures 2024-01-23/# Merchant login failures again/' \
    corpus/$orig.md >corpus/$new.md
poll_page $orig "'$new' in ($fam)" "the repeat in $orig's family"
poll_page $orig "'$new' in ($sim)" "the repeat among $orig's related"
poll_page $new "'$orig' in ($fam) and 'incidents of this kind' in p" \
    "the repeat's family"

rm corpus/$new.md
poll_page $orig "'$new' not in p and '$pay' in ($fam)" \
    "the removed repeat off $orig's page"
stop_serve
