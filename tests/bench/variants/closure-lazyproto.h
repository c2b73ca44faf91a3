/* closure-lazyproto: no option changed; closure-lazyproto.patch creates a function instance's
 * automatic .prototype object when it is first looked for, not with every closure. */
