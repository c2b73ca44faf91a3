/* combo: norc + vsunsafe, with combo.patch (closure-presize-nothrowers + norc-gc4x) and -O3. */
#undef DUK_USE_REFERENCE_COUNTING
#undef DUK_USE_DOUBLE_LINKED_HEAP
#define DUK_USE_VALSTACK_UNSAFE
