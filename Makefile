# libpersist - see README.md. `make demo` and `make test` install missing Debian packages (as root).

VERSION := $(shell sed -n 's/^\#define PERSIST_VERSION_STRING "\(.*\)"/\1/p' include/persist.h)
MAJOR   := $(shell sed -n 's/^\#define PERSIST_VERSION_MAJOR *\([0-9]*\).*/\1/p' include/persist.h)

PREFIX       ?= /usr/local
LIBDIR       ?= $(PREFIX)/lib
INCLUDEDIR   ?= $(PREFIX)/include
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
DESTDIR      ?=

CC      ?= cc
PKG_CONFIG ?= pkg-config
DEP_CFLAGS ?= $(shell $(PKG_CONFIG) --cflags lmdb duktape libcrypto 2>/dev/null)
DEP_LIBS   ?= $(shell $(PKG_CONFIG) --libs lmdb duktape libcrypto 2>/dev/null || echo -llmdb -lduktape -lcrypto) -lpthread -lm
CMOCKA_LIBS ?= $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)

WARN    := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Werror
CFLAGS  ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) -fPIC -fvisibility=hidden -Iinclude $(DEP_CFLAGS)

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
LIB_OBJ  := $(patsubst lib/%.c,$(BUILD)/lib/%.o,$(LIB_SRC))
SONAME   := libpersist.so.$(MAJOR)
SHARED   := $(BUILD)/libpersist.so.$(VERSION)
STATIC   := $(BUILD)/libpersist.a

SUPPORT_SRC := $(wildcard tests/support/*.c)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
API_SRC  := $(wildcard tests/api/test_*.c)
UNIT_BIN := $(patsubst tests/unit/%.c,$(BUILD)/tests/unit/%,$(UNIT_SRC))
API_BIN  := $(patsubst tests/api/%.c,$(BUILD)/tests/api/%,$(API_SRC))

.PHONY: all deps test check asan demo install uninstall clean format format-check check-symbols

all: $(SHARED) $(STATIC)

deps:
	@./tools/install-deps.sh

$(BUILD)/lib/%.o: lib/%.c lib/*.h include/persist.h | deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -DPERSIST_BUILDING -c $< -o $@

$(SHARED): $(LIB_OBJ) lib/libpersist.map
	$(CC) -shared -o $@ $(LIB_OBJ) $(SAN_LDFLAGS) -Wl,-soname,$(SONAME) \
	    -Wl,--version-script=lib/libpersist.map -Wl,--no-undefined $(DEP_LIBS)
	ln -sf libpersist.so.$(VERSION) $(BUILD)/$(SONAME)
	ln -sf $(SONAME) $(BUILD)/libpersist.so

$(STATIC): $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $(LIB_OBJ)

# Unit tests link the archive (they may call persist__*); API tests link the shared library.
TEST_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) -Iinclude -Ilib -Itests/support \
              $(if $(SANITIZE),-fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all) \
              -DPERSIST_SOURCE_DIR='"$(CURDIR)"'

$(BUILD)/tests/unit/%: tests/unit/%.c $(SUPPORT_SRC) tests/support/*.h $(STATIC)
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) $< $(SUPPORT_SRC) -o $@ $(STATIC) $(SAN_LDFLAGS) $(DEP_LIBS) $(CMOCKA_LIBS)

$(BUILD)/tests/api/%: tests/api/%.c $(SUPPORT_SRC) tests/support/*.h $(SHARED)
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) $< $(SUPPORT_SRC) -o $@ -L$(BUILD) -lpersist \
	    -Wl,-rpath,$(abspath $(BUILD)) $(SAN_LDFLAGS) -lpthread $(CMOCKA_LIBS)

test: deps all $(UNIT_BIN) $(API_BIN) check-symbols
	@./tests/run-tests.sh $(UNIT_BIN) $(API_BIN)

check-symbols: $(SHARED)
	@./tests/abi/check-symbols.sh $(SHARED) tests/abi/libpersist.symbols

# The same tests under AddressSanitizer and UndefinedBehaviorSanitizer.
asan:
	$(MAKE) test SANITIZE=address,undefined

check: test asan format-check

EXAMPLE_BIN := $(BUILD)/examples/counter/counter
$(EXAMPLE_BIN): examples/counter/counter.c $(SHARED)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 $(WARN) $(CFLAGS) -Iinclude $< -o $@ -L$(BUILD) -lpersist -Wl,-rpath,$(abspath $(BUILD))

demo: deps $(EXAMPLE_BIN)
	@./examples/counter/demo.sh $(EXAMPLE_BIN) examples/counter/counter.js

$(BUILD)/libpersist.pc: pkgconfig/libpersist.pc.in include/persist.h
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' \
	    -e 's|@VERSION@|$(VERSION)|' $< > $@

install: all $(BUILD)/libpersist.pc
	install -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(PKGCONFIGDIR)
	install -m 644 include/persist.h $(DESTDIR)$(INCLUDEDIR)/persist.h
	install -m 644 $(STATIC) $(DESTDIR)$(LIBDIR)/libpersist.a
	install -m 755 $(SHARED) $(DESTDIR)$(LIBDIR)/libpersist.so.$(VERSION)
	ln -sf libpersist.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libpersist.so
	install -m 644 $(BUILD)/libpersist.pc $(DESTDIR)$(PKGCONFIGDIR)/libpersist.pc

uninstall:
	rm -f $(DESTDIR)$(INCLUDEDIR)/persist.h $(DESTDIR)$(LIBDIR)/libpersist.a \
	    $(DESTDIR)$(LIBDIR)/libpersist.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME) \
	    $(DESTDIR)$(LIBDIR)/libpersist.so $(DESTDIR)$(PKGCONFIGDIR)/libpersist.pc

FORMAT_FILES = $(wildcard lib/*.c lib/*.h include/*.h tests/*/*.c tests/*/*.h examples/*/*.c)
format:
	clang-format -i $(FORMAT_FILES)
format-check:
	clang-format --dry-run --Werror $(FORMAT_FILES)

clean:
	rm -rf build build-asan build-tsan
