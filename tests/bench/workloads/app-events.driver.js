// One unit: the next event of bench_data (one event per line, taken in turn and cycling) through a
// plain JavaScript app's update (the global `app` of docs/app-contract.md), as the library calls
// it: update(event, state) returns [state, response].
var state = app.init(), last = '', events = bench_data.split('\n').filter(function (l) {
    return l !== '';
});
function bench_unit(i) {
    var r = app.update(events[i % events.length], state);
    state = r[0];
    last = r[1];
}
function bench_check() {
    var s = app.serialize(state);
    return last + '|' + s.length;
}
