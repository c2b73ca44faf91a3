/* fork_guard.h - what a child process inherits from a parent that had stores open. */
#ifndef PERSIST_FORK_GUARD_H
#define PERSIST_FORK_GUARD_H

#include <pthread.h>

enum { PERSIST__FORK_PREPARE, PERSIST__FORK_PARENT, PERSIST__FORK_CHILD };

/* Registers the library's fork handlers, once per process; -1 if they could not be registered. */
int persist__fork_guard_init(void);

/* How many fork()s lie between the process start and the caller: a store opened at another
 * generation belongs to an ancestor process and must not be used. */
unsigned long persist__fork_generation(void);

/* For the files whose process-wide mutex the handlers hold across a fork (so that a child never
 * inherits one locked by a thread that does not exist in it): locks at PERSIST__FORK_PREPARE,
 * unlocks after. */
void persist__fork_mutex(pthread_mutex_t *mu, int phase);

#endif
