#!/bin/sh
# Build the libFuzzer targets of tests/fuzz/ with clang, ASan and UBSan into
# build-fuzz/, replay tests/fuzz/regressions/, then fuzz each target for
# FUZZ_SECONDS and print what it did. `make fuzz` runs this.
#
# Environment:
#   FUZZ_SECONDS   seconds per target (default 60)
#   FUZZ_TARGETS   which targets (default "parse query incident tmpl webhook
#                  frontmatter config http concepts")
#   FUZZ_CC        the compiler (default clang; needs libFuzzer)
#   FUZZ_BUILD=0   use the binaries already in build-fuzz/
#   FUZZ_REPLAY=0  skip replaying tests/fuzz/regressions/
#   FUZZ_ARGS      more libFuzzer flags, e.g. "-jobs=2" or "-seed=1"
#   HS_FUZZ_SIMILAR=1  fuzz_incident also runs hs_similar (slower)
#
# While fuzzing, HS_FUZZ_SKIP_KNOWN=1 makes a target skip inputs that hit
# bugs already saved in tests/fuzz/regressions/ (is_known_bug in
# fuzz_parse.c), so the fuzzer looks for new ones; the replay runs without
# it, so those bugs fail the run until they are fixed.
#
# Each target fuzzes a working corpus, build-fuzz/corpus-NAME, that starts
# as a copy of tests/fuzz/seeds/NAME and keeps what it finds across runs.
# Crash, leak, timeout and OOM inputs go to build-fuzz/crashes/. Exit
# status 1 if any target crashed or any regression input still fails.
set -u

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 2
OUT=build-fuzz
CC=${FUZZ_CC:-clang}
SECONDS_EACH=${FUZZ_SECONDS:-60}
TARGETS=${FUZZ_TARGETS:-parse query incident tmpl webhook frontmatter config http concepts}
SAN="-fsanitize=address,undefined -fno-sanitize-recover=all"
CFLAGS_FUZZ="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g -O1 \
-fno-omit-frame-pointer $SAN -fno-common -Iinclude -Isrc"
# The library's warnings are the Makefile's business; the harnesses get these.
WARN="-Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla \
-Wundef"

# Options per target: the largest input, and the seconds one input may take.
max_len() {
    case $1 in
    parse) echo 32768 ;;    # real postmortems are 2-20 KB
    query) echo 9000 ;;     # HS_QUERY_MAX_BYTES is 8192: cross it
    incident) echo 16384 ;; # webhook bodies
    tmpl) echo 16384 ;;
    webhook) echo 65536 ;;  # grown to 1 MiB bodies and deep nesting inside
    frontmatter) echo 65536 ;; # deep and wide YAML; regressions are larger
    config) echo 65536 ;;   # hindsight.yml: aliases, many keys
    http) echo 4096 ;;      # form bodies, Host, cursors, ids
    concepts) echo 65536 ;; # thesaurus lines, then an incident's text
    *) echo 4096 ;;
    esac
}

# Sources of src/app/ a target needs (the library is the other layers).
app_src() {
    case $1 in
    http) echo src/app/http_guard.c ;;
    esac
}

die() {
    echo "fuzz: $*" >&2
    exit 2
}

