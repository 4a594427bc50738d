#!/bin/sh
# Install the Debian packages hindsight needs to build and test, if any are
# missing. As root it runs apt-get; otherwise it says what to install.
# Usage: scripts/deps.sh [extra-package...]
set -eu

pkgs="gcc make pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev
libsqlite3-dev libmicrohttpd-dev libjansson-dev libyaml-dev libcriterion-dev
valgrind clang-format curl python3 sqlite3 prometheus-alertmanager $*"

# The browser tests drive Debian's chromium with npm's playwright-core.
pkgs="$pkgs chromium"
command -v node >/dev/null 2>&1 || pkgs="$pkgs nodejs"
command -v npm >/dev/null 2>&1 || pkgs="$pkgs npm"

missing=""
for p in $pkgs; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
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
