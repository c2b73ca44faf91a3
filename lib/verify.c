/* verify.c - checks a whole store: LMDB's page structure first (lib/lmdb_check.c), then in one read
 * transaction every record's checksum and numbering, every app's hash, the client-id index,
 * snapshots against a replay of the records before them, and that the live state equals the
 * restore path's state (docs/design.md section 3). */
#include "verify.h"

#include <string.h>

#include "alloc.h"
#include "client_ids.h"
#include "errors.h"
#include "hash.h"
#include "snapshot.h"
#include "sync.h"

#define SAMPLED_SNAPSHOTS 3

typedef struct check {
    persist__engine *eng;
    persist__txn *txn;
    persist_verify_report *rep;
    persist__err *err; /* the first problem */
    uint32_t damage;   /* problems that are not the app failing (see app_failed) */
    uint64_t expect;   /* next record number (0 until the first is seen) */
    uint64_t first;    /* the first stored record (0 in an empty store) */
    uint64_t *snaps;   /* the numbers of the readable snapshots, for the comparison pass */
    size_t nsnaps, cap;
} check;

/* The app failing on what verify gives it (its serialize or a replayed update or migration throws,
 * runs out of time or memory, breaks the contract) is not damage: the records are intact, and
 * restoring a backup would not help. A snapshot its own app rejects (PERSIST_EREJECTED,
 * PERSIST_EROUNDTRIP) stays a problem of the store: that snapshot cannot be used. */
static int app_failed(int code)
{
    switch (code) {
    case PERSIST_ESCRIPT:
    case PERSIST_ETIMEOUT:
    case PERSIST_ELOAD:
    case PERSIST_ECONTRACT:
    case PERSIST_EMIGRATE:
    case PERSIST_EMEMORY: return 1;
    default: return 0;
    }
}

static void problem(check *c, uint64_t seq, const persist__err *why)
{
    if (!app_failed(why->code))
        c->damage++;
    if (c->rep->problems++ == 0) {
        *c->err = *why;
        c->rep->first_problem_seq = seq;
    }
}

static int check_record(uint64_t seq, int status, const persist__record *rec,
                        const persist__err *why, void *ud)
{
    check *c = ud;
    persist__err gap;
    (void)rec;
    if (c->expect != 0 && seq != c->expect) {
        persist__err_set(&gap, PERSIST_ECORRUPT, "records %llu to %llu are missing",
                         (unsigned long long)c->expect, (unsigned long long)seq - 1);
        problem(c, c->expect, &gap);
    }
    c->expect = seq + 1;
    c->rep->records_checked++;
    if (status != PERSIST_OK)
        problem(c, seq, why);
    if (c->eng->renv.progress != NULL && c->rep->records_checked % 1024 == 0 &&
        c->eng->renv.progress(c->rep->records_checked, 0, c->eng->renv.progress_ud) != 0)
        return persist__err_set(c->err, PERSIST_ECANCELED, "canceled by the progress callback");
    return 0;
}

static int check_app(const uint8_t hash[PERSIST__HASH_LEN], const char *code, size_t len, void *ud)
{
    check *c = ud;
    uint8_t again[PERSIST__HASH_LEN];
    persist__span span = {code, len};
    persist__err why;
    char hex[PERSIST__HASH_LEN * 2 + 1];
    c->rep->apps_checked++;
    if (persist__sha256(again, &span, 1) != 0 || memcmp(again, hash, sizeof again) != 0) {
        persist__hash_hex(hash, hex, sizeof hex);
        persist__err_set(&why, PERSIST_ECORRUPT, "app %s is damaged (its code has another hash)",
                         hex);
        problem(c, 0, &why);
    }
    return 0;
}

static int check_snapshot(uint64_t seq, int status, const persist__snapshot *snap,
                          const persist__err *why, void *ud)
{
    check *c = ud;
    (void)snap;
    if (status != PERSIST_OK) {
        problem(c, seq, why);
        return 0;
    }
    if (c->nsnaps == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 64;
        uint64_t *grown = persist__realloc(c->snaps, cap * sizeof *grown);
        if (grown == NULL)
            return persist__err_set(c->err, PERSIST_ENOMEM, "out of memory");
        c->snaps = grown;
        c->cap = cap;
    }
    c->snaps[c->nsnaps++] = seq;
    return 0;
}

/* The app (at snapshot `seq`'s record) must serialize to the snapshot's text, as its app, and be
 * able to load that text again (a snapshot its app rejects would block the restore). */
