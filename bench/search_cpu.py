#!/usr/bin/env python3
"""CPU time of `hindsight search` against the sqlite3 floor, per query.

usage: bench/search_cpu.py HS_BEFORE HS_AFTER HS_DB FLOOR_DB [REPS]

Runs each of run.sh's 30 search queries REPS times (default 15) with two
hindsight binaries and the sqlite3 shell on the plain FTS5 table (built as
run.sh builds it), the three rotated, and prints the median and p99 of each
one's CPU time (user + system, from wait4) and both ratios to the floor.
CPU time rather than wall time: on a machine shared with other work, the
wait for a core is not the program's. One process per query, start-up
included, as run.sh times it.
"""
import math
import os
import statistics
import subprocess
import sys


def queries():
    src = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "run.sh")).read()
    start = src.index("QUERIES = [")
    end = src.index("]\n\n\n", start) + 1
    ns = {}
    exec(src[start:end], ns)  # the list literal only
    return ns["QUERIES"]


def cpu(argv):
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    if status:
        sys.exit("search_cpu: failed: %s" % " ".join(argv))
    return ru.ru_utime + ru.ru_stime


def p99(xs):
    s = sorted(xs)
    return s[max(0, math.ceil(0.99 * len(s)) - 1)]


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    before, after, db, floor = sys.argv[1:5]
    reps = int(sys.argv[5]) if len(sys.argv) > 5 else 15
    ok = {"before": 0, "after": 0}
    med = statistics.median
    print("| query | before median / p99 | after median / p99 | sqlite3 median / p99 "
          "| before / floor | after / floor |")
    print("|---|---|---|---|---|---|")
    for q_hs, _, q_fts in queries():
        argv = {
            "before": [before, "--db", db, "search", "--limit", "20"] + q_hs,
            "after": [after, "--db", db, "search", "--limit", "20"] + q_hs,
            "sqlite3": ["sqlite3", floor, "SELECT path FROM t WHERE t MATCH '%s' "
                        "ORDER BY rank LIMIT 20" % q_fts.replace("'", "''")],
        }
        t = {k: [] for k in argv}
        for k in argv:  # warm-up
            cpu(argv[k])
        names = list(argv)
        for i in range(reps):
            for k in names[i % 3:] + names[:i % 3]:
                t[k].append(cpu(argv[k]))
        r = {k: (med(t[k]) / med(t["sqlite3"]), p99(t[k]) / p99(t["sqlite3"]))
             for k in ("before", "after")}
        for k in r:
            ok[k] += max(r[k]) <= 1.5
        print("| %s | %.1f / %.1f ms | %.1f / %.1f ms | %.1f / %.1f ms | %.2fx / %.2fx | %.2fx / %.2fx |" % (
            " ".join(q_hs), 1e3 * med(t["before"]), 1e3 * p99(t["before"]),
            1e3 * med(t["after"]), 1e3 * p99(t["after"]),
            1e3 * med(t["sqlite3"]), 1e3 * p99(t["sqlite3"]),
            r["before"][0], r["before"][1], r["after"][0], r["after"][1]), flush=True)
    print("\nwithin 1.5x of the floor at the median and at p99: before %d of 30, after %d of 30"
          % (ok["before"], ok["after"]))


if __name__ == "__main__":
    main()
