/* test_format_version.c - a store whose format entry is newer than the library (or damaged or
 * missing), or whose databases are not the ones libpersist makes (one missing, or a name damaged),
 * is refused with its own status code and a message that says what to do, for writers and readers
 * alike, and the failed open leaves data.mdb as it was: a writer never starts a new history on the
 * old data. Uses LMDB directly to fake such stores (meta database, key "format", a 4-byte
 * big-endian version). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lmdb.h>

#include "support.h"
#include <persist.h>

/* Reads (when `old` is not NULL) and replaces meta/format of the closed store in `dir`. */
static void put_format(const char *dir, const void *val, size_t len, uint8_t old[4])
{
    MDB_env *env;
    MDB_txn *txn;
    MDB_dbi dbi;
    MDB_val k = {6, (void *)"format"}, v;
    assert_int_equal(mdb_env_create(&env), 0);
    assert_int_equal(mdb_env_set_maxdbs(env, 8), 0);
    assert_int_equal(mdb_env_open(env, dir, 0, 0644), 0);
    assert_int_equal(mdb_txn_begin(env, NULL, 0, &txn), 0);
    assert_int_equal(mdb_dbi_open(txn, "meta", 0, &dbi), 0);
    if (old != NULL) {
        assert_int_equal(mdb_get(txn, dbi, &k, &v), 0);
        assert_int_equal(v.mv_size, 4);
        memcpy(old, v.mv_data, 4);
    }
    v.mv_size = len;
    v.mv_data = (void *)val;
    assert_int_equal(mdb_put(txn, dbi, &k, &v, 0), 0);
    assert_int_equal(mdb_txn_commit(txn), 0);
    mdb_env_close(env);
}

/* Deletes meta/format of the closed store in `dir`. */
static void delete_format(const char *dir)
{
    MDB_env *env;
    MDB_txn *txn;
    MDB_dbi dbi;
    MDB_val k = {6, (void *)"format"};
    assert_int_equal(mdb_env_create(&env), 0);
    assert_int_equal(mdb_env_set_maxdbs(env, 8), 0);
    assert_int_equal(mdb_env_open(env, dir, 0, 0644), 0);
    assert_int_equal(mdb_txn_begin(env, NULL, 0, &txn), 0);
    assert_int_equal(mdb_dbi_open(txn, "meta", 0, &dbi), 0);
    assert_int_equal(mdb_del(txn, dbi, &k, NULL), 0);
    assert_int_equal(mdb_txn_commit(txn), 0);
    mdb_env_close(env);
}

/* Deletes the named databases (NULL-terminated list) of the closed store in `dir`. */
static void drop_dbs(const char *dir, const char *const *names)
{
    MDB_env *env;
    MDB_txn *txn;
    MDB_dbi dbi;
    assert_int_equal(mdb_env_create(&env), 0);
    assert_int_equal(mdb_env_set_maxdbs(env, 8), 0);
    assert_int_equal(mdb_env_open(env, dir, 0, 0644), 0);
    assert_int_equal(mdb_txn_begin(env, NULL, 0, &txn), 0);
    for (; *names != NULL; names++) {
        assert_int_equal(mdb_dbi_open(txn, *names, 0, &dbi), 0);
        assert_int_equal(mdb_drop(txn, dbi, 1), 0);
    }
    assert_int_equal(mdb_txn_commit(txn), 0);
    mdb_env_close(env);
}

