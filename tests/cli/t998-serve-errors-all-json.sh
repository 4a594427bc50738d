#!/bin/sh
# t998: every error answer is SPEC.md's JSON, and hostile requests are
# refused, not misread.
# - libmicrohttpd answers a request line or headers past its memory (414,
#   431) and an unknown HTTP version (505) itself, with HTML; they are
#   JSON now (src/app/http.c takes its MHD_queue_response).
# - "%00" decoded to a NUL that ended the value: q=a%00b searched for "a";
#   it is a 400 now, anywhere in the URL.
# - Two Content-Length headers, or one with Transfer-Encoding: a proxy in
#   front may frame the body by the other one (request smuggling); a 400.
# - /api/postmortems/%FF quoted the id in its 404 message, jansson refused
#   the invalid UTF-8 and the server aborted; the message is repaired.
# - limit=%201 (" 1") passed strtol; a limit is digits only.
# - /api/postmortems?q= with 20,000 words made one SQL expression each,
#   over SQLite's depth limit: a 500. A word given twice counts once, and
#   over 64 different words is a 400.
# cli: long
. "$REPO/tests/cli/lib.sh"

hs index "$CORPUS"
assert_exit 0
start_serve --quiet
keep_going

# answer REQUEST (Python escapes; @LONG@ is 300 KB of "a", @WORDS@ 20,000
# times "pool%20"; "Connection: close" added): a line
# "STATUS CONTENT-TYPE", then the body
answer() {
    python3 - "$port" "$1" > resp <<'PY'
import socket, sys
data = sys.argv[2].encode("latin-1").decode("unicode_escape").encode("latin-1")
data = data.replace(b"@LONG@", b"a" * 300000)
data = data.replace(b"@WORDS@", b"pool%20" * 20000)
# one request per connection: without "Connection: close" each answer
# waited for the server's idle timeout before the read saw its end
if b"\r\nConnection:" not in data:
    data = data.replace(b"\r\nHost: 127.0.0.1\r\n",
                        b"\r\nHost: 127.0.0.1\r\nConnection: close\r\n", 1)
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
try:
    s.sendall(data)
except OSError:
    pass
resp = b""
while True:
    try:
        d = s.recv(65536)
    except OSError:
        break
    if not d:
        break
    resp += d
head, _, body = resp.partition(b"\r\n\r\n")
lines = head.decode("latin-1").split("\r\n")
ctype = [l.split(":", 1)[1].strip() for l in lines[1:]
         if l.lower().startswith("content-type:")]
print(lines[0].split(" ")[1] if lines[0] else "none", ctype[0] if ctype else "-")
sys.stdout.write(body.decode("latin-1"))
PY
    head -n 1 resp > status
    sed 1d resp > body
}

# expect STATUS: the last answer had it, as JSON {"error", "status"}
expect() {
    assert_eq "$(cut -d' ' -f1 status)" "$1" "status"
    assert_contains status 'application/json'
    assert_json body "j['status'] == $1 and j['error']" "JSON error $1"
}

answer 'GET /api/search?q=@LONG@ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'
expect 414
answer 'GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: @LONG@\r\n\r\n'
expect 431
answer 'GET /api/health HTTP/7.1\r\nHost: 127.0.0.1\r\n\r\n'
expect 505

for url in '/api/search?q=a%00b' '/api/search?q=pool&owner=x%00' \
    '/api/postmortems/x%00y' '/api/similar?q=pool%00'; do
    answer "GET $url HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    expect 400
    assert_contains body 'NUL'
done
# %2500 is "%00" written out, not a NUL
answer 'GET /api/search?q=a%2500b HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'
assert_eq "$(cut -d' ' -f1 status)" 200 "q=a%2500b"

post='POST /api/similar HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n'
answer "${post}Content-Length: 2\r\nContent-Length: 40\r\n\r\n{}"
expect 400
answer "${post}Transfer-Encoding: chunked\r\nContent-Length: 2\r\n\r\n2\r\n{}\r\n0\r\n\r\n"
expect 400

answer 'GET /api/postmortems/%FF%FE HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'
expect 404
answer 'GET /api/search?q=since:%FF HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'
expect 400
for l in '%201' '+1' '1e3' '-1' '99999999999999999999'; do
    answer "GET /api/postmortems?limit=$l HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    expect 400
done

answer 'GET /api/postmortems?q=@WORDS@ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'
assert_eq "$(cut -d' ' -f1 status)" 200 "q= of one word 20,000 times"
assert_json body "j['total'] > 0" "q=pool... lists the pool postmortems"
words=$(python3 -c 'print("%20".join("w%d" % i for i in range(65)))')
answer "GET /api/postmortems?q=$words HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
expect 400
assert_contains body 'over 64 different words'

# still serving
answer 'GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'
assert_eq "$(cut -d' ' -f1 status)" 200 "health after all that"
stop_serve
finish
