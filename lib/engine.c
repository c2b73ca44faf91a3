/* engine.c - a store's operations other than events (event_path.c): opening and restoring, the
 * projection that deploys, set-states, reverts and imports go through (append, restore path on the
 * uncommitted view, round trip, snapshot, commit only if all succeeded), snapshots and facts.
 * docs/design.md sections 3 and 5. */
#include "engine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "clock.h"
#include "errors.h"
#include "hash.h"
#include "restore.h"
#include "snapshot.h"
#include "sync.h"

#define GROW_ATTEMPTS 8

/* A failed commit or sync cannot be trusted: refuse writes until the store is reopened. */
int persist__engine_note_failure(persist__engine *eng, int rc)
{
    if (rc == PERSIST_EIO || rc == PERSIST_EFATAL) {
        eng->poisoned = 1;
        persist__log_msg(&eng->lg, PERSIST_LOG_ERROR,
                         "store refuses further writes until it is reopened (status %d)", rc);
    }
    return rc;
}

/* The record number of the newest snapshot at or before `at`, loadable or not (0: none). */
static uint64_t newest_snapshot(persist__txn *txn, uint64_t at)
{
    persist__snapshot s;
    persist__err ignored;
    s.seq = 0;
    persist__log_snapshot_newest(txn, at, &s, &ignored); /* a damaged one still has its number */
    return s.seq;
}

/* Every snapshot follows a record the store holds, so one after the head means that the newest
 * records were lost (damage that LMDB's structure does not show). Opening at the shorter head would
 * lose acknowledged events in silence, and the next events would take the lost records' numbers
 * while the old snapshot stayed, to be loaded by a later open as their state. */
static int check_tail(persist__txn *txn, uint64_t head, persist__err *err)
{
    uint64_t last = 0;
    char revert[80] = "";
    int rc = persist__log_snapshot_last(txn, &last, err);
    if (rc != PERSIST_OK || last <= head)
        return rc;
    if (head > 0)
        snprintf(revert, sizeof revert, ", or revert to record %llu to go on without them",
                 (unsigned long long)head);
    return persist__err_set(err, PERSIST_ECORRUPT,
                            "records %llu to %llu are missing (the store ends at record %llu but "
                            "holds a snapshot after record %llu): its newest records were lost; "
                            "restore the store from a backup%s",
                            (unsigned long long)head + 1, (unsigned long long)last,
                            (unsigned long long)head, (unsigned long long)last, revert);
}

int persist__engine_restore(persist__engine *eng, persist__err *err)
{
    persist__txn *txn = NULL;
    persist__app *app = NULL;
    uint64_t head = 0, snap = 0;
    int rc = persist__log_begin(eng->log, 0, &txn, err);
    if (rc == PERSIST_OK)
        rc = persist__log_head(txn, &head, err);
    if (rc == PERSIST_OK)
        rc = check_tail(txn, head, err);
    if (rc == PERSIST_OK)
        rc = persist__restore(txn, head, 0, &eng->renv, &app, &snap, err);
    if (rc == PERSIST_OK && newest_snapshot(txn, head) > snap)
        eng->check_snapshots = 1; /* a newer snapshot was skipped (event_path.c) */
    persist__log_abort(txn);
    if (rc != PERSIST_OK)
        return rc;
    persist__app_free(eng->live);
    eng->live = app;
    eng->head = head;
    eng->snap_seq = snap;
    return PERSIST_OK;
}

/* A writer that replayed more records at open than its snapshot policy allows writes a snapshot,
 * so that the next open replays only what follows it: opening costs what the policy says, not
 * what the store's age says. The replay's time per record also seeds the budget policy's
 * estimate. A snapshot that cannot be written only costs the next open its replay again. */
static void snapshot_after_replay(persist__engine *eng, uint64_t replay_ns)
{
    persist__err why;
    uint64_t since = eng->head - eng->snap_seq;
    if (eng->live == NULL || since == 0)
        return;
    persist__policy_observe(&eng->policy, replay_ns / since);
    if (!persist__policy_due(&eng->policy, since))
        return;
    if (persist__engine_snapshot(eng, &why) != PERSIST_OK)
        persist__log_msg(&eng->lg, PERSIST_LOG_WARN,
                         "no snapshot after the %llu records replayed at open: %s",
                         (unsigned long long)since, why.msg);
    else
        persist__log_msg(&eng->lg, PERSIST_LOG_INFO,
                         "snapshot after record %llu written at open (%llu records were replayed)",
                         (unsigned long long)eng->head, (unsigned long long)since);
}

