/*

import Elm.Kernel.Utils exposing (chr)

*/

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
		return __Utils_chr('\uFFFD');
	}
	if (code < 0x10000)
	{
		return __Utils_chr(String.fromCharCode(code));
	}
	var offset = code - 0x10000;
	return __Utils_chr(String.fromCharCode(0xD800 + (offset >> 10), 0xDC00 + (offset & 0x3FF)));
}

function _Char_toUpper(c)
{
	return __Utils_chr(c.valueOf().toUpperCase());
}

function _Char_toLower(c)
{
	return __Utils_chr(c.valueOf().toLowerCase());
}
