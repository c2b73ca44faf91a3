#!/usr/bin/env python3
"""tests/engine/native_calls.py OUTDIR FIRST_SEED COUNT - writes COUNT random programs
(OUTDIR/n<seed>.js) whose compiled code calls native functions in every shape natives.patch
takes or refuses: natives of a fixed count called with fewer, as many and more arguments (the
surplus released before the native runs, some of them objects with finalizers that log when they
run), natives taking any count (Math.max, push, concat, String.fromCharCode, with up to 300
arguments), natives returning nothing, natives that throw (bad JSON, a negative repeat count, a
reduce of nothing, a frozen object, a method on undefined) or return an error code, natives that
call back into compiled code (map, filter, forEach, reduce, sort's comparator, replace's function,
JSON.stringify's replacer and toJSON, join's toString and valueOf), callbacks that throw, recursion through natives
past the native call depth limit, natives as methods, as plain values and with primitive 'this',
tail calls to natives, constructors called as functions, more calls in a row than the native call
depth limit, natives called inside a coroutine between its yields, and the special ones (call,
apply, bind, eval) beside them. Each result, each caught error's name and each finalizer's run
is written into the program's value, so the library's Duktape and Debian's must give the same
line."""

from programs import write_programs

# Duktape keeps finished activations on a free list (emptied by mark-and-sweep), and the direct call
# takes its activation from there: warm() fills it, as a running app's calls do, so that the
# calls below can take that path.
PRELUDE = r"""var out = [];
function warm(n) { return n > 0 ? warm(n - 1) + Math.abs(-1) : 0; }
warm(60);
function D(v) {
  if (v === null) return 'null';
  if (typeof v === 'string') return 's' + v.length + ':' + v.slice(0, 40);
  if (typeof v === 'number') return 'n' + (v === 0 && 1 / v < 0 ? '-0' : String(v));
  if (typeof v !== 'object') return typeof v + String(v);
  if (Array.isArray(v)) return '[' + v.slice(0, 20).map(D).join(',') + (v.length > 20 ? ',..' + v.length : '') + ']';
  return '{' + Object.keys(v).map(function (k) { return k + ':' + D(v[k]); }).join(',') + '}';
}
function T(f) { try { out.push(D(f())); } catch (e) { out.push('E' + e.name); } }
// The finalizer is a global function, not a closure over fin()'s scope (which holds the object and
// would make a cycle that only mark-and-sweep frees): an object released by a call is finalized
// there and then, and the log shows where.
function finalize(o) { out.push('fin' + o.tag); }
function fin(tag) { var o = { tag: tag }; Duktape.fin(o, finalize); return o; }
var box = { v: 7, valueOf: function () { out.push('valueOf'); return 3; },
            toString: function () { out.push('toString'); return 'box'; } };
function deep(n) { return [n].map(function (x) { return deep(x + 1); })[0]; }
function tailChar(s, i) { return s.charAt(i); }
function tailMax(a, b) { return Math.max(a, b, 1); }
function coro(n) {
  var t = new Duktape.Thread(function (x) {
    for (var i = 0; i < n; i++) { x = Duktape.Thread.yield(Math.max(x, i) + 'ab'.charCodeAt(1)); }
    return [x].concat(n);
  });
  var got = [];
  for (var k = 0; k <= n; k++) got.push(Duktape.Thread.resume(t, k));
  return got;
}
"""

STRINGS = ["'hello world'", "''", "'a,b,,c'", "'  pad  '", "'\\u00e9t\\u00e9'", "'12345'"]
NUMBERS = ["0", "1", "-1", "2.5", "-0", "NaN", "Infinity", "255", "1e21", "'3'", "null", "undefined"]


