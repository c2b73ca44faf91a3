/* record.c - byte layouts of log records, deploy payloads and snapshots, with their checksums. */
#include "record.h"

#include <string.h>

#include "errors.h"
#include "hash.h"

#define SNAP_FORMAT 1

void persist__be64_put(uint8_t out[8], uint64_t v)
{
    for (int i = 7; i >= 0; i--) {
        out[i] = (uint8_t)(v & 0xff);
        v >>= 8;
    }
}

uint64_t persist__be64_get(const uint8_t in[8])
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = (v << 8) | in[i];
    return v;
}

static void be32_put(uint8_t out[4], uint32_t v)
{
    out[0] = (uint8_t)(v >> 24);
    out[1] = (uint8_t)(v >> 16);
    out[2] = (uint8_t)(v >> 8);
    out[3] = (uint8_t)v;
}

static uint32_t be32_get(const uint8_t in[4])
{
    return ((uint32_t)in[0] << 24) | ((uint32_t)in[1] << 16) | ((uint32_t)in[2] << 8) | in[3];
}

/* Checksum = first 8 bytes of SHA-256(key || value[0..16) || value[24..]). */
static int checksum(uint8_t out[PERSIST__CHECKSUM], uint64_t seq, const uint8_t *val, size_t len,
                    size_t body_from)
{
    uint8_t key[8], full[PERSIST__HASH_LEN];
    persist__span spans[3];
    persist__be64_put(key, seq);
    spans[0] = (persist__span){key, sizeof key};
    spans[1] = (persist__span){val, 16};
    spans[2] = (persist__span){val + body_from, len - body_from};
    if (persist__sha256(full, spans, 3) != 0)
        return -1;
    memcpy(out, full, PERSIST__CHECKSUM);
    return 0;
}

const char *persist__record_kind_name(uint32_t kind)
{
    switch (kind) {
    case PERSIST__REC_EVENT: return "event";
    case PERSIST__REC_SET_STATE: return "set_state";
    case PERSIST__REC_DEPLOY_INIT: return "deploy_init";
    case PERSIST__REC_DEPLOY_MIGRATE: return "deploy_migrate";
    case PERSIST__REC_RESET: return "reset";
    default: return "unknown";
    }
}

size_t persist__record_size(size_t payload_len)
{
    return PERSIST__REC_HEADER + payload_len;
}

size_t persist__record_value_size(const persist__record *rec)
{
    size_t id = rec->client_id_len > 0 ? 2 + rec->client_id_len : 0;
    return PERSIST__REC_HEADER + id + rec->payload_len;
}

int persist__record_encode(uint8_t *out, const persist__record *rec, persist__err *err)
{
    size_t body = persist__record_value_size(rec) - PERSIST__REC_HEADER;
    uint8_t *p = out + PERSIST__REC_HEADER;
    if (body > UINT32_MAX)
        return persist__err_set(err, PERSIST_EINVAL, "record payload too large (%zu bytes)", body);
    if (rec->client_id_len > PERSIST__CLIENT_ID_MAX ||
        (rec->client_id_len > 0 && rec->kind != PERSIST__REC_EVENT))
        return persist__err_set(err, PERSIST_EINVAL, "a client id has 1 to %d bytes, on events",
                                PERSIST__CLIENT_ID_MAX);
    memset(out, 0, PERSIST__REC_HEADER);
    out[0] = (uint8_t)rec->kind;
    be32_put(out + 4, (uint32_t)body);
    persist__be64_put(out + 8, rec->time_us);
    if (rec->client_id_len > 0) {
        out[1] = PERSIST__REC_FLAG_CLIENT_ID;
        p[0] = (uint8_t)(rec->client_id_len >> 8);
        p[1] = (uint8_t)rec->client_id_len;
        memcpy(p + 2, rec->client_id, rec->client_id_len);
        p += 2 + rec->client_id_len;
    }
    if (rec->payload_len > 0)
        memcpy(p, rec->payload, rec->payload_len);
    if (checksum(out + 16, rec->seq, out, persist__record_value_size(rec), PERSIST__REC_HEADER) !=
        0)
        return persist__err_set(err, PERSIST_ERROR, "SHA-256 failed");
    return PERSIST_OK;
}

