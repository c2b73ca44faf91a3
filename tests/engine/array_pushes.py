#!/usr/bin/env python3
"""tests/engine/array_pushes.py OUTDIR FIRST_SEED COUNT - writes COUNT random programs
(OUTDIR/a<seed>.js) that push onto arrays past the end of their storage, where push.patch grows
an array's storage in Array.prototype.push()'s fast path instead of its general path: arrays made
by literals, by new Array(n), by JSON.parse, split, map and concat, made longer or shorter through
their length, sparse ones, with items popped, shifted and spliced; one to three items a push, a
hundred in a loop, and push called on objects that are no arrays. Between the pushes the programs
put what the general path must find on the prototype chain: index setters and getters and
read-only indices on Array.prototype, on Object.prototype and on prototypes of their own, an item
in Array.prototype's own storage, a Proxy, a String object, a typed array and arguments objects
(mapped and unmapped) as prototype, chains of up to 30 prototypes, prototypes of up to 300 names,
and no prototype at all; and they make arrays non-extensible, sealed, frozen or of a read-only
length. Each array's items, each setter's call and each caught error's name go into
the program's value (a string, so no push of the program's own is affected), so the library's
Duktape and Debian's must give the same line."""

from programs import write_programs

PRELUDE = r"""var log = '';
function L(s) { log += s + ' '; }
function D(v) {
  if (v === null) return 'null';
  if (typeof v === 'string') return 's:' + v.slice(0, 40);
  if (typeof v !== 'object') return typeof v + String(v);
  var s = '[', n = v.length, i;
  if (typeof n !== 'number') return '{' + Object.keys(v).join(',') + '}';
  for (i = 0; i < n && i < 150; i++) s += (i in v ? D(v[i]) : '_') + ',';
  return s + 'len' + n + ']';
}
function T(name, f) { try { L(name + '=' + D(f())); } catch (e) { L(name + '!E' + e.name); } }
function setter(tag) { return function (x) { L('set' + tag + ':' + D(x)); }; }
function getter(tag) { return function () { return 'get' + tag; }; }
"""

INDICES = ["0", "1", "2", "3", "4", "5", "7", "8", "16", "31", "100"]


