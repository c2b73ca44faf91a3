/*

import Elm.Kernel.List exposing (fromArray)
import Elm.Kernel.Utils exposing (Tuple2)
import Json.Decode as Json exposing (Field, Index, OneOf, Failure)
import Result exposing (Ok, Err, isOk)

*/

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

function _Json_succeed(msg) { return { $: __1_SUCCEED, __msg: msg }; }
function _Json_fail(msg) { return { $: __1_FAIL, __msg: msg }; }
function _Json_decodeNull(value) { return { $: __1_NULL, __msg: value }; }

var _Json_decodeInt = { $: __1_INT };
var _Json_decodeBool = { $: __1_BOOL };
var _Json_decodeFloat = { $: __1_FLOAT };
var _Json_decodeString = { $: __1_STRING };
var _Json_decodeValue = { $: __1_VALUE };

function _Json_decodeList(decoder) { return { $: __1_LIST, __decoder: decoder }; }
function _Json_decodeArray(decoder) { return { $: __1_ARRAY, __decoder: decoder }; }
function _Json_decodeKeyValuePairs(decoder) { return { $: __1_KEY_VALUE, __decoder: decoder }; }

var _Json_decodeField = F2(function(name, decoder)
{
	return { $: __1_FIELD, __field: name, __decoder: decoder };
});

var _Json_decodeIndex = F2(function(index, decoder)
{
	return { $: __1_INDEX, __index: index, __decoder: decoder };
});

var _Json_andThen = F2(function(callback, decoder)
{
	return { $: __1_AND_THEN, __callback: callback, __decoder: decoder };
});

function _Json_oneOf(decoders)
{
	return { $: __1_ONE_OF, __decoders: decoders };
}

function _Json_mapMany(f, decoders)
{
	return { $: __1_MAP, __func: f, __decoders: decoders };
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
		return __Result_Err(A2(__Json_Failure, 'This is not valid JSON! ' + e.message, text));
	}
	return _Json_runHelp(decoder, value);
});

function _Json_expecting(what, value)
{
	return __Result_Err(A2(__Json_Failure, 'Expecting ' + what, value));
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
		case __1_SUCCEED:
			return __Result_Ok(decoder.__msg);

		case __1_FAIL:
			return __Result_Err(A2(__Json_Failure, decoder.__msg, value));

		case __1_NULL:
			return value === null ? __Result_Ok(decoder.__msg) : _Json_expecting('null', value);

		case __1_INT:
			return _Json_isInt(value) ? __Result_Ok(value) : _Json_expecting('an INT', value);

		case __1_FLOAT:
			return typeof value === 'number' ? __Result_Ok(value) : _Json_expecting('a FLOAT', value);

		case __1_BOOL:
			return typeof value === 'boolean' ? __Result_Ok(value) : _Json_expecting('a BOOL', value);

		case __1_STRING:
			return typeof value === 'string' ? __Result_Ok(value)
				: value instanceof String ? __Result_Ok(value + '')
				: _Json_expecting('a STRING', value);

		case __1_VALUE:
			return __Result_Ok(value);

		case __1_LIST:
		case __1_ARRAY:
			if (!Array.isArray(value))
			{
				return _Json_expecting(decoder.$ === __1_LIST ? 'a LIST' : 'an ARRAY', value);
			}
			var items = [];
			for (var i = 0; i < value.length; i++)
			{
				var item = _Json_runHelp(decoder.__decoder, value[i]);
				if (!__Result_isOk(item))
				{
					return __Result_Err(A2(__Json_Index, i, item.a));
				}
				items.push(item.a);
			}
			return __Result_Ok(decoder.$ === __1_LIST ? __List_fromArray(items) : items);

		case __1_KEY_VALUE:
			if (typeof value !== 'object' || value === null || Array.isArray(value))
			{
				return _Json_expecting('an OBJECT', value);
			}
			var pairs = [];
			for (var key in value)
			{
				if (Object.prototype.hasOwnProperty.call(value, key))
				{
					var entry = _Json_runHelp(decoder.__decoder, value[key]);
					if (!__Result_isOk(entry))
					{
						return __Result_Err(A2(__Json_Field, key, entry.a));
					}
					pairs.push(__Utils_Tuple2(key, entry.a));
				}
			}
			return __Result_Ok(__List_fromArray(pairs));

		case __1_FIELD:
			var name = decoder.__field;
			if (typeof value !== 'object' || value === null || !(name in value))
			{
				return _Json_expecting('an OBJECT with a field named `' + name + '`', value);
			}
			var inField = _Json_runHelp(decoder.__decoder, value[name]);
			return __Result_isOk(inField) ? inField : __Result_Err(A2(__Json_Field, name, inField.a));

		case __1_INDEX:
			var index = decoder.__index;
			if (!Array.isArray(value))
			{
				return _Json_expecting('an ARRAY', value);
			}
			if (index >= value.length)
			{
				return _Json_expecting('a LONGER array. Need index ' + index + ' but only see '
					+ value.length + ' entries', value);
			}
			var atIndex = _Json_runHelp(decoder.__decoder, value[index]);
			return __Result_isOk(atIndex) ? atIndex : __Result_Err(A2(__Json_Index, index, atIndex.a));

		case __1_MAP:
			var args = [];
			for (var i = 0; i < decoder.__decoders.length; i++)
			{
				var arg = _Json_runHelp(decoder.__decoders[i], value);
				if (!__Result_isOk(arg))
				{
					return arg;
				}
				args.push(arg.a);
			}
			return __Result_Ok(_Json_apply(decoder.__func, args));

		case __1_AND_THEN:
			var first = _Json_runHelp(decoder.__decoder, value);
			return __Result_isOk(first) ? _Json_runHelp(decoder.__callback(first.a), value) : first;

		case __1_ONE_OF:
			var errors = [];
			for (var list = decoder.__decoders; list.b; list = list.b)
			{
				var attempt = _Json_runHelp(list.a, value);
				if (__Result_isOk(attempt))
				{
					return attempt;
				}
				errors.push(attempt.a);
			}
			return __Result_Err(__Json_OneOf(__List_fromArray(errors)));
	}
}
