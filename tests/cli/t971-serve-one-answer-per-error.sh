#!/bin/sh
# t971: every refused request gets one JSON answer, at once.
# - A Content-Length that is not a number ("abc", "", "-1") or over 2^64
#   was answered by libmicrohttpd 0.9.75 with two header blocks and one
#   body (it built its headers twice); now one JSON 400 or 413, and the
#   server goes on. 8,000 cookies are one JSON 431 (its headers too came
#   twice; closing that connection early crashed libmicrohttpd), and the
#   server goes on.
# - 4,000 query parameters ran out libmicrohttpd's per-connection memory
#   and the client waited 10 s for nothing; over 100 are a JSON 414 at
#   once, 100 still work.
# - Transfer-Encoding "gzip, chunked" (or "identity") left the body with no
#   end libmicrohttpd could find: no answer until the client gave up, and
#   a proxy may frame it otherwise. A 400 at once; "chunked" still works.
# - A parameter given twice ("limit=1&limit=1000") was read as one of the
#   two, and a proxy before us may have read the other: a 400 naming it.
. "$REPO/tests/cli/lib.sh"
command -v python3 > /dev/null || skip "python3 is not installed"
keep_going

mkdir pm
printf '# Pool exhausted\n\n## Root cause\n\nThe connection pool was exhausted.\n' \
    > pm/a.md
hs index pm
assert_exit 0
start_serve --quiet

# send BYTES (Python escapes); the whole answer until the server closes,
# and the seconds it took, on the last line
ask() {
    python3 - "$port" "$1" <<'PY'
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=20)
t = time.time()
s.sendall(sys.argv[2].encode("latin-1").decode("unicode_escape").encode("latin-1"))
resp = b""
try:
    while True:
        d = s.recv(65536)
        if not d:
            break
        resp += d
except OSError:
    pass
sys.stdout.write(resp.decode("latin-1"))
print("\nseconds %d" % (time.time() - t))
PY
}
count() { grep -c "$1" "$2"; }

for len in abc '' -1 '1 2' 99999999999999999999999; do
    ask "POST /api/similar HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: $len\r\n\r\n{}" > resp
    want=400
    [ "$len" = 99999999999999999999999 ] && want=413
    checking "Content-Length: '$len'"
    assert_contains resp "HTTP/1.1 $want "
    assert_eq "$(count '^HTTP/1.1' resp)" 1
    assert_eq "$(count '^Content-Length' resp)" 1
    assert_contains resp "\"status\":$want}"
    assert_contains resp 'seconds 0'
done
for te in 'gzip, chunked' identity 'chunked, gzip'; do
    ask "POST /api/similar HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: $te\r\nConnection: close\r\n\r\n2\r\n{}\r\n0\r\n\r\n" > resp
    checking "Transfer-Encoding: $te"
    assert_contains resp 'HTTP/1.1 400 '
    assert_contains resp '{"error":"Transfer-Encoding must be chunked, or send a Content-Length","status":400}'
    assert_contains resp 'seconds 0'
done
ask 'POST /api/similar HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n1b\r\n{"symptoms":["pool empty"]}\r\n0\r\n\r\n' > resp
assert_contains resp 'HTTP/1.1 200 '
cookies=$(python3 -c "print('; '.join('c%d=v' % i for i in range(8000)))")
for i in 1 2 3; do
    ask "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: $cookies\r\nConnection: close\r\n\r\n" > resp
    checking "8,000 cookies, $i"
    assert_contains resp 'HTTP/1.1 431 '
    assert_eq "$(count '^HTTP/1.1' resp)" 1
    assert_eq "$(count '^Content-Length' resp)" 1
    assert_contains resp 'seconds 0'
    assert_contains resp '"status":431}'
done
# a good request on a new connection still works
ask 'GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' > resp
assert_contains resp 'HTTP/1.1 200 '

args() { python3 -c "import sys; print('&'.join('a%d=1' % i for i in range(int(sys.argv[1]))))" "$1"; }
ask "GET /api/search?q=pool&$(args 99) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n" > resp
checking "100 query parameters"
assert_contains resp 'HTTP/1.1 200 '
assert_contains resp '"total":1'
for n in 100 4000; do
    ask "GET /api/search?q=pool&$(args $n) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n" > resp
    checking "$((n + 1)) query parameters"
    assert_contains resp 'HTTP/1.1 414 '
    assert_contains resp '{"error":"the URL has over 100 query parameters","status":414}'
    assert_contains resp 'seconds 0'
done
ask 'GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' > resp
assert_contains resp 'HTTP/1.1 200 '

code() { curl -s -o out -w '%{http_code}' --max-time 20 "$@"; }
assert_eq "$(code "$base/api/postmortems?limit=1&limit=1000")" 400
assert_contains out '{"error":"the query parameter '"'limit'"' is given more than once","status":400}'
assert_eq "$(code "$base/api/search?q=pool&tag=a&q=x")" 400
assert_contains out "'q' is given more than once"
assert_eq "$(code "$base/search?q=pool&q=x")" 400
assert_contains out 'given more than once'
# empty parameters ("&&") name nothing and are let through
assert_eq "$(code "$base/api/search?q=pool&&&")" 200
assert_json out 'j["total"] == 1' "q=pool&&&"
stop_serve
finish
