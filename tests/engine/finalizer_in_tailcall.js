// finalizer_in_tailcall.js - a finalizer that runs while a tail call is being set up: caller()
// calls callee() in return position with one argument more than it takes, and the wipe of that
// argument releases the last reference to an object with a finalizer. Unpatched Duktape has
// already given the reused activation callee, its first instruction and the tail call's mark at
// that point; tailcalls.patch must show the same (tests/engine/run.sh).
var seen = [];
// The finalizer records the two frames below its own, without file names.
function finalizer() {
  seen.push(new Error('x').stack.split('\n').slice(2, 4).join(' ').replace(/\s+at /g, ' ').replace(/\([^)]*:(\d+)\)/g, '$1'));
}
function callee(a) {
  var b = a + 1;
  return b;
}
function take(box) {
  var t = box.o;
  box.o = null;
  return t;
}
function caller(box) {
  return callee(1, take(box));
}
function run() {
  var box = { o: {} };
  Duktape.fin(box.o, finalizer);
  return caller(box);
}
