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

int persist__snapshot_load(persist__txn *txn, uint64_t at, const persist__js_config *cfg,
                           persist__app **out, uint64_t *out_seq, persist__err *err)
{
    persist__snapshot snap;
    persist__app_source src = {0};
    persist__app *app = NULL;
    int rc;
    *out = NULL;
    /* A damaged snapshot is skipped for an older one: the records after that one are replayed,
     * each verified by its own checksum, so nothing is lost (history before it is still there). */
    for (;;) {
        snap.seq = 0;
        rc = persist__log_snapshot_newest(txn, at, &snap, err);
        if (rc != PERSIST_ECORRUPT || snap.seq == 0)
            break;
        persist__log_msg(&cfg->lg, PERSIST_LOG_WARN,
                         "%s; restoring from an older snapshot and replaying the records after it",
                         err->msg);
        at = snap.seq - 1;
    }
    if (rc != PERSIST_OK)
        return rc;
    rc = persist__log_app_get(txn, snap.app_hash, &src.code, &src.code_len, err);
    if (rc != PERSIST_OK)
        return persist__err_prefix(err, "snapshot %llu", (unsigned long long)snap.seq);
    src.hash = snap.app_hash;
    src.module = snap.module;
    src.module_len = snap.module_len;
    rc = persist__app_load(&app, &src, cfg, err);
    if (rc == PERSIST_OK)
        rc = persist__app_deserialize(app, snap.state, snap.state_len, err);
    if (rc != PERSIST_OK) {
        persist__app_free(app);
        return persist__err_prefix(err, "loading snapshot %llu", (unsigned long long)snap.seq);
    }
    *out = app;
    *out_seq = snap.seq;
    return PERSIST_OK;
}
