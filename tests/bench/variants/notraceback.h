/* notraceback: errors carry no traceback (cheaper throws; the library's messages lose stacks). */
#undef DUK_USE_TRACEBACKS
