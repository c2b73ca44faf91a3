#!/bin/sh
# tests/bench/build-pgo.sh BUILD CACHE [VARIANT] - the "pgo" variant: the library's Duktape (or
# VARIANT's: its header, patch and optimization level) compiled with -fprofile-generate into
# BUILD/bench/pgo[-VARIANT]-gen/, trained on workloads other than the measured ones (elm-counter v2
# and v1 in dev mode; elm-analyse parsing elm-counter v2's source and a sort, when CACHE has
# elm-analyse), then compiled again with -fprofile-use into BUILD/bench/pgo[-VARIANT]/. Two builds
# give the same object, byte for byte (checked on Debian 12, gcc 12).
# gcc names a profile after the object it was compiled to (OUT/duktape.o reads OUT/duktape.gcda), so
# the training profile is copied there; a training run that wrote none fails the build (gcc's own
# missing-profile warning is hidden by the -w that build-variant.sh needs for the amalgamation).
set -eu
build=$1 cache=$2 variant=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
wl=$here/workloads
name=pgo${variant:+-$variant}
gen=$build/bench/$name-gen out=$build/bench/$name
CC=${CC:-cc}
flags="-std=c11 -D_GNU_SOURCE -O2 -g"
header=$build/bench/pgo.h patchfile=- # the library's own options (Makefile's DUK_OPT)
opt=${DUK_OPT:--O3 --param max-goto-duplication-insns=30}
: >"$header"
if [ -n "$variant" ]; then
    header=$here/variants/$variant.h
    [ ! -f "$here/variants/$variant.patch" ] || patchfile=$here/variants/$variant.patch
    [ ! -f "$here/variants/$variant.cflags" ] || opt=$(sed 's/ *-g//' "$here/variants/$variant.cflags")
fi
rm -rf "$gen" "$out"
DUK_CFLAGS="$opt -g -fprofile-generate -fprofile-update=single" \
    "$here/build-variant.sh" "$gen" "$build/duktape" "$header" "$patchfile"
$CC $flags -I"$gen" -I"$root/lib" "$here/bench_engine.c" "$root/lib/block_cache.c" "$gen/duktape.o" \
    -o "$gen/bench_engine" -lm -fprofile-generate
for v in v2 v1; do
    "$gen/bench_engine" -n 20000 -w 0 -x "$wl/elm-main.expose.js" \
        "$root/examples/elm-counter/$v/compiled/main.dev.js" "$wl/counter.driver.js" >/dev/null
done
if [ -f "$cache/analyse.js" ]; then
    "$gen/bench_engine" -n 2 -w 0 -x "$wl/analyse.expose.js" "$cache/analyse.js" \
        "$wl/analyse.driver.js" "$root/examples/elm-counter/v2/src/Backend/Main.elm" >/dev/null
    "$gen/bench_engine" -n 20 -w 0 -x "$wl/analyse.expose.js" "$cache/analyse.js" \
        "$wl/sort.driver.js" >/dev/null
fi
if [ ! -s "$gen/duktape.gcda" ]; then
    echo "build-pgo.sh: training wrote no profile ($gen/duktape.gcda)" >&2
    exit 1
fi
mkdir -p "$out"
cp "$gen/duktape.gcda" "$out/duktape.gcda"
DUK_CFLAGS="$opt -g -fprofile-use" \
    "$here/build-variant.sh" "$out" "$build/duktape" "$header" "$patchfile"
# -w also hides a profile that gcc found but dropped (-Wcoverage-mismatch). A build that used its
# profile moves much of the code it never saw run into .text.unlikely: fail if that did not grow.
unlikely() { # the size in bytes of $1's .text.unlikely (0 without one)
    objdump -h "$1" | awk '$2 == ".text.unlikely" { print $3 }' |
        { if read -r hex; then printf '%d' "0x$hex"; else echo 0; fi; }
}
if [ "$(unlikely "$out/duktape.o")" -le "$(unlikely "$gen/duktape.o")" ]; then
    echo "build-pgo.sh: $out/duktape.o shows no sign of the profile (.text.unlikely did not grow)" >&2
    exit 1
fi
$CC $flags -I"$out" -I"$root/lib" "$here/bench_engine.c" "$root/lib/block_cache.c" "$out/duktape.o" \
    -o "$out/bench_engine" -lm
