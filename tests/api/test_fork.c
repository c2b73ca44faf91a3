/* test_fork.c - a child process forked from a process with a store open: every call on the
 * parent's handle is refused with PERSIST_EMISUSE and a message that says what to do, nothing it
 * does reaches the store, the child can open the store itself (read-only while the parent writes
 * it), and the child holds none of the parent's locks (the parent can close and reopen the store,
 * or another process can become its writer, while the child lives on). Real processes: fork(),
 * then pipes to order the two sides. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support.h"
#include <persist.h>

/* Exit codes of the children (each names the check that failed). */
enum {
    CHILD_OK = 0,
    CHILD_CALL_ALLOWED = 10, /* a call on the parent's handle did not return PERSIST_EMISUSE */
    CHILD_NO_MESSAGE,        /* ... or its message does not mention fork() */
    CHILD_OPEN_FAILED,       /* the child could not open the store read-only */
    CHILD_WRONG_HEAD,        /* ... or saw another head than the parent's */
    CHILD_WRONG_STATE,       /* ... or another state */
    CHILD_SECOND_WRITER,     /* the child became a second writer */
    CHILD_CLOSE_FAILED,      /* closing the parent's handle in the child failed */
    CHILD_CLOSED_TWICE       /* a second close of it did not say it was closed */
};

/* The call was refused as a call on a parent's store. */
static int refused(persist_store *s, int rc)
{
    char msg[512];
    if (rc != PERSIST_EMISUSE)
        return CHILD_CALL_ALLOWED;
    persist_store_errmsg(s, msg, sizeof msg);
    return strstr(msg, "fork()") != NULL && strstr(msg, "open the store again in the child")
               ? CHILD_OK
               : CHILD_NO_MESSAGE;
}

/* In the child: every kind of call on the parent's handle, then the store opened afresh. */
static int child_of_writer(persist_store *s, const char *dir, uint64_t head, const char *state)
{
    persist_store *own = NULL;
    char *out = NULL;
    size_t len = 0;
    uint64_t n = 0;
    int rc;
    if ((rc = refused(s, persist_store_submit(s, "add 5", 5, &out, &len))) != CHILD_OK ||
        (rc = refused(s, persist_store_state(s, &out, &len))) != CHILD_OK ||
        (rc = refused(s, persist_store_head(s, &n))) != CHILD_OK ||
        (rc = refused(s, persist_store_snapshot(s))) != CHILD_OK ||
        (rc = refused(s, persist_store_query(s, "get", 3, &out, &len))) != CHILD_OK ||
        (rc = refused(s, persist_store_set_state(s, "{\"v\":1,\"n\":9,\"hist\":\"\"}", 24))) !=
            CHILD_OK)
        return rc;
    /* A writer of its own: refused, the parent writes the store. */
    persist_options o;
    persist_options_init(&o, sizeof o);
    if (persist_store_open(&own, dir, &o) != PERSIST_EBUSY)
        return CHILD_SECOND_WRITER;
    persist_store_close(own);
    /* Read-only: allowed, and it sees what the parent wrote. */
    o.flags = PERSIST_OPEN_READONLY;
    if (persist_store_open(&own, dir, &o) != PERSIST_OK)
        return CHILD_OPEN_FAILED;
    rc = persist_store_head(own, &n) != PERSIST_OK || n != head ? CHILD_WRONG_HEAD : CHILD_OK;
    if (rc == CHILD_OK && (persist_store_state(own, &out, &len) != PERSIST_OK ||
                           len != strlen(state) || memcmp(out, state, len) != 0))
        rc = CHILD_WRONG_STATE;
    persist_free(out);
    persist_store_close(own);
    if (rc != CHILD_OK)
        return rc;
    if (persist_store_close(s) != PERSIST_OK)
        return CHILD_CLOSE_FAILED;
    return persist_store_close(s) == PERSIST_EMISUSE ? CHILD_OK : CHILD_CLOSED_TWICE;
}

static void test_child_cannot_use_parents_store(void **state)
{
    char *dir = ts_tmpdir(), *st, *st_before;
    persist_store *s;
    uint64_t head;
    pid_t pid;
    (void)state;
    s = ts_open(dir, NULL);
    ts_deploy(s, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    persist_free(ts_submit(s, "add 1"));
    head = ts_head(s);
    st_before = ts_state(s);

    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        _exit(child_of_writer(s, dir, head, st_before));
    ts_expect_child(pid);

    /* Nothing the child tried reached the store, and the parent goes on as before. */
    assert_int_equal(ts_head(s), head);
    st = ts_state(s);
    assert_string_equal(st, st_before);
    persist_free(st);
    st = ts_submit(s, "add 2");
    assert_string_equal(st, "n=3");
    persist_free(st);
    assert_int_equal(ts_head(s), head + 1);
    ts_close_and_expect_reopened(s, dir);
    persist_free(st_before);
    ts_rmrf(dir);
    free(dir);
}

static void test_child_keeps_no_lock(void **state)
{
    char *dir = ts_tmpdir(), *st;
    persist_store *s, *reader;
    persist_options o;
    int exit_fd, pid;
    (void)state;
    s = ts_open(dir, NULL);
    ts_deploy(s, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    persist_free(ts_submit(s, "add 4"));
    persist_options_init(&o, sizeof o);
    o.flags = PERSIST_OPEN_READONLY;

    /* The child lets go of the parent's locks as its first step after the fork, before it runs
     * anything else: ts_fork_idle_child returns once it runs. */
    pid = ts_fork_idle_child(&exit_fd);

    /* The child is alive and has not closed anything itself: the parent closes and opens the
     * store again as its writer (a lock the child still held would make this PERSIST_EBUSY). */
    assert_int_equal(persist_store_close(s), PERSIST_OK);
    s = ts_open(dir, NULL);
    st = ts_submit(s, "add 3");
    assert_string_equal(st, "n=7");
    persist_free(st);
    assert_int_equal(persist_store_close(s), PERSIST_OK);
    assert_int_equal(persist_store_open(&reader, dir, &o), PERSIST_OK);
    assert_int_equal(ts_head(reader), 3); /* deploy, add 4, add 3 */
    st = ts_state(reader);
    assert_string_equal(st, "{\"v\":1,\"n\":7,\"hist\":\"\"}");
    persist_free(st);
    assert_int_equal(persist_store_close(reader), PERSIST_OK);

    ts_end_idle_child(pid, exit_fd);
    ts_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_child_cannot_use_parents_store),
        cmocka_unit_test(test_child_keeps_no_lock),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
