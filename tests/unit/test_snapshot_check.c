/* test_snapshot_check.c - a snapshot must be loadable by its own app. Every snapshot is checked
 * when it is loaded (deserialize accepts it and serializes it back unchanged), and one that fails
 * is skipped for an older one plus a replay, whether the event path wrote it (it does not load what
 * it writes: that would cost a deserialize per snapshot on the event path) or 1.0 did; the deploy
 * fuzzer found an app whose update made states its own deserialize rejects, and such a snapshot
 * made the store unopenable while verify said ok. persist_store_snapshot refuses to write one,
 * verify reports one, prune never keeps one as the only way in, and verify checks every snapshot
 * however many there are. Stores "as 1.0 wrote them" are made with the library's own record layer
 * (a snapshot with a valid checksum and any state). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

#include "hash.h"
#include "log_store.h"

static char warnings[8192];

static void capture(int level, const char *msg, size_t len, void *ud)
{
    (void)ud;
    (void)len;
    if (level == PERSIST_LOG_WARN && strlen(warnings) + strlen(msg) + 2 < sizeof warnings) {
        strcat(warnings, msg);
        strcat(warnings, "\n");
    }
}

static persist_store *open_with(const char *dir, uint32_t every, uint32_t flags)
{
    persist_options o;
    persist_store *s = NULL;
    persist_options_init(&o, sizeof o);
    o.snapshot_every = every;
    o.flags = flags;
    o.durability = PERSIST_DURABILITY_RELAXED;
    o.log_fn = capture;
    warnings[0] = '\0';
    TS_OK(s, persist_store_open(&s, dir, &o));
    return s;
}

static uint64_t snap_seq(persist_store *s)
{
    uint64_t seq = 0;
    TS_OK(s, persist_store_snapshot_seq(s, &seq));
    return seq;
}

static void expect_state(persist_store *s, const char *text)
{
    char *st = ts_state(s);
    assert_string_equal(st, text);
    persist_free(st);
}

/* Writes a snapshot after record `seq` with any state, as a library without the check did. */
static void put_snapshot(const char *dir, uint64_t seq, const char *fixture, const char *state)
{
    persist__log *log = NULL;
    persist__txn *txn = NULL;
    persist__err err = {0, ""};
    persist__snapshot snap;
    persist__span span;
    size_t n;
    char *code = ts_fixture(fixture, &n);
    memset(&snap, 0, sizeof snap);
    span.p = code;
    span.n = n;
    assert_int_equal(persist__sha256(snap.app_hash, &span, 1), 0);
    snap.seq = seq;
    snap.time_us = 1;
    snap.module = "app";
    snap.module_len = 3;
    snap.state = state;
    snap.state_len = strlen(state);
    assert_int_equal(persist__log_open(&log, dir, 0, 0, 1u << 20, &err), PERSIST_OK);
    assert_int_equal(persist__log_begin(log, 1, &txn, &err), PERSIST_OK);
    assert_int_equal(persist__log_snapshot_put(txn, &snap, &err), PERSIST_OK);
    assert_int_equal(persist__log_commit(txn, &err), PERSIST_OK);
    persist__log_close(log);
    free(code);
}

static void verify_fails(persist_store *s, uint64_t first_seq, const char *part)
{
    persist_verify_report rep;
    memset(&rep, 0, sizeof rep);
    rep.struct_size = sizeof rep;
    TS_FAILS(s, persist_store_verify(s, 0, &rep), PERSIST_ECORRUPT);
    assert_int_equal(rep.first_problem_seq, first_seq);
    if (strstr(ts_errmsg(s), part) == NULL)
        fail_msg("verify: \"%s\" not in: %s", part, ts_errmsg(s));
}

/* The event path writes its snapshots without loading them again (that would cost a deserialize on
 * the event path); the check happens at load, where a snapshot the app cannot load is skipped for
 * an older one plus a replay. persist_store_snapshot, asked for one, refuses it as before. */
