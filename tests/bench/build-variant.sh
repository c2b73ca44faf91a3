#!/bin/sh
# tests/bench/build-variant.sh OUT BASE HEADER [PATCH] - a variant of the library's Duktape for
# bench_engine: BASE is the build directory's duktape/ (Debian's amalgamation with
# duk_persist_config.h and the lib/duktape patches, made by the Makefile); HEADER (any file, may be empty)
# is included right after duk_persist_config.h, so it can #undef or #define any DUK_USE_* option;
# PATCH (optional, "-" for none) is applied to duktape.c after the library's patches. Compiled with
# $DUK_CFLAGS (default: the library's $DUK_OPT -g, which the Makefile exports) into OUT/duktape.o.
# Prints nothing on success.
set -eu
out=$1 base=$2 header=$3 patchfile=${4:--}
DUK_CFLAGS=${DUK_CFLAGS:-${DUK_OPT:--O3 --param max-goto-duplication-insns=30} -g}
CC=${CC:-cc}
mkdir -p "$out"
cp "$base/duktape.c" "$base/duktape.h" "$base/duk_persist_config.h" "$out/"
cp "$header" "$out/duk_bench_variant.h"
# A patch that no longer applies fails the build: a variant whose change the library has taken
# since is removed from variants/ (the figures measured with it name their commit).
[ "$patchfile" = - ] || patch -s -f -N --no-backup-if-mismatch "$out/duktape.c" "$patchfile"
sed 's|^#include "duk_persist_config.h"|&\n#include "duk_bench_variant.h"|' "$base/duk_config.h" \
    >"$out/duk_config.h"
grep -q duk_bench_variant.h "$out/duk_config.h"
# The same flags as the library's duktape.o (Makefile), with the variant's optimization flags.
# shellcheck disable=SC2086
$CC -std=gnu99 $DUK_CFLAGS -fPIC -fvisibility=hidden -w -c "$out/duktape.c" -o "$out/duktape.o"
