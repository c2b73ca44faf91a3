var app = { init: function () { for (;;) {} } };