static void test_unloadable_snapshot_from_the_event_path(void **state)
{
    char *dir = ts_tmpdir();
    persist_store *s = open_with(dir, 1, 0);
    char *r;
    (void)state;
    ts_deploy(s, "poison.js", PERSIST_DEPLOY_INIT);
    persist_free(ts_submit(s, "add"));
    r = ts_submit(s, "poison"); /* record 3, and a snapshot of {"n":-1} after it */
    assert_string_equal(r, "poisoned");
    persist_free(r);
    assert_int_equal(ts_head(s), 3);
    assert_int_equal(snap_seq(s), 3);
    assert_string_equal(warnings, ""); /* nothing ran the app's deserialize */
    /* Asked for a snapshot, the call checks the one at the head (regression: it returned OK). */
    TS_FAILS(s, persist_store_snapshot(s), PERSIST_EROUNDTRIP);
    assert_non_null(strstr(ts_errmsg(s), "the snapshot at the head cannot be loaded"));
    persist_store_close(s);
    /* The open skips snapshot 3 for snapshot 2 and replays record 3. */
    s = open_with(dir, 1, 0);
    assert_non_null(strstr(warnings, "loading snapshot 3"));
    assert_non_null(strstr(warnings, "negative counts are not allowed"));
    assert_non_null(strstr(warnings, "restoring from an older snapshot"));
    expect_state(s, "{\"n\":-1}");
    verify_fails(s, 3, "snapshot 3 cannot be loaded by its own app");
    persist_free(ts_submit(s, "add")); /* {"n":0}: a snapshot that loads */
    assert_int_equal(snap_seq(s), 4);
    /* This handle skipped a snapshot at open, so its event path loads its own first: the next
     * unloadable state gets no snapshot (a warning says so), and the next open skips nothing. */
    warnings[0] = '\0';
    persist_free(ts_submit(s, "poison")); /* record 5 {"n":-1} */
    assert_int_equal(ts_head(s), 5);
    assert_int_equal(snap_seq(s), 4);
    assert_non_null(strstr(warnings, "no snapshot after record 5"));
    persist_store_close(s);
    s = open_with(dir, 1, 0);
    assert_null(strstr(warnings, "loading snapshot")); /* none to skip: 4 and a replay */
    expect_state(s, "{\"n\":-1}");
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

/* Asked for a snapshot of a state its app cannot load, persist_store_snapshot refuses. */
static void test_snapshot_call_refuses_an_unloadable_state(void **state)
{
    char *dir = ts_tmpdir();
    persist_store *s = open_with(dir, 1000, 0);
    size_t before_len;
    char *before;
    (void)state;
    ts_deploy(s, "poison.js", PERSIST_DEPLOY_INIT);
    persist_free(ts_submit(s, "poison"));
    before = ts_data_file(dir, &before_len);
    TS_FAILS(s, persist_store_snapshot(s), PERSIST_EROUNDTRIP);
    assert_non_null(strstr(ts_errmsg(s), "no snapshot was written"));
    assert_non_null(strstr(ts_errmsg(s), "negative counts are not allowed"));
    ts_assert_data_unchanged(dir, before, before_len);
    free(before);
    assert_int_equal(snap_seq(s), 1);
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

/* A snapshot that loads but does not serialize back to its own text (a lossy codec) would give a
 * restore another state than the live one had: it is skipped at load like one the app rejects. */
static void test_lossy_snapshot_is_skipped(void **state)
{
    char *dir = ts_tmpdir();
    persist_store *s = open_with(dir, 1000, 0);
    (void)state;
    ts_deploy(s, "poison.js", PERSIST_DEPLOY_INIT);
    persist_free(ts_submit(s, "add"));
    persist_free(ts_submit(s, "add"));
    persist_store_close(s);
    put_snapshot(dir, 3, "poison.js", "{\"n\": 7}"); /* loads, but serializes as {"n":7} */
    s = open_with(dir, 1000, 0);
    assert_non_null(strstr(warnings, "loading snapshot 3"));
    assert_non_null(strstr(warnings, "does not survive serialize/deserialize/serialize"));
    expect_state(s, "{\"n\":2}"); /* the records' state, not the snapshot's */
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

static void test_store_with_an_unloadable_snapshot(void **state)
{
    char *dir = ts_tmpdir();
    persist_store *s = open_with(dir, 1000, 0);
    persist_prune_report rep;
    (void)state;
    ts_deploy(s, "poison.js", PERSIST_DEPLOY_INIT);
    persist_free(ts_submit(s, "add"));
    persist_free(ts_submit(s, "poison"));
    persist_store_close(s);
    put_snapshot(dir, 3, "poison.js", "{\"n\":-1}"); /* what 1.0 wrote */
    s = open_with(dir, 1000, 0);
    expect_state(s, "{\"n\":-1}");
    assert_non_null(strstr(warnings, "loading snapshot 3"));
    verify_fails(s, 3, "snapshot 3 cannot be loaded by its own app");
    /* Prune keeps history from a snapshot that loads, never from the bad one. */
    memset(&rep, 0, sizeof rep);
    rep.struct_size = sizeof rep;
    TS_OK(s, persist_store_prune(s, 3, &rep));
    assert_int_equal(rep.kept_from, 1);
    assert_int_equal(rep.records_removed, 0);
    persist_store_close(s);
    s = open_with(dir, 1000, 0);
    expect_state(s, "{\"n\":-1}");
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

/* History before the bad snapshot gone (a prune by 1.0): the store cannot be restored, and verify
 * on a handle opened without restoring says so instead of "ok". */
static void test_verify_a_store_that_cannot_open(void **state)
{
    char *dir = ts_tmpdir();
    persist_store *s = open_with(dir, 1000, 0);
    persist__log *log = NULL;
    persist__txn *txn = NULL;
    persist__err err = {0, ""};
    uint64_t removed = 0;
    (void)state;
    ts_deploy(s, "poison.js", PERSIST_DEPLOY_INIT);
    persist_free(ts_submit(s, "add"));
    persist_free(ts_submit(s, "poison"));
    persist_free(ts_submit(s, "get"));
    persist_store_close(s);
    put_snapshot(dir, 3, "poison.js", "{\"n\":-1}");
    assert_int_equal(persist__log_open(&log, dir, 0, 0, 1u << 20, &err), PERSIST_OK);
    assert_int_equal(persist__log_begin(log, 1, &txn, &err), PERSIST_OK);
    assert_int_equal(persist__log_delete_records_before(txn, 3, &removed, &err), PERSIST_OK);
    assert_int_equal(persist__log_delete_snapshots_before(txn, 3, &removed, &err), PERSIST_OK);
    assert_int_equal(persist__log_commit(txn, &err), PERSIST_OK);
    persist__log_close(log);
    s = NULL;
    {
        persist_options o;
        persist_options_init(&o, sizeof o);
        TS_FAILS(s, persist_store_open(&s, dir, &o), PERSIST_EREJECTED);
        persist_store_close(s);
    }
    s = open_with(dir, 1000, PERSIST_OPEN_NO_RESTORE);
    verify_fails(s, 3, "cannot be restored at record 3");
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

/* More than 4096 snapshots: the newest ones are compared too (verify kept only the first 4096). */
static void test_verify_checks_every_snapshot(void **state)
{
    char *dir = ts_tmpdir();
    persist_store *s = open_with(dir, 1, 0);
    uint64_t head;
    (void)state;
    ts_deploy(s, "poison.js", PERSIST_DEPLOY_INIT);
    for (int i = 0; i < 4200; i++)
        persist_free(ts_submit(s, "add"));
    head = ts_head(s);
    persist_store_close(s);
    put_snapshot(dir, head, "poison.js", "{\"n\":7}"); /* the newest differs from the replay */
    s = open_with(dir, 1, PERSIST_OPEN_READONLY | PERSIST_OPEN_NO_RESTORE);
    verify_fails(s, head, "differs from a replay");
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unloadable_snapshot_from_the_event_path),
        cmocka_unit_test(test_lossy_snapshot_is_skipped),
        cmocka_unit_test(test_snapshot_call_refuses_an_unloadable_state),
        cmocka_unit_test(test_store_with_an_unloadable_snapshot),
        cmocka_unit_test(test_verify_a_store_that_cannot_open),
        cmocka_unit_test(test_verify_checks_every_snapshot),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