/* Copies of the file left by compactions that were killed before their rename (the writer's). */
static void sweep_copies(persist__engine *eng)
{
    unsigned count;
    uint64_t bytes;
    persist__lock_sweep_copies(&eng->lock, eng->dir, &count, &bytes);
    if (count > 0)
        persist__log_msg(&eng->lg, PERSIST_LOG_INFO,
                         "removed %u copies of data.mdb (%llu bytes) left in %s by compactions "
                         "that were interrupted",
                         count, (unsigned long long)bytes, eng->dir);
}

int persist__engine_open(persist__engine *eng, const char *dir, const persist_options *opts,
                         persist__err *err)
{
    uint64_t t0, replay_ns = 0;
    int rc;
    memset(eng, 0, sizeof *eng);
    eng->opts = *opts;
    eng->lg.fn = opts->log_fn;
    eng->lg.userdata = opts->log_userdata;
    eng->jscfg.lg = eng->lg;
    eng->jscfg.tag_app = (opts->flags & PERSIST_LOG_TAG_APP) != 0;
    eng->jscfg.budget_ms = opts->js_budget_ms == PERSIST_NO_LIMIT_MS ? 0 : opts->js_budget_ms;
    eng->jscfg.mem_limit =
        opts->js_memory_limit == PERSIST_NO_LIMIT_BYTES ? 0 : opts->js_memory_limit;
    eng->renv.js = &eng->jscfg;
    eng->renv.progress = opts->progress_fn;
    eng->renv.progress_ud = opts->progress_userdata;
    persist__policy_init(&eng->policy, opts->snapshot_every, opts->snapshot_budget_ms);
    eng->ids.keep = opts->client_id_keep == PERSIST_NO_LIMIT ? UINT64_MAX : opts->client_id_keep;
    eng->ids.keep_us = opts->client_id_keep_s == PERSIST_NO_LIMIT
                           ? 0
                           : (uint64_t)opts->client_id_keep_s * 1000000u;
    persist__lock_init(&eng->lock);
    if ((eng->dir = persist__memdup0(dir, strlen(dir))) == NULL)
        return persist__err_set(err, PERSIST_ENOMEM, "out of memory");
    rc = persist__lock_acquire(&eng->lock, dir, (opts->flags & PERSIST_OPEN_READONLY) != 0,
                               !(opts->flags & PERSIST_OPEN_NO_CREATE), err);
    if (rc == PERSIST_OK)
        sweep_copies(eng);
    if (rc == PERSIST_OK)
        rc = persist__engine_reopen_log(eng, err);
    if (rc == PERSIST_OK && (opts->flags & PERSIST_OPEN_NO_RESTORE))
        rc = persist__engine_facts_head(eng, err); /* no live app: inspection and repair */
    else if (rc == PERSIST_OK) {
        t0 = persist__mono_ns();
        rc = persist__engine_restore(eng, err);
        replay_ns = persist__mono_ns() - t0;
    }
    if (rc == PERSIST_OK)
        persist__test_hook("restored"); /* tests/unit/test_reader_races.c */
    if (rc == PERSIST_OK)
        rc = persist__engine_read_position(eng, err);
    if (rc == PERSIST_OK && !(opts->flags & (PERSIST_OPEN_NO_RESTORE | PERSIST_OPEN_READONLY)))
        snapshot_after_replay(eng, replay_ns);
    return rc;
}

int persist__engine_reopen_log(persist__engine *eng, persist__err *err)
{
    int rc;
    persist__log_close(eng->log);
    eng->log = NULL;
    if ((rc = persist__test_hook("log-opening")) != PERSIST_OK)
        return persist__err_set(err, rc, "opening the log failed at a test point");
    rc = persist__log_open(&eng->log, eng->dir, (eng->opts.flags & PERSIST_OPEN_READONLY) != 0,
                           eng->opts.durability == PERSIST_DURABILITY_RELAXED, eng->opts.map_size,
                           err);
    if (rc == PERSIST_OK)
        persist__log_set_logger(eng->log, &eng->lg);
    return rc;
}

