/* sync.c - following a store (docs/sync.md): exporting records and bootstrap packages, applying
 * them on a follower through the restore path's step, promoting a follower; and what every
 * handle needs to answer reads without the writer: queries and refreshing a read-only handle. */
#include "sync.h"

#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "client_ids.h"
#include "errors.h"
#include "hash.h"
#include "record.h"
#include "restore.h"
#include "snapshot.h"
#include "sync_batch.h"

#define DEFAULT_MAX_BYTES (8u << 20)

static const char META_ROLE[] = "role";
static const char META_EPOCH[] = "epoch";
static const char FOLLOWER[] = "follower";

/* ---- role and epoch (meta) ---- */

static int read_u64(persist__txn *txn, const char *key, uint64_t *out, persist__err *err)
{
    const uint8_t *v;
    size_t len;
    int rc = persist__log_meta_get(txn, key, &v, &len, err);
    *out = 0;
    if (rc == PERSIST_ENOTFOUND)
        return PERSIST_OK;
    if (rc == PERSIST_OK && len != 8)
        return persist__err_set(err, PERSIST_ECORRUPT, "meta/%s is damaged", key);
    if (rc == PERSIST_OK)
        *out = persist__be64_get(v);
    return rc;
}

static int write_u64(persist__txn *txn, const char *key, uint64_t v, persist__err *err)
{
    uint8_t b[8];
    persist__be64_put(b, v);
    return persist__log_meta_put(txn, key, b, 8, err);
}

int persist__sync_read_role(persist__txn *txn, int *follower, persist__err *err)
{
    const uint8_t *v;
    size_t len;
    int rc = persist__log_meta_get(txn, META_ROLE, &v, &len, err);
    *follower = rc == PERSIST_OK; /* damaged: still a follower, which writes nothing of its own */
    if (rc == PERSIST_OK && (len != sizeof FOLLOWER - 1 || memcmp(v, FOLLOWER, len) != 0))
        /* Read as a writer, a damaged follower would take events of its own: a fork. */
        return persist__err_set(err, PERSIST_ECORRUPT,
                                "meta/role is damaged (a follower's is \"follower\"); restore the "
                                "store from a backup, or start a new follower");
    return rc == PERSIST_ENOTFOUND ? PERSIST_OK : rc;
}

/* The sync entries of meta (store_id, role, epoch), as verify checks them. */
int persist__sync_check_meta(persist__txn *txn, persist__err *err)
{
    uint8_t id[16];
    uint64_t epoch;
    int follower;
    int rc = persist__log_store_id(txn, id, err);
    if (rc == PERSIST_OK)
        rc = persist__sync_read_role(txn, &follower, err);
    if (rc == PERSIST_OK)
        rc = read_u64(txn, META_EPOCH, &epoch, err);
    return rc;
}

/* ---- export ---- */

/* The checksum of record seq as stored (bytes 16..24 of its value); zero for record 0. */
static int record_sum(persist__txn *txn, uint64_t seq, uint8_t out[8], persist__err *err)
{
    const uint8_t *v;
    size_t len;
    int rc;
    memset(out, 0, 8);
    if (seq == 0)
        return PERSIST_OK;
    if ((rc = persist__log_record_raw(txn, seq, &v, &len, err)) != PERSIST_OK)
        return rc;
    if (len < PERSIST__REC_HEADER)
        return persist__err_set(err, PERSIST_ECORRUPT, "record %llu is truncated",
                                (unsigned long long)seq);
    memcpy(out, v + 16, 8);
    return PERSIST_OK;
}

static int begin_header(persist__txn *txn, persist__sync_header *h, uint32_t kind, uint64_t after,
                        persist__err *err)
{
    int rc;
    memset(h, 0, sizeof *h);
    h->kind = kind;
    h->after = h->last = after;
    rc = persist__log_store_id(txn, h->store_id, err);
    if (rc == PERSIST_OK)
        rc = read_u64(txn, META_EPOCH, &h->epoch, err);
    if (rc == PERSIST_OK && kind == PERSIST__SYNC_RECORDS)
        rc = record_sum(txn, after, h->prev_sum, err);
    return rc;
}

