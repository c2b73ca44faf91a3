// One unit: a leaderboard query, the shape of a sort in a game's update: List.sortWith over 500
// player records with many equal scores, with the comparator elm make emits for
// `\a b -> compare b.score a.score`, through the kernel's _List_sortWith
// (Array.prototype.sort). Equal scores keep or lose their input order depending on the sort's
// stability: bench_check says whether the result is sorted and whether equal scores kept their input
// order (stable). Duktape's sort picks random pivots from a generator seeded with the heap's address,
// so the order of equal elements differs from heap to heap: hence no hash of the order here.
var E = __bench, players = [], result;
for (var k = 0; k < 500; k++) // a fixed pseudo-random sequence: 40 distinct scores
    players.push({ name: 'p' + k, score: (k * 7919) % 40 });
var list = E.fromArray(players);
// The comparator as elm make emits `\a b -> compare b.score a.score` (F2 of a function calling
// A2($elm$core$Basics$compare, ...)), defined inside the program by analyse.expose.js.
var byScoreDesc = E.byScoreDesc;
function bench_unit(i) {
    result = E.A2(E.sortWith, byScoreDesc, list);
}
function bench_check() {
    var a = E.toArray(result), sorted = a.length === players.length, stable = true;
    for (var i = 1; i < a.length; i++) {
        if (a[i - 1].score < a[i].score)
            sorted = false;
        else if (a[i - 1].score === a[i].score && +a[i - 1].name.slice(1) > +a[i].name.slice(1))
            stable = false;
    }
    return (sorted ? 'sorted' : 'NOT-SORTED') + (stable ? ',stable' : ',unstable');
}
