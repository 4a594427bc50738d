#!/bin/sh
# t830: the related lists and families are stored by `index` and follow
# incremental runs: a file added (a repeat of an earlier incident) joins its
# family and the earlier one's related list, a file edited out of it and a
# file removed leave both; the static site reads the same lists as the index
# (the index's `related` table, link for link), and an index run that
# changes nothing keeps them.
. "$REPO/tests/cli/lib.sh"

orig=2024-01-23-auth-service-connection-pool-exhaustion
new=2026-12-01-auth-service-pool-exhausted-again
index_copy
# related_of ID: the ids of ID's related list on the static site
related_of() {
    rm -rf site
    "$HINDSIGHT" site --out site --as-of 2026-12-02 >/dev/null 2>&1 ||
        fail "site failed"
    python3 - "$1" <<'PY'
import re, sys
page = open(f"site/pm/{sys.argv[1]}.html", encoding="utf-8").read()
m = re.search(r'<ol class="hs-similar">(.*?)</ol>', page, re.S)
print(" ".join(re.findall(r'href="\.\./pm/([^"]+)\.html"', m.group(1))) if m else "")
PY
}
before=$(related_of $orig)
python3 - <<'PY' || fail "the index's related table is not the site's lists"
import os, re, sqlite3
db = sqlite3.connect("hindsight.db")
rows = {}
for pm, other in db.execute("SELECT pm, other FROM related ORDER BY pm, rank"):
    rows.setdefault(pm, []).append(other)
n = 0
for f in os.listdir("site/pm"):
    page = open(os.path.join("site/pm", f), encoding="utf-8").read()
    m = re.search(r'<ol class="hs-similar">(.*?)</ol>', page, re.S)
    links = re.findall(r'href="\.\./pm/([^"]+)\.html"', m.group(1)) if m else []
    assert links == rows.get(f[:-5], []), (f, links, rows.get(f[:-5]))
    n += bool(links)
assert n >= 40, n
PY
[ -n "$before" ] || fail "$orig has no related list after index"
case " $before " in *" $new "*) fail "$new related before it exists" ;; esac

# added: a repeat of $orig, one day later
sed 's/^# Incident Postmortem: Merchant Login Failures 2024-01-23/# Merchant login failures again/' \
    corpus/$orig.md >corpus/$new.md
hs index corpus
assert_exit 0
assert_contains out "added 1"
hs families --json $orig
assert_json out "'$new' in [m['id'] for f in j['families'] for m in f['members']]" \
    "the repeat joins the family"
case " $(related_of $orig) " in
*" $new "*) ;;
*) fail "the added repeat is not among $orig's related: $(related_of $orig)" ;;
esac

# nothing changed: the lists stay
hs index corpus
assert_contains out "unchanged 45"
case " $(related_of $orig) " in
*" $new "*) ;;
*) fail "a run that changed nothing lost the related list" ;;
esac

# edited into another incident: gone from the family and the list
cat >corpus/$new.md <<'MD'
---
title: Quokka pen gate left open
date: 2026-12-01
---
# Quokka pen gate left open
## Summary
The wombat enclosure latch rusted.
MD
hs index corpus
assert_contains out "updated 1"
case " $(related_of $orig) " in
*" $new "*) fail "the edited file is still among $orig's related" ;;
esac
hs families --json $orig
assert_json out "'$new' not in [m['id'] for f in j['families'] for m in f['members']]" \
    "the edited file left the family"

# removed: the list is the one before it was added
sed 's/^# Incident Postmortem: Merchant Login Failures 2024-01-23/# Merchant login failures again/' \
    corpus/$orig.md >corpus/$new.md
hs index corpus
rm corpus/$new.md
hs index corpus
assert_contains out "removed 1"
assert_eq "$(related_of $orig)" "$before" "related list after the remove"
python3 - <<'PY' || fail "a page still links to the removed file"
import os
for f in os.listdir("site/pm"):
    assert "auth-service-pool-exhausted-again" not in open(os.path.join("site/pm", f)).read(), f
PY

# an index of schema 3 had no related table: the first run, changing
# nothing, computes it
python3 - <<'PY' || fail "could not make a schema 3 index"
import sqlite3
db = sqlite3.connect("hindsight.db")
db.executescript("DROP TABLE related; PRAGMA user_version = 3;")
PY
hs index corpus
assert_exit 0
assert_contains out "unchanged 44"
assert_eq "$(related_of $orig)" "$before" "related list after the upgrade"

# a run committed and its families not (a crash between the two): the
# next run, changing nothing, computes them
python3 - <<'PY' || fail "could not drop the families"
import sqlite3
db = sqlite3.connect("hindsight.db")
db.execute("DELETE FROM families WHERE pm IN (SELECT rowid FROM postmortems LIMIT 3)")
db.commit()
PY
hs index corpus
assert_contains out "unchanged 44"
python3 - <<'PY' || fail "the families were not computed again"
import sqlite3
db = sqlite3.connect("hindsight.db")
n = db.execute("SELECT count(*) FROM postmortems p WHERE NOT EXISTS "
               "(SELECT 1 FROM families f WHERE f.pm = p.rowid)").fetchone()[0]
assert n == 0, n
PY
