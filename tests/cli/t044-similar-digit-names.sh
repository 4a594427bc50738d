#!/bin/sh
# t044 (issue 12 item 15): similar keeps terms that are names with digits in
# them (x509, log4j, ipv6, http2): what search finds, similar finds too,
# while pod hashes, addresses and timestamps stay noise.
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir pm
cp "$CORPUS"/*.md pm/
cat >pm/cert.md <<'EOF2'
# Expired x509 certificate breaks log4j shipping over ipv6 and http2

**Date**: 2026-02-03
**Severity**: SEV2

## Root cause

The intermediate x509 certificate expired; the log4j appender could not
ship logs to the collector reached over ipv6, and http2 streams reset.
EOF2
hs index pm
assert_exit 0
for word in x509 log4j ipv6 http2; do
    hs search --json "$word"
    assert_json out 'any(r["id"] == "cert" for r in j["results"])' \
        "search $word finds cert"
    hs similar --json "$word"
    assert_exit 0
    # the thesaurus also finds corpus/'s certificate postmortems for x509,
    # so cert is among the first three, matched by the word itself
    assert_json out 'any(r["id"] == "cert" and "'"$word"'" in r["matched_terms"] for r in j["results"][:3])' \
        "similar $word finds cert in the first three, matching $word"
done
# noise is still noise: a pod name's hash does not become a term
hs similar --json "x509 on checkout-5d4f8b7c9-k2x9q 10.0.3.7:8080"
assert_exit 0
assert_json out 'not any(t.startswith(("5d4f", "k2x9", "8080")) for r in j["results"] for t in r["matched_terms"])' \
    "pod hash and port are not terms"
finish
