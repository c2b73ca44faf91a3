/* test_alloc_failure.c - allocation failure, for every operation: for N = 0, 1, 2, ... the N-th and
 * every later allocation of the library and of its Duktape heaps fails (persist__alloc_fail_after),
 * until the operation succeeds. Each failing try must return an error code (PERSIST_ENOMEM, or the
 * clean error the app layer turns an allocation failure into, such as PERSIST_ESCRIPT), change
 * nothing (head, snapshot, live state, the bytes of data.mdb, so the live state still equals a
 * restore from disk), leave the store usable, and leak nothing (under ASan, LeakSanitizer runs
 * every 32 tries and after each operation). A try that succeeds although an allocation failed must
 * still leave the live state equal to a restore from disk. Last, deploys under heap caps too small
 * for a heap (js_memory_limit of a few KB) must fail cleanly as well.
 *
 * Each operation's loop runs in a child process (this binary with --child), so a crash at one N is
 * reported with its N and the loop resumes after it. Every N is tried in the first and last
 * EDGE allocations of an operation; in between every STRIDE-th (default 4) to keep the ASan run
 * under a minute: ALLOC_FAILURE_STRIDE=1 tries every N (about 16000 tries). Other knobs:
 * ALLOC_FAILURE_FULL=1 restores from disk after every failing try (default: every 64th, the other
 * tries compare data.mdb byte for byte), ALLOC_FAILURE_LEAK_EACH=1 runs LeakSanitizer after every
 * try, and `test_alloc_failure --child OP FROM TOTAL 2` runs one loop in the foreground. Figures
 * ("alloc-failure: ...") go to stderr. */
#include "support.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "alloc.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HAVE_LSAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define HAVE_LSAN 1
#endif
#ifdef HAVE_LSAN
#include <sanitizer/lsan_interface.h>
#endif

/* No operation needs anywhere near this many allocations; a loop that gets here is stuck. */
#define MAX_TRIES 200000L

/* ---- a store in a known state ---- */

typedef struct fixture {
    char *dir;
    persist_store *s;
    persist_options opts;
} fixture;

/* What a failed try must leave as it was. */
typedef struct facts {
    uint64_t head, snap_seq;
    char *state; /* NULL when no app is deployed */
    size_t state_len;
} facts;

static void take_facts(persist_store *s, facts *f)
{
    int rc;
    memset(f, 0, sizeof *f);
    TS_OK(s, persist_store_head(s, &f->head));
    TS_OK(s, persist_store_snapshot_seq(s, &f->snap_seq));
    rc = persist_store_state(s, &f->state, &f->state_len);
    if (rc != PERSIST_OK && rc != PERSIST_ENOAPP)
        fail_msg("reading the state without injection: %d %s", rc, ts_errmsg(s));
}

static void free_facts(facts *f)
{
    persist_free(f->state);
    memset(f, 0, sizeof *f);
}

static void assert_same_state(const facts *now, const facts *before, const char *what,
                              const char *op, long n)
{
    if ((now->state == NULL) != (before->state == NULL) || now->state_len != before->state_len ||
        (now->state != NULL && memcmp(now->state, before->state, now->state_len) != 0))
        fail_msg("%s, N=%ld: %s: state is \"%s\", expected \"%s\"", op, n, what,
                 now->state ? now->state : "(none)", before->state ? before->state : "(none)");
}

/* A store with an app, a snapshot and records after it, so that opening it loads the snapshot and
 * replays; left open in f->s. */
