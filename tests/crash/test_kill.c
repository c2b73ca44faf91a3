/* test_kill.c - kill -9 at random moments: a child process submits events (single, batches,
 * deploys, snapshots; synced or relaxed) and reports each acknowledged one through a pipe; the
 * parent kills it with SIGKILL after a random delay, reopens the store and checks that every
 * acknowledged event is there, that at most the one call in flight was added on top, all of a
 * batch or none of it, that the app is the old or the new one after a deploy, and that the state
 * equals both a restore from disk and what a model computes for the applied prefix. Every round
 * continues on the same store, so the log grows and holds many snapshots. A fifth test kills
 * children that are creating a new store, and a sixth kills them during maintenance (prune with
 * compaction, hot backups) between events. tests/crash/README.md has the details.
 *
 * PERSIST_KILLS=N sets the number of kills (default 400, split over the first four tests; the
 * creation test adds a quarter share);
 * PERSIST_SEED=S repeats a run's random choices (the seed is printed; timing still varies). */
#include "support.h"

#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_KILLS    400
#define MAX_DELAY_US     30000
#define SNAPSHOT_EVERY   5
#define MAX_BATCH        20
#define READY_TIMEOUT_MS 60000

/* What a child does between kills. */
enum mode {
    MODE_SUBMIT_SNAPSHOT, /* single submits, a manual snapshot after half of them */
    MODE_BATCH,           /* batches of 1 to MAX_BATCH events, some single submits */
    MODE_DEPLOY,          /* deploys (migrating v1 <-> v2) between submits and batches */
    MODE_RELAXED,         /* all of the above and flushes, PERSIST_DURABILITY_RELAXED */
    MODE_MAINTENANCE,     /* submits and batches, prune with compaction, backups */
    MODE_CREATE,          /* a new store each round: create, first deploy, submits */
    MODE_COUNT
};

/* PERSIST_KILLS is split over the first MAIN_MODES modes; MODE_CREATE adds a quarter share. */
#define MAIN_MODES 5

static const char *const mode_names[MODE_COUNT] = {"submit+snapshot", "batch",       "deploy",
                                                   "relaxed",         "maintenance", "create"};

/* Pipe messages: fixed-size records, so a record cut short by the kill is detected and ignored. */
enum msg_type {
    MSG_READY = 1,    /* store open */
    MSG_BEGIN,        /* a = first event id, b = count: submit (b = 1) or batch about to start */
    MSG_ACK,          /* a, b: that call returned PERSIST_OK */
    MSG_DEPLOY,       /* a = app version about to be deployed */
    MSG_DEPLOY_ACK,   /* a = app version now live */
    MSG_SNAPSHOT,     /* persist_store_snapshot about to start */
    MSG_SNAPSHOT_ACK, /* it returned PERSIST_OK */
    MSG_FLUSH,        /* persist_store_flush about to start */
    MSG_FLUSH_ACK,    /* it returned PERSIST_OK */
    MSG_MAINT,        /* a prune (a = 1) or a backup (a = 2) about to start */
    MSG_MAINT_ACK     /* it returned PERSIST_OK */
};

#define MSG_MAGIC 0x4b494c4cu

typedef struct msg {
    uint32_t type, a, b, check;
} msg;

/* What the parent learnt from one child's messages. */
typedef struct tracker {
    uint32_t acked_end;  /* id after the last acknowledged event */
    uint32_t flight_end; /* id after the events of a call in flight; 0 = none */
    int version;         /* app version acknowledged live */
    int flight_version;  /* version of a deploy in flight; 0 = none */
    unsigned deploys;    /* deploys acknowledged */
    int ready;
    int last_type;   /* type of the last message: where the kill landed */
    char error[256]; /* a protocol error, reported after the child is gone */
} tracker;

/* One test's store and running totals. */
typedef struct kill_run {
    char *dir;
    enum mode mode;
    uint64_t seed;
    char *code[3]; /* code[1], code[2]: crash_app_v1.js / v2.js */
    size_t code_len[3];
    char hash[3][65]; /* their app hashes */
    uint32_t applied; /* events applied (the prefix 0 .. applied-1) */
    int version;      /* live app version */
    uint64_t deploys; /* deploy records in the log */
    /* statistics */
    unsigned kills, in_open, in_submit, in_batch, in_deploy, in_snapshot, in_flush, in_maint,
        between;
    unsigned flight_applied, flight_deploys;
    uint64_t acked_events;
} kill_run;

