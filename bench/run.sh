#!/bin/sh
# bench/run.sh: hindsight's benchmarks, written to docs/benchmarks.md.
#
# For each size in BENCH_SIZES (default "10000 100000") it generates a
# synthetic corpus with bench/gen.py (kept in build/bench/ and reused), then
# times `hindsight index` against a floor (cmark-gfm parsing every file plus
# the sqlite3 shell filling a plain FTS5 table), a re-index of unchanged
# files, a re-index after one file's summary is edited, and `hindsight
# search` against ripgrep and the sqlite3 shell. On
# the index just built, bench/extra.py then times `hindsight similar` (CLI
# and POST /api/similar), `hindsight report overdue|weekly` (against a
# sqlite3 floor), `hindsight serve` under wrk (against bench/mhd_min.c, a
# bare libmicrohttpd server) and `hindsight site` (against Hugo with the
# templates of bench/hugo/). Last, bench/load/run.sh puts `hindsight serve`
# under 256 connections while `index --full` rewrites its database, on the
# BENCH_LOAD_SIZE-file corpus (default 10000), for the `load` section.
# Every figure is a median (or p99) over repeated runs, never one run.
#
# BENCH_ONLY=load runs only that load step and rewrites only the `load`
# section of docs/benchmarks.md (`make bench-load`); the full run takes an
# hour.
#
# Environment: BENCH_SIZES, BENCH_RUNS (index repetitions; default 5, and 3
# for sizes of 50000 and more), BENCH_SEARCH_REPS (default 5), HINDSIGHT
# (binary; default ./build/hindsight), BENCH_SEED (default 1), and for the
# later steps the BENCH_SIMILAR_*, BENCH_REPORT_RUNS, BENCH_WRK_* and
# BENCH_SITE_*, BENCH_LOAD_SIZE and LOAD_* variables of bench/README.md.
# Run from anywhere; `make bench` builds the binary first. Servers listen on
# 127.0.0.1 only.
set -eu

cd "$(dirname "$0")/.."
ROOT=$(pwd)
HS=${HINDSIGHT:-$ROOT/build/hindsight}
SIZES=${BENCH_SIZES:-10000 100000}
SEARCH_REPS=${BENCH_SEARCH_REPS:-5}
SEARCH_FLOOR_REPS=${BENCH_SEARCH_FLOOR_REPS:-20}
SEED=${BENCH_SEED:-1}
W=$ROOT/build/bench
OUT=$ROOT/docs/benchmarks.md
LOAD_SIZE=${BENCH_LOAD_SIZE:-10000}
ONLY=${BENCH_ONLY:-}
export BENCH_WORK="$W" BENCH_ROOT="$ROOT" BENCH_SIZES="$SIZES"
export BENCH_LOAD_SIZE="$LOAD_SIZE"

die() {
    echo "bench: $*" >&2
    exit 1
}

[ -x "$HS" ] || die "no hindsight binary at '$HS' (run make first)"
mkdir -p "$W" "$ROOT/docs"
# Time a private copy: a rebuild of build/hindsight during a long run must
# not swap the binary (or leave none) half-way through.
# (rm first: a stray server still running the old copy must not block cp)
rm -f "$W/hindsight.bin"
cp -p "$HS" "$W/hindsight.bin"
HS=$W/hindsight.bin
"$HS" --version >/dev/null 2>&1 || die "'$HS' does not run"
command -v python3 >/dev/null 2>&1 || die "python3 is required"
case $ONLY in
'' | load | state) ;;
*) die "BENCH_ONLY must be empty, 'load' or 'state', not '$ONLY'" ;;
esac
case $LOAD_SIZE in
'' | *[!0-9]*) die "BENCH_LOAD_SIZE must be a number, not '$LOAD_SIZE'" ;;
esac

# Peers come from Debian packages; install them only as root, only if absent.
missing=
if [ "$ONLY" = load ]; then
    command -v wrk >/dev/null 2>&1 || missing=" wrk"
elif [ "$ONLY" = state ]; then
    command -v wrk >/dev/null 2>&1 || missing=" wrk"
fi
# the state step: haproxy and a PostgreSQL 15 server, in every run but load
if [ "$ONLY" != load ]; then
    command -v haproxy >/dev/null 2>&1 || missing="$missing haproxy"
    [ -x /usr/lib/postgresql/15/bin/postgres ] || missing="$missing postgresql-15"
fi
if [ -z "$ONLY" ]; then
command -v rg >/dev/null 2>&1 || missing="$missing ripgrep"
command -v cmark-gfm >/dev/null 2>&1 || missing="$missing cmark-gfm"
command -v sqlite3 >/dev/null 2>&1 || missing="$missing sqlite3"
[ -x /usr/bin/time ] || missing="$missing time"
command -v wrk >/dev/null 2>&1 || missing="$missing wrk"
command -v curl >/dev/null 2>&1 || missing="$missing curl"
command -v hugo >/dev/null 2>&1 || missing="$missing hugo"
command -v cc >/dev/null 2>&1 || missing="$missing gcc"
command -v pkg-config >/dev/null 2>&1 || missing="$missing pkg-config"
if ! pkg-config --exists libmicrohttpd 2>/dev/null; then
    missing="$missing libmicrohttpd-dev"
fi
fi
if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ]; then
        echo "bench: installing$missing"
        apt-get update -qq >/dev/null
        # shellcheck disable=SC2086
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
    else
        die "missing tools:$missing (apt-get install -y$missing)"
    fi
fi

# corpus N: the N-file corpus in $W/corpus-N, generated once and reused.
corpus() {
    dir=$W/corpus-$1
    if [ ! -f "$dir/.complete" ]; then
        echo "bench: generating $1 postmortems in $dir"
        rm -rf "$dir"
        python3 bench/gen.py "$1" "$dir" --seed "$SEED"
        : >"$dir/.complete"
    fi
}

