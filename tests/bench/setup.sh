#!/bin/sh
# tests/bench/setup.sh [CACHE] - fetches the benchmark workloads that come from npm into CACHE
# (default $BENCH_CACHE, else ~/.cache/libpersist-bench; never inside the repository, never needed
# by `make test`) and prepares them:
#   CACHE/analyse.js           elm-analyse 0.16.5's dist/app/backend-elm.js (elm make --optimize)
#   CACHE/analyse.o2.js        the same after elm-optimize-level-2 0.4.0
#   CACHE/counter.optimize.o2.js, counter.dev.o2.js   examples/elm-counter/v1 after it
#   CACHE/analyse.o2.PART.js   elm-optimize-level-2's transforms one at a time (transforms/eol2-parts.js)
#   CACHE/analyse[.o2].sort-MODE.js   the kernel's list sorts as a merge sort (transforms/sort.js)
# Exits 0 when they are there; 1 when npm is missing or the install fails (bench skips then).
set -eu
cache=${1:-${BENCH_CACHE:-$HOME/.cache/libpersist-bench}}
here=$(cd "$(dirname "$0")/../.." && pwd)
if [ -f "$cache/analyse.o2.sort-generic.js" ] && [ -f "$cache/counter.dev.o2.js" ]; then
    exit 0
fi
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
    echo "bench setup: node and npm are needed to fetch the workloads (apt-get install npm)" >&2
    exit 1
fi
mkdir -p "$cache"
npm install --prefix "$cache" --no-audit --no-fund --ignore-scripts --no-save \
    elm-analyse@0.16.5 elm-optimize-level-2@0.4.0 >"$cache/npm.log" 2>&1 || {
    echo "bench setup: npm install failed (see $cache/npm.log)" >&2
    exit 1
}
eol2="node $cache/node_modules/elm-optimize-level-2/bin/elm-optimize-level-2"
cp "$cache/node_modules/elm-analyse/dist/app/backend-elm.js" "$cache/analyse.js"
(cd "$cache" && $eol2 analyse.js --output analyse.o2.js >/dev/null)
for mode in optimize dev; do
    cp "$here/examples/elm-counter/v1/compiled/main.$mode.js" "$cache/counter.$mode.js"
    (cd "$cache" && $eol2 "counter.$mode.js" --output "counter.$mode.o2.js" >/dev/null)
done
node "$here/tests/bench/transforms/eol2-parts.js" "$cache" "$cache/analyse.js" "$cache/analyse.o2" \
    2>/dev/null
for mode in generic kernel; do
    node "$here/tests/bench/transforms/sort.js" $mode "$cache/analyse.js" \
        "$cache/analyse.sort-$mode.js" 2>/dev/null
done
node "$here/tests/bench/transforms/sort.js" generic "$cache/analyse.o2.js" \
    "$cache/analyse.o2.sort-generic.js" 2>/dev/null
echo "bench setup: workloads ready in $cache"
