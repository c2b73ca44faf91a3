/* sync.h - following a store: export, apply, promote; queries and refreshing read-only handles. */
#ifndef PERSIST_SYNC_H
#define PERSIST_SYNC_H

#include "engine.h"

int persist__sync_export_records(persist__engine *eng, uint64_t after, uint64_t max_bytes,
                                 char **out, size_t *out_len, uint64_t *out_to, persist__err *err);
int persist__sync_export_bootstrap(persist__engine *eng, char **out, size_t *out_len,
                                   uint64_t *out_seq, persist__err *err);
int persist__sync_apply(persist__engine *eng, const char *data, size_t len, uint64_t *out_head,
                        persist__err *err);
int persist__sync_promote(persist__engine *eng, persist__err *err);
int persist__sync_info(persist__engine *eng, persist_sync_info *out, persist__err *err);

/* The store's role as recorded in it: *follower is 1 for a follower. */
int persist__sync_read_role(persist__txn *txn, int *follower, persist__err *err);

/* meta's store_id, role and epoch: PERSIST_ECORRUPT when one is damaged (verify). */
int persist__sync_check_meta(persist__txn *txn, persist__err *err);

int persist__sync_query(persist__engine *eng, const char *event, size_t len, char **out,
                        size_t *out_len, persist__err *err);
int persist__sync_refresh(persist__engine *eng, persist__err *err);

#endif
