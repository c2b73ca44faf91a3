// driver.js - tests/engine/run.sh's driver for bench_engine: one unit runs the case once.
var result;
function bench_unit(i) { if (i === 0) result = run(); }
function bench_check() { return seen.join('|') + ';' + result; }
