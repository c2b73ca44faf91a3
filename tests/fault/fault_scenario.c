/* fault_scenario.c - I/O fault injection with libfiu: a fixed scenario (create a store, deploy,
 * submit, batch, snapshot, set-state, reopen, migrate, restore, prune with its compaction, flush,
 * close) runs while open, write, pwrite, writev, pwritev, fsync, fdatasync, msync, mmap and rename
 * fail, either one call at a time
 * (every call of the scenario in turn) or at random. Every API call must succeed or return an
 * error code, with no crash and no hang; afterwards the store, reopened without faults, must open
 * and restore, hold every event whose call returned PERSIST_OK (each once, in order), and equal
 * the live state the last handle had. Each trial runs in a child process.
 *
 * Runs under `fiu-run -x` (libfiu's POSIX preload wrappers), see tests/fault/run.sh:
 *   fault_scenario sequential sync|relaxed [errno-class]
 *   fault_scenario random sync|relaxed ROUNDS PROBABILITY SEED
 * Exit status 0 when every trial passed, 1 when one failed, 77 when libfiu's wrappers are absent.
 */
#define FIU_ENABLE 1
#include <errno.h>
#include <fcntl.h>
#include <fiu-control.h>
#include <fiu.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <persist.h>

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

#ifndef PERSIST_SOURCE_DIR
#define PERSIST_SOURCE_DIR "."
#endif

#define TRIAL_SECONDS 60 /* a trial that takes longer hangs */
#define MAX_CALLS     8192
#define MAX_TOKENS    64
#define MAX_STEPS     128

/* ---- fault points ---- */

typedef struct point {
    const char *name;
    int errnos[4]; /* what a failing call reports, chosen in turn (sequential) or at random */
} point;

static const point POINTS[] = {
    {"posix/io/oc/open", {EACCES, EMFILE, EIO, ENOSPC}},
    {"posix/io/rw/write", {EIO, ENOSPC, EDQUOT, EFBIG}},
    {"posix/io/rw/pwrite", {EIO, ENOSPC, EDQUOT, EFBIG}},
    {"posix/io/rw/writev", {EIO, ENOSPC, EDQUOT, EFBIG}},
    {"posix/io/rw/pwritev", {EIO, ENOSPC, EDQUOT, EFBIG}},
    {"posix/io/sync/fsync", {EIO, ENOSPC, EROFS, EIO}},
    {"posix/io/sync/fdatasync", {EIO, ENOSPC, EROFS, EIO}},
    {"posix/mm/msync", {EIO, ENOMEM, EIO, ENOMEM}},
    {"posix/mm/mmap", {ENOMEM, EAGAIN, EACCES, ENOMEM}},
    {"posix/io/dir/rename", {EIO, ENOSPC, EROFS, EIO}},
};
#define N_POINTS ((int)(sizeof POINTS / sizeof POINTS[0]))

/* MODE_ONE: only call `target` fails; MODE_FROM: it and every later call fail (a disk gone bad). */
enum { MODE_OFF, MODE_COUNT, MODE_ONE, MODE_FROM, MODE_RANDOM };

/* Injected faults, in total and by point. */
typedef struct fault_count {
    long all, at[N_POINTS];
} fault_count;

/* The running trial's counters, in memory shared with the parent (so a crash keeps them). */
static fault_count *shared_faults;

/* What the injection callback sees and records; per child process. */
static struct {
    int mode;
    int armed;       /* only the scenario's API calls see faults */
    long calls;      /* calls of fault points while armed */
    long target;     /* MODE_ONE: the call that fails */
    int errno_class; /* MODE_ONE: index into point.errnos */
    double p;        /* MODE_RANDOM */
    uint64_t rng;
    signed char call_point[MAX_CALLS];  /* MODE_COUNT: which point each call was */
    unsigned char call_step[MAX_CALLS]; /* MODE_COUNT: during which step of the scenario */
    int step;
    char steps[MAX_STEPS][24]; /* the scenario's API calls, in order */
} inj;

/* Names the API call the scenario makes next (for messages). */
static void step(const char *what, const char *arg)
{
    if (inj.step + 1 < MAX_STEPS)
        inj.step++;
    snprintf(inj.steps[inj.step], sizeof inj.steps[0], "%s%s%s", what, arg ? " " : "",
             arg ? arg : "");
}

