/* test_lifecycle.c - state survives restarts; deploy init resets, deploy migrate carries over;
 * unchanged states are not logged; snapshots follow the policy; the sandbox and the console. */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static persist_options opts_every(uint32_t every)
{
    persist_options o;
    persist_options_init(&o, sizeof o);
    o.snapshot_every = every;
    return o;
}

static void expect_state(persist_store *s, const char *expected)
{
    char *st = ts_state(s);
    assert_string_equal(st, expected);
    persist_free(st);
}

static void expect_response(persist_store *s, const char *event, const char *expected)
{
    char *r = ts_submit(s, event);
    assert_string_equal(r, expected);
    persist_free(r);
}

static void test_restart_keeps_state(void **state)
{
    char *dir = ts_tmpdir();
    persist_options o = opts_every(1000);
    persist_store *s = ts_open(dir, &o);
    char hash[65], hash2[65];
    (void)state;
    ts_deploy(s, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    expect_response(s, "add 5", "n=5");
    expect_response(s, "mul 3", "n=15");
    expect_response(s, "append ab", "hist=ab");
    assert_int_equal(ts_head(s), 4); /* deploy + 3 events */
    TS_OK(s, persist_store_app_hash(s, hash, sizeof hash));
    assert_int_equal(strlen(hash), 64);
    assert_int_equal(persist_store_close(s), PERSIST_OK);

    s = ts_open(dir, &o); /* no snapshot after the events: replays them */
    expect_state(s, "{\"v\":1,\"n\":15,\"hist\":\"ab\"}");
    assert_int_equal(ts_head(s), 4);
    TS_OK(s, persist_store_app_hash(s, hash2, sizeof hash2));
    assert_string_equal(hash, hash2);
    expect_response(s, "add 1", "n=16");
    persist_store_close(s);

    s = ts_open(dir, &o);
    expect_state(s, "{\"v\":1,\"n\":16,\"hist\":\"ab\"}");
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

static void test_deploy_init_resets_state(void **state)
{
    char *dir = ts_tmpdir();
    persist_store *s = ts_open(dir, NULL);
    (void)state;
    ts_deploy(s, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    expect_response(s, "add 9", "n=9");
    ts_deploy(s, "testapp_v1.js", PERSIST_DEPLOY_INIT); /* same code again: fresh state */
    expect_state(s, "{\"v\":1,\"n\":0,\"hist\":\"\"}");
    expect_response(s, "add 2", "n=2");
    ts_deploy(s, "testapp_v2.js", PERSIST_DEPLOY_INIT);
    expect_state(s, "{\"v\":2,\"n\":0,\"hist\":\"\",\"tag\":\"fresh\"}");
    assert_int_equal(ts_head(s), 5);
    persist_store_close(s);
    s = ts_open(dir, NULL);
    expect_state(s, "{\"v\":2,\"n\":0,\"hist\":\"\",\"tag\":\"fresh\"}");
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

static void test_deploy_migrate_carries_state(void **state)
{
    char *dir = ts_tmpdir();
    persist_store *s = ts_open(dir, NULL);
    char h1[65], h2[65];
    uint64_t snap;
    (void)state;
    ts_deploy(s, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    TS_OK(s, persist_store_app_hash(s, h1, sizeof h1));
    expect_response(s, "add 41", "n=41");
    expect_response(s, "append xy", "hist=xy");
    ts_deploy(s, "testapp_v2.js", PERSIST_DEPLOY_MIGRATE);
    TS_OK(s, persist_store_app_hash(s, h2, sizeof h2));
    assert_string_not_equal(h1, h2);
    expect_state(s, "{\"v\":2,\"n\":41,\"hist\":\"xy\",\"tag\":\"migrated\"}");
    TS_OK(s, persist_store_snapshot_seq(s, &snap));
    assert_int_equal(snap, ts_head(s)); /* a deployment leaves a snapshot after itself */
    expect_response(s, "tag blue", "v2 tag=blue");
    persist_store_close(s);
    s = ts_open(dir, NULL);
    expect_state(s, "{\"v\":2,\"n\":41,\"hist\":\"xy\",\"tag\":\"blue\"}");
    /* ... and back to version 1, which drops the tag. */
    ts_deploy(s, "testapp_v1.js", PERSIST_DEPLOY_MIGRATE);
    expect_state(s, "{\"v\":1,\"n\":41,\"hist\":\"xy\"}");
    TS_OK(s, persist_store_app_hash(s, h2, sizeof h2));
    assert_string_equal(h1, h2);
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

static void test_unchanged_state_is_not_logged(void **state)
{
    char *dir = ts_tmpdir();
    persist_options o = opts_every(1000);
    persist_store *s = ts_open(dir, &o);
    uint64_t count;
    (void)state;
    ts_deploy(s, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    expect_response(s, "add 3", "n=3");
    expect_response(s, "get", "n=3 hist=");
    expect_response(s, "get", "n=3 hist=");
    assert_int_equal(ts_head(s), 2);
    persist_store_close(s);

    o.flags = PERSIST_LOG_ALL_EVENTS;
    s = ts_open(dir, &o);
    expect_response(s, "get", "n=3 hist=");
    assert_int_equal(ts_head(s), 3);
    TS_OK(s, persist_store_record_count(s, &count));
    assert_int_equal(count, 3);
    expect_state(s, "{\"v\":1,\"n\":3,\"hist\":\"\"}");
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

static void test_snapshot_policy_and_explicit_snapshot(void **state)
{
    char *dir = ts_tmpdir();
    persist_options o = opts_every(3);
    persist_store *s = ts_open(dir, &o);
    uint64_t snap;
    char *before;
    (void)state;
    ts_deploy(s, "testapp_v1.js", PERSIST_DEPLOY_INIT); /* record 1, snapshot 1 */
    TS_OK(s, persist_store_snapshot_seq(s, &snap));
    assert_int_equal(snap, 1);
    for (int i = 0; i < 5; i++)
        persist_free(ts_submit(s, "add 1")); /* records 2..6: snapshot after 4 (3 since 1) */
    TS_OK(s, persist_store_snapshot_seq(s, &snap));
    assert_int_equal(snap, 4);
    TS_OK(s, persist_store_snapshot(s));
    TS_OK(s, persist_store_snapshot_seq(s, &snap));
    assert_int_equal(snap, 6);
    TS_OK(s, persist_store_snapshot(s)); /* already there: no-op */
    before = ts_state(s);
    TS_OK(s, persist_store_restore(s));
    expect_state(s, before);
    persist_store_close(s);
    s = ts_open(dir, &o);
    expect_state(s, before);
    persist_free(before);
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

static void test_snapshot_budget(void **state)
{
    char *dir = ts_tmpdir();
    persist_options o = opts_every(1000000);
    persist_store *s;
    uint64_t snap;
    (void)state;
    o.snapshot_budget_ms = 1; /* each "spin" event takes well over 5 us */
    s = ts_open(dir, &o);
    ts_deploy(s, "sandbox.js", PERSIST_DEPLOY_INIT);
    for (int i = 0; i < 300; i++)
        persist_free(ts_submit(s, i % 2 ? "spin" : "echo"));
    TS_OK(s, persist_store_snapshot_seq(s, &snap));
    assert_true(snap > 1); /* the budget, not snapshot_every, caused snapshots */
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

static void expect_sandbox_error(persist_store *s, const char *event, const char *what)
{
    uint64_t head = ts_head(s);
    TS_FAILS(s, persist_store_submit(s, event, strlen(event), NULL, NULL), PERSIST_ESCRIPT);
    assert_non_null(strstr(ts_errmsg(s), what));
    assert_non_null(strstr(ts_errmsg(s), "not available to apps"));
    assert_int_equal(ts_head(s), head);
}

static void test_sandbox_has_no_clock_or_randomness(void **state)
{
    char *dir = ts_tmpdir();
    persist_store *s = ts_open(dir, NULL);
    (void)state;
    ts_deploy(s, "sandbox.js", PERSIST_DEPLOY_INIT);
    expect_sandbox_error(s, "now", "Date.now()");
    expect_sandbox_error(s, "new-date", "current date");
    expect_sandbox_error(s, "date-fn", "current date");
    expect_sandbox_error(s, "rand", "Math.random()");
    expect_response(s, "epoch", "1970-01-02T00:00:00.000Z"); /* explicit dates still work */
    expect_response(s, "instanceof", "true");
    expect_response(s, "timers", "undefined undefined undefined");
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

typedef struct log_capture {
    int count;
    int levels[8];
    char text[8][128];
} log_capture;

static void capture(int level, const char *msg, size_t len, void *userdata)
{
    log_capture *c = userdata;
    assert_int_equal(strlen(msg), len);
    if (c->count < 8) {
        c->levels[c->count] = level;
        snprintf(c->text[c->count], sizeof c->text[0], "%s", msg);
    }
    c->count++;
}

/* Counts tagged messages in count, untagged ones in levels[0] (the last one's text in text[0]). */
static void count_sources(int level, const char *msg, size_t len, void *userdata)
{
    log_capture *c = userdata;
    (void)len;
    if (level & PERSIST_LOG_FROM_APP) {
        c->count++;
        return;
    }
    c->levels[0]++;
    snprintf(c->text[0], sizeof c->text[0], "%s", msg);
}

static void test_console_goes_to_log_callback(void **state)
{
    char *dir = ts_tmpdir();
    log_capture cap = {0};
    persist_options o = opts_every(100);
    persist_store *s;
    (void)state;
    o.log_fn = capture;
    o.log_userdata = &cap;
    s = ts_open(dir, &o);
    ts_deploy(s, "sandbox.js", PERSIST_DEPLOY_INIT);
    cap.count = 0;
    expect_response(s, "log", "logged");
    assert_int_equal(cap.count, 3);
    assert_int_equal(cap.levels[0], PERSIST_LOG_INFO);
    assert_string_equal(cap.text[0], "hello 42 [object Object]");
    assert_int_equal(cap.levels[1], PERSIST_LOG_WARN);
    assert_string_equal(cap.text[1], "careful");
    assert_int_equal(cap.levels[2], PERSIST_LOG_ERROR);
    persist_store_close(s);
    /* PERSIST_LOG_TAG_APP: the app's output carries PERSIST_LOG_FROM_APP, the library's does not
     * (an open that replays 101 records past the policy of 100 writes a snapshot and says so). */
    {
        persist_options many = opts_every(100000); /* no snapshot: the reopen has 101 to replay */
        s = ts_open(dir, &many);
    }
    for (int i = 0; i < 101; i++)
        expect_response(s, "log", "logged");
    persist_store_close(s);
    o.flags |= PERSIST_LOG_TAG_APP;
    o.log_fn = count_sources;
    memset(&cap, 0, sizeof cap);
    /* The replay's console output, 3 for each of the 102 replayed events, all tagged; then one
     * untagged message, the library's. */
    s = ts_open(dir, &o);
    assert_int_equal(cap.count, 306);
    assert_int_equal(cap.levels[0], 1);
    assert_non_null(strstr(cap.text[0], "written at open"));
    persist_store_close(s);
    o.log_fn = capture;
    s = ts_open(dir, &o);
    cap.count = 0;
    expect_response(s, "log", "logged");
    assert_int_equal(cap.count, 3);
    assert_int_equal(cap.levels[0], PERSIST_LOG_INFO | PERSIST_LOG_FROM_APP);
    assert_int_equal(cap.levels[1], PERSIST_LOG_WARN | PERSIST_LOG_FROM_APP);
    assert_int_equal(cap.levels[2], PERSIST_LOG_ERROR | PERSIST_LOG_FROM_APP);
    assert_string_equal(cap.text[1], "careful");
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

static void test_utf8_passes_through(void **state)
{
    char *dir = ts_tmpdir();
    persist_store *s = ts_open(dir, NULL);
    const char *text = "append h\xc3\xa9llo-\xe2\x82\xac";
    char *r;
    (void)state;
    ts_deploy(s, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    r = ts_submit(s, text);
    assert_string_equal(r, "hist=h\xc3\xa9llo-\xe2\x82\xac");
    persist_free(r);
    persist_store_close(s);
    s = ts_open(dir, NULL);
    expect_state(s, "{\"v\":1,\"n\":0,\"hist\":\"h\xc3\xa9llo-\xe2\x82\xac\"}");
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

static void test_non_bmp_text_and_invalid_utf8(void **state)
{
    char *dir = ts_tmpdir();
    persist_store *s = ts_open(dir, NULL);
    char *r;
    (void)state;
    ts_deploy(s, "sandbox.js", PERSIST_DEPLOY_INIT);
    /* U+1F600 is one character to the host, two UTF-16 units to the app, UTF-8 again on return */
    r = ts_submit(s, "keep \xf0\x9f\x98\x80!");
    assert_string_equal(r, "\xf0\x9f\x98\x80!");
    persist_free(r);
    expect_response(s, "length", "3");
    persist_store_close(s);
    s = ts_open(dir, NULL);
    expect_state(s, "{\"last\":\"3\"}");
    TS_FAILS(s,
             persist_store_submit(s,
                                  "keep \x80"
                                  "abc",
                                  9, NULL, NULL),
             PERSIST_EINVAL);
    assert_non_null(strstr(ts_errmsg(s), "not valid UTF-8 (byte 5"));
    TS_FAILS(s, persist_store_set_state(s, "{\"last\":\"\xff\"}", 12), PERSIST_EINVAL);
    TS_FAILS(s, persist_store_deploy(s, "var app = 1; // \xc0\xaf", 20, PERSIST_DEPLOY_INIT, NULL),
             PERSIST_EINVAL);
    expect_state(s, "{\"last\":\"3\"}");
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

static void test_time_zone_and_clock_do_not_leak(void **state)
{
    char *dir = ts_tmpdir();
    persist_store *s;
    char *old = getenv("TZ") ? strdup(getenv("TZ")) : NULL;
    (void)state;
    setenv("TZ", "America/New_York", 1);
    tzset();
    s = ts_open(dir, NULL);
    ts_deploy(s, "sandbox.js", PERSIST_DEPLOY_INIT);
    expect_response(s, "local", "1577836800000 0"); /* local time is UTC */
    expect_response(s, "perf", "undefined");
    persist_store_close(s);
    if (old != NULL)
        setenv("TZ", old, 1);
    else
        unsetenv("TZ");
    tzset();
    free(old);
    ts_rmrf(dir);
    free(dir);
}

static void test_module_is_a_dotted_path(void **state)
{
    static const char code[] = "var games = { chess: { init: function () { return 1; },"
                               " update: function (e, s) { return [s + 1, 'moves ' + (s + 1)]; },"
                               " serialize: function (s) { return String(s); },"
                               " deserialize: function (t) { return Number(t); } } };";
    char *dir = ts_tmpdir();
    persist_store *s = ts_open(dir, NULL);
    (void)state;
    TS_OK(s, persist_store_deploy(s, code, sizeof code - 1, PERSIST_DEPLOY_INIT, "games.chess"));
    expect_response(s, "e4", "moves 2");
    TS_FAILS(s, persist_store_deploy(s, code, sizeof code - 1, PERSIST_DEPLOY_INIT, "games.go"),
             PERSIST_ECONTRACT);
    assert_non_null(strstr(ts_errmsg(s), "games.go"));
    persist_store_close(s);
    s = ts_open(dir, NULL);
    expect_state(s, "2");
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

static void test_damaged_snapshot_falls_back_to_older(void **state)
{
    char *dir = ts_tmpdir();
    persist_options o = opts_every(2);
    log_capture cap = {0};
    persist_store *s = ts_open(dir, &o);
    uint64_t snap;
    (void)state;
    ts_deploy(s, "testapp_v1.js", PERSIST_DEPLOY_INIT); /* record 1, snapshot 1 */
    persist_free(ts_submit(s, "append Q7Z"));           /* record 2 */
    persist_free(ts_submit(s, "append W"));             /* record 3, snapshot 3 */
    persist_free(ts_submit(s, "append V"));             /* record 4 */
    TS_OK(s, persist_store_snapshot_seq(s, &snap));
    assert_int_equal(snap, 3);
    persist_store_close(s);
    /* The text `"hist":"Q7ZW` is in snapshot 3 only (records hold "append ..."). */
    assert_true(ts_damage_file(dir, "\"hist\":\"Q7ZW") >= 1);
    o.log_fn = capture;
    o.log_userdata = &cap;
    s = ts_open(dir, &o);
    expect_state(s, "{\"v\":1,\"n\":0,\"hist\":\"Q7ZWV\"}");
    assert_true(cap.count >= 1);
    assert_int_equal(cap.levels[0], PERSIST_LOG_WARN);
    assert_non_null(strstr(cap.text[0], "snapshot 3 is damaged"));
    /* The open replayed 3 records from snapshot 1, more than the policy's 2: it wrote a fresh
     * snapshot at the head, which supersedes the damaged one. */
    TS_OK(s, persist_store_snapshot_seq(s, &snap));
    assert_int_equal(snap, 4);
    assert_non_null(strstr(cap.text[cap.count - 1], "written at open (3 records were replayed)"));
    persist_store_close(s);
    s = ts_open(dir, &o);
    expect_state(s, "{\"v\":1,\"n\":0,\"hist\":\"Q7ZWV\"}");
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

static void test_readonly_open_inspects(void **state)
{
    char *dir = ts_tmpdir();
    persist_store *s = ts_open(dir, NULL), *ro = NULL;
    persist_options o;
    uint64_t head;
    (void)state;
    ts_deploy(s, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    persist_free(ts_submit(s, "add 7"));
    persist_store_close(s);
    persist_options_init(&o, sizeof o);
    o.flags = PERSIST_OPEN_READONLY;
    assert_int_equal(persist_store_open(&ro, dir, &o), PERSIST_OK);
    expect_state(ro, "{\"v\":1,\"n\":7,\"hist\":\"\"}");
    TS_OK(ro, persist_store_head(ro, &head));
    assert_int_equal(head, 2);
    TS_FAILS(ro, persist_store_submit(ro, "add 1", 5, NULL, NULL), PERSIST_EREADONLY);
    persist_store_close(ro);
    /* A read-only open of a directory that is not a store creates nothing. */
    ts_rmrf(dir);
    assert_int_equal(persist_store_open(&ro, dir, &o), PERSIST_ENOTFOUND);
    persist_store_close(ro);
    o.flags = PERSIST_OPEN_NO_CREATE;
    assert_int_equal(persist_store_open(&ro, dir, &o), PERSIST_ENOTFOUND);
    persist_store_close(ro);
    free(dir);
}

static persist_store *open_every(const char *dir, uint32_t every, uint32_t flags)
{
    persist_options o;
    persist_options_init(&o, sizeof o);
    o.snapshot_every = every;
    o.flags = flags;
    return ts_open(dir, &o);
}

/* A writer whose open replayed more records than its policy allows writes a snapshot, so the next
 * open starts from it; a read-only open and a short replay write nothing. */
static void test_open_after_a_long_replay_writes_a_snapshot(void **state)
{
    char *dir = ts_tmpdir(), *before, *after;
    persist_store *s = open_every(dir, 100000, 0);
    persist_batch_item items[50];
    uint64_t snap, head;
    (void)state;
    ts_deploy(s, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    for (int b = 0; b < 4; b++) { /* 200 records that only a replay restores */
        for (int i = 0; i < 50; i++)
            items[i] = (persist_batch_item){"add 1", 5, 0, NULL, 0};
        TS_OK(s, persist_store_submit_batch(s, items, 50));
        for (int i = 0; i < 50; i++)
            persist_free(items[i].response);
    }
    before = ts_state(s);
    persist_store_close(s);
    s = open_every(dir, 300, PERSIST_OPEN_READONLY); /* 200 < 300, and read-only anyway */
    TS_OK(s, persist_store_snapshot_seq(s, &snap));
    assert_int_equal(snap, 1);
    persist_store_close(s);
    s = open_every(dir, 150, PERSIST_OPEN_READONLY); /* due, but a reader writes nothing */
    TS_OK(s, persist_store_snapshot_seq(s, &snap));
    assert_int_equal(snap, 1);
    persist_store_close(s);
    s = open_every(dir, 300, 0); /* not due */
    TS_OK(s, persist_store_snapshot_seq(s, &snap));
    assert_int_equal(snap, 1);
    persist_store_close(s);
    s = open_every(dir, 150, 0); /* due: the open writes one at the head */
    TS_OK(s, persist_store_snapshot_seq(s, &snap));
    TS_OK(s, persist_store_head(s, &head));
    assert_int_equal(head, 201);
    assert_int_equal(snap, 201);
    after = ts_state(s);
    assert_string_equal(after, before);
    persist_store_close(s);
    s = open_every(dir, 150, PERSIST_OPEN_READONLY); /* the snapshot is on disk */
    TS_OK(s, persist_store_snapshot_seq(s, &snap));
    assert_int_equal(snap, 201);
    persist_free(after);
    after = ts_state(s);
    assert_string_equal(after, before);
    TS_OK(s, persist_store_verify(s, PERSIST_VERIFY_ALL_SNAPSHOTS, NULL));
    persist_store_close(s);
    persist_free(before);
    persist_free(after);
    ts_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_restart_keeps_state),
        cmocka_unit_test(test_deploy_init_resets_state),
        cmocka_unit_test(test_deploy_migrate_carries_state),
        cmocka_unit_test(test_unchanged_state_is_not_logged),
        cmocka_unit_test(test_snapshot_policy_and_explicit_snapshot),
        cmocka_unit_test(test_snapshot_budget),
        cmocka_unit_test(test_sandbox_has_no_clock_or_randomness),
        cmocka_unit_test(test_console_goes_to_log_callback),
        cmocka_unit_test(test_utf8_passes_through),
        cmocka_unit_test(test_non_bmp_text_and_invalid_utf8),
        cmocka_unit_test(test_time_zone_and_clock_do_not_leak),
        cmocka_unit_test(test_module_is_a_dotted_path),
        cmocka_unit_test(test_damaged_snapshot_falls_back_to_older),
        cmocka_unit_test(test_readonly_open_inspects),
        cmocka_unit_test(test_open_after_a_long_replay_writes_a_snapshot),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
