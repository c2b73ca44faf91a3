#!/bin/sh
# check-default-goal.sh - a plain `make` must build the libraries and the tools and nothing else.
# Checks that make's default goal is `all`, and that `all` (as make would run it, -n) runs no
# test, benchmark, demo or install step: only compiler, archiver and link commands.
set -u
cd "$(dirname "$0")/../.." || exit 1
MAKE=${MAKE:-make}
goal=$($MAKE -pnq -f Makefile 2>/dev/null | sed -n 's/^\.DEFAULT_GOAL := //p' | head -n1)
if [ "$goal" != all ]; then
    echo "check-default-goal: FAIL: a plain make runs '$goal', not 'all'" >&2
    exit 1
fi
# In a fresh build directory nothing is built yet, so -n lists every command `make all` runs.
tmp=$(mktemp -d "${TMPDIR:-/tmp}/persist-goal.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
$MAKE -n --no-print-directory BUILD="$tmp/build" >"$tmp/cmds" 2>&1 || {
    cat "$tmp/cmds" >&2
    echo "check-default-goal: FAIL: make -n failed" >&2
    exit 1
}
bad=$(grep -E 'tests/|run-tests|unittest|go test|demo\.sh|install -m|fuzz' "$tmp/cmds" |
    grep -v -- '-c lib/\|-c tools/' | head -5)
if [ -n "$bad" ]; then
    echo "check-default-goal: FAIL: a plain make runs more than the build:" >&2
    printf '%s\n' "$bad" >&2
    exit 1
fi
echo "check-default-goal: ok (make builds $(grep -c -- ' -o ' "$tmp/cmds") objects and programs, nothing else)"