/* ---- random numbers (splitmix64: tiny, seedable, good enough to pick delays) ---- */

static uint64_t next_rand(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static unsigned rand_below(uint64_t *x, unsigned n)
{
    return (unsigned)(next_rand(x) % n);
}

static uint64_t now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static unsigned env_unsigned(const char *name, unsigned dflt)
{
    const char *v = getenv(name);
    return v != NULL && v[0] != '\0' ? (unsigned)strtoul(v, NULL, 10) : dflt;
}

static uint64_t base_seed(void)
{
    static uint64_t seed;
    const char *v = getenv("PERSIST_SEED");
    if (seed != 0)
        return seed;
    if (v != NULL && v[0] != '\0')
        seed = strtoull(v, NULL, 0);
    else
        seed = ((uint64_t)time(NULL) << 20) ^ (uint64_t)getpid();
    if (seed == 0)
        seed = 1;
    return seed;
}

/* ---- the model: what crash_app_v1.js / v2.js serialize after events 0 .. n-1 ---- */

static void model_state(char *buf, size_t cap, int version, uint32_t n)
{
    uint64_t h = 0;
    for (uint32_t id = 0; id < n; id++)
        h = (h * 31 + id + 1) % 1000000007u;
    snprintf(buf, cap, "{\"v\":%d,\"n\":%" PRIu32 ",\"h\":%" PRIu64 ",\"bad\":\"\"}", version, n,
             h);
}

/* ---- the child: never returns, never touches cmocka ---- */

typedef struct child_plan {
    const kill_run *run;
    uint64_t seed;
    pid_t parent;
    int fd;
} child_plan;

static _Noreturn void child_die(persist_store *s, const char *what, int rc)
{
    char buf[1024] = "";
    if (s != NULL)
        persist_store_errmsg(s, buf, sizeof buf);
    fprintf(stderr, "kill-test child: %s returned %d (%s): %s\n", what, rc, persist_strerror(rc),
            buf);
    _exit(3);
}

static void child_send(int fd, uint32_t type, uint32_t a, uint32_t b)
{
    msg m = {type, a, b, type ^ a ^ b ^ MSG_MAGIC};
    ssize_t n;
    do
        n = write(fd, &m, sizeof m);
    while (n < 0 && errno == EINTR);
    if (n != (ssize_t)sizeof m)
        _exit(4);
}

static void child_check_response(const char *resp, int version, uint32_t n)
{
    char want[64];
    snprintf(want, sizeof want, "%sn=%" PRIu32, version == 2 ? "v2 " : "", n);
    if (resp == NULL || strcmp(resp, want) != 0) {
        fprintf(stderr, "kill-test child: response '%s', expected '%s'\n", resp ? resp : "(null)",
                want);
        _exit(3);
    }
}

static uint32_t child_submit(persist_store *s, int fd, uint32_t id, int version)
{
    char event[32], *resp = NULL;
    int len = snprintf(event, sizeof event, "e %" PRIu32, id);
    int rc;
    child_send(fd, MSG_BEGIN, id, 1);
    rc = persist_store_submit(s, event, (size_t)len, &resp, NULL);
    if (rc != PERSIST_OK)
        child_die(s, "persist_store_submit", rc);
    child_send(fd, MSG_ACK, id, 1);
    child_check_response(resp, version, id + 1);
    persist_free(resp);
    return id + 1;
}

static uint32_t child_batch(persist_store *s, int fd, uint32_t id, int version, unsigned n)
{
    char events[MAX_BATCH][32];
    persist_batch_item items[MAX_BATCH];
    int rc;
    memset(items, 0, sizeof items);
    for (unsigned i = 0; i < n; i++) {
        int len = snprintf(events[i], sizeof events[i], "e %" PRIu32, id + i);
        items[i].event = events[i];
        items[i].event_len = (size_t)len;
    }
    child_send(fd, MSG_BEGIN, id, n);
    rc = persist_store_submit_batch(s, items, n);
    if (rc != PERSIST_OK)
        child_die(s, "persist_store_submit_batch", rc);
    child_send(fd, MSG_ACK, id, n);
    for (unsigned i = 0; i < n; i++) {
        if (items[i].status != PERSIST_OK)
            child_die(s, "a batch item", items[i].status);
        child_check_response(items[i].response, version, id + i + 1);
        persist_free(items[i].response);
    }
    return id + n;
}

/* Deploys alternate v1 -> v2 -> v1 ...; the first one (version 0: none yet) initializes. */
static int next_version(int version)
{
    return version == 1 ? 2 : 1;
}

static int child_deploy(persist_store *s, int fd, const kill_run *run, int version)
{
    int next = next_version(version), rc;
    child_send(fd, MSG_DEPLOY, (uint32_t)next, 0);
    rc = persist_store_deploy(s, run->code[next], run->code_len[next],
                              version == 0 ? PERSIST_DEPLOY_INIT : PERSIST_DEPLOY_MIGRATE, NULL);
    if (rc != PERSIST_OK)
        child_die(s, "persist_store_deploy", rc);
    child_send(fd, MSG_DEPLOY_ACK, (uint32_t)next, 0);
    return next;
}

static void child_snapshot(persist_store *s, int fd)
{
    int rc;
    child_send(fd, MSG_SNAPSHOT, 0, 0);
    rc = persist_store_snapshot(s);
    if (rc != PERSIST_OK)
        child_die(s, "persist_store_snapshot", rc);
    child_send(fd, MSG_SNAPSHOT_ACK, 0, 0);
}

static void child_flush(persist_store *s, int fd)
{
    int rc;
    child_send(fd, MSG_FLUSH, 0, 0);
    rc = persist_store_flush(s);
    if (rc != PERSIST_OK)
        child_die(s, "persist_store_flush", rc);
    child_send(fd, MSG_FLUSH_ACK, 0, 0);
}

/* Where a backup goes: beside the store (the parent checks it after every kill). */
static void backup_dir(const kill_run *run, char *out, size_t cap)
{
    snprintf(out, cap, "%s-backup", run->dir);
}

/* Prune to the newest snapshot (compacting: no other process has the store open), or a hot
 * backup that replaces the previous one. */
static void child_maintenance(persist_store *s, const kill_run *run, int fd, unsigned r)
{
    char dir[4200], data[4300];
    persist_prune_report rep;
    uint64_t seq = 0;
    int rc;
    child_send(fd, MSG_MAINT, r < 50 ? 1 : 2, 0);
    if (r < 50) {
        memset(&rep, 0, sizeof rep);
        rep.struct_size = sizeof rep;
        rc = persist_store_snapshot_seq(s, &seq);
        if (rc == PERSIST_OK && seq > 0)
            rc = persist_store_prune(s, seq, &rep);
        if (rc == PERSIST_OK && seq > 0 && rep.compacted != 1)
            child_die(s, "persist_store_prune did not compact", PERSIST_ERROR);
    } else {
        backup_dir(run, dir, sizeof dir);
        snprintf(data, sizeof data, "%s/data.mdb", dir);
        unlink(data);
        rc = persist_store_backup(s, dir);
    }
    if (rc != PERSIST_OK)
        child_die(s, r < 50 ? "persist_store_prune" : "persist_store_backup", rc);
    child_send(fd, MSG_MAINT_ACK, 0, 0);
}

/* One step of the child's work; which steps depends on the test's mode. */
static void child_step(persist_store *s, const child_plan *p, uint64_t *rng, uint32_t *id,
                       int *version)
{
    unsigned r = rand_below(rng, 100);
    switch (p->run->mode) {
    case MODE_SUBMIT_SNAPSHOT:
        *id = child_submit(s, p->fd, *id, *version);
        if (r < 50)
            child_snapshot(s, p->fd);
        break;
    case MODE_BATCH:
        if (r < 10)
            *id = child_submit(s, p->fd, *id, *version);
        else
            *id = child_batch(s, p->fd, *id, *version, 1 + rand_below(rng, MAX_BATCH));
        break;
    case MODE_DEPLOY:
        if (r < 40)
            *version = child_deploy(s, p->fd, p->run, *version);
        else if (r < 70)
            *id = child_submit(s, p->fd, *id, *version);
        else
            *id = child_batch(s, p->fd, *id, *version, 1 + rand_below(rng, MAX_BATCH));
        break;
    case MODE_MAINTENANCE:
        if (r < 40)
            *id = child_submit(s, p->fd, *id, *version);
        else if (r < 80)
            *id = child_batch(s, p->fd, *id, *version, 1 + rand_below(rng, MAX_BATCH));
        else
            child_maintenance(s, p->run, p->fd, rand_below(rng, 100));
        break;
    case MODE_CREATE:
        if (*version == 0)
            *version = child_deploy(s, p->fd, p->run, *version);
        else if (r < 50)
            *id = child_submit(s, p->fd, *id, *version);
        else
            *id = child_batch(s, p->fd, *id, *version, 1 + rand_below(rng, MAX_BATCH));
        break;
    default: /* MODE_RELAXED: everything, flushing only now and then */
        if (r < 35)
            *id = child_submit(s, p->fd, *id, *version);
        else if (r < 70)
            *id = child_batch(s, p->fd, *id, *version, 1 + rand_below(rng, MAX_BATCH));
        else if (r < 80)
            child_snapshot(s, p->fd);
        else if (r < 90)
            *version = child_deploy(s, p->fd, p->run, *version);
        else if (r < 92)
            child_flush(s, p->fd);
        break;
    }
}

static void child_options(persist_options *o, enum mode mode)
{
    persist_options_init(o, sizeof *o);
    o->snapshot_every = SNAPSHOT_EVERY;
    if (mode == MODE_RELAXED)
        o->durability = PERSIST_DURABILITY_RELAXED;
}

/* Never returns: the child must not run cmocka's signal handlers (they would jump back into the
 * test runner), and it dies with the parent if the parent goes first. */
static _Noreturn void child_main(const child_plan *p)
{
    persist_store *s = NULL;
    persist_options o;
    uint64_t rng = p->seed;
    uint32_t id = p->run->applied;
    int version = p->run->version;
    const int sigs[] = {SIGFPE, SIGILL, SIGSEGV, SIGBUS, SIGSYS, SIGABRT};
    int rc;
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        signal(sigs[i], SIG_DFL);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != p->parent)
        _exit(6);
    child_options(&o, p->run->mode);
    rc = persist_store_open(&s, p->run->dir, &o);
    if (rc != PERSIST_OK)
        child_die(s, "persist_store_open", rc);
    child_send(p->fd, MSG_READY, id, (uint32_t)version);
    for (;;) /* until the parent kills us */
        child_step(s, p, &rng, &id, &version);
}

