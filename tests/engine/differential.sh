#!/bin/sh
# tests/engine/differential.sh PATCHED DEBIAN DIR COUNT - writes COUNT random control-flow programs
# and COUNT random programs of calls into DIR (control_flow.py), COUNT programs of JSON.stringify on
# random values and JSON.parse on random texts (json_values.py), COUNT programs of comparisons
# between values of every kind (compare_values.py), COUNT programs of calls of native functions
# (native_calls.py), COUNT programs of closures over scopes (closure_scopes.py), COUNT programs of
# pushes past the end of arrays' storage (array_pushes.py) and COUNT programs of instanceof
# (instanceof_checks.py), all with fixed seeds; evaluates them
# with the library's patched Duktape (PATCHED) and with Debian's unpatched one (DEBIAN), both built
# from eval_files.c, and fails on the
# first program whose value differs. Nothing the patches or the configuration do may change what a
# program computes.
set -u
patched=$1 debian=$2 dir=$3 count=$4
here=$(dirname "$0")
rm -rf "$dir" && mkdir -p "$dir" || exit 1
python3 "$here/control_flow.py" "$dir" 0 "$count" || exit 1
python3 "$here/json_values.py" "$dir" 0 "$count" || exit 1
python3 "$here/compare_values.py" "$dir" 0 "$count" || exit 1
python3 "$here/native_calls.py" "$dir" 0 "$count" || exit 1
python3 "$here/closure_scopes.py" "$dir" 0 "$count" || exit 1
python3 "$here/array_pushes.py" "$dir" 0 "$count" || exit 1
python3 "$here/instanceof_checks.py" "$dir" 0 "$count" || exit 1
find "$dir" -name "[pqjcnsai]*.js" | sort >"$dir/list"
# Each program ends (its loops are bounded), so an evaluation that runs past the limit is a fault:
# a patch that loops, not a slow machine (each takes well under a minute here).
limit=900
# The programs go to the evaluator 1,000 at a time: a command line of all their names takes room on
# the process's stack, and Debian's evaluator, built at -O0, needs that room for the programs that
# recurse to Duktape's limits (15,000 names made one of them overflow it).
run() { # run EVAL OUT
    timeout "$limit" xargs -n 1000 "$1" <"$dir/list" >"$2"
    rc=$?
    [ "$rc" -eq 124 ] && { echo "engine-differential: FAILED: $1 did not finish in $limit s (programs in $dir)"; exit 1; }
    [ "$rc" -ne 0 ] && { echo "engine-differential: FAILED: $1 failed (xargs exited $rc; programs in $dir)"; exit 1; }
    return 0
}
run "$patched" "$dir/patched.out"
run "$debian" "$dir/debian.out"
n=$(grep -c . "$dir/debian.out")
errors=$(grep -c ': error: ' "$dir/debian.out")
if [ "$n" -ne $((8 * count)) ] || [ "$errors" -ne 0 ]; then
    echo "engine-differential: FAILED: unpatched Duktape gave $n answers for $((8 * count)) programs, $errors errors"
    exit 1
fi
if ! cmp -s "$dir/patched.out" "$dir/debian.out"; then
    echo "engine-differential: FAILED: the patched Duktape differs from Debian's (first differences; programs in $dir):"
    diff "$dir/debian.out" "$dir/patched.out" | head -8
    exit 1
fi
echo "engine-differential: $count random control-flow programs, $count of calls, $count of JSON.stringify and JSON.parse, $count of comparisons, $count of native calls, $count of closures over scopes, $count of array pushes and $count of instanceof, the same value from both Duktapes"
