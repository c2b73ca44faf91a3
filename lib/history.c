/* history.c - reads the past of a store in read transactions: record listings, snapshots and app
 * versions, and the state after (or response to) any record through the restore path in a scratch
 * heap; the live app is never touched. */
#include "history.h"

#include <string.h>

#include "alloc.h"
#include "errors.h"
#include "hash.h"

#define DEFAULT_LIMIT 1000

int persist__hash_parse(uint8_t out[PERSIST__HASH_LEN], const char *hex)
{
    if (hex == NULL || strlen(hex) != PERSIST__HASH_LEN * 2)
        return 0;
    for (int i = 0; i < PERSIST__HASH_LEN * 2; i++) {
        char c = hex[i];
        int v = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (v < 0)
            return 0;
        out[i / 2] = (uint8_t)(i % 2 == 0 ? v << 4 : out[i / 2] | v);
    }
    return 1;
}

/* ---- record listing: collect, then copy into one allocation ---- */

typedef struct collect {
    persist__record *recs;
    size_t n, cap, limit; /* grown as records come (a limit may be far more than there are) */
    uint32_t kinds;
    size_t bytes; /* string bytes needed, NULs included */
    persist__err *err;
} collect;

/* The texts a record shows: payload (or a reset's state) and module; deploys have no payload. */
static void record_texts(const persist__record *r, persist__reset_ref *reset,
                         persist__deploy_ref *dep, const char **pl, size_t *pl_len,
                         const char **mod, size_t *mod_len)
{
    *pl = NULL;
    *pl_len = 0;
    *mod = "";
    *mod_len = 0;
    if (r->kind == PERSIST__REC_RESET) {
        *pl = reset->state;
        *pl_len = reset->state_len;
        *mod = reset->module;
        *mod_len = reset->module_len;
    } else if (r->kind == PERSIST__REC_DEPLOY_INIT || r->kind == PERSIST__REC_DEPLOY_MIGRATE) {
        *mod = dep->module;
        *mod_len = dep->module_len;
    } else {
        *pl = (const char *)r->payload;
        *pl_len = r->payload_len;
    }
}

static int decode_refs(const persist__record *r, persist__reset_ref *reset,
                       persist__deploy_ref *dep, persist__err *err)
{
    if (r->kind == PERSIST__REC_RESET)
        return persist__reset_payload_decode(reset, r, err);
    if (r->kind == PERSIST__REC_DEPLOY_INIT || r->kind == PERSIST__REC_DEPLOY_MIGRATE)
        return persist__deploy_payload_decode(dep, r, err);
    return PERSIST_OK;
}

static int collect_record(uint64_t seq, int status, const persist__record *rec,
                          const persist__err *why, void *ud)
{
    collect *c = ud;
    persist__reset_ref reset;
    persist__deploy_ref dep;
    const char *pl, *mod;
    size_t pl_len, mod_len;
    (void)seq;
    if (status != PERSIST_OK) {
        *c->err = *why;
        return status;
    }
    if (c->kinds != 0 && !(c->kinds & (1u << rec->kind)))
        return 0;
    if (decode_refs(rec, &reset, &dep, c->err) != PERSIST_OK)
        return c->err->code;
    record_texts(rec, &reset, &dep, &pl, &pl_len, &mod, &mod_len);
    if (c->n == c->cap) {
        size_t cap = c->cap * 2 < c->limit ? c->cap * 2 : c->limit;
        persist__record *grown = persist__realloc(c->recs, cap * sizeof *grown);
        if (grown == NULL)
            return persist__err_set(c->err, PERSIST_ENOMEM, "out of memory");
        c->recs = grown;
        c->cap = cap;
    }
    c->recs[c->n++] = *rec;
    c->bytes += pl_len + 1 + mod_len + 1;
    return c->n == c->limit ? 1 : 0; /* 1: enough, stop */
}

static char *put_text(char **cursor, const char *text, size_t len)
{
    char *start = *cursor;
    if (len > 0)
        memcpy(start, text, len);
    start[len] = '\0';
    *cursor += len + 1;
    return start;
}

