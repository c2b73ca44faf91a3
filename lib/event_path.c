/* event_path.c - the event path's steps: events with a client id already applied are answered
 * from the client-id index or from a call not yet committed; the others run the live app's update
 * in order on its pending state; a commit writes the logged events of a group of calls in one
 * transaction, each with a strictly later timestamp, with their ids and a snapshot when due; only
 * then does the state they lead to become live. docs/design.md sections 3 and 7; the order of the
 * steps and the threads are group_commit.c's. */
#include "engine.h"

#include <string.h>

#include "alloc.h"
#include "clock.h"
#include "errors.h"
#include "snapshot.h"

/* ---- staging one call ---- */

/* Run one update on the pending state; decides whether it is logged. `*clock_ns` is when the
 * previous update of the call ended (0: not known); the update's duration, for the snapshot
 * policy, is measured from there, so that a batch reads the clock once per update, not twice. */
static int run_update(persist__engine *eng, persist__ev *ev, uint64_t *clock_ns, persist__err *err)
{
    int changed = 0, rc;
    uint64_t t0 = *clock_ns != 0 ? *clock_ns : persist__mono_ns();
    *clock_ns = 0;
    rc = persist__app_update(eng->live, ev->event, ev->event_len, &changed, &ev->response,
                             &ev->response_len, err);
    ev->status = rc;
    if (rc != PERSIST_OK)
        return rc;
    *clock_ns = persist__mono_ns();
    persist__policy_observe(&eng->policy, *clock_ns - t0);
    ev->logged = changed || (eng->opts.flags & PERSIST_LOG_ALL_EVENTS);
    return PERSIST_OK;
}

/* A copy of a response (the caller's to free) as the event's response. */
static int answer(persist__ev *ev, const char *text, size_t len, uint64_t seq, persist__err *err)
{
    if ((ev->response = persist__memdup0(text, len)) == NULL)
        return persist__err_set(err, PERSIST_ENOMEM, "out of memory");
    ev->response_len = len;
    ev->seq = seq;
    ev->duplicate = 1;
    ev->status = PERSIST_OK;
    return PERSIST_OK;
}

static int same_id(const persist__ev *a, const persist__ev *b)
{
    return a->logged && a->client_id_len == b->client_id_len &&
           memcmp(a->client_id, b->client_id, b->client_id_len) == 0;
}

/* The logged event with ev's id in the call list `c`. */
static persist__ev *twin_in(persist__call *c, const persist__ev *ev)
{
    for (; c != NULL; c = c->next)
        for (size_t j = 0; j < c->n; j++)
            if (same_id(&c->evs[j], ev))
                return &c->evs[j];
    return NULL;
}

/* The same id in a call being committed or staged (c itself is in neither list while it is
 * staged), or earlier in this one, logged: ev is its duplicate. A duplicate of an event not yet
 * committed is committed with it or after it, so the first response it gets is never one that
 * could still be lost. */
