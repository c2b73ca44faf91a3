/* test_limits.c - hostile apps: time budget, memory cap, deep recursion, wrong types. Each
 * returns its own code, writes nothing, and leaves a working app with the same state. */
#include "support.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct fixture {
    char *dir;
    persist_store *s;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    persist_options o;
    persist_options_init(&o, sizeof o);
    o.js_budget_ms = 200;
    o.js_memory_limit = 32u << 20;
    f->dir = ts_tmpdir();
    f->s = ts_open(f->dir, &o);
    ts_deploy(f->s, "hostile.js", PERSIST_DEPLOY_INIT);
    persist_free(ts_submit(f->s, "add"));
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    persist_store_close(f->s);
    ts_rmrf(f->dir);
    free(f->dir);
    free(f);
    return 0;
}

/* The event fails with `code`, nothing is written, and the app still answers from n=1. */
static void expect_refused(fixture *f, const char *event, int code, const char *msg_part)
{
    size_t before_len;
    char *before = ts_data_file(f->dir, &before_len);
    uint64_t head = ts_head(f->s);
    char *st, *r;
    TS_FAILS(f->s, persist_store_submit(f->s, event, strlen(event), NULL, NULL), code);
    assert_non_null(strstr(ts_errmsg(f->s), msg_part));
    assert_int_equal(ts_head(f->s), head);
    ts_assert_data_unchanged(f->dir, before, before_len);
    free(before);
    st = ts_state(f->s);
    assert_string_equal(st, "{\"n\":1}");
    persist_free(st);
    r = ts_submit(f->s, "add");
    assert_string_equal(r, "n=2");
    persist_free(r);
    /* put the state back for the next check */
    TS_OK(f->s, persist_store_set_state(f->s, "{\"n\":1}", 7));
}

static void test_infinite_loop_times_out(void **state)
{
    fixture *f = *state;
    double t0 = now_s(), elapsed;
    TS_FAILS(f->s, persist_store_submit(f->s, "loop", 4, NULL, NULL), PERSIST_ETIMEOUT);
    elapsed = now_s() - t0;
    /* Returns at all, and not long after the 200 ms budget (generous slack for loaded CI). */
    assert_true(elapsed < 5.0);
    assert_non_null(strstr(ts_errmsg(f->s), "200 ms"));
    persist_free(ts_submit(f->s, "add"));
    TS_OK(f->s, persist_store_set_state(f->s, "{\"n\":1}", 7));
    expect_refused(f, "loop", PERSIST_ETIMEOUT, "budget");
}

static void test_catching_the_timeout_does_not_help(void **state)
{
    expect_refused(*state, "loop-catch", PERSIST_ETIMEOUT, "budget");
}

/* Every shape of loop the executor compiles, and unbounded tail calls, reach an interrupt check:
 * the time budget's clock is looked at when execution comes back to code it has run (a call, a
 * return, a caught error, break or continue, a backward jump), not before every instruction. */
static void test_loops_of_every_shape_time_out(void **state)
{
    static const char *const events[] = {"do-while",       "labeled-continue",   "native-loop",
                                         "tail-recurse",   "straight-line",      "loop-finally",
                                         "long-loop-body", "long-function-loop", "deep-chain-miss"};
    fixture *f = *state;
    for (size_t i = 0; i < sizeof events / sizeof events[0]; i++) {
        double t0 = now_s();
        expect_refused(f, events[i], PERSIST_ETIMEOUT, "budget");
        /* The budget, rebuilding the app, and slack for a loaded machine. A check that counted
         * a fixed few instructions let the long bodies run several seconds. */
        if (now_s() - t0 > 2.5)
            fail_msg("%s: took %.1f s with a budget of 200 ms", events[i], now_s() - t0);
    }
}

static void test_memory_bomb(void **state)
{
    fixture *f = *state;
    persist_options o;
    /* A generous time budget, so that the memory cap is what stops it. */
    persist_store_close(f->s);
    persist_options_init(&o, sizeof o);
    o.js_budget_ms = 60000;
    o.js_memory_limit = 16u << 20;
    f->s = ts_open(f->dir, &o);
    expect_refused(f, "bomb", PERSIST_EMEMORY, "memory limit");
}

