/* log_store.h - the LMDB environment of a store: records, apps, snapshots, meta. */
#ifndef PERSIST_LOG_STORE_H
#define PERSIST_LOG_STORE_H

#include "internal.h"
#include "lmdb_check.h"
#include "record.h"

#define PERSIST__FORMAT_VERSION 1

/* Internal only: the LMDB map is full; the caller grows it and retries. Never returned to users. */
#define PERSIST__EMAPFULL (-1000)

typedef struct persist__log persist__log;
typedef struct persist__txn persist__txn;
typedef struct persist__cursor persist__cursor;

/* Open the environment in an existing directory. A writer initializes the format on first open.
 * `relaxed`: commits are not fsynced (persist__log_sync does it). */
int persist__log_open(persist__log **out, const char *dir, int readonly, int relaxed,
                      uint64_t map_size, persist__err *err);

/* fsync what has been committed. */
int persist__log_sync(persist__log *log, persist__err *err);
void persist__log_close(persist__log *log);

/* Double the map size; only when no transaction of this environment is active. */
int persist__log_grow(persist__log *log, persist__err *err);

int persist__log_begin(persist__log *log, int write, persist__txn **out, persist__err *err);
int persist__log_commit(persist__txn *txn, persist__err *err); /* always frees txn */
void persist__log_abort(persist__txn *txn);                    /* NULL is ignored */

/* Newest record number (0 when empty) and number of records. */
int persist__log_head(persist__txn *txn, uint64_t *out, persist__err *err);
int persist__log_count(persist__txn *txn, uint64_t *out, persist__err *err);

/* Append rec (rec->seq must be head + 1). */
int persist__log_append(persist__txn *txn, const persist__record *rec, persist__err *err);

/* Iterate verified records from `from` on; next gives 1 (a record), 0 (end) or an error. */
int persist__log_cursor_open(persist__txn *txn, uint64_t from, persist__cursor **out,
                             persist__err *err);
int persist__log_cursor_next(persist__cursor *cur, persist__record *out, persist__err *err);
void persist__log_cursor_close(persist__cursor *cur);

/* App code, content-addressed by SHA-256. get verifies the hash; the code is borrowed until the
 * transaction ends. */
int persist__log_app_put(persist__txn *txn, const uint8_t hash[PERSIST__HASH_LEN], const char *code,
                         size_t len, persist__err *err);
int persist__log_app_get(persist__txn *txn, const uint8_t hash[PERSIST__HASH_LEN],
                         const char **code, size_t *len, persist__err *err);

/* Snapshots keyed by the record number they follow. newest finds the newest at or before `at`
 * (PERSIST_ENOTFOUND when there is none); its strings are borrowed until the transaction ends.
 * When its value is damaged (PERSIST_ECORRUPT), out->seq still names it. */
int persist__log_snapshot_put(persist__txn *txn, const persist__snapshot *snap, persist__err *err);
int persist__log_snapshot_newest(persist__txn *txn, uint64_t at, persist__snapshot *out,
                                 persist__err *err);

/* First stored record number (0 when the log is empty; > 1 after a prune). */
int persist__log_first(persist__txn *txn, uint64_t *out, persist__err *err);

/* Visit every record from `from` on, or every snapshot / app, also damaged ones: the visitor gets
 * the decode status (PERSIST_OK or PERSIST_ECORRUPT with its message in `why`). A visitor that
 * returns non-zero stops the walk, and that value is returned. */
typedef int (*persist__record_visit)(uint64_t seq, int status, const persist__record *rec,
                                     const persist__err *why, void *ud);
typedef int (*persist__snapshot_visit)(uint64_t seq, int status, const persist__snapshot *snap,
                                       const persist__err *why, void *ud);
typedef int (*persist__app_visit)(const uint8_t hash[PERSIST__HASH_LEN], const char *code,
                                  size_t len, void *ud);
int persist__log_records_each(persist__txn *txn, uint64_t from, persist__record_visit fn, void *ud,
                              persist__err *err);
int persist__log_snapshots_each(persist__txn *txn, persist__snapshot_visit fn, void *ud,
                                persist__err *err);
int persist__log_apps_each(persist__txn *txn, persist__app_visit fn, void *ud, persist__err *err);

/* Delete records or snapshots with numbers below `seq`; *removed counts them. */
int persist__log_delete_records_before(persist__txn *txn, uint64_t seq, uint64_t *removed,
                                       persist__err *err);
int persist__log_delete_snapshots_before(persist__txn *txn, uint64_t seq, uint64_t *removed,
                                         persist__err *err);
int persist__log_app_delete(persist__txn *txn, const uint8_t hash[PERSIST__HASH_LEN],
                            persist__err *err);

/* A consistent compacted copy of the environment into directory `dir` (data.mdb must not exist). */
int persist__log_copy(persist__log *log, const char *dir, persist__err *err);

/* Readers of other processes currently inside a read transaction. */
int persist__log_other_readers(persist__log *log, int *out, persist__err *err);

/* The structure of data.mdb as of a new read transaction (lib/lmdb_check.c): PERSIST_ECORRUPT with
 * "page N: ..." when LMDB must not follow it. `stats` may be NULL. Opening runs it; only when no
 * transaction of this environment is active (it may adopt a map grown by another process). */
int persist__log_check_pages(persist__log *log, persist__lmdb_stats *stats, persist__err *err);

/* Where LMDB's assertion messages go before it aborts; lg is borrowed until the log is closed. */
void persist__log_set_logger(persist__log *log, const persist__logger *lg);

#endif
