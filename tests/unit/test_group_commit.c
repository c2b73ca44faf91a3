/* test_group_commit.c - group commit, made deterministic: this test defines the weak hook
 * persist__test_point of lib/group_commit.c, holds the first commit (without the store's lock)
 * until chosen calls have staged behind it, and can fail a commit. Checked: the calls staged during
 * a commit go into one next commit; a failed commit fails its calls and the calls queued behind it
 * are staged again on the state on disk (or fail once the store is poisoned); an update that hits
 * the time budget while calls are queued rebuilds the heap after the commit in progress and keeps
 * the queued calls; a client id of a queued call is a duplicate for a later call; a read waits
 * for the queued calls. Every response, every status and the state after reopening are checked.
 *
 * Threads never call cmocka: they record what they got and the main thread asserts. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "support.h"

/* ---- the hook ---- */

static pthread_mutex_t hook_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t hook_cv = PTHREAD_COND_INITIALIZER;
static int staged, rebuilds, quiesces, writes;
static int hold_first;    /* the first write waits for the counts below */
static int hold_extra_ms; /* ... and then this long (a slow disk) */
static int want_staged, want_rebuilds, want_quiesces;
static int fail_write, fail_status; /* write number fail_write returns fail_status */

int persist__test_point(const char *point);
int persist__test_point(const char *point)
{
    int rc = 0;
    pthread_mutex_lock(&hook_mu);
    if (strcmp(point, "staged") == 0)
        staged++;
    else if (strcmp(point, "rebuild") == 0)
        rebuilds++;
    else if (strcmp(point, "quiesce") == 0)
        quiesces++;
    else if (strcmp(point, "write") == 0) {
        int k = ++writes;
        while (k == 1 && hold_first &&
               (staged < want_staged || rebuilds < want_rebuilds || quiesces < want_quiesces))
            pthread_cond_wait(&hook_cv, &hook_mu);
        if (k == 1 && hold_first && hold_extra_ms > 0) {
            struct timespec ts = {0, hold_extra_ms * 1000000L};
            pthread_mutex_unlock(&hook_mu);
            nanosleep(&ts, NULL);
            pthread_mutex_lock(&hook_mu);
        }
        if (k == fail_write)
            rc = fail_status;
    }
    pthread_cond_broadcast(&hook_cv);
    pthread_mutex_unlock(&hook_mu);
    return rc;
}

static void hook_reset(int staged_before_release)
{
    pthread_mutex_lock(&hook_mu);
    staged = rebuilds = quiesces = writes = 0;
    hold_first = 1;
    hold_extra_ms = 0;
    want_staged = staged_before_release;
    want_rebuilds = want_quiesces = 0;
    fail_write = fail_status = 0;
    pthread_mutex_unlock(&hook_mu);
}

static void wait_staged(int n)
{
    pthread_mutex_lock(&hook_mu);
    while (staged < n)
        pthread_cond_wait(&hook_cv, &hook_mu);
    pthread_mutex_unlock(&hook_mu);
}

static int writes_done(void)
{
    int n;
    pthread_mutex_lock(&hook_mu);
    n = writes;
    pthread_mutex_unlock(&hook_mu);
    return n;
}

/* ---- the app and the callers ---- */

static const char APP[] = "var app = {\n"
                          "  init: function () { return { count: 0 }; },\n"
                          "  update: function (event, state) {\n"
                          "    if (event === 'spin') { for (;;) {} }\n"
                          "    var m = /^add (\\d+)$/.exec(event);\n"
                          "    if (!m) return [state, 'count is ' + state.count];\n"
                          "    var next = { count: state.count + parseInt(m[1], 10) };\n"
                          "    return [next, 'count is ' + next.count];\n"
                          "  },\n"
                          "  serialize: function (s) { return JSON.stringify(s); },\n"
                          "  deserialize: function (t) { return JSON.parse(t); }\n"
                          "};\n";

typedef struct caller {
    pthread_t thread;
    persist_store *s;
    const char *event;
    const char *client_id; /* NULL: persist_store_submit; else persist_store_submit_events */
    int read;              /* persist_store_state instead of a submit */
    int again;             /* submit the event once more, 20 ms after the first call returned */
    int rc;
    char response[128];
    char msg[512];
    uint64_t seq;
    int duplicate;
} caller;