static uint64_t rng_next(void)
{
    inj.rng ^= inj.rng << 13;
    inj.rng ^= inj.rng >> 7;
    inj.rng ^= inj.rng << 17;
    return inj.rng;
}

static int point_index(const char *name)
{
    for (int i = 0; i < N_POINTS; i++)
        if (strcmp(POINTS[i].name, name) == 0)
            return i;
    return -1;
}

/* libfiu asks this at every call of an enabled point: nonzero makes the call fail with the errno
 * in *failinfo. It must not call any wrapped function. */
static int decide(const char *name, int *failnum, void **failinfo, unsigned int *flags)
{
    int idx, e;
    long call;
    (void)failnum;
    (void)flags;
    if (!inj.armed || inj.mode == MODE_OFF)
        return 0;
    idx = point_index(name);
    call = inj.calls++;
    if (inj.mode == MODE_COUNT) {
        if (call < MAX_CALLS) {
            inj.call_point[call] = (signed char)idx;
            inj.call_step[call] = (unsigned char)inj.step;
        }
        return 0;
    }
    if ((inj.mode == MODE_ONE && call != inj.target) ||
        (inj.mode == MODE_FROM && call < inj.target))
        return 0;
    if (inj.mode == MODE_RANDOM && (double)(rng_next() >> 11) / 9007199254740992.0 >= inj.p)
        return 0;
    e = POINTS[idx < 0 ? 0 : idx]
            .errnos[inj.mode == MODE_RANDOM ? (int)(rng_next() & 3) : inj.errno_class & 3];
    *failinfo = (void *)(intptr_t)e;
    if (shared_faults != NULL) {
        shared_faults->all++;
        if (idx >= 0)
            shared_faults->at[idx]++;
    }
    return 1;
}

static int enable_points(void)
{
    for (int i = 0; i < N_POINTS; i++)
        if (fiu_enable_external(POINTS[i].name, 1, NULL, 0, decide) != 0)
            return -1;
    return 0;
}

/* The wrappers are in place when an armed open fails. */
static int wrappers_active(void)
{
    int fd, saved = inj.mode;
    inj.mode = MODE_ONE;
    inj.target = inj.calls;
    inj.armed = 1;
    fd = open("/dev/null", O_RDONLY);
    inj.armed = 0;
    inj.mode = saved;
    inj.calls = 0;
    if (fd >= 0) {
        close(fd);
        return 0;
    }
    return 1;
}

/* ---- what the scenario did: tokens in the order they were tried ---- */

typedef struct ledger {
    char tok[MAX_TOKENS][8];
    int acked[MAX_TOKENS];
    int n;
    int init_acked;
    char problem[1024]; /* first violation seen during the scenario */
} ledger;

static int add_token(ledger *lg, const char *tok)
{
    snprintf(lg->tok[lg->n], sizeof lg->tok[0], "%s", tok);
    lg->acked[lg->n] = 0;
    return lg->n++;
}

/* Every call must return PERSIST_OK or a known error code. */
static int check_rc(ledger *lg, int rc, const char *what)
{
    if (rc == PERSIST_OK ||
        (rc < 0 && strcmp(persist_strerror(rc), "unknown status") != 0 && rc != PERSIST_EINVAL))
        return rc;
    if (lg->problem[0] == '\0')
        snprintf(lg->problem, sizeof lg->problem, "%s returned %d (%s)", what, rc,
                 persist_strerror(rc));
    return rc;
}

static char *read_file(const char *rel, size_t *len)
{
    char path[4096];
    FILE *f;
    long n;
    char *buf;
    snprintf(path, sizeof path, "%s/%s", PERSIST_SOURCE_DIR, rel);
    f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    buf = malloc((size_t)n + 1);
    if (buf != NULL && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf != NULL) {
        buf[n] = '\0';
        *len = (size_t)n;
    }
    return buf;
}

typedef struct scenario_env {
    const char *dir;
    persist_options opts;
    char *v1, *v2;
    size_t v1_len, v2_len;
} scenario_env;

