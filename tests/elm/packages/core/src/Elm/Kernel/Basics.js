/*

import Elm.Kernel.Debug exposing (crash)

*/

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
		__Debug_crash(11);
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
