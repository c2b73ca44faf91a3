/*

import Elm.Kernel.List exposing (fromArray)
import Maybe exposing (Just, Nothing)

*/

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
	return 0 <= i && i < array.length ? __Maybe_Just(array[i]) : __Maybe_Nothing;
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