static void submit(persist_store *s, ledger *lg, const char *tok)
{
    char *resp = NULL;
    size_t len = 0;
    int i = add_token(lg, tok), rc;
    step("submit", tok);
    rc = check_rc(lg, persist_store_submit(s, tok, strlen(tok), &resp, &len), "submit");
    if (rc == PERSIST_OK) {
        lg->acked[i] = 1;
        if (resp == NULL && lg->problem[0] == '\0')
            snprintf(lg->problem, sizeof lg->problem, "submit %s: OK without a response", tok);
    } else if (resp != NULL && lg->problem[0] == '\0') {
        snprintf(lg->problem, sizeof lg->problem, "submit %s failed but set a response", tok);
    }
    persist_free(resp);
}

static void batch(persist_store *s, ledger *lg, const char *a, const char *b, const char *c)
{
    const char *toks[3] = {a, b, c};
    persist_batch_item items[3];
    int idx[3], rc;
    for (int i = 0; i < 3; i++) {
        idx[i] = add_token(lg, toks[i]);
        /* status 1: not set by the library (it leaves items alone when it refuses the call) */
        items[i] = (persist_batch_item){toks[i], strlen(toks[i]), 1, NULL, 0};
    }
    step("submit_batch", a);
    rc = check_rc(lg, persist_store_submit_batch(s, items, 3), "submit_batch");
    for (int i = 0; i < 3; i++) {
        if (rc == PERSIST_OK && items[i].status == PERSIST_OK)
            lg->acked[idx[i]] = 1;
        if (rc != PERSIST_OK && items[i].status == PERSIST_OK && lg->problem[0] == '\0')
            snprintf(lg->problem, sizeof lg->problem, "batch failed (%d) but item %d is OK", rc, i);
        persist_free(items[i].response);
    }
}

/* set-state to the live state plus one token (the app accepts any list of tokens). */
static void set_state_plus(persist_store *s, ledger *lg, const char *tok)
{
    char *text = NULL, *next;
    size_t len = 0;
    char *close_br;
    int i;
    if (persist_store_state(s, &text, &len) != PERSIST_OK)
        return;
    close_br = strrchr(text, ']');
    next = malloc(len + 16);
    if (close_br != NULL && next != NULL) {
        size_t head = (size_t)(close_br - text);
        int empty = head > 0 && text[head - 1] == '[';
        snprintf(next, len + 16, "%.*s%s\"%s\"%s", (int)head, text, empty ? "" : ",", tok,
                 close_br);
        i = add_token(lg, tok);
        step("set_state", tok);
        if (check_rc(lg, persist_store_set_state(s, next, strlen(next)), "set_state") == PERSIST_OK)
            lg->acked[i] = 1;
    }
    free(next);
    persist_free(text);
}

static void deploy(persist_store *s, ledger *lg, const scenario_env *env, uint32_t mode)
{
    int migrate = mode == PERSIST_DEPLOY_MIGRATE;
    int i = migrate ? add_token(lg, "M") : -1, rc;
    step("deploy", migrate ? "migrate" : "init");
    rc = check_rc(lg,
                  persist_store_deploy(s, migrate ? env->v2 : env->v1,
                                       migrate ? env->v2_len : env->v1_len, mode, NULL),
                  "deploy");
    if (rc == PERSIST_OK && migrate)
        lg->acked[i] = 1;
    if (rc == PERSIST_OK && !migrate)
        lg->init_acked = 1;
}

static persist_store *reopen(persist_store *s, ledger *lg, const scenario_env *env)
{
    int rc;
    step("close", NULL);
    if (s != NULL)
        check_rc(lg, persist_store_close(s), "close");
    s = NULL;
    step("open", NULL);
    rc = check_rc(lg, persist_store_open(&s, env->dir, &env->opts), "open");
    if (rc != PERSIST_OK) {
        char msg[256];
        persist_store_errmsg(s, msg, sizeof msg); /* readable after a failed open */
        if (s == NULL && rc != PERSIST_ENOMEM && lg->problem[0] == '\0')
            snprintf(lg->problem, sizeof lg->problem, "open failed (%d) without a handle", rc);
        persist_store_close(s);
        return NULL;
    }
    return s;
}

/* Read-only calls. */
static void probe(persist_store *s, ledger *lg)
{
    uint64_t v;
    char hash[65], *text = NULL;
    step("head", NULL);
    check_rc(lg, persist_store_head(s, &v), "head");
    step("record_count", NULL);
    check_rc(lg, persist_store_record_count(s, &v), "record_count");
    step("snapshot_seq", NULL);
    check_rc(lg, persist_store_snapshot_seq(s, &v), "snapshot_seq");
    step("app_hash", NULL);
    check_rc(lg, persist_store_app_hash(s, hash, sizeof hash), "app_hash");
    step("state", NULL);
    check_rc(lg, persist_store_state(s, &text, NULL), "state");
    persist_free(text);
}

