/* sync_batch.h - the bytes of a sync batch or bootstrap package (docs/sync.md): building one and
 * checking and reading one (pure; no storage). */
#ifndef PERSIST_SYNC_BATCH_H
#define PERSIST_SYNC_BATCH_H

#include "internal.h"

#define PERSIST__SYNC_VERSION 1

enum { PERSIST__SYNC_RECORDS = 1, PERSIST__SYNC_BOOTSTRAP = 2 };
enum {
    PERSIST__ENTRY_APP = 1,      /* key: SHA-256 of the code; value: the code */
    PERSIST__ENTRY_RECORD = 2,   /* seq; value: the record as stored */
    PERSIST__ENTRY_SNAPSHOT = 3, /* seq; value: the snapshot as stored */
    PERSIST__ENTRY_CLIENT_ID = 4 /* key: the client id; value: its index entry */
};

typedef struct persist__sync_header {
    uint32_t kind;
    uint8_t store_id[16];
    uint64_t epoch;
    uint64_t after; /* records: the record the batch follows; bootstrap: the snapshot's record */
    uint64_t last;  /* records: the last record of the batch; bootstrap: = after */
    uint8_t prev_sum[8]; /* checksum of record `after` as stored (zero when after is 0) */
} persist__sync_header;

typedef struct persist__sync_entry {
    uint32_t type;
    uint64_t seq;       /* records and snapshots */
    const uint8_t *key; /* apps (32 bytes) and client ids */
    size_t key_len;
    const uint8_t *val;
    size_t val_len;
} persist__sync_entry;

/* Building: start with the header, add entries, finish (appends the SHA-256 over everything). */
typedef struct persist__sync_builder {
    uint8_t *buf;
    size_t len, cap;
    uint32_t entries;
    int failed; /* out of memory */
} persist__sync_builder;

void persist__sync_begin(persist__sync_builder *b, const persist__sync_header *h);
void persist__sync_add(persist__sync_builder *b, const persist__sync_entry *e);
/* The finished bytes (malloc'd, the caller's) or PERSIST_ENOMEM; frees the builder either way. */
int persist__sync_finish(persist__sync_builder *b, char **out, size_t *out_len, persist__err *err);

/* Reading: checks the magic, version, length and SHA-256 (PERSIST_ECORRUPT, PERSIST_EVERSION),
 * fills *h; then next() gives the entries in order (1), 0 at the end, or PERSIST_ECORRUPT. */
typedef struct persist__sync_reader {
    const uint8_t *p, *end;
    uint32_t left;
} persist__sync_reader;

int persist__sync_open(persist__sync_reader *r, persist__sync_header *h, const char *data,
                       size_t len, persist__err *err);
int persist__sync_next(persist__sync_reader *r, persist__sync_entry *e, persist__err *err);

#endif