# load: bench/load/run.sh on the LOAD_SIZE corpus into $W/load-N.json (only
# once it completes, as for the extra steps below); the log has the section.
load_step() {
    corpus "$LOAD_SIZE"
    rm -f "$W/load-$LOAD_SIZE.json" "$W/load-$LOAD_SIZE.json.part"
    echo "bench: $LOAD_SIZE files: load (${LOAD_SECONDS:-60} s under wrk while index --full runs, then slow clients)"
    if HINDSIGHT="$HS" sh bench/load/run.sh "$W/corpus-$LOAD_SIZE" \
        "$W/load-$LOAD_SIZE.json.part" >"$W/load.log" 2>&1; then
        mv "$W/load-$LOAD_SIZE.json.part" "$W/load-$LOAD_SIZE.json"
    else
        echo "bench: step 'load' failed (see $W/load.log); its section will say so" >&2
        failed="$failed load-$LOAD_SIZE"
    fi
}

# state: bench/state/run.sh (POST /api/alerts at 64 connections: the SQLite
# default, then one and two replicas on one PostgreSQL, behind haproxy) on
# the repository's corpus/, into $W/state.md (only once it completes).
state_step() {
    rm -f "$W/state.md" "$W/state.md.part"
    echo "bench: alert webhook with shared state (${STATE_SECONDS:-10} s per setup)"
    if HINDSIGHT="$HS" sh bench/state/run.sh corpus "$W/state" \
        >"$W/state.md.part" 2>"$W/state.log"; then
        mv "$W/state.md.part" "$W/state.md"
    else
        echo "bench: step 'state' failed (see $W/state.log)" >&2
        failed="$failed state"
    fi
}

failed=
if [ "$ONLY" = state ]; then
    state_step
    [ -f "$W/state.md" ] && cat "$W/state.md"
    [ -z "$failed" ] || die "failed steps:$failed"
    exit 0
fi
if [ "$ONLY" = load ]; then
    load_step
    python3 bench/load/loadreport.py update "$W/load-$LOAD_SIZE.json" "$OUT"
    echo "bench: wrote the load section of $OUT"
    [ -z "$failed" ] || die "failed steps:$failed"
    exit 0
fi

# The peer of the HTTP benchmark: a bare libmicrohttpd server (bench/mhd_min.c).
MHD=$W/mhd_min
if [ ! -x "$MHD" ] || [ -n "$(find bench/mhd_min.c -newer "$MHD")" ]; then
    # shellcheck disable=SC2046
    cc -O2 -pthread bench/mhd_min.c $(pkg-config --cflags --libs libmicrohttpd) \
        -o "$MHD" || die "cannot build bench/mhd_min.c"
fi

LIB=$W/benchlib.py
# The statistics and the timing loop live in Python (perf_counter around
# each child, peak RSS from GNU time); written here so run.sh stays one file.
cat >"$LIB" <<'PYEOF'
import hashlib, json, math, os, platform, shlex, statistics, subprocess, sys, threading, time

DEVNULL = subprocess.DEVNULL


TIME = "/usr/bin/time"
RSS_FILE = os.path.join(os.environ.get("BENCH_WORK", "/tmp"), "rss.txt")


def tree_threads(pid):
    """Threads of pid and its descendants, from /proc (0 once gone)."""
    n = 0
    try:
        with open("/proc/%d/status" % pid) as fh:
            for line in fh:
                if line.startswith("Threads:"):
                    n = int(line.split()[1])
        for task in os.listdir("/proc/%d/task" % pid):
            with open("/proc/%d/task/%s/children" % (pid, task)) as fh:
                for c in fh.read().split():
                    n = max(n, tree_threads(int(c)))
    except (OSError, ValueError):
        pass
    return n


def run(argv, stdin=None, rss=False, threads=None):
    """Run argv once: (wall seconds, max RSS in KiB or None, exit status).

    With rss, the command runs under GNU time, whose %M is the child's peak
    RSS. wait4 from Python would not do: a child's ru_maxrss starts at the
    RSS of the process that forked it, here the Python interpreter. With a
    list as threads, the most threads any one process of the command had
    (sampled every 10 ms from another thread) is appended to it.
    """
    if rss:
        argv = [TIME, "-f", "%M", "-o", RSS_FILE] + argv
    fin = open(stdin, "rb") if stdin else DEVNULL
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, stdin=fin, stdout=DEVNULL, stderr=DEVNULL)
    if threads is not None:
        done, peak = threading.Event(), [0]

        def sample():
            while not done.wait(0.01):
                peak[0] = max(peak[0], tree_threads(p.pid))
        th = threading.Thread(target=sample)
        th.start()
    p.wait()
    t = time.perf_counter() - t0
    if threads is not None:
        done.set()
        th.join()
        threads.append(peak[0])
    if stdin:
        fin.close()
    kib = None
    if rss:
        with open(RSS_FILE) as fh:
            kib = int(fh.read().split()[-1])
    return t, kib, p.returncode


def checked(argv, **kw):
    t, rss, rc = run(argv, rss=True, **kw)
    if rc != 0:
        sys.exit("bench: command failed (%d): %s" % (rc, shlex.join(argv)))
    return t, rss


def rm(*paths):
    for p in paths:
        for suffix in ("", "-wal", "-shm", "-journal"):
            try:
                os.unlink(p + suffix)
            except FileNotFoundError:
                pass


def fsize(p):
    try:
        return os.path.getsize(p)
    except FileNotFoundError:
        return 0


def median(xs):
    return statistics.median(xs)


def p99(xs):
    """Nearest-rank 99th percentile."""
    s = sorted(xs)
    return s[max(0, math.ceil(0.99 * len(s)) - 1)]


