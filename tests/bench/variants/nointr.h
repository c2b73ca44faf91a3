/* nointr: no interrupt counter, so no execution timeout check in the executor: loses the time
 * budget for bytecode loops (measured only to know what the counter costs). */
#undef DUK_USE_EXEC_TIMEOUT_CHECK
#undef DUK_USE_INTERRUPT_COUNTER
