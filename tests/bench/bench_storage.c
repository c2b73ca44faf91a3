/* bench_storage.c - what the disk allows without libpersist: one small record per commit into an
 * LMDB environment (synced as libpersist's default mode commits, with only the data synced, and
 * unsynced) and appended to a plain file (with fdatasync after each record, and without). The
 * ceiling against which the library's synced and relaxed modes are read. Not a test: prints a
 * markdown table.
 *
 * Usage: bench_storage DIR [RECORDS [SIZE]]   (defaults: 2000 records of 64 bytes)
 *
 * DIR is created and emptied; each row writes RECORDS records of SIZE bytes, one per commit (LMDB:
 * a write transaction with one put under an increasing 8-byte key; file: one write()). Prints
 * records per second and the median and 99th percentile of a record's wall time. */
#include <errno.h>
#include <fcntl.h>
#include <lmdb.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench_util.h"

static void die(const char *what, int rc)
{
    fprintf(stderr, "bench_storage: %s: %s\n", what, rc > 0 ? mdb_strerror(rc) : strerror(errno));
    exit(1);
}

static void empty_dir(const char *dir)
{
    char cmd[1100];
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s'", dir, dir);
    if (system(cmd) != 0)
        exit(2);
}

/* One record per write transaction; flags as mdb_env_open takes them (MDB_NOSYNC, ...). */
static void lmdb_rows(const char *dir, unsigned flags, long n, size_t size, double *lat)
{
    MDB_env *env;
    MDB_dbi dbi;
    MDB_txn *txn;
    char *rec = calloc(1, size);
    int rc;
    empty_dir(dir);
    if (rec == NULL)
        exit(2);
    if ((rc = mdb_env_create(&env)) != 0 || (rc = mdb_env_set_mapsize(env, 1u << 30)) != 0 ||
        (rc = mdb_env_open(env, dir, flags | MDB_NOTLS, 0644)) != 0)
        die("mdb_env_open", rc);
    if ((rc = mdb_txn_begin(env, NULL, 0, &txn)) != 0 || (rc = mdb_dbi_open(txn, NULL, 0, &dbi)) ||
        (rc = mdb_txn_commit(txn)) != 0)
        die("mdb_dbi_open", rc);
    for (long i = 0; i < n; i++) {
        uint64_t key = __builtin_bswap64((uint64_t)i + 1); /* big-endian: appends in key order */
        MDB_val k = {sizeof key, &key}, v = {size, rec};
        double t0 = bench_clock(CLOCK_MONOTONIC);
        if ((rc = mdb_txn_begin(env, NULL, 0, &txn)) != 0 ||
            (rc = mdb_put(txn, dbi, &k, &v, MDB_APPEND)) != 0 || (rc = mdb_txn_commit(txn)) != 0)
            die("commit", rc);
        lat[i] = bench_clock(CLOCK_MONOTONIC) - t0;
    }
    mdb_env_close(env);
    free(rec);
}

/* One write() per record, each followed by fdatasync() when `sync`. */
static void file_rows(const char *dir, int sync, long n, size_t size, double *lat)
{
    char path[1100], *rec = malloc(size);
    int fd;
    empty_dir(dir);
    snprintf(path, sizeof path, "%s/log", dir);
    if (rec == NULL || (fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0644)) < 0)
        die("open", 0);
    memset(rec, 'x', size);
    rec[size - 1] = '\n';
    for (long i = 0; i < n; i++) {
        double t0 = bench_clock(CLOCK_MONOTONIC);
        if (write(fd, rec, size) != (ssize_t)size || (sync && fdatasync(fd) != 0))
            die("write", 0);
        lat[i] = bench_clock(CLOCK_MONOTONIC) - t0;
    }
    close(fd);
    free(rec);
}

int main(int argc, char **argv)
{
    long n = argc > 2 ? atol(argv[2]) : 2000;
    size_t size = argc > 3 ? (size_t)atol(argv[3]) : 64;
    double *lat = malloc(sizeof *lat * (size_t)(n > 0 ? n : 1)), base = 0;
    static const struct {
        const char *name;
        int lmdb;
        unsigned flags; /* LMDB: environment flags; file: 1 = fdatasync */
    } rows[] = {
        {"LMDB, synced commit (data and meta page: as libpersist's default)", 1, 0},
        {"LMDB, data synced, meta page not (MDB_NOMETASYNC)", 1, MDB_NOMETASYNC},
        {"LMDB, unsynced commit (MDB_NOSYNC: as libpersist's relaxed mode)", 1, MDB_NOSYNC},
        {"file append + fdatasync per record", 0, 1},
        {"file append, no sync", 0, 0},
    };
    if (argc < 2 || n < 1 || size < 1 || lat == NULL) {
        fprintf(stderr, "usage: bench_storage DIR [RECORDS [SIZE]]\n");
        return 2;
    }
    printf("%ld records of %zu bytes per row, one per commit or write, in %s\n\n", n, size,
           argv[1]);
    printf("| storage | records/s | us/record | p50 us | p99 us | ratio to synced LMDB |\n"
           "|---|---:|---:|---:|---:|---:|\n");
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        double total = 0, rate;
        if (rows[r].lmdb)
            lmdb_rows(argv[1], rows[r].flags, n, size, lat);
        else
            file_rows(argv[1], (int)rows[r].flags, n, size, lat);
        for (long i = 0; i < n; i++)
            total += lat[i];
        rate = (double)n / total;
        if (r == 0)
            base = rate;
        printf("| %s | %.0f | %.2f | %.1f | %.1f | %.2f |\n", rows[r].name, rate,
               total * 1e6 / (double)n, bench_quantile(lat, (size_t)n, 0.5) * 1e6,
               bench_quantile(lat, (size_t)n, 0.99) * 1e6, rate / base);
    }
    empty_dir(argv[1]);
    rmdir(argv[1]);
    free(lat);
    return 0;
}
