/* test_threads.c - concurrency: several threads submitting (singly and in batches) to one store
 * while a reader process follows it read-only as its map grows, many stores in many threads at
 * once, simultaneous opens of one store (one handle per store per process), and per-store error
 * messages that only failing calls overwrite. `make tsan` runs it under ThreadSanitizer with
 * tests/tsan.supp.
 *
 * Threads never call cmocka (its assertions longjmp into the calling thread's test): they record
 * their first failure in their own struct and the main thread asserts after joining them. */
#include "support.h"

#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define THREADS        4
#define EVENTS         120 /* per thread on the shared store */
#define MAX_BATCH      5
#define STORES         8
#define STORE_EVENTS   40
#define ERR_ROUNDS     150
#define READER_TIMEOUT 120000 /* ms */

/* A thread's work and its first failure ("" when none). */
typedef struct worker {
    pthread_t thread;
    persist_store *s;
    char *dir;
    const char *code; /* app to deploy (many-stores test) */
    size_t code_len;
    int tid;
    uint64_t seed;
    uint32_t *seen; /* response numbers "m=N" this thread got, in order */
    size_t n_seen;
    char err[1024];
} worker;

static void wfail(worker *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void wfail(worker *w, const char *fmt, ...)
{
    va_list ap;
    if (w->err[0] != '\0')
        return; /* keep the first */
    va_start(ap, fmt);
    vsnprintf(w->err, sizeof w->err, fmt, ap);
    va_end(ap);
}

/* Like wfail, with the store's message appended. */
static void wfail_rc(worker *w, const char *what, int rc)
{
    char msg[512];
    persist_store_errmsg(w->s, msg, sizeof msg);
    wfail(w, "thread %d: %s returned %d (%s): %s", w->tid, what, rc, persist_strerror(rc), msg);
}

static unsigned next_rand(uint64_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return (unsigned)(*x >> 32);
}

static void note_response(worker *w, const char *resp)
{
    unsigned long m;
    if (resp == NULL || sscanf(resp, "m=%lu", &m) != 1) {
        wfail(w, "thread %d: response '%s'", w->tid, resp ? resp : "(null)");
        return;
    }
    w->seen[w->n_seen++] = (uint32_t)m;
}

/* Submit this thread's events k .. k+n-1, one by one (n == 1) or as one batch. */
static int submit_events(worker *w, int k, int n)
{
    char events[MAX_BATCH][48];
    persist_batch_item items[MAX_BATCH];
    char *resp = NULL;
    int rc;
    memset(items, 0, sizeof items);
    for (int i = 0; i < n; i++) {
        items[i].event = events[i];
        items[i].event_len =
            (size_t)snprintf(events[i], sizeof events[i], "t %d %d", w->tid, k + i);
    }
    if (n == 1) {
        rc = persist_store_submit(w->s, events[0], items[0].event_len, &resp, NULL);
        if (rc != PERSIST_OK) {
            wfail_rc(w, "persist_store_submit", rc);
            return rc;
        }
        note_response(w, resp);
        persist_free(resp);
        return PERSIST_OK;
    }
    rc = persist_store_submit_batch(w->s, items, (size_t)n);
    if (rc != PERSIST_OK)
        wfail_rc(w, "persist_store_submit_batch", rc);
    for (int i = 0; rc == PERSIST_OK && i < n; i++) {
        if (items[i].status != PERSIST_OK)
            wfail(w, "thread %d: batch item %d: status %d", w->tid, k + i, items[i].status);
        note_response(w, items[i].response);
    }
    for (int i = 0; i < n; i++)
        persist_free(items[i].response);
    return rc;
}

/* Submits EVENTS events "t TID 0", "t TID 1", ... singly and in small batches. */
static void *submit_thread(void *arg)
{
    worker *w = arg;
    for (int k = 0; k < EVENTS && w->err[0] == '\0';) {
        int n = (int)(next_rand(&w->seed) % 3 == 0 ? 2 + next_rand(&w->seed) % (MAX_BATCH - 1) : 1);
        if (n > EVENTS - k)
            n = EVENTS - k;
        if (submit_events(w, k, n) != PERSIST_OK)
            break;
        k += n;
    }
    return NULL;
}

/* ---- the reader process ---- */

typedef struct reader_report {
    uint64_t iterations, distinct_heads, first_head, last_head;
    int ok;
    char msg[512];
} reader_report;

/* Parse crash_threads.js's state: returns the event count m, and checks that it equals the sum of
 * the per-thread counts in `last`. -1 when the text does not have that shape. */
static long parse_threads_state(const char *st, long *last, int cap, int *nlast)
{
    const char *p = strstr(st, "\"last\":[");
    long sum = 0, m;
    char *end;
    *nlast = 0;
    if (p == NULL)
        return -1;
    p += strlen("\"last\":[");
    while (*p != ']') {
        long v = strtol(p, &end, 10);
        if (end == p || *nlast == cap)
            return -1;
        last[(*nlast)++] = v;
        sum += v + 1;
        p = *end == ',' ? end + 1 : end;
    }
    p = strstr(p, "\"m\":");
    if (p == NULL || sscanf(p, "\"m\":%ld", &m) != 1 || m != sum)
        return -1;
    return m;
}

static int stop_requested(int fd)
{
    struct pollfd pfd = {fd, POLLIN, 0};
    return poll(&pfd, 1, 0) > 0; /* the parent closed its end */
}

/* One look at the store: restore, head, state; nothing may fail or go backwards. */
static int reader_look(persist_store *s, reader_report *r, long *last_m)
{
    uint64_t head = 0;
    char *st = NULL;
    long last[THREADS], m;
    int rc, nlast;
    if ((rc = persist_store_restore(s)) != PERSIST_OK ||
        (rc = persist_store_state(s, &st, NULL)) != PERSIST_OK ||
        (rc = persist_store_head(s, &head)) != PERSIST_OK) {
        char msg[400];
        persist_store_errmsg(s, msg, sizeof msg);
        snprintf(r->msg, sizeof r->msg, "call failed with %d (%s): %s", rc, persist_strerror(rc),
                 msg);
        return -1;
    }
    m = parse_threads_state(st, last, THREADS, &nlast);
    if (m < 0 || m < *last_m || (uint64_t)m + 1 > head || head < r->last_head) {
        snprintf(r->msg, sizeof r->msg,
                 "after head %" PRIu64 " and %ld events: head %" PRIu64 ", state %.300s",
                 r->last_head, *last_m, head, st);
        persist_free(st);
        return -1;
    }
    persist_free(st);
    if (r->iterations == 0)
        r->first_head = head;
    if (r->iterations == 0 || head != r->last_head)
        r->distinct_heads++;
    r->last_head = head;
    *last_m = m;
    r->iterations++;
    return 0;
}

/* Never returns, and never runs cmocka's signal handlers (they would jump back into the test
 * runner); it stops when the parent closes the stop pipe, also by dying. */
static _Noreturn void reader_main(const char *dir, int stop_fd, int report_fd)
{
    const int sigs[] = {SIGFPE, SIGILL, SIGSEGV, SIGBUS, SIGSYS, SIGABRT};
    persist_options o;
    persist_store *s = NULL;
    reader_report r;
    long last_m = 0;
    int rc, stop = 0;
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        signal(sigs[i], SIG_DFL);
    memset(&r, 0, sizeof r);
    persist_options_init(&o, sizeof o);
    o.flags = PERSIST_OPEN_READONLY;
    rc = persist_store_open(&s, dir, &o);
    if (rc != PERSIST_OK) {
        snprintf(r.msg, sizeof r.msg, "read-only open returned %d", rc);
    } else {
        /* The first look happens before the writers start (the parent waits for this byte) and
         * the last after they have finished, so the reader sees at least two heads. */
        r.ok = reader_look(s, &r, &last_m) == 0;
        if (write(report_fd, "R", 1) != 1)
            r.ok = 0;
        while (r.ok && !stop) {
            stop = stop_requested(stop_fd);
            r.ok = reader_look(s, &r, &last_m) == 0;
        }
    }
    persist_store_close(s);
    if (write(report_fd, &r, sizeof r) != (ssize_t)sizeof r)
        _exit(4);
    _exit(r.ok ? 0 : 1);
}

typedef struct reader_proc {
    pid_t pid;
    int stop_fd, report_fd;
} reader_proc;

/* Fork the reader (no store is open in this process at that moment) and wait for its first look. */
static reader_proc start_reader(const char *dir)
{
    int stop[2], report[2];
    reader_proc rp;
    struct pollfd pfd;
    char c;
    assert_int_equal(pipe(stop), 0);
    assert_int_equal(pipe(report), 0);
    fflush(stdout);
    fflush(stderr);
    rp.pid = fork();
    assert_true(rp.pid >= 0);
    if (rp.pid == 0) {
        close(stop[1]);
        close(report[0]);
        reader_main(dir, stop[0], report[1]);
    }
    close(stop[0]);
    close(report[1]);
    rp.stop_fd = stop[1];
    rp.report_fd = report[0];
    pfd = (struct pollfd){rp.report_fd, POLLIN, 0};
    assert_int_equal(poll(&pfd, 1, READER_TIMEOUT), 1);
    if (read(rp.report_fd, &c, 1) != 1 || c != 'R') {
        reader_report r;
        ssize_t n = read(rp.report_fd, &r, sizeof r);
        fail_msg("the reader did not start: %s", n == (ssize_t)sizeof r ? r.msg : "(no report)");
    }
    return rp;
}

static void stop_reader(reader_proc *rp, reader_report *r)
{
    struct pollfd pfd = {rp->report_fd, POLLIN, 0};
    int status = 0;
    ssize_t n = -1;
    close(rp->stop_fd);
    if (poll(&pfd, 1, READER_TIMEOUT) == 1)
        n = read(rp->report_fd, r, sizeof *r);
    else
        kill(rp->pid, SIGKILL);
    assert_int_equal(waitpid(rp->pid, &status, 0), rp->pid);
    close(rp->report_fd);
    if (n != (ssize_t)sizeof *r)
        fail_msg("no report from the reader (status 0x%x)", status);
    if (!r->ok)
        fail_msg("the reader failed after %" PRIu64 " looks: %s", r->iterations, r->msg);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* A small map, so that it grows (doubling) several times while the reader process has it mapped. */
static persist_store *open_threads_store(const char *dir)
{
    persist_options o;
    persist_options_init(&o, sizeof o);
    o.snapshot_every = 10;
    o.map_size = 64 * 1024;
    return ts_open(dir, &o);
}

/* Every response number 1 .. THREADS * EVENTS exactly once, increasing within each thread. */
static void check_responses(worker *w)
{
    uint8_t *hit = calloc(THREADS * EVENTS + 1, 1);
    assert_non_null(hit);
    for (int t = 0; t < THREADS; t++) {
        assert_int_equal(w[t].n_seen, EVENTS);
        for (size_t i = 0; i < w[t].n_seen; i++) {
            uint32_t m = w[t].seen[i];
            if (m == 0 || m > THREADS * EVENTS || hit[m])
                fail_msg("thread %d: event %zu got number %u twice or out of range", t, i, m);
            if (i > 0 && m <= w[t].seen[i - 1])
                fail_msg("thread %d: event %zu got number %u after %u", t, i, m, w[t].seen[i - 1]);
            hit[m] = 1;
        }
    }
    free(hit);
}

static void test_threads_share_one_store_while_a_process_reads(void **state)
{
    char *dir = ts_tmpdir(), *st, *st2, want_last[64];
    worker w[THREADS];
    reader_report r;
    reader_proc rp;
    persist_store *s;
    long last[THREADS];
    int nlast;
    (void)state;
    s = open_threads_store(dir);
    ts_deploy(s, "crash_threads.js", PERSIST_DEPLOY_INIT);
    persist_store_close(s);
    rp = start_reader(dir);
    s = open_threads_store(dir);
    memset(w, 0, sizeof w);
    for (int t = 0; t < THREADS; t++) {
        w[t].s = s;
        w[t].tid = t;
        w[t].seed = 0x9e3779b97f4a7c15ull * (uint64_t)(t + 1);
        w[t].seen = calloc(EVENTS, sizeof *w[t].seen);
        assert_non_null(w[t].seen);
        assert_int_equal(pthread_create(&w[t].thread, NULL, submit_thread, &w[t]), 0);
    }
    for (int t = 0; t < THREADS; t++)
        assert_int_equal(pthread_join(w[t].thread, NULL), 0);
    stop_reader(&rp, &r);
    for (int t = 0; t < THREADS; t++)
        if (w[t].err[0] != '\0')
            fail_msg("%s", w[t].err);
    check_responses(w);
    /* The reader saw the writers' progress, ending with the final head. */
    assert_int_equal(r.first_head, 1);
    assert_int_equal(r.last_head, 1 + THREADS * EVENTS);
    assert_true(r.distinct_heads >= 2);
    printf("reader: %" PRIu64 " looks, %" PRIu64 " distinct heads\n", r.iterations,
           r.distinct_heads);
    /* Every event once, each thread's in its order: last[t] == EVENTS - 1 and m == the total. */
    assert_int_equal(ts_head(s), 1 + THREADS * EVENTS);
    st = ts_state(s);
    assert_int_equal(parse_threads_state(st, last, THREADS, &nlast), THREADS * EVENTS);
    assert_int_equal(nlast, THREADS);
    for (int t = 0; t < THREADS; t++)
        assert_int_equal(last[t], EVENTS - 1);
    snprintf(want_last, sizeof want_last, "\"last\":[%d,%d,%d,%d]", EVENTS - 1, EVENTS - 1,
             EVENTS - 1, EVENTS - 1);
    assert_non_null(strstr(st, want_last));
    /* The live state equals a restore from disk, in this handle and after reopening. */
    TS_OK(s, persist_store_restore(s));
    st2 = ts_state(s);
    assert_string_equal(st2, st);
    persist_free(st2);
    persist_store_close(s);
    s = open_threads_store(dir);
    st2 = ts_state(s);
    assert_string_equal(st2, st);
    persist_free(st2);
    persist_free(st);
    persist_store_close(s);
    for (int t = 0; t < THREADS; t++)
        free(w[t].seen);
    ts_rmrf(dir);
    free(dir);
}

/* ---- many stores at once ---- */

/* The state of w->s, or NULL after recording the failure. */
static char *worker_state(worker *w)
{
    char *st = NULL;
    int rc = persist_store_state(w->s, &st, NULL);
    if (rc != PERSIST_OK)
        wfail_rc(w, "persist_store_state", rc);
    return st;
}

static void worker_compare(worker *w, const char *when, const char *want)
{
    char *st = worker_state(w);
    if (st != NULL && want != NULL && strcmp(st, want) != 0)
        wfail(w, "store %s: state %s %s, %s before", w->dir, st, when, want);
    persist_free(st);
}

/* Opens its own store, deploys, submits, checks restore and reopen, closes. */
static void *own_store_thread(void *arg)
{
    worker *w = arg;
    persist_options o;
    char *st = NULL;
    int rc;
    persist_options_init(&o, sizeof o);
    o.snapshot_every = 7;
    if ((rc = persist_store_open(&w->s, w->dir, &o)) != PERSIST_OK)
        wfail_rc(w, "persist_store_open", rc);
    else if ((rc = persist_store_deploy(w->s, w->code, w->code_len, PERSIST_DEPLOY_INIT, NULL)) !=
             PERSIST_OK)
        wfail_rc(w, "persist_store_deploy", rc);
    for (int k = 0; k < STORE_EVENTS && w->err[0] == '\0'; k++)
        submit_events(w, k, 1);
    if (w->err[0] == '\0')
        st = worker_state(w);
    if (st != NULL && (rc = persist_store_restore(w->s)) != PERSIST_OK)
        wfail_rc(w, "persist_store_restore", rc);
    worker_compare(w, "after restore", st);
    persist_store_close(w->s);
    w->s = NULL;
    if (st != NULL && (rc = persist_store_open(&w->s, w->dir, &o)) != PERSIST_OK)
        wfail_rc(w, "persist_store_open (again)", rc);
    else if (st != NULL)
        worker_compare(w, "after reopening", st);
    persist_store_close(w->s);
    w->s = NULL;
    persist_free(st);
    return NULL;
}

static void test_many_stores_in_many_threads(void **state)
{
    worker w[STORES];
    char want[64];
    size_t code_len;
    char *code = ts_fixture("crash_threads.js", &code_len);
    (void)state;
    memset(w, 0, sizeof w);
    for (int t = 0; t < STORES; t++) {
        w[t].dir = ts_tmpdir();
        w[t].code = code;
        w[t].code_len = code_len;
        w[t].tid = 0; /* every store gets thread 0's events "t 0 K" */
        w[t].seen = calloc(STORE_EVENTS, sizeof *w[t].seen);
        assert_non_null(w[t].seen);
    }
    for (int t = 0; t < STORES; t++)
        assert_int_equal(pthread_create(&w[t].thread, NULL, own_store_thread, &w[t]), 0);
    for (int t = 0; t < STORES; t++)
        assert_int_equal(pthread_join(w[t].thread, NULL), 0);
    for (int t = 0; t < STORES; t++) {
        persist_store *s;
        char *st;
        if (w[t].err[0] != '\0')
            fail_msg("store %d: %s", t, w[t].err);
        assert_int_equal(w[t].n_seen, STORE_EVENTS);
        for (size_t i = 0; i < w[t].n_seen; i++)
            assert_int_equal(w[t].seen[i], i + 1);
        s = ts_open(w[t].dir, NULL);
        assert_int_equal(ts_head(s), 1 + STORE_EVENTS);
        st = ts_state(s);
        snprintf(want, sizeof want, "{\"last\":[%d],\"m\":%d,", STORE_EVENTS - 1, STORE_EVENTS);
        assert_memory_equal(st, want, strlen(want));
        persist_free(st);
        persist_store_close(s);
        free(w[t].seen);
        ts_rmrf(w[t].dir);
        free(w[t].dir);
    }
    free(code);
}

/* ---- opening one store from many threads at once ---- */

typedef struct opener {
    pthread_t thread;
    pthread_barrier_t *start;
    const char *dir;
    int readonly;
    int rc;
    persist_store *s;
} opener;

static void *open_thread(void *arg)
{
    opener *op = arg;
    persist_options o;
    persist_options_init(&o, sizeof o);
    o.flags = op->readonly ? PERSIST_OPEN_READONLY : 0;
    pthread_barrier_wait(op->start);
    op->rc = persist_store_open(&op->s, op->dir, &o);
    return NULL;
}

/* One handle per store per process: of many simultaneous opens (some read-only) exactly one
 * succeeds and the others get PERSIST_EBUSY; after closing, the store opens again. */
static void test_simultaneous_opens_of_one_store(void **state)
{
    char *dir = ts_tmpdir();
    opener op[STORES];
    pthread_barrier_t start;
    persist_store *s;
    (void)state;
    s = ts_open(dir, NULL);
    ts_deploy(s, "crash_threads.js", PERSIST_DEPLOY_INIT);
    persist_store_close(s);
    for (int round = 0; round < 20; round++) {
        int ok = 0;
        assert_int_equal(pthread_barrier_init(&start, NULL, STORES), 0);
        memset(op, 0, sizeof op);
        for (int t = 0; t < STORES; t++) {
            op[t].start = &start;
            op[t].dir = dir;
            op[t].readonly = (t + round) % 3 == 0;
            assert_int_equal(pthread_create(&op[t].thread, NULL, open_thread, &op[t]), 0);
        }
        for (int t = 0; t < STORES; t++)
            assert_int_equal(pthread_join(op[t].thread, NULL), 0);
        pthread_barrier_destroy(&start);
        for (int t = 0; t < STORES; t++) {
            if (op[t].rc == PERSIST_OK)
                ok++;
            else if (op[t].rc != PERSIST_EBUSY)
                fail_msg("round %d: open %d returned %d (%s)", round, t, op[t].rc,
                         persist_strerror(op[t].rc));
            persist_store_close(op[t].s);
        }
        assert_int_equal(ok, 1);
    }
    s = ts_open(dir, NULL);
    assert_int_equal(ts_head(s), 1);
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

/* ---- error messages belong to the failing call ---- */

typedef struct err_worker {
    worker w;
    int failing; /* submits "throw <Ti-k>" (fails) instead of "add 1" (succeeds) */
} err_worker;

static void *errmsg_thread(void *arg)
{
    err_worker *e = arg;
    worker *w = &e->w;
    char event[64], token[32], msg[1024];
    for (int k = 0; k < ERR_ROUNDS && w->err[0] == '\0'; k++) {
        char *resp = NULL;
        int rc;
        snprintf(token, sizeof token, "<T%d-%d>", w->tid, k);
        if (e->failing)
            snprintf(event, sizeof event, "throw %s", token);
        else
            snprintf(event, sizeof event, "add 1");
        rc = persist_store_submit(w->s, event, strlen(event), &resp, NULL);
        persist_store_errmsg(w->s, msg, sizeof msg);
        persist_free(resp);
        if (e->failing && rc != PERSIST_ESCRIPT)
            wfail(w, "thread %d: '%s' returned %d", w->tid, event, rc);
        else if (e->failing && strstr(msg, token) == NULL)
            wfail(w, "thread %d: after '%s' failed, the message is '%s'", w->tid, event, msg);
        else if (!e->failing && rc != PERSIST_OK)
            wfail(w, "thread %d: '%s' returned %d (%s)", w->tid, event, rc, msg);
    }
    return NULL;
}

static void test_errmsg_belongs_to_the_failing_call(void **state)
{
    char *dir = ts_tmpdir(), *st, want[64];
    persist_options o;
    err_worker e[THREADS];
    persist_store *s;
    (void)state;
    persist_options_init(&o, sizeof o);
    o.durability = PERSIST_DURABILITY_RELAXED; /* many commits; durability is not the point */
    o.snapshot_every = 50;
    s = ts_open(dir, &o);
    ts_deploy(s, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    memset(e, 0, sizeof e);
    for (int t = 0; t < THREADS; t++) {
        e[t].w.s = s;
        e[t].w.tid = t;
        e[t].failing = t == 0; /* one failing thread: the message can only be its own */
        assert_int_equal(pthread_create(&e[t].w.thread, NULL, errmsg_thread, &e[t]), 0);
    }
    for (int t = 0; t < THREADS; t++)
        assert_int_equal(pthread_join(e[t].w.thread, NULL), 0);
    for (int t = 0; t < THREADS; t++)
        if (e[t].w.err[0] != '\0')
            fail_msg("%s", e[t].w.err);
    /* Successful calls left the last failure's message alone. */
    snprintf(want, sizeof want, "<T0-%d>", ERR_ROUNDS - 1);
    assert_non_null(strstr(ts_errmsg(s), want));
    assert_int_equal(ts_head(s), 1 + (THREADS - 1) * ERR_ROUNDS);
    st = ts_state(s);
    snprintf(want, sizeof want, "{\"v\":1,\"n\":%d,", (THREADS - 1) * ERR_ROUNDS);
    assert_memory_equal(st, want, strlen(want));
    persist_free(st);
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_threads_share_one_store_while_a_process_reads),
        cmocka_unit_test(test_many_stores_in_many_threads),
        cmocka_unit_test(test_simultaneous_opens_of_one_store),
        cmocka_unit_test(test_errmsg_belongs_to_the_failing_call),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
