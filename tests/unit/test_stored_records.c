/* test_stored_records.c - records with valid checksums that no call of the library writes, found
 * in a store (damage that kept the checksum, or a store written by something else): opening it,
 * verifying it and reading history through such a record say PERSIST_ECORRUPT and which record,
 * never PERSIST_EINVAL ("invalid argument"), which would send the user looking at their own call.
 * The records are written with the library's own record layer. And the newest records lost with
 * LMDB's structure intact (deleted through LMDB): a snapshot after the head shows it, and the
 * store is refused instead of opened at the shorter head. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lmdb.h>

#include "support.h"

#include "log_store.h"
#include "record.h"

/* Appends record `seq`, a deploy (kind DEPLOY_INIT or DEPLOY_MIGRATE) or a reset of the app with
 * hash `hex` under `module`. */
static void append_record(const char *dir, uint64_t seq, unsigned kind, const char *hex,
                          const char *module)
{
    persist__log *log = NULL;
    persist__txn *txn = NULL;
    persist__err err = {0, ""};
    uint8_t hash[PERSIST__HASH_LEN], payload[512];
    size_t payload_len;
    for (int i = 0; i < PERSIST__HASH_LEN; i++)
        assert_int_equal(sscanf(hex + 2 * i, "%2hhx", &hash[i]), 1);
    if (kind == PERSIST__REC_RESET) {
        static const char st[] = "{\"v\":1,\"n\":3,\"hist\":\"\"}";
        persist__reset_ref ref = {{0}, 1, module, strlen(module), st, sizeof st - 1};
        memcpy(ref.app_hash, hash, sizeof hash);
        payload_len = persist__reset_payload_size(ref.module_len, ref.state_len);
        assert_true(payload_len <= sizeof payload);
        assert_int_equal(persist__reset_payload_encode(payload, &ref, &err), PERSIST_OK);
    } else {
        persist__deploy_ref ref = {{0}, module, strlen(module)};
        memcpy(ref.app_hash, hash, sizeof hash);
        payload_len = persist__deploy_payload_size(ref.module_len);
        assert_true(payload_len <= sizeof payload);
        persist__deploy_payload_encode(payload, &ref);
    }
    {
        persist__record rec = {seq, kind, 1, payload, payload_len, NULL, 0};
        assert_int_equal(persist__log_open(&log, dir, 0, 0, 1u << 20, &err), PERSIST_OK);
        assert_int_equal(persist__log_begin(log, 1, &txn, &err), PERSIST_OK);
        assert_int_equal(persist__log_append(txn, &rec, &err), PERSIST_OK);
        assert_int_equal(persist__log_commit(txn, &err), PERSIST_OK);
        persist__log_close(log);
    }
}

static void expect_msg(persist_store *s, const char *part)
{
    if (strstr(ts_errmsg(s), part) == NULL)
        fail_msg("\"%s\" not in: %s", part, ts_errmsg(s));
}

