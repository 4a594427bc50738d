#!/bin/sh
# t500: serve under concurrent load while `index --full` rewrites the same
# database: /api/search, /api/similar and POST /api/alerts from 16 clients
# for several seconds get no 5xx and no dropped connection; alerts are
# recorded while the index holds its write lock; 40 slowloris connections
# and a flood of 1 MiB bodies do not stop other clients from being answered
# quickly; resident memory does not grow beyond a bound.
# cli: serial (16 clients, an index loop and floods: it loads the machine
# itself and times /api/health under that load)
. "$REPO/tests/cli/lib.sh"

index_copy 1500
start_serve --quiet
rss() { awk '/VmRSS/ {print $2}' /proc/$pid/status; }
rss0=$(rss)

# rewrite the index over and over while the clients run
( end=$(($(date +%s) + 8)); while [ "$(date +%s)" -lt $end ]; do
    "$HINDSIGHT" index --full corpus > /dev/null 2>&1 || echo "index failed" >> index.err
  done ) &
writer=$!

python3 - "$port" <<'PY' || fail "load: see above"
import http.client, json, random, socket, sys, threading, time
port = int(sys.argv[1])
stop = time.time() + 8
stats = {"ok": 0, "4xx": 0, "5xx": 0, "errors": 0, "alerts": 0}
lock = threading.Lock()
queries = ["timeout", "connection pool", "dns", "sev:1 database", "kafka lag",
           "tag:kubernetes", "\"certificate has expired\"", "oom*"]
def client(n):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    r = random.Random(n)
    while time.time() < stop:
        kind = r.choice(["search", "similar", "alert"])
        try:
            if kind == "search":
                conn.request("GET", "/api/search?q=" + r.choice(queries).replace(" ", "+").replace('"', "%22"))
            elif kind == "similar":
                conn.request("GET", "/api/similar?q=KubePodCrashLooping+OOMKilled+payment-api")
            else:
                body = json.dumps({"version": "4", "status": "firing", "alerts": [{
                    "status": "firing", "fingerprint": "fp%d" % r.randrange(50),
                    "labels": {"alertname": "DatabaseConnectionPoolExhausted", "service": "payment-api"},
                    "annotations": {"summary": "pool exhausted"}}]})
                conn.request("POST", "/api/alerts", body, {"Content-Type": "application/json"})
            resp = conn.getresponse(); resp.read()
            with lock:
                if resp.status >= 500: stats["5xx"] += 1; print("5xx", kind, resp.status)
                elif resp.status >= 400: stats["4xx"] += 1
                else:
                    stats["ok"] += 1
                    if kind == "alert": stats["alerts"] += 1
        except Exception as e:
            with lock: stats["errors"] += 1; print("error", kind, repr(e))
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
ts = [threading.Thread(target=client, args=(i,)) for i in range(16)]
for t in ts: t.start()
for t in ts: t.join()
print("load:", stats)
sys.exit(1 if stats["5xx"] or stats["errors"] or stats["4xx"] or stats["alerts"] == 0 or stats["ok"] < 50 else 0)
PY
wait $writer
[ ! -s index.err ] || fail "index failed while serving: $(cat index.err)"

python3 - "$port" <<'PY' || fail "slow clients starved the others"
import socket, sys, threading, time, http.client
port = int(sys.argv[1])
slow = []
for i in range(40):  # slowloris: headers that never end
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET /api/health HTTP/1.1\r\nHost: x\r\n")
    slow.append(s)
def flood():
    body = b"x" * (1024 * 1024 + 10)
    for _ in range(5):
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            c.request("POST", "/api/similar", body)
            r = c.getresponse(); r.read()
            assert r.status == 413, r.status
        except (ConnectionError, BrokenPipeError):
            pass  # the server may close after answering 413 early
floods = [threading.Thread(target=flood) for _ in range(8)]
for t in floods: t.start()
worst = 0
for i in range(20):
    t0 = time.time()
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    c.request("GET", "/api/health"); r = c.getresponse(); r.read()
    assert r.status == 200, r.status
    worst = max(worst, time.time() - t0)
    for s in slow:
        try: s.sendall(b"X-a: b\r\n")
        except OSError: pass
    time.sleep(0.05)
for t in floods: t.join()
print("health under slowloris and 1 MiB floods: worst %.0f ms" % (worst * 1000))
sys.exit(0 if worst < 1.0 else 1)
PY

rss1=$(rss)
# ASan keeps freed memory in quarantine and maps shadow memory, so resident
# memory says nothing about leaks there (LeakSanitizer checks at exit)
if ! grep -q __asan_init "$HINDSIGHT" 2> /dev/null; then
    [ $((rss1 - rss0)) -lt 100000 ] ||
        fail "resident memory grew from ${rss0} kB to ${rss1} kB"
fi
curl -s "http://127.0.0.1:$port/api/alerts" > out
assert_json out "len(j['alerts']) >= 1" "alerts recorded during index runs"
kill -TERM $pid
wait $pid || fail "serve exit status"
trap - EXIT
# --quiet: no access log line, even after thousands of requests
! grep -q '" [0-9][0-9][0-9] [0-9]' serve.log || fail "--quiet still logs requests"