/* The app a deploy or reset record needs, as an entry. */
static int add_app_of(persist__txn *txn, persist__sync_builder *b, const persist__record *rec,
                      persist__err *err)
{
    persist__deploy_ref dep;
    persist__reset_ref reset;
    persist__sync_entry e = {.type = PERSIST__ENTRY_APP, .key_len = PERSIST__HASH_LEN};
    const char *code;
    int rc = PERSIST_OK;
    if (rec->kind == PERSIST__REC_DEPLOY_INIT || rec->kind == PERSIST__REC_DEPLOY_MIGRATE) {
        rc = persist__deploy_payload_decode(&dep, rec, err);
        e.key = dep.app_hash;
    } else if (rec->kind == PERSIST__REC_RESET) {
        rc = persist__reset_payload_decode(&reset, rec, err);
        e.key = reset.app_hash;
    } else {
        return PERSIST_OK;
    }
    if (rc == PERSIST_OK)
        rc = persist__log_app_get(txn, e.key, &code, &e.val_len, err);
    if (rc == PERSIST_OK) {
        e.val = (const uint8_t *)code;
        persist__sync_add(b, &e);
    }
    return rc;
}

/* Records after+1 .. on while the batch stays under max_bytes (at least one). */
static int add_records(persist__txn *txn, persist__sync_builder *b, persist__sync_header *h,
                       uint64_t head, uint64_t max_bytes, persist__err *err)
{
    int rc = PERSIST_OK;
    for (uint64_t seq = h->after + 1; rc == PERSIST_OK && seq <= head; seq++) {
        persist__sync_entry e = {.type = PERSIST__ENTRY_RECORD, .seq = seq};
        persist__record rec;
        rc = persist__log_record_raw(txn, seq, &e.val, &e.val_len, err);
        if (rc == PERSIST_OK)
            rc = persist__record_decode(&rec, seq, e.val, e.val_len, err);
        if (rc != PERSIST_OK)
            break;
        if (seq > h->after + 1 && b->len + e.val_len > max_bytes)
            break;
        if ((rc = add_app_of(txn, b, &rec, err)) != PERSIST_OK)
            break;
        persist__sync_add(b, &e);
        h->last = seq;
    }
    return rc;
}

int persist__sync_export_records(persist__engine *eng, uint64_t after, uint64_t max_bytes,
                                 char **out, size_t *out_len, uint64_t *out_to, persist__err *err)
{
    persist__sync_header h;
    persist__sync_builder b;
    persist__txn *txn = NULL;
    uint64_t head = 0, first = 0;
    int rc = persist__log_begin(eng->log, 0, &txn, err);
    *out = NULL;
    *out_len = 0;
    *out_to = after;
    if (rc == PERSIST_OK)
        rc = persist__log_head(txn, &head, err);
    if (rc == PERSIST_OK)
        rc = persist__log_first(txn, &first, err);
    if (rc == PERSIST_OK && after > head)
        rc = persist__err_set(err, PERSIST_EINVAL, "record %llu is after the head %llu",
                              (unsigned long long)after, (unsigned long long)head);
    else if (rc == PERSIST_OK && after < head && (after == 0 ? first > 1 : after < first))
        rc = persist__err_set(err, PERSIST_ENOTFOUND,
                              "the records after %llu were pruned (the store starts at %llu): "
                              "start the follower from a bootstrap package",
                              (unsigned long long)after, (unsigned long long)first);
    if (rc != PERSIST_OK || after == head) {
        persist__log_abort(txn);
        return rc;
    }
    rc = begin_header(txn, &h, PERSIST__SYNC_RECORDS, after, err);
    persist__sync_begin(&b, &h);
    if (rc == PERSIST_OK)
        rc = add_records(txn, &b, &h, head, max_bytes ? max_bytes : DEFAULT_MAX_BYTES, err);
    if (rc == PERSIST_OK && b.buf != NULL)
        persist__be64_put(b.buf + 48, h.last); /* the header's `last` */
    if (rc == PERSIST_OK)
        rc = persist__sync_finish(&b, out, out_len, err);
    else
        persist__free(b.buf);
    persist__log_abort(txn);
    if (rc == PERSIST_OK)
        *out_to = h.last;
    return rc;
}

/* A bootstrap also carries the client-id index, so a follower that is promoted one day still
 * knows which requests were applied. */
static int add_client_id(const void *id, size_t id_len, const void *val, size_t len, void *ud)
{
    persist__sync_entry e = {.type = PERSIST__ENTRY_CLIENT_ID};
    e.key = id;
    e.key_len = id_len;
    e.val = val;
    e.val_len = len;
    persist__sync_add(ud, &e);
    return 0;
}

