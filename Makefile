# hindsight: plain Makefile. `make help` lists the targets.

CC      ?= cc
# The libraries, by pkg-config name; scripts/deps.sh installs the Debian
# packages that provide them (make check-deps checks that the two agree).
PKGS    := sqlite3 jansson libmicrohttpd yaml-0.1 libcmark-gfm libcurl libpq
# Of those, compiled against (headers) but not linked: src/app/deliver.c,
# src/store/state_pg.c and src/app/http.c dlopen them at first use
# (src/base/dynlib.h), so `search` or `--version` does not load them and the
# thirty libraries they pull in. DLOPEN_SO are their sonames, for make
# check-deps.
PKGS_DLOPEN := libcurl libpq libmicrohttpd
DLOPEN_SO := libcurl.so.4 libpq.so.5 libmicrohttpd.so.12
PKG_OK  := $(shell pkg-config --exists $(PKGS) 2>/dev/null && echo yes)
PKG_CFLAGS := $(if $(PKG_OK),$(shell pkg-config --cflags $(PKGS)))
# Linked by name: they ship no .pc file.
PKG_NOPC := cmark-gfm-extensions
PKG_LIBS   := $(if $(PKG_OK),$(shell pkg-config --libs $(filter-out $(PKGS_DLOPEN),$(PKGS)))) \
              $(PKG_NOPC:%=-l%) -lpthread -lm

WARN    := -Wall -Wextra -Werror -Wpedantic -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wold-style-definition -Wpointer-arith \
           -Wwrite-strings -Wvla -Wformat=2 -Wundef -fno-common
OPT     ?= -O2 -g
BASE_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) \
           -Iinclude -Isrc $(PKG_CFLAGS) -MMD -MP
CFLAGS  += $(OPT)
B       ?= build

