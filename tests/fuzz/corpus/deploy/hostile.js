// A hostile app: each event misbehaves in its own way. "add" is the only well-behaved event.
var app = {
  init: function () { return { n: 0 }; },
  update: function (event, state) {
    switch (event) {
      case 'add': return [{ n: state.n + 1 }, 'n=' + (state.n + 1)];
      case 'loop': for (;;) {} // eslint-disable-line no-empty
      case 'loop-catch':
        for (;;) { try { for (;;) {} } catch (e) { /* swallow the timeout and go on */ } }
      case 'bomb':
        var a = [];
        for (;;) a.push(new Array(100000).join('x') + a.length);
      case 'recurse':
        var f = function (k) { return f(k + 1) + 1; };
        return [{ n: f(0) }, 'unreachable'];
      case 'wrong-type': return 'not an array';
      case 'throw-string': throw 'a plain string';
      default: return [state, 'unknown'];
    }
  },
  serialize: function (s) { return JSON.stringify(s); },
  deserialize: function (t) { return JSON.parse(t); }
};
