#!/bin/sh
# tests/bench/sort-determinism.sh [BUILD] - shows whether replay reproduces an app that sorts
# records with equal keys (Array.prototype.sort, which Elm's List.sortBy/sortWith call). Duktape
# 2.7's sort picks random pivots from a generator seeded with the heap's address, so equal elements
# come out in an order that differs from heap to heap: the live heap and the restore path disagree,
# and `persist verify` reports it. Prints the verdict; exits 0 either way (not a test).
set -u
build=${1:-build}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cat >"$dir/app.js" <<'JS'
var app = {
  init: function () { return { top: '' }; },
  update: function (event, state) {
    var a = [];
    for (var k = 0; k < 200; k++) a.push({ name: 'p' + k, score: (k * 7919) % 10 });
    a.sort(function (x, y) { return y.score - x.score; });
    var top = a.slice(0, 8).map(function (p) { return p.name; }).join(',');
    return [{ top: top }, top];
  },
  serialize: function (s) { return JSON.stringify(s); },
  deserialize: function (t) { return JSON.parse(t); }
};
JS
"$build/persist" deploy "$dir/store" "$dir/app.js" >/dev/null
for i in 1 2 3; do
    printf 'event %s: %s\n' "$i" "$("$build/persist" submit "$dir/store" sort)"
done
if "$build/persist" verify "$dir/store" >"$dir/verify" 2>&1; then
    echo "replay reproduces the live state"
else
    echo "replay DIVERGES from the live state:"
    cat "$dir/verify"
fi
exit 0
