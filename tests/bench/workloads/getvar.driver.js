// One unit: the hot function of getvar.gen.js's programs, 1000 turns of its loop (16 references to
// wrapper-scope functions and 8 A2 calls in each).
var hot = __bench.hot.f, acc = 0;
function bench_unit(i) {
    acc = hot(acc, 1000) & 0xffff;
}
function bench_check() {
    return String(acc);
}