# The layers of src/, lowest first: a file includes only headers of its own
# layer or of layers before it (make check-layers). app/ is the program and
# is not in libhindsight.a.
LAYERS  := base model read store query web app
LIB_SRC := $(foreach l,$(filter-out app,$(LAYERS)),$(sort $(wildcard src/$(l)/*.c)))
APP_SRC := $(sort $(wildcard src/app/*.c))
ASSETS  := $(sort $(wildcard templates/*.html web/*.css web/*.js))
LIB_OBJ := $(LIB_SRC:src/%.c=$(B)/obj/%.o) $(B)/obj/gen_assets.o \
           $(B)/obj/gen_concepts.o
APP_OBJ := $(APP_SRC:src/%.c=$(B)/obj/%.o)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)

ifeq ($(V),1)
Q :=
else
Q := @
endif

.PHONY: all deps deps-run pkgcheck check-layers check-deps run check test test-bins unit cli-test asan ubsan valgrind lint format \
        check-format check-symbols clean help bench eval update-golden \
        browser-test fuzz bench-load install uninstall check-install check-man

all: $(B)/hindsight

help:
	@echo "make            build build/hindsight"
	@echo "make run        install what running needs (as root), build, index corpus/,"
	@echo "                serve the web view and API on http://127.0.0.1:8080"
	@echo "make check      install what the tests need (as root), then every test:"
	@echo "                $(CHECK_STEPS)"
	@echo "make test       unit and CLI tests on the normal build (CLI_JOBS CLI tests"
	@echo "                at a time, default two per core)"
	@echo "make asan|ubsan|valgrind   the tests under a sanitizer / valgrind"
	@echo "make check-layers  no #include from a lower layer of src/ to a higher one"
	@echo "make lint       no cast that drops const (-Wcast-qual)"
	@echo "make install    the program, man page, header, library and hindsight.pc,"
	@echo "                bash completion, example systemd units (PREFIX=$(PREFIX),"
	@echo "                DESTDIR for staging); make uninstall removes them"
	@echo "make check-install  install into a temporary DESTDIR and use it"
	@echo "make check-man  mandoc -T lint on the man page"
	@echo "make bench      benchmarks (docs/benchmarks.md); make bench-load: only the load run"
	@echo "make eval       retrieval and extraction checks on real labelled postmortems (skipped when absent)"
	@echo "make browser-test  the web view in headless Chromium"
	@echo "make fuzz       libFuzzer targets (FUZZ_SECONDS each)"
	@echo "make deps-run | deps   install the packages to run / to test (as root)"
	@echo "make update-golden  regenerate tests/fixtures/*.expected.json (review the diff)"

# The dependency step runs first and the build in a sub-make, which reads
# pkg-config's answers only after the packages are there.
deps-run:
	$(Q)sh scripts/deps.sh run
deps:
	$(Q)sh scripts/deps.sh check

# Every build target depends on this: a missing library stops the build
# with the packages to install, not with a linker error.
pkgcheck:
ifneq ($(PKG_OK),yes)
	@echo "hindsight: pkg-config cannot find: $$(for p in $(PKGS); do pkg-config --exists $$p 2>/dev/null || printf '%s ' $$p; done)" >&2
	@sh scripts/deps.sh --missing run || true
	@echo "as root, make run or make deps-run installs them" >&2
	@exit 1
endif

$(B)/obj/%.o: src/%.c | pkgcheck
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(CC) $(BASE_CFLAGS) $(CFLAGS) -c $< -o $@

# Templates and web assets are compiled into the program.
$(B)/gen/assets.c: scripts/embed.py $(ASSETS)
	@mkdir -p $(dir $@)
	$(Q)python3 scripts/embed.py $@ $(ASSETS)

$(B)/obj/gen_assets.o: $(B)/gen/assets.c src/web/assets.h | pkgcheck
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(BASE_CFLAGS) $(CFLAGS) -c $< -o $@

# The operations thesaurus is compiled in too (src/query/concepts.c).
$(B)/gen/concepts.c: scripts/embed.py data/concepts.txt
	@mkdir -p $(dir $@)
	$(Q)python3 scripts/embed.py --blob hs__concepts_data $@ data/concepts.txt

$(B)/obj/gen_concepts.o: $(B)/gen/concepts.c | pkgcheck
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(BASE_CFLAGS) $(CFLAGS) -c $< -o $@

$(B)/libhindsight.a: $(LIB_OBJ)
	@$(if $(Q),echo "  AR      $@")
	$(Q)ar rcs $@ $^

# The program exports MHD_queue_response so that libmicrohttpd's own error
# answers (414, 431 ...) come to src/app/http.c and go out as JSON.
APP_LDFLAGS := -Wl,--export-dynamic-symbol=MHD_queue_response
$(B)/hindsight: $(APP_OBJ) $(B)/libhindsight.a
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) $(APP_LDFLAGS) -o $@ $(APP_OBJ) $(B)/libhindsight.a $(PKG_LIBS)

$(B)/tests/%: tests/unit/%.c $(B)/libhindsight.a
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(CC) $(BASE_CFLAGS) $(CFLAGS) -o $@ $< $(B)/libhindsight.a $(PKG_LIBS) -lcriterion

# Every unit test binary runs even when one fails; the target fails after.
# UNIT_JOBS binaries at a time (valgrind runs one per core: each valgrind
# process uses one, and one at a time took half of make check)
UNIT_JOBS ?= 1
# UNIT_RUN: the binaries to run (all of them unless told)
UNIT_RUN ?= $(UNIT_BIN)
unit: $(UNIT_BIN)
	$(Q)printf '%s\n' $(UNIT_RUN) | xargs -P $(UNIT_JOBS) -I{} \
	    sh -c 'echo "  UNIT    {}"; $(UNIT_ENV) {} $(UNIT_ARGS)' || exit 1

cli-test: $(B)/hindsight
	$(Q)HINDSIGHT=$(CURDIR)/$(B)/hindsight sh tests/cli/run.sh

test: unit cli-test

# What test runs, built on every core first: make check runs its steps one
# at a time (the tests time servers; within the CLI step, tests/cli/run.sh
# runs CLI_JOBS tests side by side and the few that time a server alone),
# but their builds need not wait
test-bins: $(B)/hindsight $(UNIT_BIN)
NPROC := $(shell nproc 2>/dev/null || echo 1)

run: deps-run
	$(Q)$(MAKE) --no-print-directory all
	./$(B)/hindsight --db $(B)/corpus.db index corpus
	./$(B)/hindsight --db $(B)/corpus.db serve --listen 127.0.0.1:8080

SAN_FLAGS := -O1 -g -fno-omit-frame-pointer -fno-sanitize-recover=all
# Every sanitizer report goes to a file of SAN_LOG, one per process, and the
# target fails when there is one: Criterion runs each test in a child, and
# a child's LeakSanitizer report (exit status 23, after the test passed)
# did not fail the test.
SAN_LOG := $(CURDIR)/build-asan/reports
# LeakSanitizer's one notice that is not a finding: a thread was exiting
# while it stopped the process to look for leaks, so it took that thread's
# whole stack as reachable and went on (CI saw it once, alone in its file).
# A file holding only such lines is printed and not counted.
LSAN_NOTICE := ^==[0-9]+==Unable to get registers from thread [0-9]+\.$$
asan:
	$(Q)rm -rf $(SAN_LOG) && mkdir -p $(SAN_LOG)
	$(Q)$(MAKE) --no-print-directory -j$(NPROC) B=build-asan OPT="$(SAN_FLAGS) -fsanitize=address,undefined" \
	    LDFLAGS="-fsanitize=address,undefined" test-bins
	$(Q)ASAN_OPTIONS=log_path=$(SAN_LOG)/asan UBSAN_OPTIONS=print_stacktrace=1:log_path=$(SAN_LOG)/ubsan \
	    $(MAKE) --no-print-directory B=build-asan OPT="$(SAN_FLAGS) -fsanitize=address,undefined" \
	    LDFLAGS="-fsanitize=address,undefined" test; rc=$$?; \
	for f in $(SAN_LOG)/*; do [ -e "$$f" ] || continue; \
	    if ! grep -qvE '$(LSAN_NOTICE)' "$$f"; then \
	        echo "asan: notice, not a report: $$(cat "$$f")"; rm -f "$$f"; fi; done; \
	if [ -n "$$(ls $(SAN_LOG))" ]; then cat $(SAN_LOG)/*; \
	    echo "asan: $$(ls $(SAN_LOG) | wc -l) sanitizer reports (above)"; exit 1; fi; \
	exit $$rc
ubsan:
	$(Q)$(MAKE) --no-print-directory B=build-ubsan OPT="$(SAN_FLAGS) -fsanitize=undefined" \
	    LDFLAGS="-fsanitize=undefined" test
# Criterion runs each test in a child process whose valgrind exit status does
# not reach the runner, so valgrind writes one log per process and the
# target fails when any log reports an error or a leak.
#
# Every Criterion test is a process of its own, and under valgrind each
# costs about a second to start, whatever it does: the 280-odd tests of
# extraction rules on snippets (VG_SKIP) took half of the step, which took
# half of make check. Here the same code runs under valgrind in two
# processes over every postmortem of corpus/ and tests/fixtures/ (index,
# then check); the snippets run under ASan and UBSan (make asan).
# The shell, rm and cp that tests run are not ours: not traced.
#
# The unit binaries, index and check are one pool of NPROC jobs (make -j,
# each job's output printed whole as it ends), the longest first (VG_FIRST,
# then the rest by name): index and check ran one after the other after
# the binaries, each a single valgrind process on one core while the other
# idled, and a long binary started last ran alone at the end. Every job
# runs even when one fails; the target fails after.
VG_SKIP := test_extract_rules test_extract_actions test_extract_styles%
VG_DOCS := corpus tests/fixtures tests/fixtures/styles
VG_FIRST := test_query test_regressions test_tmpl test_related test_store \
            test_state test_dynlib test_extract index test_similar test_util \
            check test_parse test_normalize
VG_UNIT := $(filter-out $(VG_SKIP),$(UNIT_BIN:$(B)/tests/%=%))
VG_JOBS := $(VG_FIRST:%=vg-run-%) \
           $(filter-out $(VG_FIRST:%=vg-run-%),$(VG_UNIT:%=vg-run-%))
VALGRIND := valgrind -q --leak-check=full --show-leak-kinds=definite,indirect \
	    --errors-for-leak-kinds=definite,indirect --trace-children=yes \
	    --trace-children-skip='*/sh,*/dash,*/bash,*/rm,*/cp' \
	    --log-file=$(CURDIR)/build-valgrind/vg/%p.log
.PHONY: $(VG_JOBS)
valgrind:
	$(Q)rm -rf build-valgrind/vg build-valgrind/vg.db* && mkdir -p build-valgrind/vg
	$(Q)$(MAKE) --no-print-directory -j$(NPROC) B=build-valgrind OPT="-O0 -g" test-bins
	$(Q)$(MAKE) --no-print-directory -k -j$(NPROC) --output-sync=target $(VG_JOBS) || \
	    { echo "valgrind: a job failed (above)"; exit 1; }
	$(Q)bad=$$(grep -l -E 'ERROR SUMMARY: [1-9]|definitely lost: [1-9]|indirectly lost: [1-9]|Invalid (read|write)|uninitialised|Process terminating' build-valgrind/vg/*.log 2>/dev/null || true); \
	if [ -n "$$bad" ]; then cat $$bad; echo "valgrind: errors or leaks (above)"; exit 1; fi; \
	echo "valgrind: $$(ls build-valgrind/vg | wc -l) processes, no errors, no leaks"
# Each job says its seconds, so that VG_FIRST can follow the slow ones.
vg-run-index:
	$(Q)s=$$(date +%s); \
	$(VALGRIND) build-valgrind/hindsight --db build-valgrind/vg.db index $(VG_DOCS) >/dev/null 2>&1; \
	rc=$$?; echo "  VG      index $(VG_DOCS) ($$(($$(date +%s) - s)) s)"; \
	[ $$rc -eq 0 ] || { echo "valgrind: index $(VG_DOCS) failed"; exit 1; }
vg-run-check:
	$(Q)s=$$(date +%s); \
	$(VALGRIND) build-valgrind/hindsight check --quiet $(VG_DOCS) >/dev/null 2>&1; \
	rc=$$?; echo "  VG      check $(VG_DOCS) ($$(($$(date +%s) - s)) s)"; \
	[ $$rc -le 1 ] || { echo "valgrind: check $(VG_DOCS) exited $$rc"; exit 1; }
$(VG_UNIT:%=vg-run-%): vg-run-%:
	$(Q)s=$$(date +%s); \
	HS_TEST_TIME_SCALE=5 $(VALGRIND) build-valgrind/tests/$* -j1; \
	rc=$$?; echo "  UNIT    build-valgrind/tests/$* ($$(($$(date +%s) - s)) s)"; exit $$rc

# What make check runs after the dependency step, in this order. Each step
# prints its wall time ("check: asan 412 s"), so that every CI log shows
# where the time goes; the first step that fails stops the run.
CHECK_STEPS := all check-layers check-deps lint unit cli-test asan valgrind \
               check-format check-symbols check-man check-install browser-test \
               eval
check: deps
	$(Q)t0=$$(date +%s); \
	$(MAKE) --no-print-directory -j$(NPROC) test-bins || exit 1; \
	echo "check: test-bins $$(($$(date +%s) - t0)) s"; \
	for s in $(CHECK_STEPS); do s0=$$(date +%s); \
	    $(MAKE) --no-print-directory $$s; rc=$$?; \
	    echo "check: $$s $$(($$(date +%s) - s0)) s"; \
	    [ $$rc -eq 0 ] || { echo "check: $$s failed"; exit 1; }; \
	done; \
	echo "check: all steps $$(($$(date +%s) - t0)) s"
	@echo "make check: all passed"

# Includes point down the layers only: a file of layer N includes headers of
# layers 0..N. The table is LAYERS above; the README's Layout shows it.
check-layers: $(LIB_OBJ) $(APP_OBJ)
	$(Q)python3 scripts/check-layers.py --layers "$(LAYERS)" --obj $(B)/obj

# Installing like a Unix tool: PREFIX says where it goes, DESTDIR stages it
# (for packages and for check-install). The systemd units are examples, in
# the documentation, with the program's path written in.
PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
LIBDIR  ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DATADIR ?= $(PREFIX)/share
MANDIR  ?= $(DATADIR)/man
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
UNITDIR ?= $(DATADIR)/doc/hindsight/systemd
VERSION := $(shell sed -n 's/^\#define HS_VERSION "\(.*\)"/\1/p' include/hindsight.h)
UNITS   := $(notdir $(wildcard dist/systemd/*))

install: $(B)/hindsight $(B)/libhindsight.a
	$(Q)install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/pkgconfig \
	    $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(UNITDIR)
	$(Q)install -m 755 $(B)/hindsight $(DESTDIR)$(BINDIR)/hindsight
	$(Q)install -m 644 $(B)/libhindsight.a $(DESTDIR)$(LIBDIR)/libhindsight.a
	$(Q)install -m 644 include/hindsight.h $(DESTDIR)$(INCLUDEDIR)/hindsight.h
	$(Q)install -m 644 dist/hindsight.1 $(DESTDIR)$(MANDIR)/man1/hindsight.1
	$(Q)install -m 644 dist/hindsight.bash $(DESTDIR)$(BASHCOMPDIR)/hindsight
	$(Q)sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
	    -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(VERSION)|' \
	    dist/hindsight.pc.in >$(DESTDIR)$(LIBDIR)/pkgconfig/hindsight.pc
	$(Q)chmod 644 $(DESTDIR)$(LIBDIR)/pkgconfig/hindsight.pc
	$(Q)for u in $(UNITS); do \
	    sed 's|/usr/local/bin/hindsight|$(BINDIR)/hindsight|g' dist/systemd/$$u \
	        >$(DESTDIR)$(UNITDIR)/$$u && chmod 644 $(DESTDIR)$(UNITDIR)/$$u || exit 1; \
	done
	@echo "installed hindsight $(VERSION) in $(DESTDIR)$(PREFIX)"

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/hindsight $(DESTDIR)$(LIBDIR)/libhindsight.a \
	    $(DESTDIR)$(LIBDIR)/pkgconfig/hindsight.pc \
	    $(DESTDIR)$(INCLUDEDIR)/hindsight.h $(DESTDIR)$(MANDIR)/man1/hindsight.1 \
	    $(DESTDIR)$(BASHCOMPDIR)/hindsight $(UNITS:%=$(DESTDIR)$(UNITDIR)/%)
	-rmdir $(DESTDIR)$(UNITDIR) $(DESTDIR)$(DATADIR)/doc/hindsight 2>/dev/null

# The man page has no warnings (mandoc, Debian's mandoc package).
check-man:
	$(Q)mandoc -T lint -W warning dist/hindsight.1

# make install into a temporary DESTDIR, then use what it installed: the
# program, the man page, the completion, pkg-config and a small C program
# against the header and library, the systemd units; then make uninstall.
check-install: $(B)/hindsight $(B)/libhindsight.a
	$(Q)MAKE="$(MAKE)" B=$(B) sh scripts/check-install.sh

# Every library the build links or dlopens is provided by a package that
# the dependency step installs.
check-deps:
	$(Q)sh scripts/check-deps.sh $(PKGS) -- $(PKG_NOPC) -- $(DLOPEN_SO)

# The web view in headless Chromium (playwright-core from npm, Debian's
# chromium); screenshots go to build/screenshots/.
browser-test: $(B)/hindsight
	$(Q)HINDSIGHT=$(CURDIR)/$(B)/hindsight sh tests/browser/run.sh

# libFuzzer targets under ASan and UBSan, FUZZ_SECONDS each (default 60).
fuzz: all
	$(Q)sh tests/fuzz/run.sh

FORMAT_FILES := $(wildcard src/*/*.c src/*/*.h include/*.h tests/unit/*.c \
                tests/unit/*.h)
format:
	clang-format -i $(FORMAT_FILES)
check-format:
	$(Q)clang-format --dry-run --Werror $(FORMAT_FILES)
check-symbols: $(B)/libhindsight.a
	$(Q)bad=$$(nm -g --defined-only $(B)/libhindsight.a | awk 'NF==3 {print $$3}' | grep -v '^hs_' || true); \
	if [ -n "$$bad" ]; then echo "global symbols without hs_ prefix:"; echo "$$bad"; exit 1; fi

# GCC's static analyzer over every source file, NPROC at a time, with no
# cast dropping a const (-Wcast-qual): about a minute of CPU, so make check
# runs it. It compiles for real (under -fsyntax-only the analyzer does
# nothing), to /dev/null.
lint:
	$(Q)printf '%s\n' $(LIB_SRC) $(APP_SRC) | xargs -P $(NPROC) -I{} \
	    $(CC) $(filter-out -MMD -MP,$(BASE_CFLAGS)) -fanalyzer -Wcast-qual -c -o /dev/null {}

update-golden: $(B)/hindsight
	$(Q)HINDSIGHT=$(CURDIR)/$(B)/hindsight sh tests/fixtures/update.sh

bench: $(B)/hindsight
	$(Q)sh bench/run.sh

bench-load: $(B)/hindsight
	$(Q)BENCH_ONLY=load sh bench/run.sh

# Retrieval check on ../shared's icco-eval half (skipped when absent); fails
# below the goals of the similar-incidents issue; and on the vague lines we
# wrote for corpus/ (tests/eval/corpus-vague.jsonl) and for the styles
# fixtures (tests/eval/styles-vague.jsonl, asked of corpus/ and them in one
# index; guards 0.02 below the first figures), both run without ../shared
# too. Then extraction scored
# against the hand labels; the minimums are what the held-out half reaches
# today, so they guard against regressions (the aim is 0.95 per field).
# They were set again when round 3's 47 icco files (mostly prose
# summaries) joined the labels (113 held-out files).
EVAL_EXTRACT_MIN := date=0.92 severity=0.98 duration=0.74 root_cause=0.94 \
	n_actions=0.71 action_f1=0.79 status=0.92 owner=0.98 n_timeline=0.94
# The styles fixtures (tests/fixtures/styles) are in the project: a field
# may lose eight files of 172 before the eval fails (action count loses
# eight today). Duration loses ten, the seven of the first 160 and three
# of the fourteenth batch (an emoji-keyed "0930h-1110h" in a card's header
# line, "from 9:30 to 11" in a FAQ's answer, "Day 1 09:20" to "D+2 08:30"
# in a learning review's prose), so its floor is 0.94 until one is read.
# The fifteenth batch (184 in all; the first 172's figures did not move)
# still misses one date, four durations and four action counts of its
# twelve (docs/extraction.md lists them), so duration, the action count
# and the actions' F1 are floored where they are read today.
EVAL_STYLES_MIN := date=0.95 severity=0.95 duration=0.92 root_cause=0.95 \
	n_actions=0.93 action_f1=0.94 status=0.95 owner=0.95 n_timeline=0.95
eval: $(B)/hindsight
	$(Q)python3 tests/eval/run.py $(CURDIR)/$(B)/hindsight --min-prose 0.95 \
	    --min-symptoms 0.99 --min-para-symptoms 1.0 --min-vague 0.78 \
	    --min-vague-r1 0.73 --min-novelty 0.76 --min-family-pairs 12 \
	    --max-family-wrong 0 --max-family-stray 4 --min-corpus-vague 0.90 \
	    --min-styles-vague 0.84 --min-styles-vague-r1 0.77
	$(Q)python3 tests/eval/extract.py $(CURDIR)/$(B)/hindsight \
	    $(EVAL_EXTRACT_MIN:%=--min %) $(EVAL_STYLES_MIN:%=--min-styles %)

clean:
	rm -rf build build-asan build-ubsan build-valgrind

-include $(LIB_OBJ:.o=.d) $(APP_OBJ:.o=.d) $(UNIT_BIN:=.d)