/* *at := the newest snapshot at or before *at that its app loads (the event path writes snapshots
 * without loading them; a follower started from one it cannot load would fail). */
static int newest_loadable(persist__engine *eng, persist__txn *txn, uint64_t *at, persist__err *err)
{
    persist__app *app = NULL;
    int rc = persist__snapshot_load(txn, *at, eng->renv.js, &app, at, err);
    persist__app_free(app);
    return rc;
}

int persist__sync_export_bootstrap(persist__engine *eng, char **out, size_t *out_len,
                                   uint64_t *out_seq, persist__err *err)
{
    persist__sync_header h;
    persist__sync_builder b = {0};
    persist__sync_entry app = {.type = PERSIST__ENTRY_APP, .key_len = PERSIST__HASH_LEN};
    persist__sync_entry rec = {.type = PERSIST__ENTRY_RECORD},
                        snap = {.type = PERSIST__ENTRY_SNAPSHOT};
    persist__snapshot s;
    persist__txn *txn = NULL;
    uint64_t at = 0; /* the head, then the snapshot to start from */
    const char *code;
    int rc = persist__log_begin(eng->log, 0, &txn, err);
    *out = NULL;
    if (rc == PERSIST_OK)
        rc = persist__log_head(txn, &at, err);
    if (rc == PERSIST_OK && ((rc = newest_loadable(eng, txn, &at, err)) != PERSIST_OK ||
                             (rc = persist__log_snapshot_newest(txn, at, &s, err)) != PERSIST_OK))
        persist__err_prefix(err, "no snapshot to start a follower from");
    if (rc == PERSIST_OK)
        rc = begin_header(txn, &h, PERSIST__SYNC_BOOTSTRAP, s.seq, err);
    if (rc == PERSIST_OK)
        rc = persist__log_app_get(txn, s.app_hash, &code, &app.val_len, err);
    rec.seq = snap.seq = s.seq;
    if (rc == PERSIST_OK)
        rc = persist__log_record_raw(txn, s.seq, &rec.val, &rec.val_len, err);
    if (rc == PERSIST_OK)
        rc = persist__log_snapshot_raw(txn, s.seq, &snap.val, &snap.val_len, err);
    if (rc == PERSIST_OK) {
        app.key = s.app_hash;
        app.val = (const uint8_t *)code;
        persist__sync_begin(&b, &h);
        persist__sync_add(&b, &app);
        persist__sync_add(&b, &rec);
        persist__sync_add(&b, &snap);
        rc = persist__log_ids_each(txn, add_client_id, &b, err);
        if (rc == PERSIST_OK)
            rc = persist__sync_finish(&b, out, out_len, err); /* frees b's buffer on failure */
        else
            persist__free(b.buf);
    }
    persist__log_abort(txn);
    if (rc == PERSIST_OK && out_seq != NULL)
        *out_seq = s.seq;
    return rc;
}

/* ---- apply ---- */

typedef struct apply_ctx {
    persist__sync_header h;
    const char *data;
    size_t len;
    uint64_t head, last_time, snap_seq;
    int touched; /* an attempt changed the live app: rebuild it before the next one */
} apply_ctx;

/* An app of the batch: its code must have the hash it is stored under. */
static int put_app(persist__txn *txn, const persist__sync_entry *e, persist__err *err)
{
    uint8_t hash[PERSIST__HASH_LEN];
    persist__span span = {e->val, e->val_len};
    if (e->key_len != PERSIST__HASH_LEN || persist__sha256(hash, &span, 1) != 0 ||
        memcmp(hash, e->key, PERSIST__HASH_LEN) != 0)
        return persist__err_set(
            err, PERSIST_ECORRUPT,
            "the sync batch is damaged (app code that does not match its hash)");
    return persist__log_app_put(txn, hash, (const char *)e->val, e->val_len, err);
}

/* A snapshot of the live state after record seq, as the event path writes one (its check happens
 * when it is loaded). */
static int follower_snapshot(persist__engine *eng, persist__txn *txn, uint64_t seq, apply_ctx *ctx,
                             persist__err *err)
{
    char *state = NULL;
    size_t len = 0;
    int rc = persist__app_serialize(eng->live, 0, &state, &len, err);
    if (rc == PERSIST_OK &&
        (rc = persist__snapshot_save(txn, seq, eng->live, state, len, err)) == PERSIST_OK)
        ctx->snap_seq = seq;
    persist__free(state);
    return rc;
}

