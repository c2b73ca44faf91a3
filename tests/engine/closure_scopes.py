#!/usr/bin/env python3
"""tests/engine/closure_scopes.py OUTDIR FIRST_SEED COUNT - writes COUNT random programs
(OUTDIR/s<seed>.js) of functions that make closures over their scope: 0 to 12 parameters and
variables (a scope's table gets a hash part from 8 names on), closures that read and assign
them before and after their function returns, closures made in loops, nested two and three
deep, named function expressions, variables added by eval and some of them deleted again,
'arguments' mapped to parameters, catch and strict scopes, and what a closure shows of itself
(length, name, its own property names in order, their attributes, its prototype). scopes.patch
writes a new closure's properties, a new scope's table and a returning function's variables into
its scope without Duktape's lookups; each value and each caught error's name is written into the
program's value, so the library's Duktape and Debian's must give the same line."""

from programs import write_programs

PRELUDE = r"""var out = [];
function D(v) {
  if (v === null) return 'null';
  if (typeof v === 'function') return 'fn' + v.length;
  if (typeof v === 'string') return 's:' + v.slice(0, 300);
  if (typeof v !== 'object') return typeof v + String(v);
  if (Array.isArray(v)) return '[' + v.map(D).join(',') + ']';
  return '{' + Object.keys(v).map(function (k) { return k + ':' + D(v[k]); }).join(',') + '}';
}
function T(f) { try { out.push(D(f())); } catch (e) { out.push('E' + e.name); } }
// closures.patch makes two differences on purpose (tests/api/test_engine.c): a strict function has
// no own 'caller' and 'arguments', and 'prototype' is listed last (made when first looked for);
// the names are listed in order without those three, and 'prototype' is asked for apart.
function shape(f) {
  var names = Object.getOwnPropertyNames(f).filter(function (k) {
    return k !== 'prototype' && k !== 'caller' && k !== 'arguments';
  });
  names.push(Object.prototype.hasOwnProperty.call(f, 'prototype'));
  return [f.length, f.name, typeof f.prototype, names.join('/'), names.map(function (k) {
    var d = Object.getOwnPropertyDescriptor(f, k) || {};
    return k + (d.writable ? 'w' : '') + (d.enumerable ? 'e' : '') + (d.configurable ? 'c' : '');
  }).join(' ')].join('|');
}
"""


class Gen:
    def __init__(self, rnd):
        self.r = rnd
        self.n = 0

    def expr(self, names):
        """A value computed from some of the names in scope."""
        r = self.r
        if not names or r.random() < 0.2:
            return r.choice(["1", "'x'", "null", "[1, 2]", "{ a: 1 }", "2.5", "undefined", "true"])
        a = r.choice(names)
        return r.choice([
            a,
            "D(%s)" % a,
            "(typeof %s === 'number' ? %s + 1 : D(%s) + 'z')" % (a, a, a),
            "[%s, %s]" % (a, r.choice(names)),
        ])

    def body(self, names, depth):
        """Statements of a closure over names: reads, assignments, a nested closure."""
        r = self.r
        lines = []
        for _ in range(r.randrange(1, 4)):
            if names and r.random() < 0.5:
                lines.append("%s = %s;" % (r.choice(names), self.expr(names)))
            else:
                lines.append("acc.push(D(%s));" % self.expr(names))
        if depth < 3 and r.random() < 0.35:
            inner = self.closure(names + ["acc"], depth + 1)
            lines.append("var k%d = %s; acc.push(D(k%d()));" % (depth, inner, depth))
        return lines

    def closure(self, names, depth):
        """A function expression over names (named or not, with parameters of its own or not)."""
        r = self.r
        self.n += 1
        own = ["q%d_%d" % (self.n, i) for i in range(r.randrange(0, 3))]
        name = " c%d" % self.n if r.random() < 0.3 else ""
        lines = ["var acc = [];"] + self.body(names + own, depth)
        if name and r.random() < 0.5:
            lines.append("acc.push(typeof%s);" % name)
        lines.append("return acc.join(';');")
        return "function%s(%s) { %s }" % (name, ", ".join(own), " ".join(lines))

    def factory(self, idx):
        """A function whose scope its closures keep; returns them (and sometimes more)."""
        r = self.r
        params = ["p%d" % i for i in range(r.randrange(0, 7))]
        locs = ["v%d" % i for i in range(r.randrange(0, 7))]
        names = params + locs
        strict = r.random() < 0.15
        lines = ["'use strict';"] if strict else []
        for v in locs:
            lines.append("var %s = %s;" % (v, self.expr(params) if r.random() < 0.7 else "undefined"))
        if not strict and r.random() < 0.3:
            lines.append("eval('var e0 = %d; var e1 = \"ev\";');" % r.randrange(100))
            names = names + ["e0", "e1"]
            if r.random() < 0.4:
                lines.append("delete e1;")
        if not strict and params and r.random() < 0.3:
            lines.append("arguments[0] = 'arg';")
        if r.random() < 0.2:
            lines.append("try { throw %s; } catch (err) { var cx = function () { return D(err) + D(%s); }; }" % (
                self.expr(names), self.expr(names)))
            names = names + ["cx"]
        lines.append("var fs = [];")
        for _ in range(r.randrange(1, 4)):
            lines.append("fs.push(%s);" % self.closure(names, 1))
        if r.random() < 0.3:
            lines.append("for (var li = 0; li < 3; li++) { fs.push(function () { return li + D(%s); }); }" % (
                self.expr(names)))
        for _ in range(r.randrange(0, 3)):
            if names:
                lines.append("%s = %s;" % (r.choice(names), self.expr(names)))
        if r.random() < 0.4:
            lines.append("fs.push(fs[0]());")
        lines.append("return fs;")
        return "function f%d(%s) { %s }" % (idx, ", ".join(params), "\n  ".join(lines)), len(params)

    def program(self):
        r = self.r
        lines = [PRELUDE]
        count = r.randrange(2, 6)
        arities = []
        for i in range(count):
            text, arity = self.factory(i)
            lines.append(text)
            arities.append(arity)
        for _ in range(r.randrange(4, 12)):
            i = r.randrange(count)
            args = ", ".join(r.choice(["1", "'a'", "[3]", "{ b: 2 }", "null", "7.5"])
                             for _ in range(r.randrange(0, arities[i] + 2)))
            lines.append("T(function () { var fs = f%d(%s); var got = [];" % (i, args))
            lines.append("  for (var j = 0; j < fs.length; j++) {")
            lines.append("    if (typeof fs[j] !== 'function') { got.push(D(fs[j])); continue; }")
            lines.append("    got.push(shape(fs[j]));")
            lines.append("    try { got.push(fs[j]('a1', 2)); got.push(fs[j]()); } catch (e) { got.push('E' + e.name); }")
            lines.append("  }")
            lines.append("  return got; });")
        lines.append("out.push(shape(f0), shape(function () {}), shape(function named(a, b) {}));")
        lines.append("out.join(' ');")
        return "\n".join(lines) + "\n"


if __name__ == "__main__":
    write_programs("s", lambda rnd: Gen(rnd).program())
