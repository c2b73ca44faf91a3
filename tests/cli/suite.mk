# CLI tests: run the built `persist` tool and check its output and exit codes. The writer helper
# keeps a store open for writing while the tests read it.
CLI_WRITER := $(BUILD)/tests/cli/writer

$(CLI_WRITER): tests/cli/writer.c include/persist.h $(SHARED)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) -Iinclude \
	    $(if $(SANITIZE),-fsanitize=$(SANITIZE) -fno-omit-frame-pointer) $< -o $@ \
	    -L$(BUILD) -lpersist -Wl,-rpath,$(abspath $(BUILD)) $(SAN_LDFLAGS)

.PHONY: cli-test
cli-test: $(BUILD)/persist $(CLI_WRITER)
	@BUILD=$(BUILD) WRITER=$(CLI_WRITER) ./tests/cli/test-cli.sh

EXTRA_TESTS += cli-test