static void fixture_setup(fixture *f, uint32_t snapshot_every)
{
    memset(f, 0, sizeof *f);
    f->dir = ts_tmpdir();
    persist_options_init(&f->opts, sizeof f->opts);
    f->opts.snapshot_every = snapshot_every;
    f->opts.durability = PERSIST_DURABILITY_RELAXED; /* no fsync per try; same code paths */
    f->s = ts_open(f->dir, &f->opts);
    ts_deploy(f->s, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    persist_free(ts_submit(f->s, "add 5"));
    persist_free(ts_submit(f->s, "append a"));
    persist_free(ts_submit(f->s, "mul 3"));
    TS_OK(f->s, persist_store_snapshot(f->s));
    persist_free(ts_submit(f->s, "add 7"));
    persist_free(ts_submit(f->s, "append b"));
}

static void fixture_teardown(fixture *f)
{
    if (f->s != NULL)
        assert_int_equal(persist_store_close(f->s), PERSIST_OK);
    ts_rmrf(f->dir);
    free(f->dir);
    memset(f, 0, sizeof *f);
}

/* ---- talking to the parent (see supervise) ---- */

static int progress_fd = -1;

/* Tells the supervising parent how far the loop got, one line per message. */
static void progress(const char *what, long v)
{
    if (progress_fd >= 0)
        dprintf(progress_fd, "%s %ld\n", what, v);
}

static void progress_dir(const char *dir)
{
    if (progress_fd >= 0)
        dprintf(progress_fd, "dir %s\n", dir);
}

typedef struct tally {
    long tries; /* failing tries */
} tally;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void leak_check(const char *op)
{
#ifdef HAVE_LSAN
    if (__lsan_do_recoverable_leak_check() != 0)
        fail_msg(
            "%s: LeakSanitizer found leaks (report above); rerun with ALLOC_FAILURE_LEAK_EACH=1 "
            "to find the N",
            op);
#else
    (void)op;
#endif
}

/* LeakSanitizer every LEAK_EVERY tries (every try with ALLOC_FAILURE_LEAK_EACH=1), so a leak is
 * pinned to a few N even when a later try crashes the child. */
#define LEAK_EVERY 32

static void leak_check_try(const char *op, long n)
{
#ifdef HAVE_LSAN
    static int each = -1;
    static long since, last_n = -1;
    if (each < 0)
        each = getenv("ALLOC_FAILURE_LEAK_EACH") != NULL &&
               getenv("ALLOC_FAILURE_LEAK_EACH")[0] == '1';
    if ((each || ++since == LEAK_EVERY) && __lsan_do_recoverable_leak_check() != 0)
        fail_msg("%s: LeakSanitizer found leaks (report above) after a try with N in %ld..%ld; "
                 "ALLOC_FAILURE_LEAK_EACH=1 pins the N",
                 op, last_n + 1, n);
    if (each || since == LEAK_EVERY) {
        since = 0;
        last_n = n;
    }
#else
    (void)op;
    (void)n;
#endif
}

static void count_code(tally *t, int rc, const char *op, long n, persist_store *s)
{
    if (rc >= 0 || rc <= -64 || strcmp(persist_strerror(rc), "unknown status") == 0)
        fail_msg("%s, N=%ld: returned %d, which is not an error code; message: %s", op, n, rc,
                 s != NULL ? ts_errmsg(s) : "");
    if (rc == PERSIST_EFATAL)
        fail_msg("%s, N=%ld: an allocation failure poisoned the store (PERSIST_EFATAL): %s", op, n,
                 ts_errmsg(s));
    progress("fail", -rc);
    t->tries++;
}

/* The live state equals what a restore from disk gives (and the restore works). */
static void assert_live_equals_disk(persist_store *s, const char *op, long n)
{
    facts live, disk;
    take_facts(s, &live);
    TS_OK(s, persist_store_restore(s));
    take_facts(s, &disk);
    assert_same_state(&disk, &live, "live state differs from a restore from disk", op, n);
    if (disk.head != live.head)
        fail_msg("%s, N=%ld: head %llu after restore, %llu before", op, n,
                 (unsigned long long)disk.head, (unsigned long long)live.head);
    free_facts(&live);
    free_facts(&disk);
}

/* The store still takes an event, and a reopen gives the live state. */
static void assert_still_usable(fixture *f, const char *op)
{
    facts before, after;
    uint64_t head = ts_head(f->s);
    persist_free(ts_submit(f->s, "add 1"));
    assert_int_equal(ts_head(f->s), head + 1);
    take_facts(f->s, &before);
    assert_int_equal(persist_store_close(f->s), PERSIST_OK);
    f->s = ts_open(f->dir, &f->opts);
    take_facts(f->s, &after);
    assert_same_state(&after, &before, "state after reopening", op, -1);
    assert_int_equal(after.head, before.head);
    free_facts(&before);
    free_facts(&after);
}

/* ---- operations on an open store ---- */

typedef struct op_desc {
    const char *name;
    uint32_t snapshot_every;
    /* Runs the operation; *out_logged receives the number of records a success appends. */
    int (*run)(persist_store *s, uint64_t *out_logged, char **out_text);
    int snapshots; /* a success leaves a snapshot after the head */
} op_desc;

static int deploy_v2(persist_store *s, uint32_t mode)
{
    static char *code;
    static size_t len;
    if (code == NULL)
        code = ts_fixture("testapp_v2.js", &len); /* kept for the whole run */
    return persist_store_deploy(s, code, len, mode, NULL);
}

static int op_deploy_init(persist_store *s, uint64_t *logged, char **text)
{
    (void)text;
    *logged = 1;
    return deploy_v2(s, PERSIST_DEPLOY_INIT);
}

static int op_deploy_migrate(persist_store *s, uint64_t *logged, char **text)
{
    (void)text;
    *logged = 1;
    return deploy_v2(s, PERSIST_DEPLOY_MIGRATE);
}

static int op_submit(persist_store *s, uint64_t *logged, char **text)
{
    size_t n = 0;
    int rc = persist_store_submit(s, "add 4", 5, text, &n);
    *logged = 1;
    if (rc == PERSIST_OK && (*text == NULL || strlen(*text) != n))
        fail_msg("submit: bad response");
    return rc;
}

static int op_submit_batch(persist_store *s, uint64_t *logged, char **text)
{
    /* The middle event throws: it is reported in its item and not written. */
    persist_batch_item items[3] = {
        {"add 2", 5, 0, NULL, 0}, {"throw", 5, 0, NULL, 0}, {"append z", 8, 0, NULL, 0}};
    int rc = persist_store_submit_batch(s, items, 3);
    (void)text;
    *logged = 0;
    for (int i = 0; i < 3; i++) {
        if (rc == PERSIST_OK && i != 1 && items[i].status == PERSIST_OK)
            ++*logged;
        if (items[i].status == PERSIST_OK && (items[i].response == NULL || rc != PERSIST_OK))
            fail_msg("batch: item %d has status OK but %s", i,
                     rc != PERSIST_OK ? "the batch failed" : "no response");
        if (items[i].status != PERSIST_OK && items[i].response != NULL)
            fail_msg("batch: item %d failed (%d) but has a response", i, (int)items[i].status);
        if (items[i].status > 0 || (i == 1 && items[i].status == PERSIST_OK))
            fail_msg("batch: item %d has status %d", i, (int)items[i].status);
        persist_free(items[i].response);
    }
    /* "Success" of the whole operation: the batch committed and only the throwing event failed. */
    if (rc == PERSIST_OK && (items[0].status != PERSIST_OK || items[2].status != PERSIST_OK))
        return 1; /* partial: committed, with items that failed on an allocation */
    return rc;
}

static int op_set_state(persist_store *s, uint64_t *logged, char **text)
{
    static const char state[] = "{\"v\":1,\"n\":77,\"hist\":\"set\"}";
    (void)text;
    *logged = 1;
    return persist_store_set_state(s, state, sizeof state - 1);
}

static int op_snapshot(persist_store *s, uint64_t *logged, char **text)
{
    (void)text;
    *logged = 0;
    return persist_store_snapshot(s);
}

static int op_restore(persist_store *s, uint64_t *logged, char **text)
{
    (void)text;
    *logged = 0;
    return persist_store_restore(s);
}

static int op_state(persist_store *s, uint64_t *logged, char **text)
{
    size_t n = 0;
    int rc = persist_store_state(s, text, &n);
    *logged = 0;
    if (rc == PERSIST_OK && (*text == NULL || strlen(*text) != n))
        fail_msg("state: bad text");
    if (rc != PERSIST_OK && *text != NULL)
        fail_msg("state: failed (%d) but returned text", rc);
    return rc;
}

/* Checks after a try that returned PERSIST_OK (or a committed partial batch). */
static void check_success(persist_store *s, const op_desc *op, long n, const facts *before,
                          uint64_t logged)
{
    facts now;
    take_facts(s, &now);
    if (now.head != before->head + logged)
        fail_msg("%s, N=%ld: succeeded with head %llu, expected %llu", op->name, n,
                 (unsigned long long)now.head, (unsigned long long)(before->head + logged));
    if (op->snapshots && now.snap_seq != now.head)
        fail_msg("%s, N=%ld: succeeded but the newest snapshot follows %llu, not the head %llu",
                 op->name, n, (unsigned long long)now.snap_seq, (unsigned long long)now.head);
    if (logged == 0 && !op->snapshots)
        assert_same_state(&now, before, "state changed by an operation that logs nothing", op->name,
                          n);
    free_facts(&now);
    assert_live_equals_disk(s, op->name, n);
}

/* A failed try changed nothing: not the head, the snapshot, the live state, nor a byte of data.mdb
 * (so the live state still equals a restore from disk; every FULL_CHECK_EVERY-th try restores to
 * make sure, and ALLOC_FAILURE_FULL=1 makes every try do it). */
#define FULL_CHECK_EVERY 64

static void check_failure(fixture *f, const op_desc *op, long n, const facts *before,
                          const char *data, size_t data_len, long tries)
{
    static int full = -1;
    facts now;
    if (full < 0)
        full = getenv("ALLOC_FAILURE_FULL") != NULL && getenv("ALLOC_FAILURE_FULL")[0] == '1';
    take_facts(f->s, &now);
    if (now.head != before->head || now.snap_seq != before->snap_seq)
        fail_msg("%s, N=%ld: failed but head/snapshot moved from %llu/%llu to %llu/%llu", op->name,
                 n, (unsigned long long)before->head, (unsigned long long)before->snap_seq,
                 (unsigned long long)now.head, (unsigned long long)now.snap_seq);
    assert_same_state(&now, before, "failed but the live state changed", op->name, n);
    free_facts(&now);
    ts_assert_data_unchanged(f->dir, data, data_len);
    if (full || tries % FULL_CHECK_EVERY == 0)
        assert_live_equals_disk(f->s, op->name, n);
}

/* ---- the loops, run in a child process (see supervise) ---- */

#define EDGE 200

static long stride(void)
{
    const char *e = getenv("ALLOC_FAILURE_STRIDE");
    long v = e != NULL ? atol(e) : 4;
    return v >= 1 ? v : 1;
}

/* The next N to try after n, for an operation of `total` allocations. */
static long next_n(long n, long total)
{
    long s = stride();
    n++;
    if (s == 1 || n < EDGE || n + EDGE >= total)
        return n;
    while (n % s != 0 && n + EDGE < total)
        n++;
    return n;
}

static void run_store_op(const op_desc *op, long from, long total)
{
    fixture f;
    tally t;
    long n, allocs = 0;
    size_t data_len = 0;
    char *data = NULL;
    memset(&t, 0, sizeof t);
    fixture_setup(&f, op->snapshot_every);
    progress_dir(f.dir);
    if (from < 0) { /* count the allocations of one undisturbed run */
        uint64_t logged;
        char *text = NULL;
        persist__alloc_fail_after(-1);
        TS_OK(f.s, op->run(f.s, &logged, &text));
        progress("total", persist__alloc_fail_after(-1));
        persist_free(text);
        fixture_teardown(&f);
        return;
    }
    for (n = from; n < MAX_TRIES; n = next_n(n, total)) {
        facts before;
        uint64_t logged = 0;
        char *text = NULL;
        int rc;
        take_facts(f.s, &before);
        if (data == NULL)
            data = ts_data_file(f.dir, &data_len);
        progress("try", n);
        persist__alloc_fail_after(n);
        rc = op->run(f.s, &logged, &text);
        allocs = persist__alloc_fail_after(-1);
        persist_free(text);
        if (rc != PERSIST_OK && rc != 1 && allocs <= n)
            fail_msg("%s, N=%ld: failed with %d (%s) although no allocation failed (%ld made): %s",
                     op->name, n, rc, persist_strerror(rc), allocs, ts_errmsg(f.s));
        if (rc == 1 || rc == PERSIST_OK) {
            check_success(f.s, op, n, &before, logged);
            free_facts(&before);
            leak_check_try(op->name, n);
            if (rc == PERSIST_OK && allocs <= n)
                break;
            progress("absorbed", n); /* succeeded, or committed a partial batch, regardless */
            free(data);
            data = NULL; /* the store changed: a new baseline */
            continue;
        }
        count_code(&t, rc, op->name, n, f.s);
        check_failure(&f, op, n, &before, data, data_len, t.tries);
        free_facts(&before);
        leak_check_try(op->name, n);
    }
    if (n >= MAX_TRIES)
        fail_msg("%s: still failing after %ld tries", op->name, n);
    free(data);
    assert_still_usable(&f, op->name);
    fixture_teardown(&f);
    leak_check(op->name);
}

/* A failed open: an error code, *out set unless it is PERSIST_ENOMEM, nothing written. */
static void check_failed_open(persist_store *s, int rc, long n, long allocs, tally *t,
                              const fixture *f, const char *data, size_t data_len)
{
    if (allocs <= n)
        fail_msg("open, N=%ld: failed with %d although no allocation failed: %s", n, rc,
                 s != NULL ? ts_errmsg(s) : "");
    if (rc != PERSIST_ENOMEM && s == NULL)
        fail_msg("open, N=%ld: failed with %d but set *out to NULL", n, rc);
    if (rc == PERSIST_ENOMEM && s != NULL) /* the header: *out is NULL then */
        fail_msg("open, N=%ld: failed with PERSIST_ENOMEM but set *out", n);
    count_code(t, rc, "open", n, s);
    assert_int_equal(persist_store_close(s), PERSIST_OK);
    ts_assert_data_unchanged(f->dir, data, data_len);
}

/* Opening an existing store: snapshot load plus replay of the records after it. */
static void run_open(long from, long total)
{
    fixture f;
    facts expect, now;
    tally t;
    long n, allocs = 0;
    size_t data_len;
    char *data;
    memset(&t, 0, sizeof t);
    fixture_setup(&f, 1000);
    progress_dir(f.dir);
    take_facts(f.s, &expect);
    assert_true(expect.snap_seq > 0 && expect.snap_seq < expect.head); /* snapshot + replay */
    assert_int_equal(persist_store_close(f.s), PERSIST_OK);
    f.s = NULL;
    if (from < 0) { /* count the allocations of one undisturbed open */
        persist__alloc_fail_after(-1);
        f.s = ts_open(f.dir, &f.opts);
        progress("total", persist__alloc_fail_after(-1));
        free_facts(&expect);
        fixture_teardown(&f);
        return;
    }
    data = ts_data_file(f.dir, &data_len);
    for (n = from; n < MAX_TRIES; n = next_n(n, total)) {
        persist_store *s = NULL;
        int rc;
        progress("try", n);
        persist__alloc_fail_after(n);
        rc = persist_store_open(&s, f.dir, &f.opts);
        allocs = persist__alloc_fail_after(-1);
        if (rc != PERSIST_OK) {
            check_failed_open(s, rc, n, allocs, &t, &f, data, data_len);
            leak_check_try("open", n);
            continue;
        }
        take_facts(s, &now);
        assert_same_state(&now, &expect, "opened", "open", n);
        assert_int_equal(now.head, expect.head);
        assert_int_equal(now.snap_seq, expect.snap_seq);
        free_facts(&now);
        f.s = s;
        if (allocs <= n)
            break;
        progress("absorbed", n); /* opened although an allocation failed */
        assert_int_equal(persist_store_close(s), PERSIST_OK);
        f.s = NULL;
    }
    if (n >= MAX_TRIES)
        fail_msg("open: still failing after %ld tries", n);
    /* Every failed open released the store (the last open worked); it restores from disk and
     * takes events. */
    assert_live_equals_disk(f.s, "open", n);
    assert_still_usable(&f, "open");
    free(data);
    free_facts(&expect);
    fixture_teardown(&f);
    leak_check("open");
}

static const op_desc OPS[] = {
    {"open", 1000, NULL, 0}, /* open of an existing store: run_open */
    {"deploy_init", 1000, op_deploy_init, 1},
    {"deploy_migrate", 1000, op_deploy_migrate, 1},
    {"submit", 1000, op_submit, 0},
    {"submit+snapshot", 3, op_submit, 1}, /* the event is the 3rd since the last snapshot */
    {"submit_batch", 1000, op_submit_batch, 0},
    {"set_state", 1000, op_set_state, 1},
    {"snapshot", 1000, op_snapshot, 1},
    {"restore", 1000, op_restore, 0},
    {"state", 1000, op_state, 0},
};
#define N_OPS (sizeof OPS / sizeof OPS[0])

static const op_desc *child_op;
static long child_from, child_total;
static int child_passed;

/* A failed check (cmocka's fail outside a running test calls exit) and the end of the loop both
 * come here; a crash does not, so the parent tells the two apart by the "end" line. */
static void child_exit(void)
{
    progress("end", child_passed ? 0 : 1);
    if (!child_passed)
        _exit(1); /* the failed check abandoned its store: no leak report for that */
}

/* The loop runs outside cmocka's runner, whose signal handlers would turn a crash into a failed
 * test; an assertion that fails ends the process. */
static int child_main(char **argv)
{
    for (size_t i = 0; i < N_OPS; i++)
        if (strcmp(OPS[i].name, argv[2]) == 0)
            child_op = &OPS[i];
    if (child_op == NULL)
        return 2;
    child_from = atol(argv[3]);
    child_total = atol(argv[4]);
    progress_fd = atoi(argv[5]);
    atexit(child_exit);
    alarm(300); /* a hang ends as a crash that the parent reports */
    if (child_op->run == NULL)
        run_open(child_from, child_total);
    else
        run_store_op(child_op, child_from, child_total);
    child_passed = 1;
    return 0;
}

/* ---- the parent: one child per operation, resumed after a crash ---- */

#define CHILD_CAP 200 /* children per operation */
#define GAP_CAP   128 /* widest step through a run of crashes */

typedef struct child_result {
    int ended, end_rc, status;
    long last_try, points, total, absorbed, codes[64];
    char dir[4096];
    FILE *err; /* the child's stderr */
} child_result;

static void child_exec(const char *name, long from, long total, int fd, int err_fd, int quiet)
{
    char from_s[32], total_s[32], fd_s[32], asan[512];
    const char *old = getenv("ASAN_OPTIONS");
    if (quiet) { /* likely another crash of a run already shown: skip the slow symbolization */
        snprintf(asan, sizeof asan, "%s%ssymbolize=0", old ? old : "", old ? ":" : "");
        setenv("ASAN_OPTIONS", asan, 1);
    }
    int devnull = open("/dev/null", O_WRONLY);
    if (devnull >= 0)
        dup2(devnull, STDOUT_FILENO); /* the child's cmocka chatter */
    dup2(err_fd, STDERR_FILENO);
    snprintf(from_s, sizeof from_s, "%ld", from);
    snprintf(total_s, sizeof total_s, "%ld", total);
    snprintf(fd_s, sizeof fd_s, "%d", fd);
    execl("/proc/self/exe", "test_alloc_failure", "--child", name, from_s, total_s, fd_s,
          (char *)NULL);
    _exit(127);
}

static void read_progress(FILE *in, child_result *r)
{
    char line[4200];
    while (fgets(line, sizeof line, in) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        if (strncmp(line, "try ", 4) == 0) {
            r->last_try = atol(line + 4);
            r->points++;
        } else if (strncmp(line, "dir ", 4) == 0) {
            snprintf(r->dir, sizeof r->dir, "%.4000s", line + 4);
        } else if (strncmp(line, "fail ", 5) == 0) {
            r->codes[atol(line + 5) & 63]++;
        } else if (strncmp(line, "absorbed ", 9) == 0) {
            r->absorbed++;
        } else if (strncmp(line, "total ", 6) == 0) {
            r->total = atol(line + 6);
        } else if (strncmp(line, "end ", 4) == 0) {
            r->ended = 1;
            r->end_rc = atoi(line + 4);
        }
    }
}

static void run_child(const char *name, long from, long total, child_result *r, int quiet)
{
    int fds[2];
    pid_t pid;
    FILE *in;
    memset(r, 0, sizeof *r);
    r->last_try = -1;
    r->err = tmpfile();
    assert_non_null(r->err);
    assert_int_equal(pipe(fds), 0);
    fflush(NULL);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        child_exec(name, from, total, fds[1], fileno(r->err), quiet);
    }
    close(fds[1]);
    in = fdopen(fds[0], "r");
    assert_non_null(in);
    read_progress(in, r);
    fclose(in);
    assert_int_equal(waitpid(pid, &r->status, 0), pid);
    rewind(r->err);
}

