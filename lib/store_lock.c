/* store_lock.c - the store directory and the locks on its data file: one writer (a lock on
 * data.mdb itself, so another path to the same file cannot write it too), the presence of every
 * handle (so compaction never replaces the file under another process), the files that must be
 * regular files and not links, and the registry that refuses a second open of one store in one
 * process (LMDB must not open an environment twice per process). A writer also holds the flock on
 * writer.lock that libpersist 1.0 used, so processes of both versions keep each other out. */
#include "store_lock.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "alloc.h"
#include "errors.h"
#include "fork_guard.h"

#define PATH_CAP 4096

/* Byte ranges of data.mdb that carry open-file-description locks (LMDB locks only lock.mdb). */
#define WRITER_BYTE   0 /* write lock: the one writer */
#define PRESENCE_BYTE 1 /* read lock: a handle has the store open; write lock: compaction */

/* How long an open waits for a compaction by the writer to finish. */
#define COMPACTION_WAIT_MS 30000

/* Which data files this process has open; and every descriptor that carries, or may come to
 * carry, a store's lock. A lock on an open file description lasts while any descriptor of it is
 * open, a forked child has copies of them all, and the child closes its copies
 * (persist__lock_fork). So a descriptor is tracked from the moment it is opened to the moment it is
 * closed, both under the mutex, which the fork handlers hold: no fork falls in between. While a
 * compaction's copy is about to replace a data file, the entry knows both files. */
static pthread_mutex_t registry_mu = PTHREAD_MUTEX_INITIALIZER;
typedef struct registered {
    dev_t dev, old_dev;
    ino_t ino, old_ino; /* old_ino: the file being replaced, or 0 */
} registered;
/* Both tables grow as stores are opened, so the number of stores a process has open is bounded
 * only by memory and its limit of open files; they are kept for the life of the process. */
static registered *registry;
static size_t registry_len, registry_cap;
static int *tracked; /* two per writer, one per reader, a compaction's copy */
static size_t tracked_len, tracked_cap;

/* `table` (of `len` items of `item` bytes, room for *cap) with room for one more: the same table,
 * a larger one, or NULL when out of memory (the table is then unchanged). registry_mu held. */
static void *room_for_one(void *table, size_t *cap, size_t len, size_t item)
{
    size_t want = *cap == 0 ? 16 : *cap * 2;
    void *grown;
    if (len < *cap)
        return table;
    if ((grown = persist__realloc(table, want * item)) != NULL)
        *cap = want;
    return grown;
}

/* Whether another descriptor can be tracked (registry_mu held); ENOMEM when not. */
static int room_to_track(void)
{
    int *grown = room_for_one(tracked, &tracked_cap, tracked_len, sizeof *tracked);
    if (grown == NULL) {
        errno = ENOMEM;
        return 0;
    }
    tracked = grown;
    return 1;
}

int persist__lock_open_file(const char *path, int flags, mode_t mode)
{
    int fd = -1;
    pthread_mutex_lock(&registry_mu);
    if (room_to_track() && (fd = open(path, flags, mode)) >= 0)
        tracked[tracked_len++] = fd;
    pthread_mutex_unlock(&registry_mu);
    return fd;
}

int persist__lock_temp_file(char *template, int flags)
{
    int fd = -1;
    pthread_mutex_lock(&registry_mu);
    if (room_to_track() && (fd = mkostemp(template, flags)) >= 0)
        tracked[tracked_len++] = fd;
    pthread_mutex_unlock(&registry_mu);
    return fd;
}

void persist__lock_close_file(int fd)
{
    if (fd < 0)
        return;
    pthread_mutex_lock(&registry_mu);
    for (size_t i = 0; i < tracked_len; i++)
        if (tracked[i] == fd) {
            tracked[i] = tracked[--tracked_len];
            break;
        }
    close(fd);
    pthread_mutex_unlock(&registry_mu);
}

static int registry_match(size_t i, dev_t dev, ino_t ino)
{
    return (registry[i].dev == dev && registry[i].ino == ino) ||
           (registry[i].old_ino != 0 && registry[i].old_dev == dev && registry[i].old_ino == ino);
}

