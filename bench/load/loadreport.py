#!/usr/bin/env python3
"""bench/load/loadreport.py: the results of bench/load/run.sh, and the `load`
section of docs/benchmarks.md written from them.

  loadreport.py collect WORK > OUT.json   gather the files run.sh left in WORK
  loadreport.py render OUT.json           print the section (markdown)
  loadreport.py update OUT.json DOC       replace the section in DOC, or add it
                                          before the commands section

bench/run.sh calls run.sh for `make bench` and for `BENCH_ONLY=load`, and its
report step calls section() for the full file. Python stdlib only.
"""

import json
import os
import re
import sys

# Growth allowed in resident memory, as in the HTTP section of make bench.
RSS_SLACK_KIB = 4096
# Alertmanager gives up on a webhook after 10 s.
ALERT_DEADLINE_MS = 10000
# Health under slow clients and floods: the bound of tests/cli/t500.
HEALTH_MAX_MS = 1000


def read(work, name, default=""):
    try:
        with open(os.path.join(work, name)) as fh:
            return fh.read()
    except OSError:
        return default


def wrk_json(text):
    """The LOADJSON line of bench/load/status.lua, or None."""
    for line in text.splitlines():
        if line.startswith("LOADJSON "):
            return json.loads(line[len("LOADJSON "):])
    return None


def collect(work):
    kv = dict(line.split("=", 1) for line in read(work, "meta.txt").splitlines()
              if "=" in line)
    samples = []
    for line in read(work, "rss.txt").splitlines():
        t, kib = line.split()
        samples.append((float(t), int(kib)))
    fails = read(work, "index.fail").split()
    return dict(
        meta=kv,
        mixed=wrk_json(read(work, "mixed.txt")),
        alerts=wrk_json(read(work, "alerts.txt")),
        mixed_raw=read(work, "mixed.txt"), alerts_raw=read(work, "alerts.txt"),
        index_runs=int(read(work, "index.runs", "0").strip() or 0),
        index_failures=len(fails), index_err=read(work, "index.err")[-2000:],
        rss_before=int(kv.get("rss0", 0)), rss_after_load=int(kv.get("rss1", 0)),
        rss_after_slow=int(kv.get("rss2", 0)), rss_samples=samples,
        slow=json.loads(read(work, "slow.json", "null") or "null"))


def mib(kib):
    return "%.1f MiB" % (kib / 1024.0)


def msec(us):
    return "%.0f ms" % (us / 1000.0) if us >= 10000 else "%.1f ms" % (us / 1000.0)


def verdict(ok):
    return "pass" if ok else "fail"


def rss_halves(d):
    """Peak VmRSS (KiB) in the first and in the second half of the load."""
    secs = float(d["meta"].get("seconds", 0)) or 1.0
    s = d["rss_samples"]
    first = [k for t, k in s if t < secs / 2]
    second = [k for t, k in s if t >= secs / 2]
    return (max(first) if first else None, max(second) if second else None)