/* A store: testapp_v1 deployed, two events (head 3), then record 4 as `kind` under "no such!". */
static char *store_with_bad_module(unsigned kind)
{
    char *dir = ts_tmpdir();
    char hex[PERSIST__HASH_LEN * 2 + 1];
    persist_store *s = ts_open(dir, NULL);
    ts_deploy(s, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    persist_free(ts_submit(s, "add 1"));
    persist_free(ts_submit(s, "add 2"));
    TS_OK(s, persist_store_app_hash(s, hex, sizeof hex));
    assert_int_equal(ts_head(s), 3);
    TS_OK(s, persist_store_close(s));
    append_record(dir, 4, kind, hex, "no such!");
    return dir;
}

static void check_bad_module(unsigned kind, const char *name)
{
    char *dir = store_with_bad_module(kind), *text = NULL;
    char want[128];
    persist_store *s = NULL;
    persist_options o;
    persist_verify_report rep;
    snprintf(want, sizeof want, "record 4 (%s) is damaged (libpersist never writes one like it)",
             name);
    persist_options_init(&o, sizeof o);
    TS_FAILS(s, persist_store_open(&s, dir, &o), PERSIST_ECORRUPT);
    expect_msg(s, want);
    expect_msg(s, "module name"); /* and why */
    persist_store_close(s);
    /* Opened without a restore: verify and the state at record 4 say the same. */
    s = NULL;
    o.flags = PERSIST_OPEN_NO_RESTORE;
    TS_OK(s, persist_store_open(&s, dir, &o));
    memset(&rep, 0, sizeof rep);
    rep.struct_size = sizeof rep;
    TS_FAILS(s, persist_store_verify(s, 0, &rep), PERSIST_ECORRUPT);
    assert_int_equal(rep.first_problem_seq, 4);
    expect_msg(s, "record 4");
    TS_FAILS(s, persist_store_state_at(s, 4, &text, NULL), PERSIST_ECORRUPT);
    expect_msg(s, want);
    TS_OK(s, persist_store_state_at(s, 3, &text, NULL)); /* before it, history is readable */
    assert_string_equal(text, "{\"v\":1,\"n\":3,\"hist\":\"\"}");
    persist_free(text);
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

static void test_deploy_under_a_module_no_deploy_accepts(void **state)
{
    (void)state;
    check_bad_module(PERSIST__REC_DEPLOY_INIT, "deploy_init");
    check_bad_module(PERSIST__REC_DEPLOY_MIGRATE, "deploy_migrate");
}

static void test_reset_under_a_module_no_deploy_accepts(void **state)
{
    (void)state;
    check_bad_module(PERSIST__REC_RESET, "reset");
}

/* A write transaction on the closed store in `dir`, through LMDB (as damage that keeps LMDB's
 * structure: a foreign writer, or bytes changed and their checksums with them). */
static MDB_txn *edit_begin(const char *dir, MDB_env **env)
{
    MDB_txn *txn;
    assert_int_equal(mdb_env_create(env), 0);
    assert_int_equal(mdb_env_set_maxdbs(*env, 8), 0);
    assert_int_equal(mdb_env_open(*env, dir, 0, 0644), 0);
    assert_int_equal(mdb_txn_begin(*env, NULL, 0, &txn), 0);
    return txn;
}

static void edit_end(MDB_env *env, MDB_txn *txn)
{
    assert_int_equal(mdb_txn_commit(txn), 0);
    mdb_env_close(env);
}

/* Deletes the newest `n` records. */
static void drop_tail(const char *dir, int n)
{
    MDB_env *env;
    MDB_txn *txn = edit_begin(dir, &env);
    MDB_dbi dbi;
    MDB_cursor *cur;
    MDB_val k, v;
    assert_int_equal(mdb_dbi_open(txn, "records", 0, &dbi), 0);
    assert_int_equal(mdb_cursor_open(txn, dbi, &cur), 0);
    for (int i = 0; i < n; i++) {
        assert_int_equal(mdb_cursor_get(cur, &k, &v, MDB_LAST), 0);
        assert_int_equal(mdb_cursor_del(cur, 0), 0);
    }
    mdb_cursor_close(cur);
    edit_end(env, txn);
}

/* Replaces the value of `key` in database `db` (`val` NULL: deletes the entry). */
static void edit_entry(const char *dir, const char *db, const void *key, size_t key_len,
                       const void *val, size_t len)
{
    MDB_env *env;
    MDB_txn *txn = edit_begin(dir, &env);
    MDB_dbi dbi;
    MDB_val k = {key_len, (void *)key}, v = {len, (void *)val};
    assert_int_equal(mdb_dbi_open(txn, db, 0, &dbi), 0);
    if (val == NULL)
        assert_int_equal(mdb_del(txn, dbi, &k, NULL), 0);
    else
        assert_int_equal(mdb_put(txn, dbi, &k, &v, 0), 0);
    edit_end(env, txn);
}

/* The store opened at the shorter head (5 of 8), and its next event became record 6 beside the
 * old snapshot 8 (found with one record lost: with a snapshot 6, the next open loaded it as that
 * event's state). Refused now, by writers and readers; a handle without a restore can revert to
 * the head, which removes the snapshot after it. */
static void test_newest_records_lost(void **state)
{
    static const char *const want =
        "records 6 to 8 are missing (the store ends at record 5 but holds a snapshot after "
        "record 8): its newest records were lost; restore the store from a backup, or revert to "
        "record 5 to go on without them";
    char *dir = ts_tmpdir(), *text;
    persist_store *s = ts_open(dir, NULL);
    persist_options o;
    (void)state;
    ts_deploy(s, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    for (int i = 1; i <= 7; i++) {
        char ev[16];
        snprintf(ev, sizeof ev, "add %d", i);
        persist_free(ts_submit(s, ev));
    }
    TS_OK(s, persist_store_snapshot(s));
    TS_OK(s, persist_store_close(s));
    drop_tail(dir, 3);
    persist_options_init(&o, sizeof o);
    for (int ro = 0; ro < 2; ro++) {
        s = NULL;
        o.flags = ro ? PERSIST_OPEN_READONLY : 0;
        TS_FAILS(s, persist_store_open(&s, dir, &o), PERSIST_ECORRUPT);
        expect_msg(s, want);
        persist_store_close(s);
    }
    s = NULL;
    o.flags = PERSIST_OPEN_NO_RESTORE;
    TS_OK(s, persist_store_open(&s, dir, &o));
    TS_OK(s, persist_store_revert(s, 5)); /* one revert repairs it (the snapshot 8 was left) */
    TS_OK(s, persist_store_close(s));
    s = ts_open(dir, NULL);
    text = ts_state(s);
    assert_string_equal(text, "{\"v\":1,\"n\":10,\"hist\":\"\"}"); /* 1 + 2 + 3 + 4 */
    persist_free(text);
    assert_int_equal(ts_head(s), 6);
    TS_OK(s, persist_store_verify(s, PERSIST_VERIFY_ALL_SNAPSHOTS, NULL));
    TS_OK(s, persist_store_close(s));
    /* Every record lost: no revert to offer. */
    drop_tail(dir, 6);
    s = NULL;
    o.flags = 0;
    TS_FAILS(s, persist_store_open(&s, dir, &o), PERSIST_ECORRUPT);
    expect_msg(s, "records 1 to 6 are missing (the store ends at record 0 but holds a snapshot "
                  "after record 6): its newest records were lost; restore the store from a backup");
    if (strstr(ts_errmsg(s), "revert") != NULL)
        fail_msg("%s", ts_errmsg(s));
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

/* Submits `event` with client id `id`; returns the call's status or the event's. */
static int submit_id(persist_store *s, const char *event, const char *id)
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
    return rc != PERSIST_OK ? rc : ev.status;
}

/* A closed store whose records 2, 3 and 4 carry the client ids client-1, client-2 and client-3. */
static char *store_with_ids(void)
{
    char *dir = ts_tmpdir();
    persist_store *s = ts_open(dir, NULL);
    ts_deploy(s, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    TS_OK(s, submit_id(s, "add 1", "client-1"));
    TS_OK(s, submit_id(s, "add 2", "client-2"));
    TS_OK(s, submit_id(s, "add 3", "client-3"));
    TS_OK(s, persist_store_close(s));
    return dir;
}

static void verify_finds(const char *dir, uint32_t problems, uint64_t first_seq, const char *part)
{
    persist_store *s = ts_open(dir, NULL);
    persist_verify_report rep;
    memset(&rep, 0, sizeof rep);
    rep.struct_size = sizeof rep;
    TS_FAILS(s, persist_store_verify(s, 0, &rep), PERSIST_ECORRUPT);
    assert_int_equal(rep.problems, problems);
    assert_int_equal(rep.first_problem_seq, first_seq);
    expect_msg(s, part);
    persist_store_close(s);
}

/* The index's order entry of record 2 emptied (found by fuzz_store): the next submit with a new id,
 * which trims the index from its oldest entry, failed with PERSIST_ERROR (LMDB refuses a key of 0
 * bytes), and verify, which did not read the index, said the store was sound. */
static void test_client_id_order_damaged(void **state)
{
    char *dir = store_with_ids();
    uint8_t key[8];
    persist_store *s;
    (void)state;
    persist__be64_put(key, 2);
    edit_entry(dir, "client_id_order", key, sizeof key, "", 0);
    s = ts_open(dir, NULL);
    TS_FAILS(s, submit_id(s, "add 4", "client-4"), PERSIST_ECORRUPT);
    expect_msg(s,
               "the client-id index is damaged (an order entry of a 8-byte key and a 0-byte id)");
    TS_OK(s, persist_store_submit(s, "add 4", 5, NULL, NULL)); /* events without ids go on */
    persist_store_close(s);
    /* and client-1 has no entry in the order */
    verify_finds(dir, 2, 0,
                 "2 problems; the first: the client-id index is damaged: an entry of its order is "
                 "not a record number and an id");
    ts_rmrf(dir);
    free(dir);
}

/* Damage verify did not see: an id without its order entry (never forgotten), and an id whose
 * entry names a record that carries another id (a retry would get that record's response). */
static void test_client_id_index_checked_by_verify(void **state)
{
    char *dir = store_with_ids();
    uint8_t key[8], entry[64];
    (void)state;
    persist__be64_put(key, 3);
    edit_entry(dir, "client_id_order", key, sizeof key, NULL, 0);
    verify_finds(dir, 1, 0,
                 "the client-id index is damaged: 1 of its 3 ids have no entry in its order");
    ts_rmrf(dir);
    free(dir);

    dir = store_with_ids();
    memset(entry, 0, sizeof entry);
    persist__be64_put(entry, 2); /* client-3's entry names record 2, client-1's */
    persist__be64_put(entry + 8, 1);
    memcpy(entry + 16, "n=6", 3);
    edit_entry(dir, "client_ids", "client-3", 8, entry, 19);
    verify_finds(dir, 2, 2, /* and the order's entry of record 4 is not client-3's */
                 "2 problems; the first: the client-id index is damaged: an id's entry names a "
                 "record that carries another id");
    /* The sound index of the same store verifies. */
    persist__be64_put(entry, 4);
    edit_entry(dir, "client_ids", "client-3", 8, entry, 19);
    {
        persist_store *s = ts_open(dir, NULL);
        persist_verify_report rep;
        memset(&rep, 0, sizeof rep);
        rep.struct_size = sizeof rep;
        TS_OK(s, persist_store_verify(s, 0, &rep));
        persist_store_close(s);
    }
    ts_rmrf(dir);
    free(dir);
}

static void verify_damage(persist_store *s, const char *part)
{
    persist_verify_report rep;
    memset(&rep, 0, sizeof rep);
    rep.struct_size = sizeof rep;
    TS_FAILS(s, persist_store_verify(s, 0, &rep), PERSIST_ECORRUPT);
    assert_int_equal(rep.problems, 1);
    expect_msg(s, part);
}

/* meta's store id damaged: sync calls failed with PERSIST_ECORRUPT while verify said ok. */
static void test_store_id_damaged(void **state)
{
    char *dir = store_with_ids();
    persist_store *s;
    (void)state;
    edit_entry(dir, "meta", "store_id", 8, "12345", 5);
    s = ts_open(dir, NULL);
    verify_damage(s, "the store id is damaged");
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

/* A follower's role entry damaged: it opened as a writer and took events of its own, a fork of
 * its leader's history. Refused now; without a restore it opens, as a follower. */
static void test_follower_role_damaged(void **state)
{
    char *ld = ts_tmpdir(), *fd = ts_tmpdir(), *pkg = NULL;
    persist_store *l = ts_open(ld, NULL), *f = ts_open(fd, NULL);
    persist_sync_info info;
    persist_options o;
    size_t len = 0;
    uint64_t seq = 0, head = 0;
    (void)state;
    ts_deploy(l, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    persist_free(ts_submit(l, "add 4"));
    TS_OK(l, persist_store_export_bootstrap(l, &pkg, &len, &seq));
    TS_OK(f, persist_store_apply(f, pkg, len, &head));
    TS_OK(f, persist_store_close(f));
    edit_entry(fd, "meta", "role", 4, "followes", 8);
    persist_options_init(&o, sizeof o);
    f = NULL;
    TS_FAILS(f, persist_store_open(&f, fd, &o), PERSIST_ECORRUPT);
    expect_msg(f, "meta/role is damaged");
    persist_store_close(f);
    f = NULL;
    o.flags = PERSIST_OPEN_NO_RESTORE;
    TS_OK(f, persist_store_open(&f, fd, &o));
    TS_FAILS(f, persist_store_submit(f, "add 1", 5, NULL, NULL), PERSIST_EFOLLOWER);
    memset(&info, 0, sizeof info);
    info.struct_size = sizeof info;
    TS_FAILS(f, persist_store_sync_info(f, &info), PERSIST_ECORRUPT);
    verify_damage(f, "meta/role is damaged");
    persist_store_close(f);
    persist_free(pkg);
    ts_close_and_remove(l, ld, NULL, fd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deploy_under_a_module_no_deploy_accepts),
        cmocka_unit_test(test_reset_under_a_module_no_deploy_accepts),
        cmocka_unit_test(test_newest_records_lost),
        cmocka_unit_test(test_client_id_order_damaged),
        cmocka_unit_test(test_client_id_index_checked_by_verify),
        cmocka_unit_test(test_follower_role_damaged),
        cmocka_unit_test(test_store_id_damaged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
