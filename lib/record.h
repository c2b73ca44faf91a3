/* record.h - encoding and decoding of log records and snapshots (pure; layouts in docs/format.md).
 */
#ifndef PERSIST_RECORD_H
#define PERSIST_RECORD_H

#include "internal.h"

/* Header sizes: a record's is kind, reserved, payload length, time and checksum; a snapshot's adds
 * its lengths and the app hash (docs/format.md). */
#define PERSIST__REC_HEADER  24
#define PERSIST__SNAP_HEADER 56
#define PERSIST__CHECKSUM    8

/* A decoded record; payload points into the encoded value (borrowed). An event may carry a client
 * id (format 2): the value then holds it in front of the event, and payload is the event alone. */
typedef struct persist__record {
    uint64_t seq;
    uint32_t kind;
    uint64_t time_us;
    const uint8_t *payload;
    size_t payload_len;
    const uint8_t *client_id; /* NULL/0: none */
    size_t client_id_len;
} persist__record;

/* Client ids: 1 to 256 bytes (the key of the client-id index). */
#define PERSIST__CLIENT_ID_MAX 256
/* Header byte 1 of a record: its payload starts with a u16 length and a client id. */
#define PERSIST__REC_FLAG_CLIENT_ID 0x01

/* A decoded deploy payload (kinds DEPLOY_INIT and DEPLOY_MIGRATE). */
typedef struct persist__deploy_ref {
    uint8_t app_hash[PERSIST__HASH_LEN];
    const char *module; /* not NUL-terminated; borrowed */
    size_t module_len;
} persist__deploy_ref;

/* A decoded reset payload (kind RESET): app, the record a revert went back to, and a state. */
typedef struct persist__reset_ref {
    uint8_t app_hash[PERSIST__HASH_LEN];
    uint64_t source_seq; /* 0 for an import */
    const char *module;  /* borrowed, not NUL-terminated */
    size_t module_len;
    const char *state; /* borrowed */
    size_t state_len;
} persist__reset_ref;

/* A decoded snapshot; module and state point into the encoded value (borrowed). */
typedef struct persist__snapshot {
    uint64_t seq;
    uint64_t time_us;
    uint8_t app_hash[PERSIST__HASH_LEN];
    const char *module;
    size_t module_len;
    const char *state;
    size_t state_len;
} persist__snapshot;

void persist__be64_put(uint8_t out[8], uint64_t v);
uint64_t persist__be64_get(const uint8_t in[8]);

/* Encoded size of a record value with this payload length (and no client id). */
size_t persist__record_size(size_t payload_len);

/* Encoded size of rec's value, client id included. */
size_t persist__record_value_size(const persist__record *rec);

/* Encode into out (persist__record_size bytes). The checksum covers seq, header and payload. */
int persist__record_encode(uint8_t *out, const persist__record *rec, persist__err *err);

/* Decode and verify a record value stored under key `seq`; PERSIST_ECORRUPT when damaged. */
int persist__record_decode(persist__record *out, uint64_t seq, const uint8_t *val, size_t len,
                           persist__err *err);

/* Deploy payload: app hash followed by the module name. */
size_t persist__deploy_payload_size(size_t module_len);
void persist__deploy_payload_encode(uint8_t *out, const persist__deploy_ref *ref);
int persist__deploy_payload_decode(persist__deploy_ref *out, const persist__record *rec,
                                   persist__err *err);

/* Reset payload: app hash, source record (u64 BE), module length (u16 BE), module, state. */
size_t persist__reset_payload_size(size_t module_len, size_t state_len);
int persist__reset_payload_encode(uint8_t *out, const persist__reset_ref *ref, persist__err *err);
int persist__reset_payload_decode(persist__reset_ref *out, const persist__record *rec,
                                  persist__err *err);

size_t persist__snapshot_size(size_t module_len, size_t state_len);
int persist__snapshot_encode(uint8_t *out, const persist__snapshot *snap, persist__err *err);
int persist__snapshot_decode(persist__snapshot *out, uint64_t seq, const uint8_t *val, size_t len,
                             persist__err *err);

const char *persist__record_kind_name(uint32_t kind);

#endif
