#!/bin/sh
# t054: a tag's or service's page under `serve` heads the label as the
# postmortems write it ("Tag Kubernetes"), as the static site does; the
# index keeps labels in lower case, and the live page said "Tag kubernetes".
. "$REPO/tests/cli/lib.sh"

mkdir docs
printf -- '---\ntitle: Node pool drained\ndate: 2026-01-02\ntags: [Kubernetes, DNS]\nservices: [Payment-API]\n---\n# Node pool drained\n\nThe pool was drained.\n' >docs/a.md
hs index docs
assert_exit 0
hs site --out site
assert_exit 0
start_serve --quiet
for page in tag/kubernetes.html tag/dns.html service/payment-api.html; do
    static=$(grep -o '<h1>[^<]*</h1>' "site/$page")
    live=$(curl -s "$base/$page" | grep -o '<h1>[^<]*</h1>')
    [ -n "$static" ] && [ "$static" = "$live" ] ||
        fail "$page: static '$static', live '$live'"
done
curl -s "$base/tag/kubernetes.html" | grep -q '<h1>Tag Kubernetes</h1>' ||
    fail "the live tag page does not write the tag as the postmortem does"
stop_serve
finish
