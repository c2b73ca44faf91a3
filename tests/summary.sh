#!/bin/sh
# tests/summary.sh RC - the last lines of `make test`: every suite that was skipped, why, and the
# command that enables it ($PERSIST_TEST_SKIPS), then the totals of the cmocka suites
# ($PERSIST_TEST_TOTALS). Exits with RC, the status of the run.
rc=${1:-1}
skips=${PERSIST_TEST_SKIPS:-/dev/null}
n=0
[ -s "$skips" ] && n=$(sort -u "$skips" | wc -l)
echo
if [ "$n" -gt 0 ]; then
    echo "skipped suites ($n; tools/install-deps.sh, run as root, installs everything they need):"
    sort -u "$skips" | sed 's/^/  /'
else
    echo "skipped suites: none"
fi
totals=$(cat "${PERSIST_TEST_TOTALS:-/dev/null}" 2>/dev/null)
status="all suites that ran passed"
[ "$rc" -ne 0 ] && status="FAILED (see the output above)"
echo "${totals:-tests: no totals (the run stopped early)}; $n suites skipped; $status"
exit "$rc"
