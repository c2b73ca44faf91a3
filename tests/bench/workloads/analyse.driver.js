// One unit: elm-analyse's own elm-syntax parser (stil4m/elm-syntax 7, compiled into elm-analyse
// 0.16.5's backend-elm.js) parses the Elm module in bench_data and processes it (operator
// precedence, documentation), as elm-analyse does for every file it reads.
var E = __bench, last;
function bench_unit(i) {
    var r = E.parse(bench_data);
    if (r.$ !== 0 && r.$ !== 'Ok')
        throw new Error('the module does not parse');
    last = E.A2(E.process, E.context, r.a);
}
function fnv(s) {
    var h = 0x811c9dc5;
    for (var i = 0; i < s.length; i++)
        h = ((h ^ s.charCodeAt(i)) * 16777619) >>> 0;
    return ('0000000' + h.toString(16)).slice(-8);
}
// The whole syntax tree as elm-syntax encodes it to JSON: its length and hash.
function bench_check() {
    var json = JSON.stringify(E.encode(last));
    return json.length + ':' + fnv(json);
}
