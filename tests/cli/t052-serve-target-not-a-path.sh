#!/bin/sh
# t052: a request target that is not a path. The router skipped the URL's
# first byte, taking it for the '/': "GET x", "GET *" and "GET %2F" were
# answered with the index page (200), and "GET xapi/health" and an
# absolute URL ("GET http://localhost/api/health", a request for a
# proxy) with a 404 page. Each is now a JSON 400 saying what a target must
# be; paths are answered as before.
. "$REPO/tests/cli/lib.sh"
keep_going

hs index "$CORPUS"
assert_exit 0
start_serve
python3 - "$port" >answers <<'PY'
import socket, sys
port = int(sys.argv[1])
for target in ["*", "x", "%2F", "xapi/health", "index.html", "?q=pool",
               "http://localhost/api/health", "/api/health", "/"]:
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    s.sendall(b"GET " + target.encode() + b" HTTP/1.1\r\nHost: localhost\r\n"
              b"Connection: close\r\n\r\n")
    data = b""
    while True:
        d = s.recv(65536)
        if not d:
            break
        data += d
    s.close()
    head, _, body = data.partition(b"\r\n\r\n")
    print(target, head.split(b"\r\n")[0].decode(), body[:60].decode())
PY
for t in '*' x %2F xapi/health index.html '?q=pool' \
    http://localhost/api/health; do
    checking "GET $t"
    line=$(awk -v t="$t" '$1 == t' answers)
    case $line in
    "$t HTTP/1.1 400 Bad Request {\"error\":\"the request target must"*) ;;
    *) fail "GET $t: $line" ;;
    esac
done
checking "paths are answered"
grep -q '^/api/health HTTP/1.1 200 OK {"status":"ok"' answers ||
    fail "$(cat answers)"
grep -q '^/ HTTP/1.1 200 OK <!DOCTYPE html>' answers || fail "$(cat answers)"
stop_serve
finish
