#!/bin/sh
# t021: every real postmortem (skipped when ../shared/real-postmortems is
# absent) gets a title, unless it genuinely has none: the explicit list
# below, plus icco-eval files whose front matter has no title: and whose
# text has no level-1 heading (those must have title null, not an invented
# one). icco-eval files get their front matter uuid as id, and their front
# matter title as title.
. "$REPO/tests/cli/lib.sh"
need_real
keep_going

dirs="$REAL/dfds $REAL/posthog $REAL/chia $REAL/icco-eval/corpus"
for d in $dirs; do
    [ -d "$d" ] || skip "no $d"
done
hs index $dirs
assert_exit 0
assert_contains out "failed 0"

# Files with no title anywhere (no front matter title, no heading that
# names the incident).
cat >no-title.txt <<'TXT'
posthog/2024-02-28-decide-is-down.md
chia/2021-05-09-negative-coin-values.md
chia/2021-05-10-WikiAttack.md
TXT

checking "title and id of every real postmortem"
python3 - "$HINDSIGHT" "$REAL" <<'PY' || fail "titles or ids of real postmortems (see above)"
import json, os, re, subprocess, sys
hs, real = sys.argv[1], sys.argv[2]
no_title = set(open("no-title.txt").read().split())
bad, n = [], 0

def front_matter(text):
    m = re.match(r"---\n(.*?)\n---\n", text, re.S)
    return (m.group(1), text[m.end():]) if m else ("", text)

for d in ("dfds", "posthog", "chia", "icco-eval/corpus"):
    for name in sorted(os.listdir(os.path.join(real, d))):
        if not name.endswith(".md"):
            continue
        rel = d + "/" + name
        text = open(os.path.join(real, d, name), encoding="utf-8").read()
        fm, body = front_matter(text)
        if d.startswith("icco"):
            m = re.search(r"^uuid:\s*(\S+)\s*$", fm, re.M)
            ident = m.group(1).strip("'\"") if m else None
            if not ident:
                bad.append(rel + ": test data: no uuid")
                continue
        else:
            ident = name[:-3]
        p = subprocess.run([hs, "show", "--json", ident], capture_output=True, text=True)
        if p.returncode != 0:
            bad.append("%s: show --json %s: exit %d %s" % (rel, ident, p.returncode, p.stderr.strip()))
            continue
        rec = json.loads(p.stdout)
        n += 1
        if rec["id"] != ident:
            bad.append("%s: id %r, expected %r" % (rel, rec["id"], ident))
        fm_title = re.search(r"^title:\s*(.+?)\s*$", fm, re.M)
        has_h1 = re.search(r"^#\s+\S", body, re.M) or re.search(r"^\S.*\n=+\s*$", body, re.M)
        genuinely_none = rel in no_title or (d.startswith("icco") and not fm_title and not has_h1)
        if genuinely_none:
            if d.startswith("icco") and rec["title"] is not None:
                bad.append("%s: has no title, got invented %r" % (rel, rec["title"]))
        elif not (isinstance(rec["title"], str) and rec["title"].strip()):
            bad.append("%s: no title" % rel)
        if fm_title and d.startswith("icco"):
            want = fm_title.group(1)
            if want[:1] in "'\"" and want[-1:] == want[:1]:
                want = want[1:-1]
            if rec["title"] != want:
                bad.append("%s: title %r, front matter says %r" % (rel, rec["title"], want))
for rel in sorted(no_title):
    if not os.path.exists(os.path.join(real, rel)):
        bad.append(rel + ": listed as having no title but missing")
if n < 150:
    bad.append("only %d postmortems checked" % n)
for b in bad:
    print(b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
finish
