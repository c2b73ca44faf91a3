#!/bin/sh
# The shared library must export exactly the symbols listed in tests/abi/libpersist.symbols.
set -eu
lib=$1; expected=$2
actual=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBR]$/ {print $3}' | sed 's/@.*//' | sort)
if [ "$actual" != "$(sort "$expected")" ]; then
    echo "exported symbols of $lib differ from $expected:"
    printf '%s\n' "$actual" | diff "$expected" - || true
    exit 1
fi
echo "exported symbols: $(printf '%s\n' "$actual" | wc -l) as listed in $expected"