build() {
    command -v "$CC" >/dev/null 2>&1 || die "$CC not found (install clang)"
    # The libraries' flags come from the Makefile, which has the one list.
    # shellcheck disable=SC2016
    PKG_CFLAGS=$(make --no-print-directory -s pkgcheck \
        --eval 'hs-fuzz-print: ; @echo $(PKG_CFLAGS)' hs-fuzz-print) ||
        die "pkg-config: missing libraries"
    # shellcheck disable=SC2016
    PKG_LIBS=$(make --no-print-directory -s \
        --eval 'hs-fuzz-print: ; @echo $(PKG_LIBS)' hs-fuzz-print)
    # The generated sources (web assets, the thesaurus) come from the
    # normal build; without the thesaurus fuzz_incident did not link.
    GEN_SRC="build/gen/assets.c build/gen/concepts.c"
    # shellcheck disable=SC2086
    make --no-print-directory -s $GEN_SRC || die "make failed"
    # shellcheck disable=SC2016
    LIB_SRC=$(make --no-print-directory -s \
        --eval 'hs-fuzz-print-lib-src: ; @echo $(LIB_SRC)' \
        hs-fuzz-print-lib-src) || die "cannot read LIB_SRC from the Makefile"
    mkdir -p "$OUT/obj"
    # Rebuild the library when any source, header or this script is newer.
    stale=1
    # shellcheck disable=SC2086 # GEN_SRC is two paths without spaces
    [ -f "$OUT/libhindsight-fuzz.a" ] &&
        [ -z "$(find src include $GEN_SRC data tests/fuzz/run.sh \
            -newer "$OUT/libhindsight-fuzz.a" | head -n 1)" ] && stale=0
    if [ $stale = 1 ]; then
        echo "fuzz: building the library with $CC (ASan, UBSan, libFuzzer)"
        rm -f "$OUT"/obj/*.o "$OUT/libhindsight-fuzz.a"
        for src in $LIB_SRC $GEN_SRC; do
            # named by path: gen/concepts.c and query/concepts.c are two
            obj=$OUT/obj/$(printf '%s' "${src%.c}" | tr / _).o
            # shellcheck disable=SC2086
            $CC $CFLAGS_FUZZ -fsanitize=fuzzer-no-link $PKG_CFLAGS \
                -c "$src" -o "$obj" || die "cannot compile $src"
        done
        ar rcs "$OUT/libhindsight-fuzz.a" "$OUT"/obj/*.o || die "ar failed"
    fi
    for t in $TARGETS; do
        [ -f "tests/fuzz/fuzz_$t.c" ] || die "no target tests/fuzz/fuzz_$t.c"
        # shellcheck disable=SC2086
        $CC $CFLAGS_FUZZ $WARN -fsanitize=fuzzer $PKG_CFLAGS \
            -DHS_FUZZ_CORPUS_DIR="\"$ROOT/corpus\"" \
            "tests/fuzz/fuzz_$t.c" $(app_src "$t") "$OUT/libhindsight-fuzz.a" $PKG_LIBS \
            -o "$OUT/fuzz_$t" || die "cannot build fuzz_$t"
    done
}

# Replay tests/fuzz/regressions/NAME-*: each must now run clean.
replay() {
    t=$1
    n=0
    bad=0
    for f in tests/fuzz/regressions/"$t"-*; do
        [ -f "$f" ] || continue
        [ $n = 0 ] && echo "fuzz: $t: replaying tests/fuzz/regressions/$t-*"
        n=$((n + 1))
        # no -max_len here: libFuzzer would cut the file to it
        if ! "$OUT/fuzz_$t" -timeout=10 -rss_limit_mb=2048 \
            "$f" >"$OUT/replay.log" 2>&1; then
            bad=$((bad + 1))
            echo "  still fails: $f"
            grep -m1 -E '^==[0-9]+== ?ERROR|runtime error|^fuzz_[a-z]+: ' \
                "$OUT/replay.log" | cut -c1-160 | sed 's/^/    /'
        else
            # a timeout bug can pass on a fast, idle machine: say so
            ms=$(sed -n 's/^Executed .* in \([0-9]*\) ms$/\1/p' "$OUT/replay.log")
            [ "${ms:-0}" -gt 2000 ] && echo "  slow ($ms ms, limit 10 s): $f"
        fi
    done
    [ $n -gt 0 ] && echo "fuzz: $t: $((n - bad)) of $n regression inputs pass"
    return $bad
}

# The value of "stat::NAME:" in a log, or "?".
stat_of() {
    v=$(sed -n "s/^stat::$1: *//p" "$2" | tail -n 1)
    echo "${v:-?}"
}

fuzz_one() {
    t=$1
    corpus=$OUT/corpus-$t
    log=$OUT/fuzz-$t.log
    mkdir -p "$corpus" "$OUT/crashes"
    if [ -d "tests/fuzz/seeds/$t" ]; then
        for s in tests/fuzz/seeds/"$t"/*; do
            [ -f "$s" ] && [ ! -f "$corpus/seed-$(basename "$s")" ] &&
                cp "$s" "$corpus/seed-$(basename "$s")"
        done
    fi
    dict=
    [ -f "tests/fuzz/$t.dict" ] && dict="-dict=tests/fuzz/$t.dict"
    touch "$OUT/.start-$t"
    echo "fuzz: $t for ${SECONDS_EACH}s (log: $log)"
    # shellcheck disable=SC2086
    HS_FUZZ_SKIP_KNOWN=1 "$OUT/fuzz_$t" -max_total_time="$SECONDS_EACH" \
        -max_len="$(max_len "$t")" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$OUT/crashes/$t-" $dict ${FUZZ_ARGS:-} \
        "$corpus" >"$log" 2>&1
    rc=$?
    found=$(find "$OUT/crashes" -name "$t-*" -newer "$OUT/.start-$t")
    covline=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -n 1)
    cov=$(echo "$covline" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
    ft=$(echo "$covline" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
    printf '  %-9s execs %s  exec/s %s  cov %s  ft %s  corpus %s files\n' \
        "$t" "$(stat_of number_of_executed_units "$log")" \
        "$(stat_of average_exec_per_sec "$log")" "${cov:-?}" "${ft:-?}" \
        "$(find "$corpus" -type f | wc -l)"
    if [ $rc -ne 0 ] || [ -n "$found" ]; then
        echo "  $t: CRASH (exit $rc):"
        grep -m1 -E '^==[0-9]+== ?ERROR|runtime error|^fuzz_[a-z]+:|out-of-memory' \
            "$log" | cut -c1-160 | sed 's/^/    /'
        for f in $found; do echo "    saved: $f"; done
        return 1
    fi
    echo "  $t: no crash"
    return 0
}

[ "${FUZZ_BUILD:-1}" = 0 ] || build
status=0
summary=
for t in $TARGETS; do
    [ -x "$OUT/fuzz_$t" ] || die "$OUT/fuzz_$t is not built"
    if [ "${FUZZ_REPLAY:-1}" != 0 ] && ! replay "$t"; then
        status=1
        summary="$summary $t:regressions"
    fi
    if ! fuzz_one "$t"; then
        status=1
        summary="$summary $t:crash"
    fi
done
if [ $status -ne 0 ]; then
    echo "fuzz: FAILED:$summary"
else
    echo "fuzz: all targets ran clean"
fi
exit $status
