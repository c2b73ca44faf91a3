#!/bin/sh
# broken-rules.sh DIR - writes two broken releases of the rules v2 into DIR, made from the compiled
# v2 without the Elm compiler, to see a live deploy refused with the game untouched:
#   DIR/broken-syntax.js     v2 cut in the middle: does not load (PERSIST_ELOAD)
#   DIR/broken-migration.js  v2 whose migration answers Err for every state (PERSIST_EMIGRATE)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
V2=$HERE/rules/v2/compiled/main.optimize.js
OUT=${1:?usage: broken-rules.sh DIR}
mkdir -p "$OUT"
head -c 40000 "$V2" >"$OUT/broken-syntax.js"
# The main module's migration points at Migrate.migrateFromSerialized; point it at a function
# that refuses instead (the rest of v2 is unchanged).
sed 's/^\(var \$author\$project\$Backend\$Main\$interfaceToHost_migrateFromSerialized = \).*;$/\1function (text) { return $elm$core$Result$Err("this release refuses every state: a broken migration"); };/' \
    "$V2" >"$OUT/broken-migration.js"
grep -q 'a broken migration' "$OUT/broken-migration.js" || {
    echo "broken-rules.sh: the migration's line was not found in $V2" >&2
    exit 1
}