/* ---- the parent ---- */

/* Messages are checked as they arrive; the first inconsistency is kept in t->error, because
 * failing here would leave the child running. */
static void track(tracker *t, const msg *m)
{
    int bad = 0;
    if (t->error[0] != '\0')
        return;
    if (m->check != (m->type ^ m->a ^ m->b ^ MSG_MAGIC)) {
        snprintf(t->error, sizeof t->error, "garbled message from the child (type %u)", m->type);
        return;
    }
    t->last_type = (int)m->type;
    switch (m->type) {
    case MSG_READY:
        t->ready = 1;
        bad = m->a != t->acked_end || (int)m->b != t->version;
        break;
    case MSG_BEGIN:
        bad = m->a != t->acked_end || m->b == 0 || t->flight_end != 0;
        t->flight_end = m->a + m->b;
        break;
    case MSG_ACK:
        bad = m->a + m->b != t->flight_end;
        t->acked_end = m->a + m->b;
        t->flight_end = 0;
        break;
    case MSG_DEPLOY:
        bad = (int)m->a != next_version(t->version);
        t->flight_version = (int)m->a;
        break;
    case MSG_DEPLOY_ACK:
        bad = (int)m->a != t->flight_version;
        t->version = (int)m->a;
        t->flight_version = 0;
        t->deploys++;
        break;
    case MSG_SNAPSHOT:
    case MSG_SNAPSHOT_ACK:
    case MSG_FLUSH:
    case MSG_FLUSH_ACK:
    case MSG_MAINT:
    case MSG_MAINT_ACK: break;
    default: bad = 1;
    }
    if (bad)
        snprintf(t->error, sizeof t->error,
                 "unexpected message %u (%u, %u) from the child; acknowledged %u, in flight %u",
                 m->type, m->a, m->b, t->acked_end, t->flight_end);
}

