#!/bin/sh
# t979: a failure of the server's own (a damaged index) is answered with
# its kind, and the whole message, which names the index file, goes to
# the server's log only. The 500 said "index '/srv/.../index.db' is
# damaged; rebuild it ..." to any client, API and web view alike.
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir pm
cp "$CORPUS"/*.md pm/
db=$PWD/secret-place/index.db
mkdir secret-place
hs --db "$db" index pm
assert_exit 0
HINDSIGHT_DB=$db start_serve --quiet

# damage the index under the running server: 256 bytes every 16 KiB
python3 - "$db" <<'PY'
import os, sys
with open(sys.argv[1], "r+b") as f:
    for off in range(8192, os.path.getsize(sys.argv[1]), 16384):
        f.seek(off)
        f.write(b"\xde\xad\xbe\xef" * 64)
PY

for p in "/api/search?q=disk" /api/postmortems \
    /api/postmortems/2024-07-16-payment-provider-outage \
    /pm/2024-07-16-payment-provider-outage.html; do
    code=$(curl -s -o body -w '%{http_code}' --max-time 20 "$base$p")
    checking "$p"
    assert_eq "$code" 500
    assert_not_contains body "secret-place"
    assert_contains body "database is corrupt (the server"
done
curl -s -o body --max-time 20 "$base/api/search?q=disk"
assert_json body 'j == {"error": "database is corrupt (the server'"'"'s log says more)", "status": 500}' "JSON shape"
stop_serve
checking "the server's log"
cp serve.log log.out
assert_contains log.out "hindsight: error: "
assert_contains log.out "secret-place/index.db' is damaged"
finish
