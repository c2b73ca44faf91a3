/* snapshot.c - writes snapshots and loads the app of the newest one, through log_store. */
#include "snapshot.h"

#include "clock.h"
#include "errors.h"

int persist__snapshot_save(persist__txn *txn, uint64_t seq, const persist__app *app,
                           const char *state, size_t state_len, persist__err *err)
{
    persist__snapshot snap = {0};
    snap.seq = seq;
    snap.time_us = persist__now_us();
    for (int i = 0; i < PERSIST__HASH_LEN; i++)
        snap.app_hash[i] = persist__app_hash(app)[i];
    snap.module = persist__app_module(app, &snap.module_len);
    snap.state = state;
    snap.state_len = state_len;
    return persist__log_snapshot_put(txn, &snap, err);
}

/* Load the app and state of one snapshot (its value already decoded). */
static int load_one(persist__txn *txn, const persist__snapshot *snap, const persist__js_config *cfg,
                    persist__app **out, persist__err *err)
{
    persist__app_source src = {0};
    persist__app *app = NULL;
    int rc = persist__log_app_get(txn, snap->app_hash, &src.code, &src.code_len, err);
    if (rc != PERSIST_OK)
        return rc;
    src.hash = snap->app_hash;
    src.module = snap->module;
    src.module_len = snap->module_len;
    rc = persist__app_load(&app, &src, cfg, err);
    if (rc == PERSIST_OK)
        rc = persist__app_load_checked(app, snap->state, snap->state_len, err);
    if (rc != PERSIST_OK) {
        persist__app_free(app);
        return rc;
    }
    *out = app;
    return PERSIST_OK;
}

/* Failures that belong to one snapshot (its bytes, its app, what its app makes of its state), so
 * that an older snapshot plus a replay can stand in for it; not the ones that would fail the same
 * way for any (memory, I/O, a canceled restore). */
static int this_snapshots_fault(int rc)
{
    switch (rc) {
    case PERSIST_ECORRUPT:
    case PERSIST_ELOAD:
    case PERSIST_ECONTRACT:
    case PERSIST_ESCRIPT:
    case PERSIST_EREJECTED:
    case PERSIST_EROUNDTRIP:
    case PERSIST_ETIMEOUT:
    case PERSIST_EMEMORY: return 1;
    default: return 0;
    }
}

int persist__snapshot_load(persist__txn *txn, uint64_t at, const persist__js_config *cfg,
                           persist__app **out, uint64_t *out_seq, persist__err *err)
{
    persist__snapshot snap;
    persist__err first_failure = {PERSIST_OK, ""};
    uint64_t first = 0;
    int rc;
    *out = NULL;
    /* A snapshot that cannot be loaded (damaged, or refused by its own app) is skipped for an older
     * one: the records after that one are replayed, each verified by its own checksum, so nothing
     * is lost while the history before it is there. */
    for (;;) {
        snap.seq = 0;
        rc = persist__log_snapshot_newest(txn, at, &snap, err);
        if (rc == PERSIST_OK && (rc = load_one(txn, &snap, cfg, out, err)) != PERSIST_OK)
            persist__err_prefix(err, "loading snapshot %llu", (unsigned long long)snap.seq);
        if (rc == PERSIST_OK || snap.seq == 0 || !this_snapshots_fault(rc))
            break;
        persist__log_msg(&cfg->lg, PERSIST_LOG_WARN,
                         "%s; restoring from an older snapshot and replaying the records after it",
                         err->msg);
        if (first_failure.code == PERSIST_OK)
            first_failure = *err;
        at = snap.seq - 1;
    }
    /* No older snapshot, and the log no longer starts at record 1: the first failure is the
     * reason the state cannot be had. */
    if (rc == PERSIST_ENOTFOUND && first_failure.code != PERSIST_OK &&
        persist__log_first(txn, &first, err) == PERSIST_OK && first > 1) {
        *err = first_failure;
        return persist__err_prefix(err,
                                   "no older snapshot to fall back on (the history before "
                                   "record %llu was pruned)",
                                   (unsigned long long)first);
    }
    if (rc == PERSIST_OK)
        *out_seq = snap.seq;
    return rc;
}
