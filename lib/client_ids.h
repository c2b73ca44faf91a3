/* client_ids.h - the client-id index: which client ids were applied, as which record, with which
 * response, for as long as the store's retention keeps them (docs/format.md section 3.1). */
#ifndef PERSIST_CLIENT_IDS_H
#define PERSIST_CLIENT_IDS_H

#include "log_store.h"

/* An entry is this header (u64 record number, u64 record time), then the response. */
#define PERSIST__ID_ENTRY_HEADER 16

/* How long ids are remembered: the newest `keep` entries, none older than `keep_us` of record
 * time (0: that limit is off). */
typedef struct persist__id_policy {
    uint64_t keep;
    uint64_t keep_us;
} persist__id_policy;

/* What the index holds for an id; response borrowed until the transaction ends. */
typedef struct persist__id_hit {
    uint64_t seq;
    uint64_t time_us;
    const char *response;
    size_t response_len;
} persist__id_hit;

/* PERSIST_OK and *out for a remembered id, PERSIST_ENOTFOUND (no message) for another. */
int persist__ids_lookup(persist__txn *txn, const char *id, size_t id_len, persist__id_hit *out,
                        persist__err *err);

/* Remember id as record seq (written at time_us) with its response, then forget what the
 * policy no longer keeps. */
int persist__ids_remember(persist__txn *txn, const char *id, size_t id_len,
                          const persist__id_hit *hit, const persist__id_policy *policy,
                          persist__err *err);

#endif
