#!/bin/sh
# The load run of the trust issue: `hindsight serve` under wrk for
# LOAD_SECONDS (default 60) at LOAD_CONNECTIONS (default 256) on search and
# similar (mixed.lua) and on POST /api/alerts (alerts.lua), at the same time,
# while `hindsight index --full` rewrites the same database in a loop; then
# 200 slowloris connections and a flood of 1 MiB bodies while a client
# times /api/health. Reports requests, non-2xx, socket errors, latency and
# resident memory before and after. Loopback only.
# usage: bench/load/run.sh CORPUS_DIR [OUT.md]
set -eu
corpus=$1
out=${2:-build/bench/load.md}
secs=${LOAD_SECONDS:-60}
conns=${LOAD_CONNECTIONS:-256}
bin=${HINDSIGHT:-./build/hindsight}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'kill $spid $ipid 2>/dev/null; rm -rf "$work"' EXIT
command -v wrk > /dev/null || { echo "load: wrk is not installed" >&2; exit 1; }
"$bin" --db "$work/l.db" index "$corpus" > /dev/null
: > "$work/serve.log"
"$bin" --db "$work/l.db" serve --listen 127.0.0.1:0 --quiet 2> "$work/serve.log" &
spid=$!
i=0
until grep -q 'port [0-9]' "$work/serve.log"; do
    i=$((i + 1)); [ $i -lt 200 ] || { echo "serve did not start" >&2; exit 1; }
    sleep 0.05
done
port=$(sed -n 's/.*(port \([0-9]*\)).*/\1/p' "$work/serve.log" | head -1)
base=http://127.0.0.1:$port
rss() { awk '/VmRSS/ {print $2}' /proc/$spid/status; }
rss0=$(rss)
( end=$(($(date +%s) + secs)); n=0
  while [ "$(date +%s)" -lt $end ]; do
      "$bin" --db "$work/l.db" index --full "$corpus" > /dev/null 2>> "$work/index.err" || echo fail >> "$work/index.fail"
      n=$((n + 1))
  done; echo $n > "$work/index.runs" ) &
ipid=$!
half=$((conns / 2))
wrk -t2 -c$half -d${secs}s --latency -s "$here/mixed.lua" "$base" > "$work/mixed.txt" 2>&1 &
w1=$!
wrk -t1 -c$half -d${secs}s --latency -s "$here/alerts.lua" "$base" > "$work/alerts.txt" 2>&1
wait $w1
wait $ipid || true
rss1=$(rss)
python3 - "$port" > "$work/slow.txt" <<'PY'
import http.client, socket, sys, threading, time
port = int(sys.argv[1])
slow = []
for i in range(200):
    s = socket.create_connection(("127.0.0.1", port)); s.sendall(b"GET /api/health HTTP/1.1\r\nHost: x\r\n"); slow.append(s)
def flood():
    body = b"x" * (1024 * 1024 + 1)
    for _ in range(20):
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=10); c.request("POST", "/api/similar", body); c.getresponse().read()
        except OSError: pass
ts = [threading.Thread(target=flood) for _ in range(8)]
[t.start() for t in ts]
lat = []
for i in range(100):
    t0 = time.time(); c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.request("GET", "/api/health"); r = c.getresponse(); r.read(); lat.append(time.time() - t0)
    for s in slow:
        try: s.sendall(b"X: y\r\n")
        except OSError: pass
    time.sleep(0.02)
[t.join() for t in ts]
lat.sort()
print("health under 200 slowloris connections and 8x20 1 MiB bodies: p50 %.1f ms, max %.1f ms" % (lat[50] * 1e3, lat[-1] * 1e3))
PY
rss2=$(rss)
summ() { # file -> "requests, non-2xx, socket errors, p50, p99"
    req=$(awk '/requests in/ {print $1}' "$1")
    non2xx=$(awk '/Non-2xx/ {print $NF}' "$1"); non2xx=${non2xx:-0}
    sock=$(awk '/Socket errors/ {print $0}' "$1" | sed 's/.*Socket errors: //'); sock=${sock:-none}
    p50=$(awk '$1 == "50%" {print $2}' "$1"); p99=$(awk '$1 == "99%" {print $2}' "$1")
    echo "| $req | $non2xx | $sock | $p50 | $p99 |"
}
{
    echo "Load: ${secs} s, ${conns} connections (half on search+similar, half on POST /api/alerts), index --full looping: $(cat "$work/index.runs" 2>/dev/null || echo 0) runs, $( [ -s "$work/index.fail" ] && echo "some FAILED" || echo "all succeeded")."
    echo
    echo "| load | requests | non-2xx | socket errors | p50 | p99 |"
    echo "|---|---:|---:|---|---:|---:|"
    echo "| search + similar $(summ "$work/mixed.txt")"
    echo "| POST /api/alerts $(summ "$work/alerts.txt")"
    echo
    echo "Resident memory of serve: ${rss0} kB before, ${rss1} kB after the load, ${rss2} kB after the slow clients."
    echo
    cat "$work/slow.txt"
} | tee "$out"
