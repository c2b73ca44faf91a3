#!/bin/sh
# Runs each cmocka test binary given, then prints one closing line "tests: N passed, N failed"
# (also written to $PERSIST_TEST_TOTALS for the summary at the end of `make test`). A binary still
# running after $PERSIST_TEST_TIMEOUT seconds (default 1800; the slowest takes a few minutes under
# the sanitizers) is stopped and counted as failed: a hang fails the suite instead of stalling it.
limit=${PERSIST_TEST_TIMEOUT:-1800}
passed=0; failed=0; broken=""
for t in "$@"; do
    out=$(timeout "$limit" "$t" 2>&1); rc=$?
    printf '%s\n' "$out"
    [ $rc -eq 124 ] && echo "$t: still running after $limit s: stopped (a hang)"
    p=$(printf '%s\n' "$out" | sed -n 's/.*\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
    f=$(printf '%s\n' "$out" | sed -n 's/.*\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
    if [ $rc -ne 0 ] && [ -z "$f" ]; then failed=$((failed + 1)); broken="$broken $t"; fi
done
[ -n "$broken" ] && echo "crashed or failed without a cmocka summary:$broken"
echo "tests: $passed passed, $failed failed"
[ -n "${PERSIST_TEST_TOTALS:-}" ] && echo "tests: $passed passed, $failed failed" >"$PERSIST_TEST_TOTALS"
[ "$failed" -eq 0 ]
