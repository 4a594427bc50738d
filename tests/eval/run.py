#!/usr/bin/env python3
"""Retrieval check of `hindsight similar` on ../shared/real-postmortems/icco-eval.

Indexes icco-eval/corpus with hindsight, asks `similar --json` each query of
queries.jsonl and records where the expected document ranks. In the same run
it builds the reference: a plain SQLite FTS5 table (title + body, porter
stemmer) queried with every query term OR-ed and ranked by bm25. Prints
MRR@10, R@1 and R@10 per query kind for both. Skips (exit 0) when ../shared
is absent. Usage: run.py HINDSIGHT_BINARY [--min-prose X] [--min-symptoms Y]
"""
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
EVAL = os.path.join(os.path.dirname(REPO), "shared", "real-postmortems", "icco-eval")


def metrics(ranks):
    n = len(ranks)
    mrr = sum(1.0 / r for r in ranks if r and r <= 10) / n
    r1 = sum(1 for r in ranks if r == 1) / n
    r10 = sum(1 for r in ranks if r and r <= 10) / n
    return mrr, r1, r10


def split_front_matter(text):
    m = re.match(r"^---\n(.*?)\n---\n?(.*)$", text, re.S)
    if not m:
        return {}, text
    fm = {}
    for line in m.group(1).splitlines():
        if ":" in line and not line.startswith(" ") and not line.startswith("-"):
            k, v = line.split(":", 1)
            fm[k.strip()] = v.strip().strip('"')
    return fm, m.group(2)


def baseline(corpus, queries):
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(id UNINDEXED, title, body, "
               "tokenize='porter unicode61')")
    for name in sorted(os.listdir(corpus)):
        if not name.endswith(".md"):
            continue
        fm, body = split_front_matter(open(os.path.join(corpus, name), encoding="utf-8").read())
        db.execute("INSERT INTO t VALUES (?, ?, ?)",
                   (fm.get("uuid", name[:-3]), fm.get("title", ""), body))
    ranks = []
    for q in queries:
        words = re.findall(r"\w+", q["query"].lower())
        expr = " OR ".join('"%s"' % w for w in words)
        rows = db.execute("SELECT id FROM t WHERE t MATCH ? ORDER BY bm25(t) LIMIT 10",
                          (expr,)).fetchall()
        ids = [r[0] for r in rows]
        ranks.append(ids.index(q["answer"]) + 1 if q["answer"] in ids else 0)
    return ranks


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: run.py HINDSIGHT [--min-prose X] [--min-symptoms Y]")
    binary = sys.argv[1]
    mins = {}
    args = sys.argv[2:]
    for i in range(0, len(args) - 1, 2):
        mins[args[i].lstrip("-").replace("min-", "")] = float(args[i + 1])
    if not os.path.isdir(EVAL):
        print("eval: skipped, %s is absent" % EVAL)
        return 0
    queries = [json.loads(l) for l in open(os.path.join(EVAL, "queries.jsonl")) if l.strip()]
    corpus = os.path.join(EVAL, "corpus")
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "eval.db")
        subprocess.run([binary, "--db", db, "index", corpus], check=True,
                       stdout=subprocess.DEVNULL)
        ranks = []
        for q in queries:
            out = subprocess.run([binary, "--db", db, "similar", "--json", "--limit", "10",
                                  "--", q["query"]], check=True, capture_output=True,
                                 text=True).stdout
            ids = [r["id"] for r in json.loads(out)["results"]]
            ranks.append(ids.index(q["answer"]) + 1 if q["answer"] in ids else 0)
    base = baseline(corpus, queries)
    failed = 0
    print("%-10s %-22s %8s %6s %6s" % ("kind", "method", "MRR@10", "R@1", "R@10"))
    for kind in ("prose", "symptoms"):
        idx = [i for i, q in enumerate(queries) if q["kind"] == kind]
        h = metrics([ranks[i] for i in idx])
        b = metrics([base[i] for i in idx])
        print("%-10s %-22s %8.3f %6.3f %6.3f" % (kind, "hindsight similar", *h))
        print("%-10s %-22s %8.3f %6.3f %6.3f" % (kind, "fts5 bm25, any term", *b))
        if kind in mins and h[0] < mins[kind]:
            print("eval: %s MRR@10 %.3f is below %.2f" % (kind, h[0], mins[kind]))
            failed = 1
    print("queries: %d (%d prose, %d symptoms)" % (
        len(queries), sum(q["kind"] == "prose" for q in queries),
        sum(q["kind"] == "symptoms" for q in queries)))
    return failed


if __name__ == "__main__":
    sys.exit(main())
