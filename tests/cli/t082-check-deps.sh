#!/bin/sh
# t082: the dependency check catches a library the build would link but
# scripts/deps.sh does not install. The Makefile's own libraries pass; a
# library known to pkg-config here whose package is not in `deps.sh run`
# (any such .pc on this machine) fails with a message naming the package;
# an unknown pkg-config name fails too.
. "$REPO/tests/cli/lib.sh"
keep_going
command -v pkg-config >/dev/null 2>&1 || skip "no pkg-config"
command -v dpkg-query >/dev/null 2>&1 || skip "not a Debian system"

pkgs=$(make -s --no-print-directory -C "$REPO" \
    --eval 'hs-t082: ; @echo $(PKGS) -- $(PKG_NOPC)' hs-t082)
# shellcheck disable=SC2086
run sh "$REPO/scripts/check-deps.sh" $pkgs
assert_exit 0

run sh "$REPO/scripts/check-deps.sh" no-such-library-hs
assert_exit 1
assert_contains out "no-such-library-hs"

listed=" $(sh "$REPO/scripts/deps.sh" --print run) "
other=
for pc in $(pkg-config --list-all | awk '{print $1}'); do
    f=$(pkg-config --variable=pcfiledir "$pc")/$pc.pc
    p=$(dpkg-query -S "$f" 2>/dev/null | head -n 1 | sed 's/:.*//; s/,.*//')
    [ -n "$p" ] || continue
    case $listed in *" $p "*) continue ;; esac
    other=$pc
    break
done
if [ -n "$other" ]; then
    run sh "$REPO/scripts/check-deps.sh" sqlite3 "$other"
    assert_exit 1
    assert_contains out "does not install"
fi
finish
