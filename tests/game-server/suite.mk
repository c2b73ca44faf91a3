# The game server example (examples/game-server): a libmicrohttpd server with one store per room.
# `make game-server` builds it; `make check-game-server` plays games through its HTTP API (kill -9
# mid-game, retries, bad input, live deploys); `make check-browser` drives its page in headless
# Chromium. Both are part of `make test` when libmicrohttpd (and Chromium) are installed.
# `make bench-game-server` is the load benchmark: not a test, run by `make bench`.
GAME_DIR := examples/game-server
GAME_BIN := $(BUILD)/$(GAME_DIR)/game-server
GAME_SRC := $(wildcard $(GAME_DIR)/*.c)
GAME_HAVE := $(wildcard /usr/include/microhttpd.h)
GAME_LIBS ?= $(shell $(PKG_CONFIG) --libs libmicrohttpd jansson 2>/dev/null || \
               echo -lmicrohttpd -ljansson)

$(GAME_BIN): $(GAME_SRC) $(GAME_DIR)/server.h include/persist.h $(SHARED)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) -Iinclude \
	    $(if $(SANITIZE),-fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all) \
	    -DGAME_SOURCE_DIR='"$(CURDIR)/$(GAME_DIR)"' $(GAME_SRC) -o $@ -L$(BUILD) -lpersist \
	    -Wl,-rpath,$(abspath $(BUILD)) $(SAN_LDFLAGS) $(GAME_LIBS) -lpthread

.PHONY: game-server check-game-server check-browser game-screenshot bench-game-server
ifneq ($(GAME_HAVE),)
game-server: $(GAME_BIN)
else
game-server:
	@echo "game-server: libmicrohttpd is not installed (apt-get install libmicrohttpd-dev)"; exit 1
endif

FORMAT_FILES += $(wildcard $(GAME_DIR)/*.h)

GAME_ENABLE := apt-get install libmicrohttpd-dev python3
GAME_PYTHON := $(shell command -v python3 2>/dev/null)
ifneq ($(and $(GAME_HAVE),$(GAME_PYTHON)),)
check-game-server: $(GAME_BIN) $(BUILD)/persist
	@BUILD=$(BUILD) PYTHONDONTWRITEBYTECODE=1 python3 tests/game-server/test_api.py
else
check-game-server:
	@./tests/skip.sh check-game-server "libmicrohttpd-dev or python3 is not installed" "$(GAME_ENABLE)"
endif

EXTRA_TESTS += check-game-server

# The page in headless Chromium (a fresh profile in a temporary directory), driven over the
# DevTools protocol. `make game-screenshot` writes the README's picture with the same script.
GAME_CHROMIUM := $(shell command -v chromium 2>/dev/null)
ifneq ($(and $(GAME_HAVE),$(GAME_PYTHON),$(GAME_CHROMIUM)),)
check-browser: $(GAME_BIN)
	@BUILD=$(BUILD) PYTHONDONTWRITEBYTECODE=1 python3 tests/game-server/test_browser.py
game-screenshot: $(GAME_BIN)
	@BUILD=$(BUILD) PYTHONDONTWRITEBYTECODE=1 python3 tests/game-server/test_browser.py --screenshot $(GAME_DIR)/screenshot.png
else
check-browser game-screenshot:
	@./tests/skip.sh check-browser "chromium, libmicrohttpd-dev or python3 is not installed" \
	    "apt-get install chromium $(GAME_ENABLE)"
endif

EXTRA_TESTS += check-browser

# The load benchmark (not a test, not in `make test`; figures in docs/benchmarks.md):
# BENCH_GAME_ROOMS, _THREADS, _PLAYERS and _SECONDS set its size. The load client is plain C and
# POSIX threads; it does not link the library.
$(BUILD)/tests/bench/game_load: tests/bench/game_load.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $< -o $@ -pthread

# `make bench` runs it too, or says why it cannot.
.PHONY: bench-game-server-skipped
ifneq ($(and $(GAME_HAVE),$(GAME_PYTHON)),)
bench-game-server: $(GAME_BIN) $(BUILD)/tests/bench/game_load $(BUILD)/persist
	@BUILD=$(BUILD) python3 tests/bench/bench_game_server.py
EXTRA_BENCHES += bench-game-server
else
bench-game-server:
	@echo "bench-game-server: needs libmicrohttpd-dev and python3 ($(GAME_ENABLE))"; exit 1
bench-game-server-skipped:
	@echo "bench: bench-game-server skipped: libmicrohttpd-dev or python3 is not installed"
EXTRA_BENCHES += bench-game-server-skipped
endif