static void test_allocating_loop_times_out(void **state)
{
    /* Native work between two bytecode checks is cut off at the next allocation. */
    fixture *f = *state;
    double t0 = now_s();
    expect_refused(f, "bomb", PERSIST_ETIMEOUT, "budget");
    assert_true(now_s() - t0 < 5.0);
}

static void test_deep_recursion(void **state)
{
    expect_refused(*state, "recurse", PERSIST_ESCRIPT, "RangeError");
}

static void test_wrong_types_and_odd_throws(void **state)
{
    fixture *f = *state;
    expect_refused(f, "wrong-type", PERSIST_ECONTRACT, "[newState, response]");
    expect_refused(f, "throw-string", PERSIST_ESCRIPT, "a plain string");
    /* An error raised inside the engine names the app's line, not the engine's source files. */
    TS_FAILS(f->s, persist_store_submit(f->s, "reference-error", 15, NULL, NULL), PERSIST_ESCRIPT);
    assert_non_null(strstr(ts_errmsg(f->s), "ReferenceError: identifier 'noSuchVariable'"));
    assert_non_null(strstr(ts_errmsg(f->s), "(app.js:"));
    assert_null(strstr(ts_errmsg(f->s), "duk_"));
}

/* Each contract function throwing or returning the wrong type: its own code, nothing changes. */
static void test_contract_functions_misbehaving(void **state)
{
    static const struct {
        const char *module;
        uint32_t mode;
        int code;
        const char *msg;
    } cases[] = {
        {"initThrows", PERSIST_DEPLOY_INIT, PERSIST_ESCRIPT, "init exploded"},
        {"serializeThrows", PERSIST_DEPLOY_INIT, PERSIST_ESCRIPT, "serialize exploded"},
        {"serializeWrongType", PERSIST_DEPLOY_INIT, PERSIST_ECONTRACT, "must return a string"},
        {"migrateWrongType", PERSIST_DEPLOY_MIGRATE, PERSIST_EROUNDTRIP, "does not survive"},
    };
    fixture *f = *state;
    size_t n;
    char *code = ts_fixture("hostile_contract.js", &n);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t before_len;
        char *before = ts_data_file(f->dir, &before_len), *st;
        TS_FAILS(f->s, persist_store_deploy(f->s, code, n, cases[i].mode, cases[i].module),
                 cases[i].code);
        if (strstr(ts_errmsg(f->s), cases[i].msg) == NULL)
            fail_msg("%s: message lacks \"%s\": %s", cases[i].module, cases[i].msg,
                     ts_errmsg(f->s));
        ts_assert_data_unchanged(f->dir, before, before_len);
        free(before);
        st = ts_state(f->s);
        assert_string_equal(st, "{\"n\":1}");
        persist_free(st);
    }
    /* An update that returns nothing, once deployed. */
    TS_OK(f->s, persist_store_deploy(f->s, code, n, PERSIST_DEPLOY_INIT, "updateReturnsNothing"));
    TS_FAILS(f->s, persist_store_submit(f->s, "x", 1, NULL, NULL), PERSIST_ECONTRACT);
    free(code);
}

static void test_limits_survive_restart(void **state)
{
    fixture *f = *state;
    persist_options o;
    char *st;
    persist_store_close(f->s);
    persist_options_init(&o, sizeof o);
    o.js_budget_ms = 100;
    f->s = ts_open(f->dir, &o);
    st = ts_state(f->s);
    assert_string_equal(st, "{\"n\":1}");
    persist_free(st);
    TS_FAILS(f->s, persist_store_submit(f->s, "loop", 4, NULL, NULL), PERSIST_ETIMEOUT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_infinite_loop_times_out, setup, teardown),
        cmocka_unit_test_setup_teardown(test_catching_the_timeout_does_not_help, setup, teardown),
        cmocka_unit_test_setup_teardown(test_loops_of_every_shape_time_out, setup, teardown),
        cmocka_unit_test_setup_teardown(test_memory_bomb, setup, teardown),
        cmocka_unit_test_setup_teardown(test_allocating_loop_times_out, setup, teardown),
        cmocka_unit_test_setup_teardown(test_deep_recursion, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wrong_types_and_odd_throws, setup, teardown),
        cmocka_unit_test_setup_teardown(test_contract_functions_misbehaving, setup, teardown),
        cmocka_unit_test_setup_teardown(test_limits_survive_restart, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