/* The scenario; API calls see faults. Returns the handle still open at the end (or NULL). */
/* A snapshot, then a prune of the history before it, with the compaction that replaces data.mdb
 * (no other process has the store open). */
static void prune(persist_store *s, ledger *lg)
{
    persist_prune_report rep;
    uint64_t head = 0;
    step("prune", NULL);
    check_rc(lg, persist_store_snapshot(s), "snapshot");
    memset(&rep, 0, sizeof rep);
    rep.struct_size = sizeof rep;
    if (check_rc(lg, persist_store_head(s, &head), "head") == PERSIST_OK)
        check_rc(lg, persist_store_prune(s, head, &rep), "prune");
}

static persist_store *scenario(const scenario_env *env, ledger *lg)
{
    persist_store *s;
    char tok[8];
    char *text = NULL;
    inj.armed = 1;
    s = reopen(NULL, lg, env); /* creates the store */
    deploy(s, lg, env, PERSIST_DEPLOY_INIT);
    if (!lg->init_acked) /* a host would try again */
        deploy(s, lg, env, PERSIST_DEPLOY_INIT);
    for (int i = 1; i <= 6; i++) {
        snprintf(tok, sizeof tok, "e%d", i);
        submit(s, lg, tok);
        if (i == 3)
            probe(s, lg);
    }
    batch(s, lg, "b1", "b2", "b3");
    step("snapshot", NULL);
    check_rc(lg, persist_store_snapshot(s), "snapshot");
    set_state_plus(s, lg, "S1");
    step("flush", NULL);
    check_rc(lg, persist_store_flush(s), "flush");
    s = reopen(s, lg, env); /* open of an existing store: snapshot and replay */
    step("state", NULL);
    if (s != NULL && !lg->init_acked && persist_store_state(s, &text, NULL) == PERSIST_ENOAPP)
        deploy(s, lg, env, PERSIST_DEPLOY_INIT);
    persist_free(text);
    for (int i = 7; i <= 9; i++) {
        snprintf(tok, sizeof tok, "e%d", i);
        submit(s, lg, tok);
    }
    deploy(s, lg, env, PERSIST_DEPLOY_MIGRATE);
    for (int i = 10; i <= 12; i++) {
        snprintf(tok, sizeof tok, "e%d", i);
        submit(s, lg, tok);
    }
    batch(s, lg, "b4", "b5", "b6");
    step("restore", NULL);
    check_rc(lg, persist_store_restore(s), "restore");
    probe(s, lg);
    submit(s, lg, "e13");
    prune(s, lg);
    submit(s, lg, "e14");
    step("flush", NULL);
    check_rc(lg, persist_store_flush(s), "flush");
    inj.armed = 0;
    return s;
}

/* ---- checking the store without faults ---- */

/* The quoted strings after "seen":[ in a ledger state, in order. */
static int parse_seen(const char *text, char out[][8], int cap)
{
    const char *p = strstr(text, "\"seen\":[");
    int n = 0;
    if (p == NULL)
        return -1;
    p += 8;
    while (*p != ']' && *p != '\0') {
        const char *q;
        if (*p != '"')
            return -1;
        q = strchr(p + 1, '"');
        if (q == NULL || q - p - 1 >= 8 || n == cap)
            return -1;
        snprintf(out[n++], 8, "%.*s", (int)(q - p - 1), p + 1);
        p = q + 1;
        if (*p == ',')
            p++;
    }
    return n;
}

