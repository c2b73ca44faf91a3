#!/bin/sh
# tests/engine/run.sh BENCH_ENGINE - runs each case of tests/engine in a bare heap of the library's
# Duktape and compares what it shows with what unpatched Duktape 2.7.0 shows (written below).
set -u
engine=$1
dir=$(dirname "$0")
fail=0
check() { # check CASE EXPECTED
    out=$("$engine" -n 1 -w 0 "$dir/$1" "$dir/driver.js" 2>&1)
    got=$(printf '%s\n' "$out" | sed -n 's/.* check=//p')
    if [ "$got" = "$2" ]; then
        echo "engine: $1: ok"
    else
        echo "engine: $1: FAILED: expected '$2', got '$got' ($out)"
        fail=1
    fi
}
check finalizer_in_call.js 'callee (code.js:0);2' # bench_engine names the program code.js
check finalizer_in_tailcall.js ' callee 12 tailcall bench_unit 3 preventsyield;2' # line 12: callee's first
check gc_in_tailcall.js 'fin;t,t:1000'
check release_order.js \
    '1a|/|2a|2b|/|3a|3b|3c|/|4a|4b|4c|4d|/|5a|5b|5c|5d|5e|/|6a|6c|6e|6f|/|7a|7b|7d|7e|7f|7g|/|9a|9b|9c|9d|9e|9f|9g|9h|9i|/|10a|10b|10c|10d|10e|10f|10g|10h|/|ca|cb|cc|cd|ce|/;0,0,0,0,0,0,0,0,3,5'
exit $fail
