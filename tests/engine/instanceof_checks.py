#!/usr/bin/env python3
"""tests/engine/instanceof_checks.py OUTDIR FIRST_SEED COUNT - writes COUNT random programs
(OUTDIR/i<seed>.js) of `instanceof` in loops over many right-hand sides in turn: built-in
constructors, functions whose 'prototype' is made on first use, is replaced, or sits after other
own properties, bound functions, Proxies, constructors with an own @@hasInstance (data or accessor)
or another prototype than Function.prototype, and things that are no constructors; and left-hand
sides of every kind. Between the loops the programs add and delete properties of the constructors
and of Function.prototype (until their tables are compacted), replace prototypes and change
prototype chains. instancehints.patch remembers where the last instanceof found Function.prototype's
@@hasInstance and its right-hand side's 'prototype' and tries there first; each result and each
caught error's name goes into the program's value, so the library's Duktape and Debian's must
give the same line."""

from programs import write_programs

PRELUDE = r"""var log = '';
function L(s) { log += s + ' '; }
function T(name, f) { try { L(name + '=' + String(f())); } catch (e) { L(name + '!E' + e.name); } }
function A() {}
var B = function () {}; B.x = 1; B.y = 2; B.z = 3;
function C() {} C.prototype = { k: 1 };
function G() {} G.prototype = Object.create(A.prototype);
var H = function named(a, b, c) {}; H.prototype.q = 1;
var E = A.bind(null);
var P = new Proxy(A, {});
function S() {} Object.defineProperty(S, Symbol.hasInstance, { value: function (v) { L('own'); return v === 3; } });
function Q() {} Object.defineProperty(Q, Symbol.hasInstance, { get: function () { L('get'); return undefined; }, configurable: true });
function R() {} Object.setPrototypeOf(R, Object.create(Function.prototype));
var K = [A, B, C, G, H, E, P, S, Q, R, String, Array, Object, Function, Error, TypeError, Date, RegExp, Number,
         Boolean, Math.max, ({}), 3];
var V = [new A(), new B(), new C(), new G(), new H(), Object.create(null), 3, 'str', new String('s'), [1],
         function () {}, /x/, new TypeError('t'), new Date(0), null, undefined, new Proxy(new A(), {}), true,
         Object.create(new G())];
// The right-hand and left-hand sides the programs add (K.push, V.push) are tried too: the last two
// of each, where there are more than at the start.
function run(tag, ks, vs) {
  var s = '', i, j;
  if (K.length > 23) ks = ks.concat([K.length - 1, K.length - 2]);
  if (V.length > 19) vs = vs.concat([V.length - 1, V.length - 2]);
  for (i = 0; i < ks.length; i++) {
    for (j = 0; j < vs.length; j++) {
      try { s += (V[vs[j]] instanceof K[ks[i]]) ? '1' : '0'; } catch (e) { s += e.name.charAt(0); }
    }
    s += '.';
  }
  L(tag + ':' + s);
}
"""


class Gen:
    def __init__(self, rnd):
        self.r = rnd

    def pick(self, n, lo, hi):
        return "[%s]" % ", ".join(str(self.r.randrange(n)) for _ in range(self.r.randrange(lo, hi)))

    def change(self):
        r = self.r
        k = r.randrange(14)
        ctor = r.choice(["A", "B", "C", "G", "H", "R", "String", "Array", "Function"])
        if k == 0:
            return "%s.extra%d = %d" % (ctor, r.randrange(40), r.randrange(5))
        if k == 1:
            return "delete %s.extra%d" % (ctor, r.randrange(40))
        if k == 2:
            return "for (var n = 0; n < %d; n++) Function.prototype['p' + n] = n" % r.randrange(1, 60)
        if k == 3:
            return "for (var n = 0; n < 60; n++) delete Function.prototype['p' + n]"
        if k == 4:
            return "delete Function.prototype.%s" % r.choice(["call", "apply", "bind", "toString", "constructor"])
        if k == 5:
            return "%s.prototype = %s" % (r.choice(["A", "B", "C", "H"]), r.choice(
                ["{}", "A.prototype", "Object.create(C.prototype)", "3", "null", "G.prototype"]))
        if k == 6:
            return "Object.setPrototypeOf(%s, %s)" % (r.choice(["B", "C", "H"]), r.choice(
                ["Function.prototype", "Object.create(Function.prototype)", "null", "R"]))
        if k == 7:
            return "Object.defineProperty(%s, Symbol.hasInstance, { value: function (v) { L('def'); return typeof v === 'number'; }, configurable: true })" % r.choice(["B", "C", "H"])
        if k == 8:
            return "delete %s[Symbol.hasInstance]" % r.choice(["B", "C", "H", "Q"])
        if k == 9:
            return "Object.setPrototypeOf(V[%d], %s)" % (r.randrange(2), r.choice(
                ["A.prototype", "C.prototype", "null", "new G()"]))
        if k == 10:
            return "K.push(function () {}, %s)" % r.choice(["A", "Object", "String"])
        if k == 11:
            return "for (var n = 0; n < %d; n++) { var f = function () {}; f['a' + n] = 1; K.push(f); }" % r.randrange(1, 12)
        if k == 12:
            return "Object.defineProperty(Function.prototype, 'x%d', { get: function () { return 1; }, configurable: true })" % r.randrange(3)
        return "V.push(new (K[%d] === P ? A : function () {})())" % r.randrange(5)

    def program(self):
        r = self.r
        lines = [PRELUDE]
        for step in range(r.randrange(4, 14)):
            if r.random() < 0.6:
                lines.append("run('%d', %s, %s);" % (step, self.pick(23, 1, 9), self.pick(19, 1, 12)))
            else:
                lines.append("T('%d', function () { %s; return 'ok'; });" % (step, self.change()))
        lines.append("run('end', [0, 1, 2, 3, 4, 10, 11, 13, 14, 22], [0, 1, 2, 3, 5, 6, 8, 9, 10]);")
        lines.append("log;")
        return "\n".join(lines) + "\n"


if __name__ == "__main__":
    write_programs("i", lambda rnd: Gen(rnd).program())
