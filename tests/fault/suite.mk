# tests/fault/suite.mk - I/O fault injection with libfiu (tests/fault/fault_scenario.c, driven by
# tests/fault/run.sh under `fiu-run -x`). Included by the Makefile; `make fault-test` runs inside
# `make test` and skips with a message when libfiu (libfiu-dev, fiu-utils) is not installed.
FAULT_BIN := $(BUILD)/tests/fault/fault_scenario
FAULT_HAVE_FIU := $(and $(wildcard /usr/include/fiu-control.h),$(shell command -v fiu-run 2>/dev/null))

$(FAULT_BIN): tests/fault/fault_scenario.c $(SHARED)
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) $< -o $@ -L$(BUILD) -lpersist -Wl,-rpath,$(abspath $(BUILD)) \
	    $(SAN_LDFLAGS) -lfiu

.PHONY: fault-test
ifneq ($(FAULT_HAVE_FIU),)
fault-test: $(FAULT_BIN)
	@./tests/fault/run.sh $(FAULT_BIN)
else
fault-test:
	@./tests/skip.sh fault "libfiu is not installed" "apt-get install libfiu-dev fiu-utils"
endif

EXTRA_TESTS += fault-test
