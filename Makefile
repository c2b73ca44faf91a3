# libpersist - see README.md. `make demo` and `make test` install missing Debian packages (as root).

VERSION := $(shell sed -n 's/^\#define PERSIST_VERSION_STRING "\(.*\)"/\1/p' include/persist.h)
MAJOR   := $(shell sed -n 's/^\#define PERSIST_VERSION_MAJOR *\([0-9]*\).*/\1/p' include/persist.h)

PREFIX       ?= /usr/local
LIBDIR       ?= $(PREFIX)/lib
INCLUDEDIR   ?= $(PREFIX)/include
BINDIR       ?= $(PREFIX)/bin
MANDIR       ?= $(PREFIX)/share/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
DESTDIR      ?=

CC      ?= cc
PKG_CONFIG ?= pkg-config
DEP_CFLAGS ?= $(shell $(PKG_CONFIG) --cflags lmdb jansson libcrypto 2>/dev/null)
DEP_LIBS   ?= $(shell $(PKG_CONFIG) --libs lmdb jansson libcrypto 2>/dev/null || \
                echo -llmdb -ljansson -lcrypto) -lpthread -lm
# Duktape is compiled into the library from the amalgamation Debian's duktape-dev installs.
DUKTAPE_SRC ?= /usr/share/duktape
CMOCKA_LIBS ?= $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)

WARN    := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Werror
CFLAGS  ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) -fPIC -fvisibility=hidden -Iinclude -I$(BUILD)/duktape $(DEP_CFLAGS)

# SANITIZE=address,undefined builds everything into build-asan/.
ifneq ($(SANITIZE),)
BUILD   ?= build-$(firstword $(subst address,asan,$(subst thread,tsan,$(subst $(comma), ,$(SANITIZE)))))
ALL_CFLAGS += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
SAN_LDFLAGS := -fsanitize=$(SANITIZE)
else
BUILD   ?= build
endif
comma := ,

LIB_SRC  := $(wildcard lib/*.c)
LIB_OBJ  := $(patsubst lib/%.c,$(BUILD)/lib/%.o,$(LIB_SRC)) $(BUILD)/duktape/duktape.o
SONAME   := libpersist.so.$(MAJOR)
SHARED   := $(BUILD)/libpersist.so.$(VERSION)
STATIC   := $(BUILD)/libpersist.a

SUPPORT_SRC := $(wildcard tests/support/*.c)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
API_SRC  := $(wildcard tests/api/test_*.c)
CRASH_SRC := $(wildcard tests/crash/test_*.c)
UNIT_BIN := $(patsubst tests/unit/%.c,$(BUILD)/tests/unit/%,$(UNIT_SRC))
API_BIN  := $(patsubst tests/api/%.c,$(BUILD)/tests/api/%,$(API_SRC))
CRASH_BIN := $(patsubst tests/crash/%.c,$(BUILD)/tests/crash/%,$(CRASH_SRC))

# A plain `make` builds the libraries and the tools, and nothing else: `all` is the first rule and
# the default goal, whatever the included files below define (tests/build/check-default-goal.sh).
.DEFAULT_GOAL := all
TOOL := $(if $(wildcard tools/persist/main.c),$(BUILD)/persist)
# Tools with a build file of their own (tools/*.mk) add their programs to TOOLS.
TOOLS := $(TOOL)

all: build-all

# Suites with their own tools (fault injection, fuzzing) add their rules and targets here; a
# target listed in EXTRA_TESTS runs as part of `make test`. A suite that cannot run prints why
# through tests/skip.sh, which also records it for the summary at the end of `make test`.
EXTRA_TESTS :=
# Benchmarks of such suites that `make bench` runs after its own (never part of `make test`).
EXTRA_BENCHES :=
# Build files of other tools add their install-<tool>/uninstall-<tool> targets here.
INSTALL_HOOKS :=
UNINSTALL_HOOKS :=
-include $(wildcard tools/*.mk)
-include $(wildcard tests/*/suite.mk)

