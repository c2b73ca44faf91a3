#!/bin/sh
# tests/bench/run-transforms.sh BUILD CACHE [VARIANT...] - the load-time rewrites prototyped in
# transforms/ (files that setup.sh writes into CACHE), each alone and combined, per Duktape variant
# (default: base), and the wrapper-scope lookup experiment (workloads/getvar.gen.js): one
# markdown table per workload, instructions per unit under callgrind and CPU
# time, as ratios to the first row (the code as elm make wrote it, on the first variant).
set -eu
build=$1 cache=$2
shift 2
[ $# -gt 0 ] || set -- base
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
wl=$here/workloads
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
parse_src=$root/tests/elm-codegen/all-types/src/Game/Types.elm
codes="analyse.js analyse.o2.calls.js analyse.o2.calls-unwrapped.js analyse.o2.inline.js \
analyse.o2.lists.js analyse.o2.js analyse.sort-generic.js analyse.sort-kernel.js \
analyse.o2.sort-generic.js"
if [ ! -f "$cache/analyse.sort-kernel.js" ]; then
    echo "transforms: SKIPPED: the npm workloads are missing (tests/bench/setup.sh)"
    exit 0
fi

# The wrapper-scope lookup experiment (workloads/getvar.gen.js): three programs in $tmp.
node "$wl/getvar.gen.js" "$tmp/getvar"

# name | callgrind units | warm-up | CPU-time units | driver | data | expose | code files
for w in "analyse-parse|2|1|5|analyse.driver.js|$parse_src|$wl/analyse.expose.js|$codes" \
    "sort-500|10|2|100|sort.driver.js||$wl/analyse.expose.js|$codes" \
    "getvar|20|2|200|getvar.driver.js|||$tmp/getvar.wrapper.js $tmp/getvar.iife.js $tmp/getvar.locals.js"; do
    IFS='|' read -r name cg_n warm cpu_n driver data expose files <<W
$w
W
    printf '\n%s\n\n| code | variant | Ir/unit | ratio | CPU us/unit | ratio | results |\n' "$name"
    printf '|---|---|---:|---:|---:|---:|---|\n'
    first_ir= first_cpu= first_check=
    for code in $files; do
        case $code in /*) ;; *) code=$cache/$code ;; esac
        for v in "$@"; do
            bin=$build/bench/$v/bench_engine
            # shellcheck disable=SC2086
            valgrind --tool=callgrind --dump-instr=no --toggle-collect=run_units \
                --callgrind-out-file=/dev/null "$bin" -n "$cg_n" -w "$warm" \
                ${expose:+-x "$expose"} "$code" "$wl/$driver" $data \
                >/dev/null 2>"$tmp/cg.err"
            ir=$(($(sed -n 's/.*Collected : *\([0-9]*\).*/\1/p' "$tmp/cg.err") / cg_n))
            # shellcheck disable=SC2086
            "$bin" -n "$cpu_n" -w "$warm" ${expose:+-x "$expose"} "$code" "$wl/$driver" \
                $data >"$tmp/run"
            cpu=$(sed -n 's/.*cpu_us_per_unit=\([^ ]*\).*/\1/p' "$tmp/run")
            check=$(sed -n 's/.*check=\(.*\)/\1/p' "$tmp/run")
            [ -n "$first_ir" ] || { first_ir=$ir first_cpu=$cpu first_check=$check; }
            same=same
            [ "$check" = "$first_check" ] || same="DIFFER ($check)"
            awk -v c="$(basename "$code")" -v v="$v" -v ir="$ir" -v fi="$first_ir" -v cpu="$cpu" \
                -v fc="$first_cpu" -v s="$same" 'BEGIN {
                    printf "| %s | %s | %d | %.3f | %s | %.3f | %s |\n", c, v, ir, ir / fi, cpu,
                        cpu / fc, s }'
        done
    done
done
