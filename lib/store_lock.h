/* store_lock.h - the store directory, its single-writer lock and the per-process open registry. */
#ifndef PERSIST_STORE_LOCK_H
#define PERSIST_STORE_LOCK_H

#include <sys/types.h>

#include "internal.h"

typedef struct persist__lock {
    int fd; /* writer lock file, -1 for read-only opens */
    dev_t dev;
    ino_t ino;
    int registered;
} persist__lock;

/* Create the directory when asked, take the writer lock (PERSIST_EBUSY when another writer has
 * it) and register the directory as open in this process (PERSIST_EBUSY when it already is). */
int persist__lock_acquire(persist__lock *out, const char *dir, int readonly, int create,
                          persist__err *err);
void persist__lock_release(persist__lock *lock);

#endif
