/* fork_guard.c - fork() in a process with stores open. A child gets a copy of the parent's memory
 * and descriptors but only the thread that forked: its copies of the parent's stores share their
 * files, their locks and LMDB's environment with the parent, which goes on using them, and any
 * mutex another thread held at the fork stays locked in the child forever. So the handlers here
 * count forks (a store remembers the count it was opened at, and refuses calls in any other
 * process: lib/persist.c), hold every process-wide mutex of the library across the fork, and in
 * the child let go of the parent's locks (lib/store_lock.c). */
#include "fork_guard.h"

#include <stdatomic.h>

#include "code_cache.h"
#include "elm_calls.h"
#include "handles.h"
#include "log_store.h"
#include "store_lock.h"

static atomic_ulong generation;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int registered;

/* The files with process-wide state, in the order their mutexes are taken before a fork. None of
 * them takes another's mutex while it holds its own, so no order can deadlock. */
static void (*const parts[])(int phase) = {
    persist__handles_fork,   persist__lock_fork, persist__code_cache_fork,
    persist__elm_calls_fork, persist__log_fork,
};
#define N_PARTS (sizeof parts / sizeof parts[0])

static void prepare(void)
{
    for (size_t i = 0; i < N_PARTS; i++)
        parts[i](PERSIST__FORK_PREPARE);
}

static void parent(void)
{
    for (size_t i = N_PARTS; i-- > 0;)
        parts[i](PERSIST__FORK_PARENT);
}

static void child(void)
{
    atomic_fetch_add(&generation, 1);
    for (size_t i = N_PARTS; i-- > 0;)
        parts[i](PERSIST__FORK_CHILD);
}

static void register_handlers(void)
{
    registered = pthread_atfork(prepare, parent, child) == 0;
}

int persist__fork_guard_init(void)
{
    pthread_once(&once, register_handlers);
    return registered ? 0 : -1;
}

unsigned long persist__fork_generation(void)
{
    return atomic_load_explicit(&generation, memory_order_relaxed);
}

void persist__fork_mutex(pthread_mutex_t *mu, int phase)
{
    if (phase == PERSIST__FORK_PREPARE)
        pthread_mutex_lock(mu);
    else
        pthread_mutex_unlock(mu);
}
