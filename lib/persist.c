/* persist.c - the public API facade: handle checks, locking, argument validation and error
 * bookkeeping. The work itself happens in engine.c. */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "alloc.h"
#include "engine.h"
#include "errors.h"
#include "fork_guard.h"
#include "handles.h"
#include "hash.h"
#include "history.h"
#include "maintenance.h"
#include "options.h"
#include "sync.h"
#include "utf8.h"
#include "verify.h"

/* What a persist_store handle stands for (lib/handles.c maps handles to it, so a closed handle is
 * recognized and never dereferenced). */
typedef struct store {
    int failed; /* the open failed: only errmsg and close */
    pthread_mutex_t mu;
    persist__group gc; /* submits committed together (lib/group_commit.c) */
    int quiesced;      /* the call holding mu waited for the submits to drain */
    persist__engine eng;
    int readonly;
    persist__err err;
    unsigned long born;   /* the fork generation of the process that opened it */
    struct store *orphan; /* next store left behind by close in a forked child */
} store;

/* What a child process of the one that opened a store gets from every call on it. */
#define FORKED_MSG                                                                                 \
    "the store was opened before fork() by a parent process, which goes on using it; a child "     \
    "cannot: open the store again in the child (read-only while the parent writes it) and close "  \
    "this handle to release it"

/* Stores closed in a forked child: their memory is the parent's state at the fork (its heaps may
 * be in the middle of a call another thread was making), so it is not freed, only kept reachable
 * here. */
static store *_Atomic orphans;

static int forked(const store *s)
{
    return s->born != persist__fork_generation();
}

const char *persist_strerror(int code)
{
    return persist__status_text(code);
}

int persist_options_init(persist_options *opts, size_t struct_size)
{
    /* The caller's struct may be older (smaller) than this library's: never write past it. */
    if (opts == NULL || struct_size < offsetof(persist_options, flags) + sizeof opts->flags ||
        struct_size > UINT32_MAX)
        return PERSIST_EINVAL;
    memset(opts, 0, struct_size);
    opts->struct_size = (uint32_t)struct_size;
    return PERSIST_OK;
}

void persist_free(void *p)
{
    persist__free(p);
}

/* Lock a store for one call. PERSIST_EMISUSE for a bad handle or a call from inside a callback of
 * the same store (the mutex is error-checking, so relocking reports EDEADLK instead of hanging).
 * A submit joins the group commit; every other call first waits until no submit is staged or
 * being committed (the lock is released while a group is written). */
static int leave(store *s, int rc, persist__err *e);

static int enter_as(persist_store *h, store **out, int submit)
{
    persist__err e = {0, ""};
    store *s = *out = persist__handle_get(h);
    int rc;
    if (s == NULL || s->failed || forked(s)) /* a forked child must not even take the mutex */
        return PERSIST_EMISUSE;
    rc = pthread_mutex_lock(&s->mu);
    if (rc == EDEADLK)
        return PERSIST_EMISUSE; /* message not written: we do not hold the lock */
    if (rc != 0)
        return PERSIST_EMISUSE;
    if (!submit) {
        persist__engine_quiesce(&s->eng);
        s->quiesced = 1;
    }
    if (s->eng.log == NULL) /* reopening the file after a compaction failed */
        return leave(s,
                     persist__err_set(&e, PERSIST_EFATAL,
                                      "the store's file could not be reopened after it was "
                                      "compacted; close the store and open it again"),
                     &e);
    return PERSIST_OK;
}

static int enter(persist_store *h, store **out)
{
    return enter_as(h, out, 0);
}

/* Unlock after a call; the call's message becomes the store's message only if it failed, so
 * errors that an operation tolerated internally never show up after a success. */
static int leave(store *s, int rc, persist__err *e)
{
    if (rc == PERSIST__EMAPFULL) /* defensive: never leaks out */
        rc = persist__err_set(e, PERSIST_EFULL, "the store map is full");
    if (rc != PERSIST_OK) {
        s->err.code = rc;
        memcpy(s->err.msg, e->msg, sizeof s->err.msg);
    }
    if (s->quiesced) {
        s->quiesced = 0;
        persist__engine_resume(&s->eng);
    }
    pthread_mutex_unlock(&s->mu);
    return rc;
}