static int registry_add(dev_t dev, ino_t ino, persist__err *err)
{
    int rc = PERSIST_OK;
    pthread_mutex_lock(&registry_mu);
    for (size_t i = 0; i < registry_len; i++)
        if (registry_match(i, dev, ino))
            rc = persist__err_set(err, PERSIST_EBUSY,
                                  "the store is already open in this process; share that handle "
                                  "(one handle per store per process)");
    if (rc == PERSIST_OK) {
        registered *grown = room_for_one(registry, &registry_cap, registry_len, sizeof *registry);
        if (grown == NULL)
            rc = persist__err_set(err, PERSIST_ENOMEM, "out of memory");
        else
            registry = grown;
    }
    if (rc == PERSIST_OK)
        persist__test_hook("registering"); /* a fork now must wait (tests/unit/test_fork_guard.c) */
    if (rc == PERSIST_OK) {
        registry[registry_len].dev = dev;
        registry[registry_len].ino = ino;
        registry[registry_len].old_ino = 0;
        registry_len++;
    }
    pthread_mutex_unlock(&registry_mu);
    return rc;
}

static int registry_has(dev_t dev, ino_t ino)
{
    int found = 0;
    pthread_mutex_lock(&registry_mu);
    for (size_t i = 0; i < registry_len && !found; i++)
        found = registry_match(i, dev, ino);
    pthread_mutex_unlock(&registry_mu);
    return found;
}

/* Replace (or, with new_ino 0, remove) the entry of a data file; keep_old: the entry still
 * matches the file it named (a compaction's copy is about to replace it), else it forgets it. */
static void registry_update(dev_t dev, ino_t ino, dev_t new_dev, ino_t new_ino, int keep_old)
{
    pthread_mutex_lock(&registry_mu);
    for (size_t i = 0; i < registry_len; i++)
        if (registry[i].dev == dev && registry[i].ino == ino) {
            if (new_ino != 0) {
                registry[i].old_dev = dev;
                registry[i].old_ino = keep_old ? ino : 0;
                registry[i].dev = new_dev;
                registry[i].ino = new_ino;
            } else {
                registry[i] = registry[--registry_len];
            }
            break;
        }
    pthread_mutex_unlock(&registry_mu);
}

static void writer_pid(const char *dir, char *out, size_t cap);

/* fcntl on the one byte `at` of fd: F_OFD_SETLK to lock, F_OFD_GETLK (fl receives the holder). */
static int range_op(int fd, int cmd, short type, off_t at, struct flock *fl)
{
    memset(fl, 0, sizeof *fl);
    fl->l_type = type;
    fl->l_whence = SEEK_SET;
    fl->l_start = at;
    fl->l_len = 1;
    return fcntl(fd, cmd, fl);
}

static int range_lock(int fd, int cmd, short type, off_t at)
{
    struct flock fl;
    return range_op(fd, cmd, type, at, &fl);
}

static int join(char *out, const char *dir, const char *name, persist__err *err)
{
    if (snprintf(out, PATH_CAP, "%s/%s", dir, name) >= PATH_CAP)
        return persist__err_set(err, PERSIST_EINVAL, "store path is too long");
    return PERSIST_OK;
}

/* A store's files are regular files in its directory: LMDB would truncate the target of a linked
 * lock.mdb, and a data.mdb reached by a link has a lock.mdb of its own, so readers and writers
 * through the two paths would not see each other. */
static int check_regular(const char *path, const struct stat *st, persist__err *err)
{
    if (S_ISLNK(st->st_mode))
        return persist__err_set(err, PERSIST_EINVAL,
                                "%s is a symbolic link; libpersist does not follow links inside a "
                                "store directory: move the file itself there",
                                path);
    if (!S_ISREG(st->st_mode))
        return persist__err_set(err, PERSIST_EINVAL,
                                "%s is not a regular file; remove it (it is no part of a store)",
                                path);
    return PERSIST_OK;
}

/* 1 when another process holds the writer lock on the data file open as `fd`. */
static int writer_alive(int fd)
{
    struct flock fl;
    return range_op(fd, F_OFD_GETLK, F_WRLCK, WRITER_BYTE, &fl) == 0 && fl.l_type != F_UNLCK;
}

