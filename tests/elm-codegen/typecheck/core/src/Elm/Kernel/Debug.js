/*

*/

var _Debug_stub = 0;