/* Read whole records from fd into the tracker; returns 0 at end of file. `partial` keeps the
 * bytes of a record not yet complete (after the kill: a record cut short, ignored). */
static int drain(int fd, tracker *t, unsigned char *partial, size_t *have)
{
    unsigned char buf[4096];
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return 1;
    if (n < 0 && t->error[0] == '\0')
        snprintf(t->error, sizeof t->error, "reading the pipe: %s", strerror(errno));
    for (ssize_t i = 0; i < n; i++) {
        partial[(*have)++] = buf[i];
        if (*have == sizeof(msg)) {
            msg m;
            memcpy(&m, partial, sizeof m);
            track(t, &m);
            *have = 0;
        }
    }
    return n > 0;
}

/* Read messages until `deadline_us` (or until the child is ready, when wait_ready is set). */
static void read_until(int fd, tracker *t, unsigned char *partial, size_t *have,
                       uint64_t deadline_us, int wait_ready)
{
    for (;;) {
        uint64_t now = now_us(), left;
        struct pollfd pfd = {fd, POLLIN, 0};
        struct timespec ts;
        int rc;
        if ((wait_ready && t->ready) || now >= deadline_us)
            return;
        left = deadline_us - now;
        ts.tv_sec = (time_t)(left / 1000000u);
        ts.tv_nsec = (long)(left % 1000000u) * 1000;
        rc = ppoll(&pfd, 1, &ts, NULL);
        if (rc < 0 && errno == EINTR)
            continue;
        if (rc < 0) {
            snprintf(t->error, sizeof t->error, "poll: %s", strerror(errno));
            return;
        }
        if (rc > 0 && !drain(fd, t, partial, have))
            return; /* the child closed the pipe: it died early */
    }
}

