/*

*/

var _Char_stub = 0;
