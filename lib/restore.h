/* restore.h - the restore path: newest snapshot, then replay of every later record. */
#ifndef PERSIST_RESTORE_H
#define PERSIST_RESTORE_H

#include "app_adapter.h"
#include "log_store.h"

/* Restore the state after record `head` as seen by `txn` (a read transaction, or the write
 * transaction of a projection, whose uncommitted records it sees). *out is NULL when nothing is
 * deployed at `head`; *out_snap receives the record number of the snapshot it started from.
 * `head_is_new`: record `head` is a projection's uncommitted record (messages say so). */
int persist__restore(persist__txn *txn, uint64_t head, int head_is_new,
                     const persist__js_config *cfg, persist__app **out, uint64_t *out_snap,
                     persist__err *err);

#endif