static void compare(check *c, persist__app *app, uint64_t seq)
{
    persist__snapshot snap;
    persist__err why;
    char *text = NULL;
    size_t len = 0;
    int rc = persist__log_snapshot_newest(c->txn, seq, &snap, &why);
    if (rc == PERSIST_OK && app == NULL)
        rc = persist__err_set(&why, PERSIST_ECORRUPT, "snapshot %llu has no app before it",
                              (unsigned long long)seq);
    if (rc == PERSIST_OK && app_failed(rc = persist__app_serialize(app, 0, &text, &len, &why)))
        persist__err_prefix(&why,
                            "the app fails on the state at record %llu, so snapshot %llu could "
                            "not be compared with it",
                            (unsigned long long)seq, (unsigned long long)seq);
    if (rc == PERSIST_OK &&
        (memcmp(persist__app_hash(app), snap.app_hash, PERSIST__HASH_LEN) != 0 ||
         len != snap.state_len || memcmp(text, snap.state, len) != 0))
        rc = persist__err_set(&why, PERSIST_ECORRUPT,
                              "snapshot %llu differs from a replay of the records before it",
                              (unsigned long long)seq);
    if (rc == PERSIST_OK &&
        (rc = persist__app_check_text(app, snap.state, snap.state_len, &why)) != PERSIST_OK) {
        persist__err_prefix(&why, "snapshot %llu cannot be loaded by its own app",
                            (unsigned long long)seq);
        why.code = rc = PERSIST_ECORRUPT;
    }
    persist__free(text);
    c->rep->snapshots_checked++;
    if (rc != PERSIST_OK)
        problem(c, seq, &why);
}

/* The app after record `at`, from the restore path (NULL app when at is 0). */
static int state_after(check *c, uint64_t at, persist__app **app, persist__err *why)
{
    uint64_t snap;
    persist__app_free(*app);
    *app = NULL;
    return at == 0 ? PERSIST_OK : persist__restore(c->txn, at, 0, &c->eng->renv, app, &snap, why);
}

/* all: replay the whole log from its first record and compare every snapshot on the way;
 * sampled: the newest few snapshots, each from the restore path's state just before it. */
static int compare_snapshots(check *c, int all, uint64_t first)
{
    persist__app *app = NULL;
    persist__err why;
    /* The state before the first stored record is known only for an unpruned log (empty). */
    uint64_t at = first <= 1 ? 0 : first;
    size_t from = all ? 0 : (c->nsnaps > SAMPLED_SNAPSHOTS ? c->nsnaps - SAMPLED_SNAPSHOTS : 0);
    int rc = all ? state_after(c, at, &app, &why) : PERSIST_OK;
    for (size_t i = from; i < c->nsnaps && rc != PERSIST_ECANCELED; i++) {
        uint64_t s = c->snaps[i];
        if (s <= at || (!all && first > 1 && s <= first))
            continue; /* nothing before it to replay */
        if (!all) {
            at = s - 1;
            rc = state_after(c, at, &app, &why);
        }
        if (rc == PERSIST_OK)
            rc = persist__replay(c->txn, at, s, 0, &app, &c->eng->renv, &why);
        if (rc == PERSIST_OK)
            compare(c, app, s);
        else if (rc != PERSIST_ECANCELED) {
            problem(c, s, &why);
            rc = state_after(c, s, &app, &why); /* go on from the snapshot itself */
            if (rc != PERSIST_OK && rc != PERSIST_ECANCELED)
                break;
        }
        at = s;
    }
    persist__app_free(app);
    if (rc == PERSIST_ECANCELED)
        *c->err = why;
    return rc == PERSIST_ECANCELED ? rc : PERSIST_OK;
}

/* Without a live app (PERSIST_OPEN_NO_RESTORE, or an empty store): the restore path must work at
 * record `head`. */
static int check_restore(check *c, uint64_t head)
{
    persist__app *app = NULL;
    persist__err why;
    uint64_t snap;
    int rc = head == 0 ? PERSIST_OK
                       : persist__restore(c->txn, head, 0, &c->eng->renv, &app, &snap, &why);
    persist__app_free(app);
    if (rc == PERSIST_ECANCELED) {
        *c->err = why;
        return rc;
    }
    if (rc != PERSIST_OK) {
        persist__err_prefix(&why, "the store cannot be restored at record %llu",
                            (unsigned long long)head);
        problem(c, head, &why);
    }
    return PERSIST_OK;
}

