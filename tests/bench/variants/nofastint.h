/* nofastint: without the library's DUK_USE_FASTINT (every number a double). */
#undef DUK_USE_FASTINT
