/*

import Basics exposing (LT, EQ, GT)
import Dict exposing (toList)
import Elm.Kernel.Debug exposing (crash)
import Elm.Kernel.List exposing (Cons)

*/

// libpersist's stand-in for elm/core's Utils kernel: tuples, characters, record update,
// structural equality, comparison and appending. Written for libpersist (tests/elm/README.md).


// TUPLES AND CHARACTERS: dev mode tags tuples so Debug.toString can print them; --optimize
// leaves the tag out. Characters are String objects in dev mode (Debug.toString prints 'c'),
// plain strings with --optimize.

var _Utils_Tuple0__DEBUG = { $: '#0' };
var _Utils_Tuple0__PROD = 0;

function _Utils_Tuple2__DEBUG(a, b) { return { $: '#2', a: a, b: b }; }
function _Utils_Tuple2__PROD(a, b) { return { a: a, b: b }; }

function _Utils_Tuple3__DEBUG(a, b, c) { return { $: '#3', a: a, b: b, c: c }; }
function _Utils_Tuple3__PROD(a, b, c) { return { a: a, b: b, c: c }; }

function _Utils_chr__DEBUG(c) { return new String(c); }
function _Utils_chr__PROD(c) { return c; }


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
	/**__DEBUG/
	return x.$ === 'RBNode_elm_builtin' || x.$ === 'RBEmpty_elm_builtin';
	//*/
	/**__PROD/
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
			__Debug_crash(5);
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
			a = __Dict_toList(a);
			b = __Dict_toList(b);
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
	return order < 0 ? __Basics_LT : order > 0 ? __Basics_GT : __Basics_EQ;
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
		out = __List_Cons(items[i], out);
	}
	return out;
}

var _Utils_append = F2(_Utils_ap);
