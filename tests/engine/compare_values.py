#!/usr/bin/env python3
"""tests/engine/compare_values.py OUTDIR FIRST_SEED COUNT - writes COUNT random programs
(OUTDIR/c<seed>.js) of comparisons: `===`, `!==`, `==`, `!=`, `<`, `<=`, `>` and `>=` between
locals, arguments, literals and properties holding values of every kind the executor tells apart.
Integers are made by arithmetic (which the library's Duktape keeps as fastints, 48-bit integers)
and written as literals (constants, also fastints there), from small ones to past 2^32 and to both
ends of the fastint range and one past them (a double there); beside them doubles, some equal to an
integer, -0, NaN and the infinities, numeric and other strings, booleans, null, undefined, objects
with valueOf, boxed primitives, arrays and one object held twice. Each comparison's result is a
character of the program's value, and so are the branches that `if`, `?:` and bounded loops take on
comparisons. compares.patch decides comparisons of two fastints without Duktape's helpers, and
Debian's Duktape has no fastints at all, so the two must give the same line."""

from programs import write_programs

LIMIT = 2 ** 47  # fastints are 48-bit signed integers
INTS = [0, 1, -1, 2, 7, 9, 10, 100, -100, 255, 256, 65535, 65536, 2 ** 31 - 1, 2 ** 31, -2 ** 31,
        -2 ** 31 - 1, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1, -2 ** 32, LIMIT - 2, LIMIT - 1, LIMIT,
        -LIMIT, -LIMIT + 1, -LIMIT - 1, 2 ** 53, -2 ** 53]
OTHERS = ["0.5", "-0.5", "-0", "(0 * -1)", "NaN", "(0 / 0)", "Infinity", "-Infinity", "1e21",
          "(7.5 * 2)", "(1 / 3)", "5e-324", "'10'", "'9'", "''", "'abc'", "'1e3'", "' 7 '",
          "'-0'", "true", "false", "null", "undefined", "({ valueOf: function () { return 9; } })",
          "({ valueOf: function () { return 'b'; } })", "new Number(7)", "new String('7')", "[]",
          "[2]", "[1, 2]", "shared", "shared"]
OPS = ["===", "!==", "==", "!=", "<", "<=", ">", ">="]


def arith(r, v):
    """JavaScript text for the integer v made by arithmetic, so that it is computed at run time."""
    k = r.randrange(1, 1000)
    return r.choice([
        "(%d + %d)" % (v - k, k),
        "(%d - %d)" % (v + k, k),
        "(%d | 0)" % v if -2 ** 31 <= v < 2 ** 31 else "(%d + 0)" % v,
        "(%d * 1)" % v,
    ])


class Gen:
    def __init__(self, rnd):
        self.r = rnd

    def value(self):
        r = self.r
        kind = r.randrange(10)
        if kind < 4:
            return arith(r, r.choice(INTS) + r.choice([0, 0, 0, 1, -1]))
        if kind < 6:
            return str(r.choice(INTS))
        if kind < 7:
            return str(r.randrange(-20, 20))
        return r.choice(OTHERS)

    def literal(self):
        r = self.r
        if r.randrange(4) == 0:
            return r.choice(["0.5", "'10'", "null", "undefined", "true", "-0", "NaN"])
        return "(%d)" % r.choice(INTS) if r.randrange(2) else str(r.randrange(-20, 20))

    def operand(self, names):
        r = self.r
        kind = r.randrange(6)
        if kind < 4:
            return r.choice(names)
        if kind < 5:
            return "box.v%d" % r.randrange(len(names))
        return self.literal()

    def program(self):
        r = self.r
        n = r.randrange(4, 10)
        names = ["v%d" % i for i in range(n)]
        lines = ["var shared = { s: 1 };"]
        values = [self.value() for _ in names]
        lines.append("function run(%s) {" % ", ".join(names))
        lines.append("  var out = '';")
        lines.append("  var box = { %s };" % ", ".join("v%d: v%d" % (i, i) for i in range(n)))
        for _ in range(r.randrange(20, 60)):
            a, b = self.operand(names), self.operand(names)
            op = r.choice(OPS)
            form = r.randrange(5)
            if form == 0:
                lines.append("  out += (%s %s %s) ? '1' : '0';" % (a, op, b))
            elif form == 1:
                lines.append("  if (%s %s %s) { out += 'y'; } else { out += 'n'; }" % (a, op, b))
            elif form == 2:
                lines.append("  var t = %s %s %s; out += t;" % (a, op, b))
            elif form == 3:
                lines.append("  if (!(%s %s %s)) out += 'N'; else out += 'Y';" % (a, op, b))
            else:
                # A bounded loop whose condition is the comparison (i counts in fastints).
                lines.append("  for (var i = 0, k = 0; k < 5 && (%s %s %s + i); i++, k++) out += 'l';"
                             % (a, r.choice(["<", "<=", ">", ">="]), b) + " out += '.';")
        lines.append("  return out;")
        lines.append("}")
        lines.append("run(%s);" % ", ".join(values))
        return "\n".join(lines) + "\n"


def main():
    write_programs("c", lambda rnd: Gen(rnd).program())


if __name__ == "__main__":
    main()
