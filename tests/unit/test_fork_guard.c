/* test_fork_guard.c - a fork() while another thread holds one of the library's process-wide
 * mutexes: the child must not inherit it locked (it would wait forever for a thread that does not
 * exist in it). The test point "registering" holds a thread inside the registry of open stores
 * while the main thread forks; the child then opens a store of its own, under an alarm. */
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

static int inside_pipe[2] = {-1, -1};
static _Atomic int armed; /* the next registration stops at the test point */

/* The first registration after arming stops here, for a moment: with the fix, fork() waits. */
int persist__test_point(const char *point);
int persist__test_point(const char *point)
{
    struct timespec hold = {0, 300 * 1000000L};
    if (strcmp(point, "registering") == 0 && atomic_exchange(&armed, 0)) {
        if (write(inside_pipe[1], "i", 1) != 1)
            abort();
        nanosleep(&hold, NULL);
    }
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
    assert_int_equal(pipe(inside_pipe), 0);
    atomic_store(&armed, 1);
    assert_int_equal(pthread_create(&holder, NULL, open_store, dir_b), 0);
    assert_int_equal(read(inside_pipe[0], &c, 1), 1); /* the thread holds the registry's mutex */
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        _exit(child_opens(dir_a));
    assert_int_equal(waitpid(pid, &status, 0), pid);
    if (!WIFEXITED(status))
        fail_msg("the child did not exit (status 0x%x): it hung on a mutex it inherited locked",
                 status);
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_int_equal(pthread_join(holder, &result), 0);
    assert_ptr_equal(result, dir_b);
    close(inside_pipe[0]);
    close(inside_pipe[1]);
    ts_rmrf(dir_a);
    ts_rmrf(dir_b);
    free(dir_a);
    free(dir_b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fork_while_a_store_registers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