/* A read-only handle follows its writer only when refreshed: the writer may have pruned the
 * history past the handle's record since, and then the restore path at that record is gone, not
 * damaged. The store's own head is checked instead, and the live state is not compared. */
static int behind_pruned_history(check *c)
{
    uint64_t head = 0;
    persist__err ignored;
    if (!(c->eng->opts.flags & PERSIST_OPEN_READONLY) || c->eng->head == 0 ||
        c->eng->head >= c->first || persist__log_head(c->txn, &head, &ignored) != PERSIST_OK ||
        head < c->first)
        return 0;
    persist__log_msg(&c->eng->lg, PERSIST_LOG_INFO,
                     "verify: this read-only handle is at record %llu, and the writer has pruned "
                     "the history before record %llu since: the live state was not compared, "
                     "the restore path was checked at record %llu (refresh the handle, then "
                     "verify again to compare it)",
                     (unsigned long long)c->eng->head, (unsigned long long)c->first,
                     (unsigned long long)head);
    return check_restore(c, head) == PERSIST_OK ? 1 : -1;
}

/* meta's entries beyond the format, which the open checked (docs/format.md section 3). */
static int check_meta(check *c)
{
    persist__err why;
    int rc = persist__sync_check_meta(c->txn, &why);
    if (rc == PERSIST_ECORRUPT)
        problem(c, 0, &why);
    else if (rc != PERSIST_OK)
        *c->err = why;
    return rc == PERSIST_ECORRUPT ? PERSIST_OK : rc;
}

/* ---- the client-id index (docs/format.md section 3.1) ---- */

typedef struct id_check {
    check *c;
    uint64_t head;
    uint64_t ids, matched; /* id entries; order entries whose id's entry names their record */
} id_check;

static int index_damaged(check *c, uint64_t seq, const char *what)
{
    persist__err why;
    persist__err_set(&why, PERSIST_ECORRUPT, "the client-id index is damaged: %s", what);
    problem(c, seq, &why);
    return 0;
}

/* An id's entry: its size, and the record it names, which carries that id when it is stored (a
 * follower's index may name records it has not taken yet). */
static int check_id(const void *id, size_t id_len, const void *val, size_t len, void *ud)
{
    id_check *ic = ud;
    const uint8_t *raw;
    size_t raw_len;
    persist__record rec;
    persist__err ignored;
    uint64_t seq = len >= PERSIST__ID_ENTRY_HEADER ? persist__be64_get(val) : 0;
    ic->ids++;
    if (id_len == 0 || id_len > PERSIST__CLIENT_ID_MAX)
        return index_damaged(ic->c, 0, "an id of a length no client id has");
    if (seq == 0)
        return index_damaged(ic->c, 0, "an id's entry names no record");
    if (seq < ic->c->first || seq > ic->head ||
        persist__log_record_raw(ic->c->txn, seq, &raw, &raw_len, &ignored) != PERSIST_OK ||
        persist__record_decode(&rec, seq, raw, raw_len, &ignored) != PERSIST_OK)
        return 0; /* not stored, or damage of the record's own, reported with it */
    if (rec.client_id_len != id_len || memcmp(rec.client_id, id, id_len) != 0)
        return index_damaged(ic->c, seq, "an id's entry names a record that carries another id");
    return 0;
}

/* An entry of the order: a record number and an id; it matches when the id's entry names it. */
static int check_order(const void *key, size_t key_len, const void *id, size_t id_len, void *ud)
{
    id_check *ic = ud;
    const uint8_t *val;
    size_t len;
    persist__err ignored;
    if (key_len != 8 || id_len == 0 || id_len > PERSIST__CLIENT_ID_MAX)
        return index_damaged(ic->c, 0, "an entry of its order is not a record number and an id");
    if (persist__log_id_get(ic->c->txn, id, id_len, &val, &len, &ignored) == PERSIST_OK &&
        len >= PERSIST__ID_ENTRY_HEADER && persist__be64_get(val) == persist__be64_get(key))
        ic->matched++;
    return 0;
}

/* Every id's entry has its order entry (without it, the id would never be forgotten). */
static int check_ids(check *c)
{
    id_check ic = {c, 0, 0, 0};
    int rc = persist__log_head(c->txn, &ic.head, c->err);
    if (rc == PERSIST_OK)
        rc = persist__log_ids_each(c->txn, check_id, &ic, c->err);
    if (rc == PERSIST_OK)
        rc = persist__log_id_order_each(c->txn, check_order, &ic, c->err);
    if (rc == PERSIST_OK && ic.matched < ic.ids) {
        persist__err why;
        persist__err_set(&why, PERSIST_ECORRUPT,
                         "the client-id index is damaged: %llu of its %llu ids have no entry in "
                         "its order",
                         (unsigned long long)(ic.ids - ic.matched), (unsigned long long)ic.ids);
        problem(c, 0, &why);
    }
    return rc;
}