static void count_kill_point(kill_run *run, const tracker *t)
{
    run->kills++;
    if (!t->ready)
        run->in_open++;
    else if (t->flight_version != 0)
        run->in_deploy++;
    else if (t->flight_end != 0 && t->flight_end - t->acked_end > 1)
        run->in_batch++;
    else if (t->flight_end != 0)
        run->in_submit++;
    else if (t->last_type == MSG_SNAPSHOT)
        run->in_snapshot++;
    else if (t->last_type == MSG_FLUSH)
        run->in_flush++;
    else if (t->last_type == MSG_MAINT)
        run->in_maint++;
    else
        run->between++;
}

/* Fork a child working on the store, kill it after a random delay, and collect its messages. */
static void kill_child(kill_run *run, unsigned round, tracker *t)
{
    uint64_t rng = run->seed ^ ((uint64_t)round * 0x9e3779b97f4a7c15ull);
    /* New stores: shorter delays from the fork, so that many kills land inside the creation. */
    unsigned delay_us =
        rand_below(&rng, (run->mode == MODE_CREATE ? MAX_DELAY_US / 3 : MAX_DELAY_US) + 1);
    /* One round in four counts the delay from the fork, so some kills land inside open. */
    int from_fork = rand_below(&rng, 4) == 0 || run->mode == MODE_CREATE;
    child_plan plan = {run, next_rand(&rng), getpid(), -1};
    unsigned char partial[sizeof(msg)];
    size_t have = 0;
    int fds[2], status = 0;
    pid_t pid;
    memset(t, 0, sizeof *t);
    t->acked_end = run->applied;
    t->version = run->version;
    assert_int_equal(pipe(fds), 0);
    fflush(stdout);
    fflush(stderr);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        plan.fd = fds[1];
        child_main(&plan);
    }
    close(fds[1]);
    if (!from_fork) {
        read_until(fds[0], t, partial, &have, now_us() + READY_TIMEOUT_MS * 1000ull, 1);
        if (!t->ready && t->error[0] == '\0')
            snprintf(t->error, sizeof t->error, "the child did not open the store within %d s",
                     READY_TIMEOUT_MS / 1000);
    }
    if (from_fork || t->ready)
        read_until(fds[0], t, partial, &have, now_us() + delay_us, 0);
    kill(pid, SIGKILL);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    while (drain(fds[0], t, partial, &have))
        ;
    close(fds[0]);
    if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL)
        fail_msg("round %u: the child ended before the kill (status 0x%x, see its message above)",
                 round, status);
    if (t->error[0] != '\0')
        fail_msg("round %u: %s", round, t->error);
    count_kill_point(run, t);
}

