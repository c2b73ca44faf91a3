# The follower example (examples/follower): a leader and followers exchanging sync batches through a
# Redis stream. `make check-follower` builds it and runs its demo in check mode (Redis started and
# stopped by the script on a free port); part of `make test` when redis-server and hiredis are there.
FOLLOWER_BIN := $(BUILD)/examples/follower/persist-sync
FOLLOWER_HAVE := $(and $(wildcard /usr/include/hiredis/hiredis.h),$(shell command -v redis-server 2>/dev/null))

$(FOLLOWER_BIN): examples/follower/persist-sync.c include/persist.h $(SHARED)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) -Iinclude $< -o $@ -L$(BUILD) -lpersist \
	    -Wl,-rpath,$(abspath $(BUILD)) $(SAN_LDFLAGS) -lhiredis

.PHONY: check-follower
ifneq ($(FOLLOWER_HAVE),)
check-follower: $(FOLLOWER_BIN) $(BUILD)/persist
	@BUILD=$(BUILD) ./examples/follower/demo.sh --check >$(BUILD)/follower-demo.log 2>&1 && \
	    echo "follower: the Redis example ran end to end ($(BUILD)/follower-demo.log)" || \
	    { cat $(BUILD)/follower-demo.log; echo "follower: FAILED"; exit 1; }
else
check-follower:
	@./tests/skip.sh check-follower "redis-server or libhiredis-dev is not installed" \
	    "apt-get install redis-server libhiredis-dev"
endif

EXTRA_TESTS += check-follower
