# tests/cli/pg.sh: a PostgreSQL 15 of the test's own, and hindsight replicas
# sharing it. Source after lib.sh. Everything is on Unix sockets in a temp
# folder or on 127.0.0.1; the EXIT trap stops what was started and removes
# the folder.
#
#   pg_need              skip (77) unless PostgreSQL 15 can run here
#   pg_init              initdb into a new temp folder ($PGTMP); sets $PGURL
#   pg_up                pg_need, pg_init and pg_start: the usual start
#   pg_start, pg_stop, pg_restart   the server (Unix socket in $PGTMP only)
#   pg_sql SQL           run SQL through psql, rows as a|b lines on stdout
#   replica_index NAME   index the corpus into NAME.db
#   replica_start NAME PORT [ARGS]  serve NAME.db on 127.0.0.1:PORT (0: any)
#                        with --state $PGURL, stderr appended to NAME.log;
#                        sets NAME_pid, NAME_port, NAME_base
#   replica_stop NAME    SIGTERM and wait; replica_kill NAME: kill -9
#   pg_track PID         also stop PID at exit (alertmanager, haproxy)
#
# Tests run as root and PostgreSQL refuses to: initdb and the server run as
# the unprivileged user `nobody` (setpriv), owning $PGTMP.

PGBIN=/usr/lib/postgresql/15/bin
PGTMP=
PGURL=
pg_tracked=

pg_need() {
    [ -x $PGBIN/initdb ] && [ -x $PGBIN/pg_ctl ] ||
        skip "no PostgreSQL 15 in $PGBIN (Debian package postgresql-15)"
    [ -x $PGBIN/psql ] || skip "no $PGBIN/psql (postgresql-client-15)"
    command -v curl > /dev/null || skip "curl is not installed"
    command -v python3 > /dev/null || skip "python3 is not installed"
    if [ "$(id -u)" = 0 ]; then
        command -v setpriv > /dev/null ||
            skip "running as root without setpriv: cannot run postgres"
        id nobody > /dev/null 2>&1 ||
            skip "running as root and there is no user nobody for postgres"
    fi
    unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
    NO_PROXY='*'
    no_proxy='*'
    export NO_PROXY no_proxy
}

# Run a PostgreSQL program as nobody when we are root, from $PGTMP (the
# test's own folder is root's alone, and postgres wants a readable cwd).
pg_as() {
    if [ "$(id -u)" = 0 ]; then
        (cd "$PGTMP" && setpriv --reuid=nobody --regid=nogroup \
            --clear-groups -- "$@")
    else
        (cd "$PGTMP" && "$@")
    fi
}

pg_on_exit() {
    st=$?
    for p in $pg_tracked; do
        kill "$p" 2> /dev/null
    done
    sleep 0.2
    for p in $pg_tracked; do
        kill -9 "$p" 2> /dev/null
    done
    if [ -n "$PGTMP" ] && [ -d "$PGTMP" ]; then
        if [ $st -ne 0 ] && [ $st -ne 77 ]; then
            echo "--- postgres log (last 15 lines) ---" >&2
            tail -n 15 "$PGTMP/pg.log" 2> /dev/null | cut -c1-300 >&2
            for f in *.log; do
                [ -f "$f" ] || continue
                echo "--- $f (last 10 lines) ---" >&2
                tail -n 10 "$f" | cut -c1-300 >&2
            done
        fi
        pg_as $PGBIN/pg_ctl -D "$PGTMP/data" -m immediate -w stop \
            > /dev/null 2>&1
        rm -rf "$PGTMP"
    fi
    exit $st
}

pg_track() {
    pg_tracked="$pg_tracked $1"
}

