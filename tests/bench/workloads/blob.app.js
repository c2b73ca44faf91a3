// tests/bench/workloads/blob.app.js - a plain JavaScript app whose state's size the benchmarks
// choose: "fill BYTES" makes the state a list of small records whose JSON takes about BYTES bytes;
// "add 1" counts (a new state object that shares the list), so every event is logged and a
// snapshot serializes the whole list.
var app = {
    init: function () {
        return { count: 0, items: [] };
    },
    update: function (event, state) {
        var m = /^fill (\d+)$/.exec(event);
        if (m) {
            var items = [], bytes = 0, want = Number(m[1]);
            for (var i = 0; bytes < want; i++) {
                var item = { id: i, name: 'item-' + i, score: (i * 7919) % 1000 };
                items.push(item);
                bytes += JSON.stringify(item).length + 1;
            }
            return [{ count: state.count, items: items }, 'items ' + items.length];
        }
        if (event === 'add 1')
            return [{ count: state.count + 1, items: state.items }, 'count is ' + (state.count + 1)];
        return [state, 'unknown event'];
    },
    serialize: function (state) {
        return JSON.stringify(state);
    },
    deserialize: function (text) {
        return JSON.parse(text);
    }
};
