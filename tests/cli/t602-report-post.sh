#!/bin/sh
# t602: report --post URL sends the report to a chat incoming webhook (a
# receiver on 127.0.0.1) as {"text": markdown} JSON: a 429 with Retry-After:
# 1 is retried after a second; 503s are retried with backoff; a long report
# is split on line boundaries into messages of at most 3,500 bytes, a table
# cut in two repeating its header; a 400 fails at once (exit 1); a receiver
# that never answers fails after --timeout (exit 1); no message ever shows
# the URL's path, which is the webhook's secret; @FILE reads the URL from a
# file; nothing goes to stdout unless --out - asks.
. "$REPO/tests/cli/lib.sh"
keep_going
secret=T0000/B0000/XXXXsecretXXXX

# no_secret: neither stdout nor stderr shows the URL's path.
no_secret() {
    assert_not_contains out "$secret"
    assert_not_contains err "$secret"
    assert_not_contains err "/services"
}

hs index "$CORPUS"
assert_exit 0

# one owner's weekly review fits in one message
start_receiver 429
hs report weekly --as-of 2026-11-24 --owner "Priya Raman" --post "$url"
assert_exit 0
assert_empty out
no_secret
r=rcv-429/requests.jsonl
checking "requests received by the 429 receiver"
python3 - "$r" <<'PY' || fail "429 then 200: wrong requests"
import json, sys
reqs = [json.loads(l) for l in open(sys.argv[1])]
assert len(reqs) == 2, "expected 2 requests, got %d" % len(reqs)
assert reqs[0]["body"] == reqs[1]["body"], "the retry sent another body"
assert reqs[1]["t"] - reqs[0]["t"] >= 0.9, "Retry-After: 1 not honoured"
for q in reqs:
    assert q["path"] == "/services/T0000/B0000/XXXXsecretXXXX", q["path"]
    assert q["content_type"] == "application/json", q["content_type"]
    j = json.loads(q["body"])
    assert list(j) == ["text"], list(j)
    assert j["text"].startswith("# Weekly postmortem review, week ending 2026-11-24"), j["text"][:80]
PY

start_receiver ok
hs report overdue --as-of 2026-11-24 --out report.md
assert_exit 0
hs report overdue --as-of 2026-11-24 --post "$url"
assert_exit 0
checking "a long report split into messages"
python3 - rcv-ok/requests.jsonl report.md <<'PY' || fail "split: wrong messages"
import json, sys
texts = [json.loads(json.loads(l)["body"])["text"] for l in open(sys.argv[1])]
report = open(sys.argv[2], encoding="utf-8").read()
assert len(report.encode()) > 20000, "report too short to test splitting"
assert len(texts) >= len(report.encode()) // 3500, "only %d messages" % len(texts)
for t in texts:
    assert 0 < len(t.encode()) <= 3500, "message of %d bytes" % len(t.encode())
got = [l for t in texts for l in t.split("\n")]
want = [l for l in report.split("\n") if l.strip()]
missing = [l for l in want if l not in got]
assert not missing, "lines lost: %r" % missing[:3]
# the lines come in order, whole; repeated table headers are the only extra
heads = {l for l in want if l.startswith("| Action") or l.startswith("|---")}
assert [l for l in got if l.strip() and l not in heads] == [l for l in want if l not in heads], "order changed"
cont = [t for t in texts if t.startswith("| ")]
assert all(t.startswith("| Action") for t in cont), "a table continues without its header"
PY

hs report overdue --as-of 2026-11-24 --owner nobody-at-all --post "$url" --out -
assert_exit 0
assert_contains out "# Overdue action items as of 2026-11-24"

echo "$url" >webhook-url
hs report weekly --as-of 2026-11-24 --owner "Priya Raman" --post @webhook-url
assert_exit 0
assert_eq "$(tail -n 1 rcv-ok/requests.jsonl | json_get /dev/stdin 'json.loads(j["body"])["text"][:8]')" "# Weekly" "text posted from @FILE"

start_receiver 503
hs report weekly --as-of 2026-11-24 --owner "Priya Raman" --post "$url"
assert_exit 0
assert_eq "$(wc -l <rcv-503/requests.jsonl | tr -d ' ')" 3 "requests to a receiver answering 503 twice"

start_receiver 400
hs report weekly --as-of 2026-11-24 --post "$url"
assert_exit 1
port=$(cat rcv-400/port)
assert_contains err "http://127.0.0.1:$port answered 400: invalid_payload"
no_secret
assert_eq "$(wc -l <rcv-400/requests.jsonl | tr -d ' ')" 1 "a 400 is not retried"

start_receiver silent
start=$(date +%s)
hs report weekly --as-of 2026-11-24 --post "$url" --timeout 1
took=$(($(date +%s) - start))
assert_exit 1
assert_contains err "no answer from http://127.0.0.1:$(cat rcv-silent/port) within 1 s"
no_secret
[ $took -le 4 ] || fail "--timeout 1 took ${took}s"

hs report weekly --as-of 2026-11-24 --post "ftp://example.invalid/$secret"
assert_exit 2
assert_contains err "Try 'hindsight report --help'"
no_secret
hs report weekly --post "$url" --timeout 0
assert_exit 2
hs report weekly --post @missing-file
assert_exit 1
finish
