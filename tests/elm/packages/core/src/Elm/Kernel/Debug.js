/*

import Array exposing (toList)
import Dict exposing (toList)
import Set exposing (toList)

*/

// libpersist's stand-in for elm/core's Debug kernel: Debug.log through console.log, Debug.todo
// and the crashes of the other kernel code as exceptions, Debug.toString in dev mode.


var _Debug_log__DEBUG = F2(function(tag, value)
{
	console.log(tag + ': ' + _Debug_toString(value));
	return value;
});

var _Debug_log__PROD = F2(function(tag, value)
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

function _Debug_toString__PROD(value)
{
	return '<internals>';
}

function _Debug_toString__DEBUG(value)
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
		return 'Array.fromList ' + _Debug_toString(__Array_toList(value));
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
		return 'Dict.fromList ' + _Debug_toString(__Dict_toList(value));
	}
	if (tag === 'Set_elm_builtin')
	{
		return 'Set.fromList ' + _Debug_toString(__Set_toList(value));
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
