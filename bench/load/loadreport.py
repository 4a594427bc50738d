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
    halves = []
    for ph in (1, 2):
        m, a = read(work, "mixed%d.txt" % ph), read(work, "alerts%d.txt" % ph)
        halves.append(dict(
            mixed=wrk_json(m), alerts=wrk_json(a), mixed_raw=m, alerts_raw=a,
            drain_s=float(kv.get("drain%d" % ph, "nan")),
            rss_after=int(kv.get("rss_half%d" % ph, 0))))
    return dict(
        meta=kv, halves=halves,
        index_runs=int(read(work, "index.runs", "0").strip() or 0),
        index_failures=len(fails), index_err=read(work, "index.err")[-2000:],
        rss_before=int(kv.get("rss0", 0)), rss_after_slow=int(kv.get("rss2", 0)),
        rss_samples=samples,
        slow=json.loads(read(work, "slow.json", "null") or "null"),
        big_body=json.loads(read(work, "bigbody.json", "null") or "null"),
        half_sent=json.loads(read(work, "halfsent.json", "null") or "null"))


def mib(kib):
    return "%.1f MiB" % (kib / 1024.0)


def msec(us):
    return "%.0f ms" % (us / 1000.0) if us >= 10000 else "%.1f ms" % (us / 1000.0)


def verdict(ok):
    return "pass" if ok else "fail"


def loads(d):
    """[(name, half number, wrk result or None)] for both halves."""
    return [(name, i + 1, h[key]) for i, h in enumerate(d["halves"])
            for name, key in (("GET search + similar", "mixed"),
                              ("POST /api/alerts", "alerts"))]


