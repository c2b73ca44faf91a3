/*

*/

var _Set_stub = 0;
