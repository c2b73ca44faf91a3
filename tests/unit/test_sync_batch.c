/* test_sync_batch.c - bootstrap packages whose entries do not fit (a second copy of the starting
 * record or snapshot, one for another record, an entry of an unknown type, client-id entries that
 * no store could have written), each well-formed and
 * with a valid checksum, as a leader that is broken or hostile could send them: each is refused
 * with PERSIST_ECORRUPT and a message, nothing is applied, and the store then starts from the
 * leader's real package. Built with the batch format's own reader and builder (lib/sync_batch.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "support.h"
#include "sync_batch.h"
#include <persist.h>

/* How a package is changed. */
enum change {
    TWICE_RECORD,
    TWICE_SNAPSHOT,
    OTHER_RECORD,
    OTHER_SNAPSHOT,
    UNKNOWN_TYPE,
    ID_EMPTY,
    ID_OVER_LMDB,
    ID_OVER_256,
    ID_SHORT_ENTRY,
    ID_NO_RECORD,
    NCHANGES
};

static const char *const names[NCHANGES] = {
    "the starting record twice",       "the snapshot twice",
    "a record after the starting one", "a snapshot of another record",
    "an entry of an unknown type",     "a client id of 0 bytes",
    "a client id of 600 bytes",        "a client id of 300 bytes",
    "a client-id entry of 8 bytes",    "a client id of record 0"};

/* A client-id entry for record `seq` with an id of `id_len` bytes and a value of `val_len`. */
static persist__sync_entry id_entry(uint64_t seq, size_t id_len, size_t val_len)
{
    static uint8_t id[600], val[32];
    persist__sync_entry e;
    memset(&e, 0, sizeof e);
    memset(id, 'i', sizeof id);
    memset(val, 0, sizeof val);
    persist__be64_put(val, seq);
    persist__be64_put(val + 8, 1);
    e.type = PERSIST__ENTRY_CLIENT_ID;
    e.key = id;
    e.key_len = id_len;
    e.val = val;
    e.val_len = val_len;
    return e;
}

/* The package `in` with one change, and a valid checksum. */
static char *changed(const char *in, size_t len, enum change what, size_t *out_len)
{
    persist__sync_reader r;
    persist__sync_header h;
    persist__sync_entry e, extra;
    persist__sync_builder b;
    persist__err err;
    char *out = NULL;
    int rc, found = 0;
    assert_int_equal(persist__sync_open(&r, &h, in, len, &err), PERSIST_OK);
    persist__sync_begin(&b, &h);
    while ((rc = persist__sync_next(&r, &e, &err)) == 1) {
        persist__sync_add(&b, &e);
        if ((e.type == PERSIST__ENTRY_RECORD &&
             (what == TWICE_RECORD || what == OTHER_RECORD || what == UNKNOWN_TYPE)) ||
            (e.type == PERSIST__ENTRY_SNAPSHOT &&
             (what == TWICE_SNAPSHOT || what == OTHER_SNAPSHOT))) {
            extra = e;
            found = 1;
        }
    }
    assert_int_equal(rc, 0);
    assert_true(found || what >= ID_EMPTY);
    if (what == OTHER_RECORD || what == OTHER_SNAPSHOT)
        extra.seq = h.after + 1;
    if (what == UNKNOWN_TYPE)
        extra.type = 9;
    if (what >= ID_EMPTY)
        extra = id_entry(what == ID_NO_RECORD ? 0 : h.after,
                         what == ID_EMPTY       ? 0
                         : what == ID_OVER_LMDB ? 600
                         : what == ID_OVER_256  ? 300
                                                : 8,
                         what == ID_SHORT_ENTRY ? 8 : 16);
    persist__sync_add(&b, &extra);
    assert_int_equal(persist__sync_finish(&b, &out, out_len, &err), PERSIST_OK);
    return out;
}

