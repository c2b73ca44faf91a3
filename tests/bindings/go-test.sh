#!/bin/sh
# go-test.sh - the Go binding (bindings/go) as a user builds it: installs libpersist into a
# staging DESTDIR with PREFIX=/usr (make install into $BUILD/tests/bindings/go-root), points
# pkg-config and the dynamic linker at it, then runs gofmt, go vet and `go test -race` in
# bindings/go, builds examples/go/counter and runs it twice on one store
# (examples/counter/demo.sh), and then does what bindings/go/README.md tells a Go user until the
# module is published: a new module in a temporary directory (go mod init) that requires the
# binding by its module path with a replace directive pointing at this checkout (go mod edit),
# builds and runs; then the same from a vendored copy (go mod vendor, -mod=vendor).
# Offline: GOPROXY=off, GOTOOLCHAIN=local; no module dependencies.
# Environment: BUILD (default build), MAKE, GO (default go; missing = skip), SANITIZE (sanitized
# library builds are skipped: -race and cgo cannot link them).
set -u
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
MAKE=${MAKE:-make}
GO=${GO:-go}
SANITIZE=${SANITIZE:-}

if ! command -v "$GO" >/dev/null 2>&1; then
    ./tests/skip.sh go-test "no Go toolchain ($GO not found)" "apt-get install golang-go"
    exit 0
fi
if [ -n "$SANITIZE" ]; then
    echo "go-test: not run on a SANITIZE=$SANITIZE build (-race and cgo cannot link it); make test runs it"
    exit 0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/persist-go.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
failed=0
fail() {
    echo "go-test: FAIL: $*" >&2
    failed=1
}

# Go's build cache keys cgo packages on neither pkg-config's output nor headers outside the
# package: the staging directory keeps one path (the cached -L stays valid), and CGO_CFLAGS
# carries a checksum of the installed header and library so that a changed one rebuilds.
mkdir -p "$BUILD/tests/bindings" || exit 1
dest=$(cd "$BUILD/tests/bindings" && pwd)/go-root
rm -rf "$dest"
if ! "$MAKE" -s install DESTDIR="$dest" PREFIX=/usr BUILD="$BUILD" >"$tmp/install.log" 2>&1; then
    cat "$tmp/install.log" >&2
    fail "make install DESTDIR=$dest PREFIX=/usr BUILD=$BUILD"
    exit 1
fi
export PKG_CONFIG_PATH="$dest/usr/lib/pkgconfig"
export PKG_CONFIG_SYSROOT_DIR="$dest"
export LD_LIBRARY_PATH="$dest/usr/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export GOTOOLCHAIN=local GOPROXY=off GOFLAGS="${GOFLAGS:-}" CGO_ENABLED=1
key=$(cat "$dest/usr/include/persist.h" "$dest/usr/lib/libpersist.so.1" | cksum | cut -d' ' -f1)
export CGO_CFLAGS="${CGO_CFLAGS:--O2 -g} -DPERSIST_GO_BUILD_KEY=$key"
# The build cache makes -race builds fast after the first run; use a private one if the default
# location is not writable.
cache=$("$GO" env GOCACHE 2>/dev/null)
if [ -z "$cache" ] || ! mkdir -p "$cache" 2>/dev/null || [ ! -w "$cache" ]; then
    export GOCACHE="$tmp/gocache"
fi
gopath=$("$GO" env GOPATH 2>/dev/null)
if [ -z "$gopath" ] || ! mkdir -p "$gopath" 2>/dev/null || [ ! -w "$gopath" ]; then
    export GOPATH="$tmp/gopath"
fi

unformatted=$(gofmt -l bindings/go examples/go)
[ -z "$unformatted" ] || fail "gofmt -l: $unformatted"

if (cd bindings/go && "$GO" vet ./...) >"$tmp/vet.log" 2>&1; then
    echo "go-test: go vet: ok ($("$GO" version | cut -d' ' -f3))"
else
    cat "$tmp/vet.log" >&2
    fail "go vet in bindings/go"
fi

if (cd bindings/go && "$GO" test -race -count=1 ./...) >"$tmp/test.log" 2>&1; then
    echo "go-test: go test -race: $(grep '^ok' "$tmp/test.log" | tr -s '\t ' ' ')"
else
    cat "$tmp/test.log" >&2
    fail "go test -race in bindings/go"
fi

if ! (cd examples/go && "$GO" vet ./... && "$GO" build -o "$tmp/counter" ./counter) >"$tmp/example.log" 2>&1; then
    cat "$tmp/example.log" >&2
    fail "building examples/go/counter"
elif ./examples/counter/demo.sh "$tmp/counter" examples/counter/counter.js >"$tmp/demo.log" 2>&1; then
    echo "go-test: examples/go/counter: ok"
else
    cat "$tmp/demo.log" >&2
    fail "examples/go/counter"
fi
# ---- a user's module, as bindings/go/README.md says ------------------------------------------
module=$(sed -n 's/^module //p' bindings/go/go.mod)
checkout=$(pwd)/bindings/go
user=$tmp/user
mkdir -p "$user"
cat >"$user/main.go" <<'PROGRAM'
package main

import (
	"fmt"
	"os"

	persist "github.com/libpersist/libpersist/bindings/go"
)

const app = `var app = { init: function () { return 0; },
  update: function (e, s) { return [s + 1, e + ' #' + (s + 1)]; },
  serialize: function (s) { return String(s); }, deserialize: function (t) { return Number(t); } };`

func main() {
	store, err := persist.Open(os.Args[1], persist.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer store.Close()
	if err := store.Deploy([]byte(app), persist.DeployInit, ""); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	resp, err := store.Submit([]byte("ping"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("response: %s (libpersist %s)\n", resp, persist.Version())
}
PROGRAM
# The import path in main.go is the module path of bindings/go/go.mod.
grep -q "\"$module\"" "$user/main.go" || fail "bindings/go/go.mod says module $module"
if ! (cd "$user" && "$GO" mod init example.com/user &&
    "$GO" mod edit -require="$module@v0.0.0" -replace="$module=$checkout" &&
    "$GO" build -o user . && ./user "$tmp/user-store" &&
    "$GO" mod vendor && rm -rf "$tmp/user-store" &&
    "$GO" build -mod=vendor -o user-vendored . && ./user-vendored "$tmp/user-store") \
    >"$tmp/user.log" 2>&1; then
    cat "$tmp/user.log" >&2
    fail "a module using $module through a replace directive (bindings/go/README.md)"
elif [ "$(grep -c '^response: ping #1 (libpersist ' "$tmp/user.log")" -ne 2 ] ||
    [ ! -f "$user/vendor/$module/persist.go" ]; then
    cat "$tmp/user.log" >&2
    fail "a module using $module: unexpected output or no vendored copy"
else
    echo "go-test: a module using $module (replace directive, then vendored): ok"
fi
exit $failed
