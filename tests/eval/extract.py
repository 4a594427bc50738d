#!/usr/bin/env python3
"""Extraction check: what `hindsight show --file --json` reads from real
postmortems, scored against hand labels (LABELING.md in the shared set).

Labels: ../shared/real-postmortems/labels.jsonl plus tests/eval/labels/*.jsonl
(file paths relative to ../shared/real-postmortems). The files are split
deterministically into a TUNE half and a HELD-OUT half by a hash of the path:
look at failures on the tune half only, so the held-out figure stays an honest
estimate of how extraction does on house styles it was not tuned on.

Per organisation and field it prints the share of files right (date,
severity, duration within 10% or 5 minutes with null matching only null,
root cause present, action item count, timeline entry count), and for action
items matched by text (a label's action is a prefix of the extracted one,
compared case- and punctuation-insensitively) the micro F1 and, over matched
items, the share whose status and owner agree.

A third row set, STYLES, scores tests/fixtures/styles/: fictional
postmortems written in the project from public templates of house styles the
real set lacks (SRE workbook, Atlassian, PagerDuty, Azure PIR, Confluence ...),
hand-labelled in tests/fixtures/styles/labels.jsonl the same way. It runs
even when ../shared is absent.

Usage: extract.py HINDSIGHT [--min FIELD=X ...] [--min-styles FIELD=X ...]
                  [--errors TUNE|STYLES] [--only FIELD] [--styles GLOB]

--errors TUNE lists the files of the tune half that a field gets wrong, with
label and extracted value (`--show tune` is the old spelling); --errors
STYLES does the same for the styles fixtures. --styles GLOB scores only the
styles files whose names match GLOB ('b14-*': one batch's reading alone). It refuses the held-out half:
looking at those errors would spend the honest figure.
Fails (exit 1) when a held-out field is below its --min, or a styles field
below its --min-styles. Skips the real set (still scoring the styles) when
../shared is absent.
"""
import fnmatch
import hashlib
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
# ../shared beside the clone; a git worktree one level further down finds it
# one level further up.
SHARED = next((d for d in (
    os.path.join(os.path.dirname(REPO), "shared", "real-postmortems"),
    os.path.join(os.path.dirname(os.path.dirname(REPO)), "shared",
                 "real-postmortems")) if os.path.isdir(d)),
    os.path.join(os.path.dirname(REPO), "shared", "real-postmortems"))

STYLES = os.path.join(REPO, "tests", "fixtures", "styles")

FIELDS = ["date", "severity", "duration", "root_cause", "n_actions",
          "action_f1", "status", "owner", "n_timeline"]


def half(path):
    """TUNE or HELD-OUT, fixed by the path alone."""
    return "tune" if hashlib.sha1(path.encode()).digest()[0] % 2 == 0 else "held"


def norm(s):
    s = (s or "").lower()
    s = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", s)
    return re.sub(r"[^0-9a-z]+", "", s)


def load_labels(files):
    out = []
    for f in files:
        if not os.path.exists(f):
            continue
        for line in open(f, encoding="utf-8"):
            if line.strip():
                out.append(json.loads(line))
    return out


def duration_ok(want, got):
    if want is None or got is None:
        return want is None and got is None
    return abs(want - got) <= max(5, 0.1 * want)


def match_actions(want, got):
    """Greedy one-to-one matching of labelled prefixes to extracted items."""
    used = set()
    pairs = []
    for w in want:
        p = norm(w["action"])
        for j, g in enumerate(got):
            if j in used:
                continue
            t = norm(g.get("action"))
            if p and (t.startswith(p) or (len(t) >= 12 and p.startswith(t))):
                used.add(j)
                pairs.append((w, g))
                break
    return pairs


def owner_ok(w, g):
    a, b = norm(w.get("owner")), norm(g.get("owner"))
    if not a or not b:
        return not a and not b
    return a in b or b in a


def score(label, rec):
    """Per-file results: field -> bool, plus counts for the F1 fields."""
    r = {}
    r["date"] = label.get("date") == rec.get("date")
    r["severity"] = label.get("severity") == rec.get("severity")
    r["duration"] = duration_ok(label.get("duration_minutes"),
                                rec.get("duration_minutes"))
    r["root_cause"] = bool(label.get("root_cause_present")) == \
        bool((rec.get("root_cause") or "").strip())
    want = label.get("action_items") or []
    got = rec.get("action_items") or []
    r["n_actions"] = len(want) == len(got)
    pairs = match_actions(want, got)
    r["_tp"], r["_nw"], r["_ng"] = len(pairs), len(want), len(got)
    r["_st"] = sum(1 for w, g in pairs if w.get("status") == g.get("status"))
    r["_ow"] = sum(1 for w, g in pairs if owner_ok(w, g))
    tl = label.get("timeline_events") or 0
    r["n_timeline"] = tl == len(rec.get("timeline") or [])
    return r


def summarise(rows):
    n = len(rows)
    s = {}
    for f in ["date", "severity", "duration", "root_cause", "n_actions",
              "n_timeline"]:
        s[f] = sum(1 for r in rows if r[f]) / n if n else 1.0
    tp = sum(r["_tp"] for r in rows)
    nw = sum(r["_nw"] for r in rows)
    ng = sum(r["_ng"] for r in rows)
    prec = tp / ng if ng else 1.0
    rec = tp / nw if nw else 1.0
    s["action_f1"] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    s["status"] = sum(r["_st"] for r in rows) / tp if tp else 1.0
    s["owner"] = sum(r["_ow"] for r in rows) / tp if tp else 1.0
    return s