/* For writing calls: read-only handles and poisoned stores refuse. */
static int writable(store *s, persist__err *e)
{
    if (s->readonly)
        return persist__err_set(e, PERSIST_EREADONLY,
                                "the store was opened read-only (PERSIST_OPEN_READONLY)");
    if (s->eng.poisoned)
        return persist__err_set(e, PERSIST_EFATAL,
                                "the store refuses writes after an I/O or engine failure; close "
                                "and reopen it to restore from what is on disk");
    return PERSIST_OK;
}

static int enter_writer_as(persist_store *h, store **out, persist__err *e, int submit);

/* enter_writer() for the calls that add records: a follower takes them from its leader only. */
static int enter_recorder_as(persist_store *h, store **out, persist__err *e, int submit)
{
    int rc = enter_writer_as(h, out, e, submit);
    if (rc == PERSIST_OK && (*out)->eng.follower)
        return leave(*out,
                     persist__err_set(e, PERSIST_EFOLLOWER,
                                      "the store is a follower: it takes its records from its "
                                      "leader (persist_store_apply); promote it to write "
                                      "(persist_store_promote)"),
                     e);
    return rc;
}

static int enter_recorder(persist_store *h, store **out, persist__err *e)
{
    return enter_recorder_as(h, out, e, 0);
}

/* enter() for writing calls. A non-OK result means the lock is not held: return it as it is. */
static int enter_writer_as(persist_store *h, store **out, persist__err *e, int submit)
{
    int rc = enter_as(h, out, submit);
    store *s = *out;
    if (rc != PERSIST_OK)
        return rc;
    if ((rc = writable(s, e)) != PERSIST_OK)
        return leave(s, rc, e);
    return PERSIST_OK;
}

static int enter_writer(persist_store *h, store **out, persist__err *e)
{
    return enter_writer_as(h, out, e, 0);
}

static int null_arg(persist__err *e, const char *what)
{
    return persist__err_set(e, PERSIST_EINVAL, "%s must not be NULL", what);
}

/* Texts reach the app as JavaScript strings, so they must be UTF-8. */
static int check_text(persist__err *e, const char *what, const char *text, size_t len)
{
    size_t bad = 0;
    if (persist__utf8_valid(text, len, &bad))
        return PERSIST_OK;
    return persist__err_set(e, PERSIST_EINVAL, "%s is not valid UTF-8 (byte %zu of %zu)", what, bad,
                            len);
}

static int init_handle(store *s)
{
    pthread_mutexattr_t attr;
    int e = pthread_mutexattr_init(&attr);
    if (e == 0) {
        pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
        e = pthread_mutex_init(&s->mu, &attr);
        pthread_mutexattr_destroy(&attr);
    }
    persist__lock_init(&s->eng.lock);
    if (e == 0 && persist__group_init(&s->gc, &s->mu) != PERSIST_OK) {
        pthread_mutex_destroy(&s->mu);
        e = 1;
    }
    return e;
}

static int open_store(store *s, const char *path, const persist_options *opts);

/* A store exists once its data file has content. PERSIST_OPEN_NO_CREATE must not turn an existing
 * directory into a store, and a read-only open cannot finish a store whose creation was cut short
 * (an empty data.mdb: LMDB would try to write its header). */
static int has_store_file(const char *dir)
{
    char path[4200];
    struct stat st;
    snprintf(path, sizeof path, "%s/data.mdb", dir);
    return stat(path, &st) == 0 && st.st_size > 0;
}

/* Why `path` holds no store; a file (a store's own data.mdb, say) is named as one. */
static int not_a_store(store *s, const char *path)
{
    struct stat st;
    const char *base = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
        return persist__err_set(
            &s->err, PERSIST_ENOTFOUND,
            "%s is a file; a store is the directory that holds data.mdb%s", path,
            strcmp(base, "data.mdb") == 0 ? ": open the directory this data.mdb is in" : "");
    return persist__err_set(&s->err, PERSIST_ENOTFOUND,
                            "%s is not a persist store (no data.mdb, or an empty one); it was left "
                            "as it is",
                            path);
}

static void free_store(store *s)
{
    if (!s->failed)
        persist__engine_close(&s->eng);
    persist__group_destroy(&s->gc);
    pthread_mutex_destroy(&s->mu);
    persist__free(s);
}

