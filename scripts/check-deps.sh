#!/bin/sh
# Check that every library the build links comes from a Debian package that
# the dependency step installs for `make run`: a library added to the
# Makefile and forgotten in scripts/deps.sh fails here.
#
#   sh scripts/check-deps.sh PKG-CONFIG-NAME... [-- LIBRARY... [-- SONAME...]]
#
# (PKGS and, after --, PKG_NOPC of the Makefile: libraries linked by name
# because they ship no .pc file; after a second --, DLOPEN_SO: libraries the
# program loads at run time, whose runtime package must be listed too, as
# no -dev package is needed to run.)
set -eu
cd "$(dirname "$0")/.."
listed=" $(sh scripts/deps.sh --print run) "
bad=0

# The Debian package that holds file $1, or nothing.
owner() {
    dpkg-query -S "$1" 2>/dev/null | head -n 1 | sed 's/:.*//; s/,.*//'
}

check() { # what, file
    pkg=$(owner "$2")
    if [ -z "$pkg" ]; then
        echo "check-deps: $1: no Debian package owns '$2'"
        bad=1
    elif ! case $listed in *" $pkg "*) true ;; *) false ;; esac; then
        echo "check-deps: $1 comes from '$pkg', which scripts/deps.sh run does not install"
        bad=1
    fi
}

check_file() { # what, file name to find under the library folders
    so=$(find /usr/lib /usr/local/lib -name "$2" 2>/dev/null | head -n 1)
    if [ -z "$so" ]; then
        echo "check-deps: $1: not installed"
        bad=1
    else
        check "$1" "$so"
    fi
}

n=0
while [ $# -gt 0 ] && [ "$1" != -- ]; do
    pc=$1
    shift
    n=$((n + 1))
    dir=$(pkg-config --variable=pcfiledir "$pc" 2>/dev/null) || {
        echo "check-deps: pkg-config does not know '$pc'"
        bad=1
        continue
    }
    check "pkg-config $pc" "$dir/$pc.pc"
done
[ $# -gt 0 ] && shift
m=0
while [ $# -gt 0 ] && [ "$1" != -- ]; do
    lib=$1
    shift
    m=$((m + 1))
    check_file "-l$lib" "lib$lib.so"
done
[ $# -gt 0 ] && shift
for soname in "$@"; do
    check_file "$soname (loaded at run time)" "$soname"
done
[ $bad -eq 0 ] || exit 1
echo "check-deps: $n pkg-config libraries, $m more linked and $# loaded at run time come from packages of scripts/deps.sh run"
