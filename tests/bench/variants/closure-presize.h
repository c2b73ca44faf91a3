/* closure-presize: no option changed; closure-presize.patch changes duktape.c (see README.md). */