/* One new record: stored as it came, then applied to the live app through the restore path's step;
 * an event's client id is remembered with the response the app gives here. */
static int apply_record(persist__engine *eng, persist__txn *txn, const persist__sync_entry *e,
                        apply_ctx *ctx, persist__err *err)
{
    persist__record rec;
    persist__id_hit hit;
    char *resp = NULL;
    size_t resp_len = 0;
    int rc = persist__record_decode(&rec, e->seq, e->val, e->val_len, err);
    if (rc == PERSIST_OK)
        rc = persist__log_append_raw(txn, e->seq, e->val, e->val_len, err);
    if (rc != PERSIST_OK)
        return rc;
    ctx->touched = 1;
    rc = persist__apply(txn, &eng->live, &rec, &eng->renv, &resp, &resp_len, err);
    if (rc == PERSIST_EINVAL) { /* a deploy the leader's own call would have refused */
        persist__err_prefix(err, "the sync batch is damaged (no leader writes such a record)");
        rc = err->code = PERSIST_ECORRUPT;
    }
    if (rc != PERSIST_OK)
        return persist__err_prefix(err, "applying record %llu (%s)", (unsigned long long)e->seq,
                                   persist__record_kind_name(rec.kind));
    ctx->head = e->seq;
    ctx->last_time = rec.time_us;
    if (rec.client_id_len > 0) {
        hit = (persist__id_hit){e->seq, rec.time_us, resp, resp_len};
        rc = persist__log_require_format(txn, 2, err);
        if (rc == PERSIST_OK)
            rc = persist__ids_remember(txn, (const char *)rec.client_id, rec.client_id_len, &hit,
                                       &eng->ids, err);
    }
    persist__free(resp);
    if (rc == PERSIST_OK && rec.kind != PERSIST__REC_EVENT) /* as the leader's projection did */
        rc = follower_snapshot(eng, txn, e->seq, ctx, err);
    return rc;
}

/* A record this store holds already must be the same bytes. */
static int check_held(persist__txn *txn, const persist__sync_entry *e, uint64_t first,
                      persist__err *err)
{
    const uint8_t *v;
    size_t len;
    int rc;
    if (e->seq < first)
        return PERSIST_OK; /* pruned here: nothing to compare */
    if ((rc = persist__log_record_raw(txn, e->seq, &v, &len, err)) != PERSIST_OK)
        return rc;
    if (len != e->val_len || memcmp(v, e->val, len) != 0)
        return persist__err_set(err, PERSIST_EFORKED,
                                "record %llu of the batch differs from this store's: the two "
                                "histories forked (a writer restored from an old backup, or one "
                                "that kept writing after a follower was promoted); nothing was "
                                "applied",
                                (unsigned long long)e->seq);
    return PERSIST_OK;
}

static int apply_entries(persist__engine *eng, persist__txn *txn, apply_ctx *ctx, uint64_t first,
                         persist__err *err)
{
    persist__sync_reader r;
    persist__sync_entry e;
    persist__sync_header h;
    int rc = persist__sync_open(&r, &h, ctx->data, ctx->len, err);
    while (rc == PERSIST_OK && (rc = persist__sync_next(&r, &e, err)) == 1) {
        if (e.type == PERSIST__ENTRY_APP)
            rc = put_app(txn, &e, err);
        else if (e.type != PERSIST__ENTRY_RECORD || e.seq <= h.after || e.seq > h.last ||
                 e.seq > ctx->head + 1)
            rc = persist__err_set(err, PERSIST_ECORRUPT,
                                  "the sync batch is damaged (entry %u for record %llu)", e.type,
                                  (unsigned long long)e.seq);
        else if (e.seq <= ctx->head)
            rc = check_held(txn, &e, first, err);
        else
            rc = apply_record(eng, txn, &e, ctx, err);
    }
    if (rc == PERSIST_OK && ctx->head < h.last)
        rc = persist__err_set(err, PERSIST_ECORRUPT, "the sync batch is damaged (records missing)");
    return rc;
}

