/* snapshot.h - writing a snapshot of an app's state and starting an app from the newest one. */
#ifndef PERSIST_SNAPSHOT_H
#define PERSIST_SNAPSHOT_H

#include "app_adapter.h"
#include "log_store.h"

/* Store `state` (the serialized state of `app`) as the snapshot after record `seq`. */
int persist__snapshot_save(persist__txn *txn, uint64_t seq, const persist__app *app,
                           const char *state, size_t state_len, persist__err *err);

/* Load the newest snapshot at or before `at`: its app in a fresh heap with the state
 * deserialized. PERSIST_ENOTFOUND when there is no snapshot. */
int persist__snapshot_load(persist__txn *txn, uint64_t at, const persist__js_config *cfg,
                           persist__app **out, uint64_t *out_seq, persist__err *err);

#endif
