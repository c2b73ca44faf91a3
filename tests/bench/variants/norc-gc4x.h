/* norc-gc4x: no reference counting, and norc-gc4x.patch runs mark-and-sweep every 4x heap size
 * allocated instead of 1x (DUK_HEAP_MARK_AND_SWEEP_TRIGGER_MULT is internal to duktape.c). */
#undef DUK_USE_REFERENCE_COUNTING
#undef DUK_USE_DOUBLE_LINKED_HEAP
