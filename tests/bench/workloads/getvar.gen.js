// tests/bench/workloads/getvar.gen.js OUT-PREFIX - writes three programs in the shape of elm make
// output (a wrapper function whose 6000 top-level `var`s are the program's functions) that differ
// only in where a hot function finds the eight other top-level functions it uses:
//   .wrapper.js  as elm make emits it: by name in the wrapper's scope (Duktape: GETVAR through the
//                closed scope record of the wrapper, a property lookup in a 6000-entry object)
//   .iife.js     the same names bound again in a small scope right around the function (an IIFE):
//                still by name, but found in the first, small record
//   .locals.js   copied into the function's own locals at its entry (registers), as a load-time
//                rewrite could do for functions that loop (Elm compiles tail calls into loops)
// The hot function loops (as a tail-recursive Elm function does); getvar.driver.js calls it, and the
// three must agree on the result.
'use strict';
var fs = require('fs'), prefix = process.argv[2];
var head = "(function(scope){\n'use strict';\n" +
    "function F2(fun) { var w = function (a) { return function (b) { return fun(a, b); }; }; w.a = 2; w.f = fun; return w; }\n" +
    "function A2(fun, a, b) { return fun.a === 2 ? fun.f(a, b) : fun(a)(b); }\n";
var filler = '';
for (var i = 0; i < 6000; i++) filler += 'var $author$project$Filler$f' + i + ' = ' + i + ';\n';
var names = [], defs = '';
for (var k = 0; k < 8; k++) {
    names.push('$elm$core$Basics$op' + k);
    defs += 'var $elm$core$Basics$op' + k + ' = F2(function (a, b) { return (a + b + ' + k + ') | 0; });\n';
}
function body(pre) {
    var b = 'var r = x;\n  while (n-- > 0) {\n';
    for (var k = 0; k < 8; k++) b += '    r = ' + pre + 'A2(' + pre + names[k] + ', r, ' + k + ');\n';
    return b + '  }\n  return r;\n';
}
var copies = ['A2'].concat(names).map(function (n) { return 'L' + n + ' = ' + n; }).join(', ');
var tail = "scope.__bench = { hot: $author$project$Main$hot };\n}(this));\n";
var variants = {
    wrapper: 'var $author$project$Main$hot = F2(function (x, n) {\n  ' + body('') + '});\n',
    iife: 'var $author$project$Main$hot = (function (A2, ' + names.join(', ') + ') {\n  return F2(function (x, n) {\n  ' +
        body('') + '});\n}(A2, ' + names.join(', ') + '));\n',
    locals: 'var $author$project$Main$hot = F2(function (x, n) {\n  var ' + copies + ';\n  ' + body('L') + '});\n'
};
for (var v in variants)
    fs.writeFileSync(prefix + '.' + v + '.js', head + filler + defs + variants[v] + tail);
