/* restore.h - the restore path: newest snapshot, then replay of every later record. */
#ifndef PERSIST_RESTORE_H
#define PERSIST_RESTORE_H

#include "app_adapter.h"
#include "log_store.h"

/* What the restore path runs with: app heap settings and an optional progress callback. */
typedef struct persist__restore_env {
    const persist__js_config *js;
    persist_progress_fn progress; /* NULL = none */
    void *progress_ud;
} persist__restore_env;

/* Restore the state after record `head` as seen by `txn` (a read transaction, or the write
 * transaction of a projection, whose uncommitted records it sees). *out is NULL when nothing is
 * deployed at `head`; *out_snap receives the record number of the snapshot it started from.
 * `head_is_new`: record `head` is a projection's uncommitted record (messages say so). */
int persist__restore(persist__txn *txn, uint64_t head, int head_is_new,
                     const persist__restore_env *env, persist__app **out, uint64_t *out_snap,
                     persist__err *err);

/* Apply records from + 1 .. to to *app (which may start NULL); every one must be there. */
int persist__replay(persist__txn *txn, uint64_t from, uint64_t to, int to_is_new,
                    persist__app **app, const persist__restore_env *env, persist__err *err);

/* Apply one record to *app (the restore path's step). For an event, *out_resp (when not NULL)
 * receives the app's response (malloc'd through persist__malloc). */
int persist__apply(persist__txn *txn, persist__app **app, const persist__record *rec,
                   const persist__restore_env *env, char **out_resp, size_t *out_len,
                   persist__err *err);

#endif