def cmd_index(a):
    """a: size dir hs work runs -> results json on stdout."""
    size, d, hs, w, runs = a[0], a[1], a[2], a[3], int(a[4])
    db, floor = os.path.join(w, "hs-%s.db" % size), os.path.join(w, "floor-%s.db" % size)
    sql = os.path.join(w, "floor-%s.sql" % size)
    with open(sql, "w") as fh:
        fh.write("CREATE VIRTUAL TABLE t USING fts5(path, body, "
                 "tokenize='porter unicode61');\nBEGIN;\n"
                 "INSERT INTO t(path, body) SELECT name, CAST(data AS TEXT) "
                 "FROM fsdir('%s') WHERE name LIKE '%%.md';\nCOMMIT;\n" % d)
    cmark = ["sh", "-c", "find \"$1\" -name '*.md' -print0 | "
             "xargs -0 cmark-gfm -e table -e tasklist >/dev/null", "sh", d]
    # With `index --jobs N` (parallel parsing), hindsight is also timed
    # with --jobs 1 into a database of its own; the floor stays one thread.
    helptext = subprocess.run([hs, "index", "--help"], capture_output=True,
                              text=True)
    jobs = "--jobs" in helptext.stdout + helptext.stderr
    db1 = os.path.join(w, "hs1-%s.db" % size)
    threads = {"index": [], "index1": []}
    mds = sorted(os.path.join(r, f) for r, _, fs in os.walk(d) for f in fs
                 if f.endswith(".md"))
    n_edits = [0]

    def reindex1():
        """What a user does next (issue 16): one file's summary edited,
        then index. The file is put back as it was and indexed again
        (untimed), so the corpus and the index stay those of the other
        steps."""
        p = mds[(n_edits[0] * 7919) % len(mds)]
        n_edits[0] += 1
        with open(p, "rb") as fh:
            orig = fh.read()
        lines = orig.split(b"\n")
        i = lines.index(b"## Summary") + 1 if b"## Summary" in lines else 0
        while i < len(lines) - 1 and not lines[i].strip():
            i += 1
        lines[i] += b" A replica in the other zone was rebuilt by hand."
        with open(p, "wb") as fh:
            fh.write(b"\n".join(lines))
        out = checked([hs, "--db", db, "index", d])
        with open(p, "wb") as fh:
            fh.write(orig)
        checked([hs, "--db", db, "index", d])
        return out

    steps = {
        "index": lambda: (rm(db), checked([hs, "--db", db, "index", d],
                                          threads=threads["index"]))[1],
        "reindex": lambda: checked([hs, "--db", db, "index", d]),
        "reindex1": reindex1,
        "cmark": lambda: checked(cmark),
        "sqlite": lambda: (rm(floor), checked(["sqlite3", floor], stdin=sql))[1],
    }
    if jobs:
        steps["index1"] = lambda: (rm(db1), checked(
            [hs, "--db", db1, "index", "--jobs", "1", d], threads=threads["index1"]))[1]
    res = {k: [] for k in steps}
    rss = {k: [] for k in steps}
    # Rotate the order each repetition so drift on a shared machine does
    # not always land on the same command; reindex and reindex1 must
    # follow index.
    order = [["index", "reindex", "reindex1", "cmark", "sqlite", "index1"],
             ["cmark", "index1", "sqlite", "index", "reindex", "reindex1"],
             ["sqlite", "index", "reindex", "reindex1", "index1", "cmark"]]
    for i in range(runs):
        for k in order[i % len(order)]:
            if k not in steps:
                continue
            t, r = steps[k]()
            res[k].append(t)
            rss[k].append(r)
            print("  run %d/%d %-8s %8.3f s" % (i + 1, runs, k, t), file=sys.stderr)
    md_bytes, n_files = 0, 0
    for root, _, files in os.walk(d):
        for f in files:
            if f.endswith(".md"):
                md_bytes += os.path.getsize(os.path.join(root, f))
                n_files += 1
    # The last step of the last repetition may have been the re-index; the
    # db on disk is the one the last index run built either way.
    rm(db1)
    out = dict(size=int(size), files=n_files, md_bytes=md_bytes, runs=runs,
               times=res, rss=rss, jobs=jobs, threads=threads,
               db_bytes=fsize(db), wal_bytes=fsize(db + "-wal"),
               shm_bytes=fsize(db + "-shm"), floor_bytes=fsize(floor),
               du_md=int(subprocess.check_output(["du", "-sk", d]).split()[0]) * 1024)
    json.dump(out, sys.stdout)


# (hindsight query words, ripgrep patterns chained with xargs, FTS5 MATCH
# on the plain table). The peers cannot filter on fields, so a filter
# becomes the nearest text pattern (sev:1 -> 'sev ?1').
QUERIES = [
    (["timeout"], ["timeout"], "timeout"),
    (["oomkilled"], ["oomkilled"], "oomkilled"),
    (["certificate"], ["certificate"], "certificate"),
    (["pgbouncer"], ["pgbouncer"], "pgbouncer"),
    (["kafka"], ["kafka"], "kafka"),
    (["rollback"], ["rollback"], "rollback"),
    (["dns"], ["dns"], "dns"),
    (["redis"], ["redis"], "redis"),
    (["ddos"], ["ddos"], "ddos"),
    (["nxdomain"], ["nxdomain"], "nxdomain"),
    (["chrony"], ["chrony"], "chrony"),
    (["connection", "pool"], ["connection", "pool"], "connection pool"),
    (["memory", "leak"], ["memory", "leak"], "memory leak"),
    (["replication", "slot"], ["replication", "slot"], "replication slot"),
    (["feature", "flag"], ["feature", "flag"], "feature flag"),
    (["consumer", "lag"], ["consumer", "lag"], "consumer lag"),
    (["cache", "stampede"], ["cache", "stampede"], "cache stampede"),
    (["lock", "timeout"], ["lock", "timeout"], "lock timeout"),
    (["tls", "handshake"], ["tls", "handshake"], "tls handshake"),
    (["payment", "provider", "outage"], ["payment", "provider", "outage"],
     "payment provider outage"),
    (["autoscaler", "capacity", "zone"], ["autoscaler", "capacity", "zone"],
     "autoscaler capacity zone"),
    (['"connection pool exhausted"'], ["connection pool exhausted"],
     '"connection pool exhausted"'),
    (['"no space left on device"'], ["no space left on device"],
     '"no space left on device"'),
    (['"certificate has expired"'], ["certificate has expired"],
     '"certificate has expired"'),
    (["migrat*"], ["migrat"], "migrat*"),
    (["sev:1", "database"], ["sev ?1", "database"],
     '(sev1 OR "sev 1") AND database'),
    (["tag:kubernetes", "deploy"], ["kubernetes", "deploy"],
     "kubernetes deploy"),
    (["service:payment-api", "timeout"], ["payment-api", "timeout"],
     '"payment api" timeout'),
    (["since:2025-01-01", "dns"], ["dns"], "dns"),
    (["severity:SEV2", "rollback", "canary"], ["sev ?2", "rollback", "canary"],
     '(sev2 OR "sev 2") AND rollback AND canary'),
]


