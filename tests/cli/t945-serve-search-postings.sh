#!/bin/sh
# t945: serve's workers rank questions of plain words, "phrases" and
# prefixes from the postings they keep in memory (rank.c); the CLI ranks
# with FTS5. Every answer of /api/search (results, order, scores, totals)
# is the CLI's, for questions that share words (lists just read and lists
# kept), and after an index run adds a postmortem the server's answers
# follow it (the kept lists were of the old index), those of /api/similar
# too (its ranking reads row lengths through a blob handle that must not
# keep a worker on the old index).
# cli: long
. "$REPO/tests/cli/lib.sh"
command -v curl >/dev/null || skip "curl is not installed"
keep_going

python3 "$REPO/bench/gen.py" 300 corpus --seed 7 >/dev/null || fail "gen.py"
hs --db index.db index corpus
assert_exit 0
HINDSIGHT_DB=$PWD/index.db
export HINDSIGHT_DB
start_serve --quiet

# same QUERY: the CLI's answer and the server's, reduced to what a
# ranking decides
same() {
    hs --db index.db search --json --limit 20 -- "$1"
    assert_exit 0
    cp out cli.json
    q=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1")
    curl -s -o http.json "$base/api/search?limit=20&q=$q" ||
        fail "$1: curl"
    python3 - "$1" <<'PY' || fail "$1: /api/search is not the CLI's answer"
import json, sys
def key(path):
    j = json.load(open(path))
    return j["total"], [(r["id"], r["score"]) for r in j["results"]]
a, b = key("cli.json"), key("http.json")
if a != b:
    sys.exit("%s\ncli  %s\nhttp %s" % (sys.argv[1], a, b))
PY
}

for _ in 1 2; do
    for q in timeout 'timeout database' 'database timeout' 'rollback deploy' \
        '"connection pool" timeout' 'migrat* database' 'timeout timeout' \
        'zzqxnotaword timeout' 'deploy rollback canary'; do
        same "$q"
    done
done

# similar, asked often enough that every worker has ranked with hs_sim
sim='{"symptoms":["zebrafrobnicator timeout storm in the billing database"]}'
for _ in 1 2 3 4 5 6; do
    curl -s -o sim.json -X POST -H 'Content-Type: application/json' \
        --data-binary "$sim" "$base/api/similar?limit=3" || fail "similar"
    assert_json sim.json "len(j['results']) == 3" "similar before"
done

# an index run that adds a postmortem: the server answers from the new index
cat >corpus/zz-new.md <<'MD'
# Timeout storm in the billing database

## Summary

A database timeout storm: every billing request hit a timeout in the
zebrafrobnicator.

## Root cause

A database timeout of 1 s on a pool of 2 connections.
MD
hs --db index.db index corpus
assert_exit 0
same 'timeout database'
same 'billing timeout'
for _ in 1 2 3 4 5 6; do
    curl -s -o sim.json -X POST -H 'Content-Type: application/json' \
        --data-binary "$sim" "$base/api/similar?limit=3" || fail "similar"
    assert_json sim.json "j['results'][0]['id'].endswith('zz-new')" \
        "similar after the index run: the new postmortem first"
done
stop_serve
finish
