# tests/cli/lib.sh: helpers sourced by every tests/cli/tNNN-*.sh.
#
# run.sh starts each test in a fresh temp dir (its cwd) with HINDSIGHT (the
# binary, absolute) and REPO (the repository root) exported. A test exits 0
# when it passes, 1 (through fail) when a check fails, 77 (through skip) when
# it cannot run here. Checks name what they checked, so a failure reads as a
# bug report: the check, the command, its exit status, stdout and stderr.
#
#   run CMD ARGS...        run a command: stdout in ./out, stderr in ./err,
#                          exit status in $rc (never stops the test)
#   hs ARGS...             run "$HINDSIGHT" ARGS...
#   assert_exit N          $rc is N
#   assert_contains F T    file F contains text T (fixed string)
#   assert_not_contains F T
#   assert_contains_i / assert_not_contains_i   the same, ignoring case
#   assert_line F T        some line of F is exactly T
#   assert_empty F, assert_not_empty F
#   assert_eq GOT WANT WHAT
#   assert_json F EXPR [WHAT]   F parses as JSON and the python expression
#                          EXPR (j is the parsed value) is true
#   json_get F EXPR        print EXPR evaluated on the JSON in F
#   usage_error WORD ARGS...   hindsight ARGS is a usage error: exit 2,
#                          nothing on stdout, stderr mentions WORD (if given)
#   index_copy [N]         copy the corpus to ./corpus, with N generated
#                          postmortems in corpus/gen, and index it
#   shared_index N         ./hindsight.db: index_copy N's index, made once
#                          a run for every test that asks (run.sh's
#                          HS_CLI_SHARED; alone, index_copy N), for tests
#                          that only read it: its files stay in the shared
#                          folder, where the index's paths point
#   index_dump DB          every table of the index DB by postmortem id
#                          (a changed file gets a new rowid), sorted
#   same_as_full WHAT      ./hindsight.db equals a fresh full index of
#                          ./corpus (full.db), table for table (index_dump)
#   edit_summary F WORDS   add WORDS to the summary of F (or its first line)
#   as_nobody              $as_user: the prefix that runs a command as user
#                          65534 when we are root (root ignores file modes)
#   raw_request BYTES      send BYTES (Python escapes: \r\n, \x1b) to the
#                          server start_serve started, and close
#   cpu_ms PID             CPU time (user + system, all threads) that process
#                          PID has used so far, in milliseconds: what a test
#                          of a server's cost measures, as the wall-clock
#                          time grows with whatever else the machine runs
#   fail MESSAGE, skip REASON, need_real
#   keep_going             from here on a failed check is reported and the
#                          test goes on; finish then exits 1 if any failed
#   finish                 end of a test that called keep_going

: "${HINDSIGHT:?HINDSIGHT must be the absolute path of build/hindsight}"
: "${REPO:?REPO must be the repository root}"
unset HINDSIGHT_DB
CORPUS=$REPO/corpus
REAL=$(dirname "$REPO")/shared/real-postmortems
rc=0
last_cmd='(no command run yet)'
last_is_cmd=yes
keep_going=no
nfailed=0

# Print the last command and its output (indented) to stderr.
show_last() {
    if [ $last_is_cmd = no ]; then
        printf '  check: %s\n' "$last_cmd" >&2
        return
    fi
    {
        printf '  command: %s\n  exit status: %s\n' "$last_cmd" "$rc"
        if [ -f out ]; then
            printf '  stdout (first 15 lines):\n'
            head -n 15 out | cut -c1-240 | sed 's/^/    | /'
        fi
        if [ -f err ]; then
            printf '  stderr (first 15 lines):\n'
            head -n 15 err | cut -c1-240 | sed 's/^/    | /'
        fi
    } >&2
}

fail() {
    printf 'FAIL: %s\n' "$*" >&2
    show_last
    [ $keep_going = yes ] || exit 1
    nfailed=$((nfailed + 1))
    return 1
}

keep_going() {
    keep_going=yes
}

finish() {
    if [ $nfailed -gt 0 ]; then
        echo "$nfailed check(s) failed" >&2
        exit 1
    fi
    exit 0
}

skip() {
    printf '%s\n' "$*"
    exit 77
}

need_real() {
    [ -d "$REAL" ] || skip "no real postmortems at $REAL"
}

usage_error() {
    want=$1
    shift
    hs "$@"
    assert_exit 2 || return
    assert_empty out
    assert_not_empty err
    [ -z "$want" ] || assert_contains err "$want"
}