/* Where the batch starts must be where this store is, in the same history. */
static int check_position(persist__engine *eng, persist__txn *txn, const persist__sync_header *h,
                          uint64_t *first, persist__err *err)
{
    uint8_t id[16], sum[8];
    uint64_t epoch;
    int rc = persist__log_store_id(txn, id, err);
    if (rc == PERSIST_OK)
        rc = read_u64(txn, META_EPOCH, &epoch, err);
    if (rc == PERSIST_OK)
        rc = persist__log_first(txn, first, err);
    if (rc != PERSIST_OK)
        return rc;
    if (memcmp(id, h->store_id, 16) != 0)
        return persist__err_set(err, PERSIST_EFOREIGN,
                                "the sync batch comes from another store (each store has its own "
                                "identity; see persist_store_sync_info); nothing was applied");
    if (h->epoch < epoch)
        return persist__err_set(err, PERSIST_EFORKED,
                                "the sync batch comes from a writer that a promotion replaced "
                                "(its epoch %llu, this store's %llu); nothing was applied",
                                (unsigned long long)h->epoch, (unsigned long long)epoch);
    if (h->after > eng->head)
        return persist__err_set(err, PERSIST_EGAP,
                                "the sync batch follows record %llu but this store ends at %llu: "
                                "apply the records after %llu first; nothing was applied",
                                (unsigned long long)h->after, (unsigned long long)eng->head,
                                (unsigned long long)eng->head);
    if (h->after > 0 && h->after >= *first) {
        if ((rc = record_sum(txn, h->after, sum, err)) != PERSIST_OK)
            return rc;
        if (memcmp(sum, h->prev_sum, 8) != 0)
            return persist__err_set(err, PERSIST_EFORKED,
                                    "this store's record %llu differs from the one the sync batch "
                                    "follows: the two histories forked; nothing was applied",
                                    (unsigned long long)h->after);
    }
    return PERSIST_OK;
}

static int apply_batch(persist__engine *eng, persist__txn *txn, apply_ctx *ctx, persist__err *err)
{
    uint64_t first = 0, since, epoch = 0;
    int rc = check_position(eng, txn, &ctx->h, &first, err);
    if (rc == PERSIST_OK && !eng->follower &&
        (rc = read_u64(txn, META_EPOCH, &epoch, err)) == PERSIST_OK && ctx->h.epoch > epoch)
        /* A writer that a promotion replaced: whatever it acknowledged after it, it is a fork. */
        rc = persist__err_set(err, PERSIST_EFORKED,
                              "this store was a writer that a promotion replaced (its epoch "
                              "%llu, the batch's %llu): it cannot follow the new writer; start a "
                              "new follower from a bootstrap package; nothing was applied",
                              (unsigned long long)epoch, (unsigned long long)ctx->h.epoch);
    else if (rc == PERSIST_OK && !eng->follower)
        rc = persist__err_set(err, PERSIST_EINVAL,
                              "the store writes records of its own: only a follower (a store "
                              "started from a bootstrap package) applies sync batches");
    if (rc == PERSIST_OK)
        rc = apply_entries(eng, txn, ctx, first, err);
    if (rc == PERSIST_OK && ctx->h.epoch > 0)
        rc = write_u64(txn, META_EPOCH, ctx->h.epoch, err);
    since = ctx->head - (ctx->snap_seq > eng->snap_seq ? ctx->snap_seq : eng->snap_seq);
    if (rc == PERSIST_OK && ctx->head > eng->head && ctx->snap_seq != ctx->head &&
        persist__policy_due(&eng->policy, since))
        rc = follower_snapshot(eng, txn, ctx->head, ctx, err);
    return rc;
}

/* A bootstrap: an empty store takes the exporter's identity and its snapshot, as a follower. */
/* A client-id entry of a bootstrap package: an id of 1 to 256 bytes, and an index entry for a
 * record (docs/format.md section 3.1; the index is exported as it is, so it may name records after
 * the package's snapshot). */
static int id_entry_fits(const persist__sync_entry *e)
{
    return e->key_len > 0 && e->key_len <= PERSIST__CLIENT_ID_MAX &&
           e->val_len >= PERSIST__ID_ENTRY_HEADER && persist__be64_get(e->val) > 0;
}

