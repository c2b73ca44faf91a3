#!/bin/sh
# tests/elm-codegen/typecheck.sh - compiles the golden generated modules with a real elm 0.19.1 against
# the package stand-ins in tests/elm/packages (see tests/elm/README.md): all-types must compile, the migration's
# generated modules must compile, and its scaffold must fail on exactly the conversions left to write.
set -u
ELM=${ELM:-elm}
HERE=$(cd "$(dirname "$0")" && pwd)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/elm-typecheck.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
P=$TMP/home/0.19.1/packages
mkdir -p "$P/elm"
PKG=$HERE/../elm/packages
mkdir -p "$P/elm/core" "$P/elm/json" && cp -r "$PKG/core" "$P/elm/core/1.0.5" && cp -r "$PKG/json" "$P/elm/json/1.1.3"
# registry.dat: Binary-encoded Registry (count, Map Name KnownVersions): elm/core 1.0.5, elm/json 1.1.3.
printf '\0\0\0\0\0\0\0\2\0\0\0\0\0\0\0\2\3elm\4core\1\0\5\0\0\0\0\0\0\0\0\3elm\4json\1\1\3\0\0\0\0\0\0\0\0' \
    >"$P/registry.dat"
export ELM_HOME=$TMP/home
passed=0 failed=0
make_ok() { # DIR MODULE-FILE
    if (cd "$1" && "$ELM" make "$2" --output=/dev/null >"$TMP/log" 2>&1); then passed=$((passed + 1)); else
        failed=$((failed + 1)); echo "FAIL: $1: elm make $2:"; tr '\r' '\n' <"$TMP/log" | tail -20; fi
}
cp -r "$HERE/all-types" "$TMP/all" && cp -r "$HERE/all-types/expected/Generated" "$TMP/all/src/"
make_ok "$TMP/all" src/Backend/Main.elm
cp -r "$HERE/migration" "$TMP/mig" && cp -r "$HERE/migration/expected/"* "$TMP/mig/src/"
make_ok "$TMP/mig" src/Generated/Persist.elm
make_ok "$TMP/mig" src/Migrate/V1.elm
(cd "$TMP/mig" && "$ELM" make src/Migrate.elm --output=/dev/null >"$TMP/log" 2>&1)
missing=$(tr '\r' '\n' <"$TMP/log" | sed -n 's/.*cannot find a `\(todo_[A-Za-z_]*\)` variable.*/\1/p' | sort | tr '\n' ' ')
if [ "$missing" = "todo_migrate_Game_State_Event todo_migrate_Game_State_Player todo_migrate_Game_State_State " ]; then
    passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: Migrate.elm: unexpected result: $missing"; fi
echo "check-elm-types: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
