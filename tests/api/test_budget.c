/* test_budget.c - no call that runs app code outlives its time budget by more than a bounded
 * overhead, whatever the app does: native built-ins that loop without running bytecode, thrown
 * values whose description runs app code forever, a stack getter that catches the library's own
 * timeout. Each case runs in a child process under a watchdog, so a regression fails the test
 * instead of hanging the suite; afterwards the store must still hold the state it had. */
#include "support.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BUDGET_MS 200
/* Generous: the budget, rebuilding the app from disk after a timeout, and a loaded CI machine. */
#define BOUND_MS 4000
/* A child still running after this long is a hang. */
#define WATCHDOG_S 30

typedef enum action { SUBMIT, STATE, SNAPSHOT, DEPLOY, CLOSE } action;

typedef struct result {
    int rc;
    long ms;
    char msg[512];
} result;

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static int act(persist_store *s, action what, const char *arg)
{
    size_t n;
    char *code, *out = NULL;
    int rc;
    switch (what) {
    case SUBMIT: return persist_store_submit(s, arg, strlen(arg), NULL, NULL);
    case STATE:
        rc = persist_store_state(s, &out, NULL);
        persist_free(out);
        return rc;
    case SNAPSHOT: return persist_store_snapshot(s);
    case DEPLOY:
        code = ts_fixture("hostile_contract.js", &n);
        rc = persist_store_deploy(s, code, n, PERSIST_DEPLOY_INIT, arg);
        free(code);
        return rc;
    case CLOSE: return persist_store_close(s);
    }
    return PERSIST_ERROR;
}

/* In a child: open the store, time one action, report through the pipe. */
static void child(const char *dir, action what, const char *arg, int fd)
{
    persist_options o;
    persist_store *s = NULL;
    result r;
    long t0;
    memset(&r, 0, sizeof r);
    persist_options_init(&o, sizeof o);
    o.js_budget_ms = BUDGET_MS;
    o.js_memory_limit = 64u << 20;
    r.rc = persist_store_open(&s, dir, &o);
    if (r.rc == PERSIST_OK) {
        t0 = now_ms();
        r.rc = act(s, what, arg);
        r.ms = now_ms() - t0;
        if (what != CLOSE)
            persist_store_errmsg(s, r.msg, sizeof r.msg);
    } else {
        persist_store_errmsg(s, r.msg, sizeof r.msg);
    }
    if (write(fd, &r, sizeof r) != (ssize_t)sizeof r)
        _exit(3);
    _exit(0);
}

static result run_bounded(const char *dir, action what, const char *arg)
{
    int fds[2], status = 0;
    result r;
    pid_t pid;
    long t0 = now_ms();
    memset(&r, 0, sizeof r);
    assert_int_equal(pipe(fds), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        child(dir, what, arg, fds[1]);
    }
    close(fds[1]);
    while (waitpid(pid, &status, WNOHANG) == 0) {
        if (now_ms() - t0 > WATCHDOG_S * 1000L) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            fail_msg("%s: still running after %d s: the budget of %d ms does not hold", arg,
                     WATCHDOG_S, BUDGET_MS);
        }
        usleep(10000);
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        fail_msg("%s: the child died (status 0x%x)", arg, (unsigned)status);
    assert_int_equal(read(fds[0], &r, sizeof r), (ssize_t)sizeof r);
    close(fds[0]);
    return r;
}

static char *make_store(void)
{
    char *dir = ts_tmpdir();
    persist_store *s = ts_open(dir, NULL);
    ts_deploy(s, "hostile.js", PERSIST_DEPLOY_INIT);
    persist_free(ts_submit(s, "add"));
    persist_store_close(s);
    return dir;
}

static void assert_state_kept(const char *dir)
{
    persist_store *s = ts_open(dir, NULL);
    char *st = ts_state(s);
    assert_string_equal(st, "{\"n\":1}");
    persist_free(st);
    persist_store_close(s);
}

