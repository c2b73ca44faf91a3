#!/usr/bin/env python3
"""tests/engine/json_values.py OUTDIR FIRST_SEED COUNT - writes COUNT random programs
(OUTDIR/j<seed>.js) that give JSON.stringify values of every kind it treats apart: numbers (small
and large integers, fractions, -0, NaN, the infinities), strings that need escapes (quotes,
backslashes, control characters, U+2028, lone surrogates, characters outside the BMP), booleans,
null, undefined, functions, symbols, boxed primitives, dates; objects and arrays nested up to past
the fast path's depth of 64 and the general path's limit of 1000, shared and cyclic references,
keys that are array indexes, deleted keys, non-enumerable and symbol keys, accessors, toJSON
methods (own and inherited), objects with prototypes, sparse arrays, arrays longer than their
elements and arrays with extra properties, an index inherited from Array.prototype; each with
and without an indent, some with a replacer or a property list. Each text is parsed back with
JSON.parse, and so are random JSON texts: strings of 0 to 300 bytes around jsonstrings.patch's
256-byte shortcut, with escapes and raw characters of every width, whitespace, integers around
jsonnumbers.patch's 15 digits and other numbers, and one text in five with a defect (a raw control
character or NUL, a bad escape or number, a stray quote or comma). A parsed value is described
with its strings' character codes. A program's value is the texts, descriptions and errors' names
in one line. The library's Duktape takes its shortcuts
where Debian's takes the general paths, so the two must give the same line."""

from programs import write_programs

STRINGS = ["", "a", "hello", "quote\"d", "back\\slash", "new\nline", "tab\tcr\r", "\u00e9t\u00e9",
           "\u2028\u2029", "nul\u0000x", "\u007f\u0080", "\u001f", "\ud83d\ude00", "</script>"]
KEYS = ["a", "b", "$", "c", "name", "toString", "0", "1", "10", "4294967295", "-1", "01", "1.5",
        "", "k k", "\u00e9", "valueOf", "__proto__x"]
INDENTS = ["undefined", "2", "0", "12", "'\\t'", "''", "'abcdefghijklmno'", "-3", "new Number(3)",
           "new String('--')"]


def js_string(s):
    out = []
    for ch in s:
        c = ord(ch)
        if ch in "\\'":
            out.append("\\" + ch)
        elif c < 0x20 or c >= 0x7f:
            out.append("\\u%04x" % c if c < 0x10000 else "\\u%04x\\u%04x" % (
                0xd800 + ((c - 0x10000) >> 10), 0xdc00 + ((c - 0x10000) & 0x3ff)))
        else:
            out.append(ch)
    return "'" + "".join(out) + "'"


