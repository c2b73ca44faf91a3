# Bindings and header tests (tests/bindings/): the Python binding's unittest suite, the Go
# binding's `go test -race`, and the public headers under strict compilers (persist.h as
# C99/C11/C++11, persist.hpp's test as C++17/C++20) plus the C++ example. Each skips with a message when its toolchain is missing.
PYTHON ?= python3
GO     ?= go
CXX    ?= g++

.PHONY: python-test go-test header-test bindings-test

# Also installs the library into a temporary DESTDIR, to load it from there through pkg-config.
python-test: all
	@BUILD=$(BUILD) MAKE="$(MAKE)" PYTHON=$(PYTHON) SANITIZE=$(SANITIZE) \
	    ./tests/bindings/python-test.sh $(SHARED)

# Installs the library into a temporary DESTDIR (PREFIX=/usr) for pkg-config, as a user would.
go-test: all
	@BUILD=$(BUILD) MAKE="$(MAKE)" GO=$(GO) SANITIZE=$(SANITIZE) ./tests/bindings/go-test.sh

header-test: $(SHARED)
	@BUILD=$(BUILD) CC="$(CC)" CXX="$(CXX)" SANITIZE=$(SANITIZE) ./tests/bindings/header-test.sh

bindings-test: python-test go-test header-test

EXTRA_TESTS += python-test go-test header-test
