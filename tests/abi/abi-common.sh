# abi-common.sh - shared by check-abi.sh and abi-update.sh (sourced, not run).
# Sets ROOT (the source tree, also the working directory), ABI_DIR, LIB, and defines
# abi_dump FILE and abi_constants.

CALLER_DIR=$(pwd)
ROOT=$(cd "$(dirname "$0")/../.." && pwd) || exit 2
cd "$ROOT" || exit 2
# shellcheck disable=SC2034 # used by the scripts that source this file
ABI_DIR=tests/abi
VERSION=$(sed -n 's/^#define PERSIST_VERSION_STRING "\(.*\)"/\1/p' include/persist.h)
if [ $# -gt 0 ]; then
    case $1 in
    /*) LIB=$1 ;;
    *) LIB=$CALLER_DIR/$1 ;; # relative to where the script was started
    esac
else
    LIB=${BUILD:-build}/libpersist.so.$VERSION
fi

if [ ! -f "$LIB" ]; then
    echo "abi: $LIB does not exist (build it first: make BUILD=... all)" >&2
    exit 2
fi
for tool in abidw abidiff nm readelf; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "abi: $tool is missing (Debian: apt-get install abigail-tools binutils)" >&2
        exit 2
    fi
done
if ! readelf -S "$LIB" | grep -q '\.debug_info'; then
    echo "abi: $LIB has no debug information; abidw needs a -g build (the default CFLAGS=-O2 -g)" >&2
    exit 2
fi

# The ABI of the library as abidw sees it, limited to the types of the public header: the opaque
# persist_store stays opaque, so internal changes are not ABI changes. No paths, locations or
# sequence-numbered type ids, and translation units named without directories, so that a
# build in another directory gives the same file.
abi_dump() {
    abidw --no-corpus-path --no-comp-dir-path --no-show-locs --type-id-style hash \
        --headers-dir include --drop-private-types --drop-undefined-syms "$LIB" |
        sed "/<abi-instr /s| path='[^']*/\([^'/]*\)'| path='\1'|" >"$1"
}

# The header's constants, one "NAME VALUE" a line, sorted: the enum values and literal #defines
# (abidiff does not see them: no function takes an enum type). The version macros change with
# every release and are left out.
abi_constants() {
    # Join continued lines first (clang-format may put a macro's value on the next line).
    sed -e ':a' -e '/\\$/{N' -e 's/\\\n[[:space:]]*/ /' -e 'ba' -e '}' include/persist.h >"${TMPDIR:-/tmp}/persist-h.$$"
    {
        grep -o 'PERSIST_[A-Z0-9_]*[[:space:]]*=[[:space:]]*-\{0,1\}[0-9][0-9a-fA-FxXuUlL]*' "${TMPDIR:-/tmp}/persist-h.$$" |
            sed 's/[[:space:]]*=[[:space:]]*/ /'
        sed -n 's/^#[[:space:]]*define[[:space:]]\{1,\}\(PERSIST_[A-Z0-9_]*\)[[:space:]]\{1,\}\(-\{0,1\}[0-9][0-9a-fA-FxXuUlL]*\).*/\1 \2/p' \
            "${TMPDIR:-/tmp}/persist-h.$$"
    } | grep -v '^PERSIST_VERSION_' | LC_ALL=C sort
    rm -f "${TMPDIR:-/tmp}/persist-h.$$"
}

exported_symbols() {
    nm -D --defined-only "$LIB" | awk '$2 ~ /^[TDBR]$/ {print $3}' | sed 's/@.*//' | LC_ALL=C sort
}
