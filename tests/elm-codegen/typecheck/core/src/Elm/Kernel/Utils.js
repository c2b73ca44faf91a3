/*

*/

var _Utils_stub = 0;
