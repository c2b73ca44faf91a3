/* closure-all: no option changed; closure-all.patch = closure-presize + closure-nothrowers +
 * closure-lazyproto. */
