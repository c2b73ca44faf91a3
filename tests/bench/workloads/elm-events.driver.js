// One unit: the next event of bench_data (one event per line, taken in turn and cycling) through
// an Elm app's interfaceToHost_processEvent, as lib/app_adapter.c's binder calls it (A2, then the
// state goes on). bench_engine's warm-up units apply the first events (a game's setup).
var E = __bench, state = E.init, last = '', events = bench_data.split('\n').filter(function (l) {
    return l !== '';
});
function bench_unit(i) {
    var t = E.A2(E.update, events[i % events.length], state);
    state = t.a;
    last = t.b;
}
// The last response, and the serialized state's length and end.
function bench_check() {
    var s = E.serialize(state);
    return last + '|' + s.length + ':' + s.slice(-40);
}
