#!/bin/sh
# t995: make eval asks similar the responder-style vague lines written for
# the project's own corpus/ (tests/eval/corpus-vague.jsonl) and prints
# their MRR@10 next to plain bm25, in its own row; it needs nothing from
# ../shared, so the row comes (and its guard holds) when the real
# postmortems are absent too.
. "$REPO/tests/cli/lib.sh"

command -v python3 >/dev/null 2>&1 || skip "python3 is absent"
n=$(grep -c . "$REPO/tests/eval/corpus-vague.jsonl")
run env HINDSIGHT_EVAL="$PWD/absent" python3 "$REPO/tests/eval/run.py" \
    "$HINDSIGHT" --min-corpus-vague 0.5 --sets corpus-vague
assert_exit 0
assert_not_contains out "styles-vague"
assert_contains out "corpus-vague   tune      hindsight similar ($n)"
assert_contains out "corpus-vague   tune      fts5 bm25, any term"
assert_contains out "icco half skipped"
# every line names a corpus/ postmortem and has no product names
python3 - "$REPO" <<'PY' || fail "corpus-vague.jsonl: a line is malformed"
import json, os, sys
repo = sys.argv[1]
for l in open(os.path.join(repo, "tests/eval/corpus-vague.jsonl")):
    q = json.loads(l)
    assert os.path.exists(os.path.join(repo, "corpus", q["answer"] + ".md")), q
    low = q["vague"].lower()
    for name in ("kafka", "redis", "pgbouncer", "postgres", "aws", "s3 ",
                 "coredns", "hikari", "kubernetes", "npm"):
        assert name not in low, (name, q["vague"])
PY
# the guard: an MRR@10 no ranking reaches fails the run
run env HINDSIGHT_EVAL="$PWD/absent" python3 "$REPO/tests/eval/run.py" \
    "$HINDSIGHT" --min-corpus-vague 1.01 --sets corpus-vague
assert_exit 1
assert_contains out "eval: corpus-vague MRR@10"
# a set it does not have is refused, not read as none
run python3 "$REPO/tests/eval/run.py" "$HINDSIGHT" --sets corpus-vag
assert_exit 1
assert_contains err "--sets takes names among corpus-vague, styles-vague"
