#!/bin/sh
# abi-update.sh [LIB] - records the current ABI as the new baseline, after review:
# tests/abi/libpersist.abi (abidw), libpersist.symbols (exported symbols) and libpersist.constants
# (the header's constants). LIB defaults to $BUILD/libpersist.so.VERSION and must be built with -g.
# Commit the three files together with the change that made them differ (docs/abi.md).
# shellcheck source=tests/abi/abi-common.sh
. "$(dirname "$0")/abi-common.sh"

abi_dump "$ABI_DIR/libpersist.abi" || {
    echo "abi-update: abidw failed on $LIB" >&2
    exit 2
}
exported_symbols >"$ABI_DIR/libpersist.symbols"
abi_constants >"$ABI_DIR/libpersist.constants"
echo "abi-update: recorded the ABI of $LIB:"
echo "    $ABI_DIR/libpersist.abi ($(grep -c '<elf-symbol ' "$ABI_DIR/libpersist.abi") symbols)"
echo "    $ABI_DIR/libpersist.symbols ($(wc -l <"$ABI_DIR/libpersist.symbols") names)"
echo "    $ABI_DIR/libpersist.constants ($(wc -l <"$ABI_DIR/libpersist.constants") constants)"
if command -v git >/dev/null 2>&1 && git rev-parse --git-dir >/dev/null 2>&1; then
    git --no-pager diff --stat -- "$ABI_DIR" || true
fi
