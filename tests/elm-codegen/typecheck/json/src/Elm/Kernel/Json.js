/*

*/

var _Json_stub = 0;
