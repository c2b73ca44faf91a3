/*

import Basics exposing (LT, EQ)
import Elm.Kernel.Utils exposing (cmp)

*/

// libpersist's stand-in for elm/core's List kernel. A list is a chain of cells: dev mode tags
// them '[]' and '::', --optimize numbers them 0 and 1; the compiler tests a cell for `.b`.


var _List_Nil__DEBUG = { $: '[]' };
var _List_Nil__PROD = { $: 0 };

function _List_Cons__DEBUG(hd, tl) { return { $: '::', a: hd, b: tl }; }
function _List_Cons__PROD(hd, tl) { return { $: 1, a: hd, b: tl }; }

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
	items.sort(function(a, b) { return __Utils_cmp(key(a), key(b)); });
	return _List_fromArray(items);
});

var _List_sortWith = F2(function(order, list)
{
	var items = _List_toArray(list);
	items.sort(function(a, b)
	{
		// LT, EQ and GT are objects in dev mode and numbers with --optimize: compare identities.
		var o = A2(order, a, b);
		return o === __Basics_LT ? -1 : o === __Basics_EQ ? 0 : 1;
	});
	return _List_fromArray(items);
});
