/*

*/

var _Platform_stub = 0;