void persist__engine_close(persist__engine *eng)
{
    persist__app_free(eng->live);
    persist__log_close(eng->log);
    persist__lock_release(&eng->lock);
    persist__free(eng->dir);
    memset(eng, 0, sizeof *eng);
    persist__lock_init(&eng->lock);
}

int persist__engine_write_once(persist__engine *eng, persist__write_step step, void *ctx,
                               persist__err *err)
{
    persist__txn *txn;
    int rc = persist__log_begin(eng->log, 1, &txn, err);
    if (rc != PERSIST_OK)
        return rc;
    rc = step(eng, txn, ctx, err);
    if (rc == PERSIST_OK)
        return persist__log_commit(txn, err);
    persist__log_abort(txn);
    return rc;
}

int persist__engine_write(persist__engine *eng, persist__write_step step, void *ctx,
                          persist__err *err)
{
    int rc = PERSIST__EMAPFULL;
    for (int attempt = 0; rc == PERSIST__EMAPFULL && attempt < GROW_ATTEMPTS; attempt++) {
        if (attempt > 0 && (rc = persist__log_grow(eng->log, err)) != PERSIST_OK)
            break;
        rc = persist__engine_write_once(eng, step, ctx, err);
    }
    if (rc == PERSIST__EMAPFULL)
        rc = persist__err_set(err, PERSIST_EFULL, "the store map is full and cannot grow further");
    return persist__engine_note_failure(eng, rc);
}

/* After the app hit its time or memory limit, its heap is not trusted: rebuild it from disk. */
int persist__engine_app_failed(persist__engine *eng, int rc)
{
    persist__err rebuild;
    if (rc != PERSIST_ETIMEOUT && rc != PERSIST_EMEMORY)
        return persist__engine_note_failure(eng, rc);
    persist__app_discard(eng->live);
    if (persist__engine_restore(eng, &rebuild) != PERSIST_OK) {
        persist__log_msg(&eng->lg, PERSIST_LOG_ERROR, "rebuilding the app after status %d: %s", rc,
                         rebuild.msg);
        eng->poisoned = 1;
    }
    return rc;
}

uint64_t persist__engine_next_time(const persist__engine *eng, uint64_t after, uint64_t wanted)
{
    uint64_t t = wanted != 0 ? wanted : persist__now_us();
    (void)eng;
    return t > after ? t : after + 1;
}

int persist__engine_flush(persist__engine *eng, persist__err *err)
{
    if (eng->opts.durability != PERSIST_DURABILITY_RELAXED)
        return PERSIST_OK; /* every commit was already synced */
    return persist__engine_note_failure(eng, persist__log_sync(eng->log, err));
}

/* ---- projection: deploy and set-state ---- */

typedef struct project_ctx {
    persist__record rec;
    const char *code; /* deploys: code to store under app_hash */
    size_t code_len;
    const uint8_t *app_hash;
    persist__app *result; /* the projected live app */
} project_ctx;

static int project(persist__engine *eng, persist__txn *txn, void *vctx, persist__err *err)
{
    project_ctx *ctx = vctx;
    uint64_t snap = 0, stale = 0;
    char *state = NULL;
    size_t state_len = 0;
    int rc = PERSIST_OK;
    persist__app_free(ctx->result); /* from an attempt that the map's growth interrupted */
    ctx->result = NULL;
    if (ctx->code != NULL)
        rc = persist__log_app_put(txn, ctx->app_hash, ctx->code, ctx->code_len, err);
    /* A repair of a store that lost its newest records (check_tail): the snapshots after them go,
     * or the next record would be followed by one that is not its state. */
    if (rc == PERSIST_OK &&
        (rc = persist__log_delete_snapshots_after(txn, ctx->rec.seq - 1, &stale, err)) ==
            PERSIST_OK &&
        stale > 0)
        persist__log_msg(&eng->lg, PERSIST_LOG_WARN,
                         "%llu snapshots after record %llu removed: the records they followed were "
                         "lost",
                         (unsigned long long)stale, (unsigned long long)ctx->rec.seq - 1);
    if (rc == PERSIST_OK)
        rc = persist__log_append(txn, &ctx->rec, err);
    /* The restore path runs on this transaction's view, which includes the new record. */
    if (rc == PERSIST_OK)
        rc = persist__restore(txn, ctx->rec.seq, 1, &eng->renv, &ctx->result, &snap, err);
    if (rc == PERSIST_OK && ctx->result == NULL)
        rc = persist__err_set(err, PERSIST_ENOAPP, "no app is deployed");
    if (rc == PERSIST_OK &&
        (rc = persist__app_roundtrip(ctx->result, &state, &state_len, err)) != PERSIST_OK)
        persist__err_prefix(err, "%s not applied", persist__record_kind_name(ctx->rec.kind));
    if (rc == PERSIST_OK) /* a projection always leaves a snapshot after itself */
        rc = persist__snapshot_save(txn, ctx->rec.seq, ctx->result, state, state_len, err);
    persist__free(state);
    if (rc != PERSIST_OK) {
        persist__app_free(ctx->result);
        ctx->result = NULL;
    }
    return rc;
}

