#!/usr/bin/env python3
"""tests/engine/control_flow.py OUTDIR FIRST_SEED COUNT - writes COUNT random programs
(OUTDIR/p<seed>.js) that exercise the compiler's and the executor's control flow: loops of every
kind (while, for, do-while, for-in), labels on loops, blocks and switches, break and continue
(plain and labelled, out of switches, finally blocks and with statements), try/catch/finally,
return and throw from anywhere, nested functions. Every loop is bounded by its own counter, and
every break and continue names a statement that encloses it, so each program is valid and ends.
A program's value is the trace its functions left, one string.

It also writes COUNT programs of calls (OUTDIR/q<seed>.js): functions of 0 to 3 parameters, strict
or not, calling each other with more or fewer arguments, plain, as methods, through call() and
bind(), in return position (tail calls) and not, from inside try, finally, labelled loops and
with, from functions that make closures or use 'arguments', with values that only the caller's
registers hold; and mutual tail recursion past the call stack's limit. A shared fuel counter bounds
every program. The value is the trace of the arguments, 'this' and a variable never assigned that
each call saw."""
import random
import sys


class Gen:
    def __init__(self, rnd):
        self.r = rnd
        self.n = 0

    def fresh(self, prefix):
        self.n += 1
        return "%s%d" % (prefix, self.n)

    def cond(self):
        return "n++ %% %d === %d" % (self.r.randrange(2, 5), self.r.randrange(0, 2))

    def block(self, depth, labels, in_loop, in_switch, most=3):
        return " ".join(self.stmt(depth + 1, labels, in_loop, in_switch)
                        for _ in range(self.r.randrange(0, most + 1)))

    def jump(self, labels, in_loop, in_switch):
        # labels: the enclosing labelled statements, (name, is_iteration), innermost last
        opts = []
        if in_loop or in_switch:
            opts.append("break;")
        if in_loop:
            opts.append("continue;")
        for name, iteration in labels:
            opts.append("break %s;" % name)
            if iteration:
                opts.append("continue %s;" % name)
        return "if (%s) { %s }" % (self.cond(), self.r.choice(opts)) if opts else self.trace()

    def trace(self):
        return "t.push('%s');" % self.fresh("p")

    def stmt(self, depth, labels, in_loop, in_switch):
        r = self.r
        kind = r.randrange(14 if depth < 4 else 5)
        if kind in (0, 4):
            return self.trace()
        if kind == 1:
            return self.jump(labels, in_loop, in_switch)
        if kind == 2:
            return "if (%s) { return t.join(','); }" % self.cond()
        if kind == 3:
            return "if (%s) { throw new Error('%s'); }" % (self.cond(), self.fresh("e"))
        if kind in (5, 6, 7, 8):
            return self.loop(depth, labels)
        if kind == 9:
            return self.switch(depth, labels, in_loop)
        if kind == 10:
            body = self.block(depth, labels, in_loop, in_switch, 2) or self.trace()
            if r.random() < 0.5:
                fin = self.block(depth, labels, in_loop, in_switch, 1) if r.random() < 0.3 else ""
                return "try { %s } catch (e) { t.push('c' + e.message); } finally { t.push('f'); %s }" % (body, fin)
            return "try { %s } finally { t.push('%s'); }" % (body, self.fresh("f"))
        if kind == 11:
            name = self.fresh("B")
            return "%s: { %s }" % (name, self.block(depth, labels + [(name, False)], in_loop, in_switch, 2))
        if kind == 12:
            return "with ({ w: '%s' }) { t.push(w); %s }" % (self.fresh("w"), self.block(depth, labels, in_loop, in_switch, 2))
        # a nested function with its own labels, called at once
        return "t.push((function () { var t = [], n = %d; %s return t.join(';'); })());" % (
            r.randrange(3), self.block(depth, [], False, False, 3))

    def switch(self, depth, labels, in_loop):
        r = self.r
        name = self.fresh("S") if r.random() < 0.3 else None
        inner = labels + ([(name, False)] if name else [])
        cases = []
        for c in range(r.randrange(1, 4)):
            cases.append("case %d: %s%s" % (c, self.block(depth, inner, in_loop, True, 2),
                                             " break;" if r.random() < 0.5 else ""))
        if r.random() < 0.5:
            cases.append("default: " + self.block(depth, inner, in_loop, True, 1))
        return "%sswitch (n++ %% 3) { %s }" % (name + ": " if name else "", " ".join(cases))

    def loop(self, depth, labels):
        r = self.r
        c = self.fresh("c")
        name = self.fresh("L") if r.random() < 0.6 else None
        body = self.block(depth, labels + ([(name, True)] if name else []), True, False, 3) or self.trace()
        lab = name + ": " if name else ""
        kind = r.randrange(4)
        if kind == 0:
            return "var %s = 0; %swhile (%s++ < 3) { %s }" % (c, lab, c, body)
        if kind == 1:
            return "var %s = 0; %sfor (;;) { if (%s++ >= 3) break; %s }" % (c, lab, c, body)
        if kind == 2:
            return "var %s = 0; %sdo { if (%s++ >= 3) break; %s } while (true);" % (c, lab, c, body)
        return "var %s; %sfor (%s in { a: 1, b: 2, c: 3 }) { %s }" % (c, lab, c, body)


