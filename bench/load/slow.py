#!/usr/bin/env python3
"""bench/load/slow.py PORT [PROBES]: slow clients and body floods against
`hindsight serve` on 127.0.0.1:PORT while /api/health is timed.
bench/load/slow.py --drain PORT PID SOCKETS: wait until the server, process
PID, holds at most SOCKETS sockets (its count before the load: the clients'
connections are gone), then as below until health answers quickly; prints
the seconds it took. A quick health answer alone does not show that the
backlog is done: the idle worker thread accepts the probe while the other
one may still be busy.

A child process opens 200 slowloris connections (a request line and one
header, then one more header line every 0.2 s, never the blank line that
ends the headers) and runs 8 threads that POST bodies of 1 MiB + 1 byte to
/api/similar over and over. Once the slow connections are open, this
process times PROBES (default 200) GETs of /api/health, each on a new
connection, 20 ms apart; then the child stops. Before all that it waits
(at most 300 s) until health answers within 100 ms: after a wrk run the
server still computes the requests of the connections wrk closed, and that
backlog is not what this step measures. The attack runs in its own
process so that its threads cannot hold this one's interpreter lock and
delay a probe. Prints one JSON object: the probes' statuses and latencies,
and what the floods got back (413, another status, or the connection closed
while the body was being sent, which is also a refusal).

bench/load/slow.py --big-body PORT [N]: POST /api/alerts N times (default 5)
with an Alertmanager body of 9,000 alerts (about 1 MB, under serve's 1 MiB
limit), one after the other, as run.sh does next to the wrk load; prints
the statuses, the slowest answer (Alertmanager gives up after 10 s), the
largest answer and what serve said it left out (truncated_alerts).
bench/load/slow.py --half-sent PORT SECONDS: from 127.0.0.2 (another
loopback address, so another client to serve) open 1,030 connections that
each send half a request, hold them SECONDS while /api/health is timed from
127.0.0.1 every 50 ms; prints how many were held and the probes. Prints
{"skipped": reason} where 127.0.0.2 cannot be bound.
"""

import http.client
import json
import multiprocessing
import os
import resource
import socket
import sys
import threading
import time

SLOW = 200
FLOODERS = 8
BODY = b"x" * (1024 * 1024 + 1)


def attack(port, ready, stop, out):
    slow = []
    for _ in range(SLOW):
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"GET /api/health HTTP/1.1\r\nHost: x\r\n")
        slow.append(s)
    ready.set()
    floods = {"413": 0, "other": {}, "closed": 0}
    lock = threading.Lock()

    def flood():
        while not stop.is_set():
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                c.request("POST", "/api/similar", BODY)
                r = c.getresponse()
                r.read()
                c.close()
                key = str(r.status)
            except OSError:
                key = "closed"
            with lock:
                if key in ("413", "closed"):
                    floods[key] += 1
                else:
                    floods["other"][key] = floods["other"].get(key, 0) + 1

    ts = [threading.Thread(target=flood) for _ in range(FLOODERS)]
    for t in ts:
        t.start()
    open_at_end = 0
    while not stop.is_set():
        open_at_end = 0
        for s in slow:
            try:
                s.sendall(b"X-a: b\r\n")
                open_at_end += 1
            except OSError:
                pass
        stop.wait(0.2)
    for t in ts:
        t.join()
    for s in slow:
        s.close()
    out.put(dict(slow=SLOW, slow_open_at_end=open_at_end, flooders=FLOODERS,
                 body_bytes=len(BODY), floods=floods))


def probe(port):
    t0 = time.perf_counter()
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        c.request("GET", "/api/health")
        r = c.getresponse()
        r.read()
        c.close()
        status = r.status
    except OSError:
        status = 0
    return status, time.perf_counter() - t0


def sockets(pid):
    n = 0
    for fd in os.listdir("/proc/%d/fd" % pid):
        try:
            n += os.readlink("/proc/%d/fd/%s" % (pid, fd)).startswith("socket:")
        except OSError:
            pass
    return n


def drain(port, pid=None, nsock=0):
    """Seconds until GET /api/health answered 200 within 100 ms (300 at most),
    and with pid, until that process holds at most nsock sockets first."""
    t0 = time.perf_counter()
    while pid and time.perf_counter() - t0 < 300 and sockets(pid) > nsock:
        time.sleep(0.2)
    while time.perf_counter() - t0 < 300:
        status, t = probe(port)
        if status == 200 and t < 0.1:
            break
        time.sleep(0.1)
    return time.perf_counter() - t0


