/* group_commit.c - the event path across threads (docs/design.md section 7). A submit applies its
 * events on the pending state under the store's lock (staging), joins the queue, and waits. Whoever
 * finds no commit in progress takes the whole queue as one group, seals the state it leads to,
 * and writes and syncs it without holding the lock, so that the calls arriving meanwhile stage
 * on top of it and are committed together by the next sync. Each caller returns once its own
 * commit is on disk. A failed commit fails every call in it; the calls staged after it are staged
 * again on the state that is on disk (or fail when the store is poisoned). When an update hits the
 * app's time or memory limit, the heap is rebuilt from disk once the commit in progress ended, and
 * the queued calls are staged again on it. Every other call of the API quiesces first: it waits
 * until nothing is staged or being committed, and new submits wait for it.
 *
 * Gathering: the callers of a commit that just ended usually call again at once (a thread per
 * client, each waiting for its own event). Were the next commit started at once with the calls
 * staged meanwhile, those callers would stage during its sync and be committed by the one after:
 * two groups taking turns, each of about half the callers. So the next commit waits until as
 * many calls have come in as the last commit had callers, or for as long as the last commit's
 * write took, whichever comes first; and only when staging that many calls takes less than that
 * write (otherwise the app, not the disk, is the bound, and the sync is better spent while they
 * stage). A caller alone never waits: it is the one that comes back.
 *
 * Wakeups are targeted: a queued caller sleeps on its call's own condition variable, signalled
 * when the call is done, or when it is the oldest queued call and may lead the next commit. With
 * one condition for all, every commit and every returning caller woke every queued caller, most
 * of them to find nothing to do. */
#include "engine.h"

#include <string.h>
#include <time.h>

#include "alloc.h"
#include "clock.h"
#include "errors.h"

int persist__group_init(persist__group *g, pthread_mutex_t *mu)
{
    memset(g, 0, sizeof *g);
    g->mu = mu;
    if (pthread_cond_init(&g->cv, NULL) != 0)
        return PERSIST_ENOMEM;
    g->cv_ready = 1;
    return PERSIST_OK;
}

/* A call's condition, for timed waits against persist__mono_ns(). */
static int call_cv_init(persist__call *c)
{
    pthread_condattr_t attr;
    int ok;
    if (pthread_condattr_init(&attr) != 0)
        return 0;
    ok = pthread_condattr_setclock(&attr, CLOCK_MONOTONIC) == 0 &&
         pthread_cond_init(&c->cv, &attr) == 0;
    pthread_condattr_destroy(&attr);
    return ok;
}

void persist__group_destroy(persist__group *g)
{
    if (g->cv_ready)
        pthread_cond_destroy(&g->cv);
    g->cv_ready = 0;
}

/* Quiesce, rebuild and the submits that may not stage yet wait on the group's condition. */
static void wait_for_change(persist__group *g)
{
    pthread_cond_wait(&g->cv, g->mu);
}

/* Whether the oldest queued call may be committed now (gathering aside). */
static int can_commit(const persist__group *g)
{
    return !g->committing && !g->broken && g->queue != NULL;
}

/* After the group changed: the oldest queued call's caller when the queue can be committed, and
 * whoever waits on the group's condition. Under the lock: a call's condition lives on its
 * caller's stack, gone once the caller sees its call done. */
static void wake_all(persist__group *g)
{
    if (can_commit(g))
        pthread_cond_signal(&g->queue->cv);
    pthread_cond_broadcast(&g->cv);
}

/* A queued caller's wait: until its call is signalled, or until the monotonic clock reads
 * until_ns (0: no limit). */
static void wait_for_call(persist__group *g, persist__call *c, uint64_t until_ns)
{
    struct timespec ts = {(time_t)(until_ns / 1000000000u), (long)(until_ns % 1000000000u)};
    if (until_ns == 0)
        pthread_cond_wait(&c->cv, g->mu);
    else
        pthread_cond_timedwait(&c->cv, g->mu, &ts);
}

/* Whether the next commit should wait for the callers of the last one (see the top). */
static int gathering(const persist__group *g)
{
    return g->returning > 0 && persist__mono_ns() < g->gather_until_ns;
}

void persist__engine_quiesce(persist__engine *eng)
{
    persist__group *g = eng->gc;
    g->draining++;
    if (g->queue != NULL || g->committing || g->broken)
        persist__test_hook("quiesce");
    while (g->queue != NULL || g->committing || g->broken)
        wait_for_change(g);
}

void persist__engine_resume(persist__engine *eng)
{
    if (--eng->gc->draining == 0)
        pthread_cond_broadcast(&eng->gc->cv);
}

static void enqueue(persist__group *g, persist__call *c)
{
    c->next = NULL;
    if (g->queue_tail != NULL)
        g->queue_tail->next = c;
    else
        g->queue = c;
    g->queue_tail = c;
    g->queued_records += c->records;
}

static void finish_call(persist__call *c, int rc, const persist__err *err)
{
    c->rc = rc;
    if (rc != PERSIST_OK) {
        c->err = *err;
        persist__events_drop(c);
    }
    c->done = 1;
    pthread_cond_signal(&c->cv);
}

static int is_limit(int rc)
{
    return rc == PERSIST_ETIMEOUT || rc == PERSIST_EMEMORY || rc == PERSIST_EFATAL;
}

/* Stage the queued calls again, in order, on the state the store has now: after a failed commit
 * (they were staged on its state) or a rebuilt heap. */