/* Copies the child's stderr: everything, or only the figure lines, or the last `tail` lines. */
static void show_child_output(child_result *r, int all, int tail)
{
    char line[4096], ring[40][4096];
    int count = 0;
    while (fgets(line, sizeof line, r->err) != NULL) {
        if (all || strncmp(line, "alloc-failure:", 14) == 0)
            fputs(line, stderr);
        snprintf(ring[count % 40], sizeof ring[0], "%s", line);
        count++;
    }
    for (int i = count > tail ? count - tail : 0; !all && i < count; i++) {
        fputs("  | ", stderr);
        fputs(ring[i % 40], stderr);
    }
    fclose(r->err);
    r->err = NULL;
}

/* Appends "a" or "a-b" to list. */
static void add_range(char *list, size_t cap, long a, long b)
{
    size_t used = strlen(list);
    if (a == b)
        snprintf(list + used, cap - used, "%s%ld", used ? ", " : "", a);
    else
        snprintf(list + used, cap - used, "%s%ld-%ld", used ? ", " : "", a, b);
}

static long points_total, crashes_total, checks_total, ops_failed;
static const char *child_op_name;

/* One run of trouble (crashes, or failed checks) at consecutive tries of an operation. */
typedef struct trouble {
    const char *what;
    long count, range_from, range_to, gap;
    char list[2048];
} trouble;