class Gen:
    def __init__(self, rnd):
        self.r = rnd

    def value(self):
        return self.r.choice(["1", "'x'", "null", "undefined", "[7]", "{ k: 1 }", "-0", "2.5", "true"])

    def new_array(self):
        r = self.r
        k = r.randrange(12)
        if k == 0:
            return "[]"
        if k == 1:
            return "[%s]" % ", ".join(self.value() for _ in range(r.randrange(1, 9)))
        if k == 2:
            return "new Array(%d)" % r.randrange(0, 20)
        if k == 3:
            return "JSON.parse('[%s]')" % ",".join(str(i) for i in range(r.randrange(0, 10)))
        if k == 4:
            return "'a,b,c,d'.slice(0, %d).split(',')" % r.randrange(0, 8)
        if k == 5:
            return "[1, 2, 3].map(function (x) { return x * 2; })"
        if k == 6:
            return "[1].concat([2, 3], 4)"
        if k == 7:
            return "[1, , 3]"
        if k == 8:
            return "(function () { var a = []; a[%d] = 1; return a; })()" % r.choice([5, 40, 1000])
        if k == 9:
            return "(function () { var a = [1, 2, 3, 4]; a.length = %d; return a; })()" % r.randrange(0, 9)
        if k == 10:
            return "Array.prototype.slice.call({ length: %d, 0: 'a', 2: 'c' })" % r.randrange(0, 5)
        return "(function () { var a = []; for (var i = 0; i < %d; i++) a[i] = i; return a; })()" % r.randrange(0, 30)

    def push(self, target):
        r = self.r
        k = r.randrange(10)
        if k < 5:
            return "%s.push(%s)" % (target, self.value())
        if k == 5:
            return "%s.push(%s, %s)" % (target, self.value(), self.value())
        if k == 6:
            return "%s.push(%s, %s, %s)" % (target, self.value(), self.value(), self.value())
        if k == 7:
            return "%s.push()" % target
        if k == 8:
            return "(function () { var n; for (var i = 0; i < %d; i++) n = %s.push(i); return n; })()" % (
                r.randrange(1, 100), target)
        return "Array.prototype.push.call(%s, %s)" % (target, self.value())

    def change_array(self, a):
        r = self.r
        k = r.randrange(14)
        if k >= 11:
            k = 8
        if k == 0:
            return "Object.preventExtensions(%s)" % a
        if k == 1:
            return "Object.seal(%s)" % a
        if k == 2:
            return "Object.freeze(%s)" % a
        if k == 3:
            return "Object.defineProperty(%s, 'length', { writable: false })" % a
        if k == 4:
            return "%s.length = %d" % (a, r.randrange(0, 12))
        if k == 5:
            return "%s.pop()" % a
        if k == 6:
            return "%s.shift()" % a
        if k == 7:
            return "%s.splice(%d, %d)" % (a, r.randrange(0, 4), r.randrange(0, 4))
        if k == 8:
            return "Object.setPrototypeOf(%s, %s)" % (a, self.proto())
        if k == 9:
            return "%s[%s] = %s" % (a, r.choice(INDICES), self.value())
        return "Object.defineProperty(%s, %s, { get: getter('own'), configurable: true })" % (a, r.choice(INDICES))

    def proto(self):
        r = self.r
        k = r.randrange(12)
        if k == 9:
            return "(function (a, b) { return arguments; })(1, 2, 3)"
        if k == 10:
            return "(function () { var p = %s; for (var i = 0; i < %d; i++) p = Object.create(p); return p; })()" % (
                r.choice(["Array.prototype", "Object.create(Object.prototype, { 5: { set: setter('d'), configurable: true } })"]),
                r.choice([3, 15, 16, 17, 30]))
        if k == 11:
            return "(function () { var p = Object.create(Array.prototype); for (var i = 0; i < %d; i++) p['k' + i] = i; %s return p; })()" % (
                r.choice([100, 127, 128, 129, 300]), r.choice(["", "p[%s] = 'big';" % r.choice(INDICES),
                                                               "Object.defineProperty(p, %s, { set: setter('b') });" % r.choice(INDICES)]))
        if k == 0:
            return "null"
        if k == 1:
            return "new Proxy([], { set: function (t, key, v, recv) { L('trap' + String(key)); return Reflect.set(t, key, v, recv); } })"
        if k == 2:
            return "new String('abcdefghijklmnop')"
        if k == 3:
            return "new Uint8Array(16)"
        if k == 4:
            return "(function () { return arguments; })(1, 2, 3)"
        if k == 5:
            return "Object.create(Array.prototype, { %s: { set: setter('p'), get: getter('p'), configurable: true } })" % (
                r.choice(INDICES))
        if k == 6:
            return "Object.create(Object.prototype, { %s: { value: 'ro', writable: false } })" % r.choice(INDICES)
        if k == 7:
            return "Object.create(Array.prototype)"
        return "Array.prototype"

    def change_protos(self):
        r = self.r
        i = r.choice(INDICES)
        holder = r.choice(["Array.prototype", "Object.prototype"])
        k = r.randrange(7)
        if k == 0:
            return "Object.defineProperty(%s, %s, { set: setter('%s'), get: getter('%s'), configurable: true })" % (
                holder, i, holder[0], holder[0])
        if k == 1:
            return "Object.defineProperty(%s, %s, { value: 'ro', writable: false, configurable: true })" % (holder, i)
        if k == 2:
            return "%s[%s] = 'inherited'" % (holder, i)
        if k == 3:
            return "delete %s[%s]" % (holder, i)
        if k == 4:
            return "Array.prototype.length = %d" % r.randrange(0, 3)
        if k == 5:
            return "Object.setPrototypeOf(Array.prototype, %s)" % r.choice(
                ["Object.prototype", "Object.create(Object.prototype, { 3: { set: setter('m'), configurable: true } })",
                 "new Proxy(Object.prototype, {})"])
        return "Object.defineProperty(%s, 'x%d', { value: 1, configurable: true })" % (holder, r.randrange(3))

    def program(self):
        r = self.r
        lines = [PRELUDE]
        count = r.randrange(2, 5)
        for a in range(count):
            lines.append("var a%d = %s;" % (a, self.new_array()))
        lines.append("var o = { length: %d, 1: 'one' };" % r.randrange(0, 4))
        for step in range(r.randrange(10, 40)):
            k = r.random()
            a = "a%d" % r.randrange(count)
            if k < 0.55:
                lines.append("T('%d', function () { return %s; });" % (step, self.push(a)))
            elif k < 0.6:
                lines.append("T('%d', function () { return %s; });" % (step, self.push("o")))
            elif k < 0.75:
                lines.append("T('%d', function () { return %s; });" % (step, self.change_array(a)))
            elif k < 0.87:
                lines.append("T('%d', function () { return %s; });" % (step, self.change_protos()))
            elif k < 0.94:
                lines.append("T('%d', function () { return %s = %s; });" % (step, a, self.new_array()))
            else:
                lines.append("T('%d', function () { return %s; });" % (step, a))
        for a in range(count):
            lines.append("T('a%d', function () { return a%d; });" % (a, a))
        lines.append("T('o', function () { return o; });")
        lines.append("log;")
        return "\n".join(lines) + "\n"


if __name__ == "__main__":
    write_programs("a", lambda rnd: Gen(rnd).program())
