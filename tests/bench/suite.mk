# tests/bench/suite.mk - the benchmark harness (tests/bench/README.md). Included by the Makefile;
# `make bench` runs it after bench_submit. Benchmarks are not tests: nothing here is part of
# `make test`, and a benchmark whose npm workloads are missing says so and is skipped.
BENCH_DIR      := $(BUILD)/bench
BENCH_CACHE    ?= $(HOME)/.cache/libpersist-bench
BENCH_VARIANTS ?= base
BENCH_CFLAGS    = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS)

# bench_engine against the library's own Duktape object ($(BUILD)/duktape/duktape.o).
$(BENCH_DIR)/base/bench_engine: tests/bench/bench_engine.c tests/bench/bench_util.h \
                                lib/block_cache.c lib/block_cache.h $(BUILD)/duktape/duktape.o
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) -I$(BUILD)/duktape -Ilib $< lib/block_cache.c $(BUILD)/duktape/duktape.o \
	    -o $@ -lm

# ... against a variant: tests/bench/variants/NAME.h after duk_persist_config.h, NAME.patch applied
# after the library's patches when it exists, NAME.cflags (when it exists) instead of the library's
# $(DUK_OPT) -g.
# tests/bench/build-variant.sh builds from any header and patch.
$(BENCH_DIR)/%/duktape.o: tests/bench/variants/%.h $(wildcard tests/bench/variants/*.patch) \
                          $(wildcard tests/bench/variants/*.cflags) $(BUILD)/duktape/duk_config.h
	DUK_CFLAGS="$$(cat tests/bench/variants/$*.cflags 2>/dev/null || echo $(DUK_OPT) -g)" \
	    ./tests/bench/build-variant.sh $(dir $@) $(BUILD)/duktape $< \
	    $$(ls tests/bench/variants/$*.patch 2>/dev/null || echo -)
$(BENCH_DIR)/%/bench_engine: tests/bench/bench_engine.c tests/bench/bench_util.h \
                             lib/block_cache.c lib/block_cache.h $(BENCH_DIR)/%/duktape.o
	$(CC) $(BENCH_CFLAGS) -I$(dir $@) -Ilib $< lib/block_cache.c $(dir $@)duktape.o -o $@ -lm

.PRECIOUS: $(BENCH_DIR)/%/duktape.o

# The library's load-time rewrite of an Elm app's calls (lib/elm_calls.c), for bench_engine's runs
# of the code as the library loads it.
$(BENCH_DIR)/elm_calls: tests/bench/elm_calls.c tests/bench/bench_util.h $(BUILD)/lib/elm_calls.o \
                        $(BUILD)/lib/alloc.o
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) -Iinclude -Ilib $< $(BUILD)/lib/elm_calls.o $(BUILD)/lib/alloc.o -o $@

# bench_app and bench_open link the library, like bench_submit.
BENCH_LIB_PROGS := bench_app bench_open
$(addprefix $(BENCH_DIR)/,$(BENCH_LIB_PROGS)): $(BENCH_DIR)/%: tests/bench/%.c tests/bench/*.h $(SHARED)
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) -Iinclude $< -o $@ -L$(BUILD) -lpersist -Wl,-rpath,$(abspath $(BUILD)) \
	    -lpthread

# The Elm workloads from npm (tests/bench/setup.sh); without them the benchmarks that need them say
# so and skip, the others run.
.PHONY: bench-setup bench-engine bench-variants bench-app bench-pgo
bench-setup:
	@./tests/bench/setup.sh $(BENCH_CACHE) || echo "bench: the npm workloads are missing;" \
	    "the benchmarks that need them skip (run tests/bench/setup.sh to fetch them)"

# Instructions per unit of work (callgrind) and CPU time, per Duktape variant: `make bench-engine
# BENCH_VARIANTS="base o3 norc"`; `make bench-variants` runs every tests/bench/variants/*.h.
bench-engine: bench-setup $(patsubst %,$(BENCH_DIR)/%/bench_engine,$(BENCH_VARIANTS))
	./tests/bench/run-engine.sh $(BUILD) $(BENCH_CACHE) $(BENCH_VARIANTS)
bench-variants:
	@$(MAKE) --no-print-directory bench-engine BENCH_VARIANTS="base \
	    $(basename $(notdir $(wildcard tests/bench/variants/*.h)))"

# Profile-guided optimization, reproducible by make (trained on other workloads than measured).
# Also on top of vsunsafe (what is left of the earlier combo2 once the library took its patch and
# -O3), against vsunsafe itself.
bench-pgo: bench-setup $(BUILD)/duktape/duk_config.h $(BENCH_DIR)/base/bench_engine \
           $(BENCH_DIR)/vsunsafe/bench_engine
	./tests/bench/build-pgo.sh $(BUILD) $(BENCH_CACHE)
	./tests/bench/build-pgo.sh $(BUILD) $(BENCH_CACHE) vsunsafe
	./tests/bench/run-engine.sh $(BUILD) $(BENCH_CACHE) base pgo vsunsafe pgo-vsunsafe

# The same units of work through the library (batches of 100), against the bare loop.
bench-app: bench-setup $(BENCH_DIR)/bench_app $(BENCH_DIR)/base/bench_engine
	./tests/bench/run-app.sh $(BUILD) $(BENCH_CACHE)

# The issue-14 comparison (tests/bench/run-compare.sh): libpersist 1.0 (commit BENCH_BASELINE_REV,
# built by tests/bench/build-baseline.sh from `git archive` into BENCH_BASELINE) against this
# build, in the same run, on the counter, the game rules and elm-analyse. BENCH_FULL=1 runs the
# full ranges (a million records to restore; 10 MB states are in by default).
BENCH_BASELINE_REV ?= ca1988c
BENCH_BASELINE     ?= $(BENCH_DIR)/baseline-1.0
BENCH_COMPARE_BINS := $(addprefix $(BENCH_DIR)/,$(BENCH_LIB_PROGS) bench_storage game_events elm_calls) \
                      $(BENCH_DIR)/base/bench_engine

$(BENCH_DIR)/bench_storage: tests/bench/bench_storage.c tests/bench/bench_util.h
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) $< -o $@ $(shell $(PKG_CONFIG) --libs lmdb 2>/dev/null || echo -llmdb)
$(BENCH_DIR)/game_events: tests/bench/game_events.c
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) $< -o $@
# A disk whose sync takes milliseconds, for group commit (LD_PRELOAD; see the file).
$(BENCH_DIR)/slow_sync.so: tests/bench/slow_sync.c
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) -shared -fPIC $< -o $@ -ldl

# bench_engine against 1.0's Duktape (Debian's amalgamation, 1.0's config, no patches, -O2).
$(BENCH_DIR)/v1.0/bench_engine: tests/bench/bench_engine.c tests/bench/bench_util.h \
                                lib/block_cache.c lib/block_cache.h $(BENCH_BASELINE)/REV
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) -I$(BENCH_BASELINE)/build/duktape -Ilib $< lib/block_cache.c \
	    $(BENCH_BASELINE)/build/duktape/duktape.o -o $@ -lm
$(BENCH_BASELINE)/REV: tests/bench/build-baseline.sh
	./tests/bench/build-baseline.sh $(BENCH_BASELINE_REV) $(BENCH_BASELINE)

# Every benchmark program compiled, nothing run (no npm, no 1.0 baseline): CI runs it so that the
# programs cannot stop building unnoticed (nothing in `make test` links them).
.PHONY: bench-build
bench-build: $(BENCH_COMPARE_BINS) $(BENCH_DIR)/slow_sync.so $(BUILD)/tests/bench/bench_submit

.PHONY: bench-compare bench-baseline
bench-baseline:
	@$(MAKE) --no-print-directory $(BENCH_DIR)/v1.0/bench_engine || echo "bench: no baseline;" \
	    "the comparison runs the current library alone"
# The tables go to the terminal and to $(BENCH_DIR)/compare.md, the raw figures with their commands
# to $(BENCH_DIR)/compare-raw.txt. REPEAT (default 3), SECTIONS, BENCH_FULL, NO_CALLGRIND: see
# run-compare.sh. About 15 to 40 minutes on 2 cores (fsync speed varies).
bench-compare: bench-setup bench-baseline $(BENCH_COMPARE_BINS)
	@rm -f $(BENCH_DIR)/compare.failed
	(./tests/bench/run-compare.sh $(BUILD) $(BENCH_BASELINE)/build $(BENCH_CACHE) || \
	    touch $(BENCH_DIR)/compare.failed) | tee $(BENCH_DIR)/compare.md
	@test ! -f $(BENCH_DIR)/compare.failed
