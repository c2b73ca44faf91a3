/* restore.c - the restore path, the reference for what the state is: start from the newest
 * snapshot and apply every later record in order (docs/design.md section 3). */
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

/* A reset record: the app it names, with the state it carries. */
static int apply_reset(persist__txn *txn, persist__app **app, const persist__record *rec,
                       const persist__js_config *cfg, persist__err *err)
{
    persist__reset_ref ref;
    persist__app_source src = {0};
    persist__app *next = NULL;
    int rc = persist__reset_payload_decode(&ref, rec, err);
    if (rc == PERSIST_OK)
        rc = persist__log_app_get(txn, ref.app_hash, &src.code, &src.code_len, err);
    if (rc != PERSIST_OK)
        return rc;
    src.hash = ref.app_hash;
    src.module = ref.module;
    src.module_len = ref.module_len;
    rc = persist__app_load(&next, &src, cfg, err);
    if (rc == PERSIST_OK)
        rc = persist__app_deserialize(next, ref.state, ref.state_len, err);
    if (rc != PERSIST_OK) {
        persist__app_free(next);
        return rc;
    }
    persist__app_free(*app);
    *app = next;
    return PERSIST_OK;
}

int persist__apply(persist__txn *txn, persist__app **app, const persist__record *rec,
                   const persist__restore_env *env, char **out_resp, size_t *out_len,
                   persist__err *err)
{
    char *resp = NULL;
    size_t resp_len;
    int changed, rc;
    if (rec->kind == PERSIST__REC_DEPLOY_INIT || rec->kind == PERSIST__REC_DEPLOY_MIGRATE)
        return apply_deploy(txn, app, rec, env->js, err);
    if (rec->kind == PERSIST__REC_RESET)
        return apply_reset(txn, app, rec, env->js, err);
    if (*app == NULL)
        return persist__err_set(err, PERSIST_ECORRUPT, "a %s record comes before any deployment",
                                persist__record_kind_name(rec->kind));
    if (rec->kind == PERSIST__REC_SET_STATE)
        return persist__app_deserialize(*app, (const char *)rec->payload, rec->payload_len, err);
    rc = persist__app_update(*app, (const char *)rec->payload, rec->payload_len, &changed, &resp,
                             &resp_len, err);
    if (rc == PERSIST_OK)
        rc = persist__app_accept(*app, err);
    if (rc == PERSIST_OK && out_resp != NULL) {
        *out_resp = resp;
        *out_len = resp_len;
    } else
        persist__free(resp); /* replay discards responses */
    return rc;
}

#define PROGRESS_EVERY 256

static int progress(const persist__restore_env *env, uint64_t done, uint64_t total,
                    persist__err *err)
{
    if (env->progress == NULL || env->progress(done, total, env->progress_ud) == 0)
        return PERSIST_OK;
    return persist__err_set(err, PERSIST_ECANCELED, "canceled by the progress callback");
}

int persist__replay(persist__txn *txn, uint64_t from, uint64_t to, int to_is_new,
                    persist__app **app, const persist__restore_env *env, persist__err *err)
{
    persist__cursor *cur = NULL;
    persist__record rec;
    uint64_t done = from;
    int rc = persist__log_cursor_open(txn, from + 1, &cur, err);
    while (rc == PERSIST_OK && done < to) {
        if ((done - from) % PROGRESS_EVERY == 0 &&
            (rc = progress(env, done - from, to - from, err)) != PERSIST_OK)
            break;
        rc = persist__log_cursor_next(cur, &rec, err);
        if (rc == 0) {
            rc = persist__err_set(err, PERSIST_ECORRUPT, "records %llu to %llu are missing",
                                  (unsigned long long)done + 1, (unsigned long long)to);
            break;
        }
        if (rc < 0)
            break;
        rc = persist__apply(txn, app, &rec, env, NULL, NULL, err);
        if (rc != PERSIST_OK && to_is_new && rec.seq == to)
            persist__err_prefix(err, "%s not applied", persist__record_kind_name(rec.kind));
        else if (rc == PERSIST_EINVAL) { /* a stored record no call of this library writes */
            persist__err_prefix(err,
                                "record %llu (%s) is damaged (libpersist never writes one like it)",
                                (unsigned long long)rec.seq, persist__record_kind_name(rec.kind));
            rc = err->code = PERSIST_ECORRUPT;
        } else if (rc != PERSIST_OK)
            persist__err_prefix(err, "replaying record %llu (%s)", (unsigned long long)rec.seq,
                                persist__record_kind_name(rec.kind));
        done = rec.seq;
    }
    persist__log_cursor_close(cur);
    if (rc == PERSIST_OK)
        rc = progress(env, to - from, to - from, err);
    return rc;
}

static int is_state_replacing(uint64_t seq, int status, const persist__record *rec,
                              const persist__err *why, void *ud)
{
    (void)seq;
    (void)why;
    *(int *)ud = status == PERSIST_OK &&
                 (rec->kind == PERSIST__REC_DEPLOY_INIT || rec->kind == PERSIST__REC_RESET);
    return 1; /* only the first record */
}

static int replaces_state(persist__txn *txn, uint64_t seq)
{
    persist__err ignored;
    int yes = 0;
    persist__log_records_each(txn, seq, is_state_replacing, &yes, &ignored);
    return yes;
}

int persist__restore(persist__txn *txn, uint64_t head, int head_is_new,
                     const persist__restore_env *env, persist__app **out, uint64_t *out_snap,
                     persist__err *err)
{
    persist__app *app = NULL;
    uint64_t snap = 0;
    int rc;
    *out = NULL;
    *out_snap = 0;
    /* A projected deploy_init or reset replaces the state whatever came before: the records before
     * it cannot change the result, so they are not replayed (a damaged one cannot block a repair).
     */
    if (head_is_new && replaces_state(txn, head))
        return persist__replay(txn, head - 1, head, 1, out, env, err);
    rc = persist__snapshot_load(txn, head, env->js, &app, &snap, err);
    if (rc == PERSIST_ENOTFOUND)
        rc = PERSIST_OK; /* no snapshot: replay from the first record */
    if (rc == PERSIST_OK && snap < head)
        rc = persist__replay(txn, snap, head, head_is_new, &app, env, err);
    if (rc != PERSIST_OK) {
        persist__app_free(app);
        return rc;
    }
    *out = app;
    *out_snap = snap;
    return PERSIST_OK;
}
