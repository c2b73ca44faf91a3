/* test_fork_guard.c - fork() while another thread is inside the library. The child must not
 * inherit one of the library's process-wide mutexes locked (it would wait forever for a thread
 * that does not exist in it), nor keep a copy of a descriptor that carries, or will carry, one of
 * the parent's store locks (the lock would last as long as the child). Test points stop a thread
 * at the moment that matters while the main thread forks: inside the registry of open stores
 * ("registering"), holding the writer lock of an open not finished ("writer-locked"), and with a
 * compaction's copy written but not yet locked ("compact-copied"). */
#include "support.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

static int inside_pipe[2] = {-1, -1}; /* the stopped thread says it is there */
static int go_pipe[2] = {-1, -1};     /* the main thread lets it go on */
static const char *_Atomic armed;     /* the point where the next thread to come stops */
static atomic_int hold_registered;    /* and "registered" holds it once until go */

/* "registering" holds the thread for a moment (with the fix, fork() waits for it to leave the
 * registry); the other points hold it until the main thread says go. */
int persist__test_point(const char *point);
int persist__test_point(const char *point)
{
    struct timespec hold = {0, 300 * 1000000L};
    const char *want = atomic_load(&armed);
    char c;
    /* Once out of the registry, the thread waits until the child has finished: a sanitizer's
     * allocator is not fork-safe, and a thread allocating at the fork could hang the child in it
     * (seen once under AddressSanitizer), which would look like the hang this test is about. */
    if (strcmp(point, "registered") == 0 && atomic_exchange(&hold_registered, 0) &&
        read(go_pipe[0], &c, 1) != 1)
        abort();
    if (want == NULL || strcmp(point, want) != 0 ||
        !atomic_compare_exchange_strong(&armed, &want, NULL))
        return PERSIST_OK;
    if (write(inside_pipe[1], "i", 1) != 1)
        abort();
    if (strcmp(point, "registering") == 0)
        nanosleep(&hold, NULL);
    else if (read(go_pipe[0], &c, 1) != 1)
        abort();
    return PERSIST_OK;
}

static void *open_store(void *arg)
{
    persist_store *s = NULL;
    int rc = persist_store_open(&s, arg, NULL);
    persist_store_close(s);
    return rc == PERSIST_OK ? arg : NULL;
}

static int child_opens(const char *dir)
{
    persist_store *s = NULL;
    int rc;
    atomic_store(&hold_registered, 0); /* the fork may have come before the thread cleared it */
    alarm(20); /* a child that hangs is killed, and the parent sees the signal */
    rc = persist_store_open(&s, dir, NULL);
    persist_store_close(s);
    return rc == PERSIST_OK ? 0 : 1;
}

static void test_fork_while_a_store_registers(void **state)
{
    char *dir_a = ts_tmpdir(), *dir_b = ts_tmpdir(), c;
    pthread_t holder;
    void *result;
    int status = 0;
    pid_t pid;
    (void)state;
    atomic_store(&armed, "registering");
    atomic_store(&hold_registered, 1);
    assert_int_equal(pthread_create(&holder, NULL, open_store, dir_b), 0);
    assert_int_equal(read(inside_pipe[0], &c, 1), 1); /* the thread holds the registry's mutex */
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        _exit(child_opens(dir_a));
    assert_int_equal(write(go_pipe[1], "g", 1), 1); /* the child has its copy of the process */
    assert_int_equal(waitpid(pid, &status, 0), pid);
    if (!WIFEXITED(status))
        fail_msg("the child did not exit (status 0x%x): it hung on a mutex it inherited locked",
                 status);
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_int_equal(pthread_join(holder, &result), 0);
    assert_ptr_equal(result, dir_b);
    ts_rmrf(dir_a);
    ts_rmrf(dir_b);
    free(dir_a);
    free(dir_b);
}

/* The store at dir can be opened as the writer again, and has `head` records. */
static void reopens_as_writer(const char *dir, uint64_t head)
{
    persist_store *s = NULL;
    int rc = persist_store_open(&s, dir, NULL);
    if (rc != PERSIST_OK)
        fail_msg("reopening the store as its writer while the child lives: %d %s", rc,
                 ts_errmsg(s));
    assert_int_equal(ts_head(s), head);
    assert_int_equal(persist_store_close(s), PERSIST_OK);
}

static void *open_writer(void *arg)
{
    persist_store *s = NULL;
    return persist_store_open(&s, arg, NULL) == PERSIST_OK ? s : NULL;
}

/* Forked while another thread's open holds the writer lock but has not finished: the lock's
 * descriptors are the parent's, and the child must not keep them. */
static void test_fork_while_an_open_holds_the_writer_lock(void **state)
{
    char *dir = ts_tmpdir(), c;
    persist_store *s;
    pthread_t opener;
    void *result;
    int exit_fd;
    pid_t pid;
    (void)state;
    atomic_store(&armed, "writer-locked");
    assert_int_equal(pthread_create(&opener, NULL, open_writer, dir), 0);
    assert_int_equal(read(inside_pipe[0], &c, 1), 1);
    pid = ts_fork_idle_child(&exit_fd);
    assert_int_equal(write(go_pipe[1], "g", 1), 1);
    assert_int_equal(pthread_join(opener, &result), 0);
    s = result;
    assert_non_null(s);
    assert_int_equal(persist_store_close(s), PERSIST_OK);
    reopens_as_writer(dir, 0);
    ts_end_idle_child(pid, exit_fd);
    ts_rmrf(dir);
    free(dir);
}

static void *prune(void *arg)
{
    persist_prune_report rep;
    uint64_t head = ts_head(arg);
    memset(&rep, 0, sizeof rep);
    rep.struct_size = sizeof rep;
    if (persist_store_prune(arg, head, &rep) != PERSIST_OK || !rep.compacted)
        return NULL;
    return arg;
}

/* Forked while a prune's compaction has written its copy of the store: the copy becomes the data
 * file and takes the writer lock after the fork, and the child must not keep it. */
static void test_fork_while_a_prune_compacts(void **state)
{
    char *dir = ts_tmpdir(), c;
    persist_store *s;
    pthread_t pruner;
    void *result;
    uint64_t head;
    int exit_fd;
    pid_t pid;
    (void)state;
    s = ts_open(dir, NULL);
    ts_deploy(s, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    for (int i = 0; i < 40; i++)
        persist_free(ts_submit(s, "add 1"));
    TS_OK(s, persist_store_snapshot(s));
    head = ts_head(s);
    atomic_store(&armed, "compact-copied");
    assert_int_equal(pthread_create(&pruner, NULL, prune, s), 0);
    assert_int_equal(read(inside_pipe[0], &c, 1), 1);
    pid = ts_fork_idle_child(&exit_fd);
    assert_int_equal(write(go_pipe[1], "g", 1), 1);
    assert_int_equal(pthread_join(pruner, &result), 0);
    assert_ptr_equal(result, s); /* pruned and compacted */
    assert_int_equal(persist_store_close(s), PERSIST_OK);
    reopens_as_writer(dir, head);
    ts_end_idle_child(pid, exit_fd);
    ts_rmrf(dir);
    free(dir);
}

static int setup(void **state)
{
    (void)state;
    return pipe(inside_pipe) != 0 || pipe(go_pipe) != 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fork_while_a_store_registers),
        cmocka_unit_test(test_fork_while_an_open_holds_the_writer_lock),
        cmocka_unit_test(test_fork_while_a_prune_compacts),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