/* A closed store with testapp_v1 and a few events; returns its serialized state. */
static char *make_store(const char *dir)
{
    persist_store *s = ts_open(dir, NULL);
    char *state;
    ts_deploy(s, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    persist_free(ts_submit(s, "add 5"));
    persist_free(ts_submit(s, "append xy"));
    state = ts_state(s);
    assert_int_equal(persist_store_close(s), PERSIST_OK);
    return state;
}

/* Opening for writing and read-only both fail with `code` and a message containing `needle`,
 * calls on the failed handle are misuse, and data.mdb is unchanged. */
static void expect_open_refused(const char *dir, int code, const char *needle)
{
    static const uint32_t flags[] = {0, PERSIST_OPEN_READONLY};
    size_t before_len;
    char *before = ts_data_file(dir, &before_len);
    for (size_t i = 0; i < 2; i++) {
        persist_store *s = NULL;
        persist_options o;
        uint64_t head;
        char msg[1024];
        int rc;
        persist_options_init(&o, sizeof o);
        o.flags = flags[i];
        rc = persist_store_open(&s, dir, &o);
        persist_store_errmsg(s, msg, sizeof msg);
        if (rc != code)
            fail_msg("open (flags %u) returned %d (%s), expected %d; message: %s",
                     (unsigned)flags[i], rc, persist_strerror(rc), code, msg);
        if (strstr(msg, needle) == NULL)
            fail_msg("message \"%s\" does not mention \"%s\"", msg, needle);
        assert_int_equal(persist_store_head(s, &head), PERSIST_EMISUSE);
        assert_int_equal(persist_store_submit(s, "add 1", 5, NULL, NULL), PERSIST_EMISUSE);
        assert_int_equal(persist_store_close(s), PERSIST_OK);
        ts_assert_data_unchanged(dir, before, before_len);
    }
    free(before);
}

/* The store in `dir` opens with `state` and takes an event. */
static void expect_usable(const char *dir, const char *state)
{
    persist_store *s = ts_open(dir, NULL);
    char *now = ts_state(s);
    assert_string_equal(now, state);
    persist_free(now);
    persist_free(ts_submit(s, "add 1"));
    assert_int_equal(persist_store_close(s), PERSIST_OK);
}

/* Putting the original format back makes the store usable again with its state intact. */
static void restore_format_and_check(const char *dir, const uint8_t fmt[4], const char *state)
{
    put_format(dir, fmt, 4, NULL);
    expect_usable(dir, state);
}

static void test_newer_format_refused(void **unused)
{
    static const uint8_t v3[4] = {0, 0, 0, 3};   /* 1.1 reads formats 1 and 2 */
    static const uint8_t v256[4] = {0, 0, 1, 0}; /* big-endian: 256, not 65536 or 1 */
    char *dir = ts_tmpdir();
    char *state = make_store(dir);
    uint8_t fmt[4];
    (void)unused;

    put_format(dir, v3, 4, fmt);
    assert_memory_equal(fmt, "\0\0\0\1", 4); /* a store that uses nothing of format 2 is 1 */
    expect_open_refused(dir, PERSIST_EVERSION, "upgrade");
    expect_open_refused(dir, PERSIST_EVERSION, "format 3 ");

    put_format(dir, v256, 4, NULL);
    expect_open_refused(dir, PERSIST_EVERSION, "format 256 ");

    restore_format_and_check(dir, fmt, state);
    persist_free(state);
    ts_rmrf(dir);
    free(dir);
}

static void test_damaged_format_entry(void **unused)
{
    static const uint8_t v0[4] = {0, 0, 0, 0};
    static const uint8_t short_entry[2] = {0, 1};
    static const uint8_t one[4] = {0, 0, 0, 1};
    char *dir = ts_tmpdir();
    char *state = make_store(dir);
    (void)unused;

    put_format(dir, v0, 4, NULL);
    expect_open_refused(dir, PERSIST_ECORRUPT, "format");
    put_format(dir, short_entry, 2, NULL);
    expect_open_refused(dir, PERSIST_ECORRUPT, "format");
    /* Missing: damage, not a new store (a writer made it in the transaction that made the
     * databases). It was initialized again, with a new store id, and a read-only open called it
     * "not a persist store yet". */
    delete_format(dir);
    expect_open_refused(dir, PERSIST_ECORRUPT, "format entry is missing");

    restore_format_and_check(dir, one, state);
    persist_free(state);
    ts_rmrf(dir);
    free(dir);
}

/* An LMDB environment with data but no libpersist metadata (a foreign file, or a store whose main
 * tree was lost) is refused, never initialized as a new store on top of the old data. */
static void test_foreign_environment_refused(void **unused)
{
    char *dir = ts_tmpdir(), *before, *after;
    size_t n1, n2;
    MDB_env *env;
    MDB_txn *txn;
    MDB_dbi dbi;
    persist_store *s = NULL;
    (void)unused;
    assert_int_equal(mdb_env_create(&env), 0);
    assert_int_equal(mdb_env_set_maxdbs(env, 4), 0);
    assert_int_equal(mdb_env_open(env, dir, 0, 0644), 0);
    assert_int_equal(mdb_txn_begin(env, NULL, 0, &txn), 0);
    assert_int_equal(mdb_dbi_open(txn, "other", MDB_CREATE, &dbi), 0);
    for (int i = 0; i < 500; i++) {
        char key[16], val[64] = "someone else's data";
        MDB_val k = {(size_t)snprintf(key, sizeof key, "k%05d", i), key}, v = {sizeof val, val};
        assert_int_equal(mdb_put(txn, dbi, &k, &v, 0), 0);
    }
    assert_int_equal(mdb_txn_commit(txn), 0);
    mdb_env_close(env);
    before = ts_data_file(dir, &n1);
    assert_int_equal(persist_store_open(&s, dir, NULL), PERSIST_ECORRUPT);
    assert_non_null(strstr(ts_errmsg(s), "database named \"other\""));
    persist_store_close(s);
    after = ts_data_file(dir, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(before, after, n1);
    expect_open_refused(dir, PERSIST_ECORRUPT, "not a libpersist store");
    free(before);
    free(after);
    ts_rmrf(dir);
    free(dir);
}

/* A name in LMDB's main database damaged ("records" read as "recordr", found by fuzz_pages): the
 * store opened for writing with a new, empty records database beside the old one (head 0, the
 * history out of reach), and read-only as "not a persist store yet". */
static void test_damaged_database_name(void **unused)
{
    char *dir = ts_tmpdir();
    char *state = make_store(dir);
    (void)unused;
    assert_true(ts_damage_file(dir, "records") >= 1); /* the main database's leaf, and old copies */
    expect_open_refused(dir, PERSIST_ECORRUPT, "database named \"recordr\"");
    expect_open_refused(dir, PERSIST_ECORRUPT, "damaged or not a libpersist store");
    persist_free(state);
    ts_rmrf(dir);
    free(dir);
}

/* A database missing: damage (every writer makes the four in one transaction, and the client-id
 * index's two in one). A store without both index databases is one 1.0 wrote: it opens, and a
 * writer adds them. */
static void test_missing_database(void **unused)
{
    static const char *const snaps[] = {"snapshots", NULL},
                             *const order[] = {"client_id_order", NULL},
                             *const ids[] = {"client_ids", "client_id_order", NULL};
    char *dir = ts_tmpdir();
    char *state = make_store(dir);
    (void)unused;
    drop_dbs(dir, order);
    expect_open_refused(dir, PERSIST_ECORRUPT, "\"client_id_order\" database is missing");
    drop_dbs(dir, snaps);
    expect_open_refused(dir, PERSIST_ECORRUPT, "\"snapshots\" database is missing");
    ts_rmrf(dir);
    persist_free(state);
    state = make_store(dir); /* as 1.0 wrote it: no client-id index */
    drop_dbs(dir, ids);
    expect_usable(dir, state);
    persist_free(state);
    ts_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_newer_format_refused),
        cmocka_unit_test(test_damaged_format_entry),
        cmocka_unit_test(test_foreign_environment_refused),
        cmocka_unit_test(test_damaged_database_name),
        cmocka_unit_test(test_missing_database),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