index_copy() {
    cp -r "$CORPUS" corpus
    if [ -n "${1:-}" ]; then
        python3 "$REPO/bench/gen.py" "$1" corpus/gen --seed 3 > /dev/null ||
            fail "bench/gen.py $1"
    fi
    hs index corpus
    assert_exit 0
}

shared_index() {
    if [ -z "${HS_CLI_SHARED:-}" ]; then
        index_copy "$1"
        return
    fi
    _d=$HS_CLI_SHARED/index-$1
    # the first test to ask makes it; the others wait for the lock
    (
        flock 9 || exit 1
        [ -f "$_d/ok" ] && exit 0
        rm -rf "$_d" && mkdir -p "$_d" && cd "$_d" || exit 1
        cp -r "$CORPUS" corpus &&
            python3 "$REPO/bench/gen.py" "$1" corpus/gen --seed 3 >/dev/null ||
            exit 1
        "$HINDSIGHT" index corpus >index.out 2>&1 && : >ok
    ) 9>"$_d.lock"
    [ -f "$_d/ok" ] ||
        fail "the shared index of corpus/ and $1 generated postmortems: $(cat "$_d/index.out" 2>/dev/null)"
    cp "$_d"/hindsight.db* .
}

index_dump() {
    sqlite3 "$1" <<'SQL'
.mode list
SELECT 'pm', id, path, abspath, root, hash, size, mtime, title, date,
  severity, duration, record FROM postmortems ORDER BY id;
SELECT 'ai', p.id, a.seq, a.action, a.owner, a.due, a.status
  FROM action_items a JOIN postmortems p ON p.rowid = a.pm ORDER BY 2, 3;
SELECT 'lb', p.id, l.kind, l.value FROM labels l
  JOIN postmortems p ON p.rowid = l.pm ORDER BY 2, 3, 4;
SELECT 'fts', p.id, f.title, f.summary, f.root_cause, f.impact, f.timeline,
  f.lessons, f.labels, f.body, f.facets FROM fts f
  JOIN postmortems p ON p.rowid = f.rowid ORDER BY 2;
SELECT 'vocab', term, doc, cnt FROM fts_vocab ORDER BY term;
SELECT 'df', term, df FROM term_df ORDER BY term;
SELECT 'rel', pm, rank, other, weight, terms FROM related ORDER BY pm, rank;
SELECT 'fam', p.id, f.family FROM families f
  JOIN postmortems p ON p.rowid = f.pm ORDER BY 2;
SELECT 'fam-rows', count(*) FROM families;
SELECT 'rt', hex(key), hex(terms) FROM related_terms ORDER BY 2;
SELECT 'tables', group_concat(name, ' ') FROM (SELECT name FROM sqlite_master
  WHERE type = 'table' ORDER BY name);
SQL
}

same_as_full() {
    rm -f full.db full.db-wal full.db-shm
    "$HINDSIGHT" --db full.db index corpus > /dev/null 2>&1 ||
        fail "$1: the fresh full index failed"
    index_dump hindsight.db > inc.txt
    index_dump full.db > full.txt
    [ -s full.txt ] || fail "$1: nothing dumped"
    grep -q '^rel|' full.txt || fail "$1: no related rows to compare"
    grep -q '^rt|' full.txt || fail "$1: no related_terms rows"
    cmp -s inc.txt full.txt ||
        fail "$1: not the same as a full index: $(diff inc.txt full.txt | head -5 | cut -c1-200)"
}

edit_summary() {
    python3 - "$1" "$2" <<'PY'
import sys
p, words = sys.argv[1], sys.argv[2]
lines = open(p).read().split("\n")
i = lines.index("## Summary") + 1 if "## Summary" in lines else 0
while i < len(lines) and not lines[i].strip():
    i += 1
lines[i] += " " + words
open(p, "w").write("\n".join(lines))
PY
}

as_nobody() {
    as_user=
    [ "$(id -u)" = 0 ] || return 0
    command -v setpriv >/dev/null 2>&1 ||
        skip "running as root and no setpriv to drop privileges"
    as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
    $as_user "$HINDSIGHT" --version >/dev/null 2>&1 ||
        skip "running as root and user 65534 cannot run $HINDSIGHT"
    chmod 755 .
}

raw_request() {
    python3 - "$port" "$1" <<'PY'
import socket, sys
data = sys.argv[2].encode("latin-1").decode("unicode_escape")
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)
s.sendall(data.encode("latin-1"))
try:
    s.recv(4096)
except OSError:
    pass
s.close()
PY
}

