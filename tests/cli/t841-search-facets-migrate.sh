#!/bin/sh
# t841: an index written before the facets column (schema 3/4: fts with 8
# columns, made here from a new one with the sqlite3 shell) still answers
# filters when opened read-only (through the labels tables), and the next
# `index` rebuilds the fts table in place (schema 5, no file re-read): the
# same ids, order and totals as a fresh index, for filters and words (the
# old index: the same ids and totals; its scores lack the facet tokens in
# the document lengths, so close ranks may swap).
. "$REPO/tests/cli/lib.sh"
command -v sqlite3 >/dev/null 2>&1 || skip "no sqlite3 shell"
keep_going

hs --db new.db index "$CORPUS"
assert_exit 0
cp new.db old.db
sqlite3 old.db <<'SQL' || fail "making a schema 4 index"
CREATE VIRTUAL TABLE fts8 USING fts5(title, summary, root_cause, impact,
  timeline, lessons, labels, body,
  tokenize = 'porter unicode61 remove_diacritics 2');
INSERT INTO fts8(rowid, title, summary, root_cause, impact, timeline, lessons,
  labels, body) SELECT rowid, title, summary, root_cause, impact, timeline,
  lessons, labels, body FROM fts;
DROP TABLE fts;
ALTER TABLE fts8 RENAME TO fts;
PRAGMA user_version = 4;
SQL

queries='tag:database|sev:1,2 pool|service:payment-api timeout|owner:sam|since:2025-01-01 until:2025-12-31|until:2024-06-30 database|tag:kubernetes deploy|connection pool'
same() { # DB WHAT ORDER: each query gives new.db's ids (ORDER: in order)
    IFS='|'
    for q in $queries; do
        IFS=' '
        # shellcheck disable=SC2086
        "$HINDSIGHT" --db new.db search --json --limit 1000 $q >want.json
        # shellcheck disable=SC2086
        "$HINDSIGHT" --db "$1" search --json --limit 1000 $q >got.json
        python3 - "$q" "$3" <<'PY' || fail "$2: '$q' differs from a fresh index"
import json, sys
w, g = json.load(open("want.json")), json.load(open("got.json"))
ids = lambda j: [r["id"] for r in j["results"]]
if sys.argv[2] != "ordered":
    ids = lambda j: sorted(r["id"] for r in j["results"])
if ids(w) != ids(g) or w["total"] != g["total"] or not w["total"]:
    sys.exit("%s: want %d %s, got %d %s" % (sys.argv[1], w["total"], ids(w),
                                           g["total"], ids(g)))
PY
        IFS='|'
    done
    IFS=' '
}
same old.db "read-only schema 4 index" any
hs --db old.db index "$CORPUS"
assert_exit 0
assert_contains out "unchanged 44"
assert_eq "$(sqlite3 old.db 'PRAGMA user_version')" 5 "schema after index"
assert_eq "$(sqlite3 old.db "SELECT count(*) FROM fts WHERE facets != ''")" 44 \
    "rows with facets"
same old.db "migrated index" ordered
finish
