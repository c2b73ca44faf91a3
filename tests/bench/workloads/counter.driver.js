// One unit: the event "add 1" through the Elm counter's interfaceToHost_processEvent, as
// lib/app_adapter.c's binder calls it (A2, then the state goes on).
var E = __bench, state = E.init, last = '';
function bench_unit(i) {
    var t = E.A2(E.update, 'add 1', state);
    state = t.a;
    last = t.b;
}
function bench_check() {
    return last + '|' + E.serialize(state);
}
