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
	impl.q(flags.a);
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
var $elm$core$Basics$EQ = 1;
var $elm$core$Basics$GT = 2;
var $elm$core$Basics$LT = 0;
var $elm$core$Result$Err = function (a) {
	return {$: 1, a: a};
};
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
var $elm$core$Result$Ok = function (a) {
	return {$: 0, a: a};
};
var $elm$json$Json$Decode$OneOf = function (a) {
	return {$: 2, a: a};
};
var $elm$core$Basics$False = 1;
var $elm$core$Basics$True = 0;
var $elm$core$Result$isOk = function (result) {
	if (!result.$) {
		return true;
	} else {
		return false;
	}
};
var $elm$json$Json$Decode$decodeString = _Json_runOnString;
var $elm$core$Basics$add = _Basics_add;
var $elm$core$Basics$append = _Utils_append;
var $elm$json$Json$Encode$encode = _Json_encode;
var $elm$core$Maybe$Just = function (a) {
	return {$: 0, a: a};
};
var $elm$core$Maybe$Nothing = {$: 1};
var $elm$core$String$all = _String_all;
var $elm$core$Basics$and = _Basics_and;
var $elm$core$Basics$le = _Utils_le;
var $elm$core$Char$toCode = _Char_toCode;
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
var $elm$core$Basics$or = _Basics_or;
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
var $elm$core$String$fromInt = _String_fromNumber;
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
var $elm$json$Json$Decode$indent = function (text) {
	return A2(
		$elm$core$String$join,
		'\n    ',
		A2($elm$core$String$split, '\n', text));
};
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
var $elm$core$Basics$sub = _Basics_sub;
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
var $elm$core$List$isEmpty = function (xs) {
	if (!xs.b) {
		return true;
	} else {
		return false;
	}
};
var $elm$core$String$concat = function (strings) {
	return A2($elm$core$String$join, '', strings);
};
var $elm$core$List$reverse = function (list) {
	return A3($elm$core$List$foldl, $elm$core$List$cons, _List_Nil, list);
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
var $elm$json$Json$Decode$field = _Json_decodeField;
var $elm$json$Json$Decode$int = _Json_decodeInt;
var $elm$core$Dict$RBEmpty_elm_builtin = {$: -2};
var $elm$core$Dict$empty = $elm$core$Dict$RBEmpty_elm_builtin;
var $elm$core$Dict$RBNode_elm_builtin = F5(
	function (a, b, c, d, e) {
		return {$: -1, a: a, b: b, c: c, d: d, e: e};
	});
var $elm$core$Basics$ge = _Utils_ge;
var $elm$core$Basics$gt = _Utils_gt;
var $elm$core$Dict$height = function (dict) {
	if (dict.$ === -1) {
		var h = dict.a;
		return h;
	} else {
		return 0;
	}
};
var $elm$core$Basics$max = F2(
	function (x, y) {
		return (_Utils_cmp(x, y) > 0) ? x : y;
	});
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
var $elm$core$Basics$compare = _Utils_compare;
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
var $elm$json$Json$Decode$index = _Json_decodeIndex;
var $elm$json$Json$Decode$map2 = _Json_map2;
var $elm$core$Tuple$pair = F2(
	function (a, b) {
		return _Utils_Tuple2(a, b);
	});
var $author$project$Generated$Persist$jsonDecode_Tuple2 = F2(
	function (decode_a, decode_b) {
		return A3(
			$elm$json$Json$Decode$map2,
			$elm$core$Tuple$pair,
			A2($elm$json$Json$Decode$index, 0, decode_a),
			A2($elm$json$Json$Decode$index, 1, decode_b));
	});
var $elm$json$Json$Decode$list = _Json_decodeList;
var $elm$json$Json$Decode$map = _Json_map1;
var $author$project$Generated$Persist$jsonDecode_Dict = F2(
	function (decode_k, decode_v) {
		return A2(
			$elm$json$Json$Decode$map,
			$elm$core$Dict$fromList,
			$elm$json$Json$Decode$list(
				A2($author$project$Generated$Persist$jsonDecode_Tuple2, decode_k, decode_v)));
	});
var $elm$json$Json$Decode$map4 = _Json_map4;
var $elm$json$Json$Decode$string = _Json_decodeString;
var $author$project$Generated$Persist$jsonDecode_Game_State_Move = A5(
	$elm$json$Json$Decode$map4,
	F4(
		function (x1, x2, x3, x4) {
			return {c: x1, j: x4, k: x2, l: x3};
		}),
	A2($elm$json$Json$Decode$field, 'player', $elm$json$Json$Decode$string),
	A2($elm$json$Json$Decode$field, 'x', $elm$json$Json$Decode$int),
	A2($elm$json$Json$Decode$field, 'y', $elm$json$Json$Decode$int),
	A2($elm$json$Json$Decode$field, 'time', $elm$json$Json$Decode$int));
var $elm$json$Json$Decode$map5 = _Json_map5;
var $author$project$Generated$Persist$jsonDecode_Game_State_Player = A6(
	$elm$json$Json$Decode$map5,
	F5(
		function (x1, x2, x3, x4, x5) {
			return {i: x5, g: x4, m: x3, f: x1, d: x2};
		}),
	A2($elm$json$Json$Decode$field, 'name', $elm$json$Json$Decode$string),
	A2($elm$json$Json$Decode$field, 'score', $elm$json$Json$Decode$int),
	A2($elm$json$Json$Decode$field, 'lastMoveTime', $elm$json$Json$Decode$int),
	A2($elm$json$Json$Decode$field, 'color', $elm$json$Json$Decode$int),
	A2($elm$json$Json$Decode$field, 'captures', $elm$json$Json$Decode$int));
var $author$project$Generated$Persist$jsonDecode_Game_State_State = A6(
	$elm$json$Json$Decode$map5,
	F5(
		function (x1, x2, x3, x4, x5) {
			return {b: x3, h: x2, a: x4, n: x5, e: x1};
		}),
	A2($elm$json$Json$Decode$field, 'width', $elm$json$Json$Decode$int),
	A2($elm$json$Json$Decode$field, 'height', $elm$json$Json$Decode$int),
	A2(
		$elm$json$Json$Decode$field,
		'board',
		A2(
			$author$project$Generated$Persist$jsonDecode_Dict,
			A2($author$project$Generated$Persist$jsonDecode_Tuple2, $elm$json$Json$Decode$int, $elm$json$Json$Decode$int),
			$elm$json$Json$Decode$string)),
	A2(
		$elm$json$Json$Decode$field,
		'players',
		A2($author$project$Generated$Persist$jsonDecode_Dict, $elm$json$Json$Decode$string, $author$project$Generated$Persist$jsonDecode_Game_State_Player)),
	A2(
		$elm$json$Json$Decode$field,
		'recentMoves',
		$elm$json$Json$Decode$list($author$project$Generated$Persist$jsonDecode_Game_State_Move)));
var $elm$core$Result$mapError = F2(
	function (f, result) {
		if (!result.$) {
			var value = result.a;
			return $elm$core$Result$Ok(value);
		} else {
			var e = result.a;
			return $elm$core$Result$Err(
				f(e));
		}
	});
var $author$project$Generated$Persist$deserializeState = function (x1) {
	return A2(
		$elm$core$Result$mapError,
		$elm$json$Json$Decode$errorToString,
		A2($elm$json$Json$Decode$decodeString, $author$project$Generated$Persist$jsonDecode_Game_State_State, x1));
};
var $author$project$Backend$Main$interfaceToHost_deserializeState = $author$project$Generated$Persist$deserializeState;
var $author$project$Game$Rules$initState = {b: $elm$core$Dict$empty, h: 0, a: $elm$core$Dict$empty, n: _List_Nil, e: 0};
var $author$project$Backend$Main$interfaceToHost_initState = $author$project$Game$Rules$initState;
var $author$project$Migrate$V1$jsonDecode_Tuple2 = F2(
	function (decode_a, decode_b) {
		return A3(
			$elm$json$Json$Decode$map2,
			$elm$core$Tuple$pair,
			A2($elm$json$Json$Decode$index, 0, decode_a),
			A2($elm$json$Json$Decode$index, 1, decode_b));
	});
var $author$project$Migrate$V1$jsonDecode_Dict = F2(
	function (decode_k, decode_v) {
		return A2(
			$elm$json$Json$Decode$map,
			$elm$core$Dict$fromList,
			$elm$json$Json$Decode$list(
				A2($author$project$Migrate$V1$jsonDecode_Tuple2, decode_k, decode_v)));
	});
var $author$project$Migrate$V1$jsonDecode_Game_State_Move = A5(
	$elm$json$Json$Decode$map4,
	F4(
		function (x1, x2, x3, x4) {
			return {c: x1, j: x4, k: x2, l: x3};
		}),
	A2($elm$json$Json$Decode$field, 'player', $elm$json$Json$Decode$string),
	A2($elm$json$Json$Decode$field, 'x', $elm$json$Json$Decode$int),
	A2($elm$json$Json$Decode$field, 'y', $elm$json$Json$Decode$int),
	A2($elm$json$Json$Decode$field, 'time', $elm$json$Json$Decode$int));
var $author$project$Migrate$V1$jsonDecode_Game_State_Player = A5(
	$elm$json$Json$Decode$map4,
	F4(
		function (x1, x2, x3, x4) {
			return {g: x4, m: x3, f: x1, d: x2};
		}),
	A2($elm$json$Json$Decode$field, 'name', $elm$json$Json$Decode$string),
	A2($elm$json$Json$Decode$field, 'score', $elm$json$Json$Decode$int),
	A2($elm$json$Json$Decode$field, 'lastMoveTime', $elm$json$Json$Decode$int),
	A2($elm$json$Json$Decode$field, 'color', $elm$json$Json$Decode$int));
var $author$project$Migrate$V1$jsonDecode_Game_State_State = A6(
	$elm$json$Json$Decode$map5,
	F5(
		function (x1, x2, x3, x4, x5) {
			return {b: x3, h: x2, a: x4, n: x5, e: x1};
		}),
	A2($elm$json$Json$Decode$field, 'width', $elm$json$Json$Decode$int),
	A2($elm$json$Json$Decode$field, 'height', $elm$json$Json$Decode$int),
	A2(
		$elm$json$Json$Decode$field,
		'board',
		A2(
			$author$project$Migrate$V1$jsonDecode_Dict,
			A2($author$project$Migrate$V1$jsonDecode_Tuple2, $elm$json$Json$Decode$int, $elm$json$Json$Decode$int),
			$elm$json$Json$Decode$string)),
	A2(
		$elm$json$Json$Decode$field,
		'players',
		A2($author$project$Migrate$V1$jsonDecode_Dict, $elm$json$Json$Decode$string, $author$project$Migrate$V1$jsonDecode_Game_State_Player)),
	A2(
		$elm$json$Json$Decode$field,
		'recentMoves',
		$elm$json$Json$Decode$list($author$project$Migrate$V1$jsonDecode_Game_State_Move)));
var $author$project$Migrate$V1$decodeState = $author$project$Migrate$V1$jsonDecode_Game_State_State;
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
var $author$project$Migrate$migrate_Game_State_Move = function (x1) {
	return x1;
};
var $author$project$Migrate$migrate_Game_State_Player = function (x1) {
	return {i: 0, g: x1.g, m: x1.m, f: x1.f, d: x1.d};
};
var $author$project$Migrate$migrate_Game_State_State = function (x1) {
	return {
		b: x1.b,
		h: x1.h,
		a: A2(
			$elm$core$Dict$map,
			F2(
				function (_v0, x2) {
					return $author$project$Migrate$migrate_Game_State_Player(x2);
				}),
			x1.a),
		n: A2($elm$core$List$map, $author$project$Migrate$migrate_Game_State_Move, x1.n),
		e: x1.e
	};
};
var $author$project$Migrate$migrateFromSerialized = function (x1) {
	var _v0 = $author$project$Generated$Persist$deserializeState(x1);
	if (!_v0.$) {
		var x2 = _v0.a;
		return $elm$core$Result$Ok(x2);
	} else {
		var x2 = _v0.a;
		var _v1 = A2($elm$json$Json$Decode$decodeString, $author$project$Migrate$V1$decodeState, x1);
		if (!_v1.$) {
			var x3 = _v1.a;
			return $elm$core$Result$Ok(
				$author$project$Migrate$migrate_Game_State_State(x3));
		} else {
			var x3 = _v1.a;
			return $elm$core$Result$Err(
				'neither this version\'s state (' + (x2 + (') nor the previous version\'s (' + ($elm$json$Json$Decode$errorToString(x3) + ')'))));
		}
	}
};
var $author$project$Backend$Main$interfaceToHost_migrateFromSerialized = $author$project$Migrate$migrateFromSerialized;
var $elm$json$Json$Encode$bool = _Json_wrap;
var $elm$json$Json$Encode$object = _Json_encodeObject;
var $author$project$Game$Rules$answer = function (fields) {
	return A2(
		$elm$json$Json$Encode$encode,
		0,
		$elm$json$Json$Encode$object(
			A2(
				$elm$core$List$cons,
				_Utils_Tuple2(
					'ok',
					$elm$json$Json$Encode$bool(true)),
				fields)));
};
var $elm$core$Basics$eq = _Utils_equal;
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
var $elm$json$Json$Encode$int = _Json_wrap;
var $elm$core$Basics$lt = _Utils_lt;
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
var $elm$core$Basics$apR = F2(
	function (x, f) {
		return f(x);
	});
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
var $author$project$Game$Rules$ownNeighbours = F3(
	function (id, _v0, board) {
		var x = _v0.a;
		var y = _v0.b;
		return $elm$core$List$length(
			A2(
				$elm$core$List$filter,
				function (cell) {
					return _Utils_eq(
						A2($elm$core$Dict$get, cell, board),
						$elm$core$Maybe$Just(id));
				},
				_List_fromArray(
					[
						_Utils_Tuple2(x - 1, y),
						_Utils_Tuple2(x + 1, y),
						_Utils_Tuple2(x, y - 1),
						_Utils_Tuple2(x, y + 1)
					])));
	});
var $elm$json$Json$Encode$string = _Json_wrap;
var $author$project$Game$Rules$refuse = F2(
	function (state, message) {
		return _Utils_Tuple2(
			state,
			A2(
				$elm$json$Json$Encode$encode,
				0,
				$elm$json$Json$Encode$object(
					_List_fromArray(
						[
							_Utils_Tuple2(
							'ok',
							$elm$json$Json$Encode$bool(false)),
							_Utils_Tuple2(
							'error',
							$elm$json$Json$Encode$string(message))
						]))));
	});
var $author$project$Game$Rules$recentLimit = 20;
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
var $author$project$Game$Rules$take = F3(
	function (move, player, state) {
		var moved = _Utils_update(
			player,
			{m: move.j, d: player.d + 1});
		return _Utils_Tuple2(
			_Utils_update(
				state,
				{
					b: A3(
						$elm$core$Dict$insert,
						_Utils_Tuple2(move.k, move.l),
						move.c,
						state.b),
					a: A3($elm$core$Dict$insert, move.c, moved, state.a),
					n: A2(
						$elm$core$List$take,
						$author$project$Game$Rules$recentLimit,
						A2($elm$core$List$cons, move, state.n))
				}),
			moved);
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
var $author$project$Game$Rules$claim = F3(
	function (move, player, state) {
		var cell = _Utils_Tuple2(move.k, move.l);
		var neighbours = A3($author$project$Game$Rules$ownNeighbours, move.c, cell, state.b);
		var _v0 = A2($elm$core$Dict$get, cell, state.b);
		if (!_v0.$) {
			var owner = _v0.a;
			if (_Utils_eq(owner, move.c)) {
				return A2($author$project$Game$Rules$refuse, state, 'the cell is yours already');
			} else {
				if (neighbours < 2) {
					return A2($author$project$Game$Rules$refuse, state, 'the cell belongs to ' + owner);
				} else {
					var _v1 = A3(
						$author$project$Game$Rules$take,
						move,
						_Utils_update(
							player,
							{i: player.i + 1}),
						state);
					var next = _v1.a;
					var moved = _v1.b;
					var players = A3(
						$elm$core$Dict$update,
						owner,
						$elm$core$Maybe$map(
							function (o) {
								return _Utils_update(
									o,
									{d: o.d - 1});
							}),
						next.a);
					return _Utils_Tuple2(
						_Utils_update(
							next,
							{a: players}),
						$author$project$Game$Rules$answer(
							_List_fromArray(
								[
									_Utils_Tuple2(
									'score',
									$elm$json$Json$Encode$int(moved.d)),
									_Utils_Tuple2(
									'captured',
									$elm$json$Json$Encode$string(owner))
								])));
				}
			}
		} else {
			if (neighbours < 1) {
				return A2($author$project$Game$Rules$refuse, state, 'not next to your territory');
			} else {
				var _v2 = A3($author$project$Game$Rules$take, move, player, state);
				var next = _v2.a;
				var moved = _v2.b;
				return _Utils_Tuple2(
					next,
					$author$project$Game$Rules$answer(
						_List_fromArray(
							[
								_Utils_Tuple2(
								'score',
								$elm$json$Json$Encode$int(moved.d))
							])));
			}
		}
	});
var $author$project$Game$Rules$maxSide = 200;
var $author$project$Game$Rules$create = F3(
	function (width, height, state) {
		return (state.e > 0) ? A2($author$project$Game$Rules$refuse, state, 'the board exists already') : (((width < 1) || ((height < 1) || ((_Utils_cmp(width, $author$project$Game$Rules$maxSide) > 0) || (_Utils_cmp(height, $author$project$Game$Rules$maxSide) > 0)))) ? A2(
			$author$project$Game$Rules$refuse,
			state,
			'width and height must be 1 to ' + $elm$core$String$fromInt($author$project$Game$Rules$maxSide)) : _Utils_Tuple2(
			_Utils_update(
				state,
				{h: height, e: width}),
			$author$project$Game$Rules$answer(
				_List_fromArray(
					[
						_Utils_Tuple2(
						'width',
						$elm$json$Json$Encode$int(width)),
						_Utils_Tuple2(
						'height',
						$elm$json$Json$Encode$int(height))
					]))));
	});
var $elm$json$Json$Encode$list = _Json_encodeList;
var $author$project$Game$Rules$describePlayer = F3(
	function (id, player, state) {
		return _List_fromArray(
			[
				_Utils_Tuple2(
				'player',
				$elm$json$Json$Encode$string(id)),
				_Utils_Tuple2(
				'name',
				$elm$json$Json$Encode$string(player.f)),
				_Utils_Tuple2(
				'score',
				$elm$json$Json$Encode$int(player.d)),
				_Utils_Tuple2(
				'color',
				$elm$json$Json$Encode$int(player.g)),
				_Utils_Tuple2(
				'captures',
				$elm$json$Json$Encode$int(player.i)),
				_Utils_Tuple2(
				'lastMoveTime',
				$elm$json$Json$Encode$int(player.m)),
				_Utils_Tuple2(
				'cells',
				A2(
					$elm$json$Json$Encode$list,
					function (_v1) {
						var _v2 = _v1.a;
						var x = _v2.a;
						var y = _v2.b;
						return A2(
							$elm$json$Json$Encode$list,
							$elm$json$Json$Encode$int,
							_List_fromArray(
								[x, y]));
					},
					A2(
						$elm$core$List$filter,
						function (_v0) {
							var owner = _v0.b;
							return _Utils_eq(owner, id);
						},
						$elm$core$Dict$toList(state.b))))
			]);
	});
var $author$project$Game$Rules$encodeRank = function (_v0) {
	var id = _v0.a;
	var player = _v0.b;
	return $elm$json$Json$Encode$object(
		_List_fromArray(
			[
				_Utils_Tuple2(
				'player',
				$elm$json$Json$Encode$string(id)),
				_Utils_Tuple2(
				'name',
				$elm$json$Json$Encode$string(player.f)),
				_Utils_Tuple2(
				'score',
				$elm$json$Json$Encode$int(player.d)),
				_Utils_Tuple2(
				'captures',
				$elm$json$Json$Encode$int(player.i))
			]));
};
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
var $author$project$Game$Rules$moveInterval = 200;
var $elm$core$Basics$neq = _Utils_notEqual;
var $elm$core$List$sortWith = _List_sortWith;
var $author$project$Game$Rules$ranking = function (state) {
	return A2(
		$elm$core$List$sortWith,
		F2(
			function (_v0, _v1) {
				var idA = _v0.a;
				var a = _v0.b;
				var idB = _v1.a;
				var b = _v1.b;
				var _v2 = A2($elm$core$Basics$compare, b.d, a.d);
				if (_v2 === 1) {
					return A2(
						$elm$core$Basics$compare,
						_Utils_Tuple2(a.f, idA),
						_Utils_Tuple2(b.f, idB));
				} else {
					var order = _v2;
					return order;
				}
			}),
		$elm$core$Dict$toList(state.a));
};
var $elm$core$Basics$identity = function (x) {
	return x;
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
var $elm$core$Set$member = F2(
	function (key, _v0) {
		var dict = _v0;
		return A2($elm$core$Dict$member, key, dict);
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
var $author$project$Game$Rules$firstFreeColor = F2(
	function (players, candidate) {
		firstFreeColor:
		while (true) {
			var used = $elm$core$Set$fromList(
				A2(
					$elm$core$List$map,
					function ($) {
						return $.g;
					},
					$elm$core$Dict$values(players)));
			if (A2($elm$core$Set$member, candidate, used)) {
				var $temp$players = players,
					$temp$candidate = candidate + 1;
				players = $temp$players;
				candidate = $temp$candidate;
				continue firstFreeColor;
			} else {
				return candidate;
			}
		}
	});
var $elm$core$Basics$modBy = _Basics_modBy;
var $elm$core$Basics$mul = _Basics_mul;
var $elm$core$Basics$idiv = _Basics_idiv;
var $elm$core$List$sortBy = _List_sortBy;
var $elm$core$List$sort = function (xs) {
	return A2($elm$core$List$sortBy, $elm$core$Basics$identity, xs);
};
var $author$project$Game$Rules$nthFreeCell = F2(
	function (state, k) {
		var index = A3(
			$elm$core$List$foldl,
			F2(
				function (used, i) {
					return (_Utils_cmp(used, i) < 1) ? (i + 1) : i;
				}),
			k,
			$elm$core$List$sort(
				A2(
					$elm$core$List$map,
					function (_v0) {
						var x = _v0.a;
						var y = _v0.b;
						return (y * state.e) + x;
					},
					$elm$core$Dict$keys(state.b))));
		return _Utils_Tuple2(
			A2($elm$core$Basics$modBy, state.e, index),
			(index / state.e) | 0);
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
var $author$project$Game$Rules$spawn = F2(
	function (join, state) {
		var free = (state.e * state.h) - $elm$core$Dict$size(state.b);
		if (free <= 0) {
			return A2($author$project$Game$Rules$refuse, state, 'the board is full');
		} else {
			var color = A2($author$project$Game$Rules$firstFreeColor, state.a, 0);
			var player = {i: 0, g: color, m: join.j, f: join.f, d: 1};
			var _v0 = A2(
				$author$project$Game$Rules$nthFreeCell,
				state,
				A2($elm$core$Basics$modBy, free, join.o));
			var x = _v0.a;
			var y = _v0.b;
			return _Utils_Tuple2(
				_Utils_update(
					state,
					{
						b: A3(
							$elm$core$Dict$insert,
							_Utils_Tuple2(x, y),
							join.c,
							state.b),
						a: A3($elm$core$Dict$insert, join.c, player, state.a)
					}),
				$author$project$Game$Rules$answer(
					_List_fromArray(
						[
							_Utils_Tuple2(
							'player',
							$elm$json$Json$Encode$string(join.c)),
							_Utils_Tuple2(
							'x',
							$elm$json$Json$Encode$int(x)),
							_Utils_Tuple2(
							'y',
							$elm$json$Json$Encode$int(y)),
							_Utils_Tuple2(
							'color',
							$elm$json$Json$Encode$int(color))
						])));
		}
	});
var $elm$core$String$length = _String_length;
var $elm$core$String$slice = _String_slice;
var $author$project$Game$Rules$colorChar = function (color) {
	var chars = '0123456789abcdefghijklmnopqrstuvwxyz';
	return (color < 0) ? '?' : ((_Utils_cmp(
		color,
		$elm$core$String$length(chars)) > -1) ? '+' : A3($elm$core$String$slice, color, color + 1, chars));
};
var $elm$core$Basics$composeR = F3(
	function (f, g, x) {
		return g(
			f(x));
	});
var $elm$core$List$foldr = F3(
	function (f, acc, list) {
		return A3(
			$elm$core$List$foldl,
			f,
			acc,
			$elm$core$List$reverse(list));
	});
var $elm$core$Basics$negate = function (n) {
	return -n;
};
var $elm$core$String$repeat = _String_repeat;
var $elm$core$Tuple$second = function (_v0) {
	var b = _v0.b;
	return b;
};
var $elm$core$Maybe$withDefault = F2(
	function (fallback, maybe) {
		if (!maybe.$) {
			var value = maybe.a;
			return value;
		} else {
			return fallback;
		}
	});
var $author$project$Game$Rules$view = function (state) {
	var colorOf = function (id) {
		return A2(
			$elm$core$Maybe$withDefault,
			-1,
			A2(
				$elm$core$Maybe$map,
				function ($) {
					return $.g;
				},
				A2($elm$core$Dict$get, id, state.a)));
	};
	var claimedByRow = A3(
		$elm$core$Dict$foldl,
		F3(
			function (_v4, owner, rows) {
				var x = _v4.a;
				var y = _v4.b;
				return A3(
					$elm$core$Dict$update,
					y,
					function (cells) {
						return $elm$core$Maybe$Just(
							A2(
								$elm$core$List$cons,
								_Utils_Tuple2(
									x,
									$author$project$Game$Rules$colorChar(
										colorOf(owner))),
								A2($elm$core$Maybe$withDefault, _List_Nil, cells)));
					},
					rows);
			}),
		$elm$core$Dict$empty,
		state.b);
	var row = function (y) {
		var _v1 = A3(
			$elm$core$List$foldr,
			F2(
				function (_v2, _v3) {
					var x = _v2.a;
					var c = _v2.b;
					var acc = _v3.a;
					var from = _v3.b;
					return _Utils_Tuple2(
						_Utils_ap(
							acc,
							_Utils_ap(
								A2($elm$core$String$repeat, x - from, '.'),
								c)),
						x + 1);
				}),
			_Utils_Tuple2('', 0),
			A2(
				$elm$core$Maybe$withDefault,
				_List_Nil,
				A2($elm$core$Dict$get, y, claimedByRow)));
		var text = _v1.a;
		var next = _v1.b;
		return _Utils_ap(
			text,
			A2($elm$core$String$repeat, state.e - next, '.'));
	};
	return _List_fromArray(
		[
			_Utils_Tuple2(
			'width',
			$elm$json$Json$Encode$int(state.e)),
			_Utils_Tuple2(
			'height',
			$elm$json$Json$Encode$int(state.h)),
			_Utils_Tuple2(
			'rows',
			A2(
				$elm$json$Json$Encode$list,
				A2($elm$core$Basics$composeR, row, $elm$json$Json$Encode$string),
				A2($elm$core$List$range, 0, state.h - 1))),
			_Utils_Tuple2(
			'players',
			A2(
				$elm$json$Json$Encode$list,
				function (_v0) {
					var id = _v0.a;
					var player = _v0.b;
					return $elm$json$Json$Encode$object(
						_List_fromArray(
							[
								_Utils_Tuple2(
								'player',
								$elm$json$Json$Encode$string(id)),
								_Utils_Tuple2(
								'name',
								$elm$json$Json$Encode$string(player.f)),
								_Utils_Tuple2(
								'color',
								$elm$json$Json$Encode$int(player.g)),
								_Utils_Tuple2(
								'score',
								$elm$json$Json$Encode$int(player.d))
							]));
				},
				A2(
					$elm$core$List$sortBy,
					A2(
						$elm$core$Basics$composeR,
						$elm$core$Tuple$second,
						function ($) {
							return $.g;
						}),
					$elm$core$Dict$toList(state.a))))
		]);
};
var $author$project$Game$Rules$apply = F2(
	function (event, state) {
		switch (event.$) {
			case 0:
				var width = event.a;
				var height = event.b;
				return A3($author$project$Game$Rules$create, width, height, state);
			case 1:
				var join = event.a;
				return (!state.e) ? A2($author$project$Game$Rules$refuse, state, 'there is no board yet') : (A2($elm$core$Dict$member, join.c, state.a) ? A2($author$project$Game$Rules$refuse, state, 'player ' + (join.c + ' has joined already')) : A2($author$project$Game$Rules$spawn, join, state));
			case 2:
				var move = event.a;
				var _v1 = A2($elm$core$Dict$get, move.c, state.a);
				if (_v1.$ === 1) {
					return A2($author$project$Game$Rules$refuse, state, 'unknown player: ' + move.c);
				} else {
					var player = _v1.a;
					return (_Utils_cmp(move.j, player.m + $author$project$Game$Rules$moveInterval) < 0) ? A2($author$project$Game$Rules$refuse, state, 'out of turn') : (((move.k < 0) || ((move.l < 0) || ((_Utils_cmp(move.k, state.e) > -1) || (_Utils_cmp(move.l, state.h) > -1)))) ? A2($author$project$Game$Rules$refuse, state, 'off the board') : A3($author$project$Game$Rules$claim, move, player, state));
				}
			case 3:
				var id = event.a;
				return A2($elm$core$Dict$member, id, state.a) ? _Utils_Tuple2(
					_Utils_update(
						state,
						{
							b: A2(
								$elm$core$Dict$filter,
								F2(
									function (_v2, owner) {
										return !_Utils_eq(owner, id);
									}),
								state.b),
							a: A2($elm$core$Dict$remove, id, state.a)
						}),
					$author$project$Game$Rules$answer(_List_Nil)) : A2($author$project$Game$Rules$refuse, state, 'unknown player: ' + id);
			case 4:
				var limit = event.a;
				return (limit < 1) ? A2($author$project$Game$Rules$refuse, state, 'the limit must be at least 1') : _Utils_Tuple2(
					state,
					$author$project$Game$Rules$answer(
						_List_fromArray(
							[
								_Utils_Tuple2(
								'leaderboard',
								A2(
									$elm$json$Json$Encode$list,
									$author$project$Game$Rules$encodeRank,
									A2(
										$elm$core$List$take,
										limit,
										$author$project$Game$Rules$ranking(state))))
							])));
			case 5:
				return _Utils_Tuple2(
					state,
					$author$project$Game$Rules$answer(
						$author$project$Game$Rules$view(state)));
			default:
				var id = event.a;
				var _v3 = A2($elm$core$Dict$get, id, state.a);
				if (!_v3.$) {
					var player = _v3.a;
					return _Utils_Tuple2(
						state,
						$author$project$Game$Rules$answer(
							A3($author$project$Game$Rules$describePlayer, id, player, state)));
				} else {
					return A2($author$project$Game$Rules$refuse, state, 'unknown player: ' + id);
				}
		}
	});
var $elm$json$Json$Decode$andThen = _Json_andThen;
var $author$project$Game$Rules$Create = F2(
	function (a, b) {
		return {$: 0, a: a, b: b};
	});
var $author$project$Game$Rules$Join = function (a) {
	return {$: 1, a: a};
};
var $author$project$Game$Rules$Leaderboard = function (a) {
	return {$: 4, a: a};
};
var $author$project$Game$Rules$Leave = function (a) {
	return {$: 3, a: a};
};
var $author$project$Game$Rules$MoveTo = function (a) {
	return {$: 2, a: a};
};
var $author$project$Game$Rules$PlayerInfo = function (a) {
	return {$: 6, a: a};
};
var $author$project$Game$Rules$View = {$: 5};
var $elm$json$Json$Decode$fail = _Json_fail;
var $elm$json$Json$Decode$succeed = _Json_succeed;
var $author$project$Game$Rules$eventOfType = function (kind) {
	switch (kind) {
		case 'create':
			return A3(
				$elm$json$Json$Decode$map2,
				$author$project$Game$Rules$Create,
				A2($elm$json$Json$Decode$field, 'width', $elm$json$Json$Decode$int),
				A2($elm$json$Json$Decode$field, 'height', $elm$json$Json$Decode$int));
		case 'join':
			return A5(
				$elm$json$Json$Decode$map4,
				F4(
					function (p, n, t, r) {
						return $author$project$Game$Rules$Join(
							{f: n, c: p, o: r, j: t});
					}),
				A2($elm$json$Json$Decode$field, 'player', $elm$json$Json$Decode$string),
				A2($elm$json$Json$Decode$field, 'name', $elm$json$Json$Decode$string),
				A2($elm$json$Json$Decode$field, 'time', $elm$json$Json$Decode$int),
				A2($elm$json$Json$Decode$field, 'random', $elm$json$Json$Decode$int));
		case 'move':
			return A5(
				$elm$json$Json$Decode$map4,
				F4(
					function (p, x, y, t) {
						return $author$project$Game$Rules$MoveTo(
							{c: p, j: t, k: x, l: y});
					}),
				A2($elm$json$Json$Decode$field, 'player', $elm$json$Json$Decode$string),
				A2($elm$json$Json$Decode$field, 'x', $elm$json$Json$Decode$int),
				A2($elm$json$Json$Decode$field, 'y', $elm$json$Json$Decode$int),
				A2($elm$json$Json$Decode$field, 'time', $elm$json$Json$Decode$int));
		case 'leave':
			return A2(
				$elm$json$Json$Decode$map,
				$author$project$Game$Rules$Leave,
				A2($elm$json$Json$Decode$field, 'player', $elm$json$Json$Decode$string));
		case 'leaderboard':
			return A2(
				$elm$json$Json$Decode$map,
				$author$project$Game$Rules$Leaderboard,
				A2($elm$json$Json$Decode$field, 'limit', $elm$json$Json$Decode$int));
		case 'view':
			return $elm$json$Json$Decode$succeed($author$project$Game$Rules$View);
		case 'player':
			return A2(
				$elm$json$Json$Decode$map,
				$author$project$Game$Rules$PlayerInfo,
				A2($elm$json$Json$Decode$field, 'player', $elm$json$Json$Decode$string));
		default:
			return $elm$json$Json$Decode$fail('unknown event type: ' + kind);
	}
};
var $author$project$Game$Rules$eventDecoder = A2(
	$elm$json$Json$Decode$andThen,
	$author$project$Game$Rules$eventOfType,
	A2($elm$json$Json$Decode$field, 'type', $elm$json$Json$Decode$string));
var $author$project$Game$Rules$processEvent = F2(
	function (text, state) {
		var _v0 = A2($elm$json$Json$Decode$decodeString, $author$project$Game$Rules$eventDecoder, text);
		if (!_v0.$) {
			var event = _v0.a;
			return A2($author$project$Game$Rules$apply, event, state);
		} else {
			var error = _v0.a;
			return A2(
				$author$project$Game$Rules$refuse,
				state,
				$elm$json$Json$Decode$errorToString(error));
		}
	});
var $author$project$Backend$Main$interfaceToHost_processEvent = $author$project$Game$Rules$processEvent;
var $author$project$Generated$Persist$jsonEncode_Tuple2 = F3(
	function (encode_a, encode_b, _v0) {
		var x1 = _v0.a;
		var x2 = _v0.b;
		return A2(
			$elm$json$Json$Encode$list,
			$elm$core$Basics$identity,
			_List_fromArray(
				[
					encode_a(x1),
					encode_b(x2)
				]));
	});
var $author$project$Generated$Persist$jsonEncode_Dict = F3(
	function (encode_k, encode_v, x1) {
		return A2(
			$elm$json$Json$Encode$list,
			A2($author$project$Generated$Persist$jsonEncode_Tuple2, encode_k, encode_v),
			$elm$core$Dict$toList(x1));
	});
var $author$project$Generated$Persist$jsonEncode_Game_State_Move = function (x1) {
	return $elm$json$Json$Encode$object(
		_List_fromArray(
			[
				_Utils_Tuple2(
				'player',
				$elm$json$Json$Encode$string(x1.c)),
				_Utils_Tuple2(
				'x',
				$elm$json$Json$Encode$int(x1.k)),
				_Utils_Tuple2(
				'y',
				$elm$json$Json$Encode$int(x1.l)),
				_Utils_Tuple2(
				'time',
				$elm$json$Json$Encode$int(x1.j))
			]));
};
var $author$project$Generated$Persist$jsonEncode_Game_State_Player = function (x1) {
	return $elm$json$Json$Encode$object(
		_List_fromArray(
			[
				_Utils_Tuple2(
				'name',
				$elm$json$Json$Encode$string(x1.f)),
				_Utils_Tuple2(
				'score',
				$elm$json$Json$Encode$int(x1.d)),
				_Utils_Tuple2(
				'lastMoveTime',
				$elm$json$Json$Encode$int(x1.m)),
				_Utils_Tuple2(
				'color',
				$elm$json$Json$Encode$int(x1.g)),
				_Utils_Tuple2(
				'captures',
				$elm$json$Json$Encode$int(x1.i))
			]));
};
var $author$project$Generated$Persist$jsonEncode_Game_State_State = function (x1) {
	return $elm$json$Json$Encode$object(
		_List_fromArray(
			[
				_Utils_Tuple2(
				'width',
				$elm$json$Json$Encode$int(x1.e)),
				_Utils_Tuple2(
				'height',
				$elm$json$Json$Encode$int(x1.h)),
				_Utils_Tuple2(
				'board',
				A3(
					$author$project$Generated$Persist$jsonEncode_Dict,
					A2($author$project$Generated$Persist$jsonEncode_Tuple2, $elm$json$Json$Encode$int, $elm$json$Json$Encode$int),
					$elm$json$Json$Encode$string,
					x1.b)),
				_Utils_Tuple2(
				'players',
				A3($author$project$Generated$Persist$jsonEncode_Dict, $elm$json$Json$Encode$string, $author$project$Generated$Persist$jsonEncode_Game_State_Player, x1.a)),
				_Utils_Tuple2(
				'recentMoves',
				A2($elm$json$Json$Encode$list, $author$project$Generated$Persist$jsonEncode_Game_State_Move, x1.n))
			]));
};
var $author$project$Generated$Persist$serializeState = function (x1) {
	return A2(
		$elm$json$Json$Encode$encode,
		0,
		$author$project$Generated$Persist$jsonEncode_Game_State_State(x1));
};
var $author$project$Backend$Main$interfaceToHost_serializeState = $author$project$Generated$Persist$serializeState;
var $elm$core$Platform$Cmd$batch = _Platform_batch;
var $elm$core$Platform$Cmd$none = $elm$core$Platform$Cmd$batch(_List_Nil);
var $elm$core$Platform$Sub$batch = _Platform_batch;
var $elm$core$Platform$Sub$none = $elm$core$Platform$Sub$batch(_List_Nil);
var $elm$core$Platform$worker = _Platform_worker;
var $author$project$Persist$keepAlive = function (app) {
	return $elm$core$Platform$worker(
		{
			q: function (_v0) {
				return _Utils_Tuple2(app, $elm$core$Platform$Cmd$none);
			},
			v: function (_v1) {
				return $elm$core$Platform$Sub$none;
			},
			w: F2(
				function (_v2, model) {
					return _Utils_Tuple2(model, $elm$core$Platform$Cmd$none);
				})
		});
};
var $author$project$Persist$workerWithMigration = $author$project$Persist$keepAlive;
var $author$project$Backend$Main$main = $author$project$Persist$workerWithMigration(
	{p: $author$project$Backend$Main$interfaceToHost_deserializeState, r: $author$project$Backend$Main$interfaceToHost_initState, s: $author$project$Backend$Main$interfaceToHost_migrateFromSerialized, t: $author$project$Backend$Main$interfaceToHost_processEvent, u: $author$project$Backend$Main$interfaceToHost_serializeState});
_Platform_export({'Backend':{'Main':{'init':$author$project$Backend$Main$main(
	$elm$json$Json$Decode$succeed(0))(0)}}});}(this));