static void test_bootstrap_entries_that_do_not_fit(void **state)
{
    char *ld = ts_tmpdir(), *fd = ts_tmpdir();
    persist_options o;
    persist_store *l, *f;
    char *pkg = NULL, *want, *got;
    size_t len = 0;
    uint64_t seq = 0, head = 0;
    (void)state;
    persist_options_init(&o, sizeof o);
    l = ts_open(ld, &o);
    ts_deploy(l, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    persist_free(ts_submit(l, "add 4"));
    TS_OK(l, persist_store_snapshot(l));
    TS_OK(l, persist_store_export_bootstrap(l, &pkg, &len, &seq));
    assert_int_equal(seq, 2);
    want = ts_state(l);
    f = ts_open(fd, &o);
    for (int i = 0; i < NCHANGES; i++) {
        size_t n = 0;
        char *bad = changed(pkg, len, (enum change)i, &n);
        int rc = persist_store_apply(f, bad, n, &head);
        /* Before: the first five returned 1 (the reader's "an entry follows") and left no
         * message; ids of 0 and 600 bytes PERSIST_ERROR (LMDB's MDB_BAD_VALSIZE; found by
         * fuzz_sync); the last three were stored, an index entry no submit could have made. */
        if (rc != PERSIST_ECORRUPT)
            fail_msg("%s: status %d, expected PERSIST_ECORRUPT", names[i], rc);
        if (strstr(ts_errmsg(f), "bootstrap package is damaged") == NULL)
            fail_msg("%s: message \"%s\"", names[i], ts_errmsg(f));
        assert_int_equal(ts_head(f), 0);
        free(bad);
    }
    TS_OK(f, persist_store_apply(f, pkg, len, &head));
    assert_int_equal(head, 2);
    got = ts_state(f);
    assert_string_equal(got, want);
    persist_free(got);
    persist_free(want);
    persist_free(pkg);
    ts_close_and_remove(l, ld, f, fd);
}

/* A records batch whose one record, with a valid checksum, deploys the leader's app under a module
 * name no deploy accepts: the follower refuses it as damage (it was PERSIST_EINVAL, "invalid
 * argument", as if the caller had passed a bad module; found by fuzz_sync). */
static void test_batch_record_that_no_leader_writes(void **state)
{
    char *ld = ts_tmpdir(), *fd = ts_tmpdir(), *pkg = NULL, *real = NULL, *bad = NULL;
    persist_options o;
    persist_store *l, *f;
    persist__sync_reader r;
    persist__sync_header h;
    persist__sync_entry e;
    persist__sync_builder b;
    persist__err err;
    persist__deploy_ref ref;
    uint8_t payload[PERSIST__HASH_LEN + 8], *val;
    size_t len = 0, real_len = 0, bad_len = 0, val_len;
    uint64_t seq = 0, to = 0, head = 0;
    char hash[PERSIST__HASH_LEN * 2 + 1];
    (void)state;
    persist_options_init(&o, sizeof o);
    l = ts_open(ld, &o);
    ts_deploy(l, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    TS_OK(l, persist_store_export_bootstrap(l, &pkg, &len, &seq));
    persist_free(ts_submit(l, "add 4"));
    TS_OK(l, persist_store_export_records(l, seq, 0, &real, &real_len, &to));
    TS_OK(l, persist_store_app_hash(l, hash, sizeof hash));
    f = ts_open(fd, &o);
    TS_OK(f, persist_store_apply(f, pkg, len, &head));
    /* The batch's header, and record 2 replaced by a deploy of the same app as module "no such!".
     */
    memset(&ref, 0, sizeof ref);
    for (int i = 0; i < PERSIST__HASH_LEN; i++)
        sscanf(hash + 2 * i, "%2hhx", &ref.app_hash[i]);
    ref.module = "no such!";
    ref.module_len = 8;
    persist__deploy_payload_encode(payload, &ref);
    {
        persist__record rec = {to, PERSIST__REC_DEPLOY_INIT, 1, payload, sizeof payload, NULL, 0};
        val_len = persist__record_size(sizeof payload);
        val = malloc(val_len);
        assert_non_null(val);
        assert_int_equal(persist__record_encode(val, &rec, &err), PERSIST_OK);
    }
    assert_int_equal(persist__sync_open(&r, &h, real, real_len, &err), PERSIST_OK);
    persist__sync_begin(&b, &h);
    while (persist__sync_next(&r, &e, &err) == 1)
        if (e.type == PERSIST__ENTRY_RECORD) {
            e.val = val;
            e.val_len = val_len;
            persist__sync_add(&b, &e);
        }
    assert_int_equal(persist__sync_finish(&b, &bad, &bad_len, &err), PERSIST_OK);
    TS_FAILS(f, persist_store_apply(f, bad, bad_len, &head), PERSIST_ECORRUPT);
    if (strstr(ts_errmsg(f), "the sync batch is damaged (no leader writes such a record)") == NULL)
        fail_msg("message: %s", ts_errmsg(f));
    assert_int_equal(ts_head(f), seq);
    TS_OK(f, persist_store_apply(f, real, real_len, &head)); /* the real batch still applies */
    assert_int_equal(head, to);
    free(val);
    free(bad);
    persist_free(pkg);
    persist_free(real);
    ts_close_and_remove(l, ld, f, fd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bootstrap_entries_that_do_not_fit),
        cmocka_unit_test(test_batch_record_that_no_leader_writes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
