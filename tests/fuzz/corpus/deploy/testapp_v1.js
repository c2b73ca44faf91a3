// Test app, version 1 (plain-JavaScript app contract). State: { n: number, hist: string }.
// Events: "add K", "mul K" (order matters), "append X", "get" (returns the identical state:
// not logged), "throw" (update throws), "badresp" (response is not a string).
var app = {
  init: function () {
    return { n: 0, hist: '' };
  },
  update: function (event, state) {
    var parts = event.split(' ');
    var arg = parts.slice(1).join(' ');
    switch (parts[0]) {
      case 'add':
        return [{ n: (state.n + parseInt(arg, 10)) % 1000003, hist: state.hist }, 'n=' + ((state.n + parseInt(arg, 10)) % 1000003)];
      case 'mul':
        return [{ n: (state.n * parseInt(arg, 10)) % 1000003, hist: state.hist }, 'n=' + ((state.n * parseInt(arg, 10)) % 1000003)];
      case 'append':
        return [{ n: state.n, hist: (state.hist + arg).slice(-40) }, 'hist=' + (state.hist + arg).slice(-40)];
      case 'get':
        return [state, 'n=' + state.n + ' hist=' + state.hist];
      case 'throw':
        throw new Error('boom: the app refused ' + event);
      case 'badresp':
        return [{ n: state.n + 1, hist: state.hist }, 42];
      default:
        return [state, 'unknown event'];
    }
  },
  serialize: function (state) {
    return JSON.stringify({ v: 1, n: state.n, hist: state.hist });
  },
  deserialize: function (text) {
    var s = JSON.parse(text);
    if (s === null || s.v !== 1 || typeof s.n !== 'number' || typeof s.hist !== 'string')
      throw new Error('not a version 1 state: ' + text);
    return { n: s.n, hist: s.hist };
  },
  // Accepts the serialized state of version 1 or 2 (version 2's extra field is dropped).
  migrate: function (text) {
    var s = JSON.parse(text);
    if (s === null || (s.v !== 1 && s.v !== 2))
      throw new Error('cannot migrate from ' + text);
    return { n: s.n, hist: s.hist };
  }
};