int persist_store_open(persist_store **out, const char *path, const persist_options *opts)
{
    store *s;
    int rc;
    if (out == NULL)
        return PERSIST_EINVAL;
    *out = NULL;
    if (persist__fork_guard_init() != 0) /* pthread_atfork() is out of memory */
        return PERSIST_ENOMEM;
    s = persist__calloc(1, sizeof *s);
    if (s == NULL)
        return PERSIST_ENOMEM;
    s->born = persist__fork_generation();
    if (init_handle(s) != 0) {
        persist__free(s);
        return PERSIST_ENOMEM;
    }
    s->failed = 1;
    rc = open_store(s, path, opts);
    /* Out of memory: no handle, as the header says (its message could not be read anyway). */
    if (rc == PERSIST_ENOMEM || (*out = persist__handle_new(s)) == NULL) {
        free_store(s);
        return PERSIST_ENOMEM;
    }
    if (rc == PERSIST_OK)
        persist__err_clear(&s->err); /* errors tolerated while opening are not failures */
    return rc;
}

static int open_store(store *s, const char *path, const persist_options *opts)
{
    persist_options o;
    int rc;
    if (path == NULL || path[0] == '\0')
        return persist__err_set(&s->err, PERSIST_EINVAL, "path must be a non-empty string");
    rc = persist__options_read(&o, opts, &s->err);
    if (rc != PERSIST_OK)
        return rc;
    s->readonly = (o.flags & PERSIST_OPEN_READONLY) != 0;
    if ((o.flags & (PERSIST_OPEN_NO_CREATE | PERSIST_OPEN_READONLY)) && !has_store_file(path))
        return not_a_store(s, path);
    rc = persist__engine_open(&s->eng, path, &o, &s->err);
    if (rc != PERSIST_OK) {
        persist__engine_close(&s->eng);
        return rc;
    }
    s->eng.gc = &s->gc;
    s->failed = 0;
    return PERSIST_OK;
}

int persist_store_close(persist_store *h)
{
    store *s = persist__handle_get(h);
    if (h == NULL)
        return PERSIST_OK;
    if (s == NULL) /* closed already, or never a handle */
        return PERSIST_EMISUSE;
    persist__handle_free(h);
    if (forked(s)) {
        s->orphan = atomic_load(&orphans);
        while (!atomic_compare_exchange_weak(&orphans, &s->orphan, s))
            ;
        return PERSIST_OK;
    }
    free_store(s);
    return PERSIST_OK;
}

size_t persist_store_errmsg(persist_store *h, char *buf, size_t cap)
{
    const char *msg = "invalid store handle";
    store *s = persist__handle_get(h);
    size_t n;
    int locked = 0;
    if (s != NULL && forked(s)) {
        msg = FORKED_MSG;
    } else if (s != NULL) {
        locked = pthread_mutex_lock(&s->mu) == 0;
        msg = s->err.msg;
    }
    n = strlen(msg);
    if (buf != NULL && cap > 0) {
        size_t k = n < cap - 1 ? n : cap - 1;
        memcpy(buf, msg, k);
        buf[k] = '\0';
    }
    if (locked)
        pthread_mutex_unlock(&s->mu);
    return n;
}

int persist_store_deploy(persist_store *h, const char *code, size_t code_len, uint32_t mode,
                         const char *module)
{
    store *s = NULL;
    persist__err e = {0, ""};
    int rc = enter_recorder(h, &s, &e);
    if (rc != PERSIST_OK)
        return rc;
    if (code == NULL)
        return leave(s, null_arg(&e, "code"), &e);
    if ((rc = check_text(&e, "the app code", code, code_len)) != PERSIST_OK)
        return leave(s, rc, &e);
    if (mode != PERSIST_DEPLOY_INIT && mode != PERSIST_DEPLOY_MIGRATE)
        return leave(s,
                     persist__err_set(&e, PERSIST_EINVAL,
                                      "mode must be PERSIST_DEPLOY_INIT or PERSIST_DEPLOY_MIGRATE"),
                     &e);
    return leave(s, persist__engine_deploy(&s->eng, code, code_len, mode, module, &e), &e);
}

/* The events must be there and be UTF-8, and a client id 1 to 256 bytes of UTF-8. `array` names
 * the caller's array in messages ("items" for a batch). */
