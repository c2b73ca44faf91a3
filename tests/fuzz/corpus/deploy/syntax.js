var app = { init: function ( { ;
