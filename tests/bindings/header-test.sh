#!/bin/sh
# header-test.sh - the public headers under strict compilers, and the C++ example:
#   tests/abi/headers.c   as -std=c99 and -std=c11 with -pedantic -Wall -Wextra -Werror,
#   tests/abi/headers.cpp as -std=c++11 with -pedantic -Wall -Wextra -Werror,
#   tests/bindings/cpp/test_persist_hpp.cpp (include/persist.hpp, every wrapper) as -std=c++17,
#     also as -std=c++20, and with AddressSanitizer (leaks of library memory) when the library
#     itself is not sanitized,
# each linked against $BUILD/libpersist.so and run (also with clang/clang++ when installed);
# then examples/cpp/counter.cpp (C++17, persist.hpp) is built the same way and run twice on one
# store (examples/counter/demo.sh). PERSIST_OPTIONS_INIT must compile cleanly under -Wextra in C
# and C++ (it lists every field).
# Environment: BUILD (default build), CC (default cc), CXX (default g++), SANITIZE.
set -u
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
CC=${CC:-cc}
CXX=${CXX:-g++}
SANITIZE=${SANITIZE:-}
san=""
[ -n "$SANITIZE" ] && san="-fsanitize=$SANITIZE -fno-omit-frame-pointer"
out=$BUILD/tests/bindings
mkdir -p "$out" || exit 1
link="-L$BUILD -lpersist -Wl,-rpath,$(cd "$BUILD" && pwd)"
strict="-pedantic -Wall -Wextra -Werror"
failed=0
passed=0

# check NAME COMPILER ARGS... - compile and link (output $out/NAME), then run it.
check() {
    name=$1
    shift
    # shellcheck disable=SC2086 # flags are word lists
    if ! "$@" -Iinclude $san -o "$out/$name" $link >"$out/$name.log" 2>&1; then
        echo "    $*" >&2
        cat "$out/$name.log" >&2
        echo "header-test: FAIL: $name does not build" >&2
        failed=$((failed + 1))
    elif ! "$out/$name" >"$out/$name.log" 2>&1; then
        cat "$out/$name.log" >&2
        echo "header-test: FAIL: $name" >&2
        failed=$((failed + 1))
    else
        passed=$((passed + 1))
    fi
}

compilers_c=$CC
compilers_cxx=$CXX
command -v clang >/dev/null 2>&1 && [ -z "$SANITIZE" ] && compilers_c="$compilers_c clang"
command -v clang++ >/dev/null 2>&1 && [ -z "$SANITIZE" ] && compilers_cxx="$compilers_cxx clang++"
for cc in $compilers_c; do
    for std in c99 c11; do
        # shellcheck disable=SC2086
        check "headers-$cc-$std" $cc -std=$std $strict -Wstrict-prototypes -Wmissing-prototypes \
            -Wshadow tests/abi/headers.c
    done
done
for cxx in $compilers_cxx; do
    # shellcheck disable=SC2086
    check "headers-$cxx-c++11" $cxx -std=c++11 $strict -Wshadow tests/abi/headers.cpp
    # shellcheck disable=SC2086
    check "persist-hpp-$cxx-c++17" $cxx -std=c++17 $strict -Wshadow \
        tests/bindings/cpp/test_persist_hpp.cpp -pthread
done
# shellcheck disable=SC2086
check "persist-hpp-$CXX-c++20" $CXX -std=c++20 $strict -Wshadow \
    tests/bindings/cpp/test_persist_hpp.cpp -pthread
# Every result of persist.hpp frees the library's memory: LeakSanitizer sees the library's
# allocations too (malloc is interposed), so a wrapper that leaks fails here.
if [ -z "$SANITIZE" ]; then
    # shellcheck disable=SC2086
    check "persist-hpp-$CXX-asan" $CXX -std=c++17 $strict -Wshadow -g -fsanitize=address,undefined \
        -fno-sanitize-recover=all tests/bindings/cpp/test_persist_hpp.cpp -pthread
fi
# shellcheck disable=SC2086
if ! $CXX -std=c++17 $strict -Iinclude $san examples/cpp/counter.cpp -o "$out/counter-cpp" \
    $link >"$out/counter-cpp.log" 2>&1; then
    cat "$out/counter-cpp.log" >&2
    echo "header-test: FAIL: examples/cpp/counter.cpp does not build" >&2
    failed=$((failed + 1))
elif ! ./examples/counter/demo.sh "$out/counter-cpp" examples/counter/counter.js \
    >"$out/counter-cpp.log" 2>&1; then
    cat "$out/counter-cpp.log" >&2
    echo "header-test: FAIL: examples/cpp/counter.cpp" >&2
    failed=$((failed + 1))
else
    passed=$((passed + 1))
fi

# PERSIST_OPTIONS_INIT lists every field, so -Wextra (-Wmissing-field-initializers) is quiet.
printf '#include <persist.h>\nint main(void) { persist_options o = PERSIST_OPTIONS_INIT; return (int)o.flags; }\n' \
    >"$out/options-init.c"
cp "$out/options-init.c" "$out/options-init.cpp"
# shellcheck disable=SC2086
if $CC -std=c99 $strict -Iinclude -c "$out/options-init.c" -o "$out/options-init.o" \
    >"$out/options-init.log" 2>&1 &&
    $CXX -std=c++11 $strict -Iinclude -c "$out/options-init.cpp" -o "$out/options-init-cpp.o" \
        >>"$out/options-init.log" 2>&1; then
    passed=$((passed + 1))
else
    cat "$out/options-init.log" >&2
    echo "header-test: FAIL: PERSIST_OPTIONS_INIT under -Wextra" >&2
    failed=$((failed + 1))
fi

echo "header-test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
