#!/bin/sh
# t217: SIGTERM lets requests in flight finish. A 4 MB answer that a slow
# client is still reading, and a page still being rendered when the signal
# arrives, are both received whole (before, the client got a cut or empty
# reply); a connection made after the signal is not served; serve then
# exits 0.
# cli: long
. "$REPO/tests/cli/lib.sh"
command -v python3 > /dev/null || skip "python3 is not installed"

shared_index 5000
start_serve --quiet
python3 - "$port" "$pid" <<'PY' || fail "answers in flight at SIGTERM"
import os, signal, socket, sys, threading, time
port, pid = int(sys.argv[1]), int(sys.argv[2])

def request(path, rcvbuf=None):
    s = socket.socket()
    if rcvbuf:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    s.settimeout(30)
    s.connect(("127.0.0.1", port))
    s.sendall(b"GET /" + path.encode() + b" HTTP/1.1\r\nHost: localhost\r\n"
              b"Connection: close\r\n\r\n")
    return s

def read_all(s, out, key, slow=False):
    data = b""
    try:
        while True:
            chunk = s.recv(65536 if not slow else 8192)
            if not chunk:
                break
            data += chunk
            if slow:
                time.sleep(0.001)
    except OSError as e:
        out[key + "_error"] = repr(e)
    s.close()
    head, _, body = data.partition(b"\r\n\r\n")
    length = None
    for line in head.split(b"\r\n")[1:]:
        k, _, v = line.partition(b":")
        if k.strip().lower() == b"content-length":
            length = int(v)
    out[key] = (head.split(b"\r\n")[0].decode(errors="replace"), length, len(body))

out = {}
slow = request("search-index.js", rcvbuf=4096)
time.sleep(1.5)  # rendered; most of the 4 MB waits on the slow reader
busy = request("index.html")
time.sleep(0.05)  # its page is being rendered now
os.kill(pid, signal.SIGTERM)
time.sleep(0.2)
late_served = False
try:
    late = request("api/health")
    late.settimeout(2)
    late_served = late.recv(100).startswith(b"HTTP/1.1 200")
except OSError:
    pass
ts = [threading.Thread(target=read_all, args=(slow, out, "slow", True)),
      threading.Thread(target=read_all, args=(busy, out, "busy"))]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(out, "late connection served:", late_served)
ok = True
for k in ("slow", "busy"):
    status, length, got = out[k]
    if status != "HTTP/1.1 200 OK" or length is None or got != length:
        print("%s: %s, %s of %s bytes" % (k, status, got, length))
        ok = False
if late_served:
    print("a connection made after SIGTERM was served")
    ok = False
sys.exit(0 if ok else 1)
PY
wait $pid
st=$?
trap - EXIT
[ $st -eq 0 ] || fail "serve exit status after SIGTERM: $st"
