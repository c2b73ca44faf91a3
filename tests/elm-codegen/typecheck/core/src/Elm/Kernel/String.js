/*

*/

var _String_stub = 0;
