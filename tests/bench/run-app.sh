#!/bin/sh
# tests/bench/run-app.sh BUILD CACHE - the library's cost per event on top of the app's own work:
# the same unit of work in bench_engine's bare loop and through persist_store_submit_batch
# (bench_app, batches of BATCH=100 by default, default durability), both under callgrind
# (instructions) and without it (CPU time). Prints a markdown table. CG_OUT=DIR keeps the
# callgrind files (see profile.py and callgrind_annotate).
set -eu
build=$1 cache=$2
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
wl=$here/workloads
batch=${BATCH:-100}
store=${TMPDIR:-/tmp}/persist-bench-app-$$
tmp=$(mktemp -d)
trap 'rm -rf "$tmp" "$store"' EXIT
counter=$root/examples/elm-counter/v1/compiled
parse_src=$root/tests/elm-codegen/all-types/src/Game/Types.elm

# name | events under callgrind | events for CPU time | bare loop arguments | bench_app options |
# app code | event (a file's contents, or the text itself)
list() {
    cat <<LIST
counter-opt|$((batch * 10))|$((batch * 40))|-x $wl/elm-main.expose.js $counter/main.optimize.js $wl/counter.driver.js||$counter/main.optimize.js|add 1
counter-dev|$((batch * 10))|$((batch * 40))|-x $wl/elm-main.expose.js $counter/main.dev.js $wl/counter.driver.js||$counter/main.dev.js|add 1
analyse-parse|2|4|-x $wl/analyse.expose.js $cache/analyse.js $wl/analyse.driver.js $parse_src|-f -x $wl/analyse.app.js|$cache/analyse.js|$parse_src
LIST
}

cg() { # OUT-NAME TOGGLE COMMAND... -> instructions counted inside TOGGLE
    name=$1 toggle=$2
    shift 2
    file=/dev/null
    [ -z "${CG_OUT:-}" ] || file=$CG_OUT/$name.out
    valgrind --tool=callgrind --dump-instr=no --toggle-collect="$toggle" \
        --callgrind-out-file="$file" "$@" \
        >"$tmp/out" 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
    sed -n 's/.*Collected : *\([0-9]*\).*/\1/p' "$tmp/err"
}

printf '| workload | bare Ir/unit | library Ir/event | library overhead Ir/event | bare / library |'
printf ' bare CPU us | library CPU us | RSS KB bare / library |\n|---|---:|---:|---:|---:|---:|---:|---:|\n'
list | while IFS='|' read -r name cg_n cpu_n bare opts code ev; do
    if [ ! -f "$code" ]; then
        echo "| $name | SKIPPED: $code is missing (tests/bench/setup.sh) |"
        continue
    fi
    b=$(awk -v n="$batch" -v c="$cg_n" 'BEGIN { print (c < n ? c : n) }')
    # shellcheck disable=SC2086
    bare_ir=$(cg "$name.bare" run_units "$build/bench/base/bench_engine" -n "$cg_n" -w 1 $bare)
    # shellcheck disable=SC2086
    lib_ir=$(cg "$name.lib" run_batches "$build/bench/bench_app" -n "$cg_n" -b "$b" $opts \
        "$store" "$code" "$ev")
    # shellcheck disable=SC2086
    "$build/bench/base/bench_engine" -n "$cpu_n" -w 1 $bare >"$tmp/bare"
    # shellcheck disable=SC2086
    "$build/bench/bench_app" -n "$cpu_n" -b "$b" $opts "$store" "$code" "$ev" >"$tmp/lib"
    awk -v name="$name" -v n="$cg_n" -v bi="$bare_ir" -v li="$lib_ir" \
        -v bc="$(sed -n 's/.*cpu_us_per_unit=\([^ ]*\).*/\1/p' "$tmp/bare")" \
        -v lc="$(sed -n 's/.*cpu_us_per_event=\([^ ]*\).*/\1/p' "$tmp/lib")" \
        -v br="$(sed -n 's/.*rss_peak_kb=\([^ ]*\).*/\1/p' "$tmp/bare")" \
        -v lr="$(sed -n 's/.*rss_peak_kb=\([^ ]*\).*/\1/p' "$tmp/lib")" 'BEGIN {
            printf "| %s | %d | %d | %d | %.3f | %s | %s | %s / %s |\n", name, bi / n, li / n,
                (li - bi) / n, bi / li, bc, lc, br, lr }'
done
