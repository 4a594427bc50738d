#!/bin/sh
# t036: request bodies sent compressed, chunked or with a wrong length. A
# gzip body was read as JSON (400 "invalid token near '\u001F'"), and a
# body labelled 'Content-Encoding: br' but sent plain was taken as it
# came; no coding is decoded, so a coded body is a 415 that says so
# (RFC 9110 8.4.1). 'identity' is no coding. Also pinned: chunked bodies
# (with a chunk extension and a trailer) are read; a Content-Length
# shorter than the body reads that many bytes, and a negative or huge one
# is a 400 or 413 at once.
. "$REPO/tests/cli/lib.sh"
keep_going
hs index "$CORPUS"
assert_exit 0
start_serve
body='{"symptoms":["connection pool exhausted"]}'
printf '%s' "$body" | gzip > body.gz
# post PATH ARGS...: the status code of POSTing to PATH, the answer in ./answer
post() {
    _path=$1
    shift
    curl -s -o answer -w '%{http_code}' -H 'Content-Type: application/json' \
        "$@" "$base$_path"
}
for path in /api/similar /api/alerts; do
    assert_eq "$(post $path -H 'Content-Encoding: gzip' --data-binary @body.gz)" \
        415 "POST $path, gzip"
    assert_json answer "j['error'] == 'Content-Encoding is not supported: send the body uncompressed'" \
        "the 415 of $path says why"
    assert_eq "$(post $path -H 'Content-Encoding: br' --data-binary "$body")" \
        415 "POST $path, labelled br"
    assert_eq "$(post $path -H 'Content-Encoding: identity, gzip' --data-binary @body.gz)" \
        415 "POST $path, identity then gzip"
done
assert_eq "$(post /api/similar -H 'Content-Encoding: gzip' -H 'Content-Encoding: identity' --data-binary @body.gz)" \
    415 "POST, a second Content-Encoding of gzip"
assert_eq "$(post /api/similar -H 'Content-Encoding: Identity ' --data-binary "$body")" \
    200 "POST, Content-Encoding: identity"
assert_eq "$(post /api/similar -H 'Transfer-Encoding: chunked' --data-binary "$body")" \
    200 "POST, chunked"
assert_json answer "len(j['results']) > 0" "the chunked body was read"

# raw BYTES: the first line of the server's answer to BYTES
raw() {
    python3 - "$port" "$1" <<'PY'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(sys.argv[2].encode().decode("unicode_escape").encode("latin-1"))
s.settimeout(10)
data = b""
while b"\r\n" not in data:
    d = s.recv(4096)
    if not d:
        break
    data += d
print(data.split(b"\r\n")[0].decode())
PY
}
head='POST /api/similar HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n'
n=$(printf '%s' "$body" | wc -c | tr -d ' ')
hexn=$(printf '%x' "$n")
assert_eq "$(raw "${head}Transfer-Encoding: chunked\r\n\r\n$hexn;ext=1\r\n$body\r\n0\r\nX-Trailer: 1\r\n\r\n")" \
    "HTTP/1.1 200 OK" "a chunk extension and a trailer"
assert_eq "$(raw "${head}Content-Length: 10\r\n\r\n$body")" \
    "HTTP/1.1 400 Bad Request" "a Content-Length shorter than the body"
assert_eq "$(raw "${head}Content-Length: -5\r\n\r\n$body")" \
    "HTTP/1.1 400 Bad Request" "a negative Content-Length"
assert_eq "$(raw "${head}Content-Length: 99999999999999999999999\r\n\r\n$body")" \
    "HTTP/1.1 413 Content Too Large" "a Content-Length past any number"
stop_serve
finish
