# tests/engine/suite.mk - what the library's Duktape patches show to code outside the library's
# sandbox, where Duktape's own API (Duktape.fin, finalizers) is still there: run in a bare heap of
# the library's Duktape (tests/bench/bench_engine.c) and compared with what unpatched Duktape
# shows. Part of `make test`.
.PHONY: engine-test
engine-test: $(BENCH_DIR)/base/bench_engine
	@./tests/engine/run.sh $(BENCH_DIR)/base/bench_engine

EXTRA_TESTS += engine-test

# Random control-flow programs (tests/engine/control_flow.py: loops, labels, switches, break and
# continue, try/catch/finally, with), random programs of calls (arguments, this, tail calls),
# random values given to JSON.stringify and texts given to JSON.parse (tests/engine/json_values.py:
# the library takes its shortcuts there), comparisons of values of every kind
# (tests/engine/compare_values.py), calls of native functions (tests/engine/native_calls.py) and
# closures over scopes (tests/engine/closure_scopes.py), pushes past the end of arrays' storage
# (tests/engine/array_pushes.py) and instanceof (tests/engine/instanceof_checks.py) evaluated by
# the library's Duktape and by Debian's unpatched amalgamation (compiled here at -O0); every value
# must be the same. Part of `make test`.
ENGINE_DIFF_COUNT ?= 3000
$(BUILD)/tests/engine/eval_patched: tests/engine/eval_files.c $(BUILD)/duktape/duktape.o
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) -I$(BUILD)/duktape $< $(BUILD)/duktape/duktape.o \
	    -o $@ -lm
$(BUILD)/tests/engine/eval_debian: tests/engine/eval_files.c | deps
	@mkdir -p $(dir $@)
	$(CC) -std=gnu99 -O0 -w -I$(DUKTAPE_SRC) $< $(DUKTAPE_SRC)/duktape.c -o $@ -lm

.PHONY: engine-differential
ifneq ($(shell command -v python3 2>/dev/null),)
engine-differential: $(BUILD)/tests/engine/eval_patched $(BUILD)/tests/engine/eval_debian
	@./tests/engine/differential.sh $(BUILD)/tests/engine/eval_patched \
	    $(BUILD)/tests/engine/eval_debian $(BUILD)/tests/engine/programs $(ENGINE_DIFF_COUNT)
else
engine-differential:
	@./tests/skip.sh engine-differential "python3 is not installed" "apt-get install python3"
endif

EXTRA_TESTS += engine-differential
