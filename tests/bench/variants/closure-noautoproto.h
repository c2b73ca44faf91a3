/* closure-noautoproto: no option changed; closure-noautoproto.patch changes duktape.c (see README.md). */
