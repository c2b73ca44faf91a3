/* restore.c - the restore path, the reference for what the state is: start from the newest
 * snapshot and apply every later record in order (design.md section 3). */
#include "restore.h"

#include <stdlib.h>

#include "alloc.h"
#include "errors.h"
#include "snapshot.h"

static int apply_deploy(persist__txn *txn, persist__app **app, const persist__record *rec,
                        const persist__js_config *cfg, persist__err *err)
{
    persist__deploy_ref ref;
    persist__app_source src = {0};
    persist__app *next = NULL;
    char *prev = NULL;
    size_t prev_len = 0;
    int rc = persist__deploy_payload_decode(&ref, rec, err);
    if (rc == PERSIST_OK)
        rc = persist__log_app_get(txn, ref.app_hash, &src.code, &src.code_len, err);
    if (rc != PERSIST_OK)
        return rc;
    if (rec->kind == PERSIST__REC_DEPLOY_MIGRATE) {
        if (*app == NULL)
            return persist__err_set(err, PERSIST_ENOAPP,
                                    "a migration needs a deployed app to migrate from");
        rc = persist__app_serialize(*app, 0, &prev, &prev_len, err);
        if (rc != PERSIST_OK)
            return persist__err_prefix(err, "serializing the state to migrate");
    }
    src.hash = ref.app_hash;
    src.module = ref.module;
    src.module_len = ref.module_len;
    rc = persist__app_load(&next, &src, cfg, err);
    if (rc == PERSIST_OK)
        rc = prev != NULL ? persist__app_migrate(next, prev, prev_len, err)
                          : persist__app_init(next, err);
    persist__free(prev);
    if (rc != PERSIST_OK) {
        persist__app_free(next);
        return rc;
    }
    persist__app_free(*app);
    *app = next;
    return PERSIST_OK;
}

static int apply(persist__txn *txn, persist__app **app, const persist__record *rec,
                 const persist__js_config *cfg, persist__err *err)
{
    char *resp = NULL;
    size_t resp_len;
    int changed, rc;
    if (rec->kind == PERSIST__REC_DEPLOY_INIT || rec->kind == PERSIST__REC_DEPLOY_MIGRATE)
        return apply_deploy(txn, app, rec, cfg, err);
    if (*app == NULL)
        return persist__err_set(err, PERSIST_ECORRUPT, "a %s record comes before any deployment",
                                persist__record_kind_name(rec->kind));
    if (rec->kind == PERSIST__REC_SET_STATE)
        return persist__app_deserialize(*app, (const char *)rec->payload, rec->payload_len, err);
    rc = persist__app_update(*app, (const char *)rec->payload, rec->payload_len, &changed, &resp,
                             &resp_len, err);
    persist__free(resp); /* replay discards responses */
    if (rc == PERSIST_OK)
        persist__app_accept(*app);
    return rc;
}

/* Apply records snap + 1 .. head in order; every one of them must be there. */
static int replay(persist__txn *txn, uint64_t snap, uint64_t head, int head_is_new,
                  persist__app **app, const persist__js_config *cfg, persist__err *err)
{
    persist__cursor *cur = NULL;
    persist__record rec;
    uint64_t done = snap;
    int rc = persist__log_cursor_open(txn, snap + 1, &cur, err);
    while (rc == PERSIST_OK && done < head) {
        rc = persist__log_cursor_next(cur, &rec, err);
        if (rc == 0) {
            rc = persist__err_set(err, PERSIST_ECORRUPT, "records %llu to %llu are missing",
                                  (unsigned long long)done + 1, (unsigned long long)head);
            break;
        }
        if (rc < 0)
            break;
        rc = apply(txn, app, &rec, cfg, err);
        if (rc != PERSIST_OK && head_is_new && rec.seq == head)
            persist__err_prefix(err, "%s not applied", persist__record_kind_name(rec.kind));
        else if (rc != PERSIST_OK)
            persist__err_prefix(err, "replaying record %llu (%s)", (unsigned long long)rec.seq,
                                persist__record_kind_name(rec.kind));
        done = rec.seq;
    }
    persist__log_cursor_close(cur);
    return rc;
}

int persist__restore(persist__txn *txn, uint64_t head, int head_is_new,
                     const persist__js_config *cfg, persist__app **out, uint64_t *out_snap,
                     persist__err *err)
{
    persist__app *app = NULL;
    uint64_t snap = 0;
    int rc;
    *out = NULL;
    *out_snap = 0;
    rc = persist__snapshot_load(txn, head, cfg, &app, &snap, err);
    if (rc == PERSIST_ENOTFOUND)
        rc = PERSIST_OK; /* no snapshot: replay from the first record */
    if (rc == PERSIST_OK && snap < head)
        rc = replay(txn, snap, head, head_is_new, &app, cfg, err);
    if (rc != PERSIST_OK) {
        persist__app_free(app);
        return rc;
    }
    *out = app;
    *out_snap = snap;
    return PERSIST_OK;
}
