#!/bin/sh
# Install the Debian packages hindsight needs, if any are missing. As root
# it runs apt-get; as another user it prints the command to run.
#
#   sh scripts/deps.sh run      what building and running needs (make run)
#   sh scripts/deps.sh check    that and what the tests need (make check)
#   sh scripts/deps.sh --print run|check    list the packages, install nothing
#   sh scripts/deps.sh --missing run|check  say what is missing, install nothing
#
# The build's libraries (PKGS in the Makefile) must come from packages of
# the run list: `make check-deps` checks that the two agree.
set -eu

action=install
case ${1:-} in
--print | --missing)
    action=${1#--}
    shift
    ;;
esac
mode=${1:-check}

# Building and running: the compiler, pkg-config, python3 (which embeds the
# web assets), the -dev packages of the libraries in the Makefile's PKGS and
# the runtime packages of those the program loads at first use (DLOPEN_SO:
# libcurl4 for report delivery, libpq5 for shared state in PostgreSQL,
# libmicrohttpd12 for serve).
run_pkgs="gcc make pkg-config python3 libcmark-gfm-dev
libcmark-gfm-extensions-dev libsqlite3-dev libmicrohttpd-dev libjansson-dev
libyaml-dev libcurl4-openssl-dev libpq-dev libcurl4 libpq5 libmicrohttpd12"

# Testing: Criterion, valgrind, clang-format, mandoc (the man page), curl
# and the sqlite3 shell for the CLI tests, a real Alertmanager for the
# end-to-end tests, a PostgreSQL 15 server and haproxy for the replica tests
# (t7xx), and Debian's chromium driven by npm's playwright-core for the
# browser tests.
check_pkgs="libcriterion-dev valgrind clang-format curl sqlite3 mandoc
prometheus-alertmanager postgresql-15 haproxy chromium"

case $mode in
run) pkgs=$run_pkgs ;;
check)
    pkgs="$run_pkgs $check_pkgs"
    command -v node >/dev/null 2>&1 || pkgs="$pkgs nodejs"
    command -v npm >/dev/null 2>&1 || pkgs="$pkgs npm"
    ;;
*)
    echo "usage: sh scripts/deps.sh [--print|--missing] run|check" >&2
    exit 2
    ;;
esac

if [ $action = print ]; then
    echo $pkgs
    exit 0
fi

missing=""
for p in $pkgs; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
        grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

if [ $action = missing ] || [ "$(id -u)" -ne 0 ]; then
    echo "hindsight needs these Debian packages:$missing" >&2
    echo "install them with: sudo apt-get install$missing" >&2
    exit 1
fi
echo "installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null || apt-get update
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing >/dev/null
# The Alertmanager package enables a service listening on every interface;
# the tests start their own, bound to loopback.
if command -v systemctl >/dev/null 2>&1; then
    systemctl disable --now prometheus-alertmanager >/dev/null 2>&1 || true
fi
