/* norc: no reference counting; mark-and-sweep alone frees garbage (every 1x heap size allocated). */
#undef DUK_USE_REFERENCE_COUNTING
#undef DUK_USE_DOUBLE_LINKED_HEAP
