"""Helpers for the alerts paging tests (t624, t704): post alerts, walk
GET /api/alerts by its cursor. Loopback only.

  alerts_walk.py post BASE PREFIX N    post N alerts (keys PREFIX-0..N-1),
                                       at most 50 per Alertmanager body
  alerts_walk.py walk BASE LIMIT [BASE2 PREFIX]
                                       walk every page of LIMIT; with BASE2,
                                       post 5 new alerts through BASE2 after
                                       the first page (new arrivals); check
                                       that the walk lists exactly what one
                                       big page listed before, in that order
"""
import json
import sys
import urllib.request


def request(url, body=None):
    req = urllib.request.Request(url, data=body)
    if body is not None:
        req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req, timeout=20) as r:
        return json.load(r)


def post(base, prefix, n):
    for start in range(0, n, 50):
        alerts = []
        for i in range(start, min(n, start + 50)):
            alerts.append({
                "status": "firing",
                "labels": {"alertname": "Paging%s%d" % (prefix, i),
                           "service": "pager"},
                "annotations": {"summary": "paging test alert %d" % i},
                "startsAt": "2026-01-01T00:00:00Z",
                "fingerprint": "%s-%d" % (prefix, i),
            })
        body = {"receiver": "t", "status": "firing", "alerts": alerts}
        request(base + "/api/alerts", json.dumps(body).encode())


def walk(base, limit, base2=None, prefix=None):
    before = [a["key"] for a in request(base + "/api/alerts?limit=1000")["alerts"]]
    seen, cursor, pages = [], None, 0
    while True:
        url = base + "/api/alerts?limit=%d" % limit
        if cursor:
            url += "&cursor=" + urllib.request.quote(cursor)
        page = request(url)
        pages += 1
        assert len(page["alerts"]) <= limit, "page over the limit"
        seen += [a["key"] for a in page["alerts"]]
        cursor = page["next"]
        if pages == 1 and base2:
            post(base2, prefix, 5)
        if cursor is None:
            break
        assert pages < 1000, "the walk does not end"
    assert len(seen) == len(set(seen)), "an alert was listed twice"
    assert seen == before, "walk %d != one page %d, or another order" % (
        len(seen), len(before))
    print(pages)


if __name__ == "__main__":
    if sys.argv[1] == "post":
        post(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        walk(sys.argv[2], int(sys.argv[3]), *sys.argv[4:6])