.PHONY: all build-all deps test test-run check asan tsan bench demo install uninstall clean format \
        format-check check-symbols pkgconfig-test check-abi abi-update check-default-goal FORCE

build-all: $(SHARED) $(STATIC) $(TOOLS)

deps:
	@./tools/install-deps.sh --build-only

$(BUILD)/lib/%.o: lib/%.c lib/*.h include/persist.h $(BUILD)/duktape/duk_config.h | deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -DPERSIST_BUILDING -c $< -o $@

# The project's Duktape: Debian's amalgamation with lib/duktape/duk_persist_config.h spliced into its
# duk_config.h and the patches of lib/duktape applied to duktape.c in this order: checkpoints (native
# work counts against the time budget), sort (a stable, deterministic Array.prototype.sort), closures
# (cheaper function instances: faster and far less garbage with Elm code), bytecode (a function
# loaded from bytecode has the properties of the compiled one: lib/code_cache.c), lookups
# (shortcuts for property reads, variable reads and instanceof on the paths Elm code takes),
# literals (object literals built by appending to the new object's entry part), forin (for-in steps
# read the enumerator's state from its slots), newprops (a closure's properties and a new scope's
# variables written straight into their tables), instanceof (no @@hasInstance lookup where it can
# only find the built-in), propcache (o.name read at the entry where the instruction last found
# it), conditions (a boolean condition tested without a call), interrupts (the time budget's
# counter checked at calls, returns and backward jumps instead of before every instruction),
# enumerators (a for-in enumerator gets the object's own keys appended to a table sized once),
# valstack (the value stack's top set inline at calls and returns), calls (a call from compiled code
# to a compiled function set up directly), regexp (test() without its result array; new instances'
# properties in a table sized once), returns (a return to a compiled caller done in place), strings
# (short concatenations without a heap buffer; method reads on primitive strings through the
# property cache), newobj (a new object literal's table allocated at its size at once), records
# (Elm's record update as a native copy, where it gives what the kernel's JavaScript gives), labels
# (loops and switches that no break or continue instruction looks up get no run-time catcher, and
# `continue name;` in its own loop is a jump), dispatch (each case of the executor dispatches the
# next instruction through a table of labels), tailcalls (a tail call from compiled code to a
# compiled function set up directly), releases (the values above a new top released inline at
# calls and returns), misses (a name an object lacks read from its prototype chain in place),
# jsonfast (JSON.stringify's fast path, which the configuration turns on, counts its work),
# instancewalk (`instanceof` answered without the value stack where nothing else can answer),
# enumstate (a for-in enumerator's table sized once and its two internal keys appended),
# jsonstrings (JSON.parse interns a short string without escapes from the input directly),
# jsonnumbers (JSON.parse converts a short integer without the general number parser),
# releaseloop (the values above a new top released four at a time), branches (a forward jump after
# a test that did not skip done where the test ends), jsonints (JSON.stringify writes a fastint's
# digits without sprintf()), compares (`===`, `!==`, `<` and the like of two fastints decided in the
# executor), natives (a call from compiled code to a native function made directly), scopes (a
# closure's properties found in one pass over its template, its table and a new scope record's
# allocated directly, and a returning function's variables written into its record in place),
# push (Array.prototype.push() grows a full array in its fast path where the general path could
# only add the item), instancehints (instanceof tries first where it last found Function.prototype's
# @@hasInstance and the right-hand side's `prototype`).
# Built without sanitizers and warnings (third-party code), hidden like the rest.
DUKTAPE_PATCHES := lib/duktape/checkpoints.patch lib/duktape/sort.patch lib/duktape/closures.patch \
                   lib/duktape/bytecode.patch lib/duktape/lookups.patch lib/duktape/literals.patch \
                   lib/duktape/forin.patch lib/duktape/newprops.patch lib/duktape/instanceof.patch \
                   lib/duktape/propcache.patch lib/duktape/conditions.patch \
                   lib/duktape/interrupts.patch lib/duktape/enumerators.patch \
                   lib/duktape/valstack.patch lib/duktape/calls.patch \
                   lib/duktape/regexp.patch lib/duktape/returns.patch \
                   lib/duktape/strings.patch lib/duktape/newobj.patch \
                   lib/duktape/records.patch lib/duktape/labels.patch \
                   lib/duktape/dispatch.patch lib/duktape/tailcalls.patch \
                   lib/duktape/releases.patch lib/duktape/misses.patch \
                   lib/duktape/jsonfast.patch lib/duktape/instancewalk.patch \
                   lib/duktape/enumstate.patch lib/duktape/jsonstrings.patch \
                   lib/duktape/jsonnumbers.patch lib/duktape/releaseloop.patch \
                   lib/duktape/branches.patch lib/duktape/jsonints.patch \
                   lib/duktape/compares.patch lib/duktape/natives.patch \
                   lib/duktape/scopes.patch lib/duktape/push.patch \
                   lib/duktape/instancehints.patch
$(BUILD)/duktape/duk_config.h: lib/duktape/duk_persist_config.h $(DUKTAPE_PATCHES) | deps
	@mkdir -p $(dir $@)
	cp $(DUKTAPE_SRC)/duktape.c $(DUKTAPE_SRC)/duktape.h $(dir $@)
	for p in $(DUKTAPE_PATCHES); do \
	    patch -s --no-backup-if-mismatch $(dir $@)duktape.c $$p || { \
	        echo "$$p does not apply to $(DUKTAPE_SRC)/duktape.c (made for Debian's duktape-dev" \
	             "2.7.0)" >&2; rm -f $(dir $@)duktape.c; exit 1; }; \
	done
	cp lib/duktape/duk_persist_config.h $(dir $@)
	sed 's|/\* __OVERRIDE_DEFINES__ \*/|#include "duk_persist_config.h"|' \
	    $(DUKTAPE_SRC)/duk_config.h > $@
	grep -q duk_persist_config.h $@

