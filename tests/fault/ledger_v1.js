// Fault-injection test app, version 1: the state is the list of every applied event, in order,
// so a reopened store shows exactly which events survived. Events are short tokens ("e7", "b2").
var app = {
  init: function () {
    return { v: 1, seen: [] };
  },
  update: function (event, state) {
    var seen = state.seen.slice();
    seen.push(event);
    return [{ v: 1, seen: seen }, 'ok ' + event];
  },
  serialize: function (state) {
    return JSON.stringify({ v: 1, seen: state.seen });
  },
  deserialize: function (text) {
    var s = JSON.parse(text);
    if (s === null || s.v !== 1 || !Array.isArray(s.seen))
      throw new Error('not a ledger v1 state: ' + text);
    return { v: 1, seen: s.seen };
  },
  migrate: function (text) {
    var s = JSON.parse(text);
    return { v: 1, seen: s.seen };
  }
};