/* lock.mdb is LMDB's reader table: a regular file, or absent (LMDB creates it). Absent while a
 * writer runs means someone deleted the writer's: a reader would make a new one the writer never
 * reads, and the writer would reuse pages under it. */
static int check_lock_file(persist__lock *lock, const char *dir, persist__err *err)
{
    char path[PATH_CAP], pid[32];
    struct stat st;
    int rc = join(path, dir, "lock.mdb", err);
    if (rc != PERSIST_OK)
        return rc;
    if (lstat(path, &st) == 0)
        return check_regular(path, &st, err);
    if (lock->writer || !writer_alive(lock->data_fd))
        return PERSIST_OK;
    writer_pid(dir, pid, sizeof pid);
    return persist__err_set(err, PERSIST_ECORRUPT,
                            "%s was deleted while the store's writer (pid %s) has it open; "
                            "readers cannot coordinate with that writer: restart it",
                            path, pid);
}

/* Opens data.mdb (created empty by a writer that may create the store) without following links. */
static int open_data(persist__lock *lock, const char *dir, int create, persist__err *err)
{
    char path[PATH_CAP];
    struct stat st;
    int flags = O_CLOEXEC | O_NOFOLLOW | (lock->writer ? O_RDWR : O_RDONLY);
    int rc = join(path, dir, "data.mdb", err);
    if (rc != PERSIST_OK)
        return rc;
    lock->data_fd =
        persist__lock_open_file(path, flags | (lock->writer && create ? O_CREAT : 0), 0644);
    if (lock->data_fd < 0 && errno == ELOOP && lstat(path, &st) == 0)
        return check_regular(path, &st, err);
    if (lock->data_fd < 0 && errno == ENOENT)
        return persist__err_set(err, PERSIST_ENOTFOUND, "%s is not a persist store (no data.mdb)",
                                dir);
    if (lock->data_fd < 0)
        return persist__err_errno(err, errno, path);
    if (fstat(lock->data_fd, &st) != 0)
        return persist__err_errno(err, errno, path);
    if ((rc = check_regular(path, &st, err)) != PERSIST_OK)
        return rc;
    if (lock->writer && st.st_nlink > 1)
        return persist__err_set(err, PERSIST_EINVAL,
                                "%s has %lu hard links: another directory shares this file, and "
                                "writing it would change that store too; copy the file "
                                "(cp --no-preserve=links) instead of linking it",
                                path, (unsigned long)st.st_nlink);
    lock->dev = st.st_dev;
    lock->ino = st.st_ino;
    return PERSIST_OK;
}

/* The pid of the writer, from writer.lock, for messages ("unknown" when unreadable). */
static void writer_pid(const char *dir, char *out, size_t cap)
{
    char path[PATH_CAP];
    persist__err ignored;
    ssize_t n = -1;
    int fd = join(path, dir, "writer.lock", &ignored) == PERSIST_OK
                 ? open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
                 : -1;
    if (fd >= 0) {
        n = read(fd, out, cap - 1);
        close(fd);
    }
    out[n > 0 ? n : 0] = '\0';
    out[strcspn(out, "\n")] = '\0';
    if (out[0] == '\0')
        snprintf(out, cap, "unknown");
}

static int busy(const char *dir, persist__err *err)
{
    char pid[32];
    writer_pid(dir, pid, sizeof pid);
    if (strtol(pid, NULL, 10) == (long)getpid())
        return persist__err_set(err, PERSIST_EBUSY,
                                "store %s is already open for writing in this process; share that "
                                "handle (one handle per store per process)",
                                dir);
    return persist__err_set(err, PERSIST_EBUSY,
                            "store %s is open for writing by another process (pid %s); open it "
                            "read-only or stop that process",
                            dir, pid);
}

/* A writer creates lock.mdb (as LMDB would, and only when it does not exist) before it takes
 * the writer lock: a reader that finds the writer lock held and no lock.mdb then knows that the
 * file was deleted, not that the writer is still starting. */
