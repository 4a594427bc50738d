"""Run README.md's cheap examples and compare what they print with what the
README shows (t956), so the README cannot drift from the program.

  readme_examples.py README.md

Run in a folder holding a copy of corpus/ and the example inputs, with a
`hindsight` on PATH. What is run:

- each `$ hindsight ...` line of a ```console block: its stdout then its
  stderr must be the lines shown under it, up to the next `$ ` line; a line
  `...` alone (or `  - ...`, the rest of a list) stands for any number of
  lines. A `$ echo $?` line checks the exit status of the command before
  it. A command shown without output must at least not be a usage error
  (exit 2);
- each `hindsight ...` line of a ```sh block: exit 0;
- the weekly-example block: its first lines, from the command its comment
  names.

A `--post http://127.0.0.1:PORT/...` runs against a socket of this test that
listens on another port and never answers (the port is replaced in the
command and in the lines shown). Commands that need a server, the network or
another program (serve, --post @FILE, --mail, curl, make) are not run, nor the examples of the sections other
helpers keep (extraction, similar ranking, input promises), which SKIP_SECTIONS
names. Prints one line per example; exits 1 if any differs.
"""
import re
import socket
import subprocess
import sys

RUN = {"index", "search", "similar", "show", "check", "report", "site",
       "families"}
SKIP_WORDS = ("--post @", "--mail")
SKIP_SECTIONS = ("What hindsight reads", "Similar incidents: how the ranking",
                 "What hindsight promises about input")


def blocks(text):
    """Yield (section, language, first line number, lines, comment before)."""
    section = ""
    lines = text.split("\n")
    i = 0
    depth = {}
    while i < len(lines):
        line = lines[i]
        m = re.match(r"^(#{2,4}) (.*)", line)
        if m:
            level = len(m.group(1))
            depth[level] = m.group(2)
            for k in list(depth):
                if k > level:
                    del depth[k]
            section = " / ".join(depth[k] for k in sorted(depth))
        m = re.match(r"^```(\w*)\s*$", line)
        if m:
            before = lines[i - 1] if i else ""
            j = i + 1
            while j < len(lines) and lines[j] != "```":
                j += 1
            yield section, m.group(1), i + 2, lines[i + 1:j], before
            i = j
        i += 1


def runnable(cmd):
    words = cmd.split()
    if len(words) < 2 or words[0] != "hindsight" or words[1] not in RUN:
        return False
    return not any(w in cmd for w in SKIP_WORDS)


def run(cmd):
    p = subprocess.run(["sh", "-c", cmd], capture_output=True, timeout=60)
    out = (p.stdout + p.stderr).decode("utf-8", "replace")
    return p.returncode, out.split("\n")[:-1] if out.endswith("\n") else \
        out.split("\n")


def matches(want, got):
    """want's lines in order; a line `...` (or `  - ...`, a list's rest)
    stands for any number of lines of got."""
    if not want:
        return not got
    if re.fullmatch(r"\s*(- )?\.\.\.", want[0]):
        return any(matches(want[1:], got[k:]) for k in range(len(got) + 1))
    return bool(got) and got[0] == want[0] and matches(want[1:], got[1:])


def diff(want, got):
    return "\n".join(["    README shows:"] + ["      | " + w for w in want] +
                     ["    the program printed:"] +
                     ["      | " + g for g in got[:40]])


def main():
    text = open(sys.argv[1], encoding="utf-8").read()
    bad = 0
    ran = 0
    compared = set()
    for section, lang, first, lines, before in blocks(text):
        if any(s in section for s in SKIP_SECTIONS):
            continue
        if lang == "console":
            k = 0
            last_rc = None
            while k < len(lines):
                line = lines[k]
                k += 1
                if not line.startswith("$ "):
                    continue
                cmd = line[2:]
                want = []
                while k < len(lines) and not lines[k].startswith("$ "):
                    want.append(lines[k])
                    k += 1
                while want and want[-1] == "":
                    want.pop()
                where = "README.md:%d" % (first + k - len(want) - 2)
                if cmd.strip() == "echo $?":
                    if last_rc is None:
                        continue
                    ran += 1
                    if want != [str(last_rc)]:
                        bad += 1
                        print("FAIL %s: exit status %s, README shows %s" %
                              (where, last_rc, want))
                    continue
                last_rc = None
                if not runnable(cmd):
                    continue
                silent = None
                m = re.search(r"--post http://127\.0\.0\.1:(\d+)/", cmd)
                if m:
                    silent = socket.socket()
                    silent.bind(("127.0.0.1", 0))
                    silent.listen(8)
                    old = "127.0.0.1:" + m.group(1)
                    new = "127.0.0.1:%d" % silent.getsockname()[1]
                    cmd = cmd.replace(old, new)
                    want = [w.replace(old, new) for w in want]
                rc, got = run(cmd)
                if silent:
                    silent.close()
                last_rc = rc
                ran += 1
                if not want:
                    ok = rc != 2
                    why = "is a usage error (exit 2)"
                else:
                    ok = matches(want, got)
                    why = "prints other lines\n" + diff(want, got)
                    if ok:
                        compared.add(cmd.split()[1])
                print("%s %s: $ %s" % ("ok" if ok else "FAIL", where, cmd))
                if not ok:
                    bad += 1
                    print("  " + why)
        elif lang == "sh":
            for n, line in enumerate(lines):
                cmd = line.strip()
                if not runnable(cmd):
                    continue
                rc, got = run(cmd)
                ran += 1
                where = "README.md:%d" % (first + n)
                print("%s %s: $ %s" % ("ok" if rc == 0 else "FAIL", where,
                                       cmd))
                if rc != 0:
                    bad += 1
                    print("  exit status %d\n%s" % (rc, diff([], got)))
                else:
                    compared.add(cmd.split()[1] + " (exit 0)")
        elif lang == "markdown":
            m = re.search(r"weekly-example: generated by `([^`]*)`", before)
            if not m:
                continue
            cmd = m.group(1)
            rc, got = run(cmd)
            ran += 1
            want = list(lines)
            if want and want[-1] == "...":
                want.pop()
            ok = rc == 0 and matches(want + ["..."], got)
            where = "README.md:%d" % first
            print("%s %s: $ %s (first lines)" % ("ok" if ok else "FAIL",
                                                 where, cmd))
            if ok:
                compared.add("report")
            else:
                bad += 1
                print(diff(want, got))
    # The examples this test exists for must have been found and compared:
    # a README edit that hides them from the parser must not pass quietly.
    for need in ("index", "search", "similar", "show", "check", "report",
                 "site"):
        if need not in compared:
            bad += 1
            print("FAIL: no README example of '%s' was compared" % need)
    print("%d examples run, %d differ" % (ran, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