static int check_event(persist__err *e, const persist__ev *ev, const char *array, size_t i,
                       size_t n)
{
    int rc = PERSIST_OK;
    if (ev->event == NULL && ev->event_len > 0)
        rc = persist__err_set(e, PERSIST_EINVAL, "the event is NULL");
    else if (ev->event != NULL)
        rc = check_text(e, "the event", ev->event, ev->event_len);
    if (rc == PERSIST_OK && ev->client_id != NULL &&
        (ev->client_id_len == 0 || ev->client_id_len > PERSIST__CLIENT_ID_MAX))
        rc = persist__err_set(e, PERSIST_EINVAL, "a client id has 1 to %d bytes, not %zu",
                              PERSIST__CLIENT_ID_MAX, ev->client_id_len);
    else if (rc == PERSIST_OK && ev->client_id == NULL && ev->client_id_len > 0)
        rc = persist__err_set(e, PERSIST_EINVAL, "the client id is NULL");
    else if (rc == PERSIST_OK && ev->client_id != NULL)
        rc = check_text(e, "the client id", ev->client_id, ev->client_id_len);
    if (rc != PERSIST_OK && n > 1)
        persist__err_prefix(e, "%s[%zu]", array, i);
    return rc;
}

/* The event path for every submit call; evs are checked first (nothing runs if one is bad). With
 * `single`, the one event's failure is the call's. */
static int submit_evs(store *s, persist__ev *evs, size_t n, int single, persist__err *e)
{
    int rc;
    for (size_t i = 0; i < n; i++) {
        if ((rc = check_event(e, &evs[i], single ? "events" : "items", i, n)) != PERSIST_OK)
            return rc;
        if (evs[i].event == NULL)
            evs[i].event = "";
    }
    rc = persist__engine_submit_events(&s->eng, evs, n, e);
    if (rc == PERSIST_OK && single && n == 1 && evs[0].status != PERSIST_OK)
        rc = evs[0].status; /* its message is in e */
    return rc;
}

int persist_store_submit(persist_store *h, const char *event, size_t event_len, char **out_response,
                         size_t *out_len)
{
    store *s = NULL;
    persist__err e = {0, ""};
    persist__ev ev = {.event = event, .event_len = event_len};
    int rc;
    if (out_response != NULL)
        *out_response = NULL;
    if ((rc = enter_recorder_as(h, &s, &e, 1)) != PERSIST_OK)
        return rc;
    rc = submit_evs(s, &ev, 1, 1, &e);
    if (rc == PERSIST_OK && out_response != NULL)
        *out_response = ev.response;
    else
        persist__free(ev.response);
    if (rc == PERSIST_OK && out_len != NULL)
        *out_len = ev.response_len;
    return leave(s, rc, &e);
}

/* Every item of a batch that is refused as a whole carries the refusal. */
static int refuse_items(persist_batch_item *items, size_t n, int rc)
{
    for (size_t i = 0; items != NULL && i < n; i++) {
        items[i].status = rc;
        items[i].response = NULL;
        items[i].response_len = 0;
    }
    return rc;
}

/* The internal events of a call, each set in full by the caller: calloc would first zero a
 * whole batch that the loop writes again (about 130 instructions an event in batches of 100). */
static persist__ev *new_evs(size_t n)
{
    if (n > SIZE_MAX / sizeof(persist__ev))
        return NULL;
    return persist__malloc((n > 0 ? n : 1) * sizeof(persist__ev));
}

int persist_store_submit_batch(persist_store *h, persist_batch_item *items, size_t n)
{
    store *s = NULL;
    persist__err e = {0, ""};
    persist__ev *evs;
    int rc = enter_recorder_as(h, &s, &e, 1);
    if (rc != PERSIST_OK)
        return refuse_items(items, n, rc);
    if (items == NULL && n > 0)
        return leave(s, refuse_items(items, n, null_arg(&e, "items")), &e);
    if ((evs = new_evs(n)) == NULL)
        return leave(
            s, refuse_items(items, n, persist__err_set(&e, PERSIST_ENOMEM, "out of memory")), &e);
    for (size_t i = 0; i < n; i++)
        evs[i] = (persist__ev){.event = items[i].event, .event_len = items[i].event_len};
    rc = submit_evs(s, evs, n, 0, &e);
    refuse_items(items, n, rc);
    for (size_t i = 0; rc == PERSIST_OK && i < n; i++) {
        items[i].status = evs[i].status;
        items[i].response = evs[i].response;
        items[i].response_len = evs[i].response_len;
    }
    persist__free(evs);
    return leave(s, rc, &e);
}