static int create_lock_file(const char *dir, persist__err *err)
{
    char path[PATH_CAP];
    struct stat st;
    int rc = join(path, dir, "lock.mdb", err), fd;
    if (rc != PERSIST_OK)
        return rc;
    /* Never open one that exists: closing any descriptor of lock.mdb drops every POSIX lock this
     * process holds on it, and LMDB's environments of this process (one may be this store's,
     * reopened by a compaction this open has not seen yet) keep theirs there. */
    if (lstat(path, &st) == 0)
        return check_regular(path, &st, err);
    fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0 && (errno == EEXIST || errno == ELOOP) && lstat(path, &st) == 0)
        return check_regular(path, &st, err);
    if (fd < 0)
        return persist__err_errno(err, errno, path);
    rc = fstat(fd, &st) != 0 ? persist__err_errno(err, errno, path) : check_regular(path, &st, err);
    close(fd);
    return rc;
}

/* The writer lock on data.mdb, then the pid in writer.lock for other processes' messages. */
static int take_writer_lock(persist__lock *lock, const char *dir, persist__err *err)
{
    char path[PATH_CAP], line[32];
    struct stat st;
    int n, rc;
    if (range_lock(lock->data_fd, F_OFD_SETLK, F_WRLCK, WRITER_BYTE) != 0) {
        if (errno != EAGAIN && errno != EACCES)
            return persist__err_errno(err, errno, "locking the store");
        return busy(dir, err);
    }
    if ((rc = join(path, dir, "writer.lock", err)) != PERSIST_OK)
        return rc;
    lock->info_fd = persist__lock_open_file(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (lock->info_fd < 0 && errno == ELOOP && lstat(path, &st) == 0)
        return check_regular(path, &st, err);
    if (lock->info_fd < 0 || fstat(lock->info_fd, &st) != 0)
        return persist__err_errno(err, errno, path);
    if ((rc = check_regular(path, &st, err)) != PERSIST_OK)
        return rc;
    /* libpersist 1.0 locked writer.lock itself (flock): a 1.0 process writing the store must keep
     * a newer one out, and the other way round. */
    if (flock(lock->info_fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK)
            return persist__err_errno(err, errno, "locking writer.lock");
        return busy(dir, err);
    }
    n = snprintf(line, sizeof line, "%ld\n", (long)getpid());
    if (ftruncate(lock->info_fd, 0) != 0 || pwrite(lock->info_fd, line, (size_t)n, 0) != n)
        return persist__err_errno(err, errno, "writing writer.lock");
    return PERSIST_OK;
}

/* The presence lock. The writer holds it exclusively while it replaces data.mdb with a compacted
 * copy: wait for that to end, then make sure the file locked is still the one at the path. */
static int take_presence(persist__lock *lock, const char *dir, int create, persist__err *err)
{
    struct timespec pause = {0, 10 * 1000000L};
    char path[PATH_CAP];
    struct stat st;
    int rc = join(path, dir, "data.mdb", err);
    for (long waited = 0; rc == PERSIST_OK; waited += 10) {
        if (range_lock(lock->data_fd, F_OFD_SETLK, F_RDLCK, PRESENCE_BYTE) == 0) {
            if (stat(path, &st) == 0 && st.st_dev == lock->dev && st.st_ino == lock->ino)
                return PERSIST_OK;
            persist__lock_close_file(lock->data_fd); /* replaced meanwhile: take the new file */
            lock->data_fd = -1;
            if ((rc = open_data(lock, dir, create, err)) != PERSIST_OK)
                return rc;
            continue;
        }
        if (errno != EAGAIN && errno != EACCES)
            return persist__err_errno(err, errno, "locking the store");
        if (waited >= COMPACTION_WAIT_MS)
            return persist__err_set(err, PERSIST_EBUSY,
                                    "store %s is being compacted by its writer and has been for "
                                    "%d s; try again later",
                                    dir, COMPACTION_WAIT_MS / 1000);
        nanosleep(&pause, NULL);
    }
    return rc;
}

/* The directory part of `path` (without its final component, trailing slashes aside). */
static void parent_dir(const char *path, char *out, size_t cap)
{
    size_t len = strlen(path), end;
    while (len > 1 && path[len - 1] == '/')
        len--;
    end = len;
    while (end > 0 && path[end - 1] != '/')
        end--;
    while (end > 1 && path[end - 1] == '/')
        end--;
    if (end == 0)
        snprintf(out, cap, ".");
    else
        snprintf(out, cap, "%.*s", (int)end, path);
}

/* fsync of the directory `dir` itself. */
static int sync_dir(const char *dir, persist__err *err)
{
    char what[PATH_CAP + 32];
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc = PERSIST_OK;
    if (fd < 0 || fsync(fd) != 0) {
        snprintf(what, sizeof what, "syncing the directory %s", dir);
        rc = persist__err_errno(err, errno, what);
    }
    if (fd >= 0)
        close(fd);
    return rc;
}

int persist__lock_sync_parent(const char *path, persist__err *err)
{
    char dir[PATH_CAP];
    parent_dir(path, dir, sizeof dir);
    return sync_dir(dir, err);
}

static int make_dir(const char *dir, int create, int *created, persist__err *err)
{
    struct stat st;
    char parent[PATH_CAP];
    int why;
    *created = create && mkdir(dir, 0755) == 0;
    why = create && !*created ? errno : EEXIST; /* EEXIST: nothing to report */
    if (why == ENOENT) {
        parent_dir(dir, parent, sizeof parent);
        return persist__err_set(err, PERSIST_ENOTFOUND,
                                "cannot create the store directory %s: %s does not exist; create "
                                "it first (an open creates only the store's own directory)",
                                dir, parent);
    }
    if (why == ENOTDIR)
        return persist__err_set(err, PERSIST_EINVAL,
                                "cannot create the store directory %s: a part of its path is not "
                                "a directory",
                                dir);
    if (why != EEXIST)
        return persist__err_errno(err, why, "creating the store directory");
    if (stat(dir, &st) != 0) {
        if (errno == ENOENT)
            return persist__err_set(err, PERSIST_ENOTFOUND, "store %s does not exist", dir);
        return persist__err_errno(err, errno, "reading the store directory");
    }
    if (!S_ISDIR(st.st_mode))
        return persist__err_set(err, PERSIST_EINVAL, "%s is not a directory", dir);
    return PERSIST_OK;
}

void persist__lock_init(persist__lock *lock)
{
    memset(lock, 0, sizeof *lock);
    lock->data_fd = lock->info_fd = lock->old_fd = -1;
}

int persist__lock_acquire(persist__lock *lock, const char *dir, int readonly, int create,
                          persist__err *err)
{
    int created = 0, rc;
    persist__lock_init(lock);
    lock->writer = !readonly;
    rc = make_dir(dir, lock->writer && create, &created, err);
    if (rc == PERSIST_OK)
        rc = open_data(lock, dir, create, err);
    if (rc == PERSIST_OK)
        persist__test_hook("data-opened"); /* tests/unit/test_reader_races.c */
    if (rc == PERSIST_OK && registry_has(lock->dev, lock->ino))
        rc = persist__err_set(err, PERSIST_EBUSY,
                              "the store is already open in this process; share that handle "
                              "(one handle per store per process)");
    if (rc == PERSIST_OK)
        rc = check_lock_file(lock, dir, err);
    if (rc == PERSIST_OK && lock->writer && writer_alive(lock->data_fd))
        rc = busy(dir, err); /* and no lock.mdb made for a writer that lost its own */
    if (rc == PERSIST_OK && lock->writer && (rc = create_lock_file(dir, err)) == PERSIST_OK &&
        (rc = take_writer_lock(lock, dir, err)) == PERSIST_OK)
        rc = persist__test_hook("writer-locked");
    if (rc == PERSIST_OK)
        rc = take_presence(lock, dir, create, err);
    if (rc == PERSIST_OK && (rc = registry_add(lock->dev, lock->ino, err)) == PERSIST_OK) {
        lock->registered = 1;
        persist__test_hook("registered"); /* tests/unit/test_fork_guard.c */
    }
    /* A writer makes the store's directory entries durable before it acknowledges anything: the
     * files it may have created, and those a compaction renamed without syncing them. */
    if (rc == PERSIST_OK && lock->writer)
        rc = sync_dir(dir, err);
    if (rc == PERSIST_OK && created)
        rc = persist__lock_sync_parent(dir, err);
    if (rc != PERSIST_OK)
        persist__lock_release(lock);
    return rc;
}

int persist__lock_exclusive(persist__lock *lock, int *out, persist__err *err)
{
    *out = 0;
    if (range_lock(lock->data_fd, F_OFD_SETLK, F_WRLCK, PRESENCE_BYTE) == 0) {
        *out = 1;
        return PERSIST_OK;
    }
    if (errno == EAGAIN || errno == EACCES)
        return PERSIST_OK;
    return persist__err_errno(err, errno, "locking the store for compaction");
}

int persist__lock_shared(persist__lock *lock, persist__err *err)
{
    if (range_lock(lock->data_fd, F_OFD_SETLK, F_RDLCK, PRESENCE_BYTE) == 0)
        return PERSIST_OK;
    return persist__err_errno(err, errno, "unlocking the store after compaction");
}

int persist__lock_adopt(persist__lock *lock, int fd, persist__err *err)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return persist__err_errno(err, errno, "reading the compacted file");
    if (range_lock(fd, F_OFD_SETLK, F_WRLCK, WRITER_BYTE) != 0 ||
        range_lock(fd, F_OFD_SETLK, F_WRLCK, PRESENCE_BYTE) != 0)
        return persist__err_errno(err, errno, "locking the compacted file");
    registry_update(lock->dev, lock->ino, st.st_dev, st.st_ino, 1);
    lock->old_fd = lock->data_fd;
    lock->old_dev = lock->dev;
    lock->old_ino = lock->ino;
    lock->data_fd = fd;
    lock->dev = st.st_dev;
    lock->ino = st.st_ino;
    return PERSIST_OK;
}

