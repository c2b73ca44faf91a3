#!/bin/sh
# tools/install-deps.sh [--build-only] [--list] - installs the Debian packages libpersist needs, when
# they are missing: by default everything the full test suite uses (.ci/run installs this list);
# with --build-only what `make`, `make demo` and the core of `make test` need (the Makefile runs
# that); with --list it prints the packages and installs nothing.
# As root it runs apt-get; otherwise it prints the exact command and fails.
set -u
BUILD_PKGS="build-essential pkg-config duktape-dev liblmdb-dev libjansson-dev libssl-dev libcmocka-dev"
# What the suites of `make test`, `make check` and CI use beyond the build: cmocka (unit and API
# tests), libfiu (fault injection), Go and Python packaging (bindings), abigail-tools (ABI check),
# clang and its runtime (fuzzing), clang-format (format check), redis and hiredis (sync example),
# libmicrohttpd and chromium (game server and its browser test).
TEST_PKGS="libfiu-dev fiu-utils golang-go python3 python3-venv python3-pip \
abigail-tools clang libclang-rt-14-dev clang-format redis-server libhiredis-dev \
libmicrohttpd-dev chromium"
PKGS="$BUILD_PKGS $TEST_PKGS" LIST=0
for arg in "$@"; do
    case $arg in
    --build-only) PKGS=$BUILD_PKGS ;;
    --list) LIST=1 ;;
    *) echo "usage: tools/install-deps.sh [--build-only] [--list]" >&2; exit 2 ;;
    esac
done
[ $LIST -eq 1 ] && { echo $PKGS; exit 0; }
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
    echo "installing missing packages:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq $missing >/dev/null || {
        echo "apt-get failed; run: apt-get update && apt-get install -y$missing" >&2; exit 1; }
else
    echo "missing packages:$missing" >&2
    echo "run as root: tools/install-deps.sh (or apt-get update && apt-get install -y$missing)" >&2
    exit 1
fi
