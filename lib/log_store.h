/* log_store.h - the LMDB environment of a store: records, apps, snapshots, meta. */
#ifndef PERSIST_LOG_STORE_H
#define PERSIST_LOG_STORE_H

#include "internal.h"
#include "lmdb_check.h"
#include "record.h"

/* Store formats: 1 (libpersist 1.0) and 2 (1.1: records with a client id, the client-id index,
 * followers). A store is written as format 1 until it uses something of format 2. */
#define PERSIST__FORMAT_BASE 1
#define PERSIST__FORMAT_MAX  2

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
/* The number of the newest snapshot, whatever the head (0: none). */
int persist__log_snapshot_last(persist__txn *txn, uint64_t *out, persist__err *err);

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
/* Snapshots after record `seq`: only damage leaves them (the records they follow were lost). */
int persist__log_delete_snapshots_after(persist__txn *txn, uint64_t seq, uint64_t *removed,
                                        persist__err *err);
int persist__log_app_delete(persist__txn *txn, const uint8_t hash[PERSIST__HASH_LEN],
                            persist__err *err);

/* ---- format 2 ---- */

/* A meta entry (borrowed until the transaction ends); PERSIST_ENOTFOUND when absent (no message).
 * put with val NULL deletes it. */
int persist__log_meta_get(persist__txn *txn, const char *key, const uint8_t **val, size_t *len,
                          persist__err *err);
int persist__log_meta_put(persist__txn *txn, const char *key, const void *val, size_t len,
                          persist__err *err);
/* Make the store's format at least `version` (a store uses format 2 once it needs it). */
int persist__log_require_format(persist__txn *txn, uint32_t version, persist__err *err);
int persist__log_store_id(persist__txn *txn, uint8_t out[16], persist__err *err);
int persist__log_set_store_id(persist__txn *txn, const uint8_t id[16], persist__err *err);

/* A record's or snapshot's stored value, as it is (borrowed until the transaction ends), and the
 * same put back under its number (the caller has verified it). */
int persist__log_record_raw(persist__txn *txn, uint64_t seq, const uint8_t **val, size_t *len,
                            persist__err *err);
int persist__log_append_raw(persist__txn *txn, uint64_t seq, const uint8_t *val, size_t len,
                            persist__err *err);
int persist__log_snapshot_raw(persist__txn *txn, uint64_t seq, const uint8_t **val, size_t *len,
                              persist__err *err);
int persist__log_snapshot_put_raw(persist__txn *txn, uint64_t seq, const uint8_t *val, size_t len,
                                  persist__err *err);

/* The client-id index: id -> value (client_ids.c's layout), with an order by record number for
 * trimming. get gives PERSIST_ENOTFOUND (no message) for an unknown id; oldest gives the entry of
 * the lowest record number and the number of entries. */
int persist__log_id_get(persist__txn *txn, const char *id, size_t id_len, const uint8_t **val,
                        size_t *len, persist__err *err);
int persist__log_id_put(persist__txn *txn, const char *id, size_t id_len, uint64_t seq,
                        const uint8_t *val, size_t len, persist__err *err);
int persist__log_id_oldest(persist__txn *txn, uint64_t *seq, const char **id, size_t *id_len,
                           uint64_t *count, persist__err *err);
/* Drop the order entry of record seq, and with drop_id the id's entry too. */
int persist__log_id_forget(persist__txn *txn, uint64_t seq, const char *id, size_t id_len,
                           int drop_id, persist__err *err);

/* Every entry of the client-id index (id, entry value); a visitor that returns non-zero stops. */
typedef int (*persist__id_visit)(const void *id, size_t id_len, const void *val, size_t len,
                                 void *ud);
int persist__log_ids_each(persist__txn *txn, persist__id_visit fn, void *ud, persist__err *err);
/* Every entry of the index's order (8-byte record number, id), oldest first; as ids_each. */
int persist__log_id_order_each(persist__txn *txn, persist__id_visit fn, void *ud,
                               persist__err *err);

/* A consistent compacted copy of the environment, written to `fd` (not synced). */
int persist__log_copy_fd(persist__log *log, int fd, persist__err *err);

/* The structure of data.mdb as of a new read transaction (lib/lmdb_check.c): PERSIST_ECORRUPT with
 * "page N: ..." when LMDB must not follow it. `stats` may be NULL. Opening runs it; only when no
 * transaction of this environment is active (it may adopt a map grown by another process). */
int persist__log_check_pages(persist__log *log, persist__lmdb_stats *stats, persist__err *err);

/* Where LMDB's assertion messages go before it aborts; lg is borrowed until the log is closed. */
void persist__log_set_logger(persist__log *log, const persist__logger *lg);

/* Holds the mutex of the reasons environments died for across a fork (lib/fork_guard.c). */
void persist__log_fork(int phase);

#endif