def criteria(d):
    """[(criterion, evidence, ok)] in the order of the section."""
    m, a, sl = d["mixed"], d["alerts"], d["slow"]
    out = []
    loads = [("search + similar", m), ("POST /api/alerts", a)]
    ran = all(x is not None for _, x in loads)
    s5 = sum(x["s5xx"] for _, x in loads if x)
    f5 = sum(v for k, v in (sl or {}).get("floods", {}).get("other", {}).items()
             if k.startswith("5"))
    p5 = sum(v for k, v in (sl or {}).get("probe_status", {}).items() if k.startswith("5"))
    out.append(("no 5xx answer", "%d under wrk, %d to the floods, %d to the health probes"
                % (s5, f5, p5), ran and sl is not None and s5 + f5 + p5 == 0))
    dropped = sum(x["connect"] + x["read"] + x["write"] + x["timeout"] for _, x in loads if x)
    out.append(("no dropped connection",
                "wrk socket errors (connect, read, write, and requests unanswered after "
                "%s): %d" % (d["meta"].get("timeout", "?"), dropped),
                ran and dropped == 0))
    alert_max = a["max_us"] / 1000.0 if a else None
    out.append(("every alert answered within Alertmanager's 10 s",
                "slowest POST /api/alerts %s" % (msec(a["max_us"]) if a else "?"),
                alert_max is not None and alert_max < ALERT_DEADLINE_MS))
    h1, h2 = rss_halves(d)
    after = d["rss_after_slow"]
    flat = None not in (h1, h2) and h2 <= h1 + RSS_SLACK_KIB and \
        after <= max(h1, h2) + RSS_SLACK_KIB
    out.append(("resident memory flat",
                "peak %s in the first half of the load, %s in the second, %s after "
                "the slow clients (allowed: %s over the first-half peak)"
                % (mib(h1 or 0), mib(h2 or 0), mib(after), mib(RSS_SLACK_KIB)), flat))
    if sl:
        ok200 = sl["probe_status"].get("200", 0)
        starved = ok200 != sl["probes"] or sl["probe_max_ms"] >= HEALTH_MAX_MS
        out.append(("slow clients and floods do not starve /api/health",
                    "%d of %d probes 200; p50 %.1f ms, p99 %.1f ms, max %.1f ms (bound "
                    "%d ms)" % (ok200, sl["probes"], sl["probe_p50_ms"], sl["probe_p99_ms"],
                                sl["probe_max_ms"], HEALTH_MAX_MS), not starved))
    else:
        out.append(("slow clients and floods do not starve /api/health", "not run", False))
    out.append(("every `index --full` run succeeded", "%d runs, %d failed"
                % (d["index_runs"], d["index_failures"]),
                d["index_runs"] > 0 and d["index_failures"] == 0))
    return out