def criteria(d):
    """[(criterion, evidence, ok)] in the order of the section."""
    sl = d["slow"]
    runs = [x for _, _, x in loads(d) if x]
    ran = len(runs) == len(loads(d))
    out = []
    s5 = sum(x["s5xx"] for x in runs)
    f5 = sum(v for k, v in (sl or {}).get("floods", {}).get("other", {}).items()
             if k.startswith("5"))
    p5 = sum(v for k, v in (sl or {}).get("probe_status", {}).items() if k.startswith("5"))
    out.append(("no 5xx answer", "%d under wrk, %d to the floods, %d to the health probes"
                % (s5, f5, p5), ran and sl is not None and s5 + f5 + p5 == 0))
    dropped = sum(x["connect"] + x["read"] + x["write"] for x in runs)
    slow = sum(x["timeout"] for x in runs)
    out.append(("no dropped connection",
                "wrk connect, read and write errors: %d (answers that took over %s, "
                "wrk's \"timeout\", are not drops: %d)" % (
                    dropped, d["meta"].get("timeout", "?"), slow), ran and dropped == 0))
    al = [x for name, _, x in loads(d) if x and "alerts" in name]
    worst = max((x["max_us"] for x in al), default=None)
    late = sum(x["timeout"] for x in al)
    out.append(("every alert answered within Alertmanager's 10 s",
                "slowest POST /api/alerts %s%s" % (
                    msec(worst) if worst is not None else "?",
                    " (and %d over %s)" % (late, d["meta"].get("timeout")) if late else ""),
                ran and worst is not None and late == 0 and worst < ALERT_DEADLINE_MS * 1000))
    r1, r2 = (h["rss_after"] for h in d["halves"])
    after = d["rss_after_slow"]
    out.append(("resident memory flat",
                "%s once the first half's connections were gone, %s after the second "
                "half, %s after the slow clients (allowed: %s more at each step)"
                % (mib(r1), mib(r2), mib(after), mib(RSS_SLACK_KIB)),
                r1 > 0 and r2 <= r1 + RSS_SLACK_KIB and after <= r2 + RSS_SLACK_KIB))
    if sl:
        ok200 = sl["probe_status"].get("200", 0)
        starved = ok200 != sl["probes"] or sl["probe_max_ms"] >= HEALTH_MAX_MS
        out.append(("slow clients and floods do not starve /api/health",
                    "%d of %d probes 200; p50 %.1f ms, p99 %.1f ms, max %.1f ms (bound "
                    "%d ms)" % (ok200, sl["probes"], sl["probe_p50_ms"], sl["probe_p99_ms"],
                                sl["probe_max_ms"], HEALTH_MAX_MS), not starved))
    else:
        out.append(("slow clients and floods do not starve /api/health", "not run", False))
    bb = d.get("big_body")
    if bb:
        out.append(("a 9,000-alert body answered within Alertmanager's 10 s, under load",
                    "%s; slowest %.0f ms, largest answer %d bytes, %s alerts left out "
                    "per body" % (bb["status"], bb["max_ms"], bb["answer_max_bytes"],
                                  bb["truncated_alerts"]),
                    bb["status"].get("200", 0) == bb["posts"]
                    and bb["max_ms"] < ALERT_DEADLINE_MS))
    else:
        out.append(("a 9,000-alert body answered within Alertmanager's 10 s, under load",
                    "not run", False))
    hs = d.get("half_sent")
    if hs and "skipped" not in hs:
        ok200 = hs["probe_status"].get("200", 0)
        out.append(("1,030 half-sent connections from one client do not starve "
                    "/api/health", "%d opened; %d of %d probes 200, p99 %.1f ms, max %.1f "
                    "ms (bound %d ms)" % (hs["opened"], ok200, hs["probes"],
                                          hs["probe_p99_ms"], hs["probe_max_ms"],
                                          HEALTH_MAX_MS),
                    hs["probes"] > 0 and ok200 == hs["probes"]
                    and hs["probe_max_ms"] < HEALTH_MAX_MS))
    else:
        out.append(("1,030 half-sent connections from one client do not starve "
                    "/api/health", (hs or {}).get("skipped", "not run"), False))
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
    corpus = mt.get("corpus", "?")
    if corpus.startswith(os.getcwd() + os.sep):  # as run from the repository
        corpus = os.path.relpath(corpus)
    conns = int(mt.get("connections", 0))
    secs = int(mt.get("seconds", 0))
    add("`bench/load/run.sh` on %s files (`%s`): `hindsight serve --quiet` on a fresh "
        "index under `wrk -t2 -c%d --timeout %s -s bench/load/mixed.lua` (GET "
        "`/api/search` and `/api/similar` in turn over 6 queries) and, at the same "
        "time, `wrk -t1 -c%d --timeout %s -s bench/load/alerts.lua` (POST "
        "`/api/alerts`, Alertmanager v4 bodies, 50 distinct alerts delivered over "
        "and over), %d connections in all, for %d s in two halves of %d and %d s, "
        "while `hindsight index --full` rewrites the same database in a loop. After "
        "each half the run waits until serve has closed the connections wrk left "
        "(it first finishes their requests) and `/api/health` answers within 100 ms "
        "again. Then "
        "`bench/load/slow.py`: 200 slowloris connections (headers never finished, "
        "one more line every 0.2 s) and 8 clients posting 1 MiB + 1 byte bodies to "
        "`/api/similar` without pause, while a separate process times %s GETs of "
        "`/api/health`, each on a new connection, 20 ms apart. Statuses are counted "
        "by `bench/load/status.lua` (wrk itself counts 4xx and 5xx together); wrk's "
        "\"timeout\" counts answers that took longer than `--timeout`, which its "
        "latencies leave out. Run %s on %s cores, load average %s before and %s "
        "after (the machine is shared); %s. Everything on 127.0.0.1."
        % (mt.get("files", "?"), corpus, conns // 2, mt.get("timeout"),
           conns // 2, mt.get("timeout"), conns, secs, secs // 2, secs - secs // 2,
           (d["slow"] or {}).get("probes", "?"), mt.get("date", "?"),
           mt.get("nproc", "?"), mt.get("load_before", "?"), mt.get("load_after", "?"),
           mt.get("version", "?")))
    add("")
    add("| load | half | requests | req/s | 2xx | 4xx | 5xx | socket errors (connect, "
        "read, write, timeout) | p50 | p90 | p99 | max |")
    add("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|")
    for name, ph, x in sorted(loads(d)):
        if not x:
            add("| %s | %d | wrk gave no result | | | | | | | | | |" % (name, ph))
            continue
        add("| %s | %d | %d | %.1f | %d | %d | %d | %d, %d, %d, %d | %s | %s | %s | %s |"
            % (name, ph, x["requests"], x["requests"] / (x["duration_us"] / 1e6),
               x["s2xx"], x["s4xx"], x["s5xx"], x["connect"], x["read"], x["write"],
               x["timeout"], msec(x["p50_us"]), msec(x["p90_us"]), msec(x["p99_us"]),
               msec(x["max_us"])))
    add("")
    h1, h2 = d["halves"]
    add("Waits for the backlog: %.1f s after the first half, %.1f s after the "
        "second. "
        "`index --full` runs: %d." % (h1["drain_s"], h2["drain_s"], d["index_runs"]))
    sl = d["slow"]
    if sl:
        fl = sl["floods"]
        other = ", ".join("%s: %d" % kv for kv in sorted(fl["other"].items())) or "none"
        add("Floods: %d bodies refused with 413, %d refused by closing the connection "
            "while the body was sent, other answers: %s. Slowloris connections still "
            "open at the end: %d of %d." % (fl["413"], fl["closed"], other,
                                             sl["slow_open_at_end"], sl["slow"]))
    add("")
    add("Resident memory of serve: %s before the load; %s and %s once the "
        "connections of each half were gone; %s after the slow clients. Every "
        "second during the load (MiB): %s." % (
            mib(d["rss_before"]), mib(h1["rss_after"]), mib(h2["rss_after"]),
            mib(d["rss_after_slow"]),
            ", ".join("%.0f" % (k / 1024.0) for _, k in d["rss_samples"])))
    add("")
    add("| criterion | evidence | verdict |")
    add("|---|---|---|")
    crit = criteria(d)
    for name, ev, ok in crit:
        add("| %s | %s | **%s** |" % (name, ev, verdict(ok)))
    add("")
    add("Overall: **%s**. Memory is judged once each half's connections are gone "
        "because during the load it follows the connections: libmicrohttpd zeroes "
        "each connection's memory pool (`MHD_OPTION_CONNECTION_MEMORY_LIMIT`, "
        "256 KiB) between requests, which makes all of it resident, so %d "
        "connections hold up to %s until they close (bench/mhd_min.c at 256 "
        "connections: about 70 MiB). The first half also warms the SQLite page "
        "caches and malloc arenas; a leak shows as growth from the first "
        "half's figure to the second's." % (
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