static int version_of_hash(const kill_run *run, const char *hash)
{
    for (int v = 1; v <= 2; v++)
        if (strcmp(hash, run->hash[v]) == 0)
            return v;
    return 0;
}

/* First look after a kill, read-only as an inspector would: the state and head, or NULL when no
 * app is deployed yet (allowed only before the first deploy was acknowledged). */
static char *read_only_look(const kill_run *run, unsigned round, const tracker *t, uint64_t *head)
{
    persist_options o;
    persist_store *s = NULL;
    char *st = NULL, path[4200];
    struct stat sb;
    int rc;
    persist_options_init(&o, sizeof o);
    o.flags = PERSIST_OPEN_READONLY;
    *head = 0;
    rc = persist_store_open(&s, run->dir, &o);
    if (rc == PERSIST_ENOTFOUND && t->version == 0) {
        persist_store_close(s); /* killed before the store was created */
        return NULL;
    }
    if (rc != PERSIST_OK && t->version == 0) {
        /* Killed while creating: "not a store yet" is the only acceptable failure. */
        snprintf(path, sizeof path, "%s/data.mdb", run->dir);
        fail_msg("round %u: read-only open after a kill during creation returned %d (%s): %s; "
                 "expected PERSIST_OK or PERSIST_ENOTFOUND (data.mdb: %lld bytes)",
                 round, rc, persist_strerror(rc), ts_errmsg(s),
                 stat(path, &sb) == 0 ? (long long)sb.st_size : -1ll);
    }
    TS_OK(s, rc);
    *head = ts_head(s);
    rc = persist_store_state(s, &st, NULL);
    if (rc != PERSIST_ENOAPP || t->version != 0)
        TS_OK(s, rc);
    persist_store_close(s);
    return st;
}

/* A backup left by the child is whole: it opens, and holds at most what the store holds. */
static void verify_backup(const kill_run *run, unsigned round, uint64_t head)
{
    char dir[4200], data[4300];
    persist_options o;
    persist_store *s = NULL;
    struct stat sb;
    int rc;
    backup_dir(run, dir, sizeof dir);
    snprintf(data, sizeof data, "%s/data.mdb", dir);
    if (stat(data, &sb) != 0)
        return; /* none yet, or killed while replacing it */
    persist_options_init(&o, sizeof o);
    o.flags = PERSIST_OPEN_READONLY;
    rc = persist_store_open(&s, dir, &o);
    if (rc != PERSIST_OK)
        fail_msg("round %u: the backup does not open: %d %s", round, rc, ts_errmsg(s));
    if (ts_head(s) > head)
        fail_msg("round %u: the backup's head %" PRIu64 " is after the store's %" PRIu64, round,
                 ts_head(s), head);
    persist_store_close(s);
}

