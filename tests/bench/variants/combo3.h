/* combo3: norc-gc4x + vsunsafe, with combo3.patch (closure-all + norc-gc4x's GC interval) and -O3. */
#undef DUK_USE_REFERENCE_COUNTING
#undef DUK_USE_DOUBLE_LINKED_HEAP
#define DUK_USE_VALSTACK_UNSAFE