static int apply_bootstrap(persist__engine *eng, persist__txn *txn, apply_ctx *ctx,
                           persist__err *err)
{
    persist__sync_reader r;
    persist__sync_entry e;
    persist__sync_header h;
    persist__record rec = {0};
    persist__snapshot snap;
    uint64_t snap_seq;
    int have = 0; /* 1: the record, 2: the snapshot */
    int rc = eng->head != 0 ? persist__err_set(err, PERSIST_EEXISTS,
                                               "the store has records; a follower starts from an "
                                               "empty store")
                            : persist__sync_open(&r, &h, ctx->data, ctx->len, err);
    if (rc == PERSIST_OK)
        rc = persist__log_set_store_id(txn, h.store_id, err);
    if (rc == PERSIST_OK)
        rc = persist__log_meta_put(txn, META_ROLE, FOLLOWER, sizeof FOLLOWER - 1, err);
    if (rc == PERSIST_OK)
        rc = write_u64(txn, META_EPOCH, h.epoch, err);
    if (rc == PERSIST_OK)
        rc = persist__log_require_format(txn, 2, err);
    while (rc == PERSIST_OK && (rc = persist__sync_next(&r, &e, err)) == 1) {
        rc = PERSIST_OK; /* an entry no branch takes must end as damage below, not as 1 */
        if (e.type == PERSIST__ENTRY_APP)
            rc = put_app(txn, &e, err);
        else if (e.type == PERSIST__ENTRY_RECORD && e.seq == h.after && !(have & 1) &&
                 (rc = persist__record_decode(&rec, e.seq, e.val, e.val_len, err)) == PERSIST_OK) {
            rc = persist__log_append_raw(txn, e.seq, e.val, e.val_len, err);
            have |= 1;
        } else if (e.type == PERSIST__ENTRY_SNAPSHOT && e.seq == h.after && !(have & 2) &&
                   (rc = persist__snapshot_decode(&snap, e.seq, e.val, e.val_len, err)) ==
                       PERSIST_OK) {
            rc = persist__log_snapshot_put_raw(txn, e.seq, e.val, e.val_len, err);
            have |= 2;
        } else if (e.type == PERSIST__ENTRY_CLIENT_ID && id_entry_fits(&e))
            rc = persist__log_id_put(txn, (const char *)e.key, e.key_len, persist__be64_get(e.val),
                                     e.val, e.val_len, err);
        else if (rc == PERSIST_OK)
            rc = persist__err_set(err, PERSIST_ECORRUPT, "the bootstrap package is damaged");
    }
    if (rc == PERSIST_OK && have != 3)
        rc = persist__err_set(err, PERSIST_ECORRUPT,
                              "the bootstrap package is damaged (no snapshot or record)");
    if (rc == PERSIST_OK) {
        ctx->touched = 1;
        persist__app_free(eng->live);
        eng->live = NULL;
        rc = persist__restore(txn, h.after, 0, &eng->renv, &eng->live, &snap_seq, err);
    }
    ctx->head = ctx->snap_seq = h.after;
    ctx->last_time = rc == PERSIST_OK ? rec.time_us : 0;
    return rc;
}

static int apply_step(persist__engine *eng, persist__txn *txn, void *vctx, persist__err *err)
{
    apply_ctx *ctx = vctx;
    uint64_t snap;
    int rc;
    if (ctx->touched) { /* a previous attempt changed the live app: start again from disk */
        persist__app_free(eng->live);
        eng->live = NULL;
        if ((rc = persist__restore(txn, eng->head, 0, &eng->renv, &eng->live, &snap, err)) !=
            PERSIST_OK)
            return rc;
        ctx->touched = 0;
    }
    ctx->head = eng->head;
    ctx->snap_seq = 0;
    if (ctx->h.kind == PERSIST__SYNC_BOOTSTRAP)
        return apply_bootstrap(eng, txn, ctx, err);
    return apply_batch(eng, txn, ctx, err);
}

int persist__sync_apply(persist__engine *eng, const char *data, size_t len, uint64_t *out_head,
                        persist__err *err)
{
    persist__sync_reader r;
    apply_ctx ctx;
    int rc;
    memset(&ctx, 0, sizeof ctx);
    ctx.data = data;
    ctx.len = len;
    rc = persist__sync_open(&r, &ctx.h, data, len, err);
    if (rc == PERSIST_OK)
        rc = persist__engine_write(eng, apply_step, &ctx, err);
    if (rc != PERSIST_OK) {
        persist__err rebuild;
        if (ctx.touched && persist__engine_restore(eng, &rebuild) != PERSIST_OK)
            eng->poisoned = 1; /* the live app is not the store's: only close is safe */
        return rc;
    }
    if (ctx.h.kind == PERSIST__SYNC_BOOTSTRAP)
        eng->follower = 1;
    if (ctx.head > eng->head) {
        eng->head = ctx.head;
        eng->last_time_us = ctx.last_time;
    }
    if (ctx.snap_seq > eng->snap_seq)
        eng->snap_seq = ctx.snap_seq;
    if (out_head != NULL)
        *out_head = eng->head;
    return PERSIST_OK;
}