static void fill_record(persist_record *o, const persist__record *r, char **strings)
{
    persist__reset_ref reset;
    persist__deploy_ref dep;
    persist__err ignored;
    const char *pl, *mod;
    size_t pl_len, mod_len;
    memset(o, 0, sizeof *o);
    decode_refs(r, &reset, &dep, &ignored); /* already checked while collecting */
    record_texts(r, &reset, &dep, &pl, &pl_len, &mod, &mod_len);
    o->seq = r->seq;
    o->time_us = r->time_us;
    o->kind = r->kind;
    o->payload = pl != NULL ? put_text(strings, pl, pl_len) : NULL;
    o->payload_len = pl_len;
    o->module = put_text(strings, mod, mod_len);
    o->module_len = mod_len;
    if (r->kind == PERSIST__REC_RESET) {
        o->source_seq = reset.source_seq;
        persist__hash_hex(reset.app_hash, o->app_hash, sizeof o->app_hash);
    } else if (r->kind == PERSIST__REC_DEPLOY_INIT || r->kind == PERSIST__REC_DEPLOY_MIGRATE) {
        persist__hash_hex(dep.app_hash, o->app_hash, sizeof o->app_hash);
    }
}

int persist__history_records(persist__engine *eng, uint64_t from, uint32_t limit, uint32_t kinds,
                             persist_record **out, size_t *count, persist__err *err)
{
    collect c = {0};
    persist__txn *txn = NULL;
    persist_record *block = NULL;
    char *strings;
    int rc;
    *out = NULL;
    *count = 0;
    c.limit = limit > 0 ? limit : DEFAULT_LIMIT;
    c.cap = c.limit < 256 ? c.limit : 256;
    c.kinds = kinds;
    c.err = err;
    c.recs = persist__malloc(c.cap * sizeof *c.recs);
    if (c.recs == NULL)
        return persist__err_set(err, PERSIST_ENOMEM, "out of memory");
    rc = persist__log_begin(eng->log, 0, &txn, err);
    if (rc == PERSIST_OK) {
        rc = persist__log_records_each(txn, from, collect_record, &c, err);
        if (rc == 1)
            rc = PERSIST_OK;
    }
    if (rc == PERSIST_OK && c.n > 0) {
        block = persist__malloc(c.n * sizeof *block + c.bytes);
        if (block == NULL)
            rc = persist__err_set(err, PERSIST_ENOMEM, "out of memory");
    }
    if (rc == PERSIST_OK && c.n > 0) {
        strings = (char *)(block + c.n);
        for (size_t i = 0; i < c.n; i++)
            fill_record(&block[i], &c.recs[i], &strings);
        *out = block;
        *count = c.n;
    }
    persist__log_abort(txn);
    persist__free(c.recs);
    return rc;
}

/* ---- snapshots and app versions ---- */

typedef struct list {
    void *items;
    size_t n, cap, size;
    persist__err *err;
    persist__txn *txn;
} list;

static void *list_push(list *l)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        void *grown = persist__realloc(l->items, cap * l->size);
        if (grown == NULL)
            return NULL;
        l->items = grown;
        l->cap = cap;
    }
    return (char *)l->items + l->n++ * l->size;
}

static int add_snapshot(uint64_t seq, int status, const persist__snapshot *snap,
                        const persist__err *why, void *ud)
{
    list *l = ud;
    persist_snapshot_info *o;
    (void)seq;
    if (status != PERSIST_OK) {
        *l->err = *why;
        return status;
    }
    o = list_push(l);
    if (o == NULL)
        return persist__err_set(l->err, PERSIST_ENOMEM, "out of memory");
    memset(o, 0, sizeof *o);
    o->seq = snap->seq;
    o->time_us = snap->time_us;
    o->state_len = snap->state_len;
    persist__hash_hex(snap->app_hash, o->app_hash, sizeof o->app_hash);
    return 0;
}

