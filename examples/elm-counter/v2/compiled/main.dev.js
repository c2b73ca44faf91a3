(function(scope){
'use strict';
// libpersist fixture: written by hand in the shape of elm make 0.19.1 output (dev mode) for
// examples/elm-counter/v2/src/Backend/Main.elm, with only the kernel code it uses; docs/elm.md tells how it was made.

function F(arity, fun, wrapper) {
  wrapper.a = arity;
  wrapper.f = fun;
  return wrapper;
}

function F2(fun) {
  return F(2, fun, function(a) { return function(b) { return fun(a,b); }; })
}
function F3(fun) {
  return F(3, fun, function(a) {
    return function(b) { return function(c) { return fun(a, b, c); }; };
  });
}
function F4(fun) {
  return F(4, fun, function(a) { return function(b) { return function(c) {
    return function(d) { return fun(a, b, c, d); }; }; };
  });
}
function F5(fun) {
  return F(5, fun, function(a) { return function(b) { return function(c) {
    return function(d) { return function(e) { return fun(a, b, c, d, e); }; }; }; };
  });
}
function F6(fun) {
  return F(6, fun, function(a) { return function(b) { return function(c) {
    return function(d) { return function(e) { return function(f) {
    return fun(a, b, c, d, e, f); }; }; }; }; };
  });
}
function F7(fun) {
  return F(7, fun, function(a) { return function(b) { return function(c) {
    return function(d) { return function(e) { return function(f) {
    return function(g) { return fun(a, b, c, d, e, f, g); }; }; }; }; }; };
  });
}
function F8(fun) {
  return F(8, fun, function(a) { return function(b) { return function(c) {
    return function(d) { return function(e) { return function(f) {
    return function(g) { return function(h) {
    return fun(a, b, c, d, e, f, g, h); }; }; }; }; }; }; };
  });
}
function F9(fun) {
  return F(9, fun, function(a) { return function(b) { return function(c) {
    return function(d) { return function(e) { return function(f) {
    return function(g) { return function(h) { return function(i) {
    return fun(a, b, c, d, e, f, g, h, i); }; }; }; }; }; }; }; };
  });
}

function A2(fun, a, b) {
  return fun.a === 2 ? fun.f(a, b) : fun(a)(b);
}
function A3(fun, a, b, c) {
  return fun.a === 3 ? fun.f(a, b, c) : fun(a)(b)(c);
}
function A4(fun, a, b, c, d) {
  return fun.a === 4 ? fun.f(a, b, c, d) : fun(a)(b)(c)(d);
}
function A5(fun, a, b, c, d, e) {
  return fun.a === 5 ? fun.f(a, b, c, d, e) : fun(a)(b)(c)(d)(e);
}
function A6(fun, a, b, c, d, e, f) {
  return fun.a === 6 ? fun.f(a, b, c, d, e, f) : fun(a)(b)(c)(d)(e)(f);
}
function A7(fun, a, b, c, d, e, f, g) {
  return fun.a === 7 ? fun.f(a, b, c, d, e, f, g) : fun(a)(b)(c)(d)(e)(f)(g);
}
function A8(fun, a, b, c, d, e, f, g, h) {
  return fun.a === 8 ? fun.f(a, b, c, d, e, f, g, h) : fun(a)(b)(c)(d)(e)(f)(g)(h);
}
function A9(fun, a, b, c, d, e, f, g, h, i) {
  return fun.a === 9 ? fun.f(a, b, c, d, e, f, g, h, i) : fun(a)(b)(c)(d)(e)(f)(g)(h)(i);
}

console.warn('Compiled in DEV mode. Follow the advice at https://elm-lang.org/0.19.1/optimize for better performance and smaller assets.');


var _List_Nil_UNUSED = { $: 0 };
var _List_Nil = { $: '[]' };

function _List_Cons_UNUSED(hd, tl) { return { $: 1, a: hd, b: tl }; }
function _List_Cons(hd, tl) { return { $: '::', a: hd, b: tl }; }


function _List_fromArray(arr)
{
	var out = _List_Nil;
	for (var i = arr.length; i--; )
	{
		out = _List_Cons(arr[i], out);
	}
	return out;
}

function _List_toArray(xs)
{
	for (var out = []; xs.b; xs = xs.b) // WHILE_CONS
	{
		out.push(xs.a);
	}
	return out;
}



// COMMON VALUES

var _Utils_Tuple0_UNUSED = 0;
var _Utils_Tuple0 = { $: '#0' };

function _Utils_Tuple2_UNUSED(a, b) { return { a: a, b: b }; }
function _Utils_Tuple2(a, b) { return { $: '#2', a: a, b: b }; }

function _Utils_Tuple3_UNUSED(a, b, c) { return { a: a, b: b, c: c }; }
function _Utils_Tuple3(a, b, c) { return { $: '#3', a: a, b: b, c: c }; }



function _String_length(str)
{
	return str.length;
}

var _String_split = F2(function(sep, str)
{
	return str.split(sep);
});

var _String_join = F2(function(sep, strs)
{
	return strs.join(sep);
});

var _String_slice = F3(function(start, end, str) {
	return str.slice(start, end);
});

var _String_startsWith = F2(function(sub, str)
{
	return str.indexOf(sub) === 0;
});


// TO STRING

function _String_fromNumber(number)
{
	return number + '';
}


// INT CONVERSIONS

function _String_toInt(str)
{
	var total = 0;
	var code0 = str.charCodeAt(0);
	var start = code0 == 0x2B /* + */ || code0 == 0x2D /* - */ ? 1 : 0;

	for (var i = start; i < str.length; ++i)
	{
		var code = str.charCodeAt(i);
		if (code < 0x30 || 0x39 < code)
		{
			return $elm$core$Maybe$Nothing;
		}
		total = 10 * total + code - 0x30;
	}

	return i == start
		? $elm$core$Maybe$Nothing
		: $elm$core$Maybe$Just(code0 == 0x2D ? -total : total);
}



// CORE DECODERS

function _Json_succeed(msg)
{
	return {
		$: 0,
		a: msg
	};
}




// PROGRAMS


var _Platform_worker = F4(function(impl, flagDecoder, debugMetadata, args)
{
	return _Platform_initialize(
		flagDecoder,
		args,
		impl.init,
		impl.update,
		impl.subscriptions,
		function() { return function() {} }
	);
});



// INITIALIZE A PROGRAM


function _Platform_initialize(flagDecoder, args, init, update, subscriptions, stepperBuilder)
{
	var result = A2(_Json_run, flagDecoder, _Json_wrap(args ? args['flags'] : undefined));
	$elm$core$Result$isOk(result) || _Debug_crash(2 /**/, _Json_errorToString(result.a) /**/);
	var managers = {};
	var initPair = init(result.a);
	var model = initPair.a;
	var stepper = stepperBuilder(sendToApp, model);
	var ports = _Platform_setupEffects(managers, sendToApp);

	function sendToApp(msg, viewMetadata)
	{
		var pair = A2(update, msg, model);
		stepper(model = pair.a, viewMetadata);
		_Platform_enqueueEffects(managers, pair.b, subscriptions(model));
	}

	_Platform_enqueueEffects(managers, initPair.b, subscriptions(model));

	return ports ? { ports: ports } : {};
}



// BAGS


function _Platform_batch(list)
{
	return {
		$: 2,
		m: list
	};
}



// EXPORT ELM MODULES
//
// Have DEBUG and PROD versions so that we can (1) give nicer errors in
// debug mode and (2) not pay for the bits needed for that in prod mode.
//


function _Platform_export_UNUSED(exports)
{
	scope['Elm']
		? _Platform_mergeExportsProd(scope['Elm'], exports)
		: scope['Elm'] = exports;
}


function _Platform_mergeExportsProd(obj, exports)
{
	for (var name in exports)
	{
		(name in obj)
			? (name == 'init')
				? _Debug_crash(6)
				: _Platform_mergeExportsProd(obj[name], exports[name])
			: (obj[name] = exports[name]);
	}
}


function _Platform_export(exports)
{
	scope['Elm']
		? _Platform_mergeExportsDebug('Elm', scope['Elm'], exports)
		: scope['Elm'] = exports;
}


function _Platform_mergeExportsDebug(moduleName, obj, exports)
{
	for (var name in exports)
	{
		(name in obj)
			? (name == 'init')
				? _Debug_crash(6, moduleName)
				: _Platform_mergeExportsDebug(moduleName + '.' + name, obj[name], exports[name])
			: (obj[name] = exports[name]);
	}
}
var $elm$core$Maybe$Just = function (a) {
	return {$: 'Just', a: a};
};
var $elm$core$Maybe$Nothing = {$: 'Nothing'};
var $elm$core$Result$Err = function (a) {
	return {$: 'Err', a: a};
};
var $elm$core$Result$Ok = function (a) {
	return {$: 'Ok', a: a};
};
var $elm$core$String$join = F2(
	function (sep, chunks) {
		return A2(
			_String_join,
			sep,
			_List_toArray(chunks));
	});
var $elm$core$String$split = F2(
	function (sep, string) {
		return _List_fromArray(
			A2(_String_split, sep, string));
	});
var $elm$core$String$toInt = _String_toInt;
var $author$project$Backend$Main$interfaceToHost_deserializeState = function (text) {
	var _v0 = A2($elm$core$String$split, ' ', text);
	if ((_v0.b && (_v0.a === 'counter-v2')) && _v0.b.b) {
		var _v1 = _v0.b;
		var countText = _v1.a;
		var lastEventWords = _v1.b;
		var _v2 = $elm$core$String$toInt(countText);
		if (_v2.$ === 'Just') {
			var count = _v2.a;
			return $elm$core$Result$Ok(
				{
					count: count,
					lastEvent: A2($elm$core$String$join, ' ', lastEventWords)
				});
		} else {
			return $elm$core$Result$Err('counter-v2: the count is not a whole number: ' + text);
		}
	} else {
		return $elm$core$Result$Err('not a counter-v2 state: ' + text);
	}
};
var $author$project$Backend$Main$interfaceToHost_initState = {count: 0, lastEvent: ''};
var $elm$core$String$length = _String_length;
var $elm$core$String$slice = _String_slice;
var $elm$core$String$dropLeft = F2(
	function (n, string) {
		return (n < 1) ? string : A3(
			$elm$core$String$slice,
			n,
			$elm$core$String$length(string),
			string);
	});
var $elm$core$String$startsWith = _String_startsWith;
var $author$project$Backend$Main$interfaceToHost_migrateFromSerialized = function (text) {
	if (A2($elm$core$String$startsWith, 'counter-v1 ', text)) {
		var _v0 = $elm$core$String$toInt(
			A2($elm$core$String$dropLeft, 11, text));
		if (_v0.$ === 'Just') {
			var count = _v0.a;
			return $elm$core$Result$Ok(
				{count: count, lastEvent: ''});
		} else {
			return $elm$core$Result$Err('cannot migrate from counter-v1: the count is not a whole number: ' + text);
		}
	} else {
		if (A2($elm$core$String$startsWith, 'counter-v2 ', text)) {
			return $author$project$Backend$Main$interfaceToHost_deserializeState(text);
		} else {
			return $elm$core$Result$Err('cannot migrate to counter-v2 from this state (expected counter-v1 or counter-v2): ' + text);
		}
	}
};
var $elm$core$String$fromInt = _String_fromNumber;
var $author$project$Backend$Main$interfaceToHost_processEvent = F2(
	function (event, state) {
		if (A2($elm$core$String$startsWith, 'add ', event)) {
			var _v0 = $elm$core$String$toInt(
				A2($elm$core$String$dropLeft, 4, event));
			if (_v0.$ === 'Just') {
				var n = _v0.a;
				var count = state.count + n;
				return _Utils_Tuple2(
					{count: count, lastEvent: event},
					'count=' + $elm$core$String$fromInt(count));
			} else {
				return _Utils_Tuple2(
					state,
					'error: not a whole number: ' + A2($elm$core$String$dropLeft, 4, event));
			}
		} else {
			if (event === 'get') {
				return _Utils_Tuple2(
					state,
					'count=' + $elm$core$String$fromInt(state.count));
			} else {
				if (event === 'last') {
					return _Utils_Tuple2(state, 'last=' + state.lastEvent);
				} else {
					return _Utils_Tuple2(state, 'error: unknown event: ' + event);
				}
			}
		}
	});
var $author$project$Backend$Main$interfaceToHost_serializeState = function (state) {
	return 'counter-v2 ' + ($elm$core$String$fromInt(state.count) + (' ' + state.lastEvent));
};
var $elm$core$Platform$Cmd$batch = _Platform_batch;
var $elm$core$Platform$Cmd$none = $elm$core$Platform$Cmd$batch(_List_Nil);
var $elm$core$Platform$Sub$batch = _Platform_batch;
var $elm$core$Platform$Sub$none = $elm$core$Platform$Sub$batch(_List_Nil);
var $elm$core$Platform$worker = _Platform_worker;
var $author$project$Persist$keepAlive = function (app) {
	return $elm$core$Platform$worker(
		{
			init: function (_v0) {
				return _Utils_Tuple2(app, $elm$core$Platform$Cmd$none);
			},
			subscriptions: function (_v2) {
				return $elm$core$Platform$Sub$none;
			},
			update: F2(
				function (_v1, model) {
					return _Utils_Tuple2(model, $elm$core$Platform$Cmd$none);
				})
		});
};
var $author$project$Persist$workerWithMigration = $author$project$Persist$keepAlive;
var $elm$json$Json$Decode$succeed = _Json_succeed;
var $author$project$Backend$Main$main = $author$project$Persist$workerWithMigration(
	{deserializeState: $author$project$Backend$Main$interfaceToHost_deserializeState, initState: $author$project$Backend$Main$interfaceToHost_initState, migrateFromSerialized: $author$project$Backend$Main$interfaceToHost_migrateFromSerialized, processEvent: $author$project$Backend$Main$interfaceToHost_processEvent, serializeState: $author$project$Backend$Main$interfaceToHost_serializeState});
_Platform_export({'Backend':{'Main':{'init':$author$project$Backend$Main$main(
	$elm$json$Json$Decode$succeed(_Utils_Tuple0))(0)}}});}(this));