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

Usage: extract.py HINDSIGHT [--min FIELD=X ...] [--errors TUNE] [--only FIELD]

--errors TUNE lists the files of the tune half that a field gets wrong, with
label and extracted value (`--show tune` is the old spelling). It refuses
the held-out half: looking at those errors would spend the honest figure.
Fails (exit 1) when a held-out field is below its --min. Skips (exit 0) when
../shared is absent.
"""
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

FIELDS = ["date", "severity", "duration", "root_cause", "n_actions",
          "action_f1", "status", "owner", "n_timeline"]


def half(path):
    """TUNE or HELD-OUT, fixed by the path alone."""
    return "tune" if hashlib.sha1(path.encode()).digest()[0] % 2 == 0 else "held"


def norm(s):
    s = (s or "").lower()
    s = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", s)
    return re.sub(r"[^0-9a-z]+", "", s)


def load_labels():
    files = [os.path.join(SHARED, "labels.jsonl")]
    ldir = os.path.join(HERE, "labels")
    files += sorted(os.path.join(ldir, f) for f in os.listdir(ldir)
                    if f.endswith(".jsonl"))
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


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    binary = sys.argv[1]
    mins, show, only = {}, None, None
    args = sys.argv[2:]
    i = 0
    while i < len(args):
        if args[i] == "--min":
            k, v = args[i + 1].split("=")
            mins[k] = float(v)
        elif args[i] in ("--show", "--errors"):
            show = args[i + 1].lower()
            if show != "tune":
                sys.exit("extract.py: %s takes TUNE only; the held-out "
                         "half's errors stay unseen" % args[i])
        elif args[i] == "--only":
            only = args[i + 1]
        i += 2
    if not os.path.isdir(SHARED):
        print("eval extract: skipped, %s is absent" % SHARED)
        return 0
    results = {"tune": {}, "held": {}}
    failures = []
    for label in load_labels():
        path = os.path.join(SHARED, label["file"])
        if not os.path.exists(path):
            continue
        p = subprocess.run([binary, "show", "--json", "--file", path],
                           capture_output=True, text=True)
        if p.returncode != 0:
            print("eval extract: %s: %s" % (label["file"], p.stderr.strip()))
            rec = {}
        else:
            rec = json.loads(p.stdout)
        r = score(label, rec)
        org = label["file"].split("/")[0]
        h = half(label["file"])
        results[h].setdefault(org, []).append(r)
        if show == h:
            for f in FIELDS[:5] + ["n_timeline"]:
                if (only is None or only == f) and not r[f]:
                    failures.append((label["file"], f, label, rec))
            if only == "action_f1" and (r["_tp"] != r["_nw"] or
                                        r["_tp"] != r["_ng"]):
                failures.append((label["file"], "action_f1", label, rec))
    for h, name in (("tune", "TUNE half"), ("held", "HELD-OUT half")):
        groups = sorted(results[h].items())
        allrows = [r for _, rows in groups for r in rows]
        table(name, groups + [("all", allrows)])
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
    held = summarise([r for rows in results["held"].values() for r in rows])
    bad = [f for f, m in mins.items() if held.get(f, 1.0) < m]
    if bad:
        print("\neval extract: held-out below threshold: " + ", ".join(
            "%s %.2f < %.2f" % (f, held[f], mins[f]) for f in bad))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
