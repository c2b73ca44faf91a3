/* client_ids.c - the client-id index: an id's entry is the record it was applied as, that record's
 * time and the response the app gave; retention by count and by age. Storage through log_store. */
#include "client_ids.h"

#include <string.h>

#include "alloc.h"
#include "errors.h"

int persist__ids_lookup(persist__txn *txn, const char *id, size_t id_len, persist__id_hit *out,
                        persist__err *err)
{
    const uint8_t *v;
    size_t len;
    int rc = persist__log_id_get(txn, id, id_len, &v, &len, err);
    if (rc != PERSIST_OK)
        return rc;
    if (len < PERSIST__ID_ENTRY_HEADER)
        return persist__err_set(err, PERSIST_ECORRUPT, "the client-id index is damaged");
    out->seq = persist__be64_get(v);
    out->time_us = persist__be64_get(v + 8);
    out->response = (const char *)v + PERSIST__ID_ENTRY_HEADER;
    out->response_len = len - PERSIST__ID_ENTRY_HEADER;
    return PERSIST_OK;
}

/* Forget entries from the oldest on while there are more than policy->keep, or the oldest was
 * written more than keep_us before `now_us`. */
static int trim(persist__txn *txn, const persist__id_policy *policy, uint64_t now_us,
                persist__err *err)
{
    for (;;) {
        persist__id_hit hit;
        uint64_t seq, count;
        const char *id;
        size_t id_len;
        int rc = persist__log_id_oldest(txn, &seq, &id, &id_len, &count, err);
        if (rc == PERSIST_ENOTFOUND)
            return PERSIST_OK;
        if (rc != PERSIST_OK)
            return rc;
        rc = persist__ids_lookup(txn, id, id_len, &hit, err);
        if (rc == PERSIST_ENOTFOUND)
            hit.seq = hit.time_us = 0; /* an order entry without its id: drop it */
        else if (rc != PERSIST_OK)
            return rc;
        if (count <= policy->keep && hit.seq == seq &&
            (policy->keep_us == 0 || hit.time_us + policy->keep_us >= now_us))
            return PERSIST_OK;
        /* The id's entry goes with its own record only: a forgotten id used again (a leader with a
         * shorter retention) has a newer entry, which stays. */
        rc = persist__log_id_forget(txn, seq, id, id_len, hit.seq == seq, err);
        if (rc != PERSIST_OK)
            return rc;
    }
}

int persist__ids_remember(persist__txn *txn, const char *id, size_t id_len,
                          const persist__id_hit *hit, const persist__id_policy *policy,
                          persist__err *err)
{
    size_t len = PERSIST__ID_ENTRY_HEADER + hit->response_len;
    uint8_t *v = persist__malloc(len);
    int rc;
    if (v == NULL)
        return persist__err_set(err, PERSIST_ENOMEM, "out of memory");
    persist__be64_put(v, hit->seq);
    persist__be64_put(v + 8, hit->time_us);
    if (hit->response_len > 0)
        memcpy(v + PERSIST__ID_ENTRY_HEADER, hit->response, hit->response_len);
    rc = persist__log_id_put(txn, id, id_len, hit->seq, v, len, err);
    persist__free(v);
    return rc == PERSIST_OK ? trim(txn, policy, hit->time_us, err) : rc;
}
