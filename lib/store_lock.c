/* store_lock.c - creates the store directory, holds the single-writer lock (flock on
 * `writer.lock`, released by the kernel when a process dies) and keeps the registry that refuses a
 * second open of one store in one process (LMDB must not open an environment twice per process). */
#include "store_lock.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "errors.h"

#define REGISTRY_CAP 1024

/* The library's only mutable global: which store directories this process has open. */
static pthread_mutex_t registry_mu = PTHREAD_MUTEX_INITIALIZER;
static struct {
    dev_t dev;
    ino_t ino;
} registry[REGISTRY_CAP];
static size_t registry_len;

static int registry_add(dev_t dev, ino_t ino, persist__err *err)
{
    int rc = PERSIST_OK;
    pthread_mutex_lock(&registry_mu);
    for (size_t i = 0; i < registry_len; i++)
        if (registry[i].dev == dev && registry[i].ino == ino)
            rc = persist__err_set(err, PERSIST_EBUSY,
                                  "the store is already open in this process; share that handle "
                                  "(one handle per store per process)");
    if (rc == PERSIST_OK && registry_len == REGISTRY_CAP)
        rc = persist__err_set(err, PERSIST_ERROR, "too many stores open in this process (%d)",
                              REGISTRY_CAP);
    if (rc == PERSIST_OK) {
        registry[registry_len].dev = dev;
        registry[registry_len].ino = ino;
        registry_len++;
    }
    pthread_mutex_unlock(&registry_mu);
    return rc;
}

static void registry_remove(dev_t dev, ino_t ino)
{
    pthread_mutex_lock(&registry_mu);
    for (size_t i = 0; i < registry_len; i++)
        if (registry[i].dev == dev && registry[i].ino == ino) {
            registry[i] = registry[--registry_len];
            break;
        }
    pthread_mutex_unlock(&registry_mu);
}

static int take_writer_lock(persist__lock *lock, const char *dir, persist__err *err)
{
    char path[4096], holder[32] = "";
    ssize_t n;
    if (snprintf(path, sizeof path, "%s/writer.lock", dir) >= (int)sizeof path)
        return persist__err_set(err, PERSIST_EINVAL, "store path is too long");
    lock->fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lock->fd < 0)
        return persist__err_errno(err, errno, "opening the writer lock");
    if (flock(lock->fd, LOCK_EX | LOCK_NB) != 0) {
        int e = errno;
        if (e != EWOULDBLOCK)
            return persist__err_errno(err, e, "locking the store");
        n = pread(lock->fd, holder, sizeof holder - 1, 0);
        holder[n > 0 ? n : 0] = '\0';
        holder[strcspn(holder, "\n")] = '\0';
        return persist__err_set(err, PERSIST_EBUSY,
                                "store %s is open for writing by another process (pid %s); open "
                                "it read-only or stop that process",
                                dir, holder[0] ? holder : "unknown");
    }
    /* Record the holder's pid for the message above; the lock itself is the flock. */
    n = snprintf(holder, sizeof holder, "%ld\n", (long)getpid());
    if (ftruncate(lock->fd, 0) != 0 || pwrite(lock->fd, holder, (size_t)n, 0) != n)
        return persist__err_errno(err, errno, "writing the writer lock");
    return PERSIST_OK;
}

int persist__lock_acquire(persist__lock *lock, const char *dir, int readonly, int create,
                          persist__err *err)
{
    struct stat st;
    int rc;
    lock->fd = -1;
    lock->registered = 0;
    if (!readonly && create && mkdir(dir, 0755) != 0 && errno != EEXIST)
        return persist__err_errno(err, errno, "creating the store directory");
    if (stat(dir, &st) != 0) {
        if (errno == ENOENT)
            return persist__err_set(err, PERSIST_ENOTFOUND, "store %s does not exist", dir);
        return persist__err_errno(err, errno, "reading the store directory");
    }
    if (!S_ISDIR(st.st_mode))
        return persist__err_set(err, PERSIST_EINVAL, "%s is not a directory", dir);
    rc = registry_add(st.st_dev, st.st_ino, err);
    if (rc != PERSIST_OK)
        return rc;
    lock->dev = st.st_dev;
    lock->ino = st.st_ino;
    lock->registered = 1;
    return readonly ? PERSIST_OK : take_writer_lock(lock, dir, err);
}

void persist__lock_release(persist__lock *lock)
{
    if (lock->fd >= 0)
        close(lock->fd); /* releases the flock */
    lock->fd = -1;
    if (lock->registered)
        registry_remove(lock->dev, lock->ino);
    lock->registered = 0;
}
