/* fuzz_store.c - libFuzzer target: damaged values inside a real store. A store is built once
 * (tests/fixtures/testapp_v1.js deployed, events, a snapshot, more events, a set-state, a
 * migration to testapp_v2.js, more events, two with client ids; snapshot_every large, so opening
 * it loads a snapshot and replays records). For each input the pristine data.mdb is put back, one
 * value is replaced or deleted through LMDB's own API, and the store is opened: persist_store_open
 * must return PERSIST_OK or a clean error (mostly PERSIST_ECORRUPT; never PERSIST_ERROR,
 * PERSIST_EINVAL or PERSIST_ENOTFOUND), never crash, hang or leak, and an opened store must answer
 * head, state and a submit.
 *
 * Input: byte 0 = what to do (bits 0-1 and 7: the database, of records, snapshots, apps, meta,
 * client_ids, client_id_order, modulo 6; bit 2: delete the entry; bit 3: "signed" damage, where
 * the new bytes get a valid checksum, so the restore path sees well-formed records and snapshots
 * with arbitrary contents; bits 4-6: the record kind for signed records), byte 1 = which entry
 * (index modulo the entry count), the rest = the new value (for a signed snapshot: its state
 * text). An opened store also gets two events with client ids (one in the index) and a verify.
 * Damage to LMDB's own pages is fuzz_pages' business (tests/fuzz/README.md): here they stay intact.
 */
#include <lmdb.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "errors.h"
#include "record.h"
#include <persist.h>

#define FUZZ_NAME "fuzz_store"
#include "fuzz_support.h"

static const char *const DBS[6] = {"records", "snapshots",  "apps",
                                   "meta",    "client_ids", "client_id_order"};

static char store_dir[4096], data_path[4200];
static char *pristine;
static size_t pristine_len;
static persist_options opts;
static long outcomes[64]; /* by -status of persist_store_open */

static void submit(persist_store *s, const char *event)
{
    REQUIRE(persist_store_submit(s, event, strlen(event), NULL, NULL) == PERSIST_OK);
}

/* Submits `event` with client id `id`; returns the call's status (every event's when it is not
 * PERSIST_OK) and whether the store took it as a duplicate. */
static int submit_id(persist_store *s, const char *event, const char *id, int *duplicate)
{
    persist_event ev;
    int rc;
    memset(&ev, 0, sizeof ev);
    ev.event = event;
    ev.event_len = strlen(event);
    ev.client_id = id;
    ev.client_id_len = strlen(id);
    rc = persist_store_submit_events(s, &ev, 1, sizeof ev);
    persist_free(ev.response);
    *duplicate = (int)ev.duplicate;
    return rc != PERSIST_OK ? rc : ev.status;
}

