// finalizer_in_call.js - a finalizer that runs while a call is being set up: calling callee() with
// one argument more than it takes releases the last reference to an object with a finalizer when
// the extra argument is wiped. Unpatched Duktape has not yet given the new activation its first
// instruction at that point, so the finalizer's stack shows callee at line 0; calls.patch once
// showed the line of callee's first instruction (tests/engine/run.sh).
var seen = [];
function finalizer() { seen.push(new Error('x').stack.split('\n')[2].replace(/^\s+at /, '')); }
function callee(a) {
  return a;
}
function run() {
  var o = {};
  Duktape.fin(o, finalizer);
  callee(1, (function () { var t = o; o = null; return t; })());
  return callee(2, 3);
}
