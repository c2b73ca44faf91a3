/* event_path.c - the event path: events with a client id already applied are answered from the
 * client-id index; the others run the live app's update in order on its pending state; the logged
 * ones are committed in one transaction, each with a strictly later timestamp, with their ids and
 * a snapshot when due; only then does the pending state become live. docs/design.md section 3. */
#include "engine.h"

#include <string.h>

#include "alloc.h"
#include "clock.h"
#include "errors.h"
#include "snapshot.h"

/* The events of one commit. */
typedef struct event_ctx {
    persist__ev *evs;
    size_t n, records;
    uint64_t last_time; /* the last record's time after the commit */
    int snapshotted;    /* a snapshot follows the last record */
    int snap_refused;   /* ... was due, but the app cannot load its own state */
} event_ctx;

/* A snapshot is written only if the app can load it again: deserialize must accept the text and
 * serialize it back unchanged (an app whose update makes states its own deserialize rejects would
 * otherwise leave a snapshot that blocks every open). A refusal does not fail the events: they are
 * committed, the refusal is logged, and the next attempt waits another policy interval. Limits hit
 * by the check fail the commit like any app call (the heap is rebuilt). */
static int snapshot_pending(persist__engine *eng, persist__txn *txn, event_ctx *ctx, uint64_t seq,
                            persist__err *err)
{
    persist__err why;
    char *state;
    size_t state_len;
    int rc = persist__app_serialize(eng->live, 1, &state, &state_len, err);
    if (rc != PERSIST_OK)
        return persist__err_prefix(err, "snapshot after record %llu", (unsigned long long)seq);
    rc = persist__app_check_text(eng->live, state, state_len, &why);
    if (rc == PERSIST_OK)
        rc = persist__snapshot_save(txn, seq, eng->live, state, state_len, err);
    else if (rc != PERSIST_EROUNDTRIP && rc != PERSIST_EREJECTED && rc != PERSIST_ESCRIPT &&
             rc != PERSIST_ECONTRACT)
        *err = why; /* a limit, or out of memory: fails like any app call */
    else {
        persist__log_msg(&eng->lg, PERSIST_LOG_WARN,
                         "no snapshot after record %llu: the app cannot load the state it "
                         "serialized (%s); the store opens by replaying from an older snapshot",
                         (unsigned long long)seq, why.msg);
        ctx->snap_refused = 1;
        rc = PERSIST_OK;
    }
    persist__free(state);
    ctx->snapshotted = rc == PERSIST_OK && !ctx->snap_refused;
    return rc;
}

/* One logged event: its record, and its id in the index. */
static int write_event(persist__engine *eng, persist__txn *txn, persist__ev *ev, uint64_t seq,
                       uint64_t *time, persist__err *err)
{
    persist__record rec = {.seq = seq, .kind = PERSIST__REC_EVENT};
    persist__id_hit hit;
    int rc;
    rec.time_us = *time = persist__engine_next_time(eng, *time, ev->time_us);
    rec.payload = (const uint8_t *)ev->event;
    rec.payload_len = ev->event_len;
    rec.client_id = (const uint8_t *)ev->client_id;
    rec.client_id_len = ev->client_id_len;
    rc = persist__log_append(txn, &rec, err);
    if (rc != PERSIST_OK || ev->client_id_len == 0)
        return rc;
    hit = (persist__id_hit){seq, rec.time_us, ev->response, ev->response_len};
    if ((rc = persist__log_require_format(txn, 2, err)) != PERSIST_OK)
        return rc;
    return persist__ids_remember(txn, ev->client_id, ev->client_id_len, &hit, &eng->ids, err);
}

static int write_events(persist__engine *eng, persist__txn *txn, void *vctx, persist__err *err)
{
    event_ctx *ctx = vctx;
    uint64_t seq = eng->head, time = eng->last_time_us, since_tried;
    int rc = PERSIST_OK;
    ctx->snapshotted = ctx->snap_refused = 0;
    for (size_t i = 0; rc == PERSIST_OK && i < ctx->n; i++)
        if (ctx->evs[i].logged)
            rc = write_event(eng, txn, &ctx->evs[i], ++seq, &time, err);
    ctx->last_time = time;
    since_tried = seq - (eng->snap_tried > eng->snap_seq ? eng->snap_tried : eng->snap_seq);
    if (rc != PERSIST_OK || !persist__policy_due(&eng->policy, since_tried))
        return rc;
    /* The snapshot goes in the same transaction as the record it follows. */
    return snapshot_pending(eng, txn, ctx, seq, err);
}

/* Commit the logged events of ctx; on success the pending state becomes live. */
static int commit_events(persist__engine *eng, event_ctx *ctx, persist__err *err)
{
    int rc = ctx->records > 0 ? persist__engine_write(eng, write_events, ctx, err) : PERSIST_OK;
    if (rc != PERSIST_OK) {
        persist__app_discard(eng->live);
        return rc;
    }
    if (ctx->records > 0)
        eng->last_time_us = ctx->last_time;
    eng->head += ctx->records;
    if (ctx->snapshotted)
        eng->snap_seq = eng->head;
    if (ctx->snapshotted || ctx->snap_refused)
        eng->snap_tried = eng->head;
    /* Only now does the new state become live. If that fails, the records are committed all the
     * same: take the state from disk, through the restore path. */
    if (persist__app_accept(eng->live, err) != PERSIST_OK &&
        persist__engine_restore(eng, err) != PERSIST_OK) {
        eng->poisoned = 1;
        return persist__err_prefix(err, "the events were committed but the live app could not be "
                                        "rebuilt; close and reopen the store");
    }
    return PERSIST_OK;
}