static int run_projection(persist__engine *eng, project_ctx *ctx, persist__err *err)
{
    int rc = persist__engine_write(eng, project, ctx, err);
    if (rc != PERSIST_OK) { /* e.g. the commit failed: the projected app never becomes live */
        persist__app_free(ctx->result);
        ctx->result = NULL;
        return rc;
    }
    persist__app_free(eng->live);
    eng->live = ctx->result;
    eng->head = ctx->rec.seq;
    eng->snap_seq = ctx->rec.seq;
    eng->last_time_us = ctx->rec.time_us;
    return PERSIST_OK;
}

int persist__engine_deploy(persist__engine *eng, const char *code, size_t len, uint32_t mode,
                           const char *module, persist__err *err)
{
    uint8_t hash[PERSIST__HASH_LEN];
    persist__span span = {code, len};
    persist__deploy_ref ref;
    project_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    uint8_t *payload;
    int rc;
    if (mode == PERSIST_DEPLOY_MIGRATE && eng->live == NULL)
        return persist__err_set(err, PERSIST_ENOAPP,
                                "nothing to migrate from: no app is deployed; deploy with "
                                "PERSIST_DEPLOY_INIT first");
    if (persist__sha256(hash, &span, 1) != 0)
        return persist__err_set(err, PERSIST_ERROR, "SHA-256 failed");
    memcpy(ref.app_hash, hash, sizeof hash);
    /* Records name the module as resolved, so deploy and reset records read alike. */
    ref.module = module != NULL && module[0] ? module : persist__app_default_module(code, len);
    ref.module_len = strlen(ref.module);
    payload = persist__malloc(persist__deploy_payload_size(ref.module_len));
    if (payload == NULL)
        return persist__err_set(err, PERSIST_ENOMEM, "out of memory");
    persist__deploy_payload_encode(payload, &ref);
    ctx.rec = (persist__record){.seq = eng->head + 1,
                                .kind = mode == PERSIST_DEPLOY_MIGRATE ? PERSIST__REC_DEPLOY_MIGRATE
                                                                       : PERSIST__REC_DEPLOY_INIT,
                                .time_us = persist__engine_next_time(eng, eng->last_time_us, 0),
                                .payload = payload,
                                .payload_len = persist__deploy_payload_size(ref.module_len)};
    ctx.code = code;
    ctx.code_len = len;
    ctx.app_hash = hash;
    rc = run_projection(eng, &ctx, err);
    persist__free(payload);
    return rc;
}

int persist__engine_set_state(persist__engine *eng, const char *text, size_t len, persist__err *err)
{
    project_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    if (eng->live == NULL)
        return persist__err_set(err, PERSIST_ENOAPP, "no app is deployed; deploy one first");
    ctx.rec = (persist__record){.seq = eng->head + 1,
                                .kind = PERSIST__REC_SET_STATE,
                                .time_us = persist__engine_next_time(eng, eng->last_time_us, 0),
                                .payload = (const uint8_t *)text,
                                .payload_len = len};
    return run_projection(eng, &ctx, err);
}

/* ---- reset records: revert and import ---- */