int persist_store_submit_events(persist_store *h, persist_event *events, size_t n,
                                size_t event_size)
{
    store *s = NULL;
    persist__err e = {0, ""};
    persist__ev *evs;
    int rc = enter_recorder_as(h, &s, &e, 1);
    if (rc != PERSIST_OK)
        return rc;
    if (event_size < offsetof(persist_event, duplicate) + sizeof events->duplicate ||
        event_size > sizeof(persist_event) * 4)
        return leave(s,
                     persist__err_set(&e, PERSIST_EINVAL,
                                      "event_size %zu is not sizeof(persist_event)", event_size),
                     &e);
    if (events == NULL && n > 0)
        return leave(s, null_arg(&e, "events"), &e);
    if ((evs = new_evs(n)) == NULL)
        return leave(s, persist__err_set(&e, PERSIST_ENOMEM, "out of memory"), &e);
    for (size_t i = 0; i < n; i++) {
        const persist_event *in = (const persist_event *)((const char *)events + i * event_size);
        evs[i] = (persist__ev){.event = in->event,
                               .event_len = in->event_len,
                               .client_id = in->client_id,
                               .client_id_len = in->client_id_len,
                               .time_us = in->time_us};
    }
    rc = submit_evs(s, evs, n, 1, &e);
    for (size_t i = 0; i < n; i++) {
        persist_event *out = (persist_event *)((char *)events + i * event_size);
        int ok = rc == PERSIST_OK || (n == 1 && rc == evs[0].status);
        out->status = ok ? evs[i].status : rc;
        out->response = ok ? evs[i].response : NULL;
        out->response_len = ok ? evs[i].response_len : 0;
        out->seq = ok ? evs[i].seq : 0;
        out->duplicate = ok ? (uint32_t)evs[i].duplicate : 0;
    }
    persist__free(evs);
    return leave(s, rc, &e);
}

int persist_store_flush(persist_store *h)
{
    store *s = NULL;
    persist__err e = {0, ""};
    int rc = enter_writer(h, &s, &e);
    if (rc != PERSIST_OK)
        return rc;
    return leave(s, persist__engine_flush(&s->eng, &e), &e);
}

int persist_store_set_state(persist_store *h, const char *state, size_t state_len)
{
    store *s = NULL;
    persist__err e = {0, ""};
    int rc = enter_recorder(h, &s, &e);
    if (rc != PERSIST_OK)
        return rc;
    if (state == NULL)
        return leave(s, null_arg(&e, "state"), &e);
    if ((rc = check_text(&e, "the state text", state, state_len)) != PERSIST_OK)
        return leave(s, rc, &e);
    return leave(s, persist__engine_set_state(&s->eng, state, state_len, &e), &e);
}

int persist_store_snapshot(persist_store *h)
{
    store *s = NULL;
    persist__err e = {0, ""};
    int rc = enter_writer(h, &s, &e);
    if (rc != PERSIST_OK)
        return rc;
    return leave(s, persist__engine_snapshot(&s->eng, &e), &e);
}

int persist_store_restore(persist_store *h)
{
    store *s = NULL;
    persist__err e = {0, ""};
    int rc = enter(h, &s);
    if (rc != PERSIST_OK)
        return rc;
    return leave(s, persist__engine_restore(&s->eng, &e), &e);
}

int persist_store_state(persist_store *h, char **out, size_t *out_len)
{
    store *s = NULL;
    persist__err e = {0, ""};
    int rc = enter(h, &s);
    if (out != NULL)
        *out = NULL;
    if (rc != PERSIST_OK)
        return rc;
    if (out == NULL)
        return leave(s, null_arg(&e, "out"), &e);
    if (s->eng.live == NULL)
        return leave(s, persist__err_set(&e, PERSIST_ENOAPP, "no app is deployed"), &e);
    return leave(s, persist__app_serialize(s->eng.live, 0, out, out_len, &e), &e);
}

