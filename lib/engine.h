/* engine.h - a store's operations: event path, projection of deploy and set-state, snapshots. */
#ifndef PERSIST_ENGINE_H
#define PERSIST_ENGINE_H

#include <pthread.h>

#include "app_adapter.h"
#include "client_ids.h"
#include "log_store.h"
#include "restore.h"
#include "snapshot_policy.h"
#include "store_lock.h"

/* One submit call on its way through the event path: staged (its events applied on the pending
 * state, event_path.c), queued, then committed with the other calls of its group
 * (group_commit.c). */
typedef struct persist__call {
    struct persist__ev *evs;
    size_t n;
    uint64_t records; /* its logged events */
    int done;         /* committed or failed: rc and err are final */
    int rc;
    persist__err err;
    pthread_cond_t cv; /* its caller's alone: signalled when it is done or may lead a commit */
    struct persist__call *next;
} persist__call;

/* Group commit: the calls staged while a commit is being written wait in `queue` and are committed
 * together by the next one. Every field is guarded by *mu, the store's lock. A queued call's
 * caller sleeps on the call's own cv; `cv` is for the others (quiesce, rebuild, and submits that
 * wait to stage while the store drains or rebuilds). */
typedef struct persist__group {
    pthread_mutex_t *mu;
    pthread_cond_t cv;
    int cv_ready;
    persist__call *queue, *queue_tail; /* staged, waiting for a commit */
    persist__call *inflight;           /* the calls of the commit being written */
    uint64_t queued_records, inflight_records;
    int committing; /* a thread is writing `inflight` without holding *mu */
    int draining;   /* threads waiting for the queue to empty: no new call stages meanwhile */
    int broken;     /* the app hit a limit: its heap is rebuilt once the commit in progress ends */
    /* Gathering (group_commit.c): the callers of the last commit that have not called again,
     * until when the next commit waits for them, and how long staging a call takes (average). */
    unsigned returning;
    uint64_t gather_until_ns;
    uint64_t stage_ns;
} persist__group;

typedef struct persist__engine {
    persist__lock lock; /* the data file's locks: one writer, and this handle's presence */
    persist__log *log;  /* NULL only when reopening after a compaction failed (see poisoned) */
    char *dir;          /* the store directory (for reopening after a compaction) */
    persist__app *live; /* NULL until an app is deployed */
    persist__logger lg;
    persist__js_config jscfg;  /* console and limits of every app heap */
    persist__restore_env renv; /* jscfg plus the progress callback */
    persist_options opts;
    persist__policy policy;
    uint64_t head;          /* newest record number */
    uint64_t snap_seq;      /* record number the newest snapshot follows */
    uint64_t refused_at;    /* the last record after which the event path refused a snapshot */
    int check_snapshots;    /* an open skipped a snapshot: the event path loads its own first */
    uint64_t last_time_us;  /* the head record's timestamp: the next one is later */
    persist__id_policy ids; /* how long client ids are remembered */
    int follower;           /* the store takes records from another (persist_store_apply) */
    int poisoned;           /* an I/O error or engine failure: writes refused until reopened */
    persist__group *gc;     /* group commit of concurrent submits (the facade's) */
} persist__engine;

/* One event as the event path handles it (the facade's submit calls fill an array of these). */
typedef struct persist__ev {
    const char *event;
    size_t event_len;
    const char *client_id; /* NULL: none */
    size_t client_id_len;
    uint64_t time_us; /* 0: the library's clock */
    int status;
    char *response; /* malloc'd by the library */
    size_t response_len;
    uint64_t seq;  /* the record it became (a duplicate: the first one's); 0 = not logged */
    int duplicate; /* the client id was applied before: nothing applied, the first response */
    int logged;    /* internal: gets a record in this commit */
} persist__ev;

/* The event path (group_commit.c): apply the events in order on the live app's pending state,
 * then commit the logged ones, in one transaction with those of other threads' calls that arrived
 * meanwhile (docs/design.md sections 3 and 7). Called with gc.mu held; releases it while the
 * commit is written. On PERSIST_OK each event has its own status; otherwise nothing was committed
 * and no event keeps a response. */
int persist__engine_submit_events(persist__engine *eng, persist__ev *evs, size_t n,
                                  persist__err *err);

/* Every other call (group_commit.c): quiesce waits, with gc.mu held, until no submit is staged or
 * being committed, and keeps new ones from staging until resume. */
int persist__group_init(persist__group *g, pthread_mutex_t *mu);
void persist__group_destroy(persist__group *g);
void persist__engine_quiesce(persist__engine *eng);
void persist__engine_resume(persist__engine *eng);