static int verify(const scenario_env *env, ledger *lg, persist_store *s, char *why, size_t cap)
{
    char *live = NULL, *disk = NULL, seen[MAX_TOKENS][8];
    int live_rc = PERSIST_ENOAPP, rc, n, last = -1, ok = 0;
    if (lg->problem[0] != '\0') {
        snprintf(why, cap, "%s", lg->problem);
        persist_store_close(s);
        return 0;
    }
    /* The live state of the last handle is what a restore from disk gives. */
    if (s != NULL)
        live_rc = persist_store_state(s, &live, NULL);
    persist_store_close(s);
    s = NULL;
    rc = persist_store_open(&s, env->dir, &env->opts);
    if (rc != PERSIST_OK) {
        char msg[512];
        persist_store_errmsg(s, msg, sizeof msg);
        snprintf(why, cap, "the store does not open without faults: %d (%s) %s", rc,
                 persist_strerror(rc), msg);
        goto out;
    }
    rc = persist_store_state(s, &disk, NULL);
    if (rc == PERSIST_ENOAPP) {
        for (int i = 0; i < lg->n; i++)
            if (lg->acked[i]) {
                snprintf(why, cap, "no app after reopening, but %s was acknowledged", lg->tok[i]);
                goto out;
            }
        if (lg->init_acked) {
            snprintf(why, cap, "no app after reopening, but the deploy was acknowledged");
            goto out;
        }
        ok = live_rc == PERSIST_ENOAPP || live_rc == PERSIST_EMISUSE;
        if (!ok)
            snprintf(why, cap, "the live handle had an app (%d) but the store has none", live_rc);
        goto out;
    }
    if (rc != PERSIST_OK) {
        snprintf(why, cap, "reading the reopened state: %d", rc);
        goto out;
    }
    if (live_rc == PERSIST_OK && strcmp(live, disk) != 0) {
        snprintf(why, cap, "live state %.300s differs from the reopened %.300s", live, disk);
        goto out;
    }
    n = parse_seen(disk, seen, MAX_TOKENS);
    if (n < 0) {
        snprintf(why, cap, "unexpected state %.300s", disk);
        goto out;
    }
    /* Every event in the state was tried, once, in order; every acknowledged one is there. */
    for (int j = 0; j < n; j++) {
        int at = -1;
        for (int i = last + 1; i < lg->n && at < 0; i++)
            if (strcmp(lg->tok[i], seen[j]) == 0)
                at = i;
        if (at < 0) {
            snprintf(why, cap, "token %s is in the state out of order, twice or never sent: %.300s",
                     seen[j], disk);
            goto out;
        }
        for (int i = last + 1; i < at; i++)
            if (lg->acked[i]) {
                snprintf(why, cap, "acknowledged %s is missing: %.300s", lg->tok[i], disk);
                goto out;
            }
        last = at;
    }
    for (int i = last + 1; i < lg->n; i++)
        if (lg->acked[i]) {
            snprintf(why, cap, "acknowledged %s is missing: %.300s", lg->tok[i], disk);
            goto out;
        }
    ok = 1;
out:
    persist_free(live);
    persist_free(disk);
    persist_store_close(s);
    return ok;
}

/* ---- trials ---- */

/* What a child reports to the parent (shared memory). */
typedef struct trial_result {
    int done, passed;
    fault_count faults;
    long calls, acked, tokens;
    char dir[4096]; /* the trial's store */
    char why[1024];
    signed char call_point[MAX_CALLS];
    unsigned char call_step[MAX_CALLS];
    char steps[MAX_STEPS][24];
} trial_result;

static void rmrf(const char *dir)
{
    char cmd[4200];
    if (strstr(dir, "persist-fault-") == NULL)
        return;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
}

static void child_trial(scenario_env *env, trial_result *res, int forked)
{
    ledger lg;
    persist_store *s;
    char dir[4096];
    const char *base = getenv("TMPDIR");
    memset(&lg, 0, sizeof lg);
    snprintf(dir, sizeof dir, "%s/persist-fault-XXXXXX", base && base[0] ? base : "/tmp");
    if (mkdtemp(dir) == NULL)
        _exit(3);
    env->dir = dir;
    snprintf(res->dir, sizeof res->dir, "%s", dir);
    alarm(TRIAL_SECONDS);
    s = scenario(env, &lg);
    inj.armed = 0;
    res->passed = verify(env, &lg, s, res->why, sizeof res->why);
#ifdef HAVE_LSAN
    if (res->passed && __lsan_do_recoverable_leak_check() != 0) {
        res->passed = 0;
        snprintf(res->why, sizeof res->why, "LeakSanitizer found leaks (report above)");
    }
#endif
    res->calls = inj.calls;
    memcpy(res->call_point, inj.call_point, sizeof inj.call_point);
    memcpy(res->call_step, inj.call_step, sizeof inj.call_step);
    memcpy(res->steps, inj.steps, sizeof inj.steps);
    res->tokens = lg.n;
    for (int i = 0; i < lg.n; i++)
        res->acked += lg.acked[i];
    res->done = 1;
    if (res->passed)
        rmrf(dir);
    if (forked)
        _exit(0);
}