static int reset_payload(const persist__engine *eng, project_ctx *ctx, uint64_t seq,
                         const persist__reset_ref *ref, persist__err *err)
{
    size_t n = persist__reset_payload_size(ref->module_len, ref->state_len);
    uint8_t *payload = persist__malloc(n);
    if (payload == NULL)
        return persist__err_set(err, PERSIST_ENOMEM, "out of memory");
    if (persist__reset_payload_encode(payload, ref, err) != PERSIST_OK) {
        persist__free(payload);
        return err->code;
    }
    ctx->rec = (persist__record){.seq = seq,
                                 .kind = PERSIST__REC_RESET,
                                 .time_us = persist__engine_next_time(eng, eng->last_time_us, 0),
                                 .payload = payload,
                                 .payload_len = n};
    return PERSIST_OK;
}

typedef struct revert_ctx {
    project_ctx proj;
    uint64_t to;
} revert_ctx;

/* Inside the projecting transaction: the app and state after `to`, then the usual projection. */
static int revert_step(persist__engine *eng, persist__txn *txn, void *vctx, persist__err *err)
{
    revert_ctx *ctx = vctx;
    persist__reset_ref ref = {{0}, ctx->to, NULL, 0, NULL, 0};
    persist__app *then = NULL;
    char *state = NULL;
    uint64_t snap, first = 0;
    int rc = persist__log_first(txn, &first, err);
    if (rc == PERSIST_OK && ctx->to < first)
        rc = persist__err_set(err, PERSIST_ENOTFOUND, "history before record %llu was pruned",
                              (unsigned long long)first);
    if (rc == PERSIST_OK)
        rc = persist__restore(txn, ctx->to, 0, &eng->renv, &then, &snap, err);
    if (rc == PERSIST_OK && then == NULL)
        rc = persist__err_set(err, PERSIST_ENOAPP, "no app was deployed at record %llu",
                              (unsigned long long)ctx->to);
    if (rc == PERSIST_OK)
        rc = persist__app_serialize(then, 0, &state, &ref.state_len, err);
    if (rc == PERSIST_OK) {
        memcpy(ref.app_hash, persist__app_hash(then), PERSIST__HASH_LEN);
        ref.module = persist__app_module(then, &ref.module_len);
        ref.state = state;
        rc = reset_payload(eng, &ctx->proj, eng->head + 1, &ref, err);
    }
    if (rc == PERSIST_OK)
        rc = project(eng, txn, &ctx->proj, err);
    persist__free((void *)ctx->proj.rec.payload);
    ctx->proj.rec.payload = NULL;
    persist__free(state);
    persist__app_free(then);
    if (rc != PERSIST_OK)
        persist__err_prefix(err, "reverting to record %llu", (unsigned long long)ctx->to);
    return rc;
}

int persist__engine_revert(persist__engine *eng, uint64_t to, persist__err *err)
{
    revert_ctx ctx;
    int rc;
    memset(&ctx, 0, sizeof ctx);
    ctx.to = to;
    if (to == 0 || to > eng->head)
        return persist__err_set(err, PERSIST_EINVAL,
                                "record %llu does not exist (the head is %llu)",
                                (unsigned long long)to, (unsigned long long)eng->head);
    rc = persist__engine_write(eng, revert_step, &ctx, err);
    if (rc != PERSIST_OK) {
        persist__app_free(ctx.proj.result);
        return rc;
    }
    persist__app_free(eng->live);
    eng->live = ctx.proj.result;
    eng->head++;
    eng->snap_seq = eng->head;
    eng->last_time_us = ctx.proj.rec.time_us;
    return PERSIST_OK;
}

int persist__engine_reset(persist__engine *eng, const persist__reset_src *src, persist__err *err)
{
    persist__reset_ref ref = {{0}, 0, src->module, src->module_len, src->state, src->state_len};
    project_ctx ctx;
    int rc;
    memset(&ctx, 0, sizeof ctx);
    memcpy(ref.app_hash, src->app_hash, PERSIST__HASH_LEN);
    rc = reset_payload(eng, &ctx, eng->head + 1, &ref, err);
    if (rc != PERSIST_OK)
        return rc;
    ctx.code = src->code;
    ctx.code_len = src->code_len;
    ctx.app_hash = src->app_hash;
    rc = run_projection(eng, &ctx, err);
    persist__free((void *)ctx.rec.payload);
    return rc;
}

