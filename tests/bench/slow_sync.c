/* slow_sync.c - an LD_PRELOAD shim for benchmarks: every fsync and fdatasync waits SLOW_SYNC_US
 * microseconds (default 2000) before it syncs, to measure group commit as it behaves on a disk
 * whose sync takes milliseconds (this machine's takes 0.1-0.2 ms). Not a test.
 *
 *   LD_PRELOAD=build/bench/slow_sync.so build/bench/bench_app -b 1 -t 8 ...          */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* RTLD_NEXT */
#endif
#include <dlfcn.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static void wait_first(void)
{
    const char *us = getenv("SLOW_SYNC_US");
    long n = us != NULL ? atol(us) : 2000;
    struct timespec ts = {n / 1000000, (n % 1000000) * 1000};
    nanosleep(&ts, NULL);
}

int fdatasync(int fd)
{
    int (*real)(int) = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
    wait_first();
    return real(fd);
}

int fsync(int fd)
{
    int (*real)(int) = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    wait_first();
    return real(fd);
}
