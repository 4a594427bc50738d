#!/bin/sh
# t215: one client that opens 1,030 connections and sends half a request on
# each (from 127.0.0.2, another loopback address, so that it is another
# client) takes at most its per-client share: /api/health from 127.0.0.1
# still answers within 1 s while every one of them is held, and so does a
# second flooder's neighbour. Before, the 1,024-connection limit was full
# and health went unanswered. Loopback only, bounded in count and time.
# cli: serial (times /api/health within 1 s under 1,030 connections)
. "$REPO/tests/cli/lib.sh"
command -v curl > /dev/null || skip "curl is not installed"
command -v python3 > /dev/null || skip "python3 is not installed"
python3 -c '
import socket
s = socket.socket()
s.bind(("127.0.0.2", 0))
s.close()' 2> /dev/null || skip "cannot bind 127.0.0.2"

hs index "$CORPUS"
assert_exit 0
start_serve --quiet
python3 - "$port" <<'PY' || fail "health under a flood of half-sent requests"
import resource, socket, subprocess, sys, time
port = int(sys.argv[1])
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
want = 1100
if soft < want:
    if hard != resource.RLIM_INFINITY and hard < want:
        print("skip: open-file limit %d" % hard)
        sys.exit(0)
    resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
held = []
t0 = time.time()
for i in range(1030):
    s = socket.socket()
    s.settimeout(2)
    try:
        s.bind(("127.0.0.2", 0))
        s.connect(("127.0.0.1", port))
        s.sendall(b"GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
        held.append(s)
    except OSError:
        s.close()
    if time.time() - t0 > 20:
        break
time.sleep(0.5)
worst = 0.0
fails = 0
for i in range(10):
    t = time.time()
    r = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                        "--max-time", "1", "http://127.0.0.1:%d/api/health" % port],
                       capture_output=True, text=True)
    dt = time.time() - t
    worst = max(worst, dt)
    if r.stdout != "200":
        fails += 1
        print("health: %r after %.2f s" % (r.stdout, dt))
    time.sleep(0.05)
# the flooder's connections are still open at the end (none timed out yet)
alive = 0
for s in held:
    try:
        s.sendall(b"x")
        alive += 1
    except OSError:
        pass
for s in held:
    s.close()
print("flood: %d connected, %d alive at the end; health worst %.0f ms, %d failed"
      % (len(held), alive, worst * 1000, fails))
sys.exit(1 if fails or worst > 1.0 else 0)
PY
[ "$(curl -s -o out -w '%{http_code}' --max-time 2 "$base/api/health")" = 200 ] ||
    fail "health after the flood"
stop_serve