/* Records trouble at N (the child's first try when `at_start`); returns the N to resume at.
 * Trouble comes in runs (every allocation of a region): the step doubles while each child fails
 * at once, and every N is tried again once a child gets going. */
static long note_trouble(trouble *t, child_result *r, long total, int at_start)
{
    int continues = at_start && t->range_to >= 0 && r->last_try == t->range_to + t->gap;
    fprintf(stderr, "alloc-failure: %s %s at N=%ld (exit %s %d)\n", child_op_name, t->what,
            r->last_try, WIFSIGNALED(r->status) ? "signal" : "status",
            WIFSIGNALED(r->status) ? WTERMSIG(r->status) : WEXITSTATUS(r->status));
    t->count++;
    if (continues) {
        t->gap = t->gap < GAP_CAP ? t->gap * 2 : GAP_CAP;
        show_child_output(r, 0, 0);
    } else {
        if (t->range_from >= 0)
            add_range(t->list, sizeof t->list, t->range_from, t->range_to);
        t->range_from = r->last_try;
        t->gap = 1;
        show_child_output(r, t->what[0] != 'C', 12); /* a failed check: all of its output */
    }
    t->range_to = r->last_try;
    return r->last_try + t->gap < total ? r->last_try + t->gap : total;
}

static void trouble_end(trouble *t)
{
    if (t->range_from >= 0)
        add_range(t->list, sizeof t->list, t->range_from, t->range_to);
}

