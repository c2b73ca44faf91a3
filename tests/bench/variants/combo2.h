/* combo2: vsunsafe, with combo2.patch (closure-all) and -O3; reference counting kept. */
#define DUK_USE_VALSTACK_UNSAFE
