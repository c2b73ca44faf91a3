// gc_in_tailcall.js - a collection run by a finalizer while a tail call is being set up: m() is
// called as a method of the last reference to an object with a finalizer, and its tail call to
// big() releases that 'this'. The finalizer runs a collection, which shrinks the value stack's
// allocation to what is in use; the setup must then grow it again for big()'s 300 registers, as
// unpatched Duktape does. tailcalls.patch once set the stack's end past the shrunk allocation, and
// big()'s registers were written out of bounds (found by a review; tests/engine/run.sh).
var seen = [];
function depth(n) { return n === 0 ? 0 : 1 + depth(n - 1); }
function finalizer() { Duktape.gc(); seen.push('fin'); }
var big = new Function('a', (function () {
  var body = [], n;
  for (n = 0; n < 300; n++) body.push('var v' + n + ' = a;');
  return body.join(' ') + ' return [v0, v299].join();';
})());
function m() { return big(this.tag); }
function run() {
  var o = { tag: 't', m: m }, i, total = 0;
  depth(300); // grows the value stack's allocation first
  Duktape.fin(o, finalizer);
  var r = o.m(o = null);
  for (i = 0; i < 1000; i++) total += [i].length;
  return r + ':' + total;
}
