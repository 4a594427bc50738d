#!/bin/sh
# The alert webhook's throughput and latency with the shared state: wrk at
# STATE_CONNECTIONS (default 64) connections for STATE_SECONDS (default 10)
# posting one new alert per request (alerts.lua), against
#   sqlite       one serve, alerts in the SQLite file beside the index
#   pg-1         one serve with --state on a private PostgreSQL 15
#   pg-1-haproxy the same behind haproxy (dist/haproxy.cfg)
#   pg-2-haproxy two serves on the same PostgreSQL behind haproxy
# Each replica has its own index of CORPUS. PostgreSQL runs from a temp
# folder on a Unix socket with its defaults (fsync on), as tests/cli/pg.sh
# starts it (as nobody when run as root). Prints a markdown table; raw wrk
# output goes to OUT_DIR (default build/bench/state). Loopback only; every
# process started here is stopped by its pid.
# STATE_THREADS sets serve --threads (default: serve's own, one per core).
# usage: bench/state/run.sh CORPUS_DIR [OUT_DIR]
set -eu
corpus=$1
outdir=${2:-build/bench/state}
secs=${STATE_SECONDS:-10}
conns=${STATE_CONNECTIONS:-64}
threads=${STATE_THREADS:-0} # serve --threads; 0: serve's default
bin=${HINDSIGHT:-./build/hindsight}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
case $corpus in /*) ;; *) corpus=$(pwd)/$corpus ;; esac
mkdir -p "$outdir"
outdir=$(cd "$outdir" && pwd)
command -v wrk > /dev/null || { echo "state: wrk is not installed" >&2; exit 1; }
command -v haproxy > /dev/null || { echo "state: haproxy is not installed" >&2; exit 1; }

# pg.sh's helpers, with its test hooks answered here
HINDSIGHT=$bin
CORPUS=$corpus
fail() { echo "state: $*" >&2; exit 1; }
skip() { echo "state: skipped: $*" >&2; exit 0; }
work=$(mktemp -d)
cd "$work"
. "$root/tests/cli/pg.sh"
pg_need
pg_init
pg_as $PGBIN/pg_ctl -D "$PGTMP/data" -l "$PGTMP/pg.log" -w -t 30 \
    -o "-c listen_addresses='' -k $PGTMP -c max_connections=200" start > /dev/null ||
    fail "cannot start PostgreSQL"
# set +e: pg_on_exit kills processes that may be gone already (kill fails)
trap 'st=$?; set +e; cd /; rm -rf "$work"; (exit $st); pg_on_exit' EXIT

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
# bench NAME URL: wrk into OUT_DIR/NAME.txt, one table row on stdout
bench() {
    wrk -t2 -c"$conns" -d"${secs}s" --timeout 10s --latency \
        -s "$here/alerts.lua" "$2" -- "$1" > "$outdir/$1.txt" 2>&1
    python3 - "$1" "$outdir/$1.txt" << 'PY'
import json, re, sys
name, path = sys.argv[1], sys.argv[2]
text = open(path).read()
j = json.loads(re.search(r"LOADJSON (\{.*\})", text).group(1))
rps = j["requests"] / (j["duration_us"] / 1e6)
p50, p99 = "%.1f ms" % (j["p50_us"] / 1e3), "%.1f ms" % (j["p99_us"] / 1e3)
errs = j["s4xx"] + j["s5xx"] + j["connect"] + j["read"] + j["write"] + j["timeout"]
print("| %s | %.0f | %s | %s | %d |" % (name, rps, p50, p99, errs))
PY
}
reset_pg() {
    pg_sql "TRUNCATE hindsight_alerts" 2> /dev/null || true
}

topt=
[ "$threads" = 0 ] || topt="--threads $threads"
replica_index a
replica_index b
echo "| setup | alerts/s | p50 | p99 | errors |"
echo "|---|---:|---:|---:|---:|"

# sqlite: the embedded default
"$bin" --db a.db serve --listen 127.0.0.1:0 --quiet $topt 2> sqlite.log &
spid=$!
pg_track $spid
i=0
until grep -q 'port [0-9]' sqlite.log; do
    i=$((i + 1)); [ $i -lt 200 ] || fail "serve did not start"; sleep 0.05
done
port=$(sed -n 's/.*(port \([0-9]*\)).*/\1/p' sqlite.log | head -1)
bench sqlite "http://127.0.0.1:$port"
kill $spid; wait $spid 2> /dev/null || true

# PostgreSQL, one replica, then two behind haproxy
pa=$(free_port)
pb=$(free_port)
ph=$(free_port)
replica_start a "$pa" --quiet $topt
replica_start b "$pb" --quiet $topt
reset_pg
bench pg-1 "$a_base"
sed -e "s/bind 127.0.0.1:8080/bind 127.0.0.1:$ph/" \
    -e "s/127.0.0.1:8081/127.0.0.1:$pa/" -e "s/127.0.0.1:8082/127.0.0.1:$pb/" \
    -e 's/^    log global$/    no log/' \
    "$root/dist/haproxy.cfg" > haproxy-2.cfg
grep -v "127.0.0.1:$pb" haproxy-2.cfg > haproxy-1.cfg
for n in 1 2; do
    haproxy -db -f haproxy-$n.cfg > haproxy-$n.log 2>&1 &
    hpid=$!
    pg_track $hpid
    i=0
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$ph/api/health")" = 200 ]; do
        i=$((i + 1)); [ $i -lt 100 ] || fail "haproxy did not start"; sleep 0.1
    done
    reset_pg
    bench pg-$n-haproxy "http://127.0.0.1:$ph"
    kill $hpid; wait $hpid 2> /dev/null || true
done
echo
echo "$(nproc) cores shared by wrk, haproxy, PostgreSQL and the replicas;" \
    "$(find "$corpus" -name '*.md' | wc -l) postmortems; wrk -t2 -c$conns -d${secs}s;" \
    "serve ${topt:-with one worker thread per core};" \
    "load average before $(cut -d' ' -f1-3 /proc/loadavg);" \
    "$(date -u '+%Y-%m-%d %H:%M UTC'); $("$bin" --version 2>&1 | head -1)"