# rg exits 1 when nothing matches; xargs turns that into 123.
OK_STATUS = {"hindsight": (0,), "sqlite3": (0,), "rg": (0, 1, 123)}


def rg_argv(words, d):
    if len(words) == 1:
        return ["rg", "-il", words[0], d]
    pipe = "rg -il -- %s %s" % (shlex.quote(words[0]), shlex.quote(d))
    for w in words[1:]:
        pipe += " | xargs -r rg -il -- %s" % shlex.quote(w)
    return ["sh", "-c", pipe]


def cmd_search(a):
    size, d, hs, db, floor, reps = a[0], a[1], a[2], a[3], a[4], int(a[5])
    pair_reps = int(a[6]) if len(a) > 6 else reps
    tools = ["hindsight", "rg", "sqlite3"]
    times = {k: [] for k in tools}
    rss = {k: [] for k in tools}
    per_query = []
    for q_hs, q_rg, q_fts in QUERIES:
        fts = q_fts.replace("'", "''")
        argv = {
            "hindsight": [hs, "--db", db, "search", "--limit", "20"] + q_hs,
            "rg": rg_argv(q_rg, d),
            "sqlite3": ["sqlite3", floor, "SELECT path FROM t WHERE t MATCH "
                        "'%s' ORDER BY rank LIMIT 20" % fts],
        }
        # Hit counts, for the reader to judge the peers' results.
        hits = {}
        out = subprocess.run(argv["hindsight"][:-len(q_hs)] + ["--json"] + q_hs,
                             capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit("bench: search failed: %s\n%s" % (q_hs, out.stderr))
        try:
            hits["hindsight"] = json.loads(out.stdout).get("total")
        except (ValueError, AttributeError):
            hits["hindsight"] = None
        rgout = subprocess.run(argv["rg"], capture_output=True, text=True)
        hits["rg"] = len(rgout.stdout.splitlines())
        out = subprocess.run(["sqlite3", floor, "SELECT count(*) FROM t WHERE "
                              "t MATCH '%s'" % fts], capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit("bench: bad FTS5 query %r: %s" % (q_fts, out.stderr))
        hits["sqlite3"] = int(out.stdout)
        for k in tools:
            run(argv[k])  # warm-up
        qt = {k: [] for k in tools}
        # hindsight and its floor get more runs than rg: their ratio is
        # judged per query at p99 too (issue 16), and each run is short
        for i in range(max(reps, pair_reps)):
            for k in (tools[i % 3:] + tools[:i % 3]):
                if k == "rg" and i >= reps:
                    continue
                t, _, rc = run(argv[k])
                if rc not in OK_STATUS[k]:
                    sys.exit("bench: %s failed (%d): %s" % (k, rc, shlex.join(argv[k])))
                qt[k].append(t)
        for k in tools:  # peak memory: one more run each, under GNU time
            rss[k].append(run(argv[k], rss=True)[1])
        for k in tools:
            times[k] += qt[k]
        per_query.append(dict(query=" ".join(q_hs), fts=q_fts, hits=hits,
                              median={k: median(qt[k]) for k in tools},
                              p99={k: p99(qt[k]) for k in tools},
                              n={k: len(qt[k]) for k in tools}))
        print("  %-40s hs %7.1f ms  rg %7.1f ms  sqlite3 %7.1f ms" % (
            " ".join(q_hs), 1e3 * median(qt["hindsight"]),
            1e3 * median(qt["rg"]), 1e3 * median(qt["sqlite3"])), file=sys.stderr)
    json.dump(dict(times=times, rss=rss, per_query=per_query, reps=reps,
                   pair_reps=max(reps, pair_reps)), sys.stdout)


def cmd_startup(a):
    """Median wall time of doing nothing, per tool, over a[1] runs."""
    hs, n = a[0], int(a[1])
    argv = {"hindsight": [hs, "--version"],
            "sqlite3": ["sqlite3", ":memory:", "SELECT 1"],
            "rg": ["rg", "--version"]}
    out = {}
    for k, v in argv.items():
        run(v)
        out[k] = median([run(v)[0] for _ in range(n)])
    json.dump(out, sys.stdout)


def mib(b):
    return "%.1f MiB" % (b / 1048576.0)


def ms(t):
    return "%.1f ms" % (1e3 * t) if t < 10 else "%.2f s" % t


def sec(t):
    return "%.2f s" % t


def spread(xs):
    """(max - min) / median, as a percentage."""
    return 100.0 * (max(xs) - min(xs)) / median(xs) if xs and median(xs) else 0.0


def cmd_report(a):
    w, out, cmds_file = a[0], a[1], a[2]
    meta = json.load(open(os.path.join(w, "meta.json")))
    sizes = meta["sizes"]
    L = []
    add = L.append
    add("# Benchmarks")
    add("")
    add("Generated by `make bench` (`sh bench/run.sh`, with `bench/extra.py` for "
        "similar, reports, HTTP and site, and `bench/load/` for the load run); do "
        "not edit by hand, the whole file is rewritten on each run (`make "
        "bench-load` rewrites only the load section). Each benchmark owns a "
        "section between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->` markers.")
    add("")
    add("<!-- bench:machine -->")
    add("## Machine")
    add("")
    add("| | |")
    add("|---|---|")
    for k in ("date", "cpu", "nproc", "ram", "kernel", "load_before",
              "load_after", "hindsight", "sqlite3", "cmark-gfm", "ripgrep",
              "wrk", "hugo", "libmicrohttpd", "python3"):
        add("| %s | %s |" % (k.replace("_", " "), meta.get(k, "?")))
    add("")
    add("Corpora: `python3 bench/gen.py N build/bench/corpus-N --seed %s` "
        "(synthetic postmortems, 2-6 KB each, in the five house styles of "
        "`corpus/`, 1000 files per folder). Files are in the page cache "
        "(warm runs): every tool reads them once before timing starts."
        % meta["seed"])
    add("<!-- /bench:machine -->")
    add("")
    sys.path.insert(0, os.path.join(os.environ["BENCH_ROOT"], "bench"))
    sys.dont_write_bytecode = True  # no __pycache__ in bench/
    import extra
    L.extend(extra.sec_aims(w, sizes))
    res = {}
    for s in sizes:
        res[s] = (json.load(open(os.path.join(w, "index-%s.json" % s))),
                  json.load(open(os.path.join(w, "search-%s.json" % s))))

    add("<!-- bench:index -->")
    add("## Indexing")
    add("")
    add("Wall time of `hindsight --db X index DIR` into an empty database, "
        "against a floor measured in the same run: cmark-gfm parsing every "
        "file plus the sqlite3 shell inserting the same texts into a plain "
        "FTS5 table in one transaction. The floor runs in one process and one "
        "thread, as a user's alternative would. cmark-gfm gets many files per call (xargs), which it parses "
        "as one document and renders to HTML; hindsight parses each file on "
        "its own and renders nothing. Medians of the runs shown; the "
        "repetitions rotate the order of the commands. Threads: the most "
        "threads the hindsight process had, sampled every 10 ms. When "
        "`hindsight index --help` offers `--jobs`, hindsight is timed both "
        "with its default and with `--jobs 1`. Aim (issue 16): at most 1.0x "
        "the floor (it was 1.5x before). One file edited, re-index: what a "
        "user does next (issue 16): a sentence added to one file's summary, "
        "then `index` on the index just built (the file is then put back and "
        "indexed again, untimed).")
    add("")
    add("| files | runs | hindsight index | threads | cmark-gfm | sqlite3 FTS5 | floor (sum) "
        "| hindsight / floor (aim <= 1.0x) | index --jobs 1 | --jobs 1 / floor "
        "| re-index unchanged (goal < 2 s at 100k) | one file edited, re-index |")
    add("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for s in sizes:
        ix = res[s][0]
        t = {k: median(v) for k, v in ix["times"].items() if v}
        floor = t["cmark"] + t["sqlite"]
        ratio = t["index"] / floor
        goal = "met" if ratio <= 1.0 else "missed"
        rgoal = ""
        if ix["size"] >= 100000:
            rgoal = " (met)" if t["reindex"] < 2 else " (missed)"
        th = ix.get("threads", {})
        if "index1" in t:
            j1, j1r = sec(t["index1"]), "%.2fx (%d thread%s)" % (
                t["index1"] / floor, max(th["index1"]), "" if max(th["index1"]) == 1 else "s")
        else:
            j1, j1r = "no --jobs", ""
        add("| %d | %d | %s | %s | %s | %s | %s | %.2fx (%s) | %s | %s | %s%s | %s |" % (
            ix["files"], ix["runs"], sec(t["index"]),
            max(th["index"]) if th.get("index") else "?", sec(t["cmark"]),
            sec(t["sqlite"]), sec(floor), ratio, goal, j1, j1r, ms(t["reindex"]), rgoal,
            ms(t["reindex1"]) if "reindex1" in t else "not run"))
    add("")
    add("Spread of the runs, (max - min) / median: " + "; ".join(
        "%d files: index %.0f%%, re-index %.0f%%, one-file re-index %s, "
        "cmark-gfm %.0f%%, sqlite3 %.0f%%"
        % (res[s][0]["files"], spread(res[s][0]["times"]["index"]),
           spread(res[s][0]["times"]["reindex"]),
           "%.0f%%" % spread(res[s][0]["times"]["reindex1"])
           if res[s][0]["times"].get("reindex1") else "not run",
           spread(res[s][0]["times"]["cmark"]),
           spread(res[s][0]["times"]["sqlite"])) for s in sizes) + ".")
    add("<!-- /bench:index -->")
    add("")

    add("<!-- bench:search -->")
    add("## Search latency")
    add("")
    add("%d queries (single words, two and three words, phrases, a prefix, "
        "and field filters), each run %d times after one warm-up per tool; "
        "the median and p99 (nearest rank) are over all query timings. Every "
        "timing is one whole process, so start-up is included for all three: "
        "`hindsight --db X search --limit 20 QUERY`, ripgrep (`rg -il w1 DIR`, "
        "and for several words `rg -il w1 DIR | xargs rg -il w2 ...`, using "
        "both cores) and the sqlite3 shell on the plain FTS5 table "
        "(`SELECT path FROM t WHERE t MATCH '...' ORDER BY rank LIMIT 20`). "
        "The peers cannot filter on fields, so `sev:1` becomes the text "
        "`sev ?1` and `tag:`/`service:`/`since:` become plain words. "
        "hindsight and sqlite3 run %d times per query, rg %d times."
        % (len(QUERIES), res[sizes[0]][1]["reps"],
           res[sizes[0]][1].get("pair_reps", res[sizes[0]][1]["reps"]),
           res[sizes[0]][1]["reps"]))
    add("")
    add("| files | hindsight median | hindsight p99 | rg median | rg p99 "
        "| sqlite3 median | sqlite3 p99 | rg / hindsight (goal 100x at 100k) "
        "| sqlite3 / hindsight |")
    add("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for s in sizes:
        ix, se = res[s]
        T = se["times"]
        m = {k: median(v) for k, v in T.items()}
        p = {k: p99(v) for k, v in T.items()}
        goal = ""
        if ix["size"] >= 100000:
            goal = " (met)" if m["rg"] / m["hindsight"] >= 100 else " (missed)"
        add("| %d | %s | %s | %s | %s | %s | %s | %.1fx%s | %.2fx |" % (
            ix["files"], ms(m["hindsight"]), ms(p["hindsight"]), ms(m["rg"]),
            ms(p["rg"]), ms(m["sqlite3"]), ms(p["sqlite3"]),
            m["rg"] / m["hindsight"], goal, m["sqlite3"] / m["hindsight"]))
    add("")
    st = json.load(open(os.path.join(w, "startup.json")))
    big = res[sizes[-1]][1]["times"]
    add("Process start-up alone (median of 30 runs of `hindsight --version`, "
        "`sqlite3 :memory: 'SELECT 1'`, `rg --version`): hindsight %s, "
        "sqlite3 %s, rg %s. For scale, the bare sqlite3 shell on the plain "
        "FTS5 table is %.0fx faster than rg at %d files, so that is about the "
        "most a one-process-per-query tool can reach with this method."
        % (ms(st["hindsight"]), ms(st["sqlite3"]), ms(st["rg"]),
           median(big["rg"]) / median(big["sqlite3"]), res[sizes[-1]][0]["files"]))
    add("")
    add("Ratios are of the medians (at p99: " + "; ".join(
        "%d files rg/hindsight %.1fx, sqlite3/hindsight %.2fx" % (
            res[s][0]["files"],
            p99(res[s][1]["times"]["rg"]) / p99(res[s][1]["times"]["hindsight"]),
            p99(res[s][1]["times"]["sqlite3"]) / p99(res[s][1]["times"]["hindsight"]))
        for s in sizes) + ").")
    add("")
    add("### Every query against the FTS5 floor")
    add("")
    add("Aim (issue 16): every query within 1.5x of the sqlite3 shell on the "
        "plain FTS5 table (the same text; a filter becomes the words above), "
        "at the median and at p99 of its own runs (nearest rank).")
    add("")
    add("| files | query | FTS5 floor query | hindsight median | p99 | sqlite3 median "
        "| p99 | ratio at median | ratio at p99 | met |")
    add("|---:|---|---|---:|---:|---:|---:|---:|---:|---|")
    met = {}
    for s in sizes:
        ix, se = res[s]
        ok_n = 0
        for q in se["per_query"]:
            if "p99" not in q:
                continue
            rm_ = q["median"]["hindsight"] / q["median"]["sqlite3"]
            rp = q["p99"]["hindsight"] / q["p99"]["sqlite3"]
            ok = rm_ <= 1.5 and rp <= 1.5
            ok_n += ok
            add("| %d | `%s` | `%s` | %s | %s | %s | %s | %.2fx | %.2fx | %s |" % (
                ix["files"], q["query"].replace("|", "\\|"),
                q.get("fts", "").replace("|", "\\|"), ms(q["median"]["hindsight"]),
                ms(q["p99"]["hindsight"]), ms(q["median"]["sqlite3"]),
                ms(q["p99"]["sqlite3"]), rm_, rp, "met" if ok else "missed"))
        met[s] = (ok_n, len(se["per_query"]))
    add("")
    add("Within 1.5x at the median and at p99: " + "; ".join(
        "%d files %d of %d queries (%s)" % (res[s][0]["files"], met[s][0], met[s][1],
                                           "met" if met[s][0] == met[s][1] else "missed")
        for s in sizes) + ".")
    for s in sizes:
        ix, se = res[s]
        add("")
        add("<details><summary>Per query, %d files: medians and hit counts</summary>"
            % ix["files"])
        add("")
        add("| query | hits: hindsight | rg | sqlite3 | median: hindsight | rg | sqlite3 |")
        add("|---|---:|---:|---:|---:|---:|---:|")
        for q in se["per_query"]:
            add("| `%s` | %s | %s | %s | %s | %s | %s |" % (
                q["query"].replace("|", "\\|"), q["hits"]["hindsight"],
                q["hits"]["rg"], q["hits"]["sqlite3"], ms(q["median"]["hindsight"]),
                ms(q["median"]["rg"]), ms(q["median"]["sqlite3"])))
        add("")
        add("</details>")
    add("<!-- /bench:search -->")
    add("")

    add("<!-- bench:size -->")
    add("## Index size and memory")
    add("")
    add("Database size is `X` + `X-wal` + `X-shm` after an index run; the "
        "floor is the plain FTS5 table. Peak memory is the maximum resident "
        "set size (`/usr/bin/time -f %M`): median over the index runs, and "
        "median and maximum over one extra run of each query (the rg "
        "pipelines report their largest process).")
    add("")
    add("| files | markdown | hindsight db (db + wal + shm) | db / markdown "
        "| plain FTS5 db | index max RSS | re-index max RSS "
        "| search max RSS median / max | rg max RSS median | sqlite3 max RSS median |")
    add("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for s in sizes:
        ix, se = res[s]
        db = ix["db_bytes"] + ix["wal_bytes"] + ix["shm_bytes"]
        add("| %d | %s | %s (%s + %s + %s) | %.2fx | %s | %s | %s | %s / %s | %s | %s |" % (
            ix["files"], mib(ix["md_bytes"]), mib(db), mib(ix["db_bytes"]),
            mib(ix["wal_bytes"]), mib(ix["shm_bytes"]), db / ix["md_bytes"],
            mib(ix["floor_bytes"]), mib(1024 * median(ix["rss"]["index"])),
            mib(1024 * median(ix["rss"]["reindex"])),
            mib(1024 * median(se["rss"]["hindsight"])),
            mib(1024 * max(se["rss"]["hindsight"])),
            mib(1024 * median(se["rss"]["rg"])),
            mib(1024 * median(se["rss"]["sqlite3"]))))
    add("")
    add("Markdown size is the sum of file sizes (`du` on the corpus: %s)."
        % "; ".join("%d files %s" % (res[s][0]["files"], mib(res[s][0]["du_md"]))
                    for s in sizes))
    add("<!-- /bench:size -->")
    add("")

    L.extend(extra.sections(w, sizes))
    sys.path.insert(0, os.path.join(os.environ["BENCH_ROOT"], "bench", "load"))
    import loadreport
    L.extend(loadreport.section(os.path.join(
        w, "load-%s.json" % os.environ.get("BENCH_LOAD_SIZE", "10000"))))
    add("<!-- bench:state -->")
    add("## Alert webhook with shared state")
    add("")
    add("`bench/state/run.sh corpus`: POST /api/alerts, one new alert per "
        "request, wrk at 64 connections, against the SQLite default and one "
        "and two replicas on one PostgreSQL 15 (docs/deploy.md).")
    add("")
    state_md = os.path.join(w, "state.md")
    L.extend(open(state_md).read().rstrip().split("\n")
             if os.path.exists(state_md) else ["(the state step failed)"])
    add("<!-- /bench:state -->")
    add("")

    add("<!-- bench:commands -->")
    add("## Commands")
    add("")
    add("```sh")
    add(open(cmds_file).read().rstrip())
    add("```")
    add("<!-- /bench:commands -->")
    add("")
    add("<!-- bench:noise -->")
    add("## Noise")
    add("")
    add("The machine is shared: other jobs run on the same %s cores (load "
        "average %s before and %s after the run), so single runs can be off "
        "by tens of percent. Read the medians and the ratios between tools "
        "measured in the same run, not absolute times, and compare runs only "
        "on the same machine. The spread of the index runs above shows how "
        "noisy this run was; for the later steps: %s. The HTTP benchmark "
        "shares the two cores between wrk and the server, and the similar "
        "benchmark's Python client adds its own time (see its 404 round "
        "trip)." % (meta["nproc"], meta["load_before"], meta["load_after"],
                   extra.noise_note(w, sizes) or "not run"))
    add("<!-- /bench:noise -->")
    with open(out, "w") as fh:
        fh.write("\n".join(L) + "\n")


def cmd_meta(a):
    w, seed, sizes, hs = a[0], a[1], a[2].split(), a[3]
    def first(argv):
        try:
            return subprocess.run(argv, capture_output=True, text=True).stdout.splitlines()[0].strip()
        except (OSError, IndexError):
            return "?"
    cpu = "?"
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    ram = "?"
    for line in open("/proc/meminfo"):
        if line.startswith("MemTotal"):
            ram = "%.1f GiB" % (int(line.split()[1]) / 1048576.0)
    sha = hashlib.sha256(open(hs, "rb").read()).hexdigest()
    built = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(os.path.getmtime(hs)))
    path = os.path.join(w, "meta.json")
    meta = json.load(open(path)) if os.path.exists(path) else {}
    load = "%.2f %.2f %.2f" % os.getloadavg()
    if not meta.get("sizes") or meta.get("done"):
        meta = dict(
            sizes=sizes, seed=seed, cpu=cpu, nproc=os.cpu_count(), ram=ram,
            kernel=platform.release(),
            date=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            hindsight="%s (binary sha256 %s..., built %s)" % (
                first([hs, "--version"]), sha[:12], built),
            sqlite3=first(["sqlite3", "--version"])[:40],
            ripgrep=first(["rg", "--version"]), python3=platform.python_version(),
            load_before=load)
        meta["cmark-gfm"] = first(["cmark-gfm", "--version"])
        meta["wrk"] = first(["wrk", "-v"])[:40]
        meta["hugo"] = first(["hugo", "version"]).split(" BuildDate")[0]
        meta["libmicrohttpd"] = first(["pkg-config", "--modversion", "libmicrohttpd"])
    else:
        meta["load_after"] = load
        meta["done"] = True
    json.dump(meta, open(path, "w"))


if __name__ == "__main__":
    cmd = sys.argv[1]
    {"index": cmd_index, "search": cmd_search, "report": cmd_report,
     "meta": cmd_meta, "startup": cmd_startup}[cmd](sys.argv[2:])
PYEOF

rm -f "$W/meta.json"
python3 "$LIB" meta "$W" "$SEED" "$SIZES" "$HS"

CMDS=$W/commands.txt
cat >"$CMDS" <<EOF
# once per size N; D=build/bench/corpus-N (files are timed from the page cache)
python3 bench/gen.py N D --seed $SEED
# index, from an empty database, then again unchanged (re-index); threads
# sampled from /proc/PID/status every 10 ms
rm -f hs.db*; ./build/hindsight --db hs.db index D
./build/hindsight --db hs.db index D
# only when \`hindsight index --help\` mentions --jobs: one thread, own database
rm -f hs1.db*; ./build/hindsight --db hs1.db index --jobs 1 D
# floor part 1: cmark-gfm parses every file
find D -name '*.md' -print0 | xargs -0 cmark-gfm -e table -e tasklist >/dev/null
# floor part 2: the sqlite3 shell fills a plain FTS5 table, one transaction
rm -f floor.db; sqlite3 floor.db <<'SQL'
CREATE VIRTUAL TABLE t USING fts5(path, body, tokenize='porter unicode61');
BEGIN;
INSERT INTO t(path, body) SELECT name, CAST(data AS TEXT) FROM fsdir('D') WHERE name LIKE '%.md';
COMMIT;
SQL
# search: each of the 30 queries in the per-query tables, then its peers
# (hindsight and sqlite3 ${SEARCH_FLOOR_REPS} runs per query, rg ${SEARCH_REPS})
./build/hindsight --db hs.db search --limit 20 connection pool >/dev/null
rg -il connection D | xargs -r rg -il pool >/dev/null
sqlite3 floor.db "SELECT path FROM t WHERE t MATCH 'connection pool' ORDER BY rank LIMIT 20" >/dev/null
# start-up alone
./build/hindsight --version; sqlite3 :memory: 'SELECT 1'; rg --version
# peak memory: each command once more under /usr/bin/time -f %M
# similar: 10/100/500/2000-word incidents and the Alertmanager fixture, CLI ...
./build/hindsight --db hs.db similar --json --limit 10 --stdin <build/bench/similar-500w.json
# ... and the same bodies to the server, keep-alive, one at a time (Python http.client)
./build/hindsight --db hs.db serve --listen 127.0.0.1:PORT --quiet &
curl -s -X POST --data-binary @build/bench/similar-500w.json 'http://127.0.0.1:PORT/api/similar?limit=10'
# reports, and their floor (the same lists with the sqlite3 shell; SQL in the reports section)
./build/hindsight --db hs.db report overdue --as-of 2026-11-24 --format json >/dev/null
./build/hindsight --db hs.db report weekly --as-of 2026-11-24 --format json >/dev/null
sqlite3 -readonly hs.db "SELECT json_object('as_of', '2026-11-24', 'overdue', ...)" >/dev/null
# HTTP under load: hindsight serve and the bare libmicrohttpd server
cc -O2 -pthread bench/mhd_min.c \$(pkg-config --cflags --libs libmicrohttpd) -o build/bench/mhd_min
build/bench/mhd_min PORT2 &
wrk -t2 -c64 -d10s --latency --timeout 30s http://127.0.0.1:PORT/api/health
wrk -t2 -c64 -d10s --latency --timeout 30s http://127.0.0.1:PORT2/api/health
# before every wrk run: wait until GET /api/health answers within 1 s (backlog drained)
wrk -t2 -c64 -d30s --latency --timeout 30s -s bench/wrk/rotate.lua http://127.0.0.1:PORT -- build/bench/paths-search.txt
wrk -t2 -c64 -d30s --latency --timeout 30s -s bench/wrk/rotate.lua http://127.0.0.1:PORT -- build/bench/paths-similar.txt
grep VmRSS /proc/\$(pidof -s hindsight)/status   # before, and after every wrk run
# the peer of /api/search: the minimal server under the same URLs
wrk -t2 -c64 -d10s --latency --timeout 30s -s bench/wrk/rotate.lua http://127.0.0.1:PORT2 -- build/bench/paths-search.txt
# live pages and list endpoints, on a copy of hs.db, each URL ${BENCH_PAGES_REPS:-30} times
cp hs.db pages.db; ./build/hindsight --db pages.db serve --listen 127.0.0.1:PORT --quiet &
curl -s -o /dev/null -w '%{http_code} %{time_total} %{size_download}' http://127.0.0.1:PORT/index.html
#   also /, /tags.html, /trends.html, /actions.html, /service/payment-api.html,
#   /tag/kubernetes.html, /pm/ID.html, /api/postmortems?limit=100&sort=-date&cursor=NEXT
#   (page 2, NEXT from data-next; with &tag=kubernetes for the tag page),
#   /api/action-items?overdue=true (default, &limit=1000, &cursor=NEXT)
# then, ${BENCH_PAGES_CHANGE_REPS:-10} times: rewrite C/bench-change.md, index it, ask its page once
./build/hindsight --db pages.db index C; curl ... http://127.0.0.1:PORT/pm/bench-change.html
# static site: fresh (empty folder), then unchanged; Hugo on the same files
rm -rf site; ./build/hindsight --db hs.db site --out site --as-of 2026-11-24
./build/hindsight --db hs.db site --out site --as-of 2026-11-24
rm -rf hugo-out; cp -r bench/hugo P; hugo --source P --contentDir "\$PWD/D" --quiet --minify=false -d "\$PWD/hugo-out"
hugo --source P --contentDir "\$PWD/D" --quiet --minify=false -d "\$PWD/hugo-out"
# load, on the ${LOAD_SIZE}-file corpus (bench/load/run.sh): serve on a fresh index, PORT its port
./build/hindsight --db l.db index --full build/bench/corpus-${LOAD_SIZE}   # in a loop for ${LOAD_SECONDS:-60} s, during both wrk
wrk -t2 -c$((${LOAD_CONNECTIONS:-256} / 2)) -d${LOAD_SECONDS:-60}s --timeout ${LOAD_TIMEOUT:-30s} --latency -s bench/load/mixed.lua http://127.0.0.1:PORT &
wrk -t1 -c$((${LOAD_CONNECTIONS:-256} / 2)) -d${LOAD_SECONDS:-60}s --timeout ${LOAD_TIMEOUT:-30s} --latency -s bench/load/alerts.lua http://127.0.0.1:PORT
python3 bench/load/slow.py PORT   # 200 slowloris, 8 flooders of 1 MiB bodies, 200 timed GET /api/health
EOF
# extra STEP N ARGS...: bench/extra.py STEP into $W/STEP-N.json, or a warning.
# Each step writes its JSON only when it completes, and the results of
# earlier runs are removed first, so a failed step cannot report old
# figures (and the site step can see which sizes of this run timed out). A
# failed step is reported and skipped: one broken command does not lose the
# rest of a long run.
for n in $SIZES; do
    for step in similar reports http pages site; do
        rm -f "$W/$step-$n.json" "$W/$step-$n.json.part"
    done
done
extra() {
    if python3 bench/extra.py "$@" >"$W/$1-$2.json.part"; then
        mv "$W/$1-$2.json.part" "$W/$1-$2.json"
    else
        echo "bench: step '$1' failed at $2 files; its section will say so" >&2
        failed="$failed $1-$2"
    fi
}

for n in $SIZES; do
    case $n in
    '' | *[!0-9]*) die "BENCH_SIZES must be numbers, not '$n'" ;;
    esac
    if [ -n "${BENCH_RUNS:-}" ]; then
        runs=$BENCH_RUNS
    elif [ "$n" -ge 50000 ]; then
        runs=3
    else
        runs=5
    fi
    corpus "$n"
    dir=$W/corpus-$n
    # Warm the page cache so every tool starts from the same state.
    find "$dir" -name '*.md' -print0 | xargs -0 cat >/dev/null

    echo "bench: $n files: index, re-index and floor, $runs runs"
    python3 "$LIB" index "$n" "$dir" "$HS" "$W" "$runs" >"$W/index-$n.json"
    echo "bench: $n files: search, $SEARCH_FLOOR_REPS repetitions per query ($SEARCH_REPS for rg)"
    python3 "$LIB" search "$n" "$dir" "$HS" "$W/hs-$n.db" "$W/floor-$n.db" \
        "$SEARCH_REPS" "$SEARCH_FLOOR_REPS" >"$W/search-$n.json"

    # The later steps use the index the index step left in hs-$n.db.
    echo "bench: $n files: similar (CLI and POST /api/similar)"
    extra similar "$n" "$dir" "$HS" "$W/hs-$n.db" "$W"
    echo "bench: $n files: report overdue and weekly"
    extra reports "$n" "$HS" "$W/hs-$n.db" "$W"
    echo "bench: $n files: HTTP under load (wrk)"
    extra http "$n" "$HS" "$W/hs-$n.db" "$W" "$MHD" "$ROOT"
    echo "bench: $n files: live pages and list endpoints (curl)"
    extra pages "$n" "$HS" "$W/hs-$n.db" "$W"
    echo "bench: $n files: static site against Hugo"
    extra site "$n" "$dir" "$HS" "$W/hs-$n.db" "$W" "$ROOT"
done
[ "$LOAD_SIZE" = 0 ] || load_step
state_step

python3 "$LIB" startup "$HS" 30 >"$W/startup.json"
python3 "$LIB" meta "$W" "$SEED" "$SIZES" "$HS"
python3 "$LIB" report "$W" "$OUT" "$CMDS"
echo "bench: wrote $OUT"
[ -z "$failed" ] || die "failed steps:$failed"