static void supervise(const char *name)
{
    long from = 0, points = 0, absorbed = 0, codes[64] = {0}, total;
    int children = 0;
    double t0 = now_s();
    trouble crash = {"CRASHED", 0, -1, -1, 1, ""}, check = {"check FAILED", 0, -1, -1, 1, ""};
    child_result r;
    child_op_name = name;
    run_child(name, -1, 0, &r, 0);
    show_child_output(&r, !r.ended || r.end_rc != 0, 0);
    if (!r.ended || r.end_rc != 0 || r.total <= 0)
        fail_msg("%s: counting its allocations failed (output above)", name);
    total = r.total;
    for (;;) {
        long start = from;
        run_child(name, from, total, &r, crash.range_to >= 0 && from == crash.range_to + crash.gap);
        points += r.points;
        absorbed += r.absorbed;
        for (int i = 0; i < 64; i++)
            codes[i] += r.codes[i];
        if (r.ended && r.end_rc == 0)
            break;
        if (++children == CHILD_CAP || r.last_try < from || r.last_try >= total) {
            show_child_output(&r, 1, 0);
            break;
        }
        /* Died without finishing (signal, sanitizer report, alarm), or a check failed. */
        if (r.ended)
            from = note_trouble(&check, &r, total, r.last_try == start);
        else
            from = note_trouble(&crash, &r, total, r.last_try == start);
        ts_rmrf(r.dir);
    }
    trouble_end(&crash);
    trouble_end(&check);
    points_total += points;
    crashes_total += crash.count;
    checks_total += check.count;
    if (r.err != NULL)
        show_child_output(
            &r, !r.ended || r.end_rc != 0 || !WIFEXITED(r.status) || WEXITSTATUS(r.status) != 0, 0);
    if (r.dir[0] != '\0' && (!r.ended || r.end_rc != 0))
        ts_rmrf(r.dir);
    if (crash.count > 0 || check.count > 0 || !r.ended || r.end_rc != 0 || !WIFEXITED(r.status) ||
        WEXITSTATUS(r.status) != 0)
        ops_failed++;
    fprintf(stderr, "alloc-failure: %-15s %5ld allocations, %5ld N tried, %ld absorbed,", name,
            total, points, absorbed);
    for (int i = 0; i < 64; i++)
        if (codes[i] > 0)
            fprintf(stderr, " %s=%ld", persist_strerror(-i), codes[i]);
    fprintf(stderr, "; %ld crashed, %ld failed a check (%.1f s)\n", crash.count, check.count,
            now_s() - t0);
    if (crash.count > 0 || check.count > 0)
        fail_msg("%s:%s%s%s%s%s (runs sampled; output above)", name,
                 crash.count > 0 ? " crashed when allocation N failed, N in " : "", crash.list,
                 children == CHILD_CAP ? " and maybe more" : "",
                 check.count > 0 ? "; checks failed for N in " : "", check.list);
    if (!r.ended || r.end_rc != 0)
        fail_msg("%s: the last child failed at N=%ld (output above)", name, r.last_try);
    if (!WIFEXITED(r.status) || WEXITSTATUS(r.status) != 0)
        fail_msg("%s: the child exited with status %d after passing: a leak? (report above)", name,
                 WIFEXITED(r.status) ? WEXITSTATUS(r.status) : -1);
}

