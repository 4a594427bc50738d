#!/bin/sh
# make check-install: run `make install` into a temporary DESTDIR and use
# what it installed, as a user of the package would: every file in place,
# the program runs, the man page lints, the bash completion completes,
# `pkg-config --cflags --libs hindsight` answers and a ten-line C program
# built with it links and runs, the systemd units verify (when
# systemd-analyze can run here); then `make uninstall` leaves nothing.
#
#   MAKE=make B=build sh scripts/check-install.sh
set -eu
cd "$(dirname "$0")/.."
make=${MAKE:-make}
B=${B:-build}
prefix=/usr/local
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hindsight-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
dest=$tmp/root
root=$dest$prefix
bad=0
no() {
    echo "check-install: $*" >&2
    bad=1
}

$make --no-print-directory install B="$B" DESTDIR="$dest" PREFIX=$prefix \
    >"$tmp/install.log" 2>&1 || {
    cat "$tmp/install.log" >&2
    no "make install failed"
    exit 1
}

for f in bin/hindsight lib/libhindsight.a lib/pkgconfig/hindsight.pc \
    include/hindsight.h share/man/man1/hindsight.1 \
    share/bash-completion/completions/hindsight \
    share/doc/hindsight/systemd/hindsight.service \
    share/doc/hindsight/systemd/hindsight-weekly.service \
    share/doc/hindsight/systemd/hindsight-weekly.timer; do
    [ -f "$root/$f" ] || no "not installed: $prefix/$f"
done
[ -x "$root/bin/hindsight" ] || no "$prefix/bin/hindsight is not executable"
extra=$(cd "$dest" && find . -type f | sed 's|^\./|/|' |
    grep -v "^$prefix/\(bin\|lib\|include\|share\)/" || true)
[ -z "$extra" ] || no "installed outside $prefix: $extra"

"$root/bin/hindsight" --version | grep -q '^hindsight [0-9]' ||
    no "the installed program does not run"

mandoc -T lint -W warning "$root/share/man/man1/hindsight.1" ||
    no "man page warnings (above)"
for c in index search show similar report site serve check; do
    grep -q "^\.It Cm $c" "$root/share/man/man1/hindsight.1" ||
        no "man page does not cover the command $c"
done

# The completion, driven as bash drives it.
got=$(bash -c '. "$1"; COMP_WORDS=(hindsight report --format ""); COMP_CWORD=3
    _hindsight; echo "${COMPREPLY[*]}"' sh \
    "$root/share/bash-completion/completions/hindsight")
[ "$got" = "md html json csv" ] || no "completion of report --format: '$got'"

# pkg-config, and a program against the installed header and library.
# PKG_CONFIG_SYSROOT_DIR maps the installed paths into DESTDIR.
export PKG_CONFIG_PATH="$root/lib/pkgconfig"
export PKG_CONFIG_SYSROOT_DIR="$dest"
flags=$(pkg-config --cflags --libs hindsight) || no "pkg-config --cflags --libs hindsight failed"
[ "$(pkg-config --modversion hindsight)" = "$("$root/bin/hindsight" --version | cut -d' ' -f2)" ] ||
    no "hindsight.pc's version is not the program's"
cat >"$tmp/pm.md" <<'MD'
# Disk full on build-01
**Severity**: SEV2

## Root Cause
Logs were never rotated.
MD
cat >"$tmp/use.c" <<'C'
#include <hindsight.h>
#include <stdio.h>
int main(int argc, char **argv) {
    hs_postmortem *pm;
    hs_error err = {0, ""};
    if (argc < 2 || hs_postmortem_load(argv[1], "pm", &pm, &err) != 0)
        return fprintf(stderr, "%s\n", err.msg), 1;
    printf("%s: %s %s\n", HS_VERSION, hs_severity_name(pm->severity), pm->title);
    return hs_postmortem_free(pm), 0;
}
C
# shellcheck disable=SC2086
if ${CC:-cc} -std=c11 -Wall -Werror -o "$tmp/use" "$tmp/use.c" $flags 2>"$tmp/cc.log"; then
    out=$("$tmp/use" "$tmp/pm.md") || no "the program built with hindsight.pc failed"
    case $out in
    *"SEV2 Disk full on build-01") ;;
    *) no "the program built with hindsight.pc printed '$out'" ;;
    esac
else
    cat "$tmp/cc.log" >&2
    no "a program using hindsight.h does not build with: $flags"
fi

# The units as systemd reads them. systemd-analyze checks that ExecStart's
# program exists, so the copies verified here point into DESTDIR.
units=$root/share/doc/hindsight/systemd
if command -v systemd-analyze >/dev/null 2>&1 &&
    systemd-analyze --version >/dev/null 2>&1; then
    mkdir "$tmp/units"
    for u in "$units"/*; do
        grep -q "^Exec.*=$prefix/bin/hindsight " "$u" ||
            [ "${u%.timer}" != "$u" ] ||
            no "$(basename "$u") does not run $prefix/bin/hindsight"
        sed "s|$prefix/bin/hindsight|$root/bin/hindsight|" "$u" \
            >"$tmp/units/$(basename "$u")"
    done
    if ! systemd-analyze verify --man=no "$tmp/units"/* \
        >"$tmp/verify.log" 2>&1; then
        cat "$tmp/verify.log" >&2
        no "systemd-analyze verify refused the units"
    fi
else
    echo "check-install: no systemd-analyze; units not verified"
fi

$make --no-print-directory uninstall DESTDIR="$dest" PREFIX=$prefix \
    >"$tmp/uninstall.log" 2>&1 || no "make uninstall failed"
left=$(cd "$dest" && find . -type f)
[ -z "$left" ] || no "make uninstall left: $left"

[ $bad -eq 0 ] || exit 1
echo "check-install: make install into a DESTDIR works, pkg-config and the header link, make uninstall removes it all"