cpu_ms() {
    awk -v hz="$(getconf CLK_TCK)" '{
        sub(/^.*\) /, "")  # the name, in parentheses, may hold spaces
        printf "%d\n", ($12 + $13) * 1000 / hz
    }' "/proc/$1/stat"
}

checking() {
    last_cmd=$*
    last_is_cmd=no
}

run() {
    last_cmd=$*
    last_is_cmd=yes
    "$@" >out 2>err
    rc=$?
    return 0
}

hs() {
    run "$HINDSIGHT" "$@"
    last_cmd="hindsight $*"
}

assert_exit() {
    [ "$rc" = "$1" ] || fail "exit status should be $1, was $rc"
}

assert_contains() {
    grep -qF -- "$2" "$1" || fail "$1 should contain '$2'"
}

assert_not_contains() {
    if grep -qF -- "$2" "$1"; then fail "$1 should not contain '$2'"; fi
}

assert_contains_i() {
    grep -qiF -- "$2" "$1" || fail "$1 should contain '$2' (any case)"
}

assert_not_contains_i() {
    if grep -qiF -- "$2" "$1"; then
        fail "$1 should not contain '$2' (any case)"
    fi
}

assert_line() {
    grep -qxF -- "$2" "$1" || fail "$1 should have the line '$2'"
}

assert_empty() {
    [ ! -s "$1" ] || fail "$1 should be empty"
}

assert_not_empty() {
    [ -s "$1" ] || fail "$1 should not be empty"
}

assert_eq() {
    [ "$1" = "$2" ] || fail "$3: got '$1', expected '$2'"
}

# assert_json FILE EXPR [WHAT]: EXPR is a python expression over j.
assert_json() {
    python3 -c '
import json, sys
try:
    with open(sys.argv[1], encoding="utf-8") as f:
        j = json.load(f)
except Exception as e:
    print("not JSON: %s" % e, file=sys.stderr)
    sys.exit(3)
sys.exit(0 if eval(sys.argv[2]) else 1)
' "$1" "$2" 2>json.err
    case $? in
    0) ;;
    3) fail "$1 should be JSON ($(cat json.err))" ;;
    *) fail "${3:-JSON check} failed: $2 $(cat json.err)" ;;
    esac
}

# json_get FILE EXPR: strings as they are, anything else as JSON.
json_get() {
    python3 -c '
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    j = json.load(f)
v = eval(sys.argv[2])
print(v if isinstance(v, str) else json.dumps(v))
' "$1" "$2"
}

# start_serve [ARGS...]: start `hindsight serve --listen 127.0.0.1:0 ARGS` in
# the background with stderr in ./serve.log, wait (at most 5 s) for the port
# it bound, and set $pid, $port and $base; an EXIT trap stops it.
start_serve() {
    # a second start must not read the first server's port from an old log
    # before the new process has truncated it (seen under load)
    rm -f serve.log
    "$HINDSIGHT" serve --listen 127.0.0.1:0 "$@" 2> serve.log &
    pid=$!
    trap 'kill $pid 2>/dev/null' EXIT
    _i=0
    while ! grep -q 'port [0-9]' serve.log; do
        _i=$((_i + 1))
        [ $_i -lt 100 ] || fail "serve did not start: $(cat serve.log)"
        sleep 0.05
    done
    port=$(sed -n 's/.*(port \([0-9]*\)).*/\1/p' serve.log | head -1)
    base=http://127.0.0.1:$port
}

# start_receiver MODE: run tests/cli/webhook_receiver.py in MODE in
# ./rcv-MODE, wait (at most 5 s) for its port, and set $origin and $url
# ($origin/services/$secret; set $secret first). An EXIT trap stops every
# receiver started.
start_receiver() {
    mkdir -p "rcv-$1"
    python3 "$REPO/tests/cli/webhook_receiver.py" "$1" "rcv-$1" &
    rpids="${rpids:-} $!"
    trap 'kill $rpids 2>/dev/null' EXIT
    _i=0
    while [ ! -s "rcv-$1/port" ]; do
        _i=$((_i + 1))
        [ $_i -lt 100 ] || { fail "receiver $1 did not start"; return; }
        sleep 0.05
    done
    origin="http://127.0.0.1:$(cat "rcv-$1/port")"
    url="$origin/services/$secret"
}

# stop_serve: SIGTERM, and the exit status must be 0.
stop_serve() {
    kill -TERM $pid
    wait $pid || fail "serve exit status after SIGTERM: $?"
    trap - EXIT
}