static int add_app(uint64_t seq, int status, const persist__record *rec, const persist__err *why,
                   void *ud)
{
    list *l = ud;
    persist__reset_ref reset;
    persist__deploy_ref dep;
    const uint8_t *hash;
    persist_app_info *o;
    const char *code;
    size_t len;
    int rc;
    (void)seq;
    if (status != PERSIST_OK) {
        *l->err = *why;
        return status;
    }
    if (rec->kind == PERSIST__REC_EVENT || rec->kind == PERSIST__REC_SET_STATE)
        return 0;
    if ((rc = decode_refs(rec, &reset, &dep, l->err)) != PERSIST_OK)
        return rc;
    hash = rec->kind == PERSIST__REC_RESET ? reset.app_hash : dep.app_hash;
    if ((rc = persist__log_app_get(l->txn, hash, &code, &len, l->err)) != PERSIST_OK)
        return rc;
    o = list_push(l);
    if (o == NULL)
        return persist__err_set(l->err, PERSIST_ENOMEM, "out of memory");
    memset(o, 0, sizeof *o);
    o->seq = rec->seq;
    o->code_len = len;
    o->kind = rec->kind;
    persist__hash_hex(hash, o->app_hash, sizeof o->app_hash);
    return 0;
}

static int run_list(persist__engine *eng, list *l, int apps, void **out, size_t *count,
                    persist__err *err)
{
    int rc = persist__log_begin(eng->log, 0, &l->txn, err);
    l->err = err;
    if (rc == PERSIST_OK)
        rc = apps ? persist__log_records_each(l->txn, 0, add_app, l, err)
                  : persist__log_snapshots_each(l->txn, add_snapshot, l, err);
    persist__log_abort(l->txn);
    if (rc != PERSIST_OK || l->n == 0) {
        persist__free(l->items);
        l->items = NULL;
        l->n = 0;
    }
    *out = l->items;
    *count = l->n;
    return rc;
}

int persist__history_snapshots(persist__engine *eng, persist_snapshot_info **out, size_t *count,
                               persist__err *err)
{
    list l = {NULL, 0, 0, sizeof(persist_snapshot_info), NULL, NULL};
    return run_list(eng, &l, 0, (void **)out, count, err);
}

int persist__history_apps(persist__engine *eng, persist_app_info **out, size_t *count,
                          persist__err *err)
{
    list l = {NULL, 0, 0, sizeof(persist_app_info), NULL, NULL};
    return run_list(eng, &l, 1, (void **)out, count, err);
}

int persist__history_app_code(persist__engine *eng, const char *hex, char **out, size_t *len,
                              persist__err *err)
{
    uint8_t hash[PERSIST__HASH_LEN];
    persist__txn *txn = NULL;
    const char *code;
    int rc;
    *out = NULL;
    if (!persist__hash_parse(hash, hex))
        return persist__err_set(err, PERSIST_EINVAL, "an app hash is 64 hexadecimal digits");
    rc = persist__log_begin(eng->log, 0, &txn, err);
    if (rc == PERSIST_OK)
        rc = persist__log_app_get(txn, hash, &code, len, err);
    if (rc == PERSIST_ECORRUPT && strstr(err->msg, "is missing") != NULL)
        rc = persist__err_set(err, PERSIST_ENOTFOUND, "no app %s in this store", hex);
    if (rc == PERSIST_OK) {
        if ((*out = persist__memdup0(code, *len)) == NULL)
            rc = persist__err_set(err, PERSIST_ENOMEM, "out of memory");
    }
    persist__log_abort(txn);
    return rc;
}

/* ---- state after, and response to, any record ---- */

/* Checks that the state after `seq` can be computed: seq in 1..head and not pruned away. */
static int check_seq(persist__txn *txn, uint64_t seq, uint64_t *head, persist__err *err)
{
    uint64_t first;
    int rc = persist__log_head(txn, head, err);
    if (rc == PERSIST_OK)
        rc = persist__log_first(txn, &first, err);
    if (rc != PERSIST_OK)
        return rc;
    if (seq == 0 || seq > *head)
        return persist__err_set(err, PERSIST_EINVAL,
                                "record %llu does not exist (records run "
                                "from %llu to %llu)",
                                (unsigned long long)seq, (unsigned long long)first,
                                (unsigned long long)*head);
    if (seq < first)
        return persist__err_set(err, PERSIST_ENOTFOUND,
                                "history before record %llu was pruned; record %llu is gone",
                                (unsigned long long)first, (unsigned long long)seq);
    return PERSIST_OK;
}

