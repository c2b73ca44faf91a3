/*

import Elm.Kernel.List exposing (Cons, Nil, fromArray)
import Elm.Kernel.Utils exposing (chr, Tuple2)
import Maybe exposing (Just, Nothing)

*/

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
	return __List_fromArray(found);
});

function _String_words(str)
{
	return __List_fromArray(str.trim().split(/\s+/g));
}

function _String_lines(str)
{
	return __List_fromArray(str.split(/\r\n|\r|\n/g));
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
		return __Maybe_Nothing;
	}
	var w = _String_charWidth(str, 0);
	return __Maybe_Just(__Utils_Tuple2(__Utils_chr(str.slice(0, w)), str.slice(w)));
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
		out += f(__Utils_chr(str.slice(i, i + w))).valueOf();
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
		if (keep(__Utils_chr(c)))
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
		acc = A2(f, __Utils_chr(str.slice(i, i + w)), acc);
		i += w;
	}
	return acc;
});

var _String_foldr = F3(function(f, acc, str)
{
	for (var end = str.length; end > 0; )
	{
		var start = _String_charStart(str, end);
		acc = A2(f, __Utils_chr(str.slice(start, end)), acc);
		end = start;
	}
	return acc;
});

var _String_any = F2(function(ok, str)
{
	for (var i = 0; i < str.length; )
	{
		var w = _String_charWidth(str, i);
		if (ok(__Utils_chr(str.slice(i, i + w))))
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
		if (!ok(__Utils_chr(str.slice(i, i + w))))
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
		return __Maybe_Nothing;
	}
	var n = 0;
	for (var i = 0; i < digits.length; i++)
	{
		n = 10 * n + (digits.charCodeAt(i) - 0x30);
	}
	return __Maybe_Just(sign === '-' ? -n : n);
}

// What JavaScript's Number() reads, except empty text, any white space, and text with an x, o or b
// (the 0x, 0o and 0b forms), which elm/core rejects.
function _String_toFloat(str)
{
	if (str.length === 0 || /[\sxob]/.test(str))
	{
		return __Maybe_Nothing;
	}
	var n = +str;
	return n === n ? __Maybe_Just(n) : __Maybe_Nothing;
}