class CallGen:
    """Random programs of calls between a few functions (see the module's text)."""

    def __init__(self, rnd):
        self.r = rnd
        self.n = 0

    def arg(self, params):
        r = self.r
        opts = ["%d" % r.randrange(10), "'s%d'" % r.randrange(10), "{ v: %d }" % r.randrange(10),
                "[%d]" % r.randrange(10), "undefined", "null"]
        return r.choice(opts + params * 2)

    def args(self, params):
        return ", ".join(self.arg(params) for _ in range(self.r.randrange(0, 5)))

    def call(self, nf, params):
        r = self.r
        g = "g%d" % r.randrange(nf)
        kind = r.randrange(8)
        a = self.args(params)
        if kind == 0:
            return "o.m%s(%s)" % (g[1:], a)
        if kind == 1:
            return "%s.call(%s%s)" % (g, r.choice(["o", "undefined", "null", "7", "'x'"]), ", " + a if a else "")
        if kind == 2:
            return "b%s(%s)" % (g[1:], a)
        if kind == 3:
            return "Math.max(%d, %d)" % (r.randrange(9), r.randrange(9))
        return "%s(%s)" % (g, a)

    def tail(self, nf, params, strict):
        """A statement that ends the function with a call in return position, or guards one."""
        r = self.r
        c = self.call(nf, params)
        kind = r.randrange(9)
        if kind == 3 and strict:  # no with statement in strict code
            kind = 6
        if kind == 0:
            return "try { return %s; } finally { t.push('f'); }" % c
        if kind == 1:
            return "try { return %s; } catch (e) { t.push('c' + e.name); }" % c
        if kind == 2:
            return "L%d: for (var i = 0; i < 2; i++) { if (i === 1) { return %s; } continue L%d; }" % (
                self.bump(), c, self.n)
        if kind == 3:
            return "with ({ w: 1 }) { return %s; }" % c
        if kind == 4:
            return "var v = %s; return v;" % c
        if kind == 5:
            return "if (fuel %% 2) { return %s; }" % c
        return "return %s;" % c

    def bump(self):
        self.n += 1
        return self.n

    def function(self, i, nf):
        r = self.r
        params = ["a%d" % k for k in range(r.randrange(0, 4))]
        body = []
        strict = r.random() < 0.3
        if strict:
            body.append("'use strict';")
        body.append("if (--fuel < 0) { return 'x'; }")
        body.append("var u; t.push('g%d:' + show(this) + ':' + [%s].map(show).join('/') + show(u));" % (i, ", ".join(params)))
        if r.random() < 0.2:
            body.append("t.push('n' + arguments.length);")
        if r.random() < 0.2:
            body.append("var k = function () { return %s; }; t.push(show(k()));" % (params[0] if params else "fuel"))
        if r.random() < 0.3:
            body.append("var held = { h: %d };" % i)
        for _ in range(r.randrange(0, 3)):
            body.append("t.push(show(%s));" % self.call(nf, params))
        body.append(self.tail(nf, params, strict))
        body.append("return 'e%d';" % i)
        return "function g%d(%s) { %s }" % (i, ", ".join(params), " ".join(body))

    def program(self):
        r = self.r
        nf = r.randrange(2, 6)
        parts = ["var t = [], fuel = %d, glob = (function () { return this; })();" % r.randrange(20, 80),
                 "function show(x) { return x === glob ? 'G' : x === undefined ? 'u' : x === null ? 'n' : "
                 "typeof x === 'object' ? (x instanceof Array ? '[' + x + ']' : 'v' + x.v) : typeof x + x; }"]
        parts += [self.function(i, nf) for i in range(nf)]
        parts.append("var o = { v: 'o' };")
        parts += ["o.m%d = g%d; var b%d = g%d.bind(o, 'bound');" % (i, i, i, i) for i in range(nf)]
        parts.append("function even(n) { if (n === 0) { return 'even'; } return odd(n - 1); }")
        parts.append("function odd(n) { return even(n); }")
        runs = " + ".join("(function () { try { return show(g%d(%s)); } catch (e) { return 'E' + e.name; } })() + '|'"
                          % (i, self.args([])) for i in range(nf))
        parts.append("%s + even(%d) + '|' + t.join(',');" % (runs, 12000 if r.random() < 0.2 else 5))
        return " ".join(parts) + "\n"


def program(seed):
    g = Gen(random.Random(seed))
    funcs = ["function f%d() { var t = [], n = %d; %s return t.join(','); }" % (
        f, f, " ".join(g.stmt(0, [], False, False) for _ in range(4))) for f in range(3)]
    calls = " + ".join("(function () { try { return f%d(); } catch (e) { return 'E' + e.message; } })() + '|'" % f
                       for f in range(3))
    return " ".join(funcs) + " " + calls + ";\n"


def main():
    out, first, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    for seed in range(first, first + count):
        with open("%s/p%d.js" % (out, seed), "w") as f:
            f.write(program(seed))
        with open("%s/q%d.js" % (out, seed), "w") as f:
            f.write(CallGen(random.Random(seed)).program())


if __name__ == "__main__":
    main()