/* One commit of the event path (event_path.c). */
typedef struct persist__plan {
    persist__call *calls; /* the group */
    uint64_t head;        /* the head before the commit */
    uint64_t records;     /* the group's logged events */
    uint64_t time;        /* the head record's time before the commit */
    uint64_t last_time;   /* the last record's time after it */
    char *snap_state;     /* a snapshot after the last record (serialized state), or NULL */
    size_t snap_len;
    int snap_refused; /* a snapshot was due, but its app cannot load it (check_snapshots) */
} persist__plan;

/* Apply one call's events on the pending state (gc.mu held): events whose client id was applied
 * before (on disk, or in a call staged or being committed) are answered with the first response;
 * the others run the app's update in order; each logged event gets the number its record will
 * have. On a limit of the app (PERSIST_ETIMEOUT, PERSIST_EMEMORY, PERSIST_EFATAL) the heap is not
 * trusted and is left to the caller to rebuild; on any other failure the pending state is what it
 * was before the call and no event keeps a response. */
int persist__events_stage(persist__engine *eng, persist__call *c, persist__err *err);
/* Before a commit (gc.mu held): seal the pending state and serialize it when a snapshot is due. */
int persist__events_plan(persist__engine *eng, persist__plan *plan, persist__err *err);
/* The commit's write step (without gc.mu: touches the log only). */
int persist__events_write(persist__engine *eng, persist__txn *txn, void *plan, persist__err *err);
/* After the commit succeeded (gc.mu held): the new head, and the sealed state becomes live. */
int persist__events_committed(persist__engine *eng, persist__plan *plan, persist__err *err);
/* A failed call: no event keeps a response. */
void persist__events_drop(persist__call *c);

/* Helpers shared by the engine's files. note_failure poisons the engine after an I/O or fatal
 * error; app_failed also rebuilds the app from disk after it hit its time or memory limit; both
 * return rc. next_time: a record time later than `after`, `wanted` (0: now) if it is. */
int persist__engine_note_failure(persist__engine *eng, int rc);
int persist__engine_app_failed(persist__engine *eng, int rc);
uint64_t persist__engine_next_time(const persist__engine *eng, uint64_t after, uint64_t wanted);

/* Lock the store in `dir` (creating it unless PERSIST_OPEN_NO_CREATE or read-only), open its LMDB
 * environment and restore the live app from disk. */
int persist__engine_open(persist__engine *eng, const char *dir, const persist_options *opts,
                         persist__err *err);
void persist__engine_close(persist__engine *eng);

int persist__engine_flush(persist__engine *eng, persist__err *err);
int persist__engine_deploy(persist__engine *eng, const char *code, size_t len, uint32_t mode,
                           const char *module, persist__err *err);
int persist__engine_set_state(persist__engine *eng, const char *text, size_t len,
                              persist__err *err);
int persist__engine_snapshot(persist__engine *eng, persist__err *err);

/* Append a reset record with the app and state after record `to` (a revert). */
int persist__engine_revert(persist__engine *eng, uint64_t to, persist__err *err);

/* Append a reset record with this app (stored if new) and state; source_seq 0 = an import. */
typedef struct persist__reset_src {
    const char *code;
    size_t code_len;
    const uint8_t *app_hash;
    const char *module;
    size_t module_len;
    const char *state;
    size_t state_len;
} persist__reset_src;
int persist__engine_reset(persist__engine *eng, const persist__reset_src *src, persist__err *err);

/* Runs `step` in a write transaction and commits it; grows the map and runs the step again in a
 * new transaction when the map is full (so a step must not keep what it did in a failed attempt).
 * An I/O or engine failure poisons the engine. */
typedef int (*persist__write_step)(persist__engine *eng, persist__txn *txn, void *ctx,
                                   persist__err *err);
int persist__engine_write(persist__engine *eng, persist__write_step step, void *ctx,
                          persist__err *err);
/* One attempt, without growing the map (PERSIST__EMAPFULL) and without poisoning: what the group
 * commit runs without holding the store's lock. */
int persist__engine_write_once(persist__engine *eng, persist__write_step step, void *ctx,
                               persist__err *err);

/* Close and reopen the LMDB environment (after its file was replaced). */
int persist__engine_reopen_log(persist__engine *eng, persist__err *err);
int persist__engine_restore(persist__engine *eng, persist__err *err);

/* Facts read from disk in a fresh read transaction. */
typedef struct persist__facts {
    uint64_t head, count, snap_seq;
} persist__facts;
int persist__engine_facts(persist__engine *eng, persist__facts *out, persist__err *err);
/* The head record's time and the store's role (follower or not), from disk. */
int persist__engine_read_position(persist__engine *eng, persist__err *err);
/* Set head and snap_seq from disk without restoring (PERSIST_OPEN_NO_RESTORE). */
int persist__engine_facts_head(persist__engine *eng, persist__err *err);

#endif
