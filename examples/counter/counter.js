// A counter app in the plain-JavaScript app contract (docs/app-contract.md).
// Events are text: "add N", "reset", or "get" (a query: the state object is returned unchanged,
// so the event is not logged).
var app = {
  init: function () {
    return { count: 0 };
  },
  update: function (event, state) {
    var m = /^add (-?\d+)$/.exec(event);
    if (m) {
      var next = { count: state.count + parseInt(m[1], 10) };
      return [next, 'count is ' + next.count];
    }
    if (event === 'reset') return [{ count: 0 }, 'count is 0'];
    if (event === 'get') return [state, 'count is ' + state.count];
    return [state, 'unknown event: ' + event];
  },
  serialize: function (state) {
    return JSON.stringify(state);
  },
  deserialize: function (text) {
    var s = JSON.parse(text);
    if (typeof s !== 'object' || s === null || typeof s.count !== 'number')
      throw new Error('expected {"count": <number>}');
    return { count: s.count };
  }
};
