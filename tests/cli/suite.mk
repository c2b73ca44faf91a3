# CLI tests: run the built `persist` tool and check its output and exit codes. The writer helper
# keeps a store open for writing while the tests read it; drop_tail damages a store.
CLI_WRITER := $(BUILD)/tests/cli/writer

$(CLI_WRITER): tests/cli/writer.c include/persist.h $(SHARED)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) -Iinclude \
	    $(if $(SANITIZE),-fsanitize=$(SANITIZE) -fno-omit-frame-pointer) $< -o $@ \
	    -L$(BUILD) -lpersist -Wl,-rpath,$(abspath $(BUILD)) $(SAN_LDFLAGS)

# Deletes a store's newest records through LMDB (damage the store's snapshots reveal).
CLI_DROP_TAIL := $(BUILD)/tests/cli/drop_tail

$(CLI_DROP_TAIL): tests/cli/drop_tail.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(DEP_CFLAGS) \
	    $(if $(SANITIZE),-fsanitize=$(SANITIZE) -fno-omit-frame-pointer) $< -o $@ $(DEP_LIBS) \
	    $(SAN_LDFLAGS)

.PHONY: cli-test
cli-test: $(BUILD)/persist $(CLI_WRITER) $(CLI_DROP_TAIL)
	@BUILD=$(BUILD) WRITER=$(CLI_WRITER) DROP_TAIL=$(CLI_DROP_TAIL) ./tests/cli/test-cli.sh

EXTRA_TESTS += cli-test
