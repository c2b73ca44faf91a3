#!/bin/sh
# tests/elm/build-fixtures.sh [--check] - compiles every Elm fixture app of the repository with a
# real elm 0.19.1 (ELM=/path/to/elm, default `elm` on PATH) against the package stand-ins in
# tests/elm/packages (README.md beside this script), in dev mode and with --optimize as each
# fixture needs, and writes the compiled files that are committed. --check writes nothing and
# exits 1 when a committed file differs from what the compiler gives now.
#
# The apps are copied into a temporary directory (with bindings/elm/src, which their elm.json
# files reach by relative paths), so no elm-stuff is left in the repository, and ELM_HOME is a
# fresh temporary directory holding only the stand-ins: the output depends on nothing else.
set -u
ELM=${ELM:-elm}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
check=0
[ "${1:-}" = "--check" ] && check=1
if ! command -v "$ELM" >/dev/null 2>&1; then
    echo "build-fixtures: $ELM not found (npm install @elm_binaries/linux_x64@0.19.1-0, then ELM=.../elm)" >&2
    exit 2
fi
TMP=$(mktemp -d "${TMPDIR:-/tmp}/elm-fixtures.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

# ELM_HOME: the stand-ins as elm/core 1.0.5 and elm/json 1.1.3, and a registry.dat (the
# compiler's Binary-encoded Registry: count, then Map Name KnownVersions) listing exactly them.
P=$TMP/home/0.19.1/packages
mkdir -p "$P/elm/core" "$P/elm/json"
cp -r "$ROOT/tests/elm/packages/core" "$P/elm/core/1.0.5"
cp -r "$ROOT/tests/elm/packages/json" "$P/elm/json/1.1.3"
printf '\0\0\0\0\0\0\0\2\0\0\0\0\0\0\0\2\3elm\4core\1\0\5\0\0\0\0\0\0\0\0\3elm\4json\1\1\3\0\0\0\0\0\0\0\0' \
    >"$P/registry.dat"
export ELM_HOME="$TMP/home"

# The fixtures: app directory, output mode (dev, optimize or both), where the output goes
# (relative to the app directory; "compiled" means compiled/main.dev.js and main.optimize.js).
FIXTURES="
examples/elm-counter/v1 both compiled
examples/elm-counter/v2 both compiled
examples/game-server/rules/v1 both compiled
examples/game-server/rules/v2 both compiled
tests/elm/selfcheck both compiled
tests/fixtures/elm/migrate_err optimize .
tests/fixtures/elm/migrate_throws dev .
tests/fixtures/elm/no_migrate optimize .
tests/fixtures/elm/no_process_event dev .
tests/fixtures/elm/load_throws dev .
tests/fixtures/elm/roundtrip optimize .
tests/fixtures/elm/debug_log dev .
"
W=$TMP/tree
mkdir -p "$W/bindings/elm"
cp -r "$ROOT/bindings/elm/src" "$W/bindings/elm/src"

built=0 differ=0 failed=0
# compile APP MODE(dev|optimize) OUT(relative to the app)
compile() {
    app=$1 cmode=$2 out=$3
    flag=
    [ "$cmode" = optimize ] && flag=--optimize
    if ! (cd "$W/$app" && "$ELM" make src/Backend/Main.elm $flag --output="$TMP/out.js" \
        >"$TMP/log" 2>&1); then
        failed=$((failed + 1))
        echo "FAIL: $app: elm make $flag:"
        tr '\r' '\n' <"$TMP/log" | tail -30
        return
    fi
    built=$((built + 1))
    if cmp -s "$TMP/out.js" "$ROOT/$app/$out"; then
        return
    fi
    differ=$((differ + 1))
    if [ $check -eq 1 ]; then
        echo "differs: $app/$out"
    else
        mkdir -p "$(dirname "$ROOT/$app/$out")"
        cp "$TMP/out.js" "$ROOT/$app/$out"
        echo "wrote $app/$out"
    fi
}

echo "$FIXTURES" | while read -r app mode dir; do
    [ -n "$app" ] || continue
    [ -d "$ROOT/$app" ] || { echo "build-fixtures: no $app" >&2; exit 1; }
    mkdir -p "$W/$app"
    cp -r "$ROOT/$app/elm.json" "$ROOT/$app/src" "$W/$app/"
    for m in dev optimize; do
        if [ "$mode" = both ] || [ "$mode" = $m ]; then
            if [ "$dir" = . ]; then compile "$app" $m "main.$m.js"; else
                compile "$app" $m "$dir/main.$m.js"; fi
        fi
    done
    echo "$built $differ $failed" >"$TMP/counts"
done || exit 1
read -r built differ failed <"$TMP/counts"
if [ $check -eq 1 ]; then
    echo "build-fixtures --check: $built compiled, $differ differ from the committed files, $failed failed"
    [ "$differ" -eq 0 ] && [ "$failed" -eq 0 ]
else
    echo "build-fixtures: $built compiled, $differ written, $failed failed"
    [ "$failed" -eq 0 ]
fi