void persist__lock_settle(persist__lock *lock, int replaced)
{
    if (!replaced) {
        registry_update(lock->dev, lock->ino, lock->old_dev, lock->old_ino, 0);
        persist__lock_close_file(lock->data_fd);
        lock->data_fd = lock->old_fd;
        lock->dev = lock->old_dev;
        lock->ino = lock->old_ino;
    } else {
        registry_update(lock->dev, lock->ino, lock->dev, lock->ino, 0);
        persist__lock_close_file(lock->old_fd); /* releases the locks on the old file */
    }
    lock->old_fd = -1;
}

void persist__lock_sweep_copies(const persist__lock *lock, const char *dir, unsigned *count,
                                uint64_t *bytes)
{
    static const char prefix[] = "data.mdb.tmp-";
    struct dirent *e;
    struct stat st;
    DIR *d;
    *count = 0;
    *bytes = 0;
    if (!lock->writer || (d = opendir(dir)) == NULL)
        return; /* only the writer: no other process compacts while it holds the writer lock */
    while ((e = readdir(d)) != NULL) {
        if (strncmp(e->d_name, prefix, sizeof prefix - 1) != 0 ||
            strlen(e->d_name) != sizeof prefix - 1 + 6 ||
            fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
            continue;
        if (unlinkat(dirfd(d), e->d_name, 0) == 0) {
            (*count)++;
            *bytes += (uint64_t)st.st_size;
        }
    }
    closedir(d);
}

void persist__lock_release(persist__lock *lock)
{
    if (lock->registered)
        registry_update(lock->dev, lock->ino, 0, 0, 0);
    lock->registered = 0;
    persist__lock_close_file(lock->data_fd); /* releases the writer and presence locks */
    persist__lock_close_file(lock->old_fd);
    persist__lock_close_file(lock->info_fd);
    lock->data_fd = lock->info_fd = lock->old_fd = -1;
}

/* A child process has none of its parent's stores open: it closes its copies of every tracked
 * descriptor, so a parent that closes a store releases its locks even while the child lives on,
 * and the child may open those stores itself. The parent's store objects in the child never touch
 * these descriptor numbers again (lib/persist.c refuses them), so new files reusing the numbers
 * are safe. */
void persist__lock_fork(int phase)
{
    if (phase == PERSIST__FORK_CHILD) {
        for (size_t i = 0; i < tracked_len; i++)
            close(tracked[i]);
        tracked_len = 0;
        registry_len = 0;
    }
    persist__fork_mutex(&registry_mu, phase);
}