static void restage(persist__engine *eng, const char *why)
{
    persist__group *g = eng->gc;
    persist__call *c = g->queue, *next;
    persist__err err;
    int rc;
    g->queue = g->queue_tail = NULL;
    g->queued_records = 0;
    for (; c != NULL; c = next) {
        next = c->next;
        persist__events_drop(c); /* the responses of its first staging */
        if (eng->poisoned)
            rc = persist__err_set(&err, PERSIST_EFATAL,
                                  "%s; the store refuses writes until it is closed and reopened",
                                  why);
        else if ((rc = persist__events_stage(eng, c, &err)) == PERSIST_OK) {
            enqueue(g, c);
            continue;
        } else if (is_limit(rc))
            persist__engine_app_failed(eng, rc);
        finish_call(c, rc, &err);
    }
    wake_all(g);
}

/* Commit the queue as one group. Called with the lock held, by a thread whose call is queued or
 * in the group; the lock is released while the group is written. */
static void commit_group(persist__engine *eng)
{
    persist__group *g = eng->gc;
    persist__plan plan;
    persist__err err = {0, ""};
    int rc, written = 0;
    unsigned calls = 0;
    uint64_t started = persist__mono_ns(), now;
    memset(&plan, 0, sizeof plan);
    plan.calls = g->inflight = g->queue;
    plan.records = g->inflight_records = g->queued_records;
    g->queue = g->queue_tail = NULL;
    g->queued_records = 0;
    g->committing = 1;
    rc = persist__events_plan(eng, &plan, &err);
    if (rc != PERSIST_OK)
        rc = persist__engine_app_failed(eng, rc); /* serializing a snapshot hit a limit */
    else if (plan.records > 0) {
        written = 1;
        pthread_mutex_unlock(g->mu);
        if ((rc = persist__test_hook("write")) != PERSIST_OK)
            persist__err_set(&err, rc, "injected by a test");
        else
            rc = persist__engine_write_once(eng, persist__events_write, &plan, &err);
        pthread_mutex_lock(g->mu);
        /* Growing the map needs every transaction of this process closed: under the lock. */
        if (rc == PERSIST__EMAPFULL)
            rc = persist__engine_write(eng, persist__events_write, &plan, &err);
        else
            rc = persist__engine_note_failure(eng, rc);
    }
    if (rc == PERSIST_OK)
        rc = persist__events_committed(eng, &plan, &err);
    else if (!g->broken && eng->live != NULL)
        persist__app_discard(eng->live); /* the state is the one on disk again */
    persist__free(plan.snap_state);
    for (persist__call *c = g->inflight, *next; c != NULL; c = next) {
        next = c->next;
        finish_call(c, rc, &err);
        calls++;
    }
    now = persist__mono_ns();
    g->returning = (uint64_t)calls * g->stage_ns < now - started ? calls : 0;
    g->gather_until_ns = now + (now - started);
    g->inflight = NULL;
    g->inflight_records = 0;
    g->committing = 0;
    if (rc != PERSIST_OK && !g->broken)
        restage(eng, written ? "a commit before this call's failed" : "a snapshot failed");
    wake_all(g);
}

/* The app hit a limit while a call was staged: the heap is not trusted. Wait for the commit in
 * progress (it makes no state live: the rebuilt heap will have it from disk), rebuild, and stage
 * the queued calls again on the rebuilt heap. */
static int rebuild(persist__engine *eng, int rc)
{
    persist__group *g = eng->gc;
    g->broken = 1;
    persist__test_hook("rebuild");
    while (g->committing)
        wait_for_change(g);
    rc = persist__engine_app_failed(eng, rc);
    g->broken = 0;
    restage(eng, "the app's heap could not be rebuilt after it hit a limit");
    return rc;
}

/* Stage a call, queue it, and wait until it is done, leading the commit when it is the oldest
 * queued call. */
static int stage_and_wait(persist__engine *eng, persist__call *c, persist__err *err)
{
    persist__group *g = eng->gc;
    uint64_t staged = persist__mono_ns();
    int rc = persist__events_stage(eng, c, err);
    staged = persist__mono_ns() - staged;
    g->stage_ns = g->stage_ns - g->stage_ns / 8 + staged / 8; /* average of about the last 8 */
    if (is_limit(rc))
        return rebuild(eng, rc);
    if (rc != PERSIST_OK)
        return rc;
    enqueue(g, c);
    persist__test_hook("staged");
    while (!c->done) {
        if (g->queue != c || !can_commit(g))
            wait_for_call(g, c, 0);
        else if (gathering(g))
            wait_for_call(g, c, g->gather_until_ns);
        else
            commit_group(eng);
    }
    if (c->rc != PERSIST_OK)
        *err = c->err;
    return c->rc;
}

int persist__engine_submit_events(persist__engine *eng, persist__ev *evs, size_t n,
                                  persist__err *err)
{
    persist__group *g = eng->gc;
    persist__call c;
    int rc;
    while (g->draining > 0 || g->broken)
        wait_for_change(g);
    if (eng->poisoned)
        return persist__err_set(err, PERSIST_EFATAL,
                                "the store refuses writes after an I/O or engine failure; close "
                                "and reopen it to restore from what is on disk");
    if (g->returning > 0 && --g->returning == 0)
        wake_all(g); /* the last one a gathering commit waits for */
    memset(&c, 0, sizeof c);
    c.evs = evs;
    c.n = n;
    if (!call_cv_init(&c))
        return persist__err_set(err, PERSIST_ENOMEM, "out of memory");
    rc = stage_and_wait(eng, &c, err);
    pthread_cond_destroy(&c.cv);
    return rc;
}
