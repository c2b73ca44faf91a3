/* test_elm_core.c - the Elm package stand-ins (tests/elm/packages) checked inside the engine:
 * tests/elm/selfcheck compares Dict, Set, Array, compare, (==), sorting, String and Json with
 * reference definitions for each seed it gets as an event, in dev mode and with --optimize; and
 * Debug.log reaches the log callback through console.log while Debug.toString prints every kind
 * of value (tests/fixtures/elm/debug_log). PERSIST_ELM_CORE_SEEDS=N checks N seeds (default 4). */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const SELFCHECK[2] = {"tests/elm/selfcheck/compiled/main.dev.js",
                                         "tests/elm/selfcheck/compiled/main.optimize.js"};
#define DEBUG_LOG "tests/fixtures/elm/debug_log/main.dev.js"

static void run_selfcheck(int mode)
{
    const char *env = getenv("PERSIST_ELM_CORE_SEEDS");
    unsigned n = env != NULL && env[0] ? (unsigned)strtoul(env, NULL, 10) : 12;
    char *dir = ts_tmpdir();
    persist_store *s = ts_open(dir, NULL);
    char event[32], *r;
    ts_deploy(s, SELFCHECK[mode], PERSIST_DEPLOY_INIT);
    for (unsigned seed = 1; seed <= n; seed++) {
        snprintf(event, sizeof event, "%u", seed);
        r = ts_submit(s, event);
        if (strcmp(r, "ok") != 0)
            fail_msg("%s, seed %u: %s", SELFCHECK[mode], seed, r);
        persist_free(r);
    }
    /* The checks ran: each seed was an event that changed the state (a count). */
    snprintf(event, sizeof event, "%u", n);
    r = ts_state(s);
    assert_string_equal(r, event);
    persist_free(r);
    r = ts_submit(s, "x");
    assert_string_equal(r, "error: a seed is a whole number");
    persist_free(r);
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

static void test_selfcheck_dev(void **state)
{
    (void)state;
    run_selfcheck(0);
}

static void test_selfcheck_optimize(void **state)
{
    (void)state;
    run_selfcheck(1);
}

typedef struct log_lines {
    char text[4][256];
    int level[4];
    int n;
} log_lines;

static void keep_info(int level, const char *msg, size_t len, void *userdata)
{
    log_lines *l = userdata;
    (void)len;
    if (level == PERSIST_LOG_WARN && strstr(msg, "Compiled in DEV mode") == msg)
        return;
    if (l->n < 4) {
        snprintf(l->text[l->n], sizeof l->text[0], "%s", msg);
        l->level[l->n++] = level;
    }
}

static void test_debug_log_and_to_string(void **state)
{
    char *dir = ts_tmpdir();
    log_lines lines = {0};
    persist_options o;
    persist_store *s;
    char *r;
    (void)state;
    persist_options_init(&o, sizeof o);
    o.log_fn = keep_info;
    o.log_userdata = &lines;
    s = ts_open(dir, &o);
    ts_deploy(s, DEBUG_LOG, PERSIST_DEPLOY_INIT);
    assert_int_equal(lines.n, 0);
    r = ts_submit(s, "hi");
    assert_string_equal(r, "([Just (Circle -1.5),Nothing],Dict.fromList [((1,'c'),Set.fromList "
                           "[\"a\",\"b\"])],{ name = \"q\\\"uote\", ok = True, shape = Rect 2 3, "
                           "unit = () })");
    persist_free(r);
    assert_int_equal(lines.n, 1);
    assert_int_equal(lines.level[0], PERSIST_LOG_INFO);
    assert_string_equal(lines.text[0], "event: { count = 0, text = \"hi\" }");
    r = ts_submit(s, "again");
    persist_free(r);
    assert_int_equal(lines.n, 2);
    assert_string_equal(lines.text[1], "event: { count = 1, text = \"again\" }");
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_selfcheck_dev),
        cmocka_unit_test(test_selfcheck_optimize),
        cmocka_unit_test(test_debug_log_and_to_string),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
