/*

import Elm.Kernel.Debug exposing (crash)
import Elm.Kernel.Json exposing (run, wrap)
import Result exposing (isOk)

*/

// libpersist's stand-in for elm/core's Platform kernel: Platform.worker and the export of the
// program as Elm.<Module>.init. There are no effect managers: a command or a subscription is a
// description that nothing runs.


// A worker program: `init` decodes the flags and runs the app's init. Without effect managers
// there is nothing to run afterwards, so it answers an object without ports.
var _Platform_worker = F4(function(impl, flagDecoder, debugMetadata, args)
{
	var flags = A2(__Json_run, flagDecoder, __Json_wrap(args ? args['flags'] : undefined));
	if (!__Result_isOk(flags))
	{
		__Debug_crash(2, 'they do not decode');
	}
	impl.__$init(flags.a);
	return {};
});


// COMMANDS AND SUBSCRIPTIONS

function _Platform_batch(list)
{
	return { $: __2_BATCH, __items: list };
}

var _Platform_map = F2(function(tagger, bag)
{
	return { $: __2_MAP, __tagger: tagger, __bag: bag };
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
			__Debug_crash(6, path);
		}
		else
		{
			_Platform_mergeExports(path + '.' + name, into[name], exports[name]);
		}
	}
}