static void *call(void *arg)
{
    caller *c = arg;
    char *out = NULL;
    if (c->read) {
        c->rc = persist_store_state(c->s, &out, NULL);
    } else if (c->client_id == NULL) {
        c->rc = persist_store_submit(c->s, c->event, strlen(c->event), &out, NULL);
    } else {
        persist_event ev;
        memset(&ev, 0, sizeof ev);
        ev.event = c->event;
        ev.event_len = strlen(c->event);
        ev.client_id = c->client_id;
        ev.client_id_len = strlen(c->client_id);
        c->rc = persist_store_submit_events(c->s, &ev, 1, sizeof ev);
        out = ev.response;
        c->seq = ev.seq;
        c->duplicate = (int)ev.duplicate;
    }
    if (c->again && c->rc == PERSIST_OK) {
        struct timespec think = {0, 20 * 1000000L};
        nanosleep(&think, NULL); /* the other call, woken, would commit alone meanwhile */
        persist_free(out);
        out = NULL;
        c->rc = persist_store_submit(c->s, c->event, strlen(c->event), &out, NULL);
    }
    snprintf(c->response, sizeof c->response, "%s", out != NULL ? out : "");
    persist_free(out);
    if (c->rc != PERSIST_OK)
        persist_store_errmsg(c->s, c->msg, sizeof c->msg);
    return NULL;
}

static void start(caller *c, persist_store *s, const char *event)
{
    c->s = s;
    c->event = event;
    assert_int_equal(pthread_create(&c->thread, NULL, call, c), 0);
}

static void join(caller *c)
{
    assert_int_equal(pthread_join(c->thread, NULL), 0);
}

/* Three calls: the first is being committed (held by the hook) while the second stages behind it,
 * then the third comes; all are joined. */
static void run_three(caller c[3], persist_store *s, const char *e0, const char *e1, const char *e2)
{
    start(&c[0], s, e0);
    wait_staged(1);
    start(&c[1], s, e1);
    wait_staged(2);
    start(&c[2], s, e2);
    for (int i = 0; i < 3; i++)
        join(&c[i]);
}

static persist_store *open_app(const char *dir, uint32_t budget_ms)
{
    persist_options o;
    persist_store *s;
    persist_options_init(&o, sizeof o);
    o.js_budget_ms = budget_ms;
    s = ts_open(dir, &o);
    TS_OK(s, persist_store_deploy(s, APP, strlen(APP), PERSIST_DEPLOY_INIT, NULL));
    return s;
}

/* One test's store and callers; the hook releases the first commit once `release_after` calls
 * staged. */
typedef struct fixture {
    char *dir;
    persist_store *s;
    caller c[4];
} fixture;

static void setup(fixture *fx, uint32_t budget_ms, int release_after)
{
    memset(fx, 0, sizeof *fx);
    fx->dir = ts_tmpdir();
    fx->s = open_app(fx->dir, budget_ms);
    hook_reset(release_after);
}

/* The live state, then the state and head after closing and opening the store again. */
static void finish(fixture *fx, const char *want, uint64_t head)
{
    char *st = ts_state(fx->s);
    assert_string_equal(st, want);
    persist_free(st);
    persist_store_close(fx->s);
    fx->s = ts_open(fx->dir, NULL);
    st = ts_state(fx->s);
    assert_string_equal(st, want);
    assert_int_equal(ts_head(fx->s), head);
    persist_free(st);
    persist_store_close(fx->s);
    ts_rmrf(fx->dir);
    free(fx->dir);
}

/* ---- tests ---- */

static void test_calls_staged_during_a_commit_share_the_next(void **state)
{
    fixture fx;
    caller *c = fx.c;
    char seen[4] = {0};
    (void)state;
    setup(&fx, 0, 4);
    start(&c[0], fx.s, "add 1");
    wait_staged(1);
    for (int i = 1; i < 4; i++)
        start(&c[i], fx.s, "add 1");
    for (int i = 0; i < 4; i++)
        join(&c[i]);
    assert_int_equal(writes_done(), 2); /* the first call alone, then the three together */
    assert_string_equal(c[0].response, "count is 1");
    for (int i = 0; i < 4; i++) {
        int n = 0;
        assert_int_equal(c[i].rc, PERSIST_OK);
        assert_int_equal(sscanf(c[i].response, "count is %d", &n), 1);
        assert_true(n >= 1 && n <= 4 && !seen[n - 1]);
        seen[n - 1] = 1;
    }
    finish(&fx, "{\"count\":4}", 5);
}

/* The caller of a commit that calls again soon is waited for: its second call goes into the next
 * commit with the call that staged during the first, not into a third (lib/group_commit.c,
 * "Gathering"). The first write is held 100 ms, so the next commit waits up to as long; the caller
 * comes back after 20 ms. */
static void test_the_next_commit_waits_for_the_callers_of_the_last(void **state)
{
    fixture fx;
    caller *c = fx.c;
    int a = 0, b = 0;
    (void)state;
    setup(&fx, 0, 2);
    hold_extra_ms = 100;
    c[0].again = 1;
    start(&c[0], fx.s, "add 1");
    wait_staged(1);
    start(&c[1], fx.s, "add 1");
    join(&c[0]);
    join(&c[1]);
    assert_int_equal(c[0].rc, PERSIST_OK);
    assert_int_equal(c[1].rc, PERSIST_OK);
    assert_int_equal(writes_done(), 2); /* {first}, then {second, first's second}: not three */
    assert_int_equal(sscanf(c[0].response, "count is %d", &a), 1);
    assert_int_equal(sscanf(c[1].response, "count is %d", &b), 1);
    assert_true((a == 3 && b == 2) || (a == 2 && b == 3));
    finish(&fx, "{\"count\":3}", 4);
}

