"""A chat incoming webhook on 127.0.0.1 for the CLI tests of report --post.

    python3 webhook_receiver.py MODE DIR

writes the port it bound to DIR/port and one JSON line per request to
DIR/requests.jsonl ({"t", "path", "content_type", "body"}). MODE says how it
answers: ok (200), 429 (429 with Retry-After: 1, then 200), 503 (503 twice,
then 200), 400 (400 "invalid_payload"), silent (accepts connections and
never answers), endless (200, then a body that never ends), drip (200, then
a body of 600 bytes, one every second), endless503 (503 with a body that
never ends, then 200), loop (302 to itself), tofile (302 to
file:///etc/passwd), away (307 to https://hooks.example.com/secret/path),
big (200 with a body of 10 MB), bighead (200 with a header line of 2 MiB).
"""
import http.server
import json
import os
import socket
import sys
import time

mode, out = sys.argv[1], sys.argv[2]


def write_port(port):
    with open(os.path.join(out, "port.tmp"), "w") as f:
        f.write(str(port))
    os.rename(os.path.join(out, "port.tmp"), os.path.join(out, "port"))


if mode == "silent":
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(16)
    write_port(s.getsockname()[1])
    time.sleep(120)
    sys.exit(0)

count = 0


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        global count
        count += 1
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with open(os.path.join(out, "requests.jsonl"), "a") as f:
            f.write(json.dumps({"t": time.time(), "path": self.path,
                                "content_type": self.headers.get("Content-Type"),
                                "body": body.decode("utf-8")}) + "\n")
        if mode == "endless" or (mode == "endless503" and count == 1):
            self.endless(200 if mode == "endless" else 503)
        elif mode == "drip":
            self.send_response(200)
            self.send_header("Content-Length", "600")
            self.end_headers()
            self.wfile.flush()
            for _ in range(600):
                self.wfile.write(b"a")
                self.wfile.flush()
                time.sleep(1)
        elif mode == "429" and count == 1:
            self.answer(429, "slow down", {"Retry-After": "1"})
        elif mode == "503" and count <= 2:
            self.answer(503, "unavailable")
        elif mode == "400":
            self.answer(400, "invalid_payload")
        elif mode in ("loop", "tofile", "away"):
            to = {"loop": self.path, "tofile": "file:///etc/passwd",
                  "away": "https://hooks.example.com/secret/path"}[mode]
            self.answer(302 if mode != "away" else 307, "moved",
                        {"Location": to})
        elif mode == "big":
            self.answer(200, "x" * (10 << 20))
        elif mode == "bighead":
            self.answer(200, "ok", {"X-Pad": "p" * (2 << 20)})
        else:
            self.answer(200, "ok")

    def answer(self, status, text, headers=None):
        data = text.encode()
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def endless(self, status):
        """A chunked body that ends when the client goes away."""
        self.send_response(status)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = b"%x\r\n%s\r\n" % (65536, b"z" * 65536)
        try:
            while True:
                self.wfile.write(chunk)
        except OSError:
            pass

    def log_message(self, *args):
        pass


srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
write_port(srv.server_address[1])
srv.serve_forever()