/* Reopen after a kill and check the store against what the child acknowledged. */
static void verify_after_kill(kill_run *run, unsigned round, const tracker *t)
{
    persist_options o;
    persist_store *s;
    char hash[65], want[256], *st, *st2, *ro_st;
    int version, v = 0;
    uint32_t n = 0;
    uint64_t head, ro_head;
    int rc;
    ro_st = read_only_look(run, round, t, &ro_head);
    child_options(&o, MODE_SUBMIT_SNAPSHOT);
    s = ts_open(run->dir, &o);
    rc = persist_store_app_hash(s, hash, sizeof hash);
    if (rc == PERSIST_ENOAPP && t->version == 0) {
        /* Killed while creating the store or before its first deploy committed. */
        assert_null(ro_st);
        assert_int_equal(ts_head(s), 0);
        persist_store_close(s);
        return;
    }
    TS_OK(s, rc);
    if (ro_st == NULL)
        fail_msg("round %u: the read-only open found no app", round);
    version = version_of_hash(run, hash);
    if (version == 0)
        fail_msg("round %u: live app %s is neither version", round, hash);
    if (version != t->version && version != t->flight_version)
        fail_msg("round %u: app version %d is live; acknowledged %d, in flight %d", round, version,
                 t->version, t->flight_version);
    st = ts_state(s);
    if (sscanf(st, "{\"v\":%d,\"n\":%" SCNu32, &v, &n) != 2)
        fail_msg("round %u: unexpected state %s", round, st);
    /* Every acknowledged event, plus all or nothing of the call in flight. */
    if (n != t->acked_end && (t->flight_end == 0 || n != t->flight_end))
        fail_msg("round %u (PERSIST_SEED=%" PRIu64 "): %" PRIu32 " events applied; acknowledged "
                 "%" PRIu32 ", in flight up to %" PRIu32 " (0: none)",
                 round, base_seed(), n, t->acked_end, t->flight_end);
    model_state(want, sizeof want, version, n);
    if (strcmp(st, want) != 0)
        fail_msg("round %u: state %s, model says %s", round, st, want);
    run->flight_applied += t->flight_end != 0 && n == t->flight_end;
    run->flight_deploys += version != t->version;
    run->deploys += t->deploys + (version != t->version);
    run->acked_events += t->acked_end - run->applied;
    run->applied = n;
    run->version = version;
    head = ts_head(s);
    if (head != run->deploys + n)
        fail_msg("round %u: head %" PRIu64 ", expected %" PRIu64 " (%" PRIu64 " deploys + %" PRIu32
                 " events)",
                 round, head, run->deploys + n, run->deploys, n);
    TS_OK(s, persist_store_restore(s));
    st2 = ts_state(s);
    assert_string_equal(st2, st);
    assert_int_equal(ts_head(s), head);
    assert_string_equal(ro_st, st);
    assert_int_equal(ro_head, head);
    if (run->mode == MODE_MAINTENANCE)
        verify_backup(run, round, head);
    persist_free(ro_st);
    persist_free(st);
    persist_free(st2);
    persist_store_close(s);
}

/* Replay the applied prefix into a fresh store: the JavaScript app must agree with the model. */
static void verify_reference_replay(const kill_run *run)
{
    char *dir = ts_tmpdir(), *want, *got;
    persist_options o;
    persist_store *ref, *s;
    static char events[1000][32];
    persist_batch_item items[1000];
    persist_options_init(&o, sizeof o);
    o.durability = PERSIST_DURABILITY_RELAXED;
    o.snapshot_every = 1000;
    ref = ts_open(dir, &o);
    TS_OK(ref,
          persist_store_deploy(ref, run->code[1], run->code_len[1], PERSIST_DEPLOY_INIT, NULL));
    for (uint32_t id = 0; id < run->applied;) {
        size_t k = 0;
        memset(items, 0, sizeof items);
        for (; k < 1000 && id < run->applied; k++, id++) {
            items[k].event = events[k];
            items[k].event_len = (size_t)snprintf(events[k], sizeof events[k], "e %" PRIu32, id);
        }
        TS_OK(ref, persist_store_submit_batch(ref, items, k));
        for (size_t i = 0; i < k; i++) {
            assert_int_equal(items[i].status, PERSIST_OK);
            persist_free(items[i].response);
        }
    }
    if (run->version == 2)
        TS_OK(ref, persist_store_deploy(ref, run->code[2], run->code_len[2], PERSIST_DEPLOY_MIGRATE,
                                        NULL));
    want = ts_state(ref);
    s = ts_open(run->dir, NULL);
    got = ts_state(s);
    assert_string_equal(got, want);
    persist_free(want);
    persist_free(got);
    persist_store_close(s);
    persist_store_close(ref);
    ts_rmrf(dir);
    free(dir);
}