/* The client id in front of an event's payload (flag PERSIST__REC_FLAG_CLIENT_ID). */
static int decode_client_id(persist__record *out, persist__err *err)
{
    size_t n;
    if (out->payload_len < 2 || (n = ((size_t)out->payload[0] << 8) | out->payload[1]) == 0 ||
        n > PERSIST__CLIENT_ID_MAX || n > out->payload_len - 2)
        return persist__err_set(err, PERSIST_ECORRUPT, "record %llu: damaged client id",
                                (unsigned long long)out->seq);
    out->client_id = out->payload + 2;
    out->client_id_len = n;
    out->payload += 2 + n;
    out->payload_len -= 2 + n;
    return PERSIST_OK;
}

int persist__record_decode(persist__record *out, uint64_t seq, const uint8_t *val, size_t len,
                           persist__err *err)
{
    uint8_t sum[PERSIST__CHECKSUM];
    if (len < PERSIST__REC_HEADER)
        return persist__err_set(err, PERSIST_ECORRUPT, "record %llu is truncated (%zu bytes)",
                                (unsigned long long)seq, len);
    if (be32_get(val + 4) != len - PERSIST__REC_HEADER)
        return persist__err_set(err, PERSIST_ECORRUPT,
                                "record %llu: payload length %u does not match its value size %zu",
                                (unsigned long long)seq, be32_get(val + 4), len);
    if (checksum(sum, seq, val, len, PERSIST__REC_HEADER) != 0)
        return persist__err_set(err, PERSIST_ERROR, "SHA-256 failed");
    if (memcmp(sum, val + 16, PERSIST__CHECKSUM) != 0)
        return persist__err_set(err, PERSIST_ECORRUPT,
                                "record %llu is damaged (checksum mismatch); restore from a backup "
                                "or prune history before it",
                                (unsigned long long)seq);
    if (val[0] < PERSIST__REC_EVENT || val[0] > PERSIST__REC_RESET || val[2] || val[3] ||
        (val[1] & ~PERSIST__REC_FLAG_CLIENT_ID) || (val[1] != 0 && val[0] != PERSIST__REC_EVENT))
        return persist__err_set(err, PERSIST_ECORRUPT,
                                "record %llu has unknown kind %u or flags %u (written by a newer "
                                "library?)",
                                (unsigned long long)seq, val[0], val[1]);
    out->seq = seq;
    out->kind = val[0];
    out->time_us = persist__be64_get(val + 8);
    out->payload = val + PERSIST__REC_HEADER;
    out->payload_len = len - PERSIST__REC_HEADER;
    out->client_id = NULL;
    out->client_id_len = 0;
    if (val[1] & PERSIST__REC_FLAG_CLIENT_ID)
        return decode_client_id(out, err);
    return PERSIST_OK;
}

size_t persist__deploy_payload_size(size_t module_len)
{
    return PERSIST__HASH_LEN + module_len;
}

void persist__deploy_payload_encode(uint8_t *out, const persist__deploy_ref *ref)
{
    memcpy(out, ref->app_hash, PERSIST__HASH_LEN);
    if (ref->module_len > 0)
        memcpy(out + PERSIST__HASH_LEN, ref->module, ref->module_len);
}

int persist__deploy_payload_decode(persist__deploy_ref *out, const persist__record *rec,
                                   persist__err *err)
{
    if (rec->payload_len < PERSIST__HASH_LEN)
        return persist__err_set(err, PERSIST_ECORRUPT,
                                "record %llu: deploy payload too short (%zu bytes)",
                                (unsigned long long)rec->seq, rec->payload_len);
    memcpy(out->app_hash, rec->payload, PERSIST__HASH_LEN);
    out->module = (const char *)rec->payload + PERSIST__HASH_LEN;
    out->module_len = rec->payload_len - PERSIST__HASH_LEN;
    return PERSIST_OK;
}

#define RESET_HEADER (PERSIST__HASH_LEN + 8 + 2)

size_t persist__reset_payload_size(size_t module_len, size_t state_len)
{
    return RESET_HEADER + module_len + state_len;
}

int persist__reset_payload_encode(uint8_t *out, const persist__reset_ref *ref, persist__err *err)
{
    if (ref->module_len > UINT16_MAX)
        return persist__err_set(err, PERSIST_EINVAL,
                                "a module name of %zu bytes does not fit a reset record (a module "
                                "name has at most 127 characters)",
                                ref->module_len);
    memcpy(out, ref->app_hash, PERSIST__HASH_LEN);
    persist__be64_put(out + PERSIST__HASH_LEN, ref->source_seq);
    out[PERSIST__HASH_LEN + 8] = (uint8_t)(ref->module_len >> 8);
    out[PERSIST__HASH_LEN + 9] = (uint8_t)ref->module_len;
    if (ref->module_len > 0)
        memcpy(out + RESET_HEADER, ref->module, ref->module_len);
    if (ref->state_len > 0)
        memcpy(out + RESET_HEADER + ref->module_len, ref->state, ref->state_len);
    return PERSIST_OK;
}