static int fact(persist_store *h, uint64_t *out, int which)
{
    store *s = NULL;
    persist__facts f;
    persist__err e = {0, ""};
    int rc = enter(h, &s);
    if (rc != PERSIST_OK)
        return rc;
    if (out == NULL)
        return leave(s, null_arg(&e, "out"), &e);
    rc = persist__engine_facts(&s->eng, &f, &e);
    if (rc == PERSIST_OK)
        *out = which == 0 ? f.head : which == 1 ? f.count : f.snap_seq;
    return leave(s, rc, &e);
}

int persist_store_head(persist_store *h, uint64_t *out)
{
    return fact(h, out, 0);
}

int persist_store_record_count(persist_store *h, uint64_t *out)
{
    return fact(h, out, 1);
}

int persist_store_snapshot_seq(persist_store *h, uint64_t *out)
{
    return fact(h, out, 2);
}

int persist_store_app_hash(persist_store *h, char *buf, size_t cap)
{
    store *s = NULL;
    persist__err e = {0, ""};
    int rc = enter(h, &s);
    if (rc != PERSIST_OK)
        return rc;
    if (buf == NULL || cap == 0)
        return leave(s, null_arg(&e, "buf"), &e);
    if (s->eng.live == NULL)
        return leave(s, persist__err_set(&e, PERSIST_ENOAPP, "no app is deployed"), &e);
    persist__hash_hex(persist__app_hash(s->eng.live), buf, cap);
    return leave(s, PERSIST_OK, &e);
}

/* ---- history, inspection and maintenance ---- */

int persist_store_records(persist_store *h, uint64_t from, uint32_t limit, uint32_t kinds,
                          persist_record **out, size_t *count)
{
    store *s = NULL;
    persist__err e = {0, ""};
    int rc = enter(h, &s);
    if (out != NULL)
        *out = NULL;
    if (count != NULL)
        *count = 0;
    if (rc != PERSIST_OK)
        return rc;
    if (out == NULL || count == NULL)
        return leave(s, null_arg(&e, "out and count"), &e);
    return leave(s, persist__history_records(&s->eng, from, limit, kinds, out, count, &e), &e);
}

/* state_at, response_at and client_id_at: same checks, different reader. */
typedef int (*text_at_fn)(persist__engine *, uint64_t, char **, size_t *, persist__err *);

static int text_at(persist_store *h, uint64_t seq, char **out, size_t *out_len, text_at_fn fn)
{
    store *s = NULL;
    persist__err e = {0, ""};
    size_t len = 0;
    int rc = enter(h, &s);
    if (out != NULL)
        *out = NULL;
    if (rc != PERSIST_OK)
        return rc;
    if (out == NULL)
        return leave(s, null_arg(&e, "out"), &e);
    rc = fn(&s->eng, seq, out, &len, &e);
    if (out_len != NULL)
        *out_len = len;
    return leave(s, rc, &e);
}

int persist_store_state_at(persist_store *h, uint64_t seq, char **out, size_t *out_len)
{
    return text_at(h, seq, out, out_len, persist__history_state_at);
}

int persist_store_response_at(persist_store *h, uint64_t seq, char **out, size_t *out_len)
{
    return text_at(h, seq, out, out_len, persist__history_response_at);
}

int persist_store_client_id_at(persist_store *h, uint64_t seq, char **out, size_t *out_len)
{
    return text_at(h, seq, out, out_len, persist__history_client_id_at);
}

int persist_store_snapshots(persist_store *h, persist_snapshot_info **out, size_t *count)
{
    store *s = NULL;
    persist__err e = {0, ""};
    int rc = enter(h, &s);
    if (out != NULL)
        *out = NULL;
    if (rc != PERSIST_OK)
        return rc;
    if (out == NULL || count == NULL)
        return leave(s, null_arg(&e, "out and count"), &e);
    return leave(s, persist__history_snapshots(&s->eng, out, count, &e), &e);
}

int persist_store_apps(persist_store *h, persist_app_info **out, size_t *count)
{
    store *s = NULL;
    persist__err e = {0, ""};
    int rc = enter(h, &s);
    if (out != NULL)
        *out = NULL;
    if (rc != PERSIST_OK)
        return rc;
    if (out == NULL || count == NULL)
        return leave(s, null_arg(&e, "out and count"), &e);
    return leave(s, persist__history_apps(&s->eng, out, count, &e), &e);
}

