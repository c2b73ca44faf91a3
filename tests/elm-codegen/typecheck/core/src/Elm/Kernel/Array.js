/*

*/

var _Array_stub = 0;