static void test_a_failed_commit_restages_the_calls_behind_it(void **state)
{
    fixture fx;
    caller *c = fx.c;
    (void)state;
    setup(&fx, 0, 3);
    fail_write = 1;
    fail_status = PERSIST_EFULL; /* a failure that does not poison the store */
    run_three(c, fx.s, "add 1", "add 10", "add 100");
    assert_int_equal(c[0].rc, PERSIST_EFULL);
    assert_non_null(strstr(c[0].msg, "injected"));
    assert_string_equal(c[0].response, "");
    /* Staged on count 1 first, then again on the state on disk (0), in the same order. */
    assert_int_equal(c[1].rc, PERSIST_OK);
    assert_string_equal(c[1].response, "count is 10");
    assert_int_equal(c[2].rc, PERSIST_OK);
    assert_string_equal(c[2].response, "count is 110");
    assert_int_equal(writes_done(), 2);
    finish(&fx, "{\"count\":110}", 3);
}

static void test_an_io_error_fails_the_calls_behind_it(void **state)
{
    fixture fx;
    caller *c = fx.c;
    (void)state;
    setup(&fx, 0, 3);
    fail_write = 1;
    fail_status = PERSIST_EIO;
    run_three(c, fx.s, "add 1", "add 10", "add 100");
    assert_int_equal(c[0].rc, PERSIST_EIO);
    for (int i = 1; i < 3; i++) {
        assert_int_equal(c[i].rc, PERSIST_EFATAL);
        assert_non_null(strstr(c[i].msg, "a commit before this call's failed"));
        assert_string_equal(c[i].response, "");
    }
    assert_int_equal(writes_done(), 1);
    TS_FAILS(fx.s, persist_store_submit(fx.s, "add 1", 5, NULL, NULL), PERSIST_EFATAL);
    finish(&fx, "{\"count\":0}", 1);
}

static void test_a_timeout_while_calls_are_queued_keeps_them(void **state)
{
    fixture fx;
    caller *c = fx.c;
    (void)state;
    setup(&fx, 100, 2);
    want_rebuilds = 1;
    run_three(c, fx.s, "add 1", "add 10",
              "spin"); /* times out while add 10 is queued and add 1 is being written */
    assert_int_equal(c[0].rc, PERSIST_OK);
    assert_string_equal(c[0].response, "count is 1");
    assert_int_equal(c[1].rc, PERSIST_OK);
    assert_string_equal(c[1].response, "count is 11");
    assert_int_equal(c[2].rc, PERSIST_ETIMEOUT);
    assert_int_equal(writes_done(), 2);
    finish(&fx, "{\"count\":11}", 3);
}

static void test_a_queued_client_id_is_a_duplicate(void **state)
{
    fixture fx;
    caller *c = fx.c;
    (void)state;
    setup(&fx, 0, 3);
    c[1].client_id = "request-7";
    c[2].client_id = "request-7"; /* a retry while the first is still queued */
    run_three(c, fx.s, "add 1", "add 10", "add 100");
    for (int i = 0; i < 3; i++)
        assert_int_equal(c[i].rc, PERSIST_OK);
    assert_string_equal(c[1].response, "count is 11");
    assert_int_equal(c[1].duplicate, 0);
    assert_string_equal(c[2].response, "count is 11");
    assert_int_equal(c[2].duplicate, 1);
    assert_int_equal(c[2].seq, c[1].seq);
    assert_int_equal(c[1].seq, 3);
    finish(&fx, "{\"count\":11}", 3);
}

static void test_a_read_waits_for_the_queued_calls(void **state)
{
    fixture fx;
    caller *c = fx.c;
    (void)state;
    setup(&fx, 0, 2);
    want_quiesces = 1;
    c[2].read = 1;
    run_three(c, fx.s, "add 1", "add 10", "");
    assert_int_equal(c[2].rc, PERSIST_OK);
    assert_string_equal(c[2].response, "{\"count\":11}");
    assert_string_equal(c[1].response, "count is 11");
    finish(&fx, "{\"count\":11}", 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_calls_staged_during_a_commit_share_the_next),
        cmocka_unit_test(test_the_next_commit_waits_for_the_callers_of_the_last),
        cmocka_unit_test(test_a_failed_commit_restages_the_calls_behind_it),
        cmocka_unit_test(test_an_io_error_fails_the_calls_behind_it),
        cmocka_unit_test(test_a_timeout_while_calls_are_queued_keeps_them),
        cmocka_unit_test(test_a_queued_client_id_is_a_duplicate),
        cmocka_unit_test(test_a_read_waits_for_the_queued_calls),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