int persist__history_state_at(persist__engine *eng, uint64_t seq, char **out, size_t *len,
                              persist__err *err)
{
    persist__txn *txn = NULL;
    persist__app *app = NULL;
    uint64_t head, snap;
    int rc = persist__log_begin(eng->log, 0, &txn, err);
    *out = NULL;
    if (rc == PERSIST_OK)
        rc = check_seq(txn, seq, &head, err);
    if (rc == PERSIST_OK)
        rc = persist__restore(txn, seq, 0, &eng->renv, &app, &snap, err);
    if (rc == PERSIST_OK)
        rc = persist__app_serialize(app, 0, out, len, err);
    persist__app_free(app);
    persist__log_abort(txn);
    return rc;
}

/* The first record a walk meets, or why it could not be read. */
typedef struct one_record {
    persist__record *rec;
    persist__err *err;
} one_record;

static int first_record(uint64_t seq, int status, const persist__record *rec,
                        const persist__err *why, void *ud)
{
    one_record *o = ud;
    if (status != PERSIST_OK) {
        *o->err = *why;
        return status;
    }
    *o->rec = *rec;
    o->rec->seq = seq;
    return 1;
}

/* Record `seq` itself, read in `txn` (check_seq first); a damaged one fails with what is wrong. */
static int record_at(persist__txn *txn, uint64_t seq, persist__record *rec, persist__err *err)
{
    one_record o = {rec, err};
    int rc = persist__log_records_each(txn, seq, first_record, &o, err);
    if (rc < 0)
        return rc;
    return rc == 1 && rec->seq == seq
               ? PERSIST_OK
               : persist__err_set(err, PERSIST_ECORRUPT, "record %llu is missing from the log",
                                  (unsigned long long)seq);
}

int persist__history_client_id_at(persist__engine *eng, uint64_t seq, char **out, size_t *len,
                                  persist__err *err)
{
    persist__txn *txn = NULL;
    persist__record rec = {0};
    uint64_t head;
    int rc = persist__log_begin(eng->log, 0, &txn, err);
    *out = NULL;
    *len = 0;
    if (rc == PERSIST_OK)
        rc = check_seq(txn, seq, &head, err);
    if (rc == PERSIST_OK)
        rc = record_at(txn, seq, &rec, err);
    if (rc == PERSIST_OK && rec.client_id_len > 0) {
        if ((*out = persist__memdup0(rec.client_id, rec.client_id_len)) == NULL)
            rc = persist__err_set(err, PERSIST_ENOMEM, "out of memory");
        else
            *len = rec.client_id_len;
    }
    persist__log_abort(txn);
    return rc;
}

int persist__history_response_at(persist__engine *eng, uint64_t seq, char **out, size_t *len,
                                 persist__err *err)
{
    persist__txn *txn = NULL;
    persist__app *app = NULL;
    persist__record rec = {0};
    uint64_t head, snap;
    int rc = persist__log_begin(eng->log, 0, &txn, err);
    *out = NULL;
    if (rc == PERSIST_OK)
        rc = check_seq(txn, seq, &head, err);
    if (rc == PERSIST_OK)
        rc = record_at(txn, seq, &rec, err);
    if (rc == PERSIST_OK && rec.kind != PERSIST__REC_EVENT)
        rc = persist__err_set(err, PERSIST_EINVAL, "record %llu is a %s record, not an event",
                              (unsigned long long)seq, persist__record_kind_name(rec.kind));
    if (rc == PERSIST_OK)
        rc = check_seq(txn, seq - 1, &head, err); /* the state before it must exist too */
    if (rc == PERSIST_OK)
        rc = persist__restore(txn, seq - 1, 0, &eng->renv, &app, &snap, err);
    if (rc == PERSIST_OK)
        rc = persist__apply(txn, &app, &rec, &eng->renv, out, len, err);
    persist__app_free(app);
    persist__log_abort(txn);
    return rc;
}
