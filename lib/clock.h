/* clock.h - the two clocks the library reads: wall time for record timestamps, monotonic time for
 * budgets and the snapshot policy. (Apps never see either.) */
#ifndef PERSIST_CLOCK_H
#define PERSIST_CLOCK_H

#include <stdint.h>

/* Microseconds since the Unix epoch (CLOCK_REALTIME). */
uint64_t persist__now_us(void);

/* Nanoseconds of CLOCK_MONOTONIC. */
uint64_t persist__mono_ns(void);

#endif