static void test_open_existing(void **state)
{
    (void)state;
    supervise("open");
}

static void test_deploy_init(void **state)
{
    (void)state;
    supervise("deploy_init");
}

static void test_deploy_migrate(void **state)
{
    (void)state;
    supervise("deploy_migrate");
}

static void test_submit(void **state)
{
    (void)state;
    supervise("submit");
}

static void test_submit_with_snapshot(void **state)
{
    (void)state;
    supervise("submit+snapshot");
}

static void test_submit_batch(void **state)
{
    (void)state;
    supervise("submit_batch");
}

static void test_set_state(void **state)
{
    (void)state;
    supervise("set_state");
}

static void test_snapshot(void **state)
{
    (void)state;
    supervise("snapshot");
}

static void test_restore(void **state)
{
    (void)state;
    supervise("restore");
}

static void test_state(void **state)
{
    (void)state;
    supervise("state");
}

/* The heap cap refuses allocations the same way, without any injection: a cap too small for a
 * heap must give an error from deploy, for every size. Each try runs in a child process. */
static void test_tiny_memory_limits(void **state)
{
    static const uint64_t limits[] = {4096,   20000,  40000,  60000,  80000,
                                      100000, 120000, 160000, 250000, 400000};
    char failures[1024] = "";
    (void)state;
    for (size_t i = 0; i < sizeof limits / sizeof limits[0]; i++) {
        pid_t pid;
        int status;
        fflush(NULL);
        pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            char *dir = ts_tmpdir(), *code;
            persist_store *s = NULL;
            persist_options o;
            size_t n;
            int rc;
            /* cmocka's handlers would turn a crash into a failed test inside this child */
            signal(SIGSEGV, SIG_DFL);
            signal(SIGBUS, SIG_DFL);
            signal(SIGABRT, SIG_DFL);
            signal(SIGILL, SIG_DFL);
            signal(SIGFPE, SIG_DFL);
            persist_options_init(&o, sizeof o);
            o.js_memory_limit = limits[i];
            alarm(60);
            rc = persist_store_open(&s, dir, &o);
            if (rc == PERSIST_OK) {
                code = ts_fixture("testapp_v1.js", &n);
                rc = persist_store_deploy(s, code, n, PERSIST_DEPLOY_INIT, NULL);
                free(code);
            }
            persist_store_close(s);
            ts_rmrf(dir);
            _exit(rc <= 0 && strcmp(persist_strerror(rc), "unknown status") != 0 ? 0 : 3);
        }
        assert_int_equal(waitpid(pid, &status, 0), pid);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            snprintf(failures + strlen(failures), sizeof failures - strlen(failures),
                     "%s%llu bytes: %s %d", failures[0] ? "; " : "", (unsigned long long)limits[i],
                     WIFSIGNALED(status) ? "signal" : "exit",
                     WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
    }
    if (failures[0] != '\0')
        fail_msg("deploy with a tiny js_memory_limit crashed: %s", failures);
}

static int print_total(void **state)
{
    (void)state;
    fprintf(stderr,
            "alloc-failure: %ld allocation failure points tried (stride %ld), %ld crashed, %ld "
            "failed a check; %ld of %zu operations failed\n",
            points_total, stride(), crashes_total, checks_total, ops_failed, N_OPS);
    return 0;
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_existing),
        cmocka_unit_test(test_deploy_init),
        cmocka_unit_test(test_deploy_migrate),
        cmocka_unit_test(test_submit),
        cmocka_unit_test(test_submit_with_snapshot),
        cmocka_unit_test(test_submit_batch),
        cmocka_unit_test(test_set_state),
        cmocka_unit_test(test_snapshot),
        cmocka_unit_test(test_restore),
        cmocka_unit_test(test_state),
        cmocka_unit_test(test_tiny_memory_limits),
    };
    if (argc == 6 && strcmp(argv[1], "--child") == 0)
        return child_main(argv);
    return cmocka_run_group_tests(tests, NULL, print_total);
}