#define MAX_SHOWN   12 /* failed trials described per run */
#define KEEP_STORES 1  /* and the store of the first one kept for a look */
static int failures_shown;

/* Copies the last `n` lines of a child's captured stderr, indented. */
static void show_tail(FILE *f, int n)
{
    char ring[24][512], line[512];
    int count = 0;
    if (f == NULL)
        return;
    rewind(f);
    while (fgets(line, sizeof line, f) != NULL)
        snprintf(ring[count++ % 24], sizeof ring[0], "%s", line);
    for (int i = count > n ? count - n : 0; i < count; i++)
        fprintf(stderr, "  | %s", ring[i % 24]);
}

/* Runs one trial in a child; returns 1 when it passed. The child's stderr (sanitizer reports) is
 * shown for the failures that are described. */
static int run_trial(scenario_env *env, trial_result *res, const char *label)
{
    pid_t pid;
    int status;
    FILE *err = tmpfile();
    memset(res, 0, sizeof *res);
    shared_faults = &res->faults;
    fflush(NULL);
    pid = fork();
    if (pid < 0) {
        perror("fork");
        exit(2);
    }
    if (pid == 0) {
        if (err != NULL)
            dup2(fileno(err), STDERR_FILENO);
        child_trial(env, res, 1);
    }
    if (waitpid(pid, &status, 0) != pid) {
        perror("waitpid");
        exit(2);
    }
    if (WIFSIGNALED(status)) {
        snprintf(res->why, sizeof res->why, "%s (signal %d%s)",
                 WTERMSIG(status) == SIGALRM ? "HANG" : "CRASH", WTERMSIG(status),
                 WTERMSIG(status) == SIGALRM ? ": the trial took longer than 60 s" : "");
        res->passed = 0;
    } else if (!res->done) {
        snprintf(res->why, sizeof res->why,
                 "CRASH (the child died with exit status %d before finishing: a sanitizer "
                 "report?)",
                 WEXITSTATUS(status));
        res->passed = 0;
    }
    if (!res->passed && ++failures_shown > MAX_SHOWN) {
        if (failures_shown == MAX_SHOWN + 1)
            fprintf(stderr, "fault: (further failures of this run are counted, not shown)\n");
        rmrf(res->dir);
    } else if (!res->passed) {
        if (failures_shown <= KEEP_STORES)
            snprintf(res->why + strlen(res->why), sizeof res->why - strlen(res->why),
                     " [store kept in %s]", res->dir);
        else
            rmrf(res->dir);
        show_tail(err, 24);
        fprintf(stderr, "fault: FAILED %s: %s; faults injected:", label, res->why);
        for (int i = 0; i < N_POINTS; i++)
            if (res->faults.at[i] > 0)
                fprintf(stderr, " %s %ld", strrchr(POINTS[i].name, '/') + 1, res->faults.at[i]);
        fprintf(stderr, "\n");
    }
    if (err != NULL)
        fclose(err);
    return res->passed;
}

/* Failed trials by kind, so that one bug cannot hide another behind the display limit. */
enum { KIND_CRASH, KIND_CRASH_MMAP, KIND_HANG, KIND_LEAK, KIND_LOST, KIND_OTHER, N_KINDS };
static const char *const KIND_NAMES[N_KINDS] = {"crash", "crash after an mmap fault",   "hang",
                                                "leak",  "lost or inconsistent events", "other"};

typedef struct totals {
    long trials, passed, failed, injected, injected_at[N_POINTS], kinds[N_KINDS];
} totals;

static int failure_kind(const trial_result *r)
{
    int mmap_idx = point_index("posix/mm/mmap");
    if (strncmp(r->why, "CRASH", 5) == 0)
        return r->faults.at[mmap_idx] > 0 ? KIND_CRASH_MMAP : KIND_CRASH;
    if (strncmp(r->why, "HANG", 4) == 0)
        return KIND_HANG;
    if (strstr(r->why, "LeakSanitizer") != NULL)
        return KIND_LEAK;
    if (strstr(r->why, "missing") != NULL || strstr(r->why, "differs") != NULL ||
        strstr(r->why, "out of order") != NULL || strstr(r->why, "no app") != NULL)
        return KIND_LOST;
    return KIND_OTHER;
}