# -O3: 1-2.5% fewer instructions than -O2 on compiled Elm code (docs/benchmarks.md). The --param
# lets GCC copy the executor's dispatch into every case (dispatch.patch); clang ignores it. The
# bench variants and the profile-guided build use the same options.
DUK_OPT := -O3 --param max-goto-duplication-insns=30
export DUK_OPT
$(BUILD)/duktape/duktape.o: $(BUILD)/duktape/duk_config.h
	$(CC) -std=gnu99 $(DUK_OPT) -g -fPIC -fvisibility=hidden -w -c $(BUILD)/duktape/duktape.c -o $@

$(SHARED): $(LIB_OBJ) lib/libpersist.map
	$(CC) -shared -o $@ $(LIB_OBJ) $(SAN_LDFLAGS) -Wl,-soname,$(SONAME) \
	    -Wl,--version-script=lib/libpersist.map -Wl,--no-undefined $(DEP_LIBS)
	ln -sf libpersist.so.$(VERSION) $(BUILD)/$(SONAME)
	ln -sf $(SONAME) $(BUILD)/libpersist.so

# The archive holds one pre-linked object whose hidden symbols (persist__*, duk_*) are made local,
# so a host that links its own Duktape or defines similar names gets no clash.
$(STATIC): $(LIB_OBJ)
	rm -f $@ $(BUILD)/libpersist-all.o
	$(LD) -r -o $(BUILD)/libpersist-all.o $(LIB_OBJ)
	objcopy --localize-hidden $(BUILD)/libpersist-all.o
	ar rcs $@ $(BUILD)/libpersist-all.o

