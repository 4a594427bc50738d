#!/bin/sh
# The load run of the trust issue: `hindsight serve` under wrk for
# LOAD_SECONDS (default 60) at LOAD_CONNECTIONS (default 256) on search and
# similar (mixed.lua) and on POST /api/alerts (alerts.lua), at the same time,
# while `hindsight index --full` rewrites the same database in a loop; then
# 200 slowloris connections and a flood of 1 MiB bodies while another
# process times /api/health (slow.py). Next to the wrk load, the first half
# also POSTs a 9,000-alert Alertmanager body five times (slow.py
# --big-body) and the second half holds 1,030 half-sent connections from
# another loopback address while health is timed (slow.py --half-sent).
# wrk and slow.py's main step are each one client with hundreds of
# connections, so serve runs with a --per-client-limit above those. wrk counts an answer that took over
# LOAD_TIMEOUT (default 30s) as a timeout.
# The load runs as two halves, each followed by a wait until the server has
# finished the requests of the connections wrk closed and closed them.
# Resident memory then, after the first half against after the second, is
# the leak check: during the load it follows the number of connections, as
# libmicrohttpd keeps a memory pool per connection.
# Writes the results as JSON to OUT.json (default build/bench/load.json) and
# prints the `load` section of docs/benchmarks.md (loadreport.py) with a
# verdict per criterion. `make bench` runs it on the 10000-file corpus;
# `BENCH_ONLY=load make bench` runs only this step and rewrites only its
# section. Loopback only; every process started here is stopped by its pid.
# usage: bench/load/run.sh CORPUS_DIR [OUT.json]
set -eu
corpus=$1
out=${2:-build/bench/load.json}
secs=${LOAD_SECONDS:-60}
conns=${LOAD_CONNECTIONS:-256}
timeout=${LOAD_TIMEOUT:-30s}
bin=${HINDSIGHT:-./build/hindsight}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
spid='' ipid='' rpid=''
# shellcheck disable=SC2154 # p is the loop variable inside the trap
trap 'for p in $spid $ipid $rpid; do kill $p 2>/dev/null || true; done; rm -rf "$work"' EXIT
command -v wrk > /dev/null || { echo "load: wrk is not installed" >&2; exit 1; }
"$bin" --db "$work/l.db" index "$corpus" > /dev/null
: > "$work/serve.log"
# one client: wrk's connections, or slow.py's 200 slow ones, 8 flooders and
# its probes, whichever is more, with room to spare
lim=$((conns > 208 ? conns + 64 : 272))
"$bin" --db "$work/l.db" serve --listen 127.0.0.1:0 --quiet \
    --per-client-limit $((lim > 1024 ? 1024 : lim)) 2> "$work/serve.log" &
spid=$!
i=0
until grep -q 'port [0-9]' "$work/serve.log"; do
    i=$((i + 1)); [ $i -lt 200 ] || { echo "serve did not start" >&2; exit 1; }
    sleep 0.05
done
port=$(sed -n 's/.*(port \([0-9]*\)).*/\1/p' "$work/serve.log" | head -1)
base=http://127.0.0.1:$port
rss() { awk '/VmRSS/ {print $2}' /proc/$spid/status; }
# sockets of serve before any client: the listening one
sock0=$(find /proc/$spid/fd -lname 'socket:*' | wc -l)
{
    echo "files=$(find "$corpus" -name '*.md' | wc -l)"
    echo "corpus=$corpus"
    echo "seconds=$secs"
    echo "connections=$conns"
    echo "timeout=$timeout"
    echo "version=$("$bin" --version 2>&1 | head -1) (binary sha256 $(sha256sum < "$bin" | cut -c1-12)...)"
    echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "nproc=$(nproc)"
    echo "load_before=$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "rss0=$(rss)"
} > "$work/meta.txt"
# VmRSS every second until the load and its drains are over, as "SECONDS KIB"
( t=0; while [ ! -f "$work/stop" ]; do
      echo "$t $(rss)" >> "$work/rss.txt"; sleep 1; t=$((t + 1))
  done ) &
rpid=$!
( n=0
  while [ ! -f "$work/stop" ]; do
      "$bin" --db "$work/l.db" index --full "$corpus" > /dev/null 2>> "$work/index.err" || echo fail >> "$work/index.fail"
      n=$((n + 1))
  done; echo $n > "$work/index.runs" ) &
ipid=$!
half=$((conns / 2))
for ph in 1 2; do
    d=$((secs / 2))
    [ $ph = 1 ] || d=$((secs - d))
    if [ $ph = 1 ]; then
        python3 "$here/slow.py" --big-body "$port" 5 > "$work/bigbody.json" 2>&1 &
    else
        python3 "$here/slow.py" --half-sent "$port" $(((d + 1) / 2)) > "$work/halfsent.json" 2>&1 &
    fi
    side=$!
    wrk -t2 -c$half -d"${d}s" --timeout "$timeout" --latency -s "$here/mixed.lua" "$base" > "$work/mixed$ph.txt" 2>&1 &
    w1=$!
    wrk -t1 -c$half -d"${d}s" --timeout "$timeout" --latency -s "$here/alerts.lua" "$base" > "$work/alerts$ph.txt" 2>&1 || true
    wait $w1 || true
    wait $side || true
    echo "drain$ph=$(python3 "$here/slow.py" --drain "$port" "$spid" "$sock0")" >> "$work/meta.txt"
    echo "rss_half$ph=$(rss)" >> "$work/meta.txt"
done
: > "$work/stop"
wait $ipid || true
wait $rpid || true
ipid='' rpid=''
python3 "$here/slow.py" "$port" > "$work/slow.json" || echo "load: slow.py failed" >&2
echo "rss2=$(rss)" >> "$work/meta.txt"
echo "load_after=$(cut -d' ' -f1-3 /proc/loadavg)" >> "$work/meta.txt"
kill $spid
wait $spid || true
spid=''
mkdir -p "$(dirname "$out")"
python3 "$here/loadreport.py" collect "$work" > "$out"
python3 "$here/loadreport.py" render "$out"