int persist__reset_payload_decode(persist__reset_ref *out, const persist__record *rec,
                                  persist__err *err)
{
    size_t module_len;
    if (rec->payload_len < RESET_HEADER)
        return persist__err_set(err, PERSIST_ECORRUPT,
                                "record %llu: reset payload too short (%zu bytes)",
                                (unsigned long long)rec->seq, rec->payload_len);
    module_len =
        ((size_t)rec->payload[PERSIST__HASH_LEN + 8] << 8) | rec->payload[PERSIST__HASH_LEN + 9];
    if (module_len > rec->payload_len - RESET_HEADER)
        return persist__err_set(err, PERSIST_ECORRUPT,
                                "record %llu: reset payload module length is too large",
                                (unsigned long long)rec->seq);
    memcpy(out->app_hash, rec->payload, PERSIST__HASH_LEN);
    out->source_seq = persist__be64_get(rec->payload + PERSIST__HASH_LEN);
    out->module = (const char *)rec->payload + RESET_HEADER;
    out->module_len = module_len;
    out->state = out->module + module_len;
    out->state_len = rec->payload_len - RESET_HEADER - module_len;
    return PERSIST_OK;
}

size_t persist__snapshot_size(size_t module_len, size_t state_len)
{
    return PERSIST__SNAP_HEADER + module_len + state_len;
}

int persist__snapshot_encode(uint8_t *out, const persist__snapshot *snap, persist__err *err)
{
    if (snap->module_len > UINT16_MAX || snap->state_len > UINT32_MAX)
        return persist__err_set(err, PERSIST_EINVAL, "snapshot too large (state %zu bytes)",
                                snap->state_len);
    memset(out, 0, PERSIST__SNAP_HEADER);
    out[0] = SNAP_FORMAT;
    out[2] = (uint8_t)(snap->module_len >> 8);
    out[3] = (uint8_t)snap->module_len;
    be32_put(out + 4, (uint32_t)snap->state_len);
    persist__be64_put(out + 8, snap->time_us);
    memcpy(out + 24, snap->app_hash, PERSIST__HASH_LEN);
    if (snap->module_len > 0)
        memcpy(out + PERSIST__SNAP_HEADER, snap->module, snap->module_len);
    if (snap->state_len > 0)
        memcpy(out + PERSIST__SNAP_HEADER + snap->module_len, snap->state, snap->state_len);
    if (checksum(out + 16, snap->seq, out,
                 persist__snapshot_size(snap->module_len, snap->state_len), 24) != 0)
        return persist__err_set(err, PERSIST_ERROR, "SHA-256 failed");
    return PERSIST_OK;
}

int persist__snapshot_decode(persist__snapshot *out, uint64_t seq, const uint8_t *val, size_t len,
                             persist__err *err)
{
    uint8_t sum[PERSIST__CHECKSUM];
    size_t module_len, state_len;
    if (len < PERSIST__SNAP_HEADER)
        return persist__err_set(err, PERSIST_ECORRUPT, "snapshot %llu is truncated",
                                (unsigned long long)seq);
    module_len = ((size_t)val[2] << 8) | val[3];
    state_len = be32_get(val + 4);
    if (len != persist__snapshot_size(module_len, state_len))
        return persist__err_set(err, PERSIST_ECORRUPT,
                                "snapshot %llu: lengths do not match its value size",
                                (unsigned long long)seq);
    if (checksum(sum, seq, val, len, 24) != 0)
        return persist__err_set(err, PERSIST_ERROR, "SHA-256 failed");
    if (memcmp(sum, val + 16, PERSIST__CHECKSUM) != 0)
        return persist__err_set(err, PERSIST_ECORRUPT,
                                "snapshot %llu is damaged (checksum mismatch)",
                                (unsigned long long)seq);
    if (val[0] != SNAP_FORMAT || val[1] != 0)
        return persist__err_set(err, PERSIST_ECORRUPT, "snapshot %llu has unknown format %u",
                                (unsigned long long)seq, val[0]);
    out->seq = seq;
    out->time_us = persist__be64_get(val + 8);
    memcpy(out->app_hash, val + 24, PERSIST__HASH_LEN);
    out->module = (const char *)val + PERSIST__SNAP_HEADER;
    out->module_len = module_len;
    out->state = out->module + module_len;
    out->state_len = state_len;
    return PERSIST_OK;
}
