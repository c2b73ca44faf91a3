/* clock.c - wall time for timestamps and monotonic time for budgets. */
#include "clock.h"

#include <time.h>

/* A unit test may define this to play a wall clock that jumps (tests/unit/test_clock.c); in the
 * library it is not defined, and the weak reference is NULL. */
extern uint64_t persist__test_wall_clock(void) __attribute__((weak));

uint64_t persist__now_us(void)
{
    struct timespec ts;
    if (persist__test_wall_clock != NULL)
        return persist__test_wall_clock();
    clock_gettime(CLOCK_REALTIME, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

uint64_t persist__mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}