static void report(void)
{
    fuzz_print_outcomes("open results", outcomes);
    fuzz_remove_dir(store_dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static const char state[] = "{\"v\":1,\"n\":41,\"hist\":\"set\"}";
    persist_store *s = NULL;
    int dup;
    (void)argc;
    (void)argv;
    fuzz_make_dir(store_dir, sizeof store_dir);
    snprintf(data_path, sizeof data_path, "%s/data.mdb", store_dir);
    fuzz_options(&opts, 200, 64u << 20); /* hostile contents end quickly */
    opts.snapshot_every = 100000;
    REQUIRE(persist_store_open(&s, store_dir, &opts) == PERSIST_OK);
    fuzz_deploy_fixture(s, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    submit(s, "add 5");
    submit(s, "append a");
    REQUIRE(persist_store_snapshot(s) == PERSIST_OK);
    submit(s, "mul 3");
    REQUIRE(persist_store_set_state(s, state, sizeof state - 1) == PERSIST_OK);
    submit(s, "append b");
    REQUIRE(persist_store_snapshot(s) == PERSIST_OK);
    submit(s, "add 7");
    fuzz_deploy_fixture(s, "testapp_v2.js", PERSIST_DEPLOY_MIGRATE);
    submit(s, "tag x");
    submit(s, "append c");
    REQUIRE(submit_id(s, "add 1", "client-1", &dup) == PERSIST_OK && !dup);
    REQUIRE(submit_id(s, "append q", "client-2", &dup) == PERSIST_OK && !dup);
    REQUIRE(persist_store_close(s) == PERSIST_OK);
    pristine = fuzz_read_all(data_path, &pristine_len);
    atexit(report);
    return 0;
}

static void restore_pristine(void)
{
    FILE *f = fopen(data_path, "wb");
    REQUIRE(f != NULL && fwrite(pristine, 1, pristine_len, f) == pristine_len);
    REQUIRE(fclose(f) == 0);
}

/* A value with a valid checksum: the input as a record payload, or as a snapshot's state. */
static uint8_t *signed_value(unsigned db, const MDB_val *key, const MDB_val *old, unsigned kind,
                             const uint8_t *in, size_t in_len, size_t *out_len)
{
    persist__err err;
    uint8_t *buf;
    uint64_t seq;
    if (key->mv_size != 8)
        return NULL;
    seq = persist__be64_get(key->mv_data);
    if (db == 0) {
        persist__record rec = {seq, kind, 1, in, in_len, NULL, 0};
        *out_len = persist__record_size(in_len);
        buf = malloc(*out_len);
        REQUIRE(buf != NULL && persist__record_encode(buf, &rec, &err) == PERSIST_OK);
        return buf;
    }
    if (db == 1) {
        persist__snapshot snap;
        if (persist__snapshot_decode(&snap, seq, old->mv_data, old->mv_size, &err) != PERSIST_OK)
            return NULL;
        snap.state = (const char *)in;
        snap.state_len = in_len;
        *out_len = persist__snapshot_size(snap.module_len, in_len);
        buf = malloc(*out_len);
        REQUIRE(buf != NULL && persist__snapshot_encode(buf, &snap, &err) == PERSIST_OK);
        return buf;
    }
    return NULL;
}

/* Replaces (or deletes) the chosen entry through LMDB. */
static void damage(const uint8_t *data, size_t size)
{
    unsigned db = ((data[0] & 3u) | (data[0] >> 7) << 2) % 6, del = (data[0] >> 2) & 1;
    unsigned sign = (data[0] >> 3) & 1, kind = ((data[0] >> 4) & 7u) % 7;
    MDB_env *env;
    MDB_txn *txn;
    MDB_dbi dbi;
    MDB_cursor *cur;
    MDB_val k, v, nv;
    MDB_stat st;
    uint8_t *made = NULL;
    size_t made_len = 0;
    REQUIRE(mdb_env_create(&env) == 0);
    mdb_env_set_maxdbs(env, 8);
    REQUIRE(mdb_env_open(env, store_dir, MDB_NOSYNC, 0644) == 0);
    REQUIRE(mdb_txn_begin(env, NULL, 0, &txn) == 0);
    REQUIRE(mdb_dbi_open(txn, DBS[db], 0, &dbi) == 0);
    REQUIRE(mdb_stat(txn, dbi, &st) == 0 && st.ms_entries > 0);
    REQUIRE(mdb_cursor_open(txn, dbi, &cur) == 0);
    REQUIRE(mdb_cursor_get(cur, &k, &v, MDB_FIRST) == 0);
    for (size_t i = data[1] % st.ms_entries; i > 0; i--)
        REQUIRE(mdb_cursor_get(cur, &k, &v, MDB_NEXT) == 0);
    if (del) {
        REQUIRE(mdb_cursor_del(cur, 0) == 0);
    } else {
        if (sign)
            made = signed_value(db, &k, &v, kind, data + 2, size - 2, &made_len);
        nv.mv_data = made != NULL ? (void *)made : (void *)(data + 2);
        nv.mv_size = made != NULL ? made_len : size - 2;
        REQUIRE(mdb_cursor_put(cur, &k, &nv, MDB_CURRENT) == 0);
    }
    mdb_cursor_close(cur);
    REQUIRE(mdb_txn_commit(txn) == 0);
    mdb_env_close(env);
    free(made);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    persist_store *s = NULL;
    persist_verify_report rep;
    char msg[256], *text = NULL;
    uint64_t head;
    int rc, dup;
    if (size < 2)
        return 0;
    restore_pristine();
    damage(data, size);
    rc = persist_store_open(&s, store_dir, &opts);
    REQUIRE_DAMAGE_STATUS(rc);
    outcomes[-rc]++;
    if (rc != PERSIST_OK) {
        REQUIRE(s != NULL || rc == PERSIST_ENOMEM);
        REQUIRE(persist_store_errmsg(s, msg, sizeof msg) > 0); /* a message says what broke */
        REQUIRE(persist_store_close(s) == PERSIST_OK);
        return 0;
    }
    /* Opened (the damage was in history that the restore does not read, or harmless). */
    REQUIRE(persist_store_head(s, &head) == PERSIST_OK);
    rc = persist_store_state(s, &text, NULL);
    REQUIRE(rc == PERSIST_OK || rc == PERSIST_ENOAPP || rc == PERSIST_ESCRIPT ||
            rc == PERSIST_ETIMEOUT || rc == PERSIST_EMEMORY || rc == PERSIST_ECONTRACT);
    persist_free(text);
    rc = persist_store_submit(s, "append z", 8, NULL, NULL);
    REQUIRE_DAMAGE_STATUS(rc);
    REQUIRE_DAMAGE_STATUS(submit_id(s, "add 2", "client-1", &dup)); /* in the index */
    REQUIRE_DAMAGE_STATUS(submit_id(s, "add 3", "client-3", &dup)); /* new */
    memset(&rep, 0, sizeof rep);
    rep.struct_size = sizeof rep;
    rc = persist_store_verify(s, 0, &rep);
    REQUIRE_DAMAGE_STATUS(rc);
    REQUIRE(rc != PERSIST_OK || rep.problems == 0);
    REQUIRE(persist_store_close(s) == PERSIST_OK);
    return 0;
}
