/* test_durability.c - group commit (batch submit), relaxed durability with flush, and a map that
 * grows when full without the caller noticing. */
#include "support.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static persist_batch_item item(const char *event)
{
    persist_batch_item it;
    memset(&it, 0x5a, sizeof it); /* the library must fill every output field */
    it.event = event;
    it.event_len = strlen(event);
    return it;
}

static void test_batch_reports_each_event(void **state)
{
    char *dir = ts_tmpdir();
    persist_options o;
    persist_store *s;
    persist_batch_item items[6];
    char *st;
    uint64_t snap;
    (void)state;
    persist_options_init(&o, sizeof o);
    o.snapshot_every = 4;
    s = ts_open(dir, &o);
    ts_deploy(s, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    items[0] = item("add 5");
    items[1] = item("throw"); /* fails: not written, the next goes on from n=5 */
    items[2] = item("mul 3");
    items[3] = item("get");     /* unchanged state: not written, response still returned */
    items[4] = item("badresp"); /* contract violation in its slot */
    items[5] = item("append q");
    TS_OK(s, persist_store_submit_batch(s, items, 6));
    assert_int_equal(items[0].status, PERSIST_OK);
    assert_string_equal(items[0].response, "n=5");
    assert_int_equal(items[0].response_len, 3);
    assert_int_equal(items[1].status, PERSIST_ESCRIPT);
    assert_null(items[1].response);
    assert_int_equal(items[2].status, PERSIST_OK);
    assert_string_equal(items[2].response, "n=15");
    assert_int_equal(items[3].status, PERSIST_OK);
    assert_string_equal(items[3].response, "n=15 hist=");
    assert_int_equal(items[4].status, PERSIST_ECONTRACT);
    assert_null(items[4].response);
    assert_int_equal(items[5].status, PERSIST_OK);
    assert_string_equal(items[5].response, "hist=q");
    for (int i = 0; i < 6; i++)
        persist_free(items[i].response);
    assert_int_equal(ts_head(s), 4); /* deploy + add, mul, append */
    TS_OK(s, persist_store_snapshot_seq(s, &snap));
    assert_int_equal(snap, 1); /* 3 records since the deploy's snapshot: not due yet */
    st = ts_state(s);
    assert_string_equal(st, "{\"v\":1,\"n\":15,\"hist\":\"q\"}");
    persist_free(st);
    /* One more batch crosses snapshot_every: the snapshot follows the batch's last record. */
    items[0] = item("add 1");
    items[1] = item("add 1");
    TS_OK(s, persist_store_submit_batch(s, items, 2));
    persist_free(items[0].response);
    persist_free(items[1].response);
    TS_OK(s, persist_store_snapshot_seq(s, &snap));
    assert_int_equal(snap, 6);
    persist_store_close(s);
    s = ts_open(dir, &o);
    st = ts_state(s);
    assert_string_equal(st, "{\"v\":1,\"n\":17,\"hist\":\"q\"}");
    persist_free(st);
    TS_OK(s, persist_store_submit_batch(s, NULL, 0)); /* an empty batch is fine */
    TS_FAILS(s, persist_store_submit_batch(s, NULL, 1), PERSIST_EINVAL);
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

static void test_batch_equals_single_submits(void **state)
{
    const char *events[] = {"add 3", "append a", "mul 7", "get", "throw", "add 11", "append b"};
    const size_t n = sizeof events / sizeof events[0];
    char *dir1 = ts_tmpdir(), *dir2 = ts_tmpdir();
    persist_store *a = ts_open(dir1, NULL), *b = ts_open(dir2, NULL);
    persist_batch_item items[7];
    char *sa, *sb;
    (void)state;
    ts_deploy(a, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    ts_deploy(b, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    for (size_t i = 0; i < n; i++) {
        char *r = NULL;
        int rc = persist_store_submit(a, events[i], strlen(events[i]), &r, NULL);
        items[i] = item(events[i]);
        (void)rc;
        persist_free(r);
    }
    TS_OK(b, persist_store_submit_batch(b, items, n));
    for (size_t i = 0; i < n; i++)
        persist_free(items[i].response);
    sa = ts_state(a);
    sb = ts_state(b);
    assert_string_equal(sa, sb);
    assert_int_equal(ts_head(a), ts_head(b));
    persist_free(sa);
    persist_free(sb);
    persist_store_close(a);
    persist_store_close(b);
    ts_rmrf(dir1);
    ts_rmrf(dir2);
    free(dir1);
    free(dir2);
}

static void test_relaxed_mode_and_flush(void **state)
{
    char *dir = ts_tmpdir();
    persist_options o;
    persist_store *s;
    char *st;
    (void)state;
    persist_options_init(&o, sizeof o);
    o.durability = PERSIST_DURABILITY_RELAXED;
    s = ts_open(dir, &o);
    ts_deploy(s, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    for (int i = 0; i < 50; i++)
        persist_free(ts_submit(s, "add 2"));
    TS_OK(s, persist_store_flush(s));
    persist_free(ts_submit(s, "add 1"));
    persist_store_close(s); /* committed, not flushed: still there for the next open */
    s = ts_open(dir, NULL);
    st = ts_state(s);
    assert_string_equal(st, "{\"v\":1,\"n\":101,\"hist\":\"\"}");
    persist_free(st);
    TS_OK(s, persist_store_flush(s)); /* no-op in the default mode */
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

static void test_map_grows_when_full(void **state)
{
    char *dir = ts_tmpdir();
    persist_options o;
    persist_store *s;
    char event[4096 + 16], *st, expect[128];
    uint64_t count;
    (void)state;
    persist_options_init(&o, sizeof o);
    o.map_size = 256 * 1024; /* far too small for what follows */
    o.snapshot_every = 50;
    s = ts_open(dir, &o);
    ts_deploy(s, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    for (int i = 0; i < 400; i++) {
        /* 4 KiB events: about 1.6 MiB of records in all */
        snprintf(event, sizeof event, "append %04d", i);
        memset(event + 11, 'z', 4096);
        event[11 + 4096] = '\0';
        persist_free(ts_submit(s, event));
    }
    TS_OK(s, persist_store_record_count(s, &count));
    assert_int_equal(count, 401);
    persist_store_close(s);
    s = ts_open(dir, &o); /* reopening with the old, smaller size is fine too */
    st = ts_state(s);
    snprintf(expect, sizeof expect, "\"hist\":\"%s\"", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz");
    assert_non_null(strstr(st, expect));
    persist_free(st);
    persist_free(ts_submit(s, "add 1"));
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

/* A disk that fills up: a child whose file size limit (RLIMIT_FSIZE) stops the store from growing
 * submits until it gets PERSIST_EFULL, checks that the live state is unchanged, and reports how
 * many events were acknowledged; the parent reopens and finds every one of them. */
static void test_full_disk(void **state)
{
    char *dir = ts_tmpdir();
    persist_store *s = ts_open(dir, NULL);
    int fds[2];
    pid_t pid;
    int status;
    long acked = -1;
    (void)state;
    ts_deploy(s, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    persist_store_close(s);
    assert_int_equal(pipe(fds), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        struct rlimit lim;
        char event[2048 + 16], before[256], *now = NULL;
        long n = 0;
        int rc = PERSIST_OK, ok;
        persist_options o;
        signal(SIGXFSZ, SIG_IGN); /* a write past the limit then fails with EFBIG */
        lim.rlim_cur = lim.rlim_max = 2u << 20;
        setrlimit(RLIMIT_FSIZE, &lim);
        persist_options_init(&o, sizeof o);
        o.map_size = 1u << 20; /* so that the map has to grow, too */
        if (persist_store_open(&s, dir, &o) != PERSIST_OK)
            _exit(10);
        memset(event, 'q', sizeof event);
        memcpy(event, "append ", 7);
        event[2048] = '\0';
        while (n < 10000) {
            char *st = NULL;
            persist_store_state(s, &st, NULL);
            snprintf(before, sizeof before, "%s", st != NULL ? st : "");
            persist_free(st);
            rc = persist_store_submit(s, event, strlen(event), NULL, NULL);
            if (rc != PERSIST_OK)
                break;
            n++;
        }
        persist_store_state(s, &now, NULL);
        ok = rc == PERSIST_EFULL && now != NULL && strcmp(now, before) == 0;
        persist_free(now);
        if (write(fds[1], &n, sizeof n) != (ssize_t)sizeof n)
            _exit(11);
        persist_store_close(s);
        _exit(ok ? 0 : 12);
    }
    close(fds[1]);
    assert_int_equal(read(fds[0], &acked, sizeof acked), (ssize_t)sizeof acked);
    close(fds[0]);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0); /* EFULL, state unchanged */
    assert_true(acked > 10);
    s = ts_open(dir, NULL); /* readable, and nothing acknowledged is missing */
    assert_int_equal(ts_head(s), 1 + (uint64_t)acked);
    TS_OK(s, persist_store_verify(s, 0, NULL));
    persist_free(ts_submit(s, "add 1")); /* and writable again once there is room */
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_batch_reports_each_event),
        cmocka_unit_test(test_batch_equals_single_submits),
        cmocka_unit_test(test_relaxed_mode_and_flush),
        cmocka_unit_test(test_map_grows_when_full),
        cmocka_unit_test(test_full_disk),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
