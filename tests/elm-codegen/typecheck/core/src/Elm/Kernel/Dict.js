/*

*/

var _Dict_stub = 0;
