#!/bin/sh
# t302: pages rendered on several threads are the pages rendered alone.
# cmark-gfm keeps its special inline characters in a global table that
# each parse changes (github/cmark-gfm#176): parsing on two threads at once
# lost autolinks on some pages. Eight fresh builds of corpus/ must be
# byte-identical and link the bare URLs of every postmortem; 8 clients at
# once asking serve for pages with bare URLs must get the links too. A live
# postmortem page loads only its own record but still counts them all.
. "$REPO/tests/cli/lib.sh"
command -v curl > /dev/null || skip "curl is not installed"
keep_going

hs index "$CORPUS"
assert_exit 0
for n in 1 2 3 4 5 6 7 8; do
    hs site --out site$n --as-of 2026-11-24
    assert_exit 0
done
checking "eight builds are byte-identical"
for n in 2 3 4 5 6 7 8; do
    diff -r site1 site$n >> diff.txt || break
done
[ ! -s diff.txt ] || fail "builds differ: $(head -c 2000 diff.txt)"
checking "every bare URL of corpus/ is a link on its page"
for f in "$CORPUS"/*.md; do
    id=$(basename "$f" .md)
    grep -o '^- [A-Za-z ]*: https://[^ )]*$' "$f" | sed 's/.*: //' |
        while read -r url; do
            grep -qF "<a href=\"$url\">" "site1/pm/$id.html" ||
                echo "$id: $url" >> unlinked.txt
        done
done
[ ! -s unlinked.txt ] || fail "not linked: $(head -5 unlinked.txt)"

start_serve
page=pm/2026-09-15-ledger-db-migration-lock-queue.html
want='<a href="https://grafana.larkspur.example/d/pg-locks/postgres-lock-waits">'
checking "8 clients at once get the same live page, with its links"
for round in 1 2 3 4 5 6 7 8 9 10; do
    pids=
    for c in 1 2 3 4 5 6 7 8; do
        curl -s "$base/$page" -o "live-$round-$c.html" &
        pids="$pids $!"
    done
    for p in $pids; do wait "$p"; done
done
for f in live-*.html; do
    grep -qF "$want" "$f" || echo "$f" >> nolink.txt
done
[ ! -s nolink.txt ] || fail "pages without the link: $(wc -l < nolink.txt) of 80"
checking "a live postmortem page, which loads only its own record, counts them all"
grep -q "from 44 postmortems" live-1-1.html ||
    fail "the footer does not count 44: $(grep -o 'from [0-9]* postmortems' live-1-1.html)"
curl -s -o missing.html -w '%{http_code}' "$base/pm/no-such-postmortem.html" > code.txt
[ "$(cat code.txt)" = 404 ] || fail "a missing postmortem page answered $(cat code.txt)"
stop_serve
finish