static void add_totals(totals *t, const trial_result *r, int passed)
{
    t->trials++;
    t->passed += passed;
    t->failed += !passed;
    t->injected += r->faults.all;
    for (int i = 0; i < N_POINTS; i++)
        t->injected_at[i] += r->faults.at[i];
    if (!passed)
        t->kinds[failure_kind(r)]++;
}

static void print_totals(const char *what, const totals *t, double secs)
{
    printf("fault: %s: %ld trials, %ld passed, %ld failed, %ld faults injected (", what, t->trials,
           t->passed, t->failed, t->injected);
    for (int i = 0, first = 1; i < N_POINTS; i++)
        if (t->injected_at[i] > 0) {
            printf("%s%s %ld", first ? "" : ", ", strrchr(POINTS[i].name, '/') + 1,
                   t->injected_at[i]);
            first = 0;
        }
    printf(") in %.1f s\n", secs);
    if (t->failed > 0) {
        printf("fault: %s: failures:", what);
        for (int k = 0, first = 1; k < N_KINDS; k++)
            if (t->kinds[k] > 0) {
                printf("%s %s %ld", first ? "" : ",", KIND_NAMES[k], t->kinds[k]);
                first = 0;
            }
        printf("\n");
    }
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Count the scenario's fault-point calls, then fail each call in turn. */
static int sequential(scenario_env *env, trial_result *res, int mode, int errno_class,
                      const char *label)
{
    static signed char call_point[MAX_CALLS];
    static unsigned char call_step[MAX_CALLS];
    static char steps[MAX_STEPS][24];
    int trace = getenv("FAULT_TRACE") != NULL;
    totals t = {0};
    long calls, by_point[N_POINTS] = {0};
    double t0 = now_s();
    char name[192];
    inj.mode = MODE_COUNT;
    if (!run_trial(env, res, "counting run (no faults)"))
        return 1;
    calls = res->calls;
    memcpy(call_point, res->call_point, sizeof call_point);
    memcpy(call_step, res->call_step, sizeof call_step);
    memcpy(steps, res->steps, sizeof steps);
    for (long k = 0; k < calls && k < MAX_CALLS; k++)
        if (res->call_point[k] >= 0)
            by_point[(int)res->call_point[k]]++;
    printf("fault: %s: the scenario makes %ld fault-point calls (", label, calls);
    for (int i = 0, first = 1; i < N_POINTS; i++)
        if (by_point[i] > 0) {
            printf("%s%s %ld", first ? "" : ", ", strrchr(POINTS[i].name, '/') + 1, by_point[i]);
            first = 0;
        }
    printf("), %ld events acknowledged\n", res->acked);
    fflush(stdout);
    inj.mode = mode;
    inj.errno_class = errno_class;
    for (long k = 0; k < calls; k++) {
        int idx = k < MAX_CALLS ? call_point[k] : -1;
        snprintf(name, sizeof name, "%s, call %ld (%s, errno %d) in %s", label, k,
                 idx >= 0 ? POINTS[idx].name : "?",
                 idx >= 0 ? POINTS[idx].errnos[errno_class & 3] : 0,
                 k < MAX_CALLS ? steps[call_step[k]] : "?");
        if (trace)
            printf("fault: %s\n", name);
        inj.target = k;
        add_totals(&t, res, run_trial(env, res, name));
    }
    print_totals(label, &t, now_s() - t0);
    printf("fault: %ld passed, %ld failed, %ld faults injected\n", t.passed, t.failed, t.injected);
    return t.failed > 0;
}

static int random_rounds(scenario_env *env, trial_result *res, long rounds, double p, uint64_t seed,
                         const char *label)
{
    totals t = {0};
    double t0 = now_s();
    char name[128];
    inj.mode = MODE_RANDOM;
    inj.p = p;
    for (long r = 0; r < rounds; r++) {
        inj.rng = (seed + (uint64_t)r) * 0x9E3779B97F4A7C15ull | 1;
        snprintf(name, sizeof name, "%s, round %ld (seed %llu)", label, r,
                 (unsigned long long)(seed + (uint64_t)r));
        add_totals(&t, res, run_trial(env, res, name));
    }
    print_totals(label, &t, now_s() - t0);
    printf("fault: %ld passed, %ld failed, %ld faults injected\n", t.passed, t.failed, t.injected);
    return t.failed > 0;
}

/* One trial in this process (for a debugger): call k fails. */
static int single(scenario_env *env, trial_result *res, long k, int errno_class, int from)
{
    inj.mode = from ? MODE_FROM : MODE_ONE;
    inj.target = k;
    inj.errno_class = errno_class;
    memset(res, 0, sizeof *res);
    child_trial(env, res, 0);
    printf("fault: single trial, call %ld: %s %s\n", k, res->passed ? "passed" : "FAILED",
           res->why);
    return !res->passed;
}

static int usage(void)
{
    fprintf(stderr,
            "usage: fault_scenario sequential|persistent sync|relaxed [ERRNO_CLASS 0-3]\n"
            "       fault_scenario random sync|relaxed ROUNDS PROBABILITY SEED\n"
            "       fault_scenario single sync|relaxed CALL [ERRNO_CLASS [persistent]]  (no fork)\n"
            "       fault_scenario tinymap sync|relaxed\n");
    return 2;
}

static int run_command(scenario_env *env, trial_result *res, int argc, char **argv)
{
    char label[64];
    if (strcmp(argv[1], "sequential") == 0 || strcmp(argv[1], "persistent") == 0) {
        int cls = argc > 3 ? atoi(argv[3]) : 0;
        snprintf(label, sizeof label, "%s %s errno-class %d", argv[1], argv[2], cls);
        return sequential(env, res, argv[1][0] == 's' ? MODE_ONE : MODE_FROM, cls, label);
    }
    if (strcmp(argv[1], "tinymap") == 0) { /* no faults; a map too small for the first commit */
        int passed;
        env->opts.map_size = 16 * 1024;
        inj.mode = MODE_OFF;
        passed = run_trial(env, res, "tiny map (16 KiB), no faults");
        printf("fault: %d passed, %d failed, 0 faults injected\n", passed, !passed);
        return !passed;
    }
    if (strcmp(argv[1], "single") == 0 && argc >= 4)
        return single(env, res, atol(argv[3]), argc > 4 ? atoi(argv[4]) : 0,
                      argc > 5 && strcmp(argv[5], "persistent") == 0);
    if (strcmp(argv[1], "random") == 0 && argc == 6) {
        snprintf(label, sizeof label, "random %s p=%s", argv[2], argv[4]);
        return random_rounds(env, res, atol(argv[3]), atof(argv[4]),
                             (uint64_t)strtoull(argv[5], NULL, 10), label);
    }
    return usage();
}

int main(int argc, char **argv)
{
    scenario_env env;
    trial_result *res;
    int relaxed, rc;
    if (argc < 3)
        return usage();
    relaxed = strcmp(argv[2], "relaxed") == 0;
    if (fiu_init(0) != 0 || enable_points() != 0) {
        fprintf(stderr, "fault: cannot set up libfiu\n");
        return 2;
    }
    if (!wrappers_active()) {
        fprintf(stderr, "fault: libfiu's POSIX wrappers are not loaded (run under fiu-run -x)\n");
        return 77;
    }
    memset(&env, 0, sizeof env);
    persist_options_init(&env.opts, sizeof env.opts);
    env.opts.snapshot_every = 4;
    env.opts.map_size = 48 * 1024; /* small: the map grows (munmap + mmap) in the first submit */
    env.opts.durability = relaxed ? PERSIST_DURABILITY_RELAXED : PERSIST_DURABILITY_SYNC;
    env.v1 = read_file("tests/fault/ledger_v1.js", &env.v1_len);
    env.v2 = read_file("tests/fault/ledger_v2.js", &env.v2_len);
    if (env.v1 == NULL || env.v2 == NULL) {
        fprintf(stderr, "fault: cannot read tests/fault/ledger_v*.js under %s\n",
                PERSIST_SOURCE_DIR);
        return 2;
    }
    /* Shared with the children, which write their results into it. */
    res = mmap(NULL, sizeof *res, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (res == MAP_FAILED)
        return 2;
    rc = run_command(&env, res, argc, argv);
    free(env.v1);
    free(env.v2);
    munmap(res, sizeof *res);
    return rc;
}
