#!/bin/sh
# t989: report --post @FILE reads the webhook URL from FILE's first line
# whole or not at all. A first line over 4,096 bytes was cut at 4,095 and
# the report posted to the cut URL (another path on the same host: some
# other webhook, or a 404 that named no cause), and a NUL byte ended the URL
# there; both are refused now with no request made, as --token-file's
# token is. /dev/zero and a folder end with a message.
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir rcv
python3 "$REPO/tests/cli/webhook_receiver.py" ok rcv &
rpid=$!
trap 'kill $rpid 2>/dev/null' EXIT
i=0
while [ ! -s rcv/port ]; do
    i=$((i + 1))
    [ $i -lt 100 ] || { fail "receiver did not start"; break; }
    sleep 0.05
done
base="http://127.0.0.1:$(cat rcv/port)/services/T0000/B0000"

hs index "$CORPUS"
assert_exit 0

python3 -c "import sys; print(sys.argv[1] + '/' + 'x' * 5000)" "$base" >long-url
hs report weekly --as-of 2026-11-24 --post @long-url
assert_exit 1
assert_contains err "webhook URL file 'long-url': the webhook URL is over 4096 bytes"
assert_not_contains err "xxxx"

printf '%s/secret\000tail\n' "$base" >nul-url
hs report weekly --as-of 2026-11-24 --post @nul-url
assert_exit 1
assert_contains err "webhook URL file 'nul-url' has a NUL byte in its first line"

[ ! -e rcv/requests.jsonl ] || fail "a request was made: $(cat rcv/requests.jsonl | head -c 300)"

hs report weekly --as-of 2026-11-24 --post @/dev/zero
assert_exit 1
assert_contains err "the webhook URL is over 4096 bytes"
hs report weekly --as-of 2026-11-24 --post @.
assert_exit 1
assert_contains err "webhook URL file '.' is a directory"
: >empty-url
hs report weekly --as-of 2026-11-24 --post @empty-url
assert_exit 1
assert_contains err "webhook URL file 'empty-url' is empty"

# the whole URL of 4,000 bytes is used
python3 -c "import sys; print(sys.argv[1] + '/' + 'y' * 3900)" "$base" >ok-url
hs report weekly --as-of 2026-11-24 --owner "Priya Raman" --post @ok-url
assert_exit 0
checking "the 3,900-byte path posted whole"
python3 - rcv/requests.jsonl <<'PY' || fail "path cut"
import json, sys
reqs = [json.loads(l) for l in open(sys.argv[1])]
assert len(reqs) == 1, len(reqs)
assert reqs[0]["path"].endswith("/" + "y" * 3900), reqs[0]["path"][-20:]
PY
finish
