/* test_clock.c - record timestamps with a wall clock that jumps back: they are strictly
 * increasing whatever the clock says, nothing is reordered or refused. This test plays the clock
 * (persist__test_wall_clock, a weak hook of lib/clock.c that only tests define). */
#include <stdlib.h>
#include <string.h>

#include "support.h"

#include "clock.h"

/* The played clock: it goes back 1 ms at every reading, except that it reads `jump` once when
 * that is set (a clock put forward). */
static uint64_t now = 5000000, jump;

uint64_t persist__test_wall_clock(void);
uint64_t persist__test_wall_clock(void)
{
    uint64_t t = jump != 0 ? jump : (now -= 1000);
    jump = 0;
    return t;
}

static void test_clock_jumping_back(void **state)
{
    char *dir = ts_tmpdir();
    persist_store *s = ts_open(dir, NULL);
    persist_record *r = NULL;
    size_t n = 0, code_len;
    char *code = ts_fixture("testapp_v1.js", &code_len);
    (void)state;
    TS_OK(s, persist_store_deploy(s, code, code_len, PERSIST_DEPLOY_INIT, NULL));
    for (int i = 0; i < 3; i++)
        persist_free(ts_submit(s, "add 1"));
    jump = 9000000;
    persist_free(ts_submit(s, "add 1")); /* record 5 */
    for (int i = 0; i < 2; i++)
        persist_free(ts_submit(s, "add 1"));
    TS_OK(s, persist_store_records(s, 1, 10, 0, &r, &n));
    assert_int_equal(n, 7);
    assert_true(r[0].time_us < 5000000);
    for (size_t i = 1; i < n; i++) {
        uint64_t want = i == 4 ? 9000000 : r[i - 1].time_us + 1;
        if (r[i].time_us != want)
            fail_msg("record %zu has time %llu, expected %llu", i + 1,
                     (unsigned long long)r[i].time_us, (unsigned long long)want);
    }
    persist_free(r);
    persist_store_close(s);
    s = ts_open(dir, NULL); /* and across a reopen */
    persist_free(ts_submit(s, "add 1"));
    TS_OK(s, persist_store_records(s, 8, 1, 0, &r, &n));
    assert_int_equal(r[0].time_us, 9000003);
    persist_free(r);
    persist_store_close(s);
    free(code);
    ts_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clock_jumping_back),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
