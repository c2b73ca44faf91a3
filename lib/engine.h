/* engine.h - a store's operations: event path, projection of deploy and set-state, snapshots. */
#ifndef PERSIST_ENGINE_H
#define PERSIST_ENGINE_H

#include "app_adapter.h"
#include "log_store.h"
#include "restore.h"
#include "snapshot_policy.h"
#include "store_lock.h"

typedef struct persist__engine {
    persist__lock lock; /* the data file's locks: one writer, and this handle's presence */
    persist__log *log;  /* NULL only when reopening after a compaction failed (see poisoned) */
    char *dir;          /* the store directory (for reopening after a compaction) */
    persist__app *live; /* NULL until an app is deployed */
    persist__logger lg;
    persist__js_config jscfg;  /* console and limits of every app heap */
    persist__restore_env renv; /* jscfg plus the progress callback */
    persist_options opts;
    persist__policy policy;
    uint64_t head;       /* newest record number */
    uint64_t snap_seq;   /* record number the newest snapshot follows */
    uint64_t snap_tried; /* the last record after which the event path tried a snapshot */
    int poisoned;        /* an I/O error or engine failure: writes refused until reopened */
} persist__engine;

/* Lock the store in `dir` (creating it unless PERSIST_OPEN_NO_CREATE or read-only), open its LMDB
 * environment and restore the live app from disk. */
int persist__engine_open(persist__engine *eng, const char *dir, const persist_options *opts,
                         persist__err *err);
void persist__engine_close(persist__engine *eng);

int persist__engine_submit(persist__engine *eng, const char *event, size_t len, char **out_resp,
                           size_t *out_len, persist__err *err);
int persist__engine_submit_batch(persist__engine *eng, persist_batch_item *items, size_t n,
                                 persist__err *err);
int persist__engine_flush(persist__engine *eng, persist__err *err);
int persist__engine_deploy(persist__engine *eng, const char *code, size_t len, uint32_t mode,
                           const char *module, persist__err *err);
int persist__engine_set_state(persist__engine *eng, const char *text, size_t len,
                              persist__err *err);
int persist__engine_snapshot(persist__engine *eng, persist__err *err);

/* Append a reset record with the app and state after record `to` (a revert). */
int persist__engine_revert(persist__engine *eng, uint64_t to, persist__err *err);

/* Append a reset record with this app (stored if new) and state; source_seq 0 = an import. */
typedef struct persist__reset_src {
    const char *code;
    size_t code_len;
    const uint8_t *app_hash;
    const char *module;
    size_t module_len;
    const char *state;
    size_t state_len;
} persist__reset_src;
int persist__engine_reset(persist__engine *eng, const persist__reset_src *src, persist__err *err);

/* Runs `step` in a write transaction and commits it; grows the map and runs the step again in a
 * new transaction when the map is full (so a step must not keep what it did in a failed attempt).
 * An I/O or engine failure poisons the engine. */
typedef int (*persist__write_step)(persist__engine *eng, persist__txn *txn, void *ctx,
                                   persist__err *err);
int persist__engine_write(persist__engine *eng, persist__write_step step, void *ctx,
                          persist__err *err);

/* Close and reopen the LMDB environment (after its file was replaced). */
int persist__engine_reopen_log(persist__engine *eng, persist__err *err);
int persist__engine_restore(persist__engine *eng, persist__err *err);

/* Facts read from disk in a fresh read transaction. */
typedef struct persist__facts {
    uint64_t head, count, snap_seq;
} persist__facts;
int persist__engine_facts(persist__engine *eng, persist__facts *out, persist__err *err);
/* Set head and snap_seq from disk without restoring (PERSIST_OPEN_NO_RESTORE). */
int persist__engine_facts_head(persist__engine *eng, persist__err *err);

#endif