/* The invariant: the live state equals the restore path's state at the live app's record. */
static int compare_live(check *c)
{
    persist__app *app = NULL;
    persist__err why;
    char *live = NULL, *restored = NULL;
    size_t a = 0, b = 0;
    uint64_t snap;
    int rc = behind_pruned_history(c);
    if (rc != 0)
        return rc > 0 ? PERSIST_OK : PERSIST_ECANCELED;
    if (c->eng->live == NULL)
        return check_restore(c, c->eng->head);
    rc = persist__app_serialize(c->eng->live, 0, &live, &a, &why);
    if (rc == PERSIST_OK)
        rc = persist__restore(c->txn, c->eng->head, 0, &c->eng->renv, &app, &snap, &why);
    if (rc == PERSIST_OK && app != NULL)
        rc = persist__app_serialize(app, 0, &restored, &b, &why);
    if (rc == PERSIST_OK && (app == NULL || a != b || memcmp(live, restored, a) != 0))
        rc = persist__err_set(&why, PERSIST_ECORRUPT,
                              "the live state differs from the restore path's state at record "
                              "%llu",
                              (unsigned long long)c->eng->head);
    if (app_failed(rc))
        persist__err_prefix(&why,
                            "the app fails on the state at record %llu, so it could not be "
                            "compared with the restore path's",
                            (unsigned long long)c->eng->head);
    if (rc != PERSIST_OK && rc != PERSIST_ECANCELED)
        problem(c, c->eng->head, &why);
    persist__free(live);
    persist__free(restored);
    persist__app_free(app);
    if (rc == PERSIST_ECANCELED)
        *c->err = why;
    return rc == PERSIST_ECANCELED ? rc : PERSIST_OK;
}

/* LMDB's own structure (a problem of its own, naming the page): when it is damaged, nothing else
 * is read, since LMDB would follow the damage. */
static int check_structure(check *c)
{
    persist__err why;
    int rc = persist__log_check_pages(c->eng->log, NULL, &why);
    if (rc == PERSIST_ECORRUPT)
        problem(c, 0, &why);
    else if (rc != PERSIST_OK)
        *c->err = why;
    return rc;
}

int persist__verify(persist__engine *eng, uint32_t flags, persist_verify_report *rep,
                    persist__err *err)
{
    check *c = persist__calloc(1, sizeof *c);
    uint32_t damage;
    int rc;
    if (c == NULL)
        return persist__err_set(err, PERSIST_ENOMEM, "out of memory");
    c->eng = eng;
    c->rep = rep;
    c->err = err;
    rc = check_structure(c);
    if (rc == PERSIST_OK)
        rc = persist__log_begin(eng->log, 0, &c->txn, err);
    if (rc == PERSIST_OK)
        rc = persist__log_first(c->txn, &c->first, err);
    if (rc == PERSIST_OK)
        rc = persist__log_records_each(c->txn, 0, check_record, c, err);
    if (rc == PERSIST_OK)
        rc = persist__log_apps_each(c->txn, check_app, c, err);
    if (rc == PERSIST_OK)
        rc = check_meta(c);
    if (rc == PERSIST_OK)
        rc = check_ids(c);
    if (rc == PERSIST_OK)
        rc = persist__log_snapshots_each(c->txn, check_snapshot, c, err);
    if (rc == PERSIST_OK)
        rc = compare_snapshots(c, (flags & PERSIST_VERIFY_ALL_SNAPSHOTS) != 0, c->first);
    if (rc == PERSIST_OK)
        rc = compare_live(c);
    damage = c->damage;
    persist__log_abort(c->txn);
    persist__free(c->snaps);
    persist__free(c);
    if (rc == PERSIST_OK && rep->problems > 0) {
        /* Only the app failed: its own code (the records are intact). */
        rc = err->code = damage == 0 ? err->code : PERSIST_ECORRUPT;
        if (damage > 0 && damage < rep->problems)
            persist__err_prefix(err, "%u problems (%u damage, %u the app failing); the first",
                                rep->problems, damage, rep->problems - damage);
        else if (rep->problems > 1)
            persist__err_prefix(err, "%u problems; the first", rep->problems);
    }
    return rc;
}
