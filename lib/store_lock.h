/* store_lock.h - the store directory, the locks on its data file and the per-process registry. */
#ifndef PERSIST_STORE_LOCK_H
#define PERSIST_STORE_LOCK_H

#include <stdint.h>
#include <sys/types.h>

#include "internal.h"

typedef struct persist__lock {
    int data_fd; /* data.mdb: carries the writer and presence locks; -1 when not open */
    int info_fd; /* writer.lock (the writer's pid, for messages); -1 for read-only handles */
    int old_fd;  /* while a compacted copy replaces data.mdb: the old file, still locked; else -1 */
    int writer;
    dev_t dev; /* data.mdb's identity, as registered */
    ino_t ino;
    dev_t old_dev; /* old_fd's identity */
    ino_t old_ino;
    int registered;
} persist__lock;

/* A lock holding nothing (every descriptor -1), as before persist__lock_acquire or after release.
 */
void persist__lock_init(persist__lock *lock);

/* Create the directory when asked (a writer may also create an empty data.mdb, which LMDB then
 * initializes), refuse links and special files where the store's files belong, register the data
 * file as open in this process (PERSIST_EBUSY when it already is), take the writer lock on the
 * data file itself (PERSIST_EBUSY when another process has it, whatever path it used) and the
 * presence lock every handle holds (waiting while the writer compacts the file). */
int persist__lock_acquire(persist__lock *out, const char *dir, int readonly, int create,
                          persist__err *err);
void persist__lock_release(persist__lock *lock);

/* Compaction: *out is 1 when the presence lock became exclusive (no other process has the store
 * open), 0 when another process has it open. persist__lock_shared gives the exclusivity up. */
int persist__lock_exclusive(persist__lock *lock, int *out, persist__err *err);
int persist__lock_shared(persist__lock *lock, persist__err *err);

/* The compacted copy open as `fd` becomes the data file: it gets the writer lock and the
 * exclusive presence lock. Call it before renaming the copy into place; the lock owns fd from then
 * on. The old file keeps its locks until persist__lock_settle: a process that opened it meanwhile
 * waits for its presence lock, then finds the copy at the path, and waits on that one. */
int persist__lock_adopt(persist__lock *lock, int fd, persist__err *err);
/* After the rename: replaced, the old file's locks go; not replaced, the copy is closed and the
 * old file stays the data file, locked as before. */
void persist__lock_settle(persist__lock *lock, int replaced);

/* fsync of the directory that holds `path`, so that entries created or renamed in it are on disk.
 * A writer's open does it for the store's directory (and its parent when the open created it). */
int persist__lock_sync_parent(const char *path, persist__err *err);

/* A compaction writes its copy as data.mdb.tmp-XXXXXX (mkostemp) in the store directory and
 * renames it over data.mdb; a writer killed before the rename leaves it behind. The writer removes
 * such copies (regular files only): *count of them, *bytes in all. Best effort: a copy that stays
 * costs only space. */
void persist__lock_sweep_copies(const persist__lock *lock, const char *dir, unsigned *count,
                                uint64_t *bytes);

/* Descriptors that carry a store's lock, or may come to (a compaction's copy): opened (open() or
 * mkostemp(), -1 with errno) and closed through these, so a forked child can close its copies of
 * them all. */
int persist__lock_open_file(const char *path, int flags, mode_t mode);
int persist__lock_temp_file(char *template, int flags);
void persist__lock_close_file(int fd); /* -1 is ignored */

/* Holds the registry's mutex across a fork; in the child, closes the copies of every tracked
 * descriptor and empties the registry (lib/fork_guard.c). */
void persist__lock_fork(int phase);

#endif
