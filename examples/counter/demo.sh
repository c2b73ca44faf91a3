#!/bin/sh
# Runs the counter host twice on one fresh store: the second process continues from the state the
# first one left. Exits non-zero when the final state is not the expected one, so it doubles as a
# check. Usage: demo.sh COUNTER_BIN COUNTER_JS   (`make demo` passes both)
set -u
if [ $# -ne 2 ]; then
    echo "usage: $0 COUNTER_BIN COUNTER_JS" >&2
    exit 2
fi
bin=$1
app=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/persist-demo.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
store="$tmp/store"

echo "\$ counter $store $app 'add 5' 'add 2' 'get'"
"$bin" "$store" "$app" 'add 5' 'add 2' 'get' || { echo "demo: first run failed" >&2; exit 1; }

echo
echo "--- process exits; starting again with the same store ---"
echo

echo "\$ counter $store $app 'add 10'"
out=$("$bin" "$store" "$app" 'add 10') || {
    printf '%s\n' "$out"
    echo "demo: second run failed" >&2
    exit 1
}
printf '%s\n' "$out"

# "get" is a query (not logged): the store holds the deployment and three events.
if printf '%s\n' "$out" | grep -qx 'add 10 -> count is 17' &&
    printf '%s\n' "$out" | grep -qx 'state: {"count":17}' &&
    printf '%s\n' "$out" | grep -qx 'head: record 4'; then
    echo
    echo "demo: ok (the count continued from 7 to 17 across processes)"
else
    echo "demo: FAILED: expected count 17 at record 4 after the restart" >&2
    exit 1
fi
