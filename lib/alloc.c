/* alloc.c - the library's allocator: one place for accounting and for injecting failures, so tests
 * can fail allocation N for every N of an operation (also used by each app heap). */
#include "alloc.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

/* Failure injection is for tests only; in normal use `fail_at` stays negative. Allocations are
 * counted from the first persist__alloc_fail_after on (only tests call it): otherwise every
 * allocation would pay for an atomic increment of a counter shared by all threads. */
static atomic_long fail_at = -1;
static atomic_long count;
static atomic_int counting;

static int should_fail(void)
{
    long at, n;
    if (!atomic_load_explicit(&counting, memory_order_relaxed))
        return 0;
    at = atomic_load_explicit(&fail_at, memory_order_relaxed);
    n = atomic_fetch_add_explicit(&count, 1, memory_order_relaxed);
    return at >= 0 && n >= at;
}

long persist__alloc_fail_after(long n)
{
    long done;
    atomic_store(&counting, 1);
    done = atomic_exchange(&count, 0);
    atomic_store(&fail_at, n);
    return done;
}

int persist__alloc_counting(void)
{
    return atomic_load_explicit(&counting, memory_order_relaxed);
}

void *persist__malloc(size_t n)
{
    return should_fail() ? NULL : malloc(n);
}

void *persist__calloc(size_t count_, size_t n)
{
    return should_fail() ? NULL : calloc(count_, n);
}

void *persist__realloc(void *p, size_t n)
{
    return should_fail() ? NULL : realloc(p, n);
}

void persist__free(void *p)
{
    free(p);
}

char *persist__memdup0(const void *p, size_t n)
{
    char *c = persist__malloc(n + 1);
    if (c != NULL) {
        memcpy(c, p, n);
        c[n] = '\0';
    }
    return c;
}