def section(path):
    """The section's lines, markers included; says so when there are no results."""
    L = ["<!-- bench:load -->", "## Load: concurrent clients while the index is rewritten", ""]
    add = L.append
    try:
        with open(path) as fh:
            d = json.load(fh)
    except (OSError, ValueError):
        add("Not run, or the step failed (see the output of `make bench`; "
            "`BENCH_ONLY=load make bench` runs this step alone).")
        add("<!-- /bench:load -->")
        add("")
        return L
    mt = d["meta"]
    half = int(mt.get("connections", 0)) // 2
    add("`bench/load/run.sh` on %s files (`%s`): `hindsight serve --quiet` on a fresh "
        "index under `wrk -t2 -c%d -d%ss --timeout %s -s bench/load/mixed.lua` (GET "
        "`/api/search` and `/api/similar` in turn over 6 queries) and, at the same "
        "time, `wrk -t1 -c%d -d%ss --timeout %s -s bench/load/alerts.lua` (POST "
        "`/api/alerts`, Alertmanager v4 bodies, 50 distinct alerts delivered over "
        "and over), %s connections in all, while `hindsight index --full` rewrites "
        "the same database in a loop. Then `bench/load/slow.py`: 200 slowloris "
        "connections (headers never finished, one more line every 0.2 s) and 8 "
        "clients posting 1 MiB + 1 byte bodies to `/api/similar` without pause, "
        "while a separate process times %s GETs of `/api/health`, each on a new "
        "connection, 20 ms apart. VmRSS of the server is sampled every second. "
        "Statuses are counted by `bench/load/status.lua` (wrk itself counts 4xx and "
        "5xx together). Run %s on %s cores, load average %s before and %s after; "
        "%s. Everything on 127.0.0.1."
        % (mt.get("files", "?"), mt.get("corpus", "?"), half, mt.get("seconds"),
           mt.get("timeout"), half, mt.get("seconds"), mt.get("timeout"),
           mt.get("connections"), (d["slow"] or {}).get("probes", "?"),
           mt.get("date", "?"), mt.get("nproc", "?"), mt.get("load_before", "?"),
           mt.get("load_after", "?"), mt.get("version", "?")))
    add("")
    add("| load | requests | req/s | 2xx | 4xx | 5xx | socket errors (connect, read, "
        "write, timeout) | p50 | p90 | p99 | max |")
    add("|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|")
    for name, x in (("GET search + similar", d["mixed"]), ("POST /api/alerts", d["alerts"])):
        if not x:
            add("| %s | wrk gave no result | | | | | | | | | |" % name)
            continue
        add("| %s | %d | %.1f | %d | %d | %d | %d, %d, %d, %d | %s | %s | %s | %s |" % (
            name, x["requests"], x["requests"] / (x["duration_us"] / 1e6), x["s2xx"],
            x["s4xx"], x["s5xx"], x["connect"], x["read"], x["write"], x["timeout"],
            msec(x["p50_us"]), msec(x["p90_us"]), msec(x["p99_us"]), msec(x["max_us"])))
    add("")
    sl = d["slow"]
    if sl:
        fl = sl["floods"]
        other = ", ".join("%s: %d" % kv for kv in sorted(fl["other"].items())) or "none"
        add("The slow clients started once health answered within 100 ms again, "
            "%.1f s after the load (the server first finishes the requests of the "
            "connections wrk closed). Floods: %d bodies refused with 413, %d refused "
            "by closing the connection while the body was sent, other answers: %s. "
            "Slowloris connections still open at the end: %d of %d." % (
                sl.get("drain_s", 0), fl["413"], fl["closed"], other,
                sl["slow_open_at_end"], sl["slow"]))
        add("")
    add("Resident memory of serve: %s before the load, %s right after it, %s after "
        "the slow clients; samples during the load: %s." % (
            mib(d["rss_before"]), mib(d["rss_after_load"]), mib(d["rss_after_slow"]),
            ", ".join("%.0f" % (k / 1024.0) for _, k in d["rss_samples"]) + " MiB"))
    add("")
    add("| criterion | evidence | verdict |")
    add("|---|---|---|")
    crit = criteria(d)
    for name, ev, ok in crit:
        add("| %s | %s | **%s** |" % (name, ev, verdict(ok)))
    add("")
    conns = int(mt.get("connections", 0))
    add("Overall: **%s**. Resident memory climbs during the first part of the load "
        "because libmicrohttpd zeroes each connection's memory pool "
        "(`MHD_OPTION_CONNECTION_MEMORY_LIMIT`, 256 KiB) between requests, which "
        "makes all of it resident: %d connections hold up to %s, freed when they "
        "close (bench/mhd_min.c at 256 connections: about 70 MiB). The SQLite page caches of "
        "the worker connections and malloc arenas warm up then too; a leak would "
        "show as a second-half peak above the first." % (
            "pass" if all(ok for _, _, ok in crit) else "fail", conns,
            mib(conns * 256)))
    if d["index_failures"]:
        add("")
        add("Last errors of `index --full`: `%s`" % d["index_err"].strip().replace("\n", " / "))
    add("<!-- /bench:load -->")
    add("")
    return L


def update(path, doc):
    """Replace the load section of doc, or add it before the commands section."""
    new = "\n".join(section(path))
    try:
        with open(doc) as fh:
            text = fh.read()
    except FileNotFoundError:
        text = ""
    pat = re.compile(r"<!-- bench:load -->.*?<!-- /bench:load -->\n\n?", re.S)
    if pat.search(text):
        text = pat.sub(lambda _: new, text, count=1)
    elif "<!-- bench:commands -->" in text:
        text = text.replace("<!-- bench:commands -->", new + "<!-- bench:commands -->", 1)
    else:
        text = text.rstrip("\n") + "\n\n" + new
    with open(doc, "w") as fh:
        fh.write(text)


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "collect":
        json.dump(collect(args[0]), sys.stdout, indent=1)
        print()
    elif cmd == "render":
        print("\n".join(section(args[0])))
    elif cmd == "update":
        update(args[0], args[1])
    else:
        sys.exit("usage: loadreport.py collect WORK | render JSON | update JSON DOC")
