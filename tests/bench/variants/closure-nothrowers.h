/* closure-nothrowers: no option changed; closure-nothrowers.patch changes duktape.c (see README.md). */
