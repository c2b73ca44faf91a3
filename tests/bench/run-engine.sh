#!/bin/sh
# tests/bench/run-engine.sh BUILD CACHE VARIANT... - runs bench_engine for each workload and each
# Duktape variant (BUILD/bench/VARIANT/bench_engine; "base" is the library's own duktape.o) and
# prints one markdown table per workload: instructions per unit under callgrind (the figure to
# compare: deterministic), CPU time per unit outside it (noisy on a shared machine), both as ratios
# to the first variant, the heap's peak and the process's peak RSS, and whether the results match
# the first variant's (bench_check). WORKLOADS selects workloads by name (default: all);
# NO_CALLGRIND=1 skips callgrind; REPEAT=N takes the median CPU time of N runs; CG_OUT=DIR keeps
# the callgrind files.
set -eu
build=$1 cache=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
wl=$here/workloads
counter=$root/examples/elm-counter/v1/compiled
parse_src=$root/tests/elm-codegen/all-types/src/Game/Types.elm
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# name | callgrind units | warm-up | CPU-time units | expose | code | driver | data
workloads() {
    cat <<LIST
counter-opt|2000|100|20000|$wl/elm-main.expose.js|$counter/main.optimize.js|$wl/counter.driver.js|
counter-dev|2000|100|20000|$wl/elm-main.expose.js|$counter/main.dev.js|$wl/counter.driver.js|
counter-opt-o2|2000|100|20000|$wl/elm-main.expose.js|$cache/counter.optimize.o2.js|$wl/counter.driver.js|
analyse-parse|2|1|5|$wl/analyse.expose.js|$cache/analyse.js|$wl/analyse.driver.js|$parse_src
analyse-parse-o2|2|1|5|$wl/analyse.expose.js|$cache/analyse.o2.js|$wl/analyse.driver.js|$parse_src
sort-500|10|2|100|$wl/analyse.expose.js|$cache/analyse.js|$wl/sort.driver.js|
sort-500-o2|10|2|100|$wl/analyse.expose.js|$cache/analyse.o2.js|$wl/sort.driver.js|
LIST
}

field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" "$2"; }

workloads | while IFS='|' read -r name cg_n warm cpu_n expose code driver data; do
    case " ${WORKLOADS:-$name} " in *" $name "*) ;; *) continue ;; esac
    if [ ! -f "$code" ]; then
        echo "$name: SKIPPED: $code is missing (tests/bench/setup.sh fetches it)"
        continue
    fi
    printf '\n%s: %s, %s\n\n' "$name" "$(basename "$code")" "$(basename "$driver")"
    printf '| variant | Ir/unit | ratio | CPU us/unit | ratio | heap peak KB | RSS peak KB | results |\n'
    printf '|---|---:|---:|---:|---:|---:|---:|---|\n'
    first_ir= first_cpu= first_check=
    for v in "$@"; do
        bin=$build/bench/$v/bench_engine
        [ -x "$bin" ] || { echo "| $v | (not built: $bin) |"; continue; }
        ir=-
        if [ "${NO_CALLGRIND:-0}" != 1 ]; then
            out=${CG_OUT:+$CG_OUT/$name.$v.out}
            valgrind --tool=callgrind --dump-instr=no --toggle-collect=run_units \
                --callgrind-out-file="${out:-/dev/null}" "$bin" -n "$cg_n" -w "$warm" -x "$expose" \
                "$code" "$driver" $data >"$tmp/cg.out" 2>"$tmp/cg.err"
            ir=$(sed -n 's/.*Collected : *\([0-9]*\).*/\1/p' "$tmp/cg.err")
            ir=$((ir / cg_n))
        fi
        : >"$tmp/cpus"
        r=0
        while [ "$r" -lt "${REPEAT:-1}" ]; do
            "$bin" -n "$cpu_n" -w "$warm" -x "$expose" "$code" "$driver" $data >"$tmp/run.out"
            field cpu_us_per_unit "$tmp/run.out" >>"$tmp/cpus"
            r=$((r + 1))
        done
        cpu=$(sort -n "$tmp/cpus" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
        check=$(field check "$tmp/run.out")
        [ -n "$first_cpu" ] || { first_ir=$ir first_cpu=$cpu first_check=$check; }
        same=same
        [ "$check" = "$first_check" ] || same="DIFFER ($check)"
        awk -v v="$v" -v ir="$ir" -v fi="$first_ir" -v cpu="$cpu" -v fc="$first_cpu" \
            -v hp="$(field heap_peak_kb "$tmp/run.out")" -v rss="$(field rss_peak_kb "$tmp/run.out")" \
            -v same="$same" 'BEGIN {
                r = (ir != "-" && fi > 0) ? sprintf("%.3f", ir / fi) : "-";
                printf "| %s | %s | %s | %s | %.3f | %s | %s | %s |\n", v, ir, r, cpu, cpu / fc, hp, rss, same }'
    done
done