int persist_store_app_code(persist_store *h, const char *app_hash, char **out, size_t *out_len)
{
    store *s = NULL;
    persist__err e = {0, ""};
    size_t len = 0;
    int rc = enter(h, &s);
    if (out != NULL)
        *out = NULL;
    if (rc != PERSIST_OK)
        return rc;
    if (out == NULL || app_hash == NULL)
        return leave(s, null_arg(&e, "app_hash and out"), &e);
    rc = persist__history_app_code(&s->eng, app_hash, out, &len, &e);
    if (out_len != NULL)
        *out_len = len;
    return leave(s, rc, &e);
}

/* Report structs carry their size (first field): give back what the caller has room for. */
static void copy_report(void *out, const void *rep, size_t rep_size)
{
    uint32_t room;
    if (out == NULL)
        return;
    memcpy(&room, out, sizeof room);
    memcpy(out, rep, room < rep_size ? room : rep_size);
    memcpy(out, &room, sizeof room);
}

static int report_size_ok(persist__err *e, uint32_t given, size_t min, const char *what)
{
    if (given >= min)
        return PERSIST_OK;
    return persist__err_set(e, PERSIST_EINVAL, "%s.struct_size must be set (to sizeof)", what);
}

int persist_store_verify(persist_store *h, uint32_t flags, persist_verify_report *out)
{
    store *s = NULL;
    persist__err e = {0, ""};
    persist_verify_report rep;
    int rc = enter(h, &s);
    if (rc != PERSIST_OK)
        return rc;
    if (out != NULL &&
        (rc = report_size_ok(&e, out->struct_size, offsetof(persist_verify_report, problems) + 4,
                             "persist_verify_report")) != PERSIST_OK)
        return leave(s, rc, &e);
    if (flags & ~PERSIST_VERIFY_ALL_SNAPSHOTS)
        return leave(
            s, persist__err_set(&e, PERSIST_EINVAL, "unknown verify flags 0x%x", (unsigned)flags),
            &e);
    memset(&rep, 0, sizeof rep);
    rep.struct_size = sizeof rep;
    rc = persist__verify(&s->eng, flags, &rep, &e);
    copy_report(out, &rep, sizeof rep);
    return leave(s, rc, &e);
}

int persist_store_revert(persist_store *h, uint64_t seq)
{
    store *s = NULL;
    persist__err e = {0, ""};
    int rc = enter_recorder(h, &s, &e);
    if (rc != PERSIST_OK)
        return rc;
    return leave(s, persist__engine_revert(&s->eng, seq, &e), &e);
}

int persist_store_prune(persist_store *h, uint64_t before, persist_prune_report *out)
{
    store *s = NULL;
    persist__err e = {0, ""};
    persist_prune_report rep;
    int rc = enter_writer(h, &s, &e);
    if (rc != PERSIST_OK)
        return rc;
    if (out != NULL &&
        (rc = report_size_ok(&e, out->struct_size, offsetof(persist_prune_report, compacted) + 4,
                             "persist_prune_report")) != PERSIST_OK)
        return leave(s, rc, &e);
    memset(&rep, 0, sizeof rep);
    rep.struct_size = sizeof rep;
    rc = persist__prune(&s->eng, before, &rep, &e);
    copy_report(out, &rep, sizeof rep);
    return leave(s, rc, &e);
}

/* backup, export and import take one path argument. */
typedef int (*path_fn)(persist__engine *, const char *, persist__err *);

static int with_path(persist_store *h, const char *path, int write, path_fn fn)
{
    store *s = NULL;
    persist__err e = {0, ""};
    int rc = write ? enter_recorder(h, &s, &e) : enter(h, &s);
    if (rc != PERSIST_OK)
        return rc;
    if (path == NULL || path[0] == '\0')
        return leave(s, persist__err_set(&e, PERSIST_EINVAL, "path must be a non-empty string"),
                     &e);
    return leave(s, fn(&s->eng, path, &e), &e);
}

int persist_store_backup(persist_store *h, const char *dir)
{
    return with_path(h, dir, 0, persist__backup);
}

int persist_store_export(persist_store *h, const char *file)
{
    return with_path(h, file, 0, persist__export_file);
}