class Gen:
    def __init__(self, rnd):
        self.r = rnd
        self.fins = 0

    def num(self):
        return self.r.choice(NUMBERS)

    def args(self, lo, hi, kept=False):
        """Arguments; kept: the native keeps them in what it returns, so no object with a finalizer
        (when such an object is freed then depends on other patches, closures.patch's lazy
        prototypes above all, not on how the call was made)."""
        r = self.r
        items = []
        for _ in range(r.randrange(lo, hi + 1)):
            kind = r.randrange(8)
            if kind == 0 and self.fins < 6 and not kept:
                self.fins += 1
                items.append("fin(%d)" % r.randrange(100))
            elif kind == 1:
                items.append("box")
            elif kind == 2:
                items.append(r.choice(STRINGS))
            else:
                items.append(self.num())
        return ", ".join(items)

    def callback(self):
        r = self.r
        return r.choice([
            "function (x) { return x; }",
            "function (x, i) { return D(x) + i; }",
            "function (x) { if (x === 2) throw new TypeError('cb'); return x; }",
            "function (x) { out.push('cb'); return [x].concat([x]); }",
            "function (a, b) { return D(a) + D(b); }",
            "function () { return 'k'.charCodeAt(0); }",
        ])

    def call(self):
        r = self.r
        s = r.choice(STRINGS)
        a = "[3, 1, 2, " + self.num() + ", 'x']"
        return r.choice([
            lambda: "%s.charAt(%s)" % (s, self.args(0, 3)),
            lambda: "%s.charCodeAt(%s)" % (s, self.args(0, 3)),
            lambda: "%s.slice(%s)" % (s, self.args(0, 4)),
            lambda: "%s.indexOf(%s)" % (s, self.args(0, 3)),
            lambda: "%s.split(%s)" % (s, r.choice(["','", "''", "", "',', 2", "/l/"])),
            lambda: "%s.concat(%s)" % (s, self.args(0, 6)),
            lambda: "%s.replace(/[lo]/g, %s)" % (s, self.callback()),
            lambda: "%s.repeat(%s)" % (s, r.choice(["2", "0", "-1", "Infinity", ""])),
            lambda: "%s.toUpperCase(%s)" % (s, self.args(0, 2)),
            lambda: "Math.%s(%s)" % (r.choice(["abs", "floor", "round", "sqrt"]), self.args(0, 3)),
            lambda: "Math.%s(%s)" % (r.choice(["max", "min"]), self.args(0, 8)),
            lambda: "Math.pow(%s)" % self.args(0, 3),
            lambda: "String.fromCharCode(%s)" % ", ".join(str(r.randrange(65, 91))
                                                          for _ in range(r.randrange(0, 300))),
            lambda: "(function () { var q = []; q.push(%s); q.push(%s); return q; })()" % (
                self.args(0, 5, kept=True), ", ".join(str(i) for i in range(r.randrange(0, 300)))),
            lambda: "(function () { var q = %s; return [q.pop(), q.shift(%s), q]; })()" % (
                a, self.args(0, 2)),
            lambda: "%s.%s(%s)" % (a, r.choice(["map", "filter"]), self.callback()),
            # forEach returns nothing (its native returns 0, and its last argument is 'this' for
            # the callback, a value here).
            lambda: "%s.forEach(%s)" % (a, ", ".join(
                [self.callback(), self.args(1, 1)] + ([self.args(1, 2)] if r.randrange(2) else []))),
            # Natives that fail by returning an error code instead of throwing.
            lambda: r.choice(["Symbol.keyFor('abc')", "Symbol.keyFor(Symbol.for('k'))", "Symbol.keyFor(Symbol('local'))",
                              "({ m: Symbol.prototype.toString }).m(%s)" % self.args(0, 2)]),
            lambda: "%s.reduce(%s)" % (r.choice([a, "[]", "[5]"]), self.callback()),
            # Distinct numbers and a consistent order, and nothing logged per comparison: the
            # library's sort is another algorithm (stable, sort.patch), so equal elements, an
            # inconsistent comparator or the count of comparisons could differ on their own.
            lambda: "[30, 1, 22, 7, 100].sort(%s)" % r.choice([
                "", "function (a, b) { return a - b; }",
                "function (a, b) { return b - a; }",
                "function (a, b) { if (a === 7 || b === 7) throw new Error('cmp'); return a - b; }"]),
            lambda: "%s.join(%s)" % ("[1, box, 'z', null]", r.choice(["", "'-'", "box"])),
            lambda: "%s.concat(%s)" % (a, self.args(0, 6, kept=True)),
            lambda: "%s.slice(%s)" % (a, self.args(0, 3)),
            lambda: "JSON.parse(%s)" % r.choice(["'{\"a\":[1,2]}'", "'{'", "'[1,'", "'\"x\"'", "''"]),
            lambda: "JSON.stringify(%s)" % r.choice([
                "{ a: 1, b: [box] }", "{ toJSON: function () { return 'tj'; } }",
                "[1, 2], function (k, v) { return typeof v === 'number' ? v + 1 : v; }",
                "{ a: { toJSON: function () { throw new RangeError('tj'); } } }"]),
            lambda: "Object.keys(%s)" % r.choice(["{ a: 1, b: 2 }", "null", "'ab'", "[9]"]),
            lambda: "Object.defineProperty(Object.freeze({}), 'x', { value: 1 })",
            lambda: "parseInt(%s)" % self.args(0, 3),
            lambda: "isNaN(%s)" % self.args(0, 2),
            lambda: "Array.isArray(%s)" % self.args(0, 2),
            lambda: "String(%s)" % self.args(0, 2),
            lambda: "Number(%s)" % self.args(0, 2),
            lambda: "(function () { var f = %s.charAt; return f(1); })()" % s,
            lambda: "(function () { var o = { m: Math.max }; return o.m(%s); })()" % self.args(0, 4),
            lambda: "(function () { var u; return u.charAt(0); })()",
            lambda: "tailChar(%s, %s)" % (s, self.num()),
            lambda: "tailMax(%s)" % self.args(0, 3),
            lambda: "deep(0)",
            # More native calls than the native call depth limit, one after another: each must
            # give its depth back.
            lambda: "(function () { var t = 0; for (var i = 0; i < 2500; i++) t += Math.abs(-i); return t; })()",
            # A coroutine that calls natives between yields: yield must not be prevented by a
            # native call that has returned.
            lambda: "coro(%d)" % r.randrange(1, 5),
            lambda: "Math.max.apply(null, [%s])" % self.args(0, 4),
            lambda: "String.prototype.slice.call(%s, 1)" % s,
            lambda: "Math.min.bind(null, 4)(%s)" % self.args(0, 3),
            lambda: "eval('1 + 2')",
            # A callback closing over its caller's scope (no finalizer there: closures.patch makes a
            # function's prototype lazily, so the closure is freed when the call returns and not at
            # the next mark-and-sweep as in Debian's engine, whatever natives.patch does).
            lambda: "(function () { var o = { tag: 99 }; return [1, 2].map(function (x) { return x + o.tag; }); })()",
        ])()

    def program(self):
        r = self.r
        lines = [PRELUDE]
        for _ in range(r.randrange(10, 30)):
            lines.append("T(function () { return %s; });" % self.call())
        # Finalizers of objects released by the last calls run by the end at the latest.
        lines.append("Duktape.gc(); Duktape.gc();")
        lines.append("out.join(' ');")
        return "\n".join(lines) + "\n"


def main():
    write_programs("n", lambda rnd: Gen(rnd).program())


if __name__ == "__main__":
    main()
