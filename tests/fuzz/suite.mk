# tests/fuzz/suite.mk - libFuzzer targets (tests/fuzz/fuzz_*.c, see tests/fuzz/README.md). Included by
# the Makefile. `make fuzz` builds them with clang (-fsanitize=fuzzer,address,undefined; the
# library's lib/*.c and Duktape compiled again with clang into $(BUILD)/fuzz/) and runs each for
# FUZZ_TIME seconds (default 60); `make fuzz-smoke` runs each for 60 s (CI). Needs clang and
# libclang-rt-14-dev. Not part of `make test`.
FUZZ_CC      ?= clang
FUZZ_TIME    ?= 60
FUZZ_DIR     := $(BUILD)/fuzz
FUZZ_TARGETS := record store deploy pages elm_calls sync elm_codegen
FUZZ_BINS    := $(patsubst %,$(FUZZ_DIR)/fuzz_%,$(FUZZ_TARGETS))
FUZZ_LIB_OBJ := $(patsubst lib/%.c,$(FUZZ_DIR)/lib/%.o,$(LIB_SRC))
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS   = -std=c11 -D_GNU_SOURCE -g -O1 $(filter-out -Werror,$(WARN)) -Iinclude -Ilib \
                -I$(BUILD)/duktape $(DEP_CFLAGS)

# The library with coverage instrumentation (warnings are the main build's business here).
$(FUZZ_DIR)/lib/%.o: lib/%.c lib/*.h include/persist.h $(BUILD)/duktape/duk_config.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(FUZZ_SAN) -DPERSIST_BUILDING -c $< -o $@

# Duktape with coverage (deploy fuzzing needs to see into its parser) and ASan; UBSan stays off for
# third-party code whose UB reports would not be ours.
$(FUZZ_DIR)/duktape.o: $(BUILD)/duktape/duk_config.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -std=gnu99 -O1 -g -w -fsanitize=fuzzer-no-link,address -fno-omit-frame-pointer \
	    -c $(BUILD)/duktape/duktape.c -o $@

$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_support.h $(FUZZ_LIB_OBJ) $(FUZZ_DIR)/duktape.o
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Werror -fsanitize=fuzzer $(FUZZ_SAN) \
	    -DPERSIST_SOURCE_DIR='"$(CURDIR)"' $< $(FUZZ_LIB_OBJ) $(FUZZ_DIR)/duktape.o -o $@ $(DEP_LIBS)

# persist-elm-codegen's sources but its main(), for fuzz_elm_codegen (which needs no library).
FUZZ_CG_OBJ := $(patsubst tools/elm-codegen/%.c,$(FUZZ_DIR)/elm-codegen/%.o,\
                 $(filter-out tools/elm-codegen/main.c,$(wildcard tools/elm-codegen/*.c)))
$(FUZZ_DIR)/elm-codegen/%.o: tools/elm-codegen/%.c tools/elm-codegen/*.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(FUZZ_SAN) -c $< -o $@

$(FUZZ_DIR)/fuzz_elm_codegen: tests/fuzz/fuzz_elm_codegen.c tests/fuzz/fuzz_support.h $(FUZZ_CG_OBJ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Werror -fsanitize=fuzzer $(FUZZ_SAN) -Itools/elm-codegen $< \
	    $(FUZZ_CG_OBJ) -o $@ $(shell $(PKG_CONFIG) --libs jansson 2>/dev/null || echo -ljansson)

.SECONDARY: $(FUZZ_LIB_OBJ) $(FUZZ_DIR)/duktape.o $(FUZZ_CG_OBJ)

.PHONY: fuzz fuzz-smoke fuzz-build
fuzz-build: $(FUZZ_BINS)

fuzz: fuzz-build
	@./tests/fuzz/run.sh $(FUZZ_TIME) $(FUZZ_DIR) $(FUZZ_TARGETS)

fuzz-smoke: fuzz-build
	@./tests/fuzz/run.sh 60 $(FUZZ_DIR) $(FUZZ_TARGETS)