def table(title, groups):
    print("\n%s" % title)
    head = "%-22s %4s " % ("organisation", "n") + " ".join(
        "%10s" % f for f in FIELDS)
    print(head)
    for name, rows in groups:
        s = summarise(rows)
        print("%-22s %4d " % (name, len(rows)) + " ".join(
            "%9.0f%%" % (100 * s[f]) for f in FIELDS))


def real_label_files():
    ldir = os.path.join(HERE, "labels")
    return [os.path.join(SHARED, "labels.jsonl")] + sorted(
        os.path.join(ldir, f) for f in os.listdir(ldir)
        if f.endswith(".jsonl"))


def extract(binary, path, name):
    """The record `show --json --file` gives, or {} when it fails."""
    p = subprocess.run([binary, "show", "--json", "--file", path],
                       capture_output=True, text=True)
    if p.returncode != 0:
        print("eval extract: %s: %s" % (name, p.stderr.strip()))
        return {}
    return json.loads(p.stdout)


def collect(failures, name, label, rec, r, only):
    """Append the fields file NAME gets wrong to FAILURES."""
    for f in FIELDS[:5] + ["n_timeline"]:
        if (only is None or only == f) and not r[f]:
            failures.append((name, f, label, rec))
    if only == "action_f1" and (r["_tp"] != r["_nw"] or
                                r["_tp"] != r["_ng"]):
        failures.append((name, "action_f1", label, rec))


def below(rows, mins, what):
    """The complaint for the fields of ROWS under their minimum, or None."""
    s = summarise(rows)
    bad = [f for f, m in mins.items() if s.get(f, 1.0) < m]
    if not bad:
        return None
    return "%s below threshold: " % what + ", ".join(
        "%s %.2f < %.2f" % (f, s[f], mins[f]) for f in bad)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    binary = sys.argv[1]
    mins, smins, show, only, glob = {}, {}, None, None, "*"
    args = sys.argv[2:]
    i = 0
    while i < len(args):
        if args[i] == "--min":
            k, v = args[i + 1].split("=")
            mins[k] = float(v)
        elif args[i] == "--min-styles":
            k, v = args[i + 1].split("=")
            smins[k] = float(v)
        elif args[i] in ("--show", "--errors"):
            show = args[i + 1].lower()
            if show not in ("tune", "styles"):
                sys.exit("extract.py: %s takes TUNE or STYLES only; the "
                         "held-out half's errors stay unseen" % args[i])
        elif args[i] == "--only":
            only = args[i + 1]
        elif args[i] == "--styles":
            glob = args[i + 1]
        i += 2
    failures = []
    styles = []
    for label in load_labels([os.path.join(STYLES, "labels.jsonl")]):
        if not fnmatch.fnmatch(label["file"], glob):
            continue
        rec = extract(binary, os.path.join(STYLES, label["file"]),
                      label["file"])
        r = score(label, rec)
        styles.append(r)
        if show == "styles":
            collect(failures, label["file"], label, rec, r, only)
    table("STYLES (tests/fixtures/styles%s)" % (
        "" if glob == "*" else "/" + glob), [("styles", styles)])
    complaints = [below(styles, smins, "eval extract: styles")]
    if not os.path.isdir(SHARED):
        print("eval extract: real set skipped, %s is absent" % SHARED)
    else:
        complaints.append(score_real(binary, show, only, mins, failures))
    for f, field, label, rec in failures:
        print("\n--- %s: %s" % (f, field))
        print(" label:", {k: label.get(k) for k in (
            "date", "severity", "duration_minutes", "root_cause_present",
            "timeline_events")}, "actions", len(label["action_items"]))
        print(" got:  ", {k: rec.get(k) for k in (
            "date", "severity", "duration_minutes")},
            "rc", bool(rec.get("root_cause")), "actions",
            len(rec.get("action_items") or []),
            "timeline", len(rec.get("timeline") or []))
    complaints = [c for c in complaints if c]
    for c in complaints:
        print("\n" + c)
    return 1 if complaints else 0


def score_real(binary, show, only, mins, failures):
    """Score the real labelled set by halves; the held-out complaint."""
    results = {"tune": {}, "held": {}}
    for label in load_labels(real_label_files()):
        path = os.path.join(SHARED, label["file"])
        if not os.path.exists(path):
            continue
        rec = extract(binary, path, label["file"])
        r = score(label, rec)
        org = label["file"].split("/")[0]
        h = half(label["file"])
        results[h].setdefault(org, []).append(r)
        if show == h:
            collect(failures, label["file"], label, rec, r, only)
    for h, name in (("tune", "TUNE half"), ("held", "HELD-OUT half")):
        groups = sorted(results[h].items())
        allrows = [r for _, rows in groups for r in rows]
        table(name, groups + [("all", allrows)])
    return below([r for rows in results["held"].values() for r in rows],
                 mins, "eval extract: held-out")


if __name__ == "__main__":
    sys.exit(main())
