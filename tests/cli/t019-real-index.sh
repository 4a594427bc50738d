#!/bin/sh
# t019: the real public postmortems (../shared/real-postmortems; skipped when
# absent) index with failed 0: dfds, posthog, chia and icco-eval/corpus in
# one run, every .md added, re-run all unchanged; searching them works. The
# folders are read in place and never copied or modified.
. "$REPO/tests/cli/lib.sh"
need_real
keep_going

dirs="$REAL/dfds $REAL/posthog $REAL/chia $REAL/icco-eval/corpus"
n=0
for d in $dirs; do
    [ -d "$d" ] || skip "no $d"
    n=$((n + $(find "$d" -name '*.md' ! -path '*/.*' | wc -l)))
done
[ "$n" -gt 100 ] || fail "only $n real postmortems found"
(cd "$REAL" && find . -name '*.md' -exec cksum {} + | LC_ALL=C sort) >before

hs index $dirs
assert_exit 0
assert_line out "added $n, updated 0, removed 0, unchanged 0, failed 0"
if [ -s err ]; then
    grep -v -i 'warning' err >errors || true
    [ ! -s errors ] || fail "index of the real postmortems reported errors"
fi

hs index $dirs
assert_exit 0
assert_line out "added 0, updated 0, removed 0, unchanged $n, failed 0"

hs search --json prometheus
assert_exit 0
assert_json out 'any(r["id"] == "PM2022-001-Prometheus-is-down-with-connection-refused-errors" for r in j["results"])' \
    "search prometheus finds the dfds Prometheus postmortem"
hs search --json feature flags
assert_exit 0
assert_json out 'j["total"] >= 1' "search 'feature flags' on posthog"

(cd "$REAL" && find . -name '*.md' -exec cksum {} + | LC_ALL=C sort) >after
diff before after >/dev/null || fail "the real postmortems changed"
finish
