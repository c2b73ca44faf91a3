(function(scope){
'use strict';

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



// libpersist's stand-in for elm/core's List kernel. A list is a chain of cells: dev mode tags
// them '[]' and '::', --optimize numbers them 0 and 1; the compiler tests a cell for `.b`.


var _List_Nil_UNUSED = { $: '[]' };
var _List_Nil = { $: 0 };

function _List_Cons_UNUSED(hd, tl) { return { $: '::', a: hd, b: tl }; }
function _List_Cons(hd, tl) { return { $: 1, a: hd, b: tl }; }

var _List_cons = F2(_List_Cons);

function _List_fromArray(items)
{
	var list = _List_Nil;
	for (var i = items.length; i--; )
	{
		list = _List_Cons(items[i], list);
	}
	return list;
}

function _List_toArray(list)
{
	var items = [];
	for (; list.b; list = list.b)
	{
		items.push(list.a);
	}
	return items;
}


// MAPPING SEVERAL LISTS: as long as the shortest one.

function _List_mapMany(f, lists)
{
	var out = [];
	for (;;)
	{
		var args = [];
		for (var k = 0; k < lists.length; k++)
		{
			if (!lists[k].b)
			{
				return _List_fromArray(out);
			}
			args.push(lists[k].a);
			lists[k] = lists[k].b;
		}
		out.push(
			args.length === 2 ? A2(f, args[0], args[1]) :
			args.length === 3 ? A3(f, args[0], args[1], args[2]) :
			args.length === 4 ? A4(f, args[0], args[1], args[2], args[3]) :
			A5(f, args[0], args[1], args[2], args[3], args[4]));
	}
}

var _List_map2 = F3(function(f, xs, ys)
{
	return _List_mapMany(f, [xs, ys]);
});

var _List_map3 = F4(function(f, xs, ys, zs)
{
	return _List_mapMany(f, [xs, ys, zs]);
});

var _List_map4 = F5(function(f, ws, xs, ys, zs)
{
	return _List_mapMany(f, [ws, xs, ys, zs]);
});

var _List_map5 = F6(function(f, vs, ws, xs, ys, zs)
{
	return _List_mapMany(f, [vs, ws, xs, ys, zs]);
});


// SORTING: the list is copied into an array, sorted by Array.prototype.sort with a comparator,
// and turned back into a list.

var _List_sortBy = F2(function(key, list)
{
	var items = _List_toArray(list);
	items.sort(function(a, b) { return _Utils_cmp(key(a), key(b)); });
	return _List_fromArray(items);
});

var _List_sortWith = F2(function(order, list)
{
	var items = _List_toArray(list);
	items.sort(function(a, b)
	{
		// LT, EQ and GT are objects in dev mode and numbers with --optimize: compare identities.
		var o = A2(order, a, b);
		return o === $elm$core$Basics$LT ? -1 : o === $elm$core$Basics$EQ ? 0 : 1;
	});
	return _List_fromArray(items);
});


// libpersist's stand-in for elm/core's Debug kernel: Debug.log through console.log, Debug.todo
// and the crashes of the other kernel code as exceptions, Debug.toString in dev mode.


var _Debug_log_UNUSED = F2(function(tag, value)
{
	console.log(tag + ': ' + _Debug_toString(value));
	return value;
});

var _Debug_log = F2(function(tag, value)
{
	return value;
});

function _Debug_todo(moduleName, region)
{
	return function(message)
	{
		_Debug_crash(8, moduleName, region, message);
	};
}

function _Debug_todoCase(moduleName, region, value)
{
	return function(message)
	{
		_Debug_crash(9, moduleName, region, value, message);
	};
}

function _Debug_where(region)
{
	return region.start.line === region.end.line
		? 'on line ' + region.start.line
		: 'on lines ' + region.start.line + ' through ' + region.end.line;
}

function _Debug_crash(identifier, fact1, fact2, fact3, fact4)
{
	switch (identifier)
	{
		case 2:
			throw new Error('Problem with the flags given to the Elm program: ' + fact1);
		case 5:
			throw new Error('Trying to use `(==)` on functions. There is no way to know if functions are "the same" in the Elm sense.');
		case 6:
			throw new Error('The JavaScript code contains two Elm programs that both export ' + fact1 + '.init');
		case 8:
			throw new Error('TODO in module `' + fact1 + '` ' + _Debug_where(fact2) + '\n\n' + fact3);
		case 9:
			throw new Error('TODO in module `' + fact1 + '` from the `case` expression '
				+ _Debug_where(fact2) + '\n\nIt received the following value:\n\n    '
				+ _Debug_toString(fact3).replace(/\n/g, '\n    ')
				+ '\n\nBut the branch that handles it says:\n\n    ' + fact4.replace(/\n/g, '\n    '));
		case 11:
			throw new Error('Cannot perform mod 0. Division by zero error.');
		default:
			throw new Error('Elm kernel crash ' + identifier);
	}
}


// TO STRING: Elm syntax for Elm values (dev mode only: --optimize output has lost the names of
// constructors and fields).

function _Debug_toString(value)
{
	return '<internals>';
}

function _Debug_toString_UNUSED(value)
{
	if (typeof value === 'function')
	{
		return '<function>';
	}
	if (typeof value === 'boolean')
	{
		return value ? 'True' : 'False';
	}
	if (typeof value === 'number')
	{
		return value + '';
	}
	if (typeof value === 'string')
	{
		return '"' + _Debug_escape(value, '"') + '"';
	}
	if (value instanceof String)
	{
		return '\'' + _Debug_escape(value.valueOf(), '\'') + '\'';
	}
	if (Array.isArray(value))
	{
		return 'Array.fromList ' + _Debug_toString($elm$core$Array$toList(value));
	}
	if (typeof value !== 'object' || value === null)
	{
		return '<internals>';
	}
	var tag = value.$;
	if (tag === '#0' || tag === '#2' || tag === '#3')
	{
		var parts = [];
		for (var name in value)
		{
			if (name !== '$')
			{
				parts.push(_Debug_toString(value[name]));
			}
		}
		return '(' + parts.join(',') + ')';
	}
	if (tag === '[]' || tag === '::')
	{
		var items = [];
		for (; value.b; value = value.b)
		{
			items.push(_Debug_toString(value.a));
		}
		return '[' + items.join(',') + ']';
	}
	if (tag === 'RBNode_elm_builtin' || tag === 'RBEmpty_elm_builtin')
	{
		return 'Dict.fromList ' + _Debug_toString($elm$core$Dict$toList(value));
	}
	if (tag === 'Set_elm_builtin')
	{
		return 'Set.fromList ' + _Debug_toString($elm$core$Set$toList(value));
	}
	if (typeof tag === 'string')
	{
		var out = tag;
		for (var name in value)
		{
			if (name !== '$')
			{
				var arg = _Debug_toString(value[name]);
				var first = arg.charAt(0);
				var bare = arg.indexOf(' ') < 0 || '{([<"\''.indexOf(first) >= 0;
				out += ' ' + (bare ? arg : '(' + arg + ')');
			}
		}
		return out;
	}
	var fields = [];
	for (var name in value)
	{
		fields.push(name + ' = ' + _Debug_toString(value[name]));
	}
	return fields.length ? '{ ' + fields.join(', ') + ' }' : '{}';
}

function _Debug_escape(str, quote)
{
	return str
		.replace(/\\/g, '\\\\')
		.replace(/\n/g, '\\n')
		.replace(/\t/g, '\\t')
		.replace(/\r/g, '\\r')
		.replace(quote === '"' ? /"/g : /'/g, '\\' + quote);
}


// libpersist's stand-in for elm/core's Utils kernel: tuples, characters, record update,
// structural equality, comparison and appending. Written for libpersist (tests/elm/README.md).


// TUPLES AND CHARACTERS: dev mode tags tuples so Debug.toString can print them; --optimize
// leaves the tag out. Characters are String objects in dev mode (Debug.toString prints 'c'),
// plain strings with --optimize.

var _Utils_Tuple0_UNUSED = { $: '#0' };
var _Utils_Tuple0 = 0;

function _Utils_Tuple2_UNUSED(a, b) { return { $: '#2', a: a, b: b }; }
function _Utils_Tuple2(a, b) { return { a: a, b: b }; }

function _Utils_Tuple3_UNUSED(a, b, c) { return { $: '#3', a: a, b: b, c: c }; }
function _Utils_Tuple3(a, b, c) { return { a: a, b: b, c: c }; }

function _Utils_chr_UNUSED(c) { return new String(c); }
function _Utils_chr(c) { return c; }


// RECORD UPDATE: a copy of the record with some fields replaced.

function _Utils_update(record, changes)
{
	var copy = {};
	for (var name in record)
	{
		copy[name] = record[name];
	}
	for (var name in changes)
	{
		copy[name] = changes[name];
	}
	return copy;
}


// EQUALITY: structural, with an explicit stack so that long lists and deep values do not
// exhaust the JavaScript stack. Two values given to (==) have the same type, so their objects
// have the same fields, except JavaScript arrays (Array) whose lengths are compared. A
// dictionary is compared by its contents (Dict.toList), not by the shape of its tree: dev mode
// recognizes it by its constructor names, --optimize by the negative tags the compiler gives
// exactly these two constructors.

function _Utils_isDict(x)
{
	/**_UNUSED/
	return x.$ === 'RBNode_elm_builtin' || x.$ === 'RBEmpty_elm_builtin';
	//*/
	/**/
	return x.$ < 0;
	//*/
}

function _Utils_eq(x, y)
{
	var pending = [x, y];
	while (pending.length)
	{
		var b = pending.pop();
		var a = pending.pop();
		if (a === b)
		{
			continue;
		}
		if (typeof a === 'function' || typeof b === 'function')
		{
			_Debug_crash(5);
		}
		if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
		{
			return false;
		}
		if (a instanceof String || b instanceof String)
		{
			if (a.valueOf() !== b.valueOf())
			{
				return false;
			}
			continue;
		}
		if (_Utils_isDict(a))
		{
			a = $elm$core$Dict$toList(a);
			b = $elm$core$Dict$toList(b);
		}
		if (Array.isArray(a))
		{
			if (!Array.isArray(b) || a.length !== b.length)
			{
				return false;
			}
			for (var i = 0; i < a.length; i++)
			{
				pending.push(a[i], b[i]);
			}
			continue;
		}
		for (var name in a)
		{
			if (!(name in b))
			{
				return false;
			}
			pending.push(a[name], b[name]);
		}
		for (var name in b)
		{
			if (!(name in a))
			{
				return false;
			}
		}
	}
	return true;
}

var _Utils_equal = F2(_Utils_eq);
var _Utils_notEqual = F2(function(a, b) { return !_Utils_eq(a, b); });


// COMPARISON of comparable values: numbers, strings, characters, and lists and tuples of
// comparables. Returns -1, 0 or 1.

function _Utils_cmp(x, y)
{
	for (;;)
	{
		if (typeof x !== 'object')
		{
			return x === y ? 0 : x < y ? -1 : 1;
		}
		if (x instanceof String)
		{
			var s = x.valueOf(), t = y.valueOf();
			return s === t ? 0 : s < t ? -1 : 1;
		}
		if (x.$ === undefined || (typeof x.$ === 'string' && x.$.charAt(0) === '#'))
		{
			// a tuple: component by component
			var order = _Utils_cmp(x.a, y.a);
			if (order !== 0)
			{
				return order;
			}
			if (x.c === undefined)
			{
				x = x.b;
				y = y.b;
				continue;
			}
			order = _Utils_cmp(x.b, y.b);
			if (order !== 0)
			{
				return order;
			}
			x = x.c;
			y = y.c;
			continue;
		}
		// lists: element by element, a proper prefix first
		for (; x.b && y.b; x = x.b, y = y.b)
		{
			var order = _Utils_cmp(x.a, y.a);
			if (order !== 0)
			{
				return order;
			}
		}
		return x.b ? 1 : y.b ? -1 : 0;
	}
}

var _Utils_lt = F2(function(a, b) { return _Utils_cmp(a, b) < 0; });
var _Utils_le = F2(function(a, b) { return _Utils_cmp(a, b) < 1; });
var _Utils_gt = F2(function(a, b) { return _Utils_cmp(a, b) > 0; });
var _Utils_ge = F2(function(a, b) { return _Utils_cmp(a, b) >= 0; });

var _Utils_compare = F2(function(a, b)
{
	var order = _Utils_cmp(a, b);
	return order < 0 ? $elm$core$Basics$LT : order > 0 ? $elm$core$Basics$GT : $elm$core$Basics$EQ;
});


// APPEND: strings or lists (the compiler also calls _Utils_ap for (++) itself).

function _Utils_ap(xs, ys)
{
	if (typeof xs === 'string')
	{
		return xs + ys;
	}
	if (!ys.b)
	{
		return xs;
	}
	var items = [];
	for (; xs.b; xs = xs.b)
	{
		items.push(xs.a);
	}
	var out = ys;
	for (var i = items.length; i--; )
	{
		out = _List_Cons(items[i], out);
	}
	return out;
}

var _Utils_append = F2(_Utils_ap);


// libpersist's stand-in for elm/core's String kernel. Lengths and slices count UTF-16 units;
// everything that walks through characters keeps a surrogate pair together.


var _String_length = function(str) { return str.length; };
var _String_append = F2(function(a, b) { return a + b; });
var _String_slice = F3(function(start, end, str) { return str.slice(start, end); });
var _String_split = F2(function(sep, str) { return str.split(sep); });
var _String_join = F2(function(sep, strs) { return strs.join(sep); });
var _String_toUpper = function(str) { return str.toUpperCase(); };
var _String_toLower = function(str) { return str.toLowerCase(); };
var _String_trim = function(str) { return str.trim(); };
var _String_trimLeft = function(str) { return str.replace(/^\s+/, ''); };
var _String_trimRight = function(str) { return str.replace(/\s+$/, ''); };
var _String_fromNumber = function(n) { return n + ''; };

var _String_repeat = F2(function(n, str)
{
	var out = '';
	for (var i = 0; i < n; i++)
	{
		out += str;
	}
	return out;
});

var _String_contains = F2(function(sub, str) { return str.indexOf(sub) >= 0; });
var _String_startsWith = F2(function(sub, str) { return str.indexOf(sub) === 0; });
var _String_endsWith = F2(function(sub, str)
{
	return str.length >= sub.length && str.lastIndexOf(sub) === str.length - sub.length;
});

// Non-overlapping occurrences, left to right; none for the empty string.
var _String_indexes = F2(function(sub, str)
{
	var found = [];
	if (sub.length > 0)
	{
		for (var i = str.indexOf(sub); i >= 0; i = str.indexOf(sub, i + sub.length))
		{
			found.push(i);
		}
	}
	return _List_fromArray(found);
});

function _String_words(str)
{
	return _List_fromArray(str.trim().split(/\s+/g));
}

function _String_lines(str)
{
	return _List_fromArray(str.split(/\r\n|\r|\n/g));
}


// CHARACTERS: the length in UTF-16 units of the character that starts at i.

function _String_charWidth(str, i)
{
	var unit = str.charCodeAt(i);
	return 0xD800 <= unit && unit <= 0xDBFF && i + 1 < str.length ? 2 : 1;
}

// The start of the character that ends just before `end`.
function _String_charStart(str, end)
{
	var unit = str.charCodeAt(end - 1);
	if (0xDC00 <= unit && unit <= 0xDFFF && end >= 2)
	{
		var before = str.charCodeAt(end - 2);
		if (0xD800 <= before && before <= 0xDBFF)
		{
			return end - 2;
		}
	}
	return end - 1;
}

var _String_cons = F2(function(c, str) { return c.valueOf() + str; });

function _String_uncons(str)
{
	if (str.length === 0)
	{
		return $elm$core$Maybe$Nothing;
	}
	var w = _String_charWidth(str, 0);
	return $elm$core$Maybe$Just(_Utils_Tuple2(_Utils_chr(str.slice(0, w)), str.slice(w)));
}

function _String_fromList(chars)
{
	var out = '';
	for (; chars.b; chars = chars.b)
	{
		out += chars.a.valueOf();
	}
	return out;
}

function _String_reverse(str)
{
	var out = '';
	for (var end = str.length; end > 0; )
	{
		var start = _String_charStart(str, end);
		out += str.slice(start, end);
		end = start;
	}
	return out;
}

var _String_map = F2(function(f, str)
{
	var out = '';
	for (var i = 0; i < str.length; )
	{
		var w = _String_charWidth(str, i);
		out += f(_Utils_chr(str.slice(i, i + w))).valueOf();
		i += w;
	}
	return out;
});

var _String_filter = F2(function(keep, str)
{
	var out = '';
	for (var i = 0; i < str.length; )
	{
		var w = _String_charWidth(str, i);
		var c = str.slice(i, i + w);
		if (keep(_Utils_chr(c)))
		{
			out += c;
		}
		i += w;
	}
	return out;
});

var _String_foldl = F3(function(f, acc, str)
{
	for (var i = 0; i < str.length; )
	{
		var w = _String_charWidth(str, i);
		acc = A2(f, _Utils_chr(str.slice(i, i + w)), acc);
		i += w;
	}
	return acc;
});

var _String_foldr = F3(function(f, acc, str)
{
	for (var end = str.length; end > 0; )
	{
		var start = _String_charStart(str, end);
		acc = A2(f, _Utils_chr(str.slice(start, end)), acc);
		end = start;
	}
	return acc;
});

var _String_any = F2(function(ok, str)
{
	for (var i = 0; i < str.length; )
	{
		var w = _String_charWidth(str, i);
		if (ok(_Utils_chr(str.slice(i, i + w))))
		{
			return true;
		}
		i += w;
	}
	return false;
});

var _String_all = F2(function(ok, str)
{
	for (var i = 0; i < str.length; )
	{
		var w = _String_charWidth(str, i);
		if (!ok(_Utils_chr(str.slice(i, i + w))))
		{
			return false;
		}
		i += w;
	}
	return true;
});


// NUMBERS: an optional sign and decimal digits only; no spaces, no exponent.

function _String_toInt(str)
{
	var sign = str.charAt(0);
	var digits = sign === '+' || sign === '-' ? str.slice(1) : str;
	if (!/^[0-9]+$/.test(digits))
	{
		return $elm$core$Maybe$Nothing;
	}
	var n = 0;
	for (var i = 0; i < digits.length; i++)
	{
		n = 10 * n + (digits.charCodeAt(i) - 0x30);
	}
	return $elm$core$Maybe$Just(sign === '-' ? -n : n);
}

// What JavaScript's Number() reads, except empty text, any white space, and text with an x, o or b
// (the 0x, 0o and 0b forms), which elm/core rejects.
function _String_toFloat(str)
{
	if (str.length === 0 || /[\sxob]/.test(str))
	{
		return $elm$core$Maybe$Nothing;
	}
	var n = +str;
	return n === n ? $elm$core$Maybe$Just(n) : $elm$core$Maybe$Nothing;
}


// libpersist's stand-in for elm/core's Basics kernel: arithmetic and the math functions, for
// when an operator is used as a value (the compiler inlines direct uses).


var _Basics_add = F2(function(a, b) { return a + b; });
var _Basics_sub = F2(function(a, b) { return a - b; });
var _Basics_mul = F2(function(a, b) { return a * b; });
var _Basics_fdiv = F2(function(a, b) { return a / b; });
var _Basics_idiv = F2(function(a, b) { return (a / b) | 0; });
var _Basics_pow = F2(Math.pow);

// Elm's modBy takes the sign of the modulus; remainderBy is JavaScript's %.
var _Basics_remainderBy = F2(function(b, a) { return a % b; });
var _Basics_modBy = F2(function(modulus, x)
{
	var r = x % modulus;
	if (modulus === 0)
	{
		_Debug_crash(11);
	}
	return (r > 0 && modulus < 0) || (r < 0 && modulus > 0) ? r + modulus : r;
});

var _Basics_pi = Math.PI;
var _Basics_e = Math.E;
var _Basics_cos = Math.cos;
var _Basics_sin = Math.sin;
var _Basics_tan = Math.tan;
var _Basics_acos = Math.acos;
var _Basics_asin = Math.asin;
var _Basics_atan = Math.atan;
var _Basics_atan2 = F2(Math.atan2);

function _Basics_toFloat(x) { return x; }
function _Basics_truncate(n) { return n | 0; }
function _Basics_isInfinite(n) { return n === Infinity || n === -Infinity; }

var _Basics_ceiling = Math.ceil;
var _Basics_floor = Math.floor;
var _Basics_round = Math.round;
var _Basics_sqrt = Math.sqrt;
var _Basics_log = Math.log;
var _Basics_isNaN = isNaN;

function _Basics_not(b) { return !b; }
var _Basics_and = F2(function(a, b) { return a && b; });
var _Basics_or  = F2(function(a, b) { return a || b; });
var _Basics_xor = F2(function(a, b) { return a !== b; });


// libpersist's stand-in for elm/core's Array kernel: an Array is a JavaScript array that is never
// changed once made; every change makes a copy.


var _Array_empty = [];

var _Array_initialize = F2(function(n, f)
{
	var out = [];
	for (var i = 0; i < n; i++)
	{
		out.push(f(i));
	}
	return out;
});

function _Array_length(array)
{
	return array.length;
}

var _Array_get = F2(function(i, array)
{
	return 0 <= i && i < array.length ? $elm$core$Maybe$Just(array[i]) : $elm$core$Maybe$Nothing;
});

var _Array_set = F3(function(i, value, array)
{
	if (i < 0 || i >= array.length)
	{
		return array;
	}
	var out = array.slice();
	out[i] = value;
	return out;
});

var _Array_push = F2(function(value, array)
{
	var out = array.slice();
	out.push(value);
	return out;
});

var _Array_append = F2(function(a, b)
{
	return a.concat(b);
});

// Negative indexes count from the end, as in elm/core.
var _Array_slice = F3(function(start, end, array)
{
	return array.slice(start, end);
});

var _Array_map = F2(function(f, array)
{
	var out = [];
	for (var i = 0; i < array.length; i++)
	{
		out.push(f(array[i]));
	}
	return out;
});

var _Array_indexedMap = F2(function(f, array)
{
	var out = [];
	for (var i = 0; i < array.length; i++)
	{
		out.push(A2(f, i, array[i]));
	}
	return out;
});

var _Array_foldl = F3(function(f, acc, array)
{
	for (var i = 0; i < array.length; i++)
	{
		acc = A2(f, array[i], acc);
	}
	return acc;
});

var _Array_foldr = F3(function(f, acc, array)
{
	for (var i = array.length; i--; )
	{
		acc = A2(f, array[i], acc);
	}
	return acc;
});

var _Array_filter = F2(function(keep, array)
{
	var out = [];
	for (var i = 0; i < array.length; i++)
	{
		if (keep(array[i]))
		{
			out.push(array[i]);
		}
	}
	return out;
});


// libpersist's stand-in for elm/core's Char kernel. A Char is one code point: one UTF-16 unit or
// a surrogate pair.


function _Char_toCode(c)
{
	var s = c.valueOf();
	var hi = s.charCodeAt(0);
	if (0xD800 <= hi && hi <= 0xDBFF && s.length > 1)
	{
		return 0x10000 + ((hi - 0xD800) << 10) + (s.charCodeAt(1) - 0xDC00);
	}
	return hi;
}

function _Char_fromCode(code)
{
	if (code < 0 || code > 0x10FFFF)
	{
		return _Utils_chr('\uFFFD');
	}
	if (code < 0x10000)
	{
		return _Utils_chr(String.fromCharCode(code));
	}
	var offset = code - 0x10000;
	return _Utils_chr(String.fromCharCode(0xD800 + (offset >> 10), 0xDC00 + (offset & 0x3FF)));
}

function _Char_toUpper(c)
{
	return _Utils_chr(c.valueOf().toUpperCase());
}

function _Char_toLower(c)
{
	return _Utils_chr(c.valueOf().toLowerCase());
}


// libpersist's stand-in for elm/json's kernel. A JSON value is the JavaScript value itself (wrap
// and unwrap are the identity in both modes). A decoder is a description, { $: kind, ... },
// that _Json_runHelp interprets.


// ENCODING

function _Json_wrap(value) { return value; }
function _Json_unwrap(value) { return value; }

var _Json_encodeNull = null;

var _Json_encode = F2(function(indentLevel, value)
{
	return JSON.stringify(value, null, indentLevel) + '';
});

var _Json_encodeList = F2(function(toValue, entries)
{
	var out = [];
	for (; entries.b; entries = entries.b)
	{
		out.push(toValue(entries.a));
	}
	return out;
});

function _Json_encodeObject(pairs)
{
	var out = {};
	for (; pairs.b; pairs = pairs.b)
	{
		out[pairs.a.a] = pairs.a.b;
	}
	return out;
}


// DECODERS

function _Json_succeed(msg) { return { $: 0, a: msg }; }
function _Json_fail(msg) { return { $: 1, a: msg }; }
function _Json_decodeNull(value) { return { $: 2, a: value }; }

var _Json_decodeInt = { $: 3 };
var _Json_decodeBool = { $: 4 };
var _Json_decodeFloat = { $: 5 };
var _Json_decodeString = { $: 6 };
var _Json_decodeValue = { $: 7 };

function _Json_decodeList(decoder) { return { $: 8, b: decoder }; }
function _Json_decodeArray(decoder) { return { $: 9, b: decoder }; }
function _Json_decodeKeyValuePairs(decoder) { return { $: 10, b: decoder }; }

var _Json_decodeField = F2(function(name, decoder)
{
	return { $: 11, c: name, b: decoder };
});

var _Json_decodeIndex = F2(function(index, decoder)
{
	return { $: 12, d: index, b: decoder };
});

var _Json_andThen = F2(function(callback, decoder)
{
	return { $: 13, e: callback, b: decoder };
});

function _Json_oneOf(decoders)
{
	return { $: 14, f: decoders };
}

function _Json_mapMany(f, decoders)
{
	return { $: 15, g: f, f: decoders };
}

var _Json_map1 = F2(function(f, d1) { return _Json_mapMany(f, [d1]); });
var _Json_map2 = F3(function(f, d1, d2) { return _Json_mapMany(f, [d1, d2]); });
var _Json_map3 = F4(function(f, d1, d2, d3) { return _Json_mapMany(f, [d1, d2, d3]); });
var _Json_map4 = F5(function(f, d1, d2, d3, d4) { return _Json_mapMany(f, [d1, d2, d3, d4]); });
var _Json_map5 = F6(function(f, d1, d2, d3, d4, d5)
{
	return _Json_mapMany(f, [d1, d2, d3, d4, d5]);
});
var _Json_map6 = F7(function(f, d1, d2, d3, d4, d5, d6)
{
	return _Json_mapMany(f, [d1, d2, d3, d4, d5, d6]);
});
var _Json_map7 = F8(function(f, d1, d2, d3, d4, d5, d6, d7)
{
	return _Json_mapMany(f, [d1, d2, d3, d4, d5, d6, d7]);
});
var _Json_map8 = F9(function(f, d1, d2, d3, d4, d5, d6, d7, d8)
{
	return _Json_mapMany(f, [d1, d2, d3, d4, d5, d6, d7, d8]);
});


// RUNNING

var _Json_run = F2(function(decoder, value)
{
	return _Json_runHelp(decoder, value);
});

var _Json_runOnString = F2(function(decoder, text)
{
	var value;
	try
	{
		value = JSON.parse(text);
	}
	catch (e)
	{
		return $elm$core$Result$Err(A2($elm$json$Json$Decode$Failure, 'This is not valid JSON! ' + e.message, text));
	}
	return _Json_runHelp(decoder, value);
});

function _Json_expecting(what, value)
{
	return $elm$core$Result$Err(A2($elm$json$Json$Decode$Failure, 'Expecting ' + what, value));
}

function _Json_isInt(value)
{
	return typeof value === 'number' && isFinite(value) && Math.floor(value) === value;
}

// An Elm function of n arguments applied to n values (F2..F9 functions directly, others curried).
function _Json_apply(f, args)
{
	if (args.length > 1 && f.a === args.length)
	{
		return f.f.apply(null, args);
	}
	for (var i = 0; i < args.length; i++)
	{
		f = f(args[i]);
	}
	return f;
}

function _Json_runHelp(decoder, value)
{
	switch (decoder.$)
	{
		case 0:
			return $elm$core$Result$Ok(decoder.a);

		case 1:
			return $elm$core$Result$Err(A2($elm$json$Json$Decode$Failure, decoder.a, value));

		case 2:
			return value === null ? $elm$core$Result$Ok(decoder.a) : _Json_expecting('null', value);

		case 3:
			return _Json_isInt(value) ? $elm$core$Result$Ok(value) : _Json_expecting('an INT', value);

		case 5:
			return typeof value === 'number' ? $elm$core$Result$Ok(value) : _Json_expecting('a FLOAT', value);

		case 4:
			return typeof value === 'boolean' ? $elm$core$Result$Ok(value) : _Json_expecting('a BOOL', value);

		case 6:
			return typeof value === 'string' ? $elm$core$Result$Ok(value)
				: value instanceof String ? $elm$core$Result$Ok(value + '')
				: _Json_expecting('a STRING', value);

		case 7:
			return $elm$core$Result$Ok(value);

		case 8:
		case 9:
			if (!Array.isArray(value))
			{
				return _Json_expecting(decoder.$ === 8 ? 'a LIST' : 'an ARRAY', value);
			}
			var items = [];
			for (var i = 0; i < value.length; i++)
			{
				var item = _Json_runHelp(decoder.b, value[i]);
				if (!$elm$core$Result$isOk(item))
				{
					return $elm$core$Result$Err(A2($elm$json$Json$Decode$Index, i, item.a));
				}
				items.push(item.a);
			}
			return $elm$core$Result$Ok(decoder.$ === 8 ? _List_fromArray(items) : items);

		case 10:
			if (typeof value !== 'object' || value === null || Array.isArray(value))
			{
				return _Json_expecting('an OBJECT', value);
			}
			var pairs = [];
			for (var key in value)
			{
				if (Object.prototype.hasOwnProperty.call(value, key))
				{
					var entry = _Json_runHelp(decoder.b, value[key]);
					if (!$elm$core$Result$isOk(entry))
					{
						return $elm$core$Result$Err(A2($elm$json$Json$Decode$Field, key, entry.a));
					}
					pairs.push(_Utils_Tuple2(key, entry.a));
				}
			}
			return $elm$core$Result$Ok(_List_fromArray(pairs));

		case 11:
			var name = decoder.c;
			if (typeof value !== 'object' || value === null || !(name in value))
			{
				return _Json_expecting('an OBJECT with a field named `' + name + '`', value);
			}
			var inField = _Json_runHelp(decoder.b, value[name]);
			return $elm$core$Result$isOk(inField) ? inField : $elm$core$Result$Err(A2($elm$json$Json$Decode$Field, name, inField.a));

		case 12:
			var index = decoder.d;
			if (!Array.isArray(value))
			{
				return _Json_expecting('an ARRAY', value);
			}
			if (index >= value.length)
			{
				return _Json_expecting('a LONGER array. Need index ' + index + ' but only see '
					+ value.length + ' entries', value);
			}
			var atIndex = _Json_runHelp(decoder.b, value[index]);
			return $elm$core$Result$isOk(atIndex) ? atIndex : $elm$core$Result$Err(A2($elm$json$Json$Decode$Index, index, atIndex.a));

		case 15:
			var args = [];
			for (var i = 0; i < decoder.f.length; i++)
			{
				var arg = _Json_runHelp(decoder.f[i], value);
				if (!$elm$core$Result$isOk(arg))
				{
					return arg;
				}
				args.push(arg.a);
			}
			return $elm$core$Result$Ok(_Json_apply(decoder.g, args));

		case 13:
			var first = _Json_runHelp(decoder.b, value);
			return $elm$core$Result$isOk(first) ? _Json_runHelp(decoder.e(first.a), value) : first;

		case 14:
			var errors = [];
			for (var list = decoder.f; list.b; list = list.b)
			{
				var attempt = _Json_runHelp(list.a, value);
				if ($elm$core$Result$isOk(attempt))
				{
					return attempt;
				}
				errors.push(attempt.a);
			}
			return $elm$core$Result$Err($elm$json$Json$Decode$OneOf(_List_fromArray(errors)));
	}
}


// libpersist's stand-in for elm/core's Platform kernel: Platform.worker and the export of the
// program as Elm.<Module>.init. There are no effect managers: a command or a subscription is a
// description that nothing runs.


// A worker program: `init` decodes the flags and runs the app's init. Without effect managers
// there is nothing to run afterwards, so it answers an object without ports.
var _Platform_worker = F4(function(impl, flagDecoder, debugMetadata, args)
{
	var flags = A2(_Json_run, flagDecoder, _Json_wrap(args ? args['flags'] : undefined));
	if (!$elm$core$Result$isOk(flags))
	{
		_Debug_crash(2, 'they do not decode');
	}
	impl.j(flags.a);
	return {};
});


// COMMANDS AND SUBSCRIPTIONS

function _Platform_batch(list)
{
	return { $: 0, a: list };
}

var _Platform_map = F2(function(tagger, bag)
{
	return { $: 1, b: tagger, c: bag };
});


// EXPORT: the program becomes Elm.<Module>.init on the global object; a second program that
// exports the same module is refused.

function _Platform_export(exports)
{
	if (scope['Elm'])
	{
		_Platform_mergeExports('Elm', scope['Elm'], exports);
	}
	else
	{
		scope['Elm'] = exports;
	}
}

function _Platform_mergeExports(path, into, exports)
{
	for (var name in exports)
	{
		if (!(name in into))
		{
			into[name] = exports[name];
		}
		else if (name === 'init')
		{
			_Debug_crash(6, path);
		}
		else
		{
			_Platform_mergeExports(path + '.' + name, into[name], exports[name]);
		}
	}
}
var $elm$core$Basics$EQ = 1;
var $elm$core$Basics$LT = 0;
var $elm$core$Array$toList = _List_fromArray;
var $elm$core$List$cons = _List_cons;
var $elm$core$Dict$foldr = F3(
	function (f, acc, dict) {
		foldr:
		while (true) {
			if (dict.$ === -2) {
				return acc;
			} else {
				var key = dict.b;
				var value = dict.c;
				var left = dict.d;
				var right = dict.e;
				var $temp$f = f,
					$temp$acc = A3(
					f,
					key,
					value,
					A3($elm$core$Dict$foldr, f, acc, right)),
					$temp$dict = left;
				f = $temp$f;
				acc = $temp$acc;
				dict = $temp$dict;
				continue foldr;
			}
		}
	});
var $elm$core$Dict$toList = function (dict) {
	return A3(
		$elm$core$Dict$foldr,
		F3(
			function (key, value, acc) {
				return A2(
					$elm$core$List$cons,
					_Utils_Tuple2(key, value),
					acc);
			}),
		_List_Nil,
		dict);
};
var $elm$core$Dict$keys = function (dict) {
	return A3(
		$elm$core$Dict$foldr,
		F3(
			function (key, _v0, acc) {
				return A2($elm$core$List$cons, key, acc);
			}),
		_List_Nil,
		dict);
};
var $elm$core$Set$toList = function (_v0) {
	var dict = _v0;
	return $elm$core$Dict$keys(dict);
};
var $elm$core$Basics$GT = 2;
var $elm$core$Basics$append = _Utils_append;
var $elm$core$Result$Err = function (a) {
	return {$: 1, a: a};
};
var $elm$core$Result$Ok = function (a) {
	return {$: 0, a: a};
};
var $elm$core$Result$fromMaybe = F2(
	function (e, maybe) {
		if (!maybe.$) {
			var value = maybe.a;
			return $elm$core$Result$Ok(value);
		} else {
			return $elm$core$Result$Err(e);
		}
	});
var $elm$core$Maybe$Just = function (a) {
	return {$: 0, a: a};
};
var $elm$core$Maybe$Nothing = {$: 1};
var $elm$core$String$toInt = _String_toInt;
var $author$project$Backend$Main$interfaceToHost_deserializeState = function (text) {
	return A2(
		$elm$core$Result$fromMaybe,
		'not a number: ' + text,
		$elm$core$String$toInt(text));
};
var $author$project$Backend$Main$interfaceToHost_initState = 0;
var $elm$core$Basics$add = _Basics_add;
var $elm$core$Basics$and = _Basics_and;
var $elm$core$Array$append = _Array_append;
var $elm$core$Basics$le = _Utils_le;
var $elm$core$Basics$sub = _Basics_sub;
var $elm$core$List$drop = F2(
	function (n, list) {
		drop:
		while (true) {
			if (n <= 0) {
				return list;
			} else {
				if (!list.b) {
					return list;
				} else {
					var rest = list.b;
					var $temp$n = n - 1,
						$temp$list = rest;
					n = $temp$n;
					list = $temp$list;
					continue drop;
				}
			}
		}
	});
var $elm$core$Basics$eq = _Utils_equal;
var $author$project$Backend$Main$expect = F2(
	function (what, ok) {
		return ok ? $elm$core$Maybe$Nothing : $elm$core$Maybe$Just(what);
	});
var $elm$core$Array$filter = _Array_filter;
var $elm$core$List$foldl = F3(
	function (f, acc, list) {
		foldl:
		while (true) {
			if (!list.b) {
				return acc;
			} else {
				var x = list.a;
				var rest = list.b;
				var $temp$f = f,
					$temp$acc = A2(f, x, acc),
					$temp$list = rest;
				f = $temp$f;
				acc = $temp$acc;
				list = $temp$list;
				continue foldl;
			}
		}
	});
var $elm$core$List$reverse = function (list) {
	return A3($elm$core$List$foldl, $elm$core$List$cons, _List_Nil, list);
};
var $elm$core$List$filter = F2(
	function (keep, xs) {
		return $elm$core$List$reverse(
			A3(
				$elm$core$List$foldl,
				F2(
					function (x, acc) {
						return keep(x) ? A2($elm$core$List$cons, x, acc) : acc;
					}),
				_List_Nil,
				xs));
	});
var $elm$core$List$filterMap = F2(
	function (f, xs) {
		return $elm$core$List$reverse(
			A3(
				$elm$core$List$foldl,
				F2(
					function (x, acc) {
						var _v0 = f(x);
						if (!_v0.$) {
							var y = _v0.a;
							return A2($elm$core$List$cons, y, acc);
						} else {
							return acc;
						}
					}),
				_List_Nil,
				xs));
	});
var $elm$core$List$head = function (list) {
	if (list.b) {
		var x = list.a;
		return $elm$core$Maybe$Just(x);
	} else {
		return $elm$core$Maybe$Nothing;
	}
};
var $elm$core$Basics$identity = function (x) {
	return x;
};
var $author$project$Backend$Main$firstFailure = function (results) {
	return $elm$core$List$head(
		A2($elm$core$List$filterMap, $elm$core$Basics$identity, results));
};
var $elm$core$Array$foldl = _Array_foldl;
var $elm$core$Array$foldr = _Array_foldr;
var $elm$core$Array$fromList = _List_toArray;
var $elm$core$Array$get = _Array_get;
var $elm$core$Basics$gt = _Utils_gt;
var $elm$core$Array$initialize = _Array_initialize;
var $elm$core$Array$length = _Array_length;
var $elm$core$Array$map = _Array_map;
var $elm$core$List$map = F2(
	function (f, xs) {
		return $elm$core$List$reverse(
			A3(
				$elm$core$List$foldl,
				F2(
					function (x, acc) {
						return A2(
							$elm$core$List$cons,
							f(x),
							acc);
					}),
				_List_Nil,
				xs));
	});
var $elm$core$Basics$negate = function (n) {
	return -n;
};
var $elm$core$Array$push = _Array_push;
var $elm$core$Basics$modBy = _Basics_modBy;
var $elm$core$Basics$mul = _Basics_mul;
var $author$project$Backend$Main$next = function (seed) {
	return A2($elm$core$Basics$modBy, 2147483647, seed * 48271);
};
var $elm$core$List$rangeHelp = F3(
	function (lo, hi, acc) {
		rangeHelp:
		while (true) {
			if (_Utils_cmp(lo, hi) < 1) {
				var $temp$lo = lo,
					$temp$hi = hi - 1,
					$temp$acc = A2($elm$core$List$cons, hi, acc);
				lo = $temp$lo;
				hi = $temp$hi;
				acc = $temp$acc;
				continue rangeHelp;
			} else {
				return acc;
			}
		}
	});
var $elm$core$List$range = F2(
	function (lo, hi) {
		return A3($elm$core$List$rangeHelp, lo, hi, _List_Nil);
	});
var $author$project$Backend$Main$randoms = F3(
	function (n, bound, seed) {
		return A3(
			$elm$core$List$foldl,
			F2(
				function (_v0, _v1) {
					var acc = _v1.a;
					var s = _v1.b;
					var s2 = $author$project$Backend$Main$next(s);
					return _Utils_Tuple2(
						A2(
							$elm$core$List$cons,
							A2($elm$core$Basics$modBy, bound, s2),
							acc),
						s2);
				}),
			_Utils_Tuple2(_List_Nil, seed),
			A2($elm$core$List$range, 1, n));
	});
var $elm$core$Array$set = _Array_set;
var $elm$core$Array$slice = _Array_slice;
var $elm$core$List$takeHelp = F3(
	function (n, list, acc) {
		takeHelp:
		while (true) {
			if (n <= 0) {
				return acc;
			} else {
				if (!list.b) {
					return acc;
				} else {
					var x = list.a;
					var rest = list.b;
					var $temp$n = n - 1,
						$temp$list = rest,
						$temp$acc = A2($elm$core$List$cons, x, acc);
					n = $temp$n;
					list = $temp$list;
					acc = $temp$acc;
					continue takeHelp;
				}
			}
		}
	});
var $elm$core$List$take = F2(
	function (n, list) {
		return $elm$core$List$reverse(
			A3($elm$core$List$takeHelp, n, list, _List_Nil));
	});
var $elm$core$List$length = function (xs) {
	return A3(
		$elm$core$List$foldl,
		F2(
			function (_v0, n) {
				return n + 1;
			}),
		0,
		xs);
};
var $elm$core$List$map2 = _List_map2;
var $elm$core$List$indexedMap = F2(
	function (f, xs) {
		return A3(
			$elm$core$List$map2,
			f,
			A2(
				$elm$core$List$range,
				0,
				$elm$core$List$length(xs) - 1),
			xs);
	});
var $elm$core$Tuple$pair = F2(
	function (a, b) {
		return _Utils_Tuple2(a, b);
	});
var $elm$core$Array$toIndexedList = function (array) {
	return A2(
		$elm$core$List$indexedMap,
		$elm$core$Tuple$pair,
		$elm$core$Array$toList(array));
};
var $author$project$Backend$Main$arrays = function (seed) {
	var _v0 = A3($author$project$Backend$Main$randoms, 50, 100, seed);
	var numbers = _v0.a;
	var a = $elm$core$Array$fromList(numbers);
	return $author$project$Backend$Main$firstFailure(
		_List_fromArray(
			[
				A2(
				$author$project$Backend$Main$expect,
				'Array.fromList and toList',
				_Utils_eq(
					$elm$core$Array$toList(a),
					numbers) && ($elm$core$Array$length(a) === 50)),
				A2(
				$author$project$Backend$Main$expect,
				'Array.get',
				_Utils_eq(
					A2($elm$core$Array$get, 3, a),
					$elm$core$List$head(
						A2($elm$core$List$drop, 3, numbers))) && (_Utils_eq(
					A2($elm$core$Array$get, 50, a),
					$elm$core$Maybe$Nothing) && _Utils_eq(
					A2($elm$core$Array$get, -1, a),
					$elm$core$Maybe$Nothing))),
				A2(
				$author$project$Backend$Main$expect,
				'Array.set leaves the original',
				_Utils_eq(
					A2(
						$elm$core$Array$get,
						0,
						A3($elm$core$Array$set, 0, -1, a)),
					$elm$core$Maybe$Just(-1)) && (_Utils_eq(
					$elm$core$Array$toList(a),
					numbers) && _Utils_eq(
					A3($elm$core$Array$set, 99, 0, a),
					a))),
				A2(
				$author$project$Backend$Main$expect,
				'Array.push and append',
				_Utils_eq(
					$elm$core$Array$toList(
						A2($elm$core$Array$push, 7, a)),
					_Utils_ap(
						numbers,
						_List_fromArray(
							[7]))) && _Utils_eq(
					$elm$core$Array$toList(
						A2($elm$core$Array$append, a, a)),
					_Utils_ap(numbers, numbers))),
				A2(
				$author$project$Backend$Main$expect,
				'Array.slice',
				_Utils_eq(
					$elm$core$Array$toList(
						A3($elm$core$Array$slice, 2, 5, a)),
					A2(
						$elm$core$List$take,
						3,
						A2($elm$core$List$drop, 2, numbers))) && _Utils_eq(
					$elm$core$Array$toList(
						A3($elm$core$Array$slice, -2, 50, a)),
					A2($elm$core$List$drop, 48, numbers))),
				A2(
				$author$project$Backend$Main$expect,
				'Array.map, foldl, foldr, filter, indexedMap',
				_Utils_eq(
					$elm$core$Array$toList(
						A2($elm$core$Array$map, $elm$core$Basics$negate, a)),
					A2($elm$core$List$map, $elm$core$Basics$negate, numbers)) && (_Utils_eq(
					A3($elm$core$Array$foldl, $elm$core$List$cons, _List_Nil, a),
					$elm$core$List$reverse(numbers)) && (_Utils_eq(
					A3($elm$core$Array$foldr, $elm$core$List$cons, _List_Nil, a),
					numbers) && (_Utils_eq(
					$elm$core$Array$toList(
						A2(
							$elm$core$Array$filter,
							function (x) {
								return x > 50;
							},
							a)),
					A2(
						$elm$core$List$filter,
						function (x) {
							return x > 50;
						},
						numbers)) && _Utils_eq(
					$elm$core$Array$toIndexedList(
						A2($elm$core$Array$initialize, 3, $elm$core$Basics$identity)),
					_List_fromArray(
						[
							_Utils_Tuple2(0, 0),
							_Utils_Tuple2(1, 1),
							_Utils_Tuple2(2, 2)
						]))))))
			]));
};
var $elm$core$Basics$ceiling = _Basics_ceiling;
var $elm$core$Basics$floor = _Basics_floor;
var $elm$core$Basics$ge = _Utils_ge;
var $elm$core$Basics$idiv = _Basics_idiv;
var $elm$core$List$foldr = F3(
	function (f, acc, list) {
		return A3(
			$elm$core$List$foldl,
			f,
			acc,
			$elm$core$List$reverse(list));
	});
var $elm$core$List$intersperse = F2(
	function (sep, xs) {
		if (!xs.b) {
			return _List_Nil;
		} else {
			var x = xs.a;
			var rest = xs.b;
			return A2(
				$elm$core$List$cons,
				x,
				A3(
					$elm$core$List$foldr,
					F2(
						function (y, acc) {
							return A2(
								$elm$core$List$cons,
								sep,
								A2($elm$core$List$cons, y, acc));
						}),
					_List_Nil,
					rest));
		}
	});
var $elm$core$List$map3 = _List_map3;
var $elm$core$Basics$max = F2(
	function (x, y) {
		return (_Utils_cmp(x, y) > 0) ? x : y;
	});
var $elm$core$List$maximum = function (list) {
	if (list.b) {
		var x = list.a;
		var rest = list.b;
		return $elm$core$Maybe$Just(
			A3($elm$core$List$foldl, $elm$core$Basics$max, x, rest));
	} else {
		return $elm$core$Maybe$Nothing;
	}
};
var $elm$core$List$partition = F2(
	function (pred, list) {
		var step = F2(
			function (x, _v0) {
				var yes = _v0.a;
				var no = _v0.b;
				return pred(x) ? _Utils_Tuple2(
					A2($elm$core$List$cons, x, yes),
					no) : _Utils_Tuple2(
					yes,
					A2($elm$core$List$cons, x, no));
			});
		return A3(
			$elm$core$List$foldr,
			step,
			_Utils_Tuple2(_List_Nil, _List_Nil),
			list);
	});
var $elm$core$Basics$remainderBy = _Basics_remainderBy;
var $elm$core$Basics$round = _Basics_round;
var $elm$core$Basics$truncate = _Basics_truncate;
var $elm$core$List$unzip = function (pairs) {
	return A3(
		$elm$core$List$foldr,
		F2(
			function (_v0, _v1) {
				var a = _v0.a;
				var b = _v0.b;
				var xs = _v1.a;
				var ys = _v1.b;
				return _Utils_Tuple2(
					A2($elm$core$List$cons, a, xs),
					A2($elm$core$List$cons, b, ys));
			}),
		_Utils_Tuple2(_List_Nil, _List_Nil),
		pairs);
};
var $author$project$Backend$Main$basics = function (seed) {
	var x = A2($elm$core$Basics$modBy, 1000, seed) - 500;
	return $author$project$Backend$Main$firstFailure(
		_List_fromArray(
			[
				A2(
				$author$project$Backend$Main$expect,
				'modBy takes the modulus\' sign',
				(A2($elm$core$Basics$modBy, 4, -5) === 3) && ((A2($elm$core$Basics$modBy, 4, 5) === 1) && (_Utils_eq(
					A2($elm$core$Basics$modBy, -4, 5),
					-3) && (A2($elm$core$Basics$modBy, 3, x) >= 0)))),
				A2(
				$author$project$Backend$Main$expect,
				'remainderBy takes the dividend\'s sign',
				_Utils_eq((-5) % 4, -1) && ((5 % 4) === 1)),
				A2(
				$author$project$Backend$Main$expect,
				'(//) truncates',
				_Utils_eq(((-7) / 2) | 0, -3) && ((((7 / 2) | 0) === 3) && _Utils_eq((x / 1) | 0, x))),
				A2(
				$author$project$Backend$Main$expect,
				'round, floor, ceiling, truncate',
				($elm$core$Basics$round(2.5) === 3) && (_Utils_eq(
					$elm$core$Basics$floor(-2.5),
					-3) && (_Utils_eq(
					$elm$core$Basics$ceiling(-2.5),
					-2) && _Utils_eq((-2.5) | 0, -2)))),
				A2(
				$author$project$Backend$Main$expect,
				'operators as functions',
				(A3(
					$elm$core$List$foldl,
					$elm$core$Basics$add,
					0,
					_List_fromArray(
						[1, 2, 3])) === 6) && (_Utils_eq(
					A3(
						$elm$core$List$map2,
						$elm$core$Basics$mul,
						_List_fromArray(
							[2, 3]),
						_List_fromArray(
							[4, 5])),
					_List_fromArray(
						[8, 15])) && (A3(
					$elm$core$List$foldl,
					$elm$core$Basics$append,
					'',
					_List_fromArray(
						['a', 'b'])) === 'ba'))),
				A2(
				$author$project$Backend$Main$expect,
				'List functions',
				_Utils_eq(
					A2($elm$core$List$range, 1, 4),
					_List_fromArray(
						[1, 2, 3, 4])) && (_Utils_eq(
					A2(
						$elm$core$List$take,
						2,
						_List_fromArray(
							[1, 2, 3])),
					_List_fromArray(
						[1, 2])) && (_Utils_eq(
					A2(
						$elm$core$List$drop,
						2,
						_List_fromArray(
							[1, 2, 3])),
					_List_fromArray(
						[3])) && (_Utils_eq(
					$elm$core$List$maximum(
						_List_fromArray(
							[3, 9, 2])),
					$elm$core$Maybe$Just(9)) && (_Utils_eq(
					A2(
						$elm$core$List$intersperse,
						0,
						_List_fromArray(
							[1, 2])),
					_List_fromArray(
						[1, 0, 2])) && (_Utils_eq(
					A2(
						$elm$core$List$partition,
						function (n) {
							return n > 1;
						},
						_List_fromArray(
							[1, 2, 3])),
					_Utils_Tuple2(
						_List_fromArray(
							[2, 3]),
						_List_fromArray(
							[1]))) && _Utils_eq(
					$elm$core$List$unzip(
						_List_fromArray(
							[
								_Utils_Tuple2(1, 'a')
							])),
					_Utils_Tuple2(
						_List_fromArray(
							[1]),
						_List_fromArray(
							['a']))))))))),
				A2(
				$author$project$Backend$Main$expect,
				'List.map3 stops at the shortest',
				_Utils_eq(
					A4(
						$elm$core$List$map3,
						F3(
							function (a, b, c) {
								return (a + b) + c;
							}),
						_List_fromArray(
							[1, 2]),
						_List_fromArray(
							[10, 20, 30]),
						_List_fromArray(
							[100, 200])),
					_List_fromArray(
						[111, 222])))
			]));
};
var $elm$core$Basics$False = 1;
var $elm$core$Basics$True = 0;
var $elm$core$List$all = F2(
	function (ok, list) {
		all:
		while (true) {
			if (!list.b) {
				return true;
			} else {
				var x = list.a;
				var rest = list.b;
				if (ok(x)) {
					var $temp$ok = ok,
						$temp$list = rest;
					ok = $temp$ok;
					list = $temp$list;
					continue all;
				} else {
					return false;
				}
			}
		}
	});
var $elm$core$Basics$apR = F2(
	function (x, f) {
		return f(x);
	});
var $author$project$Backend$Main$chunks = function (numbers) {
	if (!numbers.b) {
		return _List_Nil;
	} else {
		var n = numbers.a;
		var rest = numbers.b;
		return A2(
			$elm$core$List$cons,
			A2($elm$core$List$take, n, rest),
			$author$project$Backend$Main$chunks(
				A2($elm$core$List$drop, n, rest)));
	}
};
var $elm$core$Basics$compare = _Utils_compare;
var $elm$core$Char$fromCode = _Char_fromCode;
var $elm$core$String$fromList = _String_fromList;
var $elm$core$Basics$lt = _Utils_lt;
var $elm$core$Basics$min = F2(
	function (x, y) {
		return (_Utils_cmp(x, y) < 0) ? x : y;
	});
var $author$project$Backend$Main$refCompareList = F2(
	function (xs, ys) {
		refCompareList:
		while (true) {
			var _v0 = _Utils_Tuple2(xs, ys);
			if (!_v0.a.b) {
				if (!_v0.b.b) {
					return 1;
				} else {
					return 0;
				}
			} else {
				if (!_v0.b.b) {
					return 2;
				} else {
					var _v1 = _v0.a;
					var x = _v1.a;
					var xr = _v1.b;
					var _v2 = _v0.b;
					var y = _v2.a;
					var yr = _v2.b;
					if (_Utils_cmp(x, y) < 0) {
						return 0;
					} else {
						if (_Utils_cmp(x, y) > 0) {
							return 2;
						} else {
							var $temp$xs = xr,
								$temp$ys = yr;
							xs = $temp$xs;
							ys = $temp$ys;
							continue refCompareList;
						}
					}
				}
			}
		}
	});
var $elm$core$Char$toCode = _Char_toCode;
var $elm$core$String$foldr = _String_foldr;
var $elm$core$String$toList = function (string) {
	return A3($elm$core$String$foldr, $elm$core$List$cons, _List_Nil, string);
};
var $author$project$Backend$Main$refCompareString = F2(
	function (a, b) {
		return A2(
			$author$project$Backend$Main$refCompareList,
			A2(
				$elm$core$List$map,
				$elm$core$Char$toCode,
				$elm$core$String$toList(a)),
			A2(
				$elm$core$List$map,
				$elm$core$Char$toCode,
				$elm$core$String$toList(b)));
	});
var $author$project$Backend$Main$compareModel = function (seed) {
	var pairsOf = function (xs) {
		return A3(
			$elm$core$List$map2,
			$elm$core$Tuple$pair,
			xs,
			A2($elm$core$List$drop, 1, xs));
	};
	var _v0 = A3($author$project$Backend$Main$randoms, 400, 5, seed);
	var numbers = _v0.a;
	var charOk = A2(
		$elm$core$List$all,
		function (_v9) {
			var a = _v9.a;
			var b = _v9.b;
			return _Utils_eq(
				A2(
					$elm$core$Basics$compare,
					$elm$core$Char$fromCode(a),
					$elm$core$Char$fromCode(b)),
				A2($elm$core$Basics$compare, a, b));
		},
		pairsOf(
			A2(
				$elm$core$List$map,
				function (n) {
					return 60 + (n * 13);
				},
				numbers)));
	var lists = $author$project$Backend$Main$chunks(numbers);
	var listOk = A2(
		$elm$core$List$all,
		function (_v8) {
			var a = _v8.a;
			var b = _v8.b;
			return _Utils_eq(
				A2($elm$core$Basics$compare, a, b),
				A2($author$project$Backend$Main$refCompareList, a, b));
		},
		pairsOf(lists));
	var strings = A2(
		$elm$core$List$map,
		function (l) {
			return $elm$core$String$fromList(
				A2(
					$elm$core$List$map,
					function (n) {
						return $elm$core$Char$fromCode(97 + n);
					},
					l));
		},
		lists);
	var stringOk = A2(
		$elm$core$List$all,
		function (_v7) {
			var a = _v7.a;
			var b = _v7.b;
			return _Utils_eq(
				A2($elm$core$Basics$compare, a, b),
				A2($author$project$Backend$Main$refCompareString, a, b)) && _Utils_eq(
				_Utils_cmp(a, b) < 0,
				!A2($author$project$Backend$Main$refCompareString, a, b));
		},
		pairsOf(strings));
	var tripleOk = A2(
		$elm$core$List$all,
		function (_v6) {
			var a = _v6.a;
			var b = _v6.b;
			return _Utils_eq(
				A2(
					$elm$core$Basics$compare,
					_Utils_Tuple3(1, a, 'x'),
					_Utils_Tuple3(1, b, 'x')),
				A2($author$project$Backend$Main$refCompareString, a, b));
		},
		pairsOf(strings));
	var tupleOk = A2(
		$elm$core$List$all,
		function (_v1) {
			var _v2 = _v1.a;
			var a = _v2.a;
			var b = _v2.b;
			var _v3 = _v1.b;
			var c = _v3.a;
			var d = _v3.b;
			return function (_v5) {
				return _Utils_eq(
					A2(
						$elm$core$Basics$compare,
						_Utils_Tuple2(b, a),
						_Utils_Tuple2(d, c)),
					_Utils_eq(b, d) ? A2($elm$core$Basics$compare, a, c) : A2($author$project$Backend$Main$refCompareString, b, d));
			}(
				_Utils_eq(
					A2(
						$elm$core$Basics$compare,
						_Utils_Tuple2(a, b),
						_Utils_Tuple2(c, d)),
					function () {
						var _v4 = A2($author$project$Backend$Main$refCompareString, b, d);
						if (_v4 === 1) {
							return A2($elm$core$Basics$compare, a, c);
						} else {
							var o = _v4;
							return o;
						}
					}()));
		},
		pairsOf(
			A3($elm$core$List$map2, $elm$core$Tuple$pair, numbers, strings)));
	return $author$project$Backend$Main$firstFailure(
		_List_fromArray(
			[
				A2($author$project$Backend$Main$expect, 'compare on lists of Int', listOk),
				A2($author$project$Backend$Main$expect, 'compare and (<) on String', stringOk),
				A2($author$project$Backend$Main$expect, 'compare on tuples', tupleOk),
				A2($author$project$Backend$Main$expect, 'compare on triples', tripleOk),
				A2($author$project$Backend$Main$expect, 'compare on Char', charOk),
				A2(
				$author$project$Backend$Main$expect,
				'compare numbers',
				(!A2($elm$core$Basics$compare, 2, 10)) && ((A2($elm$core$Basics$compare, -1.5, -1.5) === 1) && ((A2($elm$core$Basics$max, 3, 7) === 7) && (A2($elm$core$Basics$min, 'b', 'a') === 'a')))),
				A2(
				$author$project$Backend$Main$expect,
				'a proper prefix comes first',
				(!A2(
					$elm$core$Basics$compare,
					_List_fromArray(
						[1, 2]),
					_List_fromArray(
						[1, 2, 0]))) && (A2($elm$core$Basics$compare, 'ab', 'a') === 2))
			]));
};
var $elm$core$Tuple$first = function (_v0) {
	var a = _v0.a;
	return a;
};
var $elm$core$String$fromInt = _String_fromNumber;
var $elm$core$Dict$RBEmpty_elm_builtin = {$: -2};
var $elm$core$Dict$empty = $elm$core$Dict$RBEmpty_elm_builtin;
var $elm$core$Dict$RBNode_elm_builtin = F5(
	function (a, b, c, d, e) {
		return {$: -1, a: a, b: b, c: c, d: d, e: e};
	});
var $elm$core$Dict$height = function (dict) {
	if (dict.$ === -1) {
		var h = dict.a;
		return h;
	} else {
		return 0;
	}
};
var $elm$core$Dict$node = F4(
	function (key, value, left, right) {
		return A5(
			$elm$core$Dict$RBNode_elm_builtin,
			1 + A2(
				$elm$core$Basics$max,
				$elm$core$Dict$height(left),
				$elm$core$Dict$height(right)),
			key,
			value,
			left,
			right);
	});
var $elm$core$Dict$balance = F4(
	function (key, value, left, right) {
		var hr = $elm$core$Dict$height(right);
		var hl = $elm$core$Dict$height(left);
		if (_Utils_cmp(hl, hr + 1) > 0) {
			if (left.$ === -1) {
				var lk = left.b;
				var lv = left.c;
				var ll = left.d;
				var lr = left.e;
				if (_Utils_cmp(
					$elm$core$Dict$height(ll),
					$elm$core$Dict$height(lr)) > -1) {
					return A4(
						$elm$core$Dict$node,
						lk,
						lv,
						ll,
						A4($elm$core$Dict$node, key, value, lr, right));
				} else {
					if (lr.$ === -1) {
						var mk = lr.b;
						var mv = lr.c;
						var ml = lr.d;
						var mr = lr.e;
						return A4(
							$elm$core$Dict$node,
							mk,
							mv,
							A4($elm$core$Dict$node, lk, lv, ll, ml),
							A4($elm$core$Dict$node, key, value, mr, right));
					} else {
						return A4($elm$core$Dict$node, key, value, left, right);
					}
				}
			} else {
				return A4($elm$core$Dict$node, key, value, left, right);
			}
		} else {
			if (_Utils_cmp(hr, hl + 1) > 0) {
				if (right.$ === -1) {
					var rk = right.b;
					var rv = right.c;
					var rl = right.d;
					var rr = right.e;
					if (_Utils_cmp(
						$elm$core$Dict$height(rr),
						$elm$core$Dict$height(rl)) > -1) {
						return A4(
							$elm$core$Dict$node,
							rk,
							rv,
							A4($elm$core$Dict$node, key, value, left, rl),
							rr);
					} else {
						if (rl.$ === -1) {
							var mk = rl.b;
							var mv = rl.c;
							var ml = rl.d;
							var mr = rl.e;
							return A4(
								$elm$core$Dict$node,
								mk,
								mv,
								A4($elm$core$Dict$node, key, value, left, ml),
								A4($elm$core$Dict$node, rk, rv, mr, rr));
						} else {
							return A4($elm$core$Dict$node, key, value, left, right);
						}
					}
				} else {
					return A4($elm$core$Dict$node, key, value, left, right);
				}
			} else {
				return A4($elm$core$Dict$node, key, value, left, right);
			}
		}
	});
var $elm$core$Dict$insert = F3(
	function (key, value, dict) {
		if (dict.$ === -2) {
			return A5($elm$core$Dict$RBNode_elm_builtin, 1, key, value, $elm$core$Dict$RBEmpty_elm_builtin, $elm$core$Dict$RBEmpty_elm_builtin);
		} else {
			var h = dict.a;
			var k = dict.b;
			var v = dict.c;
			var left = dict.d;
			var right = dict.e;
			var _v1 = A2($elm$core$Basics$compare, key, k);
			switch (_v1) {
				case 0:
					return A4(
						$elm$core$Dict$balance,
						k,
						v,
						A3($elm$core$Dict$insert, key, value, left),
						right);
				case 2:
					return A4(
						$elm$core$Dict$balance,
						k,
						v,
						left,
						A3($elm$core$Dict$insert, key, value, right));
				default:
					return A5($elm$core$Dict$RBNode_elm_builtin, h, key, value, left, right);
			}
		}
	});
var $elm$core$Dict$fromList = function (pairs) {
	return A3(
		$elm$core$List$foldl,
		F2(
			function (_v0, dict) {
				var key = _v0.a;
				var value = _v0.b;
				return A3($elm$core$Dict$insert, key, value, dict);
			}),
		$elm$core$Dict$empty,
		pairs);
};
var $elm$core$Set$Set_elm_builtin = $elm$core$Basics$identity;
var $elm$core$Set$empty = $elm$core$Dict$empty;
var $elm$core$Set$insert = F2(
	function (key, _v0) {
		var dict = _v0;
		return A3($elm$core$Dict$insert, key, 0, dict);
	});
var $elm$core$Set$fromList = function (keys) {
	return A3($elm$core$List$foldl, $elm$core$Set$insert, $elm$core$Set$empty, keys);
};
var $elm$core$Basics$neq = _Utils_notEqual;
var $elm$core$List$sortBy = _List_sortBy;
var $author$project$Backend$Main$dictEquality = function (seed) {
	var _v0 = A3($author$project$Backend$Main$randoms, 100, 1000, seed);
	var keys = _v0.a;
	var pairs = A2(
		$elm$core$List$map,
		function (k) {
			return _Utils_Tuple2(
				k,
				$elm$core$String$fromInt(k));
		},
		keys);
	var ascending = $elm$core$Dict$fromList(
		A2($elm$core$List$sortBy, $elm$core$Tuple$first, pairs));
	var descending = $elm$core$Dict$fromList(
		$elm$core$List$reverse(
			A2($elm$core$List$sortBy, $elm$core$Tuple$first, pairs)));
	var shuffled = $elm$core$Dict$fromList(pairs);
	var changed = function () {
		var _v1 = $elm$core$List$head(keys);
		if (!_v1.$) {
			var k = _v1.a;
			return A3($elm$core$Dict$insert, k, 'changed', shuffled);
		} else {
			return A3($elm$core$Dict$insert, 0, 'x', shuffled);
		}
	}();
	return $author$project$Backend$Main$firstFailure(
		_List_fromArray(
			[
				A2(
				$author$project$Backend$Main$expect,
				'dictionaries with equal contents are equal whatever their history',
				_Utils_eq(ascending, descending) && _Utils_eq(descending, shuffled)),
				A2(
				$author$project$Backend$Main$expect,
				'a dictionary with another value differs',
				!_Utils_eq(changed, ascending)),
				A2(
				$author$project$Backend$Main$expect,
				'sets with equal contents are equal',
				_Utils_eq(
					$elm$core$Set$fromList(keys),
					$elm$core$Set$fromList(
						$elm$core$List$reverse(keys)))),
				A2(
				$author$project$Backend$Main$expect,
				'a set with one more element differs',
				!_Utils_eq(
					A2(
						$elm$core$Set$insert,
						-5,
						$elm$core$Set$fromList(keys)),
					$elm$core$Set$fromList(keys))),
				A2(
				$author$project$Backend$Main$expect,
				'dictionaries inside records and lists',
				_Utils_eq(
					{
						h: _List_fromArray(
							[ascending])
					},
					{
						h: _List_fromArray(
							[shuffled])
					}))
			]));
};
var $author$project$Backend$Main$Insert = F2(
	function (a, b) {
		return {$: 0, a: a, b: b};
	});
var $author$project$Backend$Main$Remove = function (a) {
	return {$: 1, a: a};
};
var $elm$core$Dict$get = F2(
	function (target, dict) {
		get:
		while (true) {
			if (dict.$ === -2) {
				return $elm$core$Maybe$Nothing;
			} else {
				var key = dict.b;
				var value = dict.c;
				var left = dict.d;
				var right = dict.e;
				var _v1 = A2($elm$core$Basics$compare, target, key);
				switch (_v1) {
					case 0:
						var $temp$target = target,
							$temp$dict = left;
						target = $temp$target;
						dict = $temp$dict;
						continue get;
					case 2:
						var $temp$target = target,
							$temp$dict = right;
						target = $temp$target;
						dict = $temp$dict;
						continue get;
					default:
						return $elm$core$Maybe$Just(value);
				}
			}
		}
	});
var $elm$core$Dict$member = F2(
	function (key, dict) {
		var _v0 = A2($elm$core$Dict$get, key, dict);
		if (!_v0.$) {
			return true;
		} else {
			return false;
		}
	});
var $elm$core$Dict$popMin = function (dict) {
	if (dict.$ === -2) {
		return $elm$core$Maybe$Nothing;
	} else {
		var k = dict.b;
		var v = dict.c;
		var left = dict.d;
		var right = dict.e;
		var _v1 = $elm$core$Dict$popMin(left);
		if (_v1.$ === 1) {
			return $elm$core$Maybe$Just(
				_Utils_Tuple2(
					_Utils_Tuple2(k, v),
					right));
		} else {
			var _v2 = _v1.a;
			var least = _v2.a;
			var rest = _v2.b;
			return $elm$core$Maybe$Just(
				_Utils_Tuple2(
					least,
					A4($elm$core$Dict$balance, k, v, rest, right)));
		}
	}
};
var $elm$core$Dict$removeHelp = F2(
	function (key, dict) {
		if (dict.$ === -2) {
			return dict;
		} else {
			var k = dict.b;
			var v = dict.c;
			var left = dict.d;
			var right = dict.e;
			var _v1 = A2($elm$core$Basics$compare, key, k);
			switch (_v1) {
				case 0:
					return A4(
						$elm$core$Dict$balance,
						k,
						v,
						A2($elm$core$Dict$removeHelp, key, left),
						right);
				case 2:
					return A4(
						$elm$core$Dict$balance,
						k,
						v,
						left,
						A2($elm$core$Dict$removeHelp, key, right));
				default:
					var _v2 = $elm$core$Dict$popMin(right);
					if (!_v2.$) {
						var _v3 = _v2.a;
						var _v4 = _v3.a;
						var mk = _v4.a;
						var mv = _v4.b;
						var rest = _v3.b;
						return A4($elm$core$Dict$balance, mk, mv, left, rest);
					} else {
						return left;
					}
			}
		}
	});
var $elm$core$Dict$remove = F2(
	function (key, dict) {
		return A2($elm$core$Dict$member, key, dict) ? A2($elm$core$Dict$removeHelp, key, dict) : dict;
	});
var $elm$core$Dict$foldl = F3(
	function (f, acc, dict) {
		foldl:
		while (true) {
			if (dict.$ === -2) {
				return acc;
			} else {
				var key = dict.b;
				var value = dict.c;
				var left = dict.d;
				var right = dict.e;
				var $temp$f = f,
					$temp$acc = A3(
					f,
					key,
					value,
					A3($elm$core$Dict$foldl, f, acc, left)),
					$temp$dict = right;
				f = $temp$f;
				acc = $temp$acc;
				dict = $temp$dict;
				continue foldl;
			}
		}
	});
var $elm$core$Dict$size = function (dict) {
	return A3(
		$elm$core$Dict$foldl,
		F3(
			function (_v0, _v1, n) {
				return n + 1;
			}),
		0,
		dict);
};
var $author$project$Backend$Main$balanced = function (seed) {
	if (A2($elm$core$Basics$modBy, 4, seed) !== 1) {
		return true;
	} else {
		var n = 12000 + A2($elm$core$Basics$modBy, 100, seed);
		var big = A3(
			$elm$core$List$foldl,
			F2(
				function (k, d) {
					return A3($elm$core$Dict$insert, k, k, d);
				}),
			$elm$core$Dict$empty,
			A2($elm$core$List$range, 1, n));
		var smaller = A3(
			$elm$core$List$foldl,
			$elm$core$Dict$remove,
			big,
			A2($elm$core$List$range, 1, 100));
		return _Utils_eq(
			A2($elm$core$Dict$get, n, big),
			$elm$core$Maybe$Just(n)) && (_Utils_eq(
			$elm$core$Dict$size(big),
			n) && (_Utils_eq(
			A2($elm$core$Dict$get, 100, smaller),
			$elm$core$Maybe$Nothing) && _Utils_eq(
			A2($elm$core$Dict$get, 101, smaller),
			$elm$core$Maybe$Just(101))));
	}
};
var $elm$core$Dict$diff = F2(
	function (dict, other) {
		return A3(
			$elm$core$Dict$foldl,
			F3(
				function (key, _v0, acc) {
					return A2($elm$core$Dict$remove, key, acc);
				}),
			dict,
			other);
	});
var $elm$core$Dict$filter = F2(
	function (keep, dict) {
		return A3(
			$elm$core$Dict$foldl,
			F3(
				function (key, value, acc) {
					return A2(keep, key, value) ? A3($elm$core$Dict$insert, key, value, acc) : acc;
				}),
			$elm$core$Dict$empty,
			dict);
	});
var $elm$core$Dict$intersect = F2(
	function (dict, other) {
		return A2(
			$elm$core$Dict$filter,
			F2(
				function (key, _v0) {
					return A2($elm$core$Dict$member, key, other);
				}),
			dict);
	});
var $author$project$Backend$Main$lookup = F2(
	function (k, model) {
		return $elm$core$List$head(
			A2(
				$elm$core$List$filterMap,
				function (_v0) {
					var k2 = _v0.a;
					var v = _v0.b;
					return _Utils_eq(k2, k) ? $elm$core$Maybe$Just(v) : $elm$core$Maybe$Nothing;
				},
				model));
	});
var $elm$core$Dict$map = F2(
	function (f, dict) {
		if (dict.$ === -2) {
			return $elm$core$Dict$RBEmpty_elm_builtin;
		} else {
			var h = dict.a;
			var key = dict.b;
			var value = dict.c;
			var left = dict.d;
			var right = dict.e;
			return A5(
				$elm$core$Dict$RBNode_elm_builtin,
				h,
				key,
				A2(f, key, value),
				A2($elm$core$Dict$map, f, left),
				A2($elm$core$Dict$map, f, right));
		}
	});
var $elm$core$Dict$mergeHelp = F6(
	function (onlyLeft, both, onlyRight, lefts, rights, acc) {
		mergeHelp:
		while (true) {
			if (!lefts.b) {
				return A3(
					$elm$core$List$foldl,
					F2(
						function (_v1, r) {
							var k = _v1.a;
							var b = _v1.b;
							return A3(onlyRight, k, b, r);
						}),
					acc,
					rights);
			} else {
				var _v2 = lefts.a;
				var lk = _v2.a;
				var la = _v2.b;
				var restLeft = lefts.b;
				if (!rights.b) {
					return A3(
						$elm$core$List$foldl,
						F2(
							function (_v4, r) {
								var k = _v4.a;
								var a = _v4.b;
								return A3(onlyLeft, k, a, r);
							}),
						acc,
						lefts);
				} else {
					var _v5 = rights.a;
					var rk = _v5.a;
					var rb = _v5.b;
					var restRight = rights.b;
					var _v6 = A2($elm$core$Basics$compare, lk, rk);
					switch (_v6) {
						case 0:
							var $temp$onlyLeft = onlyLeft,
								$temp$both = both,
								$temp$onlyRight = onlyRight,
								$temp$lefts = restLeft,
								$temp$rights = rights,
								$temp$acc = A3(onlyLeft, lk, la, acc);
							onlyLeft = $temp$onlyLeft;
							both = $temp$both;
							onlyRight = $temp$onlyRight;
							lefts = $temp$lefts;
							rights = $temp$rights;
							acc = $temp$acc;
							continue mergeHelp;
						case 2:
							var $temp$onlyLeft = onlyLeft,
								$temp$both = both,
								$temp$onlyRight = onlyRight,
								$temp$lefts = lefts,
								$temp$rights = restRight,
								$temp$acc = A3(onlyRight, rk, rb, acc);
							onlyLeft = $temp$onlyLeft;
							both = $temp$both;
							onlyRight = $temp$onlyRight;
							lefts = $temp$lefts;
							rights = $temp$rights;
							acc = $temp$acc;
							continue mergeHelp;
						default:
							var $temp$onlyLeft = onlyLeft,
								$temp$both = both,
								$temp$onlyRight = onlyRight,
								$temp$lefts = restLeft,
								$temp$rights = restRight,
								$temp$acc = A4(both, lk, la, rb, acc);
							onlyLeft = $temp$onlyLeft;
							both = $temp$both;
							onlyRight = $temp$onlyRight;
							lefts = $temp$lefts;
							rights = $temp$rights;
							acc = $temp$acc;
							continue mergeHelp;
					}
				}
			}
		}
	});
var $elm$core$Dict$merge = F6(
	function (onlyLeft, both, onlyRight, leftDict, rightDict, initial) {
		return A6(
			$elm$core$Dict$mergeHelp,
			onlyLeft,
			both,
			onlyRight,
			$elm$core$Dict$toList(leftDict),
			$elm$core$Dict$toList(rightDict),
			initial);
	});
var $author$project$Backend$Main$modelInsert = F3(
	function (k, v, model) {
		if (!model.b) {
			return _List_fromArray(
				[
					_Utils_Tuple2(k, v)
				]);
		} else {
			var _v1 = model.a;
			var k2 = _v1.a;
			var v2 = _v1.b;
			var rest = model.b;
			return (_Utils_cmp(k, k2) < 0) ? A2(
				$elm$core$List$cons,
				_Utils_Tuple2(k, v),
				model) : (_Utils_eq(k, k2) ? A2(
				$elm$core$List$cons,
				_Utils_Tuple2(k, v),
				rest) : A2(
				$elm$core$List$cons,
				_Utils_Tuple2(k2, v2),
				A3($author$project$Backend$Main$modelInsert, k, v, rest)));
		}
	});
var $elm$core$Basics$not = _Basics_not;
var $elm$core$Basics$or = _Basics_or;
var $elm$core$Dict$partition = F2(
	function (pred, dict) {
		return A3(
			$elm$core$Dict$foldl,
			F3(
				function (key, value, _v0) {
					var yes = _v0.a;
					var no = _v0.b;
					return A2(pred, key, value) ? _Utils_Tuple2(
						A3($elm$core$Dict$insert, key, value, yes),
						no) : _Utils_Tuple2(
						yes,
						A3($elm$core$Dict$insert, key, value, no));
				}),
			_Utils_Tuple2($elm$core$Dict$empty, $elm$core$Dict$empty),
			dict);
	});
var $elm$core$Tuple$second = function (_v0) {
	var b = _v0.b;
	return b;
};
var $elm$core$Dict$union = F2(
	function (preferred, other) {
		return A3($elm$core$Dict$foldl, $elm$core$Dict$insert, other, preferred);
	});
var $elm$core$Dict$update = F3(
	function (key, alter, dict) {
		var _v0 = alter(
			A2($elm$core$Dict$get, key, dict));
		if (!_v0.$) {
			var value = _v0.a;
			return A3($elm$core$Dict$insert, key, value, dict);
		} else {
			return A2($elm$core$Dict$remove, key, dict);
		}
	});
var $elm$core$Dict$values = function (dict) {
	return A3(
		$elm$core$Dict$foldr,
		F3(
			function (_v0, value, acc) {
				return A2($elm$core$List$cons, value, acc);
			}),
		_List_Nil,
		dict);
};
var $author$project$Backend$Main$dictModel = function (seed) {
	var other = $elm$core$Dict$fromList(
		_List_fromArray(
			[
				_Utils_Tuple2(5, -1),
				_Utils_Tuple2(100, -2)
			]));
	var matches = F2(
		function (d2, m2) {
			return _Utils_eq(
				$elm$core$Dict$toList(d2),
				m2) && (_Utils_eq(
				$elm$core$Dict$size(d2),
				$elm$core$List$length(m2)) && (A2(
				$elm$core$List$all,
				function (k) {
					return _Utils_eq(
						A2($elm$core$Dict$get, k, d2),
						A2($author$project$Backend$Main$lookup, k, m2));
				},
				A2($elm$core$List$range, -1, 41)) && (_Utils_eq(
				$elm$core$Dict$keys(d2),
				A2($elm$core$List$map, $elm$core$Tuple$first, m2)) && (_Utils_eq(
				$elm$core$Dict$values(d2),
				A2($elm$core$List$map, $elm$core$Tuple$second, m2)) && _Utils_eq(
				A3(
					$elm$core$Dict$foldr,
					F3(
						function (k, v, acc) {
							return A2(
								$elm$core$List$cons,
								_Utils_Tuple2(k, v),
								acc);
						}),
					_List_Nil,
					d2),
				m2)))));
		});
	var step = F2(
		function (_v16, _v17) {
			var i = _v16.a;
			var op = _v16.b;
			var dict = _v17.a;
			var model = _v17.b;
			var bad = _v17.c;
			var _v13 = function () {
				if (!op.$) {
					var k = op.a;
					var v = op.b;
					return _Utils_Tuple2(
						A3($elm$core$Dict$insert, k, v, dict),
						A3($author$project$Backend$Main$modelInsert, k, v, model));
				} else {
					var k = op.a;
					return _Utils_Tuple2(
						A2($elm$core$Dict$remove, k, dict),
						A2(
							$elm$core$List$filter,
							function (_v15) {
								var k2 = _v15.a;
								return !_Utils_eq(k2, k);
							},
							model));
				}
			}();
			var d2 = _v13.a;
			var m2 = _v13.b;
			var ok = _Utils_eq(
				$elm$core$Dict$size(d2),
				$elm$core$List$length(m2)) && ((!(!A2($elm$core$Basics$modBy, 8, i))) || A2(matches, d2, m2));
			return _Utils_Tuple3(d2, m2, bad || (!ok));
		});
	var _v0 = A3($author$project$Backend$Main$randoms, 120, 64, seed);
	var numbers = _v0.a;
	var ops = A2(
		$elm$core$List$indexedMap,
		F2(
			function (i, n) {
				return (A2($elm$core$Basics$modBy, 3, i) === 2) ? $author$project$Backend$Main$Remove(
					A2($elm$core$Basics$modBy, 40, n)) : A2(
					$author$project$Backend$Main$Insert,
					A2($elm$core$Basics$modBy, 40, n * 7),
					n);
			}),
		numbers);
	var _v1 = A3(
		$elm$core$List$foldl,
		step,
		_Utils_Tuple3($elm$core$Dict$empty, _List_Nil, false),
		A2($elm$core$List$indexedMap, $elm$core$Tuple$pair, ops));
	var _final = _v1.a;
	var finalModel = _v1.b;
	var failed = _v1.c;
	var _v2 = A2(
		$elm$core$Dict$partition,
		F2(
			function (k, _v3) {
				return k < 20;
			}),
		_final);
	var yes = _v2.a;
	var no = _v2.b;
	var evens = A2(
		$elm$core$Dict$filter,
		F2(
			function (k, _v12) {
				return !A2($elm$core$Basics$modBy, 2, k);
			}),
		_final);
	return $author$project$Backend$Main$firstFailure(
		_List_fromArray(
			[
				A2(
				$author$project$Backend$Main$expect,
				'Dict matches a sorted association list (size after each insert/remove, all of it after every 8th and at the end)',
				(!failed) && A2(matches, _final, finalModel)),
				A2(
				$author$project$Backend$Main$expect,
				'Dict.filter',
				_Utils_eq(
					$elm$core$Dict$toList(evens),
					A2(
						$elm$core$List$filter,
						function (_v4) {
							var k = _v4.a;
							return !A2($elm$core$Basics$modBy, 2, k);
						},
						finalModel))),
				A2(
				$author$project$Backend$Main$expect,
				'Dict.partition',
				_Utils_eq(
					$elm$core$Dict$size(yes) + $elm$core$Dict$size(no),
					$elm$core$Dict$size(_final)) && A2(
					$elm$core$List$all,
					function (k) {
						return k < 20;
					},
					$elm$core$Dict$keys(yes))),
				A2(
				$author$project$Backend$Main$expect,
				'Dict.union prefers the first',
				_Utils_eq(
					A2(
						$elm$core$Dict$get,
						5,
						A2($elm$core$Dict$union, other, _final)),
					$elm$core$Maybe$Just(-1)) && A2(
					$elm$core$Dict$member,
					100,
					A2($elm$core$Dict$union, _final, other))),
				A2(
				$author$project$Backend$Main$expect,
				'Dict.diff and intersect',
				_Utils_eq(
					A2(
						$elm$core$Dict$member,
						5,
						A2($elm$core$Dict$intersect, _final, other)),
					A2($elm$core$Dict$member, 5, _final)) && (!A2(
					$elm$core$Dict$member,
					5,
					A2($elm$core$Dict$diff, _final, other)))),
				A2(
				$author$project$Backend$Main$expect,
				'Dict.update',
				_Utils_eq(
					A2(
						$elm$core$Dict$get,
						7,
						A3(
							$elm$core$Dict$update,
							7,
							function (_v5) {
								return $elm$core$Maybe$Just(70);
							},
							_final)),
					$elm$core$Maybe$Just(70)) && (!A2(
					$elm$core$Dict$member,
					7,
					A3(
						$elm$core$Dict$update,
						7,
						function (_v6) {
							return $elm$core$Maybe$Nothing;
						},
						_final)))),
				A2(
				$author$project$Backend$Main$expect,
				'Dict.map',
				_Utils_eq(
					$elm$core$Dict$values(
						A2(
							$elm$core$Dict$map,
							F2(
								function (k, v) {
									return k + v;
								}),
							_final)),
					A2(
						$elm$core$List$map,
						function (_v7) {
							var k = _v7.a;
							var v = _v7.b;
							return k + v;
						},
						finalModel))),
				A2(
				$author$project$Backend$Main$expect,
				'Dict.merge',
				_Utils_eq(
					A6(
						$elm$core$Dict$merge,
						F3(
							function (k, _v8, acc) {
								return A2(
									$elm$core$List$cons,
									_Utils_Tuple2('l', k),
									acc);
							}),
						F4(
							function (k, _v9, _v10, acc) {
								return A2(
									$elm$core$List$cons,
									_Utils_Tuple2('b', k),
									acc);
							}),
						F3(
							function (k, _v11, acc) {
								return A2(
									$elm$core$List$cons,
									_Utils_Tuple2('r', k),
									acc);
							}),
						$elm$core$Dict$fromList(
							_List_fromArray(
								[
									_Utils_Tuple2(1, 1),
									_Utils_Tuple2(3, 3)
								])),
						$elm$core$Dict$fromList(
							_List_fromArray(
								[
									_Utils_Tuple2(2, 2),
									_Utils_Tuple2(3, 3)
								])),
						_List_Nil),
					_List_fromArray(
						[
							_Utils_Tuple2('b', 3),
							_Utils_Tuple2('r', 2),
							_Utils_Tuple2('l', 1)
						]))),
				A2(
				$author$project$Backend$Main$expect,
				'Dict.remove of an absent key keeps the dictionary',
				_Utils_eq(
					A2($elm$core$Dict$remove, 1000, _final),
					_final)),
				A2(
				$author$project$Backend$Main$expect,
				'Dict stays balanced: 30000 keys in order (an unbalanced tree would exhaust the stack)',
				$author$project$Backend$Main$balanced(seed))
			]));
};
var $author$project$Backend$Main$Circle = function (a) {
	return {$: 0, a: a};
};
var $author$project$Backend$Main$Group = function (a) {
	return {$: 2, a: a};
};
var $author$project$Backend$Main$Rect = F2(
	function (a, b) {
		return {$: 1, a: a, b: b};
	});
var $elm$json$Json$Decode$Failure = F2(
	function (a, b) {
		return {$: 3, a: a, b: b};
	});
var $elm$json$Json$Decode$Field = F2(
	function (a, b) {
		return {$: 0, a: a, b: b};
	});
var $elm$json$Json$Decode$Index = F2(
	function (a, b) {
		return {$: 1, a: a, b: b};
	});
var $elm$json$Json$Decode$OneOf = function (a) {
	return {$: 2, a: a};
};
var $elm$core$Result$isOk = function (result) {
	if (!result.$) {
		return true;
	} else {
		return false;
	}
};
var $elm$json$Json$Encode$int = _Json_wrap;
var $elm$json$Json$Encode$list = _Json_encodeList;
var $elm$json$Json$Encode$object = _Json_encodeObject;
var $author$project$Backend$Main$equality = function (seed) {
	var shapeB = $author$project$Backend$Main$Group(
		_List_fromArray(
			[
				$author$project$Backend$Main$Circle(1.5),
				A2($author$project$Backend$Main$Rect, 2, 3),
				$author$project$Backend$Main$Group(_List_Nil)
			]));
	var shapeA = $author$project$Backend$Main$Group(
		_List_fromArray(
			[
				$author$project$Backend$Main$Circle(1.5),
				A2($author$project$Backend$Main$Rect, 2, 3),
				$author$project$Backend$Main$Group(_List_Nil)
			]));
	var _long = (A2($elm$core$Basics$modBy, 3, seed) === 1) ? A2(
		$elm$core$List$range,
		1,
		12000 + A2($elm$core$Basics$modBy, 10, seed)) : A2(
		$elm$core$List$range,
		1,
		100 + A2($elm$core$Basics$modBy, 10, seed));
	return $author$project$Backend$Main$firstFailure(
		_List_fromArray(
			[
				A2(
				$author$project$Backend$Main$expect,
				'(==) on custom types',
				_Utils_eq(shapeA, shapeB) && (!_Utils_eq(
					shapeA,
					$author$project$Backend$Main$Group(
						_List_fromArray(
							[
								$author$project$Backend$Main$Circle(1.5),
								A2($author$project$Backend$Main$Rect, 2, 4),
								$author$project$Backend$Main$Group(_List_Nil)
							]))))),
				A2(
				$author$project$Backend$Main$expect,
				'(==) on records',
				_Utils_eq(
					{d: 1, e: 'x'},
					{d: 1, e: 'x'}) && (!_Utils_eq(
					{d: 1, e: 'x'},
					{d: 1, e: 'y'}))),
				A2(
				$author$project$Backend$Main$expect,
				'(==) on long lists',
				_Utils_eq(
					_long,
					A2(
						$elm$core$List$range,
						1,
						$elm$core$List$length(_long))) && ((!_Utils_eq(
					_long,
					A2(
						$elm$core$List$range,
						1,
						$elm$core$List$length(_long) + 1))) && (!_Utils_eq(
					_long,
					A2(
						$elm$core$List$cons,
						0,
						A2($elm$core$List$drop, 1, _long)))))),
				A2(
				$author$project$Backend$Main$expect,
				'(==) on Maybe and Result',
				_Utils_eq(
					$elm$core$Maybe$Just(
						_List_fromArray(
							[1])),
					$elm$core$Maybe$Just(
						_List_fromArray(
							[1]))) && ((!_Utils_eq(
					$elm$core$Result$Ok(1),
					$elm$core$Result$Err(1))) && (!_Utils_eq(
					$elm$core$Maybe$Nothing,
					$elm$core$Maybe$Just(0))))),
				A2(
				$author$project$Backend$Main$expect,
				'(==) on tuples and chars',
				_Utils_eq(
					_Utils_Tuple3('a', 'b', 3),
					_Utils_Tuple3('a', 'b', 3)) && (!_Utils_eq(
					_Utils_Tuple2('a', 1),
					_Utils_Tuple2('b', 1)))),
				A2(
				$author$project$Backend$Main$expect,
				'(==) on arrays',
				_Utils_eq(
					$elm$core$Array$fromList(
						_List_fromArray(
							[1, 2])),
					A2(
						$elm$core$Array$push,
						2,
						$elm$core$Array$fromList(
							_List_fromArray(
								[1])))) && (!_Utils_eq(
					$elm$core$Array$fromList(
						_List_fromArray(
							[1])),
					$elm$core$Array$fromList(
						_List_fromArray(
							[1, 2]))))),
				A2(
				$author$project$Backend$Main$expect,
				'(==) on JSON values',
				_Utils_eq(
					$elm$json$Json$Encode$object(
						_List_fromArray(
							[
								_Utils_Tuple2(
								'a',
								$elm$json$Json$Encode$int(1))
							])),
					$elm$json$Json$Encode$object(
						_List_fromArray(
							[
								_Utils_Tuple2(
								'a',
								$elm$json$Json$Encode$int(1))
							]))) && (!_Utils_eq(
					A2(
						$elm$json$Json$Encode$list,
						$elm$json$Json$Encode$int,
						_List_fromArray(
							[1])),
					A2(
						$elm$json$Json$Encode$list,
						$elm$json$Json$Encode$int,
						_List_fromArray(
							[1, 2])))))
			]));
};
var $elm$core$List$isEmpty = function (xs) {
	if (!xs.b) {
		return true;
	} else {
		return false;
	}
};
var $elm$core$String$join = F2(
	function (sep, chunks) {
		return A2(
			_String_join,
			sep,
			_List_toArray(chunks));
	});
var $elm$json$Json$Decode$andThen = _Json_andThen;
var $elm$json$Json$Decode$array = _Json_decodeArray;
var $elm$json$Json$Decode$field = _Json_decodeField;
var $elm$json$Json$Decode$at = F2(
	function (path, decoder) {
		return A3($elm$core$List$foldr, $elm$json$Json$Decode$field, decoder, path);
	});
var $elm$json$Json$Decode$bool = _Json_decodeBool;
var $elm$json$Json$Encode$bool = _Json_wrap;
var $elm$json$Json$Decode$decodeString = _Json_runOnString;
var $elm$json$Json$Decode$keyValuePairs = _Json_decodeKeyValuePairs;
var $elm$json$Json$Decode$map = _Json_map1;
var $elm$json$Json$Decode$dict = function (decoder) {
	return A2(
		$elm$json$Json$Decode$map,
		$elm$core$Dict$fromList,
		$elm$json$Json$Decode$keyValuePairs(decoder));
};
var $elm$json$Json$Encode$encode = _Json_encode;
var $elm$json$Json$Encode$float = _Json_wrap;
var $elm$core$Maybe$map = F2(
	function (f, maybe) {
		if (!maybe.$) {
			var value = maybe.a;
			return $elm$core$Maybe$Just(
				f(value));
		} else {
			return $elm$core$Maybe$Nothing;
		}
	});
var $elm$json$Json$Encode$null = _Json_encodeNull;
var $elm$json$Json$Encode$string = _Json_wrap;
var $elm$core$Maybe$withDefault = F2(
	function (fallback, maybe) {
		if (!maybe.$) {
			var value = maybe.a;
			return value;
		} else {
			return fallback;
		}
	});
var $author$project$Backend$Main$encodeItem = function (item) {
	return $elm$json$Json$Encode$object(
		_List_fromArray(
			[
				_Utils_Tuple2(
				'name',
				$elm$json$Json$Encode$string(item.b)),
				_Utils_Tuple2(
				'tags',
				A2($elm$json$Json$Encode$list, $elm$json$Json$Encode$string, item.g)),
				_Utils_Tuple2(
				'score',
				A2(
					$elm$core$Maybe$withDefault,
					$elm$json$Json$Encode$null,
					A2($elm$core$Maybe$map, $elm$json$Json$Encode$float, item.f)))
			]));
};
var $elm$core$String$all = _String_all;
var $elm$core$Char$between = F3(
	function (low, high, _char) {
		var code = $elm$core$Char$toCode(_char);
		return (_Utils_cmp(low, code) < 1) && (_Utils_cmp(code, high) < 1);
	});
var $elm$core$Char$isLower = function (_char) {
	return A3($elm$core$Char$between, 97, 122, _char);
};
var $elm$core$Char$isUpper = function (_char) {
	return A3($elm$core$Char$between, 65, 90, _char);
};
var $elm$core$Char$isAlpha = function (_char) {
	return $elm$core$Char$isLower(_char) || $elm$core$Char$isUpper(_char);
};
var $elm$core$Char$isDigit = function (_char) {
	return A3($elm$core$Char$between, 48, 57, _char);
};
var $elm$core$Char$isAlphaNum = function (_char) {
	return $elm$core$Char$isAlpha(_char) || $elm$core$Char$isDigit(_char);
};
var $elm$core$String$uncons = _String_uncons;
var $elm$json$Json$Decode$fieldStep = function (name) {
	var simple = function () {
		var _v0 = $elm$core$String$uncons(name);
		if (!_v0.$) {
			var _v1 = _v0.a;
			var c = _v1.a;
			var rest = _v1.b;
			return $elm$core$Char$isAlpha(c) && A2($elm$core$String$all, $elm$core$Char$isAlphaNum, rest);
		} else {
			return false;
		}
	}();
	return simple ? ('.' + name) : ('[\'' + (name + '\']'));
};
var $elm$core$String$split = F2(
	function (sep, string) {
		return _List_fromArray(
			A2(_String_split, sep, string));
	});
var $elm$json$Json$Decode$indent = function (text) {
	return A2(
		$elm$core$String$join,
		'\n    ',
		A2($elm$core$String$split, '\n', text));
};
var $elm$core$String$concat = function (strings) {
	return A2($elm$core$String$join, '', strings);
};
var $elm$json$Json$Decode$pathText = function (path) {
	return $elm$core$String$concat(
		$elm$core$List$reverse(path));
};
var $elm$json$Json$Decode$describe = F2(
	function (path, error) {
		describe:
		while (true) {
			switch (error.$) {
				case 0:
					var name = error.a;
					var inner = error.b;
					var $temp$path = A2(
						$elm$core$List$cons,
						$elm$json$Json$Decode$fieldStep(name),
						path),
						$temp$error = inner;
					path = $temp$path;
					error = $temp$error;
					continue describe;
				case 1:
					var i = error.a;
					var inner = error.b;
					var $temp$path = A2(
						$elm$core$List$cons,
						'[' + ($elm$core$String$fromInt(i) + ']'),
						path),
						$temp$error = inner;
					path = $temp$path;
					error = $temp$error;
					continue describe;
				case 2:
					var errors = error.a;
					if (!errors.b) {
						return 'Ran into a Json.Decode.oneOf with no possibilities' + ($elm$core$List$isEmpty(path) ? '!' : (' at json' + $elm$json$Json$Decode$pathText(path)));
					} else {
						if (!errors.b.b) {
							var only = errors.a;
							var $temp$path = path,
								$temp$error = only;
							path = $temp$path;
							error = $temp$error;
							continue describe;
						} else {
							var numbered = F2(
								function (i, inner) {
									return '\n\n(' + ($elm$core$String$fromInt(i + 1) + (') ' + $elm$json$Json$Decode$indent(
										$elm$json$Json$Decode$errorToString(inner))));
								});
							var heading = ($elm$core$List$isEmpty(path) ? 'Json.Decode.oneOf' : ('The Json.Decode.oneOf at json' + $elm$json$Json$Decode$pathText(path))) + (' failed in the following ' + ($elm$core$String$fromInt(
								$elm$core$List$length(errors)) + ' ways:'));
							return A2(
								$elm$core$String$join,
								'\n\n',
								A2(
									$elm$core$List$cons,
									heading,
									A2($elm$core$List$indexedMap, numbered, errors)));
						}
					}
				default:
					var message = error.a;
					var json = error.b;
					return ($elm$core$List$isEmpty(path) ? 'Problem with the given value:\n\n' : ('Problem with the value at json' + ($elm$json$Json$Decode$pathText(path) + ':\n\n    '))) + ($elm$json$Json$Decode$indent(
						A2($elm$json$Json$Encode$encode, 4, json)) + ('\n\n' + message));
			}
		}
	});
var $elm$json$Json$Decode$errorToString = function (error) {
	return A2($elm$json$Json$Decode$describe, _List_Nil, error);
};
var $elm$json$Json$Decode$fail = _Json_fail;
var $elm$core$Basics$fdiv = _Basics_fdiv;
var $elm$json$Json$Decode$float = _Json_decodeFloat;
var $elm$json$Json$Decode$index = _Json_decodeIndex;
var $elm$json$Json$Decode$int = _Json_decodeInt;
var $author$project$Backend$Main$Item = F3(
	function (name, tags, score) {
		return {b: name, f: score, g: tags};
	});
var $elm$json$Json$Decode$list = _Json_decodeList;
var $elm$json$Json$Decode$map3 = _Json_map3;
var $elm$json$Json$Decode$null = _Json_decodeNull;
var $elm$json$Json$Decode$oneOf = _Json_oneOf;
var $elm$json$Json$Decode$nullable = function (decoder) {
	return $elm$json$Json$Decode$oneOf(
		_List_fromArray(
			[
				$elm$json$Json$Decode$null($elm$core$Maybe$Nothing),
				A2($elm$json$Json$Decode$map, $elm$core$Maybe$Just, decoder)
			]));
};
var $elm$json$Json$Decode$string = _Json_decodeString;
var $author$project$Backend$Main$itemDecoder = A4(
	$elm$json$Json$Decode$map3,
	$author$project$Backend$Main$Item,
	A2($elm$json$Json$Decode$field, 'name', $elm$json$Json$Decode$string),
	A2(
		$elm$json$Json$Decode$field,
		'tags',
		$elm$json$Json$Decode$list($elm$json$Json$Decode$string)),
	A2(
		$elm$json$Json$Decode$field,
		'score',
		$elm$json$Json$Decode$nullable($elm$json$Json$Decode$float)));
var $elm$json$Json$Decode$succeed = _Json_succeed;
var $elm$json$Json$Decode$lazy = function (thunk) {
	return A2(
		$elm$json$Json$Decode$andThen,
		function (_v0) {
			return thunk(0);
		},
		$elm$json$Json$Decode$succeed(0));
};
var $elm$json$Json$Decode$map8 = _Json_map8;
var $elm$json$Json$Decode$maybe = function (decoder) {
	return $elm$json$Json$Decode$oneOf(
		_List_fromArray(
			[
				A2($elm$json$Json$Decode$map, $elm$core$Maybe$Just, decoder),
				$elm$json$Json$Decode$succeed($elm$core$Maybe$Nothing)
			]));
};
var $elm$core$Basics$toFloat = _Basics_toFloat;
var $author$project$Backend$Main$json = function (seed) {
	var item = {
		b: 'n\"' + $elm$core$String$fromInt(seed),
		f: $elm$core$Maybe$Just(
			A2($elm$core$Basics$modBy, 1000, seed) / 4),
		g: _List_fromArray(
			['a', 'b\n'])
	};
	var text = A2(
		$elm$json$Json$Encode$encode,
		0,
		$author$project$Backend$Main$encodeItem(item));
	var failure = F2(
		function (decoder, input) {
			var _v1 = A2($elm$json$Json$Decode$decodeString, decoder, input);
			if (!_v1.$) {
				return 'no error';
			} else {
				var e = _v1.a;
				return $elm$json$Json$Decode$errorToString(e);
			}
		});
	return $author$project$Backend$Main$firstFailure(
		_List_fromArray(
			[
				A2(
				$author$project$Backend$Main$expect,
				'Json round trip',
				_Utils_eq(
					A2($elm$json$Json$Decode$decodeString, $author$project$Backend$Main$itemDecoder, text),
					$elm$core$Result$Ok(item))),
				A2(
				$author$project$Backend$Main$expect,
				'Json.Encode.encode 0',
				A2(
					$elm$json$Json$Encode$encode,
					0,
					$elm$json$Json$Encode$object(
						_List_fromArray(
							[
								_Utils_Tuple2(
								'a',
								A2(
									$elm$json$Json$Encode$list,
									$elm$json$Json$Encode$int,
									_List_fromArray(
										[1, 2]))),
								_Utils_Tuple2('b', $elm$json$Json$Encode$null),
								_Utils_Tuple2(
								'c',
								$elm$json$Json$Encode$bool(true))
							]))) === '{\"a\":[1,2],\"b\":null,\"c\":true}'),
				A2(
				$author$project$Backend$Main$expect,
				'Json.Encode.encode 2',
				A2(
					$elm$json$Json$Encode$encode,
					2,
					A2(
						$elm$json$Json$Encode$list,
						$elm$json$Json$Encode$int,
						_List_fromArray(
							[1]))) === '[\n  1\n]'),
				A2(
				$author$project$Backend$Main$expect,
				'nullable null',
				_Utils_eq(
					A2(
						$elm$json$Json$Decode$decodeString,
						$elm$json$Json$Decode$nullable($elm$json$Json$Decode$int),
						'null'),
					$elm$core$Result$Ok($elm$core$Maybe$Nothing))),
				A2(
				$author$project$Backend$Main$expect,
				'errorToString of a field',
				A2(
					failure,
					A2($elm$json$Json$Decode$field, 'a', $elm$json$Json$Decode$int),
					'{\"a\":\"x\"}') === 'Problem with the value at json.a:\n\n    \"x\"\n\nExpecting an INT'),
				A2(
				$author$project$Backend$Main$expect,
				'errorToString of a missing field',
				A2(
					failure,
					A2($elm$json$Json$Decode$field, 'b', $elm$json$Json$Decode$int),
					'{\"a\":1}') === 'Problem with the given value:\n\n{\n        \"a\": 1\n    }\n\nExpecting an OBJECT with a field named `b`'),
				A2(
				$author$project$Backend$Main$expect,
				'errorToString of an index and an odd field name',
				A2(
					failure,
					A2(
						$elm$json$Json$Decode$field,
						'my key',
						A2($elm$json$Json$Decode$index, 1, $elm$json$Json$Decode$bool)),
					'{\"my key\":[true,3]}') === 'Problem with the value at json[\'my key\'][1]:\n\n    3\n\nExpecting a BOOL'),
				A2(
				$author$project$Backend$Main$expect,
				'errorToString of oneOf',
				A2(
					failure,
					$elm$json$Json$Decode$oneOf(
						_List_fromArray(
							[
								$elm$json$Json$Decode$int,
								A2($elm$json$Json$Decode$field, 'x', $elm$json$Json$Decode$int)
							])),
					'[]') === 'Json.Decode.oneOf failed in the following 2 ways:\n\n\n\n(1) Problem with the given value:\n    \n    []\n    \n    Expecting an INT\n\n\n\n(2) Problem with the given value:\n    \n    []\n    \n    Expecting an OBJECT with a field named `x`'),
				A2(
				$author$project$Backend$Main$expect,
				'index out of range',
				A2(
					failure,
					A2($elm$json$Json$Decode$index, 2, $elm$json$Json$Decode$int),
					'[1]') === 'Problem with the given value:\n\n[\n        1\n    ]\n\nExpecting a LONGER array. Need index 2 but only see 1 entries'),
				A2(
				$author$project$Backend$Main$expect,
				'Json.Decode.at, dict, keyValuePairs, maybe, andThen, lazy',
				_Utils_eq(
					A2(
						$elm$json$Json$Decode$decodeString,
						A2(
							$elm$json$Json$Decode$at,
							_List_fromArray(
								['a', 'b']),
							$elm$json$Json$Decode$int),
						'{\"a\":{\"b\":5}}'),
					$elm$core$Result$Ok(5)) && (_Utils_eq(
					A2(
						$elm$json$Json$Decode$decodeString,
						$elm$json$Json$Decode$dict($elm$json$Json$Decode$int),
						'{\"y\":2,\"x\":1}'),
					$elm$core$Result$Ok(
						$elm$core$Dict$fromList(
							_List_fromArray(
								[
									_Utils_Tuple2('x', 1),
									_Utils_Tuple2('y', 2)
								])))) && (_Utils_eq(
					A2(
						$elm$json$Json$Decode$decodeString,
						$elm$json$Json$Decode$keyValuePairs($elm$json$Json$Decode$int),
						'{\"y\":2,\"x\":1}'),
					$elm$core$Result$Ok(
						_List_fromArray(
							[
								_Utils_Tuple2('y', 2),
								_Utils_Tuple2('x', 1)
							]))) && (_Utils_eq(
					A2(
						$elm$json$Json$Decode$decodeString,
						$elm$json$Json$Decode$maybe(
							A2($elm$json$Json$Decode$field, 'q', $elm$json$Json$Decode$int)),
						'{}'),
					$elm$core$Result$Ok($elm$core$Maybe$Nothing)) && (_Utils_eq(
					A2(
						$elm$json$Json$Decode$decodeString,
						A2(
							$elm$json$Json$Decode$andThen,
							function (k) {
								return (k === 'n') ? A2($elm$json$Json$Decode$field, 'v', $elm$json$Json$Decode$int) : $elm$json$Json$Decode$fail('no');
							},
							A2($elm$json$Json$Decode$field, 'k', $elm$json$Json$Decode$string)),
						'{\"k\":\"n\",\"v\":3}'),
					$elm$core$Result$Ok(3)) && _Utils_eq(
					A2(
						$elm$json$Json$Decode$decodeString,
						$elm$json$Json$Decode$lazy(
							function (_v0) {
								return $elm$json$Json$Decode$list($elm$json$Json$Decode$int);
							}),
						'[1,2]'),
					$elm$core$Result$Ok(
						_List_fromArray(
							[1, 2])))))))),
				A2(
				$author$project$Backend$Main$expect,
				'Json.Decode.map8 and array',
				_Utils_eq(
					A2(
						$elm$json$Json$Decode$decodeString,
						A9(
							$elm$json$Json$Decode$map8,
							F8(
								function (a, b, c, d, e, f, g, h) {
									return _List_fromArray(
										[a, b, c, d, e, f, g, h]);
								}),
							A2($elm$json$Json$Decode$index, 0, $elm$json$Json$Decode$int),
							A2($elm$json$Json$Decode$index, 1, $elm$json$Json$Decode$int),
							A2($elm$json$Json$Decode$index, 2, $elm$json$Json$Decode$int),
							A2($elm$json$Json$Decode$index, 3, $elm$json$Json$Decode$int),
							A2($elm$json$Json$Decode$index, 4, $elm$json$Json$Decode$int),
							A2($elm$json$Json$Decode$index, 5, $elm$json$Json$Decode$int),
							A2($elm$json$Json$Decode$index, 6, $elm$json$Json$Decode$int),
							A2($elm$json$Json$Decode$index, 7, $elm$json$Json$Decode$int)),
						'[1,2,3,4,5,6,7,8]'),
					$elm$core$Result$Ok(
						A2($elm$core$List$range, 1, 8))) && _Utils_eq(
					A2(
						$elm$json$Json$Decode$decodeString,
						$elm$json$Json$Decode$array($elm$json$Json$Decode$int),
						'[3,4]'),
					$elm$core$Result$Ok(
						$elm$core$Array$fromList(
							_List_fromArray(
								[3, 4]))))),
				A2(
				$author$project$Backend$Main$expect,
				'Json ints and floats',
				(!_Utils_eq(
					A2($elm$json$Json$Decode$decodeString, $elm$json$Json$Decode$int, '1.5'),
					$elm$core$Result$Ok(1))) && (_Utils_eq(
					A2($elm$json$Json$Decode$decodeString, $elm$json$Json$Decode$float, '2'),
					$elm$core$Result$Ok(2)) && _Utils_eq(
					A2($elm$json$Json$Decode$decodeString, $elm$json$Json$Decode$int, '-7'),
					$elm$core$Result$Ok(-7))))
			]));
};
var $elm$core$Set$diff = F2(
	function (_v0, _v1) {
		var a = _v0;
		var b = _v1;
		return A2($elm$core$Dict$diff, a, b);
	});
var $elm$core$Set$intersect = F2(
	function (_v0, _v1) {
		var a = _v0;
		var b = _v1;
		return A2($elm$core$Dict$intersect, a, b);
	});
var $author$project$Backend$Main$isSortedUnique = function (list) {
	if (list.b && list.b.b) {
		var x = list.a;
		var _v1 = list.b;
		var y = _v1.a;
		var rest = _v1.b;
		return (_Utils_cmp(x, y) < 0) && $author$project$Backend$Main$isSortedUnique(
			A2($elm$core$List$cons, y, rest));
	} else {
		return true;
	}
};
var $elm$core$List$any = F2(
	function (ok, list) {
		any:
		while (true) {
			if (!list.b) {
				return false;
			} else {
				var x = list.a;
				var rest = list.b;
				if (ok(x)) {
					return true;
				} else {
					var $temp$ok = ok,
						$temp$list = rest;
					ok = $temp$ok;
					list = $temp$list;
					continue any;
				}
			}
		}
	});
var $elm$core$List$member = F2(
	function (x, xs) {
		return A2(
			$elm$core$List$any,
			function (y) {
				return _Utils_eq(y, x);
			},
			xs);
	});
var $elm$core$Set$member = F2(
	function (key, _v0) {
		var dict = _v0;
		return A2($elm$core$Dict$member, key, dict);
	});
var $elm$core$Set$remove = F2(
	function (key, _v0) {
		var dict = _v0;
		return A2($elm$core$Dict$remove, key, dict);
	});
var $elm$core$Set$size = function (_v0) {
	var dict = _v0;
	return $elm$core$Dict$size(dict);
};
var $elm$core$List$sort = function (xs) {
	return A2($elm$core$List$sortBy, $elm$core$Basics$identity, xs);
};
var $elm$core$Set$union = F2(
	function (_v0, _v1) {
		var a = _v0;
		var b = _v1;
		return A2($elm$core$Dict$union, a, b);
	});
var $author$project$Backend$Main$setModel = function (seed) {
	var dedup = function (list) {
		return $elm$core$Set$toList(
			$elm$core$Set$fromList(list));
	};
	var _v0 = A3($author$project$Backend$Main$randoms, 100, 50, seed);
	var xs = _v0.a;
	var s2 = _v0.b;
	var _v1 = A3($author$project$Backend$Main$randoms, 100, 50, s2);
	var ys = _v1.a;
	var b = $elm$core$Set$fromList(ys);
	var a = $elm$core$Set$fromList(xs);
	return $author$project$Backend$Main$firstFailure(
		_List_fromArray(
			[
				A2(
				$author$project$Backend$Main$expect,
				'Set.toList is sorted and unique',
				function (_v2) {
					return $author$project$Backend$Main$isSortedUnique(
						$elm$core$Set$toList(a));
				}(
					_Utils_eq(
						$elm$core$Set$toList(a),
						A3(
							$elm$core$List$foldr,
							F2(
								function (x, acc) {
									return A2($elm$core$List$member, x, acc) ? acc : A2($elm$core$List$cons, x, acc);
								}),
							_List_Nil,
							$elm$core$List$sort(xs))))),
				A2(
				$author$project$Backend$Main$expect,
				'Set.union',
				_Utils_eq(
					$elm$core$Set$toList(
						A2($elm$core$Set$union, a, b)),
					dedup(
						_Utils_ap(xs, ys)))),
				A2(
				$author$project$Backend$Main$expect,
				'Set.intersect',
				_Utils_eq(
					$elm$core$Set$toList(
						A2($elm$core$Set$intersect, a, b)),
					A2(
						$elm$core$List$filter,
						function (x) {
							return A2($elm$core$List$member, x, ys);
						},
						dedup(xs)))),
				A2(
				$author$project$Backend$Main$expect,
				'Set.diff',
				_Utils_eq(
					$elm$core$Set$toList(
						A2($elm$core$Set$diff, a, b)),
					A2(
						$elm$core$List$filter,
						function (x) {
							return !A2($elm$core$List$member, x, ys);
						},
						dedup(xs)))),
				A2(
				$author$project$Backend$Main$expect,
				'Set.size and member',
				_Utils_eq(
					$elm$core$Set$size(a),
					$elm$core$List$length(
						dedup(xs))) && A2(
					$elm$core$List$all,
					function (x) {
						return A2($elm$core$Set$member, x, a);
					},
					xs)),
				A2(
				$author$project$Backend$Main$expect,
				'Set.remove',
				!A2(
					$elm$core$Set$member,
					7,
					A2($elm$core$Set$remove, 7, a)))
			]));
};
var $author$project$Backend$Main$insertionSortWith = F2(
	function (order, list) {
		var insert = F2(
			function (x, sorted) {
				if (!sorted.b) {
					return _List_fromArray(
						[x]);
				} else {
					var y = sorted.a;
					var rest = sorted.b;
					return (A2(order, x, y) === 2) ? A2(
						$elm$core$List$cons,
						y,
						A2(insert, x, rest)) : A2($elm$core$List$cons, x, sorted);
				}
			});
		return A3($elm$core$List$foldl, insert, _List_Nil, list);
	});
var $elm$core$List$sortWith = _List_sortWith;
var $author$project$Backend$Main$sorting = function (seed) {
	var byKeyThenId = F2(
		function (a, b) {
			var _v1 = A2($elm$core$Basics$compare, b.c, a.c);
			if (_v1 === 1) {
				return A2($elm$core$Basics$compare, a.a, b.a);
			} else {
				var o = _v1;
				return o;
			}
		});
	var _v0 = A3($author$project$Backend$Main$randoms, 100, 1000, seed);
	var numbers = _v0.a;
	var records = A2(
		$elm$core$List$indexedMap,
		F2(
			function (i, n) {
				return {
					a: i,
					c: A2($elm$core$Basics$modBy, 17, n),
					b: $elm$core$String$fromInt(n)
				};
			}),
		numbers);
	return $author$project$Backend$Main$firstFailure(
		_List_fromArray(
			[
				A2(
				$author$project$Backend$Main$expect,
				'List.sort',
				_Utils_eq(
					$elm$core$List$sort(numbers),
					A2($author$project$Backend$Main$insertionSortWith, $elm$core$Basics$compare, numbers))),
				A2(
				$author$project$Backend$Main$expect,
				'List.sortBy',
				_Utils_eq(
					A2(
						$elm$core$List$map,
						function ($) {
							return $.a;
						},
						A2(
							$elm$core$List$sortBy,
							function (r) {
								return _Utils_Tuple2(r.c, r.a);
							},
							records)),
					A2(
						$elm$core$List$map,
						function ($) {
							return $.a;
						},
						A2(
							$author$project$Backend$Main$insertionSortWith,
							F2(
								function (a, b) {
									return A2(
										$elm$core$Basics$compare,
										_Utils_Tuple2(a.c, a.a),
										_Utils_Tuple2(b.c, b.a));
								}),
							records)))),
				A2(
				$author$project$Backend$Main$expect,
				'List.sortWith',
				_Utils_eq(
					A2($elm$core$List$sortWith, byKeyThenId, records),
					A2($author$project$Backend$Main$insertionSortWith, byKeyThenId, records))),
				A2(
				$author$project$Backend$Main$expect,
				'List.sortBy on strings',
				_Utils_eq(
					A2(
						$elm$core$List$map,
						function ($) {
							return $.b;
						},
						A2(
							$elm$core$List$sortBy,
							function ($) {
								return $.b;
							},
							records)),
					$elm$core$List$sort(
						A2(
							$elm$core$List$map,
							function ($) {
								return $.b;
							},
							records)))),
				A2(
				$author$project$Backend$Main$expect,
				'List.sortWith flips',
				_Utils_eq(
					A2(
						$elm$core$List$sortWith,
						F2(
							function (a, b) {
								return A2($elm$core$Basics$compare, b, a);
							}),
						numbers),
					$elm$core$List$reverse(
						$elm$core$List$sort(numbers))))
			]));
};
var $elm$core$String$any = _String_any;
var $elm$core$String$cons = _String_cons;
var $elm$core$String$contains = _String_contains;
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
var $elm$core$String$dropRight = F2(
	function (n, string) {
		return (n < 1) ? string : A3($elm$core$String$slice, 0, -n, string);
	});
var $elm$core$String$endsWith = _String_endsWith;
var $elm$core$String$filter = _String_filter;
var $elm$core$String$foldl = _String_foldl;
var $elm$core$String$fromFloat = _String_fromNumber;
var $elm$core$String$indexes = _String_indexes;
var $elm$core$Char$isHexDigit = function (_char) {
	return $elm$core$Char$isDigit(_char) || (A3($elm$core$Char$between, 65, 70, _char) || A3($elm$core$Char$between, 97, 102, _char));
};
var $elm$core$Char$isOctDigit = function (_char) {
	return A3($elm$core$Char$between, 48, 55, _char);
};
var $elm$core$String$left = F2(
	function (n, string) {
		return (n < 1) ? '' : A3($elm$core$String$slice, 0, n, string);
	});
var $elm$core$String$lines = _String_lines;
var $elm$core$String$map = _String_map;
var $elm$core$String$fromChar = function (_char) {
	return A2($elm$core$String$cons, _char, '');
};
var $elm$core$String$repeat = _String_repeat;
var $elm$core$String$pad = F3(
	function (n, _char, string) {
		var half = (n - $elm$core$String$length(string)) / 2;
		return _Utils_ap(
			A2(
				$elm$core$String$repeat,
				$elm$core$Basics$ceiling(half),
				$elm$core$String$fromChar(_char)),
			_Utils_ap(
				string,
				A2(
					$elm$core$String$repeat,
					$elm$core$Basics$floor(half),
					$elm$core$String$fromChar(_char))));
	});
var $elm$core$String$padLeft = F3(
	function (n, _char, string) {
		return _Utils_ap(
			A2(
				$elm$core$String$repeat,
				n - $elm$core$String$length(string),
				$elm$core$String$fromChar(_char)),
			string);
	});
var $elm$core$String$reverse = _String_reverse;
var $elm$core$String$right = F2(
	function (n, string) {
		return (n < 1) ? '' : A3(
			$elm$core$String$slice,
			-n,
			$elm$core$String$length(string),
			string);
	});
var $elm$core$String$startsWith = _String_startsWith;
var $elm$core$String$toFloat = _String_toFloat;
var $elm$core$Char$toLower = _Char_toLower;
var $elm$core$Char$toUpper = _Char_toUpper;
var $elm$core$String$trim = _String_trim;
var $elm$core$String$words = _String_words;
var $author$project$Backend$Main$stringChecks = function (seed) {
	var n = A2($elm$core$Basics$modBy, 100000, seed);
	var text = 'a,b,,c ' + $elm$core$String$fromInt(n);
	return $author$project$Backend$Main$firstFailure(
		_List_fromArray(
			[
				A2(
				$author$project$Backend$Main$expect,
				'String.split and join',
				_Utils_eq(
					A2(
						$elm$core$String$join,
						',',
						A2($elm$core$String$split, ',', text)),
					text) && _Utils_eq(
					A2($elm$core$String$split, ',', 'a,b,,c'),
					_List_fromArray(
						['a', 'b', '', 'c']))),
				A2(
				$author$project$Backend$Main$expect,
				'String.toInt',
				_Utils_eq(
					$elm$core$String$toInt(
						$elm$core$String$fromInt(n)),
					$elm$core$Maybe$Just(n)) && (_Utils_eq(
					$elm$core$String$toInt(
						'-' + $elm$core$String$fromInt(n)),
					$elm$core$Maybe$Just(-n)) && (_Utils_eq(
					$elm$core$String$toInt('+5'),
					$elm$core$Maybe$Just(5)) && (_Utils_eq(
					$elm$core$String$toInt('5x'),
					$elm$core$Maybe$Nothing) && (_Utils_eq(
					$elm$core$String$toInt(''),
					$elm$core$Maybe$Nothing) && (_Utils_eq(
					$elm$core$String$toInt('-'),
					$elm$core$Maybe$Nothing) && _Utils_eq(
					$elm$core$String$toInt(' 5'),
					$elm$core$Maybe$Nothing))))))),
				A2(
				$author$project$Backend$Main$expect,
				'String.toFloat',
				_Utils_eq(
					$elm$core$String$toFloat('1.5'),
					$elm$core$Maybe$Just(1.5)) && (_Utils_eq(
					$elm$core$String$toFloat('-0.25'),
					$elm$core$Maybe$Just(-0.25)) && (_Utils_eq(
					$elm$core$String$toFloat('x'),
					$elm$core$Maybe$Nothing) && (_Utils_eq(
					$elm$core$String$toFloat(''),
					$elm$core$Maybe$Nothing) && _Utils_eq(
					$elm$core$String$toFloat('0x10'),
					$elm$core$Maybe$Nothing))))),
				A2(
				$author$project$Backend$Main$expect,
				'String.fromFloat',
				($elm$core$String$fromFloat(1.5) === '1.5') && ($elm$core$String$fromFloat(-2) === '-2')),
				A2(
				$author$project$Backend$Main$expect,
				'surrogate pairs are one Char',
				_Utils_eq(
					$elm$core$String$toList('a😀b'),
					_List_fromArray(
						['a', '😀', 'b'])) && (($elm$core$String$reverse('a😀b') === 'b😀a') && (($elm$core$String$length('😀') === 2) && (($elm$core$Char$toCode('😀') === 128512) && ($elm$core$Char$fromCode(128512) === '😀'))))),
				A2(
				$author$project$Backend$Main$expect,
				'String.fromList (String.toList s) == s',
				_Utils_eq(
					$elm$core$String$fromList(
						$elm$core$String$toList(text)),
					text)),
				A2(
				$author$project$Backend$Main$expect,
				'String.slice, left, right, drop',
				(A3($elm$core$String$slice, 1, 3, 'abcd') === 'bc') && ((A3($elm$core$String$slice, -3, -1, 'abcd') === 'bc') && ((A2($elm$core$String$left, 2, 'abc') === 'ab') && ((A2($elm$core$String$right, 2, 'abc') === 'bc') && ((A2($elm$core$String$dropLeft, 1, 'abc') === 'bc') && (A2($elm$core$String$dropRight, 1, 'abc') === 'ab')))))),
				A2(
				$author$project$Backend$Main$expect,
				'String.words and lines',
				_Utils_eq(
					$elm$core$String$words('  a b\tc\n'),
					_List_fromArray(
						['a', 'b', 'c'])) && _Utils_eq(
					$elm$core$String$lines('a\nb\u000D\nc'),
					_List_fromArray(
						['a', 'b', 'c']))),
				A2(
				$author$project$Backend$Main$expect,
				'String.indexes',
				_Utils_eq(
					A2($elm$core$String$indexes, 'aa', 'aaaa'),
					_List_fromArray(
						[0, 2])) && _Utils_eq(
					A2($elm$core$String$indexes, '', 'abc'),
					_List_Nil)),
				A2(
				$author$project$Backend$Main$expect,
				'String.padLeft, pad, repeat',
				(A3($elm$core$String$padLeft, 5, '0', '42') === '00042') && ((A3($elm$core$String$pad, 5, '*', '1') === '**1**') && (A2($elm$core$String$repeat, 3, 'ab') === 'ababab'))),
				A2(
				$author$project$Backend$Main$expect,
				'String.foldl, foldr, map, filter, any, all',
				(A3($elm$core$String$foldl, $elm$core$String$cons, '', 'abc') === 'cba') && ((A3($elm$core$String$foldr, $elm$core$String$cons, '', 'abc') === 'abc') && ((A2($elm$core$String$map, $elm$core$Char$toUpper, 'abc') === 'ABC') && ((A2($elm$core$String$filter, $elm$core$Char$isDigit, 'a1b2') === '12') && (A2($elm$core$String$any, $elm$core$Char$isDigit, 'a1') && (!A2($elm$core$String$all, $elm$core$Char$isDigit, 'a1'))))))),
				A2(
				$author$project$Backend$Main$expect,
				'String.uncons and cons',
				_Utils_eq(
					$elm$core$String$uncons('abc'),
					$elm$core$Maybe$Just(
						_Utils_Tuple2('a', 'bc'))) && (_Utils_eq(
					$elm$core$String$uncons(''),
					$elm$core$Maybe$Nothing) && (A2($elm$core$String$cons, 'x', 'yz') === 'xyz'))),
				A2(
				$author$project$Backend$Main$expect,
				'String.contains, startsWith, endsWith, trim',
				A2($elm$core$String$contains, 'b', 'abc') && (A2($elm$core$String$startsWith, 'ab', 'abc') && (A2($elm$core$String$endsWith, 'bc', 'abc') && ((!A2($elm$core$String$endsWith, 'ab', 'abc')) && ($elm$core$String$trim('  x ') === 'x'))))),
				A2(
				$author$project$Backend$Main$expect,
				'Char classes and case',
				$elm$core$Char$isUpper('A') && ((!$elm$core$Char$isUpper('a')) && ($elm$core$Char$isLower('z') && ($elm$core$Char$isHexDigit('f') && ((!$elm$core$Char$isHexDigit('g')) && ($elm$core$Char$isOctDigit('7') && ((!$elm$core$Char$isOctDigit('8')) && ($elm$core$Char$isAlphaNum('9') && ((!$elm$core$Char$isAlpha('_')) && (($elm$core$Char$toUpper('q') === 'Q') && ($elm$core$Char$toLower('Q') === 'q'))))))))))),
				A2(
				$author$project$Backend$Main$expect,
				'(++) on strings and lists',
				(('ab' + 'c') === 'abc') && (_Utils_eq(
					_Utils_ap(
						_List_fromArray(
							[1]),
						_List_fromArray(
							[2, 3])),
					_List_fromArray(
						[1, 2, 3])) && _Utils_eq(
					_Utils_ap(
						_List_Nil,
						_List_fromArray(
							[1])),
					_List_fromArray(
						[1]))))
			]));
};
var $author$project$Backend$Main$interfaceToHost_processEvent = F2(
	function (event, state) {
		var _v0 = $elm$core$String$toInt(event);
		if (!_v0.$) {
			var seed = _v0.a;
			var failures = A2(
				$elm$core$List$filterMap,
				function (check) {
					return check(
						A2($elm$core$Basics$modBy, 2147483647, (seed * 7919) + 1));
				},
				_List_fromArray(
					[$author$project$Backend$Main$dictModel, $author$project$Backend$Main$dictEquality, $author$project$Backend$Main$setModel, $author$project$Backend$Main$compareModel, $author$project$Backend$Main$equality, $author$project$Backend$Main$sorting, $author$project$Backend$Main$stringChecks, $author$project$Backend$Main$json, $author$project$Backend$Main$arrays, $author$project$Backend$Main$basics]));
			return _Utils_Tuple2(
				state + 1,
				$elm$core$List$isEmpty(failures) ? 'ok' : ('FAIL: ' + A2($elm$core$String$join, '; ', failures)));
		} else {
			return _Utils_Tuple2(state, 'error: a seed is a whole number');
		}
	});
var $author$project$Backend$Main$interfaceToHost_serializeState = $elm$core$String$fromInt;
var $elm$core$Platform$Cmd$batch = _Platform_batch;
var $elm$core$Platform$Cmd$none = $elm$core$Platform$Cmd$batch(_List_Nil);
var $elm$core$Platform$Sub$batch = _Platform_batch;
var $elm$core$Platform$Sub$none = $elm$core$Platform$Sub$batch(_List_Nil);
var $elm$core$Platform$worker = _Platform_worker;
var $author$project$Persist$keepAlive = function (app) {
	return $elm$core$Platform$worker(
		{
			j: function (_v0) {
				return _Utils_Tuple2(app, $elm$core$Platform$Cmd$none);
			},
			o: function (_v1) {
				return $elm$core$Platform$Sub$none;
			},
			p: F2(
				function (_v2, model) {
					return _Utils_Tuple2(model, $elm$core$Platform$Cmd$none);
				})
		});
};
var $author$project$Persist$worker = $author$project$Persist$keepAlive;
var $author$project$Backend$Main$main = $author$project$Persist$worker(
	{i: $author$project$Backend$Main$interfaceToHost_deserializeState, k: $author$project$Backend$Main$interfaceToHost_initState, m: $author$project$Backend$Main$interfaceToHost_processEvent, n: $author$project$Backend$Main$interfaceToHost_serializeState});
_Platform_export({'Backend':{'Main':{'init':$author$project$Backend$Main$main(
	$elm$json$Json$Decode$succeed(0))(0)}}});}(this));