int persist_store_import(persist_store *h, const char *file)
{
    return with_path(h, file, 1, persist__import_file);
}

/* ---- client ids, queries and followers ---- */

int persist_store_query(persist_store *h, const char *event, size_t event_len, char **out_response,
                        size_t *out_len)
{
    store *s = NULL;
    persist__err e = {0, ""};
    char *resp = NULL;
    size_t len = 0;
    int rc = enter(h, &s);
    if (out_response != NULL)
        *out_response = NULL;
    if (rc != PERSIST_OK)
        return rc;
    if (event == NULL && event_len > 0)
        return leave(s, null_arg(&e, "event"), &e);
    if (event != NULL && (rc = check_text(&e, "the event", event, event_len)) != PERSIST_OK)
        return leave(s, rc, &e);
    rc = persist__sync_query(&s->eng, event != NULL ? event : "", event_len, &resp, &len, &e);
    if (rc == PERSIST_OK && out_response != NULL)
        *out_response = resp;
    else
        persist__free(resp);
    if (rc == PERSIST_OK && out_len != NULL)
        *out_len = len;
    return leave(s, rc, &e);
}

int persist_store_refresh(persist_store *h)
{
    store *s = NULL;
    persist__err e = {0, ""};
    int rc = enter(h, &s);
    if (rc != PERSIST_OK)
        return rc;
    return leave(s, persist__sync_refresh(&s->eng, &e), &e);
}

int persist_store_sync_info(persist_store *h, persist_sync_info *out)
{
    store *s = NULL;
    persist__err e = {0, ""};
    persist_sync_info info;
    int rc = enter(h, &s);
    if (rc != PERSIST_OK)
        return rc;
    if (out == NULL)
        return leave(s, null_arg(&e, "out"), &e);
    if ((rc = report_size_ok(&e, out->struct_size, offsetof(persist_sync_info, store_id) + 33,
                             "persist_sync_info")) != PERSIST_OK)
        return leave(s, rc, &e);
    memset(&info, 0, sizeof info);
    info.struct_size = sizeof info;
    rc = persist__sync_info(&s->eng, &info, &e);
    if (rc == PERSIST_OK)
        copy_report(out, &info, sizeof info);
    return leave(s, rc, &e);
}

int persist_store_export_records(persist_store *h, uint64_t after, uint64_t max_bytes, char **out,
                                 size_t *out_len, uint64_t *out_to)
{
    store *s = NULL;
    persist__err e = {0, ""};
    size_t len = 0;
    uint64_t to = after;
    int rc = enter(h, &s);
    if (out != NULL)
        *out = NULL;
    if (rc != PERSIST_OK)
        return rc;
    if (out == NULL || out_len == NULL)
        return leave(s, null_arg(&e, "out and out_len"), &e);
    rc = persist__sync_export_records(&s->eng, after, max_bytes, out, &len, &to, &e);
    *out_len = len;
    if (out_to != NULL)
        *out_to = to;
    return leave(s, rc, &e);
}

int persist_store_export_bootstrap(persist_store *h, char **out, size_t *out_len, uint64_t *out_seq)
{
    store *s = NULL;
    persist__err e = {0, ""};
    size_t len = 0;
    int rc = enter(h, &s);
    if (out != NULL)
        *out = NULL;
    if (rc != PERSIST_OK)
        return rc;
    if (out == NULL || out_len == NULL)
        return leave(s, null_arg(&e, "out and out_len"), &e);
    rc = persist__sync_export_bootstrap(&s->eng, out, &len, out_seq, &e);
    *out_len = len;
    return leave(s, rc, &e);
}

int persist_store_apply(persist_store *h, const char *data, size_t len, uint64_t *out_head)
{
    store *s = NULL;
    persist__err e = {0, ""};
    int rc = enter_writer(h, &s, &e);
    if (rc != PERSIST_OK)
        return rc;
    if (data == NULL)
        return leave(s, null_arg(&e, "data"), &e);
    return leave(s, persist__sync_apply(&s->eng, data, len, out_head, &e), &e);
}

int persist_store_promote(persist_store *h)
{
    store *s = NULL;
    persist__err e = {0, ""};
    int rc = enter_writer(h, &s, &e);
    if (rc != PERSIST_OK)
        return rc;
    return leave(s, persist__sync_promote(&s->eng, &e), &e);
}