# The admin tool (tools/persist/: a file per command group, one for output) links the archive, so
# it runs wherever it is installed.
TOOL_SRC := $(wildcard tools/persist/*.c)
$(BUILD)/persist: $(TOOL_SRC) tools/persist/*.h include/persist.h $(STATIC)
	$(CC) -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(if $(SANITIZE),-fsanitize=$(SANITIZE) \
	    -fno-omit-frame-pointer) -Iinclude $(DEP_CFLAGS) $(TOOL_SRC) -o $@ $(STATIC) $(SAN_LDFLAGS) \
	    $(DEP_LIBS)

# Unit tests link the objects (they call persist__*, which the archive hides); API tests link the
# shared library.
TEST_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) -Iinclude -Ilib -Itests/support \
              $(if $(SANITIZE),-fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all) \
              -DPERSIST_SOURCE_DIR='"$(CURDIR)"'

$(BUILD)/tests/unit/%: tests/unit/%.c $(SUPPORT_SRC) tests/support/*.h $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) $< $(SUPPORT_SRC) -o $@ $(LIB_OBJ) $(SAN_LDFLAGS) $(DEP_LIBS) $(CMOCKA_LIBS)

API_LINK = $(CC) $(TEST_CFLAGS) $< $(SUPPORT_SRC) -o $@ -L$(BUILD) -lpersist \
	    -Wl,-rpath,$(abspath $(BUILD)) $(SAN_LDFLAGS) -lpthread $(CMOCKA_LIBS)
$(BUILD)/tests/api/%: tests/api/%.c $(SUPPORT_SRC) tests/support/*.h $(SHARED)
	@mkdir -p $(dir $@)
	$(API_LINK)
$(BUILD)/tests/crash/%: tests/crash/%.c $(SUPPORT_SRC) tests/support/*.h $(SHARED)
	@mkdir -p $(dir $@)
	$(API_LINK)

# `make test` runs every suite, then ends with a summary: the totals, and every suite that was
# skipped with the reason and the command that enables it (tools/install-deps.sh installs all).
# The allocation-failure test tries every N in a plain build, every 4th (plus the first and last 200)
# under sanitizers, which are ten times slower.
export PERSIST_TEST_SKIPS := $(abspath $(BUILD))/test-skips
export PERSIST_TEST_TOTALS := $(abspath $(BUILD))/test-totals
test: deps
	@mkdir -p $(BUILD) && rm -f $(PERSIST_TEST_SKIPS) $(PERSIST_TEST_TOTALS)
	@$(MAKE) --no-print-directory test-run; rc=$$?; ./tests/summary.sh $$rc

test-run: all $(UNIT_BIN) $(API_BIN) $(CRASH_BIN) check-default-goal check-symbols pkgconfig-test \
          $(EXTRA_TESTS)
	@ALLOC_FAILURE_STRIDE=$(if $(SANITIZE),4,1) ./tests/run-tests.sh $(UNIT_BIN) $(API_BIN) $(CRASH_BIN)

# A plain `make` must build, not run a suite that an included file happened to define first.
check-default-goal:
	@MAKE="$(MAKE)" ./tests/build/check-default-goal.sh

# Install into a temporary DESTDIR and build an external program with pkg-config, shared and static.
pkgconfig-test: all
	@BUILD=$(BUILD) SANITIZE=$(SANITIZE) MAKE="$(MAKE)" ./tests/pkgconfig/test-install.sh

# The exported symbols, the header's constants and abidiff against the committed baseline
# (tests/abi/); `make abi-update` regenerates the baseline after a reviewed change.
check-abi: $(SHARED)
	@./tests/abi/check-abi.sh $(SHARED)
abi-update: $(SHARED)
	@./tests/abi/abi-update.sh $(SHARED)

check-symbols: $(SHARED)
	@./tests/abi/check-symbols.sh $(SHARED) tests/abi/libpersist.symbols

# Benchmarks are not tests: they print a table for docs/benchmarks.md (BENCH_EVENTS per row).
BENCH_EVENTS ?= 2000
$(BUILD)/tests/bench/%: tests/bench/%.c $(SHARED)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) -Iinclude $< -o $@ -L$(BUILD) -lpersist \
	    -Wl,-rpath,$(abspath $(BUILD))
# Then the engine and app benchmarks of tests/bench/suite.mk (Elm workloads; README.md there) and
# those of EXTRA_BENCHES.
bench: deps $(BUILD)/tests/bench/bench_submit
	./$(BUILD)/tests/bench/bench_submit $${TMPDIR:-/tmp}/persist-bench-$$$$ $(BENCH_EVENTS)
	@$(MAKE) --no-print-directory bench-engine bench-app $(EXTRA_BENCHES)

# The concurrency tests under ThreadSanitizer.
TSAN_TESTS := tests/api/test_threads tests/api/test_concurrent_submits tests/unit/test_group_commit \
              tests/unit/test_hash tests/unit/test_fork_guard
tsan:
	$(MAKE) SANITIZE=thread $(addprefix build-tsan/,$(TSAN_TESTS))
	TSAN_OPTIONS="suppressions=$(CURDIR)/tests/tsan.supp halt_on_error=1" \
	    ./tests/run-tests.sh $(addprefix build-tsan/,$(TSAN_TESTS))

# The same tests under AddressSanitizer and UndefinedBehaviorSanitizer.
asan:
	$(MAKE) test SANITIZE=address,undefined

check: test asan tsan check-abi format-check

EXAMPLE_BIN := $(BUILD)/examples/counter/counter
$(EXAMPLE_BIN): examples/counter/counter.c $(SHARED)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 $(WARN) $(CFLAGS) -Iinclude $< -o $@ -L$(BUILD) -lpersist -Wl,-rpath,$(abspath $(BUILD))

demo: deps $(EXAMPLE_BIN)
	@./examples/counter/demo.sh $(EXAMPLE_BIN) examples/counter/counter.js

$(BUILD)/libpersist.pc: pkgconfig/libpersist.pc.in include/persist.h FORCE
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' \
	    -e 's|@VERSION@|$(VERSION)|' $< > $@

# A real install (empty DESTDIR) refreshes the dynamic loader's cache as root when LIBDIR is one of
# its directories (tools/install-ldconfig.sh); a staged install (DESTDIR set) changes nothing else.
LDCONFIG ?= ldconfig
install: all $(BUILD)/libpersist.pc $(INSTALL_HOOKS)
	install -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(PKGCONFIGDIR)
	install -m 644 include/persist.h $(DESTDIR)$(INCLUDEDIR)/persist.h
	install -m 644 include/persist.hpp $(DESTDIR)$(INCLUDEDIR)/persist.hpp
	install -m 644 $(STATIC) $(DESTDIR)$(LIBDIR)/libpersist.a
	install -m 755 $(SHARED) $(DESTDIR)$(LIBDIR)/libpersist.so.$(VERSION)
	ln -sf libpersist.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libpersist.so
	install -m 644 $(BUILD)/libpersist.pc $(DESTDIR)$(PKGCONFIGDIR)/libpersist.pc
	$(if $(TOOL),install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1)
	$(if $(TOOL),install -m 755 $(TOOL) $(DESTDIR)$(BINDIR)/persist)
	$(if $(TOOL),install -m 644 docs/persist.1 $(DESTDIR)$(MANDIR)/man1/persist.1)
	$(if $(DESTDIR),,@LDCONFIG="$(LDCONFIG)" ./tools/install-ldconfig.sh $(LIBDIR))

uninstall: $(UNINSTALL_HOOKS)
	rm -f $(DESTDIR)$(INCLUDEDIR)/persist.h $(DESTDIR)$(INCLUDEDIR)/persist.hpp \
	    $(DESTDIR)$(LIBDIR)/libpersist.a \
	    $(DESTDIR)$(LIBDIR)/libpersist.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME) \
	    $(DESTDIR)$(LIBDIR)/libpersist.so $(DESTDIR)$(PKGCONFIGDIR)/libpersist.pc \
	    $(DESTDIR)$(BINDIR)/persist $(DESTDIR)$(MANDIR)/man1/persist.1

FORMAT_FILES += $(wildcard lib/*.c lib/*.h include/*.h include/*.hpp tools/*.c tools/*/*.c \
                  tools/*/*.h tests/*/*.c tests/*/*.h tests/bindings/cpp/*.cpp examples/*/*.c \
                  examples/*/*.cpp)
format:
	clang-format -i $(FORMAT_FILES)
format-check:
	clang-format --dry-run --Werror $(FORMAT_FILES)

clean:
	rm -rf build build-asan build-tsan

FORCE:
