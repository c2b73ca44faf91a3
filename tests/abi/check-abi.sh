#!/bin/sh
# check-abi.sh [LIB] - the shared library keeps the ABI recorded in tests/abi/:
#   1. its exported symbols equal libpersist.symbols (check-symbols.sh);
#   2. the header's constants (status codes, flags, modes, limits) equal libpersist.constants;
#   3. abidiff against the abidw baseline libpersist.abi reports no change.
# LIB defaults to $BUILD/libpersist.so.VERSION (BUILD defaults to build); it must be built with -g.
# Needs abigail-tools (abidw, abidiff). See docs/abi.md for what to do when it fails.
#
# abidiff's exit status is a bit mask: 1 tool error, 2 usage error, 4 ABI change, 8 incompatible
# change. Bit 8 is set only for removed symbols; a changed parameter type or a reordered struct
# gives only bit 4. So every change fails here, and says whether it looks like an addition (a new
# minor version: review it, then `make abi-update`) or a break (a new major version).
# Exit status: 0 unchanged, 1 changed or broken, 2 cannot check.
# shellcheck source=tests/abi/abi-common.sh
. "$(dirname "$0")/abi-common.sh"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/persist-abi.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM
status=0
update_hint="review the change, then run \`make abi-update\` (tests/abi/abi-update.sh) and commit the new baseline with it"

# ---- 1. exported symbols -------------------------------------------------------------------
if ! "$ABI_DIR/check-symbols.sh" "$LIB" "$ABI_DIR/libpersist.symbols"; then
    if exported_symbols | LC_ALL=C comm -23 "$ABI_DIR/libpersist.symbols" - | grep -q .; then
        echo "abi: BREAK: symbols listed in libpersist.symbols are no longer exported"
    else
        echo "abi: new exported symbols: $update_hint"
    fi
    status=1
fi

# ---- 2. constants --------------------------------------------------------------------------
abi_constants >"$tmp/constants"
if [ ! -f "$ABI_DIR/libpersist.constants" ]; then
    echo "abi: $ABI_DIR/libpersist.constants is missing: run tests/abi/abi-update.sh"
    status=1
elif ! cmp -s "$ABI_DIR/libpersist.constants" "$tmp/constants"; then
    echo "abi: the header's constants differ from $ABI_DIR/libpersist.constants:"
    diff "$ABI_DIR/libpersist.constants" "$tmp/constants" | sed -n 's/^[<>] /    &/p'
    if LC_ALL=C comm -23 "$ABI_DIR/libpersist.constants" "$tmp/constants" | grep -q .; then
        echo "abi: BREAK: a constant was removed or changed its value (values are pinned forever)"
    else
        echo "abi: new constants: $update_hint"
    fi
    status=1
else
    echo "abi: constants: $(wc -l <"$tmp/constants") as recorded"
fi

# ---- 3. abidiff ----------------------------------------------------------------------------
if [ ! -f "$ABI_DIR/libpersist.abi" ]; then
    echo "abi: $ABI_DIR/libpersist.abi is missing: run tests/abi/abi-update.sh"
    exit 1
fi
abi_dump "$tmp/current.abi" || {
    echo "abi: abidw failed on $LIB"
    exit 2
}
abidiff "$ABI_DIR/libpersist.abi" "$tmp/current.abi" >"$tmp/report" 2>&1
rc=$?
if [ $((rc & 3)) -ne 0 ]; then
    cat "$tmp/report"
    echo "abi: abidiff failed (exit status $rc)"
    exit 2
fi
if [ $rc -eq 0 ]; then
    echo "abi: abidiff: no change against $ABI_DIR/libpersist.abi"
    exit $status
fi
sed 's/^/    /' "$tmp/report"
# What abidiff reports for changes to existing interfaces (as opposed to added functions and
# fields appended to a struct), and any change to the structs that travel in arrays (their size is
# the stride callers index with).
breaking='\[D\]|offset changed|data member deletion|type of .* changed|name changed|return type changed|parameter [0-9]+ of type .[^ ]*. changed|enumerator|size of symbol changed|struct persist_(batch_item|record|snapshot_info|app_info). changed'
if [ $((rc & 8)) -ne 0 ]; then
    echo "abi: BREAK: abidiff reports an incompatible change (exit status $rc): this needs a new"
    echo "     major version and SONAME (docs/abi.md); restore the interface instead"
elif grep -q -E "$breaking" "$tmp/report"; then
    echo "abi: BREAK (probably): an existing function, parameter or field changed (abidiff exit"
    echo "     status $rc). abidiff flags only removed symbols as incompatible, so read the report:"
    echo "     a changed signature, type, size or offset, or a grown array struct, breaks compiled"
    echo "     callers (docs/abi.md)"
else
    # New functions belong in a new version node of lib/libpersist.map (PERSIST_1.<minor>).
    old_nodes=$(grep -o "version='PERSIST_[^']*'" "$ABI_DIR/libpersist.abi" | sort -u | sed "s/version='\(.*\)'/\1/")
    sed -n 's/.*\[A\].*{\(persist_[a-z0-9_]*\)@@\(PERSIST_[^}]*\)}.*/\1 \2/p' "$tmp/report" |
        while read -r fn node; do
            if printf '%s\n' "$old_nodes" | grep -qx "$node"; then
                echo "abi: $fn was added to the released node $node of lib/libpersist.map; new"
                echo "     functions go in a new node, e.g. PERSIST_1.1 { global: $fn; } PERSIST_1.0;"
            fi
        done
    echo "abi: the ABI changed (abidiff exit status $rc): new functions or appended fields are"
    echo "     compatible additions for a minor version; $update_hint"
fi
exit 1
