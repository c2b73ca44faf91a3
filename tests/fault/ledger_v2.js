// Fault-injection test app, version 2: like version 1, and its migration appends the token "M",
// so the state shows whether the migration is part of the history.
var app = {
  init: function () {
    return { v: 2, seen: [] };
  },
  update: function (event, state) {
    var seen = state.seen.slice();
    seen.push(event);
    return [{ v: 2, seen: seen }, 'ok2 ' + event];
  },
  serialize: function (state) {
    return JSON.stringify({ v: 2, seen: state.seen });
  },
  deserialize: function (text) {
    var s = JSON.parse(text);
    if (s === null || s.v !== 2 || !Array.isArray(s.seen))
      throw new Error('not a ledger v2 state: ' + text);
    return { v: 2, seen: s.seen };
  },
  migrate: function (text) {
    var s = JSON.parse(text);
    if (s === null || !Array.isArray(s.seen))
      throw new Error('cannot migrate from ' + text);
    return { v: 2, seen: s.seen.concat(['M']) };
  }
};
