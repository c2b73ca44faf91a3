# tests/engine/suite.mk - what the library's Duktape patches show to code outside the library's
# sandbox, where Duktape's own API (Duktape.fin, finalizers) is still there: run in a bare heap of
# the library's Duktape (tests/bench/bench_engine.c) and compared with what unpatched Duktape
# shows. Part of `make test`.
.PHONY: engine-test
engine-test: $(BENCH_DIR)/base/bench_engine
	@./tests/engine/run.sh $(BENCH_DIR)/base/bench_engine

EXTRA_TESTS += engine-test
