/*

*/

var _List_stub = 0;
