// Not timed: run with -n 1. Compares the program's List.sortWith and List.sortBy (the kernel's
// _List_sortWith and _List_sortBy, whatever they were rewritten to) with a reference stable sort, on 2000 arrays of
// pseudo-random records: with distinct keys (a total order: every correct sort must agree) and with
// repeated keys (only the order of equal elements can differ). bench_check says how many agreed.
var E = __bench, seed = 12345, distinctSame = 0, tiesSame = 0, byDistinct = 0, byTies = 0, runs = 1000;
function score(p) { return p.score; }
function rnd(n) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
}
var cmpScore = E.byScore;
function reference(arr) { // stable insertion sort
    var out = arr.slice();
    for (var i = 1; i < out.length; i++) {
        var x = out[i], j = i - 1;
        while (j >= 0 && out[j].score > x.score) { out[j + 1] = out[j]; j--; }
        out[j + 1] = x;
    }
    return out;
}
function same(list, arr) {
    var a = E.toArray(list);
    for (var i = 0; i < a.length; i++)
        if (a[i] !== arr[i]) return false;
    return a.length === arr.length;
}
function bench_unit(i) {
    for (var r = 0; r < runs; r++) {
        var n = 2 + rnd(300), distinct = [], ties = [];
        for (var k = 0; k < n; k++) {
            distinct.push({ score: k * 7 + rnd(7), id: k }); // distinct, shuffled below
            ties.push({ score: rnd(10), id: k });
        }
        for (k = n - 1; k > 0; k--) { var j = rnd(k + 1), t = distinct[k]; distinct[k] = distinct[j]; distinct[j] = t; }
        if (same(E.A2(E.sortWith, cmpScore, E.fromArray(distinct)), reference(distinct))) distinctSame++;
        if (same(E.A2(E.sortWith, cmpScore, E.fromArray(ties)), reference(ties))) tiesSame++;
        if (same(E.A2(E.sortBy, score, E.fromArray(distinct)), reference(distinct))) byDistinct++;
        if (same(E.A2(E.sortBy, score, E.fromArray(ties)), reference(ties))) byTies++;
    }
}
function bench_check() {
    return 'sortWith distinct-keys:' + distinctSame + '/' + runs + ',repeated-keys-stable:' + tiesSame +
        '/' + runs + ' sortBy distinct-keys:' + byDistinct + '/' + runs + ',repeated-keys-stable:' + byTies +
        '/' + runs;
}