/* ---- promote ---- */

static int promote_step(persist__engine *eng, persist__txn *txn, void *vctx, persist__err *err)
{
    uint64_t epoch;
    int rc = read_u64(txn, META_EPOCH, &epoch, err);
    (void)eng;
    (void)vctx;
    if (rc == PERSIST_OK)
        rc = write_u64(txn, META_EPOCH, epoch + 1, err);
    if (rc == PERSIST_OK)
        rc = persist__log_meta_put(txn, META_ROLE, NULL, 0, err);
    return rc;
}

int persist__sync_promote(persist__engine *eng, persist__err *err)
{
    int rc;
    if (!eng->follower)
        return PERSIST_OK;
    rc = persist__engine_write(eng, promote_step, NULL, err);
    if (rc == PERSIST_OK)
        eng->follower = 0;
    return rc;
}

int persist__sync_info(persist__engine *eng, persist_sync_info *out, persist__err *err)
{
    persist__txn *txn = NULL;
    persist__facts f;
    uint8_t id[16];
    int rc = persist__engine_facts(eng, &f, err);
    if (rc == PERSIST_OK)
        rc = persist__log_begin(eng->log, 0, &txn, err);
    if (rc == PERSIST_OK)
        rc = persist__log_store_id(txn, id, err);
    if (rc == PERSIST_OK)
        rc = persist__log_first(txn, &out->first, err);
    if (rc == PERSIST_OK)
        rc = persist__sync_read_role(txn, &eng->follower, err);
    persist__log_abort(txn);
    if (rc != PERSIST_OK)
        return rc;
    out->follower = (uint32_t)eng->follower;
    out->head = f.head;
    out->snapshot_seq = f.snap_seq;
    for (int i = 0; i < 16; i++)
        snprintf(out->store_id + 2 * i, 3, "%02x", id[i]);
    return PERSIST_OK;
}

/* ---- reads without the writer ---- */

int persist__sync_query(persist__engine *eng, const char *event, size_t len, char **out,
                        size_t *out_len, persist__err *err)
{
    char *resp = NULL;
    size_t resp_len = 0;
    int changed = 0, rc;
    if (eng->live == NULL)
        return persist__err_set(err, PERSIST_ENOAPP, "no app is deployed");
    rc = persist__app_update(eng->live, event, len, &changed, &resp, &resp_len, err);
    persist__app_discard(eng->live);
    if (rc != PERSIST_OK)
        return persist__engine_app_failed(eng, rc);
    if (changed) {
        persist__free(resp);
        return persist__err_set(err, PERSIST_ENOTQUERY,
                                "the app's update changed the state, so this event is no query "
                                "(the state stays as it was); send it with persist_store_submit");
    }
    *out = resp;
    *out_len = resp_len;
    return PERSIST_OK;
}

int persist__sync_refresh(persist__engine *eng, persist__err *err)
{
    persist__txn *txn = NULL;
    uint64_t head = 0;
    int rc;
    if (!(eng->opts.flags & PERSIST_OPEN_READONLY))
        return PERSIST_OK; /* a writer's or follower's live app is always up to date */
    if (eng->opts.flags & PERSIST_OPEN_NO_RESTORE)
        return persist__engine_facts_head(eng, err);
    if (eng->live == NULL) /* nothing was deployed when the handle opened */
        return persist__engine_restore(eng, err);
    rc = persist__log_begin(eng->log, 0, &txn, err);
    if (rc == PERSIST_OK)
        rc = persist__log_head(txn, &head, err);
    if (rc == PERSIST_OK && head > eng->head)
        rc = persist__replay(txn, eng->head, head, 0, &eng->live, &eng->renv, err);
    persist__log_abort(txn);
    if (rc == PERSIST_OK && head > eng->head) {
        eng->head = head;
        return persist__engine_read_position(eng, err);
    }
    /* Records this handle needs were pruned, or replaying failed: the restore path decides. */
    return rc == PERSIST_OK ? PERSIST_OK : persist__engine_restore(eng, err);
}