/* App hashes of both versions, read from a scratch store. */
static void load_apps(kill_run *run)
{
    char *dir = ts_tmpdir();
    persist_store *s = ts_open(dir, NULL);
    run->code[1] = ts_fixture("crash_app_v1.js", &run->code_len[1]);
    run->code[2] = ts_fixture("crash_app_v2.js", &run->code_len[2]);
    for (int v = 1; v <= 2; v++) {
        TS_OK(s,
              persist_store_deploy(s, run->code[v], run->code_len[v], PERSIST_DEPLOY_INIT, NULL));
        TS_OK(s, persist_store_app_hash(s, run->hash[v], sizeof run->hash[v]));
    }
    assert_string_not_equal(run->hash[1], run->hash[2]);
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

static unsigned kills_per_test(void)
{
    unsigned total = env_unsigned("PERSIST_KILLS", DEFAULT_KILLS);
    return (total + MAIN_MODES - 1) / MAIN_MODES;
}

static void run_kills(enum mode mode)
{
    kill_run run;
    persist_store *s;
    unsigned kills = kills_per_test();
    uint64_t t0 = now_us();
    memset(&run, 0, sizeof run);
    run.mode = mode;
    run.seed = base_seed() + (uint64_t)mode;
    run.dir = ts_tmpdir();
    run.version = 1;
    run.deploys = 1;
    load_apps(&run);
    s = ts_open(run.dir, NULL);
    TS_OK(s, persist_store_deploy(s, run.code[1], run.code_len[1], PERSIST_DEPLOY_INIT, NULL));
    persist_store_close(s);
    printf("kill test %s: seed %" PRIu64 " (PERSIST_SEED=%" PRIu64 "), %u kills\n",
           mode_names[mode], run.seed, base_seed(), kills);
    for (unsigned round = 0; round < kills; round++) {
        tracker t;
        kill_child(&run, round, &t);
        verify_after_kill(&run, round, &t);
    }
    verify_reference_replay(&run);
    printf("kill test %s: %u kills in %.1f s (in open %u, submit %u, batch %u, deploy %u, "
           "snapshot %u, flush %u, maintenance %u, between calls %u); %" PRIu64
           " events acknowledged, %" PRIu32 " applied, %u calls in flight were applied, %" PRIu64
           " deploys (%u in flight)\n",
           mode_names[mode], run.kills, (double)(now_us() - t0) / 1e6, run.in_open, run.in_submit,
           run.in_batch, run.in_deploy, run.in_snapshot, run.in_flush, run.in_maint, run.between,
           run.acked_events, run.applied, run.flight_applied, run.deploys, run.flight_deploys);
    free(run.code[1]);
    free(run.code[2]);
    if (mode == MODE_MAINTENANCE) {
        char dir[4200];
        backup_dir(&run, dir, sizeof dir);
        ts_rmrf(dir);
    }
    ts_rmrf(run.dir);
    free(run.dir);
}

/* Kills while a new store is created: each round a fresh directory (which the child's open makes)
 * and a child that creates the store, deploys v1 and submits. */
static void test_kill_during_create(void **state)
{
    kill_run run;
    unsigned kills = (kills_per_test() + 3) / 4;
    char *base = ts_tmpdir();
    size_t cap = strlen(base) + 32;
    (void)state;
    memset(&run, 0, sizeof run);
    run.mode = MODE_CREATE;
    run.seed = base_seed() + MODE_CREATE;
    run.dir = malloc(cap);
    assert_non_null(run.dir);
    load_apps(&run);
    printf("kill test create: seed %" PRIu64 " (PERSIST_SEED=%" PRIu64 "), %u kills\n", run.seed,
           base_seed(), kills);
    for (unsigned round = 0; round < kills; round++) {
        tracker t;
        snprintf(run.dir, cap, "%s/store-%u", base, round);
        run.applied = 0;
        run.version = 0;
        run.deploys = 0;
        kill_child(&run, round, &t);
        verify_after_kill(&run, round, &t);
        ts_rmrf(run.dir);
    }
    printf("kill test create: %u kills (before the store was open %u, in its first deploy %u, "
           "later %u)\n",
           run.kills, run.in_open, run.in_deploy, run.kills - run.in_open - run.in_deploy);
    free(run.code[1]);
    free(run.code[2]);
    free(run.dir);
    ts_rmrf(base);
    free(base);
}

static void test_kill_during_submit_and_snapshot(void **state)
{
    (void)state;
    run_kills(MODE_SUBMIT_SNAPSHOT);
}

static void test_kill_during_batch(void **state)
{
    (void)state;
    run_kills(MODE_BATCH);
}

static void test_kill_during_deploy(void **state)
{
    (void)state;
    run_kills(MODE_DEPLOY);
}

static void test_kill_relaxed_durability(void **state)
{
    (void)state;
    run_kills(MODE_RELAXED);
}

static void test_kill_during_maintenance(void **state)
{
    (void)state;
    run_kills(MODE_MAINTENANCE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kill_during_submit_and_snapshot),
        cmocka_unit_test(test_kill_during_batch),
        cmocka_unit_test(test_kill_during_deploy),
        cmocka_unit_test(test_kill_relaxed_durability),
        cmocka_unit_test(test_kill_during_maintenance),
        cmocka_unit_test(test_kill_during_create),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
