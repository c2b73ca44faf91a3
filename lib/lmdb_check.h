/* lmdb_check.h - checks LMDB 0.9's on-disk format of data.mdb with pread, before LMDB follows it.
 */
#ifndef PERSIST_LMDB_CHECK_H
#define PERSIST_LMDB_CHECK_H

#include "internal.h"

/* Internal only: the meta page of the transaction to walk was overwritten by newer commits (or
 * changed while it was read); the caller begins a new read transaction and walks again. */
#define PERSIST__ERETRY (-1010)

/* What a walk found, for tests, verify and measurements. */
typedef struct persist__lmdb_stats {
    uint32_t psize;        /* page size */
    uint64_t txnid;        /* the transaction walked */
    uint64_t last_pg;      /* the meta page's last page number */
    uint64_t file_pages;   /* whole pages in data.mdb (may be fewer than last_pg + 1: below) */
    uint64_t branch_pages; /* reachable pages of every database, the free list's included */
    uint64_t leaf_pages;
    uint64_t overflow_pages;
    uint64_t entries;     /* leaf entries of every database */
    uint64_t free_pages;  /* page numbers the free list holds */
    uint64_t unaccounted; /* neither reachable nor free: LMDB leaks none (not an error) */
    uint32_t databases;   /* named databases */
    uint64_t bytes_read;  /* read with pread */
} persist__lmdb_stats;

/* Before mdb_env_open: data.mdb (open as fd) is empty (a new store: fine for a writer,
 * PERSIST_ENOTFOUND for a reader) or has two sound meta pages (LMDB's magic and data version, one
 * page size, transaction ids with the parity of their page and consecutive), the newest naming
 * databases whose root pages the file holds. PERSIST_ECORRUPT with a message saying what is damaged
 * and what to do; PERSIST_EVERSION for another LMDB data format; PERSIST_EIO. */
int persist__lmdb_precheck(int fd, int is_writer, persist__err *err);

/* The whole structure as of the meta page of transaction `txnid` (the caller holds a read
 * transaction with that id, so no writer reuses its pages meanwhile): every page of the free list,
 * the main database and each named database is within the file, reached once, of the right type
 * for its depth, with nodes, keys and sizes inside the page, keys in order and within the
 * separators above them, overflow pages that hold their data, the totals of each database's
 * header; and no free-list entry names a page in use. `stats` may be NULL. PERSIST_ECORRUPT with
 * "page N: what is wrong"; PERSIST__ERETRY (see above); PERSIST_ENOMEM; PERSIST_EIO. */
int persist__lmdb_walk(int fd, uint64_t txnid, persist__lmdb_stats *stats, persist__err *err);

#endif
