/* test_reader_races.c - a read-only handle against a writer that prunes at the worst moment.
 * A read-only open reads the state in one transaction and the time of its head record in the
 * next; a writer (another process) that pruned that record in between made the open fail with
 * PERSIST_ENOTFOUND ("record N is not in the store"), found by a stress run of forks, submits and
 * prunes. The test point "restored" stops the open between the two while the writer prunes. */
#include "support.h"

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"

static int to_writer[2] = {-1, -1}, from_writer[2] = {-1, -1};
static int armed;

int persist__test_point(const char *point);
int persist__test_point(const char *point)
{
    char c;
    if (armed && strcmp(point, "restored") == 0) {
        armed = 0;
        if (write(to_writer[1], "p", 1) != 1 || read(from_writer[0], &c, 1) != 1)
            abort();
    }
    return PERSIST_OK;
}

/* The writer, in a child process: 5 events, then on the word 5 more, a snapshot and a prune of
 * everything before it; exits when the pipe closes. Exit codes name the step that failed. */
static int writer(const char *dir)
{
    persist_prune_report rep;
    persist_store *s = NULL;
    const char *code;
    size_t len;
    char c;
    int i;
    if (persist_store_open(&s, dir, NULL) != PERSIST_OK)
        return 10;
    code = ts_fixture("testapp_v1.js", &len);
    if (persist_store_deploy(s, code, len, PERSIST_DEPLOY_INIT, NULL) != PERSIST_OK)
        return 11;
    for (i = 0; i < 5; i++)
        if (persist_store_submit(s, "add 1", 5, NULL, NULL) != PERSIST_OK)
            return 12;
    if (write(from_writer[1], "r", 1) != 1 || read(to_writer[0], &c, 1) != 1)
        return 13;
    for (i = 0; i < 5; i++)
        if (persist_store_submit(s, "add 1", 5, NULL, NULL) != PERSIST_OK)
            return 14;
    memset(&rep, 0, sizeof rep);
    rep.struct_size = sizeof rep;
    if (persist_store_snapshot(s) != PERSIST_OK || persist_store_prune(s, 11, &rep) != PERSIST_OK ||
        rep.kept_from != 11)
        return 15;
    if (write(from_writer[1], "d", 1) != 1)
        return 16;
    while (read(to_writer[0], &c, 1) > 0)
        ;
    persist_store_close(s);
    return 0;
}

static void test_open_while_the_writer_prunes(void **state)
{
    char *dir = ts_tmpdir(), *st, c;
    persist_options o;
    persist_store *r = NULL;
    int rc;
    pid_t pid;
    (void)state;
    assert_int_equal(pipe(to_writer), 0);
    assert_int_equal(pipe(from_writer), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(to_writer[1]);
        close(from_writer[0]);
        _exit(writer(dir));
    }
    close(to_writer[0]); /* a writer that fails closes the only write end: reads see the end */
    close(from_writer[1]);
    assert_int_equal(read(from_writer[0], &c, 1), 1); /* 6 records: the deploy and 5 events */

    persist_options_init(&o, sizeof o);
    o.flags = PERSIST_OPEN_READONLY;
    armed = 1;
    rc = persist_store_open(&r, dir, &o);
    if (rc != PERSIST_OK)
        fail_msg("read-only open while the writer pruned its head record: %d %s", rc, ts_errmsg(r));
    /* Its calls catch up with the writer; the state then needs records that are gone, so the
     * restore path starts from the writer's snapshot. */
    TS_OK(r, persist_store_refresh(r));
    assert_int_equal(ts_head(r), 11);
    st = ts_state(r);
    assert_string_equal(st, "{\"v\":1,\"n\":10,\"hist\":\"\"}");
    persist_free(st);
    assert_int_equal(persist_store_close(r), PERSIST_OK);

    close(to_writer[1]);
    ts_expect_child(pid);
    ts_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_while_the_writer_prunes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
