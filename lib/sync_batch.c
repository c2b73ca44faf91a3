/* sync_batch.c - the layout of sync batches and bootstrap packages (docs/sync.md): a 72-byte
 * header, entries (type, key, value), and a SHA-256 over everything before it. */
#include "sync_batch.h"

#include <string.h>

#include "alloc.h"
#include "errors.h"
#include "hash.h"
#include "record.h"

#define MAGIC       "PSYNC"
#define HEADER      72
#define TRAILER     PERSIST__HASH_LEN
#define ENTRY_FIXED (1 + 3 + 4 + 8 + 8) /* type, reserved, key length, seq, value length */

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static uint32_t get32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

/* Room for n more bytes. */
static uint8_t *grow(persist__sync_builder *b, size_t n)
{
    if (b->failed)
        return NULL;
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        uint8_t *p;
        while (cap < b->len + n)
            cap *= 2;
        if ((p = persist__realloc(b->buf, cap)) == NULL) {
            b->failed = 1;
            return NULL;
        }
        b->buf = p;
        b->cap = cap;
    }
    b->len += n;
    return b->buf + b->len - n;
}

void persist__sync_begin(persist__sync_builder *b, const persist__sync_header *h)
{
    uint8_t *p;
    memset(b, 0, sizeof *b);
    if ((p = grow(b, HEADER)) == NULL)
        return;
    memset(p, 0, HEADER);
    memcpy(p, MAGIC, 5);
    p[6] = 0;
    p[7] = PERSIST__SYNC_VERSION;
    p[8] = (uint8_t)h->kind;
    memcpy(p + 16, h->store_id, 16);
    persist__be64_put(p + 32, h->epoch);
    persist__be64_put(p + 40, h->after);
    persist__be64_put(p + 48, h->last);
    memcpy(p + 56, h->prev_sum, 8);
}

void persist__sync_add(persist__sync_builder *b, const persist__sync_entry *e)
{
    uint8_t *p = grow(b, ENTRY_FIXED + e->key_len + e->val_len);
    if (p == NULL)
        return;
    memset(p, 0, 4);
    p[0] = (uint8_t)e->type;
    put32(p + 4, (uint32_t)e->key_len);
    persist__be64_put(p + 8, e->seq);
    persist__be64_put(p + 16, e->val_len);
    if (e->key_len > 0)
        memcpy(p + ENTRY_FIXED, e->key, e->key_len);
    if (e->val_len > 0)
        memcpy(p + ENTRY_FIXED + e->key_len, e->val, e->val_len);
    b->entries++;
}

int persist__sync_finish(persist__sync_builder *b, char **out, size_t *out_len, persist__err *err)
{
    persist__span span;
    uint8_t *p;
    *out = NULL;
    if (b->buf != NULL && !b->failed)
        put32(b->buf + 64, b->entries);
    p = grow(b, TRAILER);
    if (p == NULL) {
        persist__free(b->buf);
        return persist__err_set(err, PERSIST_ENOMEM, "out of memory building a sync batch");
    }
    span = (persist__span){b->buf, b->len - TRAILER};
    if (persist__sha256(p, &span, 1) != 0) {
        persist__free(b->buf);
        return persist__err_set(err, PERSIST_ERROR, "SHA-256 failed");
    }
    *out = (char *)b->buf;
    *out_len = b->len;
    return PERSIST_OK;
}

static int damaged(persist__err *err, const char *what)
{
    return persist__err_set(err, PERSIST_ECORRUPT,
                            "the sync batch is damaged (%s); fetch it again from its source", what);
}

int persist__sync_open(persist__sync_reader *r, persist__sync_header *h, const char *data,
                       size_t len, persist__err *err)
{
    const uint8_t *p = (const uint8_t *)data;
    uint8_t sum[PERSIST__HASH_LEN];
    persist__span span;
    if (data == NULL || len < HEADER + TRAILER || memcmp(p, MAGIC, 5) != 0)
        return persist__err_set(err, PERSIST_ECORRUPT,
                                "not a libpersist sync batch or bootstrap package (%zu bytes)",
                                len);
    if (p[6] != 0 || p[7] != PERSIST__SYNC_VERSION)
        return persist__err_set(err,
                                p[7] > PERSIST__SYNC_VERSION ? PERSIST_EVERSION : PERSIST_ECORRUPT,
                                "sync batch format %u; this library reads format %d (upgrade it)",
                                p[7], PERSIST__SYNC_VERSION);
    span = (persist__span){p, len - TRAILER};
    if (persist__sha256(sum, &span, 1) != 0)
        return persist__err_set(err, PERSIST_ERROR, "SHA-256 failed");
    if (memcmp(sum, p + len - TRAILER, TRAILER) != 0)
        return damaged(err, "its checksum does not match");
    h->kind = p[8];
    if (h->kind != PERSIST__SYNC_RECORDS && h->kind != PERSIST__SYNC_BOOTSTRAP)
        return damaged(err, "unknown kind");
    memcpy(h->store_id, p + 16, 16);
    h->epoch = persist__be64_get(p + 32);
    h->after = persist__be64_get(p + 40);
    h->last = persist__be64_get(p + 48);
    memcpy(h->prev_sum, p + 56, 8);
    r->p = p + HEADER;
    r->end = p + len - TRAILER;
    r->left = get32(p + 64);
    return PERSIST_OK;
}

int persist__sync_next(persist__sync_reader *r, persist__sync_entry *e, persist__err *err)
{
    uint64_t val_len;
    if (r->left == 0)
        return r->p == r->end ? 0 : damaged(err, "bytes after its last entry");
    if ((size_t)(r->end - r->p) < ENTRY_FIXED)
        return damaged(err, "an entry is cut short");
    e->type = r->p[0];
    e->key_len = get32(r->p + 4);
    e->seq = persist__be64_get(r->p + 8);
    val_len = persist__be64_get(r->p + 16);
    r->p += ENTRY_FIXED;
    if (e->key_len > (size_t)(r->end - r->p) || val_len > (uint64_t)(r->end - r->p - e->key_len))
        return damaged(err, "an entry is longer than the batch");
    e->key = r->p;
    e->val = r->p + e->key_len;
    e->val_len = (size_t)val_len;
    r->p += e->key_len + e->val_len;
    r->left--;
    return 1;
}
