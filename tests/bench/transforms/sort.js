// tests/bench/transforms/sort.js MODE IN.js OUT.js - a prototype of a load-time rewrite: Elm's
// kernel list sorts (_List_sortBy, _List_sortWith: Array.prototype.sort, a native quicksort with
// random pivots) replaced by a stable merge sort written in JavaScript for Duktape. Deterministic
// string rewriting of the compiled output; a function declaration is inserted before the final
// "}(this));" the way lib/app_adapter.c inserts its statement (hoisted, so visible everywhere).
//   MODE generic: every `_List_toArray(xs).sort(` becomes `_Persist_sort(_List_toArray(xs), `:
//     the kernel's own comparator closures stay (matches elm make and elm-optimize-level-2 output).
//   MODE kernel: the two kernel definitions of `elm make` (exact text of elm/core 1.0.5) are
//     replaced by versions with the comparison inlined in the merge loop and sortBy's keys computed
//     once per element; anything else falls back to generic.
'use strict';
var fs = require('fs');
var mode = process.argv[2], code = fs.readFileSync(process.argv[3], 'utf8');

// Stable: an element of the right run goes first only if it is strictly smaller. Runs of 8 are
// sorted by insertion first (stable too: an element moves left past strictly greater ones only).
// Sorts the fresh array _List_toArray made in place, as Array.prototype.sort did; a second array
// only for lists longer than one run.
var MERGE = "function _Persist_sort(a, cmp) {\n" +
"  var n = a.length, src = a, dst, lo, hi, i, j, k, x, mid, w, t;\n" +
"  for (lo = 0; lo < n; lo += 8) {\n" +
"    hi = lo + 8 < n ? lo + 8 : n;\n" +
"    for (i = lo + 1; i < hi; i++) {\n" +
"      x = src[i];\n" +
"      for (j = i - 1; j >= lo && cmp(x, src[j]) < 0; j--) src[j + 1] = src[j];\n" +
"      src[j + 1] = x;\n" +
"    }\n" +
"  }\n" +
"  if (n <= 8) return src;\n" +
"  dst = new Array(n);\n" +
"  for (w = 8; w < n; w *= 2) {\n" +
"    for (lo = 0; lo < n; lo += 2 * w) {\n" +
"      mid = lo + w < n ? lo + w : n; hi = lo + 2 * w < n ? lo + 2 * w : n;\n" +
"      i = lo; j = mid; k = lo;\n" +
"      while (i < mid && j < hi) dst[k++] = cmp(src[j], src[i]) < 0 ? src[j++] : src[i++];\n" +
"      while (i < mid) dst[k++] = src[i++];\n" +
"      while (j < hi) dst[k++] = src[j++];\n" +
"    }\n" +
"    t = src; src = dst; dst = t;\n" +
"  }\n" +
"  return src;\n" +
"}\n";

var SORT_BY = "var _List_sortBy = F2(function(f, xs)\n{\n\treturn _List_fromArray(_List_toArray(xs).sort(function(a, b) {\n\t\treturn _Utils_cmp(f(a), f(b));\n\t}));\n});";
var SORT_WITH = "var _List_sortWith = F2(function(f, xs)\n{\n\treturn _List_fromArray(_List_toArray(xs).sort(function(a, b) {\n\t\tvar ord = A2(f, a, b);\n\t\treturn ord === $elm$core$Basics$EQ ? 0 : ord === $elm$core$Basics$LT ? -1 : 1;\n\t}));\n});";

// sortBy: keys once per element (f is pure), then the indices merge-sorted by _Utils_cmp of keys;
// ties keep input order. sortWith: the Order compared in the loop; EQ and LT read once per sort.
var SORT_BY_NEW = "var _List_sortBy = F2(function(f, xs)\n{\n" +
"\tvar a = _List_toArray(xs), n = a.length, keys = new Array(n), idx = new Array(n), cmp = _Utils_cmp, i;\n" +
"\tfor (i = 0; i < n; i++) { keys[i] = f(a[i]); idx[i] = i; }\n" +
"\tidx = _Persist_sort(idx, function (p, q) { return cmp(keys[p], keys[q]); });\n" +
"\tfor (i = 0; i < n; i++) idx[i] = a[idx[i]];\n" +
"\treturn _List_fromArray(idx);\n});";
var SORT_WITH_NEW = "var _List_sortWith = F2(function(f, xs)\n{\n" +
"\tvar EQ = $elm$core$Basics$EQ, LT = $elm$core$Basics$LT, g = f.a === 2 ? f.f : null;\n" +
"\treturn _List_fromArray(_Persist_sort(_List_toArray(xs), function (a, b) {\n" +
"\t\tvar ord = g ? g(a, b) : f(a)(b);\n" +
"\t\treturn ord === EQ ? 0 : ord === LT ? -1 : 1;\n\t}));\n});";

var n = 0;
if (mode === 'kernel') {
    if (code.indexOf(SORT_BY) >= 0) { code = code.replace(SORT_BY, function () { return SORT_BY_NEW; }); n++; }
    if (code.indexOf(SORT_WITH) >= 0) { code = code.replace(SORT_WITH, function () { return SORT_WITH_NEW; }); n++; }
}
code = code.replace(/_List_toArray\(xs\)\.sort\(/g, function () { n++; return '_Persist_sort(_List_toArray(xs), '; });
var at = code.lastIndexOf('}(this));');
code = code.slice(0, at) + '\n' + MERGE + code.slice(at);
fs.writeFileSync(process.argv[4], code);
console.error('sort.js ' + mode + ': ' + n + ' rewrites');