class Gen:
    def __init__(self, rnd):
        self.r = rnd
        self.n = 0
        self.lines = []

    def fresh(self):
        self.n += 1
        return "t%d" % self.n

    def scalar(self):
        r = self.r
        return r.choice([
            lambda: str(r.randrange(-1000, 1000)),
            lambda: r.choice(["2147483647", "2147483648", "-2147483649", "9007199254740993",
                              "4294967296", "1e21", "1e-7", "123456789012", "-0", "0.1", "1/3",
                              "NaN", "Infinity", "-Infinity", "5e-324", "1.7976931348623157e308"]),
            lambda: js_string(r.choice(STRINGS)),
            lambda: js_string("".join(r.choice(STRINGS) for _ in range(r.randrange(2, 5)))),
            lambda: r.choice(["true", "false", "null", "undefined"]),
            lambda: r.choice(["function () { return 1; }", "Symbol('s')", "new String('box')",
                              "new Number(7)", "new Boolean(false)", "new Date(86400000)",
                              "Math.max", "[].concat"]),
        ])()

    def value(self, depth, parents):
        r = self.r
        if depth <= 0 or r.random() < 0.35:
            return self.scalar()
        kind = r.random()
        name = self.fresh()
        if kind < 0.45:
            self.obj(name, depth, parents)
        elif kind < 0.85:
            self.arr(name, depth, parents)
        else:
            self.deep(name, r.choice([3, 63, 64, 65, 70, 1001]), r.random() < 0.5)
        return name

    def obj(self, name, depth, parents):
        r = self.r
        if r.random() < 0.15:
            proto = self.fresh()
            self.lines.append("var %s = { inherited: 1 };" % proto)
            if r.random() < 0.3:
                self.lines.append("%s.toJSON = function (k) { return 'proto:' + k; };" % proto)
            self.lines.append("var %s = Object.create(%s);" % (name, proto))
        else:
            self.lines.append("var %s = {};" % name)
        for _ in range(r.randrange(0, 6)):
            self.lines.append("%s[%s] = %s;" % (name, js_string(r.choice(KEYS)),
                                               self.value(depth - 1, parents + [name])))
        self.decorate(name, parents)

    def arr(self, name, depth, parents):
        r = self.r
        self.lines.append("var %s = [];" % name)
        for i in range(r.randrange(0, 6)):
            self.lines.append("%s.push(%s);" % (name, self.value(depth - 1, parents + [name])))
        x = r.random()
        if x < 0.1:
            self.lines.append("%s.length = %d;" % (name, r.randrange(0, 9)))
        elif x < 0.2:
            self.lines.append("%s[%d] = %s;" % (name, r.randrange(5, 12), self.scalar()))
        elif x < 0.25:
            self.lines.append("delete %s[0];" % name)
        elif x < 0.3:
            self.lines.append("%s.extra = 1;" % name)
        self.decorate(name, parents)

    def deep(self, name, levels, arrays):
        self.lines.append("var %s = 0; for (var i = 0; i < %d; i++) %s = %s;" % (
            name, levels, name, "[%s]" % name if arrays else "{ d: %s }" % name))

    def decorate(self, name, parents):
        r = self.r
        x = r.random()
        if x < 0.05:
            self.lines.append("Object.defineProperty(%s, 'hidden', { value: 1, enumerable: false });" % name)
        elif x < 0.1:
            self.lines.append("Object.defineProperty(%s, 'got', { get: function () { return 'g'; }, "
                              "enumerable: true });" % name)
        elif x < 0.14:
            self.lines.append("%s.toJSON = function (k) { return [k, typeof this]; };" % name)
        elif x < 0.18:
            self.lines.append("%s.toJSON = 5;" % name)
        elif x < 0.22:
            self.lines.append("%s[Symbol('k')] = 1;" % name)
        elif x < 0.26:
            self.lines.append("%s.gone = 1; delete %s.gone;" % (name, name))
        elif x < 0.3 and parents:
            self.lines.append("%s.cycle = %s;" % (name, r.choice(parents)))
        elif x < 0.33:
            self.lines.append("Object.preventExtensions(%s);" % name)

    def program(self):
        r = self.r
        out = ["function S(v, f, ind) { try { return JSON.stringify(v, f, ind); } "
               "catch (e) { return 'E' + e.name; } }",
               "function D(v) { if (v === null) return 'null'; if (typeof v === 'string') { var c = []; "
               "for (var i = 0; i < v.length; i++) c.push(v.charCodeAt(i)); return 's' + c.join('.'); } "
               "if (typeof v !== 'object') return typeof v + v + (v === 0 && 1 / v < 0 ? '-' : ''); "
               "if (Array.isArray(v)) return '[' + v.map(D).join(',') + ']'; "
               "return '{' + Object.keys(v).map(function (k) { return D(k) + ':' + D(v[k]); }).join(',') + '}'; }",
               "function P(t) { try { return D(JSON.parse(t)); } catch (e) { return 'E' + e.name; } }",
               "var out = [];"]
        for _ in range(r.randrange(3, 7)):
            self.lines = []
            v = self.value(r.randrange(1, 5), [])
            out += self.lines
            if v[0] == "t" and v[1:].isdigit() and r.random() < 0.2:
                out.append("%s = [%s, %s, { s: %s }];" % (v, v, v, v))
            f = "null"
            x = r.random()
            if x < 0.08:
                f = "function (k, v) { return typeof v === 'number' ? v + 1 : v; }"
            elif x < 0.14:
                f = "['a', 'b', '0', 1]"
            inherited = r.random() < 0.05
            if inherited:
                out.append("Array.prototype[1] = 'inherited';")
            out.append("out.push(S(%s, %s, %s));" % (v, f, r.choice(INDENTS)))
            if inherited:
                out.append("delete Array.prototype[1];")
            # the text just made, parsed back (undefined and error names are no JSON: errors)
            out.append("out.push(P(out[out.length - 1]));")
        for _ in range(r.randrange(2, 6)):
            out.append("out.push(P(%s));" % js_string(self.text(r.randrange(0, 4))))
        out.append("out.join(' # ').split('\\n').join('\\\\n');")
        return "\n".join(out) + "\n"

    # JSON texts for JSON.parse: strings around the library's 256-byte shortcut, with escapes and
    # raw characters of every width, whitespace, numbers; one text in five has a defect (a raw
    # control character or NUL, a bad escape, an unterminated string, a bad number or whitespace).
    def jstring(self):
        r = self.r
        parts = []
        for _ in range(r.randrange(0, 4)):
            x = r.random()
            if x < 0.35:
                parts.append("a" * r.choice([0, 1, 5, 254, 255, 256, 257, 300]))
            elif x < 0.6:
                parts.append(r.choice(["\\n", "\\\"", "\\\\", "\\/", "\\u00e9", "\\ud83d\\ude00",
                                       "\\u0000", "\\ud800", "\\b\\f\\r\\t"]))
            elif x < 0.9:
                parts.append(r.choice(["\u00e9t\u00e9", "\u2028", "\U0001f600", "\u0800\uffff", "k", "$"]))
            else:
                parts.append(r.choice(STRINGS[:4] + STRINGS[7:9] + STRINGS[12:]))
        return '"' + "".join(parts) + '"'

    def value_text(self, depth):
        r = self.r
        x = r.random()
        if depth <= 0 or x < 0.4:
            if r.random() < 0.7:
                return self.jstring()
            return r.choice(["0", "-0", "7", "-12", "1e400", "12.5e-3", "1e2", "-1E+2", "0.5", "true", "null",
                             "{}", "[]", "123456789012", "123456789012345", "-999999999999999",
                             "1234567890123456", "9007199254740993", "18446744073709551617"])
        ws = r.choice(["", " ", "\n\t "])
        if x < 0.7:
            return "[" + ws + ("," + ws).join(self.value_text(depth - 1) for _ in range(r.randrange(0, 4))) + "]"
        return "{" + ws + ",".join("%s%s:%s" % (self.jstring(), ws, self.value_text(depth - 1))
                                  for _ in range(r.randrange(0, 4))) + ws + "}"

    def text(self, depth):
        r = self.r
        t = self.value_text(depth)
        if r.random() < 0.2:
            at = r.randrange(0, len(t) + 1)
            t = t[:at] + r.choice(["\u0001", "\t", "\u0000", "\\x41", "\\u12", '"', "01", "1.",
                                   ",]", "nul", "\u00a0", "-", "--1", "007", "-00", "1-", "+1", "2."]) + t[at:]
        return t


def main():
    write_programs("j", lambda rnd: Gen(rnd).program())


if __name__ == "__main__":
    main()