pg_init() {
    PGTMP=$(mktemp -d /tmp/hs-pg.XXXXXX) || fail "cannot make a temp folder"
    trap pg_on_exit EXIT
    trap 'exit 143' TERM
    trap 'exit 130' INT
    [ "$(id -u)" = 0 ] && chown nobody:nogroup "$PGTMP"
    chmod 755 "$PGTMP"
    pg_as $PGBIN/initdb -D "$PGTMP/data" -A trust -U postgres -E UTF8 \
        --no-sync > "$PGTMP/initdb.log" 2>&1 ||
        fail "initdb failed: $(tail -n 5 "$PGTMP/initdb.log")"
    PGURL="postgresql:///postgres?host=$PGTMP&user=postgres"
}

# fsync off: a test never crashes the machine, only processes, and a
# PostgreSQL stopped or restarted by pg_ctl writes everything first.
pg_up() {
    pg_need
    pg_init
    pg_start
}

pg_start() {
    pg_as $PGBIN/pg_ctl -D "$PGTMP/data" -l "$PGTMP/pg.log" -w -t 30 \
        -o "-c listen_addresses='' -k $PGTMP -c fsync=off -c max_connections=200" \
        start > "$PGTMP/ctl.log" 2>&1 ||
        fail "pg_ctl start failed: $(cat "$PGTMP/ctl.log"; tail -n 5 "$PGTMP/pg.log")"
}

pg_stop() {
    pg_as $PGBIN/pg_ctl -D "$PGTMP/data" -m fast -w -t 30 stop \
        > "$PGTMP/ctl.log" 2>&1 || fail "pg_ctl stop failed: $(cat "$PGTMP/ctl.log")"
}

pg_restart() {
    pg_as $PGBIN/pg_ctl -D "$PGTMP/data" -l "$PGTMP/pg.log" -m fast -w -t 30 \
        -o "-c listen_addresses='' -k $PGTMP -c fsync=off -c max_connections=200" \
        restart > "$PGTMP/ctl.log" 2>&1 ||
        fail "pg_ctl restart failed: $(cat "$PGTMP/ctl.log")"
}

pg_sql() {
    $PGBIN/psql -X -q -At -v ON_ERROR_STOP=1 "$PGURL" -c "$1"
}

replica_index() {
    "$HINDSIGHT" --db "$1.db" index "$CORPUS" > "$1.index.out" 2>&1 ||
        fail "index for replica $1 failed: $(cat "$1.index.out")"
}

replica_start() {
    _name=$1
    _port=$2
    shift 2
    _lines=$(cat "$_name.log" 2> /dev/null | wc -l)
    "$HINDSIGHT" --db "$_name.db" serve --listen "127.0.0.1:$_port" \
        --state "$PGURL" "$@" >> "$_name.log" 2>&1 &
    _pid=$!
    pg_track $_pid
    _i=0
    while ! tail -n +$((_lines + 1)) "$_name.log" 2> /dev/null | grep -q 'port [0-9]'; do
        kill -0 $_pid 2> /dev/null ||
            fail "replica $_name exited: $(tail -n 5 "$_name.log")"
        _i=$((_i + 1))
        [ $_i -lt 200 ] || fail "replica $_name did not start in 10 s"
        sleep 0.05
    done
    _port=$(tail -n +$((_lines + 1)) "$_name.log" |
        sed -n 's/.*(port \([0-9]*\)).*/\1/p' | head -n 1)
    eval "${_name}_pid=$_pid ${_name}_port=$_port"
    eval "${_name}_base=http://127.0.0.1:$_port"
}

replica_stop() {
    eval "_pid=\$${1}_pid"
    kill -TERM "$_pid" 2> /dev/null
    wait "$_pid" 2> /dev/null
}

replica_kill() {
    eval "_pid=\$${1}_pid"
    kill -9 "$_pid" 2> /dev/null
    wait "$_pid" 2> /dev/null
}

# post_alert BASE FILE: POST FILE to BASE/api/alerts, print the status.
post_alert() {
    curl -s -m 10 -o post.out -w '%{http_code}' -H 'Content-Type: application/json' \
        --data-binary "@$2" "$1/api/alerts"
}