/* ---- snapshot now ---- */

typedef struct snap_ctx {
    const char *state;
    size_t len;
} snap_ctx;

static int write_snapshot(persist__engine *eng, persist__txn *txn, void *vctx, persist__err *err)
{
    snap_ctx *ctx = vctx;
    return persist__snapshot_save(txn, eng->head, eng->live, ctx->state, ctx->len, err);
}

int persist__engine_snapshot(persist__engine *eng, persist__err *err)
{
    snap_ctx ctx;
    char *state = NULL;
    int rc;
    if (eng->live == NULL)
        return persist__err_set(err, PERSIST_ENOAPP, "no app is deployed: nothing to snapshot");
    /* Checked also when a snapshot at the head exists: the event path writes its snapshots
     * without loading them, so one there may be a snapshot its app cannot load. */
    rc = persist__app_serialize(eng->live, 0, &state, &ctx.len, err);
    if (rc == PERSIST_OK &&
        (rc = persist__app_check_text(eng->live, state, ctx.len, err)) != PERSIST_OK)
        persist__err_prefix(err, eng->snap_seq == eng->head
                                     ? "the snapshot at the head cannot be loaded: the app cannot "
                                       "load the state it serialized"
                                     : "no snapshot was written: the app cannot load the state it "
                                       "serialized");
    if (rc != PERSIST_OK) {
        persist__free(state);
        return persist__engine_app_failed(eng, rc);
    }
    if (eng->snap_seq == eng->head) { /* that snapshot holds this text */
        persist__free(state);
        return PERSIST_OK;
    }
    ctx.state = state;
    rc = persist__engine_write(eng, write_snapshot, &ctx, err);
    persist__free(state);
    if (rc == PERSIST_OK)
        eng->snap_seq = eng->head;
    return rc;
}

int persist__engine_read_position(persist__engine *eng, persist__err *err)
{
    persist__txn *txn = NULL;
    const uint8_t *v;
    size_t len;
    int rc = persist__log_begin(eng->log, 0, &txn, err);
    eng->last_time_us = 0;
    if (rc == PERSIST_OK && eng->head > 0 &&
        (rc = persist__log_record_raw(txn, eng->head, &v, &len, err)) == PERSIST_OK)
        eng->last_time_us = len >= PERSIST__REC_HEADER ? persist__be64_get(v + 8) : 0;
    /* A read-only handle reads its state in one transaction and this in the next: the writer may
     * have pruned the record in between. Only writers give records times, so a reader does
     * without it. */
    if (rc == PERSIST_ENOTFOUND && (eng->opts.flags & PERSIST_OPEN_READONLY))
        rc = PERSIST_OK;
    if (rc == PERSIST_OK)
        rc = persist__sync_read_role(txn, &eng->follower, err);
    if (rc == PERSIST_ECORRUPT && (eng->opts.flags & PERSIST_OPEN_NO_RESTORE))
        rc = PERSIST_OK; /* a damaged role: inspected as a follower, which writes nothing */
    persist__log_abort(txn);
    return rc;
}

int persist__engine_facts_head(persist__engine *eng, persist__err *err)
{
    persist__facts f;
    int rc = persist__engine_facts(eng, &f, err);
    if (rc == PERSIST_OK) {
        eng->head = f.head;
        eng->snap_seq = f.snap_seq;
    }
    return rc;
}

int persist__engine_facts(persist__engine *eng, persist__facts *out, persist__err *err)
{
    persist__txn *txn = NULL;
    persist__snapshot snap;
    int rc = persist__log_begin(eng->log, 0, &txn, err);
    if (rc == PERSIST_OK)
        rc = persist__log_head(txn, &out->head, err);
    if (rc == PERSIST_OK)
        rc = persist__log_count(txn, &out->count, err);
    if (rc == PERSIST_OK) {
        snap.seq = 0;
        rc = persist__log_snapshot_newest(txn, out->head, &snap, err);
        out->snap_seq = snap.seq; /* a damaged snapshot still has its number */
        if (rc == PERSIST_ENOTFOUND || rc == PERSIST_ECORRUPT)
            rc = PERSIST_OK;
    }
    persist__log_abort(txn);
    return rc;
}
