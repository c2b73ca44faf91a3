/* util.c - the game server's small helpers: clocks, randomness, files and directories. */
#include "server.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

void fail(struct failure *f, unsigned status, const char *fmt, ...)
{
    va_list ap;
    f->status = status;
    va_start(ap, fmt);
    vsnprintf(f->message, sizeof f->message, fmt, ap);
    va_end(ap);
}

/* Errors of the rules or of the request are the client's (4xx); a store that refuses writes or
 * is busy elsewhere is unavailable for now (503); anything else is the server's (500). */
static unsigned status_of(int rc)
{
    switch (rc) {
    case PERSIST_EINVAL: return MHD_HTTP_BAD_REQUEST;
    case PERSIST_ELOAD:
    case PERSIST_ECONTRACT:
    case PERSIST_ESCRIPT:
    case PERSIST_EMIGRATE:
    case PERSIST_EROUNDTRIP:
    case PERSIST_ENOAPP: return MHD_HTTP_UNPROCESSABLE_CONTENT;
    case PERSIST_EBUSY:
    case PERSIST_EFATAL:
    case PERSIST_EIO:
    case PERSIST_EFULL:
    case PERSIST_ETIMEOUT:
    case PERSIST_EMEMORY: return MHD_HTTP_SERVICE_UNAVAILABLE;
    default: return MHD_HTTP_INTERNAL_SERVER_ERROR;
    }
}

void fail_persist(struct failure *f, persist_store *s, int rc, const char *what)
{
    char msg[400] = "";
    if (s)
        persist_store_errmsg(s, msg, sizeof msg);
    fail(f, status_of(rc), "%s: %s%s%s", what, persist_strerror(rc), msg[0] ? ": " : "", msg);
}

uint64_t now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

uint64_t monotonic_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec;
}

static void random_bytes(void *out, size_t n)
{
    unsigned char *p = out;
    while (n > 0) {
        ssize_t got = getrandom(p, n, 0);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) { /* no kernel randomness at all: nothing sensible to go on with */
            perror("getrandom");
            abort();
        }
        p += got;
        n -= (size_t)got;
    }
}

uint32_t random_u31(void)
{
    uint32_t v;
    random_bytes(&v, sizeof v);
    return v & 0x7fffffffu;
}

void random_hex(char *out, size_t bytes)
{
    unsigned char buf[64];
    if (bytes > sizeof buf)
        bytes = sizeof buf;
    random_bytes(buf, bytes);
    for (size_t i = 0; i < bytes; i++)
        snprintf(out + 2 * i, 3, "%02x", buf[i]);
    out[2 * bytes] = '\0';
}

int read_file(const char *path, struct blob *out)
{
    FILE *f = fopen(path, "rb");
    long size;
    int rc = -1;
    out->data = NULL;
    if (!f)
        return -1;
    if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
        out->data = malloc((size_t)size + 1);
        if (out->data && fread(out->data, 1, (size_t)size, f) == (size_t)size) {
            out->data[size] = '\0';
            out->len = (size_t)size;
            rc = 0;
        }
    }
    fclose(f);
    if (rc != 0) {
        free(out->data);
        out->data = NULL;
    }
    return rc;
}

/* Written beside its name, synced, renamed: a reader sees the old file or the whole new one. */
int write_file_atomic(const char *path, const char *text, mode_t mode)
{
    char tmp[4096];
    size_t len = strlen(text);
    int fd, ok;
    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp)
        return -1;
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0)
        return -1;
    ok = write(fd, text, len) == (ssize_t)len && fsync(fd) == 0;
    ok = close(fd) == 0 && ok;
    if (!ok || rename(tmp, path) != 0) {
        unlink(tmp);
        return -1;
    }
    return 0;
}

/* A store directory holds files only (data.mdb, lock.mdb, the lock files). */
int remove_store_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[4096];
    if (!d)
        return errno == ENOENT ? 0 : -1;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (snprintf(path, sizeof path, "%s/%s", dir, e->d_name) < (int)sizeof path)
            unlink(path);
    }
    closedir(d);
    return rmdir(dir);
}

int fsync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int rc;
    if (fd < 0)
        return -1;
    rc = fsync(fd);
    close(fd);
    return rc;
}