def big_body():
    alerts = [{"status": "firing", "fingerprint": "%04x" % i,
               "labels": {"alertname": "DatabaseConnectionPoolExhausted",
                          "pod": "api-%d" % i}} for i in range(9000)]
    return json.dumps({"version": "4", "status": "firing", "receiver": "hindsight",
                       "groupLabels": {"alertname": "DatabaseConnectionPoolExhausted"},
                       "alerts": alerts}, separators=(",", ":")).encode()


def post_big(port, n):
    body = big_body()
    statuses, times, sizes, truncated = {}, [], [], None
    for _ in range(n):
        t0 = time.perf_counter()
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            c.request("POST", "/api/alerts", body, {"Content-Type": "application/json"})
            r = c.getresponse()
            answer = r.read()
            c.close()
            key = str(r.status)
            if r.status == 200:
                truncated = json.loads(answer).get("truncated_alerts")
            sizes.append(len(answer))
        except (OSError, ValueError):
            key = "closed"
        times.append(time.perf_counter() - t0)
        statuses[key] = statuses.get(key, 0) + 1
    return dict(posts=n, body_bytes=len(body), alerts=9000, status=statuses,
                max_ms=max(times) * 1e3, answer_max_bytes=max(sizes, default=0),
                truncated_alerts=truncated)


def half_sent(port, seconds, n=1030):
    try:
        s = socket.socket()
        s.bind(("127.0.0.2", 0))
        s.close()
    except OSError as e:
        return dict(skipped="cannot bind 127.0.0.2: %s" % e)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < n + 64:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, n + 64), hard))
    held = []
    for _ in range(n):
        s = socket.socket()
        s.settimeout(2)
        try:
            s.bind(("127.0.0.2", 0))
            s.connect(("127.0.0.1", port))
            s.sendall(b"GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
            held.append(s)
        except OSError:
            s.close()
    probes = []
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        probes.append(probe(port))
        time.sleep(0.05)
    for s in held:
        s.close()
    lat = sorted(t for _, t in probes) or [0.0]
    statuses = {}
    for st, _ in probes:
        statuses[str(st)] = statuses.get(str(st), 0) + 1
    return dict(half_sent=n, opened=len(held), probes=len(probes),
                probe_status=statuses, probe_max_ms=lat[-1] * 1e3,
                probe_p99_ms=lat[max(0, -(-99 * len(lat) // 100) - 1)] * 1e3)


def main():
    if sys.argv[1] == "--drain":
        print("%.1f" % drain(*(int(a) for a in sys.argv[2:5])))
        return
    if sys.argv[1] == "--big-body":
        n = int(sys.argv[3]) if len(sys.argv) > 3 else 5
        json.dump(post_big(int(sys.argv[2]), n), sys.stdout)
        print()
        return
    if sys.argv[1] == "--half-sent":
        json.dump(half_sent(int(sys.argv[2]), float(sys.argv[3])), sys.stdout)
        print()
        return
    port = int(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    drained = drain(port)
    ready, stop = multiprocessing.Event(), multiprocessing.Event()
    out = multiprocessing.Queue()
    child = multiprocessing.Process(target=attack, args=(port, ready, stop, out))
    child.start()
    if not ready.wait(30):
        stop.set()
        child.join()
        sys.exit("slow.py: the slow connections could not be opened")
    probes = []
    for _ in range(n):
        probes.append(probe(port))
        time.sleep(0.02)
    stop.set()
    res = out.get(timeout=60)
    child.join()
    lat = sorted(t for _, t in probes)
    statuses = {}
    for st, _ in probes:
        statuses[str(st)] = statuses.get(str(st), 0) + 1
    res.update(drain_s=drained, probes=n, probe_status=statuses,
               probe_p50_ms=lat[len(lat) // 2] * 1e3,
               probe_p99_ms=lat[max(0, -(-99 * len(lat) // 100) - 1)] * 1e3,
               probe_max_ms=lat[-1] * 1e3)
    json.dump(res, sys.stdout)
    print()


if __name__ == "__main__":
    main()
