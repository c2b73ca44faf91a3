#!/bin/sh
# tests/fuzz/run.sh SECONDS DIR TARGET... - runs each libFuzzer target DIR/fuzz_TARGET for SECONDS
# seconds, starting from the seeds in tests/fuzz/corpus/TARGET (new inputs go to DIR/corpus/TARGET,
# crashes to DIR/artifacts/), and prints per target "fuzz: TARGET: N executions in S s, C crashes"
# and a closing line. Extra libFuzzer flags: FUZZ_FLAGS.
set -u
secs=${1:?usage: run.sh SECONDS DIR TARGET...}; dir=$2; shift 2
total=0; failed=0
for t in "$@"; do
    mkdir -p "$dir/corpus/$t" "$dir/artifacts"
    log="$dir/fuzz_$t.log"
    extra=""
    [ -f "tests/fuzz/$t.dict" ] && extra="-dict=tests/fuzz/$t.dict"
    [ "$t" = deploy ] && extra="$extra -only_ascii=1 -max_len=8192"
    [ "$t" = elm_calls ] && extra="$extra -max_len=4096"
    [ "$t" = pages ] && extra="$extra -max_len=65"
    # -timeout: one input may take that long (app code is cut at 50-200 ms per call, but see
    # README.md: the budget is only checked between bytecode instructions).
    "$dir/fuzz_$t" -max_total_time="$secs" -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 \
        -artifact_prefix="$dir/artifacts/$t-" $extra ${FUZZ_FLAGS:-} \
        "$dir/corpus/$t" "tests/fuzz/corpus/$t" >"$log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
    grep '^fuzz_' "$log"
    if [ $rc -ne 0 ]; then
        failed=$((failed + 1))
        echo "fuzz: $t: FAILED (exit $rc) after ${runs:-?} executions; the report (from $log):"
        grep -m1 -A30 'ERROR:\|requirement failed\|==ERROR\|deadly signal\|Test unit written' "$log" | head -60
        ls -1 "$dir/artifacts" | grep "^$t-" | sed "s|^|    reproducer: $dir/artifacts/|"
    else
        echo "fuzz: $t: ${runs:-0} executions in $secs s ($cov), 0 crashes"
    fi
    total=$((total + ${runs:-0}))
done
echo "fuzz: $# targets, $total executions, $failed failed"
[ "$failed" -eq 0 ]
