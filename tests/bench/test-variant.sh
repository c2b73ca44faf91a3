#!/bin/sh
# tests/bench/test-variant.sh VARIANT [TEST...] - the library's tests against a Duktape variant:
# the variant's sources (made by `make build/bench/VARIANT/bench_engine`: duktape.c with its patch,
# duk_config.h with its header) become the duktape/ of a build directory of its own,
# build-bench-VARIANT/, and the tests named (default: the API tests that run Elm and budget code:
# test_elm test_invariant test_budget test_limits test_lifecycle test_history) are built and run
# there. TEST=all runs the whole `make test` in that build directory.
set -eu
v=$1
shift
[ $# -gt 0 ] || set -- test_elm test_invariant test_budget test_limits test_lifecycle test_history
src=build/bench/$v
out=build-bench-$v
[ -f "$src/duk_config.h" ] || { echo "test-variant: $src is not built (make $src/bench_engine)" >&2; exit 2; }
mkdir -p "$out/duktape"
cp "$src/duktape.c" "$src/duktape.h" "$src/duk_config.h" "$src/duk_persist_config.h" \
    "$src/duk_bench_variant.h" "$out/duktape/"
touch "$out/duktape/duk_config.h" # newer than lib/duktape/*: the Makefile keeps it
if [ "$1" = all ]; then
    exec make --no-print-directory BUILD="$out" test
fi
bins=
for t in "$@"; do
    bins="$bins $out/tests/api/$t"
done
# shellcheck disable=SC2086
make --no-print-directory -s BUILD="$out" $bins
# shellcheck disable=SC2086
./tests/run-tests.sh $bins | grep -E "^\[  (PASSED|FAILED)|^tests:|FAILED|crashed"
