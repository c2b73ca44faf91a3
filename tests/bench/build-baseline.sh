#!/bin/sh
# tests/bench/build-baseline.sh REV DIR - builds the library of commit REV (libpersist 1.0.0 is
# ca1988c) in DIR, for the benchmarks that compare it with the current library in the same run:
# DIR/build/libpersist.so.1 (programs that use only the 1.0 API run against it with
# LD_LIBRARY_PATH) and DIR/build/duktape/duktape.o (its Duktape, for bench_engine). The tree comes
# from `git archive`, so the repository's worktrees and branches are not touched. Exits 1 with a
# message when this is no git checkout holding REV.
set -eu
rev=$1 dir=$2
if [ -f "$dir/build/libpersist.so.1" ] && [ -f "$dir/build/duktape/duktape.o" ] &&
    [ "$(cat "$dir/REV" 2>/dev/null)" = "$rev" ]; then
    exit 0
fi
root=$(cd "$(dirname "$0")/../.." && pwd)
if ! git -C "$root" rev-parse -q --verify "$rev^{commit}" >/dev/null 2>&1; then
    echo "bench: no commit $rev in $root: the comparison with libpersist 1.0 is skipped" >&2
    exit 1
fi
rm -rf "$dir"
mkdir -p "$dir"
git -C "$root" archive "$rev" | tar -x -C "$dir"
# 1.0's own Makefile; the variables of this make (BUILD, CFLAGS, -j) are not handed down.
(
    unset MAKEFLAGS MFLAGS MAKELEVEL BUILD CFLAGS
    make -C "$dir" all
) >"$dir/build.log" 2>&1 || {
    echo "bench: building $rev failed (see $dir/build.log)" >&2
    exit 1
}
echo "$rev" >"$dir/REV"