/* Run one update (on the pending state of a batch, if any); decides whether it is logged. */
static int run_update(persist__engine *eng, persist__ev *ev, persist__err *err)
{
    int changed = 0, rc;
    uint64_t t0 = persist__mono_ns();
    rc = persist__app_update(eng->live, ev->event, ev->event_len, &changed, &ev->response,
                             &ev->response_len, err);
    ev->status = rc;
    if (rc != PERSIST_OK)
        return rc;
    persist__policy_observe(&eng->policy, persist__mono_ns() - t0);
    ev->logged = changed || (eng->opts.flags & PERSIST_LOG_ALL_EVENTS);
    return PERSIST_OK;
}

/* A copy of a response (the caller's to free) as the event's response. */
static int answer(persist__ev *ev, const char *text, size_t len, uint64_t seq, persist__err *err)
{
    ev->response = persist__malloc(len + 1);
    if (ev->response == NULL)
        return persist__err_set(err, PERSIST_ENOMEM, "out of memory");
    memcpy(ev->response, text, len);
    ev->response[len] = '\0';
    ev->response_len = len;
    ev->seq = seq;
    ev->duplicate = 1;
    ev->status = PERSIST_OK;
    return PERSIST_OK;
}

/* Events whose id the index remembers are answered from it and not applied again. */
static int answer_known_ids(persist__engine *eng, persist__ev *evs, size_t n, persist__err *err)
{
    persist__txn *txn = NULL;
    persist__id_hit hit;
    int rc = PERSIST_OK;
    for (size_t i = 0; i < n && rc == PERSIST_OK; i++) {
        if (evs[i].client_id_len == 0)
            continue;
        if (txn == NULL && (rc = persist__log_begin(eng->log, 0, &txn, err)) != PERSIST_OK)
            break;
        rc = persist__ids_lookup(txn, evs[i].client_id, evs[i].client_id_len, &hit, err);
        if (rc == PERSIST_OK)
            rc = answer(&evs[i], hit.response, hit.response_len, hit.seq, err);
        else if (rc == PERSIST_ENOTFOUND)
            rc = PERSIST_OK;
    }
    persist__log_abort(txn);
    return rc;
}

/* The same id earlier in this batch, logged: this one is its duplicate. */
static persist__ev *earlier_twin(persist__ev *evs, size_t i)
{
    for (size_t j = 0; j < i && evs[i].client_id_len > 0; j++)
        if (evs[j].logged && evs[j].client_id_len == evs[i].client_id_len &&
            memcmp(evs[j].client_id, evs[i].client_id, evs[i].client_id_len) == 0)
            return &evs[j];
    return NULL;
}

/* Nothing was committed: no event keeps a response. */
static void drop_responses(persist__ev *evs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        persist__free(evs[i].response);
        evs[i].response = NULL;
        evs[i].response_len = 0;
        evs[i].seq = 0;
        evs[i].duplicate = 0;
    }
}

/* Updates in order; each logged event gets the number its record will have. An event whose id an
 * earlier logged event of the batch has is skipped (answer_twins gives it that one's response). */
static int run_updates(persist__engine *eng, persist__ev *evs, size_t n, event_ctx *ctx,
                       persist__err *err)
{
    persist__err item_err;
    for (size_t i = 0; i < n; i++) {
        int rc;
        if (evs[i].duplicate || earlier_twin(evs, i) != NULL)
            continue;
        rc = run_update(eng, &evs[i], &item_err);
        if (rc == PERSIST_ETIMEOUT || rc == PERSIST_EMEMORY || rc == PERSIST_EFATAL) {
            /* The heap is rebuilt from disk: the batch cannot go on from its pending state. */
            *err = item_err;
            return persist__engine_app_failed(eng, rc);
        }
        if (rc != PERSIST_OK && n == 1)
            *err = item_err; /* a single event's failure is the call's */
        if (evs[i].logged)
            evs[i].seq = eng->head + ++ctx->records;
    }
    return PERSIST_OK;
}

static int answer_twins(persist__ev *evs, size_t n, persist__err *err)
{
    int rc = PERSIST_OK;
    for (size_t i = 0; i < n && rc == PERSIST_OK; i++) {
        persist__ev *twin = evs[i].duplicate ? NULL : earlier_twin(evs, i);
        if (twin != NULL)
            rc = answer(&evs[i], twin->response, twin->response_len, twin->seq, err);
    }
    return rc;
}

int persist__engine_submit_events(persist__engine *eng, persist__ev *evs, size_t n,
                                  persist__err *err)
{
    event_ctx ctx = {evs, n, 0, 0, 0, 0};
    int rc;
    if (eng->live == NULL)
        return persist__err_set(err, PERSIST_ENOAPP, "no app is deployed; deploy one first");
    for (size_t i = 0; i < n; i++) {
        evs[i].status = PERSIST_OK;
        evs[i].response = NULL;
        evs[i].response_len = 0;
        evs[i].seq = 0;
        evs[i].duplicate = evs[i].logged = 0;
    }
    rc = answer_known_ids(eng, evs, n, err);
    if (rc == PERSIST_OK)
        rc = run_updates(eng, evs, n, &ctx, err);
    if (rc == PERSIST_OK)
        rc = answer_twins(evs, n, err); /* before the commit: nothing may fail after it */
    if (rc == PERSIST_OK && (rc = commit_events(eng, &ctx, err)) != PERSIST_OK)
        rc = persist__engine_app_failed(eng, rc); /* serializing a snapshot may hit a limit */
    if (rc != PERSIST_OK) {
        persist__app_discard(eng->live);
        drop_responses(evs, n);
    }
    return rc;
}
