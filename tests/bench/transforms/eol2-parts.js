// tests/bench/transforms/eol2-parts.js CACHE IN.js OUT-PREFIX - elm-optimize-level-2 0.4.0's
// transforms one at a time (its defaults, each alone, and all), to attribute its gain: writes
// OUT-PREFIX.<name>.js for each. Its own output (all) is what `elm-optimize-level-2 IN.js` writes.
'use strict';
var path = require('path'), fs = require('fs');
var cache = process.argv[2], input = process.argv[3], prefix = process.argv[4];
var lib = path.join(cache, 'node_modules', 'elm-optimize-level-2', 'dist');
var T = require(path.join(lib, 'transform.js')), types = require(path.join(lib, 'types.js'));
var defaults = types.toolDefaults(false, null), src = fs.readFileSync(input, 'utf8');
var parts = {
    calls: ['fastCurriedFns'],
    'calls-unwrapped': ['fastCurriedFns', 'passUnwrappedFunctions'],
    inline: ['inlineFunctions', 'inlineEquality'],
    lists: ['replaceListFunctions'],
    all: Object.keys(defaults).filter(function (k) { return defaults[k] === true; })
};
(async function () {
    for (var name in parts) {
        var t = Object.assign({}, types.emptyOpts);
        parts[name].forEach(function (k) { t[k] = true; });
        var out = await T.transform(cache, src, undefined, false, t);
        fs.writeFileSync(prefix + '.' + name + '.js', out);
        console.error(name + ': ' + parts[name].join(' '));
    }
})();
