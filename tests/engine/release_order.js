// release_order.js - the order in which a return and a call release the values above the value
// stack's new top: objects with finalizers held only by registers are released from the top down,
// each queued at the head of the heap's finalizer list, so their finalizers run bottom register
// first. Returns of frames of 1 to 10 such registers, and calls
// whose frame is shorter than the caller's registers above it (lib/duktape/releaseloop.patch:
// tests/engine/run.sh checks the order unpatched Duktape 2.7.0 gives).
var seen = [];
function fin(o) { seen.push(o.tag); }
function mk(tag) { var o = { tag: tag }; Duktape.fin(o, fin); return o; }
function r1() { var a = mk('1a'); return 0; }
function r2() { var a = mk('2a'), b = mk('2b'); return 0; }
function r3() { var a = mk('3a'), b = mk('3b'), c = mk('3c'); return 0; }
function r4() { var a = mk('4a'), b = mk('4b'), c = mk('4c'), d = mk('4d'); return 0; }
function r5() { var a = mk('5a'), b = mk('5b'), c = mk('5c'), d = mk('5d'), e = mk('5e'); return 0; }
function r6() { var a = mk('6a'), b = 6, c = mk('6c'), d = 'x', e = mk('6e'), f = mk('6f'); return 0; }
function r7() { var a = mk('7a'), b = mk('7b'), c = null, d = mk('7d'), e = mk('7e'), f = mk('7f'), g = mk('7g'); return 0; }
function r9() {
  var a = mk('9a'), b = mk('9b'), c = mk('9c'), d = mk('9d'), e = mk('9e'), f = mk('9f'), g = mk('9g'),
      h = mk('9h'), i = mk('9i');
  return 0;
}
function r10(p, q) {
  var a = mk('10a'), b = mk('10b'), c = mk('10c'), d = mk('10d'), e = mk('10e'), f = mk('10f'), g = mk('10g'),
      h = mk('10h');
  return p + q;
}
function short(x) { return x; }
// The temporaries of the long expression stay in registers above short()'s call; the call's
// frame is shorter, so the call releases them.
function caller() {
  var s = [mk('ca'), mk('cb'), mk('cc'), mk('cd'), mk('ce')].length;
  return short(s);
}
function run() {
  var fs = [r1, r2, r3, r4, r5, r6, r7, r9, r10, caller], out = [];
  for (var i = 0; i < fs.length; i++) {
    out.push(fs[i](1, 2));
    seen.push('/');
  }
  return out.join(',');
}
