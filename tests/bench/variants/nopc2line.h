/* nopc2line: no pc-to-line tables (error tracebacks lose their line numbers). */
#undef DUK_USE_PC2LINE