static persist__ev *earlier_twin(persist__engine *eng, persist__call *c, size_t i)
{
    persist__ev *ev = &c->evs[i], *twin;
    if (ev->client_id_len == 0)
        return NULL;
    if ((twin = twin_in(eng->gc->inflight, ev)) != NULL ||
        (twin = twin_in(eng->gc->queue, ev)) != NULL)
        return twin;
    for (size_t j = 0; j < i; j++)
        if (same_id(&c->evs[j], ev))
            return &c->evs[j];
    return NULL;
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

void persist__events_drop(persist__call *c)
{
    for (size_t i = 0; i < c->n; i++) {
        persist__free(c->evs[i].response);
        c->evs[i].response = NULL;
        c->evs[i].response_len = 0;
        c->evs[i].seq = 0;
        c->evs[i].duplicate = 0;
        c->evs[i].logged = 0;
    }
    c->records = 0;
}

/* Updates in order; each logged event gets the number its record will have (after the records of
 * the calls before it). An event with the id of a logged event before it is answered with that
 * one's response once all updates ran (nothing else fails after them). */
static int run_updates(persist__engine *eng, persist__call *c, persist__err *err)
{
    persist__err item_err;
    uint64_t base = eng->head + eng->gc->inflight_records + eng->gc->queued_records;
    uint64_t clock_ns = 0;
    int rc;
    for (size_t i = 0; i < c->n; i++) {
        persist__ev *ev = &c->evs[i];
        if (ev->duplicate || earlier_twin(eng, c, i) != NULL)
            continue;
        rc = run_update(eng, ev, &clock_ns, &item_err);
        if (rc == PERSIST_ETIMEOUT || rc == PERSIST_EMEMORY || rc == PERSIST_EFATAL) {
            *err = item_err; /* the heap is rebuilt: the call cannot go on from its state */
            return rc;
        }
        if (rc != PERSIST_OK && c->n == 1)
            *err = item_err; /* a single event's failure is the call's */
        if (ev->logged)
            ev->seq = base + ++c->records;
    }
    for (size_t i = 0; i < c->n; i++) {
        persist__ev *twin = c->evs[i].duplicate ? NULL : earlier_twin(eng, c, i);
        if (twin != NULL && (rc = answer(&c->evs[i], twin->response, twin->response_len, twin->seq,
                                         err)) != PERSIST_OK)
            return rc;
    }
    return PERSIST_OK;
}

int persist__events_stage(persist__engine *eng, persist__call *c, persist__err *err)
{
    int rc;
    c->records = 0;
    for (size_t i = 0; i < c->n; i++) {
        c->evs[i].status = PERSIST_OK;
        c->evs[i].response = NULL;
        c->evs[i].response_len = 0;
        c->evs[i].seq = 0;
        c->evs[i].duplicate = c->evs[i].logged = 0;
    }
    if (eng->live == NULL)
        return persist__err_set(err, PERSIST_ENOAPP, "no app is deployed; deploy one first");
    if ((rc = persist__app_mark(eng->live, err)) != PERSIST_OK)
        return rc == PERSIST_ENOMEM ? rc : PERSIST_EFATAL;
    rc = answer_known_ids(eng, c->evs, c->n, err);
    if (rc == PERSIST_OK)
        rc = run_updates(eng, c, err);
    if (rc == PERSIST_ETIMEOUT || rc == PERSIST_EMEMORY || rc == PERSIST_EFATAL) {
        persist__events_drop(c);
        return rc;
    }
    if (rc != PERSIST_OK) {
        persist__events_drop(c);
        if (persist__app_rollback(eng->live, err) != PERSIST_OK)
            return PERSIST_EFATAL;
        return rc;
    }
    persist__app_unmark(eng->live);
    return PERSIST_OK;
}

/* ---- committing a group ---- */

/* A snapshot after the group's last record: its state serialized, in the same transaction. Whether
 * the app can load it again (deserialize accepts it and serializes it back unchanged) is checked
 * when it is loaded, at open, where one that fails is skipped for an older one plus a replay
 * (snapshot.c): the check costs a deserialize, up to several times a serialize, and does not belong
 * on the event path. Once an open had to skip one (check_snapshots), this handle checks before it
 * writes, as persist_store_snapshot does, so that an app whose states cannot be loaded does not
 * add a snapshot that every open must try and skip; a refusal is logged, the events are committed,
 * and the next attempt waits another policy interval. A failed serialize, or a limit hit by the
 * check, fails the commit like any app call. */
static int prepare_snapshot(persist__engine *eng, persist__plan *plan, persist__err *err)
{
    persist__err why;
    uint64_t seq = plan->head + plan->records;
    int rc = persist__app_serialize(eng->live, 1, &plan->snap_state, &plan->snap_len, err);
    if (rc != PERSIST_OK)
        return persist__err_prefix(err, "snapshot after record %llu", (unsigned long long)seq);
    if (!eng->check_snapshots || (rc = persist__app_check_text(eng->live, plan->snap_state,
                                                               plan->snap_len, &why)) == PERSIST_OK)
        return PERSIST_OK;
    persist__free(plan->snap_state);
    plan->snap_state = NULL;
    if (rc != PERSIST_EROUNDTRIP && rc != PERSIST_EREJECTED && rc != PERSIST_ESCRIPT &&
        rc != PERSIST_ECONTRACT) {
        *err = why; /* a limit, or out of memory */
        return rc;
    }
    persist__log_msg(&eng->lg, PERSIST_LOG_WARN,
                     "no snapshot after record %llu: the app cannot load the state it serialized "
                     "(%s); the store opens by replaying from an older snapshot",
                     (unsigned long long)seq, why.msg);
    plan->snap_refused = 1;
    return PERSIST_OK;
}

int persist__events_plan(persist__engine *eng, persist__plan *plan, persist__err *err)
{
    uint64_t from;
    int rc;
    plan->head = eng->head;
    plan->time = eng->last_time_us;
    plan->snap_state = NULL;
    plan->snap_len = 0;
    plan->snap_refused = 0;
    if (plan->records == 0)
        return PERSIST_OK;
    if ((rc = persist__app_seal(eng->live, err)) != PERSIST_OK)
        return rc == PERSIST_ENOMEM ? rc : PERSIST_EFATAL;
    /* The policy counts from the newest snapshot, or from a later refusal. */
    from = eng->refused_at > eng->snap_seq ? eng->refused_at : eng->snap_seq;
    if (!persist__policy_due(&eng->policy, plan->head + plan->records - from))
        return PERSIST_OK;
    return prepare_snapshot(eng, plan, err);
}

/* One logged event: its record, and its id in the index. */
static int write_event(persist__engine *eng, persist__txn *txn, persist__ev *ev, uint64_t seq,
                       uint64_t *time, persist__err *err)
{
    persist__record rec = {.seq = seq, .kind = PERSIST__REC_EVENT};
    persist__id_hit hit;
    int rc;
    if (ev->seq != seq) /* staging numbered the records; the commit must agree */
        return persist__err_set(err, PERSIST_EFATAL,
                                "internal error: event staged as record %llu written as %llu",
                                (unsigned long long)ev->seq, (unsigned long long)seq);
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

int persist__events_write(persist__engine *eng, persist__txn *txn, void *vplan, persist__err *err)
{
    persist__plan *plan = vplan;
    uint64_t seq = plan->head, time = plan->time;
    int rc = PERSIST_OK;
    for (persist__call *c = plan->calls; c != NULL && rc == PERSIST_OK; c = c->next)
        for (size_t i = 0; i < c->n && rc == PERSIST_OK; i++)
            if (c->evs[i].logged && !c->evs[i].duplicate)
                rc = write_event(eng, txn, &c->evs[i], ++seq, &time, err);
    plan->last_time = time;
    /* The snapshot goes in the same transaction as the record it follows. */
    if (rc == PERSIST_OK && plan->snap_state != NULL)
        rc = persist__snapshot_save(txn, seq, eng->live, plan->snap_state, plan->snap_len, err);
    return rc;
}

int persist__events_committed(persist__engine *eng, persist__plan *plan, persist__err *err)
{
    if (plan->records == 0)
        return PERSIST_OK;
    eng->last_time_us = plan->last_time;
    eng->head = plan->head + plan->records;
    if (plan->snap_state != NULL)
        eng->snap_seq = eng->head;
    if (plan->snap_refused)
        eng->refused_at = eng->head;
    if (eng->gc->broken)
        return PERSIST_OK; /* the heap is rebuilt from disk next, these records included */
    /* Only now does the new state become live. If that fails, the records are committed all the
     * same: take the state from disk, through the restore path. */
    if (persist__app_accept_sealed(eng->live, err) != PERSIST_OK &&
        persist__engine_restore(eng, err) != PERSIST_OK) {
        eng->poisoned = 1;
        return persist__err_prefix(err, "the events were committed but the live app could not be "
                                        "rebuilt; close and reopen the store");
    }
    return PERSIST_OK;
}
