/* closure-presize-nothrowers: no option changed; closure-presize-nothrowers.patch changes duktape.c (see README.md). */