static void expect(const char *dir, action what, const char *arg, int code, const char *msg_part)
{
    result r = run_bounded(dir, what, arg);
    if (r.rc != code)
        fail_msg("%s: status %d (%s), expected %d: %s", arg, r.rc, persist_strerror(r.rc), code,
                 r.msg);
    if (msg_part != NULL && strstr(r.msg, msg_part) == NULL)
        fail_msg("%s: the message lacks \"%s\": %s", arg, msg_part, r.msg);
    if (r.ms > BOUND_MS)
        fail_msg("%s: took %ld ms with a budget of %d ms", arg, r.ms, BUDGET_MS);
    print_message("%-24s %-16s in %4ld ms\n", arg, persist_strerror(r.rc), r.ms);
    assert_state_kept(dir);
}

/* Native built-ins that run long without executing bytecode: Duktape's own check never ran in
 * them (a string search over megabytes took 25 s against a 100 ms budget). */
static void test_native_work_is_bounded(void **state)
{
    static const char *const events[] = {
        "string-search",    "string-split", "string-replace", "typed-array-scan", "sparse-scan",
        "regexp-backtrack", "object-churn", "json-skip",      "json-bigkey",      "json-gaps"};
    char *dir = make_store();
    (void)state;
    for (size_t i = 0; i < sizeof events / sizeof events[0]; i++)
        expect(dir, SUBMIT, events[i], PERSIST_ETIMEOUT, "budget");
    ts_rmrf(dir);
    free(dir);
}

/* A loop whose condition is in a register and whose body is empty runs only its test and its
 * backward jump: the jump's interrupt check is all that stops it (the executor's shortcut for a
 * forward jump after a test, branches.patch, must leave backward ones to their own case). */
static void test_loop_back_edge_is_checked(void **state)
{
    char *dir = make_store();
    (void)state;
    expect(dir, SUBMIT, "do-while-var", PERSIST_ETIMEOUT, "budget");
    ts_rmrf(dir);
    free(dir);
}

/* Describing a thrown value runs app code: it gets a budget of its own. A stack getter on
 * Error.prototype must not turn the library's own timeout into a hang either. */
static void test_error_description_is_bounded(void **state)
{
    char *dir = make_store();
    (void)state;
    expect(dir, SUBMIT, "throw-looping-tostring", PERSIST_ESCRIPT, "past its time budget");
    expect(dir, SUBMIT, "throw-looping-stack", PERSIST_ESCRIPT, "past its time budget");
    expect(dir, SUBMIT, "proto-stack-loop", PERSIST_ETIMEOUT, "budget");
    ts_rmrf(dir);
    free(dir);
}

/* The same from the other contract functions, during a deploy's projection: init and serialize
 * throwing a value whose toString never returns. A plain app's deserialize that does so is caught
 * by the library's binder, which turns the exception into a rejection inside the call: the call's
 * own budget stops it. */
static void test_contract_errors_are_bounded(void **state)
{
    static const struct {
        const char *module;
        int code;
        const char *msg;
    } cases[] = {{"initThrowsLooping", PERSIST_ESCRIPT, "past its time budget"},
                 {"serializeThrowsLooping", PERSIST_ESCRIPT, "past its time budget"},
                 {"deserializeThrowsLooping", PERSIST_ETIMEOUT, "budget of"}};
    char *dir = make_store();
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        expect(dir, DEPLOY, cases[i].module, cases[i].code, cases[i].msg);
    ts_rmrf(dir);
    free(dir);
}

/* The sandbox keeps the engine's own object (heap addresses, finalizers, gc) away from apps, so
 * closing a store runs no app code. */
static void test_no_engine_internals(void **state)
{
    char *dir = make_store();
    persist_store *s = ts_open(dir, NULL);
    char *r;
    (void)state;
    r = ts_submit(s, "internals");
    assert_string_equal(r, "undefined undefined undefined");
    persist_free(r);
    persist_store_close(s);
    expect(dir, CLOSE, "close", PERSIST_OK, NULL);
    ts_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_native_work_is_bounded),
        cmocka_unit_test(test_loop_back_edge_is_checked),
        cmocka_unit_test(test_error_description_is_bounded),
        cmocka_unit_test(test_contract_errors_are_bounded),
        cmocka_unit_test(test_no_engine_internals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
