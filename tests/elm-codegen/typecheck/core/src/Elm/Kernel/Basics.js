/*

*/

var _Basics_stub = 0;
