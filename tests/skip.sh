#!/bin/sh
# tests/skip.sh SUITE REASON ENABLE - a suite that cannot run says so: prints
# "SUITE: SKIPPED: REASON (to run it: ENABLE)" and records the line in $PERSIST_TEST_SKIPS, which
# `make test` lists at its end (tests/summary.sh).
suite=$1 reason=$2 enable=$3
line="$suite: $reason (to run it: $enable)"
echo "$suite: SKIPPED: $reason (to run it: $enable)"
[ -n "${PERSIST_TEST_SKIPS:-}" ] && printf '%s\n' "$line" >>"$PERSIST_TEST_SKIPS"
exit 0
