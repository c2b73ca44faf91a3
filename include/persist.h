/*
 * persist.h - libpersist public API (the only public header).
 *
 * libpersist keeps the state of a JavaScript app (usually `elm make` output) alive across crashes,
 * restarts and new versions. The app runs in an embedded JavaScript engine; every event it
 * processes is appended to a log in a store directory; opening a store restores the exact state
 * from the newest snapshot plus a replay of the records after it.
 *
 * Conventions
 * - Functions return int: 0 (PERSIST_OK) on success, a negative persist_status on failure. The
 *   detailed message of the most recent failed call on a store is copied out with
 *   persist_store_errmsg(). There is no thread-local "last error".
 * - Handles are opaque and allocated by the library. persist_store_open() sets *out even when it
 *   fails (except PERSIST_ENOMEM): read the error from it, then always call persist_store_close().
 *   A handle is a value the library looks up, never a pointer it dereferences: a call with a closed
 *   handle (also closing it twice) returns PERSIST_EMISUSE, even after other stores were opened.
 * - Memory the library hands out (responses, serialized states) is released with persist_free().
 *   Inputs are copied; the caller may free them after the call.
 * - Texts (events, responses, states, app code) are UTF-8 passed as pointer + length and reach
 *   the app as JavaScript strings; the library adds a NUL terminator to what it returns.
 *
 * Threads
 * - Global functions (version, strerror, options_init, free) are thread-safe.
 * - Each store has a mutex and all calls on it are serialized, so any thread may call into a store.
 *   persist_store_close() must not race with other calls on the same store.
 * - Since 1.1 submits from several threads are committed together (group commit): while one
 *   commit is being synced, the events of other submit calls are applied in arrival order on the
 *   state it leads to and committed together by the next sync; each call still returns only once
 *   its own events are on disk. If a commit fails, every call in it fails, and the calls after it
 *   are applied again on the state on disk (or fail with PERSIST_EFATAL when the failure left the
 *   store refusing writes). Every other call waits until the submits before it are committed, so
 *   reads never see a state that is not on disk.
 * - The log callback runs on the calling thread while the store lock is held; a callback that calls
 *   back into the same store gets PERSIST_EMISUSE.
 * - One open handle per store directory per process (a second open, even read-only, returns
 *   PERSIST_EBUSY); other processes may open the store read-only while one process writes.
 * - After fork(), the child cannot use its parent's handles (since 1.1: every call returns
 *   PERSIST_EMISUSE, and errmsg says why); it may open the stores itself, read-only while the
 *   parent writes them. Closing a parent's handle in the child only releases the handle. The
 *   child holds none of the parent's locks: it lets go of them first thing after the fork (with
 *   fork(); a raw clone() or _Fork() runs no fork handlers).
 *
 * Dependencies (LMDB, Duktape, OpenSSL's libcrypto) never appear in this header; they allocate with
 * the C library's malloc.
 */
#ifndef PERSIST_H
#define PERSIST_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#if defined(PERSIST_BUILDING)
#define PERSIST_API __declspec(dllexport)
#elif defined(PERSIST_STATIC)
#define PERSIST_API
#else
#define PERSIST_API __declspec(dllimport)
#endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#define PERSIST_API __attribute__((visibility("default")))
#else
#define PERSIST_API
#endif

/* Version of this header. PERSIST_VERSION_MAJOR is also the SONAME number (libpersist.so.1). */
#define PERSIST_VERSION_MAJOR  1
#define PERSIST_VERSION_MINOR  2
#define PERSIST_VERSION_PATCH  2
#define PERSIST_VERSION_NUMBER 10202 /* major * 10000 + minor * 100 + patch */
#define PERSIST_VERSION_STRING "1.2.2"

/* Status codes. Values are pinned forever; new codes take free slots in their decade. */
typedef enum persist_status {
    PERSIST_OK = 0,
    PERSIST_ERROR = -1,      /* unexpected internal failure */
    PERSIST_ENOMEM = -2,     /* out of memory */
    PERSIST_EINVAL = -3,     /* invalid argument (NULL pointer, unknown flag or mode, ...) */
    PERSIST_EMISUSE = -4,    /* bad or closed handle, re-entrant call, handle whose open failed */
    PERSIST_ECANCELED = -5,  /* a progress callback asked to stop; nothing was changed */
    PERSIST_ENOTFOUND = -10, /* store directory missing (read-only or NO_CREATE open), or the
                                directory that would hold a new one */
    PERSIST_EEXISTS = -11,   /* target exists: import into a non-empty store, backup into a store */
    PERSIST_EBUSY = -12,     /* the store is open for writing elsewhere, or already open here */
    PERSIST_ENOAPP = -13,    /* no app deployed yet (or nothing to migrate from) */
    PERSIST_EREADONLY = -14, /* write call on a store opened read-only */
    PERSIST_EFOLLOWER = -15, /* write call on a follower: it takes records from its leader (1.1) */
    PERSIST_EIO = -20,       /* I/O error from the operating system; message has strerror text */
    PERSIST_ECORRUPT = -21,  /* damaged record, snapshot, app code or store file */
    PERSIST_EFULL = -22,     /* disk or store map full */
    PERSIST_EVERSION = -23,  /* store format newer than this library, or options struct too new */
    PERSIST_ESCRIPT = -30,   /* the app threw an exception (message carries the JS error) */
    PERSIST_ETIMEOUT = -31,  /* the app ran past its per-call time budget */
    PERSIST_ELOAD = -32,     /* app code does not parse or throws while loading */
    PERSIST_ECONTRACT = -33, /* app misses a contract function or returned a wrong type */
    PERSIST_EREJECTED = -34, /* the app's deserialize rejected a state text (set-state) */
    PERSIST_EMIGRATE = -35,  /* the app's migration rejected the previous state */
    PERSIST_EROUNDTRIP = -36, /* serialize/deserialize/serialize did not give the same text */
    PERSIST_EMEMORY = -37,    /* the app exceeded its heap memory limit */
    PERSIST_ENOTQUERY = -38,  /* a query's update changed the state (1.1) */
    PERSIST_EFATAL = -40,     /* store poisoned by an unrecoverable error: only close is allowed */
    PERSIST_EGAP = -50,     /* a sync batch starts after a record this store does not hold (1.1) */
    PERSIST_EFOREIGN = -51, /* a sync batch or bootstrap comes from another store (1.1) */
    PERSIST_EFORKED = -52   /* this store's history and the sync batch's differ (1.1) */
} persist_status;

/** Opaque store handle; one per open store directory. */
typedef struct persist_store persist_store;

/** Log levels passed to persist_log_fn. */
typedef enum persist_log_level {
    PERSIST_LOG_DEBUG = 0,
    PERSIST_LOG_INFO = 1,
    PERSIST_LOG_WARN = 2,
    PERSIST_LOG_ERROR = 3
} persist_log_level;

/**
 * Receives the app's console output (console.log/info/warn/error/debug) and library messages.
 * @param level    a persist_log_level value; with PERSIST_LOG_TAG_APP, the app's output has
 *                 PERSIST_LOG_FROM_APP added (level & 0xff is the persist_log_level)
 * @param message  borrowed for the duration of the call; NUL-terminated, `len` bytes
 * Thread: runs on the calling thread with the store lock held; must not call into the same store.
 */
typedef void (*persist_log_fn)(int level, const char *message, size_t len, void *userdata);

/**
 * Progress of a long operation (restore, verify, state-at, prune, and the replay inside a deploy,
 * set-state or revert): `done` of `total` steps (records, mostly; total 0 when unknown). Return 0
 * to go on, anything else to stop with PERSIST_ECANCELED (nothing is changed).
 * Thread: runs on the calling thread with the store lock held; must not call into the same store.
 */
typedef int (*persist_progress_fn)(uint64_t done, uint64_t total, void *userdata);

/* persist_options.flags */
/* Inspection: no writes; works while another process writes. */
#define PERSIST_OPEN_READONLY 0x1u
/* Fail with PERSIST_ENOTFOUND instead of creating the store (also in an existing directory). */
#define PERSIST_OPEN_NO_CREATE 0x2u
/* Also log events whose update returned the identical state. */
#define PERSIST_LOG_ALL_EVENTS 0x4u
/* Do not restore the live app: for inspecting or repairing a store whose restore fails. Revert,
 * deploy with init and import still work; calls that need the live app give PERSIST_ENOAPP. */
#define PERSIST_OPEN_NO_RESTORE 0x8u
/* Since 1.1: the app's console output reaches log_fn with PERSIST_LOG_FROM_APP added to its level,
 * so a host can tell it from the library's own messages (without the flag, levels are as in 1.0).
 */
#define PERSIST_LOG_TAG_APP 0x10u
/* Since 1.1: the bit PERSIST_LOG_TAG_APP adds to the level of the app's console output. */
#define PERSIST_LOG_FROM_APP 0x100

/* persist_options.durability (see docs/reliability.md for what each can lose) */
#define PERSIST_DURABILITY_SYNC    1u /* default: every commit is fsynced before the call returns */
#define PERSIST_DURABILITY_RELAXED 2u /* no fsync per commit; persist_store_flush() syncs */

/* Limits that mean "no limit" for js_budget_ms and js_memory_limit, and for client_id_keep and
 * client_id_keep_s. */
#define PERSIST_NO_LIMIT_MS    0xffffffffu
#define PERSIST_NO_LIMIT_BYTES 0xffffffffffffffffull
#define PERSIST_NO_LIMIT       0xffffffffu

/**
 * Options for persist_store_open(). A zeroed struct with struct_size set is valid: every zero
 * field means its default. Fields are only ever appended.
 */
typedef struct persist_options {
    uint32_t struct_size;    /* sizeof(persist_options) */
    uint32_t flags;          /* PERSIST_OPEN_*, PERSIST_LOG_ALL_EVENTS, PERSIST_LOG_TAG_APP */
    uint64_t map_size;       /* initial LMDB map size in bytes (grows when full); 0 = 64 MiB */
    uint32_t snapshot_every; /* snapshot after this many records; 0 = 1000 (since 1.1 also
                                at a writable open that replayed more than this) */
    uint32_t
        snapshot_budget_ms;   /* also snapshot when estimated replay time exceeds this; 0 = off */
    persist_log_fn log_fn;    /* NULL = discard console output */
    void *log_userdata;       /* passed to log_fn */
    uint32_t durability;      /* PERSIST_DURABILITY_*; 0 = PERSIST_DURABILITY_SYNC */
    uint32_t js_budget_ms;    /* time per call into the app; 0 = 10000; PERSIST_NO_LIMIT_MS */
    uint64_t js_memory_limit; /* bytes per app heap; 0 = 512 MiB; PERSIST_NO_LIMIT_BYTES */
    persist_progress_fn progress_fn; /* NULL = none; called by long operations, also at open */
    void *progress_userdata;         /* passed to progress_fn */
    /* Since 1.1: how long client ids (persist_event.client_id) are remembered: at most this many
     * (0 = 100000), for at most this many seconds of record time (0 = 86400, one day);
     * PERSIST_NO_LIMIT for no limit. A client id forgotten is applied again if it comes back. */
    uint32_t client_id_keep;
    uint32_t client_id_keep_s;
} persist_options;

/* Record kinds, as persist_store_records() reports them; bit (1u << kind) in its `kinds` mask. */
#define PERSIST_RECORD_EVENT          1u
#define PERSIST_RECORD_SET_STATE      2u
#define PERSIST_RECORD_DEPLOY_INIT    3u
#define PERSIST_RECORD_DEPLOY_MIGRATE 4u
#define PERSIST_RECORD_RESET          5u /* an app and a state at once: a revert, or an import */

/** One log record as read by persist_store_records(); strings point into the same allocation. */
typedef struct persist_record {
    uint64_t seq;        /* record number */
    uint64_t time_us;    /* when it was written, microseconds since the Unix epoch (UTC) */
    uint64_t source_seq; /* RESET made by a revert: the record reverted to; otherwise 0 */
    uint32_t kind;       /* PERSIST_RECORD_* */
    uint32_t reserved;   /* 0 */
    const char *payload; /* event text; state text (SET_STATE, RESET); NULL for deploys */
    size_t payload_len;
    const char *module; /* deploys and RESET: the module, as resolved ("app" or "Backend.Main"
                           when the deploy named none); other kinds: "" */
    size_t module_len;
    char app_hash[65]; /* deploys and RESET: hex SHA-256 of the app code; else "" */
} persist_record;

/** A snapshot as listed by persist_store_snapshots(). */
typedef struct persist_snapshot_info {
    uint64_t seq;       /* the record it follows */
    uint64_t time_us;   /* when it was written */
    uint64_t state_len; /* bytes of serialized state */
    char app_hash[65];  /* the app that wrote it */
} persist_snapshot_info;

/** A deployment as listed by persist_store_apps(): one per deploy or RESET record. */
typedef struct persist_app_info {
    uint64_t seq;      /* the deploy (or RESET) record */
    uint64_t code_len; /* bytes of app code */
    uint32_t kind;     /* PERSIST_RECORD_DEPLOY_INIT, _DEPLOY_MIGRATE or _RESET */
    uint32_t reserved;
    char app_hash[65];
} persist_app_info;

/* persist_store_verify() flags */
#define PERSIST_VERIFY_ALL_SNAPSHOTS 0x1u /* replay the whole log and compare every snapshot */

/** What persist_store_verify() checked and found. Set struct_size before the call. */
typedef struct persist_verify_report {
    uint32_t struct_size;       /* sizeof(persist_verify_report) */
    uint32_t problems;          /* 0 when the store is sound */
    uint64_t records_checked;   /* record checksums verified */
    uint64_t snapshots_checked; /* snapshots compared with a replay of the records before them */
    uint64_t apps_checked;      /* app code hashes verified */
    uint64_t first_problem_seq; /* record or snapshot number of the first problem, 0 if none */
} persist_verify_report;

/** What persist_store_prune() removed. Set struct_size before the call. */
typedef struct persist_prune_report {
    uint32_t struct_size; /* sizeof(persist_prune_report) */
    uint32_t compacted;   /* 1 when the file was rewritten to reclaim space */
    uint64_t kept_from;   /* first record still stored (the chosen snapshot's record) */
    uint64_t records_removed;
    uint64_t snapshots_removed;
    uint64_t apps_removed; /* app versions no longer referenced by anything kept */
    uint64_t bytes_before; /* size of data.mdb before and after */
    uint64_t bytes_after;
} persist_prune_report;

/**
 * One event of persist_store_submit_batch(): the caller fills event/event_len, the library fills
 * status, response and response_len (free response with persist_free()).
 */
typedef struct persist_batch_item {
    const char *event;   /* in: UTF-8 text; borrowed for the call */
    size_t event_len;    /* in */
    int32_t status;      /* out: PERSIST_OK or this event's error */
    char *response;      /* out: NUL-terminated, or NULL when status is not PERSIST_OK */
    size_t response_len; /* out */
} persist_batch_item;

/**
 * One event of persist_store_submit_events() (since 1.1): the caller fills the "in" fields (a
 * zeroed struct is an event without client id and time), the library the "out" fields.
 */
typedef struct persist_event {
    const char *event;     /* in: UTF-8 text; borrowed for the call */
    size_t event_len;      /* in */
    const char *client_id; /* in: NULL = none; else 1 to 256 bytes of UTF-8 the client chose */
    size_t client_id_len;  /* in */
    uint64_t time_us;      /* in: the record's time, microseconds since the epoch; 0 = now */
    char *response;        /* out: NUL-terminated (free with persist_free()), or NULL */
    size_t response_len;   /* out */
    uint64_t seq;       /* out: the event's record (a duplicate's: the first's); 0 = not logged */
    int32_t status;     /* out: PERSIST_OK or this event's error */
    uint32_t duplicate; /* out: 1 when client_id was applied before: nothing was applied again
                           and response is the first one's */
} persist_event;

/** What persist_store_sync_info() reports. Set struct_size before the call. */
typedef struct persist_sync_info {
    uint32_t struct_size; /* sizeof(persist_sync_info) */
    uint32_t follower; /* 1: the store follows another (takes records from persist_store_apply) */
    uint64_t head;     /* newest record */
    uint64_t first;    /* oldest record stored (records before it were pruned); 0 when empty */
    uint64_t snapshot_seq; /* newest snapshot */
    char store_id[33];     /* the store's identity, 32 lowercase hex digits (shared by followers) */
    char reserved[7];
} persist_sync_info;

/* Every field listed, so `persist_options o = PERSIST_OPTIONS_INIT;` compiles cleanly with
 * -Wextra in C and C++. */
#define PERSIST_OPTIONS_INIT                                                                       \
    {                                                                                              \
        sizeof(persist_options), 0, 0, 0, 0, NULL, NULL, 0, 0, 0, NULL, NULL, 0, 0                 \
    }

/* Deploy modes for persist_store_deploy(): start from the new app's initial state, or migrate the
 * current state with the new app's migrate function. */
#define PERSIST_DEPLOY_INIT    1u
#define PERSIST_DEPLOY_MIGRATE 2u

/**
 * Version of the loaded library as major * 10000 + minor * 100 + patch.
 * Compare with PERSIST_VERSION_NUMBER to detect a header/library mismatch.
 * Thread: safe. Since: 1.0
 */
PERSIST_API uint32_t persist_version_number(void);

/**
 * Version of the loaded library as a static string such as "1.0.0".
 * Thread: safe. Since: 1.0
 */
PERSIST_API const char *persist_version_string(void);

/**
 * Static, never-NULL description of a status code ("unknown status" for unknown codes).
 * Thread: safe. Since: 1.0
 */
PERSIST_API const char *persist_strerror(int code);

/**
 * Fill the caller's options with defaults: zero the first `struct_size` bytes and set
 * opts->struct_size. Pass sizeof of your own struct, so a program built against an older header
 * is never written past its struct: `persist_options_init(&o, sizeof o)`.
 * @return PERSIST_OK; PERSIST_EINVAL (NULL, or too small to hold struct_size and flags).
 * Thread: safe. Since: 1.0
 */
PERSIST_API int persist_options_init(persist_options *opts, size_t struct_size);

/**
 * Release memory returned by the library (responses, serialized states). NULL is ignored.
 * Thread: safe. Since: 1.0
 */
PERSIST_API void persist_free(void *p);

/**
 * Open (and by default create) the store in directory `path`, and restore the live app through
 * the restore path (newest snapshot, then replay of the records after it).
 * @param out   receives the handle, also on failure (except PERSIST_ENOMEM, where it is NULL);
 *              always pass it to persist_store_close()
 * @param path  directory; copied
 * @param opts  NULL for defaults; copied
 * @return PERSIST_OK; PERSIST_EBUSY (another writer, or already open in this process);
 *         PERSIST_ENOTFOUND (no store, opened read-only or with NO_CREATE; or the directory that
 *         would hold a new store does not exist: an open creates only the store's own directory);
 *         PERSIST_EVERSION; PERSIST_ECORRUPT; PERSIST_EIO (also when the
 *         process has no file descriptor left: an open store holds 5 while open for writing, 3
 *         read-only); app errors from replay. A process may have any number of stores open.
 * Thread: safe (the new handle is not shared yet). Since: 1.0
 */
PERSIST_API int persist_store_open(persist_store **out, const char *path,
                                   const persist_options *opts);

/**
 * Close the store and free the handle, always (even when it returns an error). NULL is ignored.
 * @return PERSIST_OK, or PERSIST_EMISUSE for a handle that is not a live store.
 * Thread: must not race with other calls on the same store. Since: 1.0
 */
PERSIST_API int persist_store_close(persist_store *s);

/**
 * Copy the message of the most recent failed call on `s` into `buf` (snprintf semantics: always
 * NUL-terminated when cap > 0). The message is "" when no call has failed yet.
 * A call that returns PERSIST_EMISUSE (bad handle, re-entrant call) leaves the message as it was.
 * A message is kept whole up to 4095 bytes; a longer one (an app's 40 KB decoder error) keeps its
 * beginning and its end, where the reason usually is, with " [... N bytes cut ...] " between.
 * @return the full length of the message kept, which may exceed cap - 1.
 * Thread: safe; with several threads the message may belong to another thread's call. Since: 1.0
 */
PERSIST_API size_t persist_store_errmsg(persist_store *s, char *buf, size_t cap);

/**
 * Deploy app code. The deploy record is appended inside a write transaction, the restore path runs
 * on that projected store (loading the app, then init or migrate), the resulting state must survive
 * serialize/deserialize/serialize unchanged, and a snapshot is written after it; only then is the
 * transaction committed and the live app replaced. On any failure nothing changes.
 * @param code    app code (plain JavaScript app contract, see docs/app-contract.md); copied
 * @param mode    PERSIST_DEPLOY_INIT (start from the new app's initial state) or
 *                PERSIST_DEPLOY_MIGRATE (the new app's migrate gets the previous app's serialized
 *                state; an app without migrate gets it through its own deserialize, so a release
 *                that keeps its state type keeps the state)
 * @param module  where the app's contract lives (plain JS: global variable name, default "app");
 *                NULL for the default; copied
 * @return PERSIST_OK; PERSIST_ELOAD; PERSIST_ECONTRACT; PERSIST_ESCRIPT; PERSIST_EMIGRATE;
 *         PERSIST_EROUNDTRIP; PERSIST_ENOAPP (migrate with nothing deployed); I/O errors.
 * Thread: serialized on the store lock. Since: 1.0
 */
PERSIST_API int persist_store_deploy(persist_store *s, const char *code, size_t code_len,
                                     uint32_t mode, const char *module);

/**
 * Submit an event to the live app. The app's update runs first; if the new state is a different
 * value, the event record is committed (fsync) before the state becomes live and the response is
 * returned. An update that returns the identical state is not logged (unless
 * PERSIST_LOG_ALL_EVENTS) but its response is still returned.
 * @param event         UTF-8 text; copied
 * @param out_response  NULL, or receives the app's response (NUL-terminated); free with
 *                      persist_free()
 * @param out_len       NULL, or receives the response length in bytes
 * @return PERSIST_OK; PERSIST_ESCRIPT (update threw: state unchanged, nothing written);
 *         PERSIST_ETIMEOUT / PERSIST_EMEMORY (the app hit a limit: nothing written, the live app
 *         is rebuilt from disk); PERSIST_ECONTRACT; PERSIST_ENOAPP; PERSIST_EREADONLY;
 *         PERSIST_EIO (the store then refuses writes until reopened); PERSIST_EFULL;
 *         PERSIST_EFATAL (the store refuses writes, also when another thread's commit failed).
 * Thread: committed together with other threads' submits (group commit, see Threads).
 * Since: 1.0
 */
PERSIST_API int persist_store_submit(persist_store *s, const char *event, size_t event_len,
                                     char **out_response, size_t *out_len);

/**
 * Group commit: apply `n` events in order and commit all their records in one transaction with one
 * fsync. An event whose update fails is reported in its item (its status and no response), is not
 * written, and the next event continues from the state before it. If the commit fails, every item
 * gets the commit's error and the live state is unchanged.
 * @param items  array of n items; event fields read, status/response fields written
 * Item statuses carry no message of their own. When an event hits the app's time or memory limit
 * (or the engine fails), the app is rebuilt from disk, nothing of the batch is written and every
 * item gets that status.
 * @return PERSIST_OK when the batch was committed (check each item's status); PERSIST_EINVAL;
 *         PERSIST_ENOAPP; PERSIST_EREADONLY; PERSIST_ETIMEOUT; PERSIST_EMEMORY; PERSIST_EFATAL;
 *         PERSIST_EIO; PERSIST_EFULL.
 * Thread: committed together with other threads' submits (group commit, see Threads); the batch
 * stays one unit: all its records are in one commit. Since: 1.0
 */
PERSIST_API int persist_store_submit_batch(persist_store *s, persist_batch_item *items, size_t n);

/**
 * Force committed records to disk (fsync). Needed only with PERSIST_DURABILITY_RELAXED; a no-op
 * that returns PERSIST_OK in the default mode.
 * @return PERSIST_OK; PERSIST_EIO (the store then refuses writes until reopened).
 * Thread: serialized on the store lock. Since: 1.0
 */
PERSIST_API int persist_store_flush(persist_store *s);

/**
 * Manual intervention: replace the state with the app's deserialization of `state`, through the
 * same projection as a deployment (nothing changes when the app rejects the text).
 * @return PERSIST_OK; PERSIST_EREJECTED; PERSIST_EROUNDTRIP; PERSIST_ENOAPP; I/O errors.
 * Thread: serialized on the store lock. Since: 1.0
 */
PERSIST_API int persist_store_set_state(persist_store *s, const char *state, size_t state_len);

/**
 * Write a snapshot of the live state after the head record now (no-op if one exists there).
 * @return PERSIST_OK; PERSIST_ENOAPP; PERSIST_ESCRIPT (serialize threw); I/O errors.
 * Thread: serialized on the store lock. Since: 1.0
 */
PERSIST_API int persist_store_snapshot(persist_store *s);

/**
 * Re-run the restore path from disk and replace the live app with its result. On a read-only
 * handle this picks up what the writer committed since.
 * @return PERSIST_OK; PERSIST_ECORRUPT; app errors; I/O errors (the live app is kept on failure).
 * Thread: serialized on the store lock. Since: 1.0
 */
PERSIST_API int persist_store_restore(persist_store *s);

/**
 * Serialize the live state with the app's serialize function.
 * @param out      receives the text (NUL-terminated); free with persist_free()
 * @param out_len  NULL, or receives its length in bytes
 * @return PERSIST_OK; PERSIST_ENOAPP; PERSIST_ESCRIPT; PERSIST_ECONTRACT.
 * Thread: serialized on the store lock. Since: 1.0
 */
PERSIST_API int persist_store_state(persist_store *s, char **out, size_t *out_len);

/**
 * Number of the newest record (records are numbered 1, 2, ... without gaps); 0 for an empty log.
 * Read from disk, so a read-only handle sees the writer's progress.
 * Thread: serialized on the store lock. Since: 1.0
 */
PERSIST_API int persist_store_head(persist_store *s, uint64_t *out);

/**
 * Number of records stored.
 * Thread: serialized on the store lock. Since: 1.0
 */
PERSIST_API int persist_store_record_count(persist_store *s, uint64_t *out);

/**
 * Record number that the newest snapshot follows; 0 when there is no snapshot.
 * Thread: serialized on the store lock. Since: 1.0
 */
PERSIST_API int persist_store_snapshot_seq(persist_store *s, uint64_t *out);

/**
 * SHA-256 of the live app's code as 64 lowercase hex digits plus NUL (snprintf semantics; a
 * buffer of 65 bytes holds it).
 * @return PERSIST_OK; PERSIST_ENOAPP when no app is deployed; PERSIST_EINVAL.
 * Thread: serialized on the store lock. Since: 1.0
 */
PERSIST_API int persist_store_app_hash(persist_store *s, char *buf, size_t cap);

/* ---- history, inspection and maintenance ---- */

/**
 * Read up to `limit` records from record `from` on (0 = from the oldest stored), optionally only
 * the kinds whose bit (1u << kind) is set in `kinds` (0 = all kinds). An event's client id is not
 * in persist_record (its size is fixed): persist_store_client_id_at() reads it.
 * @param limit  most records to return; 0 = 1000; UINT32_MAX for all (memory follows what is
 *               returned, not the limit; before 1.2.2 a limit far above the record count could
 *               fail with PERSIST_ENOMEM)
 * @param out    receives an array of *count records in one allocation (strings included); free
 *               it with persist_free(); NULL when *count is 0
 * @return PERSIST_OK (also when nothing is left); PERSIST_ECORRUPT for a damaged record.
 * Thread: serialized on the store lock. Since: 1.0
 */
PERSIST_API int persist_store_records(persist_store *s, uint64_t from, uint32_t limit,
                                      uint32_t kinds, persist_record **out, size_t *count);

/**
 * The serialized state after record `seq`, computed by the restore path in a scratch heap (the
 * live app is not touched).
 * @return PERSIST_OK; PERSIST_EINVAL (seq 0 or after the head); PERSIST_ENOTFOUND (history before
 *         seq was pruned); PERSIST_ECORRUPT; PERSIST_ECANCELED; app errors.
 * Thread: serialized on the store lock. Since: 1.0
 */
PERSIST_API int persist_store_state_at(persist_store *s, uint64_t seq, char **out, size_t *out_len);

/**
 * The response the app gives to event record `seq` when it is replayed (scratch heap).
 * @return PERSIST_OK; PERSIST_EINVAL (not an event record); as persist_store_state_at().
 * Thread: serialized on the store lock. Since: 1.0
 */
PERSIST_API int persist_store_response_at(persist_store *s, uint64_t seq, char **out,
                                          size_t *out_len);

/**
 * The client id that event record `seq` was submitted with (persist_event.client_id), read from
 * the record itself, so it is there as long as the record is, whatever client_id_keep says; on a
 * follower, the id the leader's record carries.
 * @param out      receives a copy with a NUL after it (free it with persist_free()), or NULL
 *                 when the record has no client id (an event submitted without one, or not an
 *                 event)
 * @param out_len  receives its length in bytes (0 for none); may be NULL
 * @return PERSIST_OK; PERSIST_EINVAL (seq 0 or after the head); PERSIST_ENOTFOUND (history before
 *         seq was pruned); PERSIST_ECORRUPT.
 * Thread: serialized on the store lock. Since: 1.2
 */
PERSIST_API int persist_store_client_id_at(persist_store *s, uint64_t seq, char **out,
                                           size_t *out_len);

/**
 * List the snapshots, oldest first. *out is one allocation; free it with persist_free().
 * Thread: serialized on the store lock. Since: 1.0
 */
PERSIST_API int persist_store_snapshots(persist_store *s, persist_snapshot_info **out,
                                        size_t *count);

/**
 * List every deployment (deploy and RESET records), oldest first. Free *out with persist_free().
 * Thread: serialized on the store lock. Since: 1.0
 */
PERSIST_API int persist_store_apps(persist_store *s, persist_app_info **out, size_t *count);

/**
 * Fetch an app's code by its hex SHA-256 (64 digits, as persist_store_app_hash() gives).
 * @param out  receives the code (NUL-terminated); free with persist_free()
 * @return PERSIST_OK; PERSIST_ENOTFOUND; PERSIST_EINVAL (not a hash); PERSIST_ECORRUPT.
 * Thread: serialized on the store lock. Since: 1.0
 */
PERSIST_API int persist_store_app_code(persist_store *s, const char *app_hash, char **out,
                                       size_t *out_len);

/**
 * Verify the store: every record's checksum, every app's hash, the store's identity, role and
 * epoch and its client-id index (since 1.2.2), snapshots against a replay of the records before
 * them (the newest few, or all with PERSIST_VERIFY_ALL_SNAPSHOTS), and that the live state equals
 * the restore path's state at the live app's record. A read-only handle whose
 * record the writer has pruned since checks the restore path at the store's head instead and says
 * so in its log (refresh it first to compare its live state).
 * @param out  NULL, or a report with struct_size set
 * @return PERSIST_OK when no problem was found; PERSIST_ECORRUPT (the message names the first
 *         problem, the report counts them); when every problem found is the app failing on a state
 *         or record it had to check (its serialize or a replayed update threw, ran out of time or
 *         memory), the app's own code instead: PERSIST_ESCRIPT, PERSIST_ETIMEOUT, PERSIST_EMEMORY,
 *         PERSIST_ECONTRACT, PERSIST_ELOAD or PERSIST_EMIGRATE (the records are intact; the report
 *         is filled the same way; before 1.2.1, PERSIST_ECORRUPT; a snapshot its own app rejects
 *         stays a problem of the store); PERSIST_ECANCELED.
 * Thread: serialized on the store lock. Since: 1.0
 */
PERSIST_API int persist_store_verify(persist_store *s, uint32_t flags, persist_verify_report *out);

/**
 * Make the live state equal to the state after record `seq` by appending a RESET record (the app
 * of that time and its state): history is never rewritten, the revert is history too. Goes
 * through the same projection as a deployment; nothing changes on failure.
 * @return PERSIST_OK; PERSIST_EINVAL; PERSIST_ENOTFOUND (pruned); app errors; I/O errors.
 * Thread: serialized on the store lock. Since: 1.0
 */
PERSIST_API int persist_store_revert(persist_store *s, uint64_t seq);

/**
 * Remove history older than the newest snapshot at or before record `before` (records and
 * snapshots before it, and app versions nothing kept refers to), then rewrite the file compactly
 * to reclaim space when no other process is reading the store. Never removes what the newest
 * restore needs. A failure after the history was removed says so, and the history stays removed.
 * When the compacted copy replaced the file (out->compacted is 1) but the handle could not take it
 * up, or the directory could not be synced after the rename, the call fails and the handle
 * refuses all but close (PERSIST_EFATAL): close the store and open it again, losing nothing.
 * @param out  NULL, or a report with struct_size set
 * @return PERSIST_OK; PERSIST_ENOTFOUND (no snapshot at or before `before`); I/O errors.
 * Thread: serialized on the store lock. Since: 1.0
 */
PERSIST_API int persist_store_prune(persist_store *s, uint64_t before, persist_prune_report *out);

/**
 * Hot backup: a consistent, compacted copy of the store into directory `dir` (created if
 * missing; it must not hold a store already). Works on read-only handles and while writing.
 * @return PERSIST_OK; PERSIST_EEXISTS; PERSIST_EIO; PERSIST_EFULL.
 * Thread: serialized on the store lock. Since: 1.0
 */
PERSIST_API int persist_store_backup(persist_store *s, const char *dir);

/**
 * Export a portable snapshot: the live app's code and module and its serialized state, as one
 * JSON file (docs/format.md), written atomically (a temporary file renamed into place).
 * @return PERSIST_OK; PERSIST_ENOAPP; PERSIST_EIO; PERSIST_EINVAL (`file` is not a regular file,
 *         or is in the store's own directory, where it could replace one of the store's files;
 *         since 1.2.2).
 * Thread: serialized on the store lock. Since: 1.0
 */
PERSIST_API int persist_store_export(persist_store *s, const char *file);

/**
 * Start an empty store from an exported file: appends one RESET record with the file's app and
 * state, through the projection (the app must load and accept the state).
 * @return PERSIST_OK; PERSIST_EEXISTS (the store has records); PERSIST_ENOTFOUND (no such file);
 *         PERSIST_EINVAL (not an export file); PERSIST_ECORRUPT (code does not match its hash);
 *         app errors; I/O errors.
 * Thread: serialized on the store lock. Since: 1.0
 */
PERSIST_API int persist_store_import(persist_store *s, const char *file);

/* ---- client ids, timestamps, queries and followers (since 1.1; docs/sync.md) ---- */

/**
 * Submit events, each optionally with a client id and a timestamp, in one transaction with one
 * fsync (like persist_store_submit_batch, whose rules for failing events it follows). An event
 * whose client id was applied before (by this store, or by the leader a follower took it from,
 * within the retention of persist_options.client_id_keep/_keep_s) is not applied again: it gets
 * the first response, its record number and duplicate = 1; the same id twice in one call is one
 * event. Ids are kept only for events that were logged (a query is not). A record's time is
 * time_us or now, and always later than the previous record's (one microsecond later if not).
 * @param events      array of n events (stride event_size)
 * @param event_size  sizeof(persist_event) as the caller knows it (fields are only appended)
 * @return PERSIST_OK when the call committed (check each event's status; for n = 1 the event's
 *         status is also returned, with its message); PERSIST_EINVAL (a bad client id, size);
 *         PERSIST_EFOLLOWER; and the errors of persist_store_submit_batch().
 * Thread: committed together with other threads' submits (group commit, see Threads); a
 * client id sent by two threads at once is applied once. Since: 1.1
 */
PERSIST_API int persist_store_submit_events(persist_store *s, persist_event *events, size_t n,
                                            size_t event_size);

/**
 * Answer a query: run the app's update with `event` on the live state and return the response;
 * nothing is written. The update must return the state it was given (an Elm app: the same
 * value); if it returns another, the call fails and the state stays as it was. Works on every
 * handle: read-only (see persist_store_refresh), follower and writer.
 * @return PERSIST_OK; PERSIST_ENOTQUERY (the update changed the state); PERSIST_ENOAPP;
 *         PERSIST_ESCRIPT; PERSIST_ETIMEOUT; PERSIST_EMEMORY; PERSIST_ECONTRACT.
 * Thread: serialized on the store lock. Since: 1.1
 */
PERSIST_API int persist_store_query(persist_store *s, const char *event, size_t event_len,
                                    char **out_response, size_t *out_len);

/**
 * Bring a read-only handle's live app up to the records the writer committed since (it applies
 * them through the restore path's step); on a writer or follower it changes nothing.
 * @return PERSIST_OK; PERSIST_ECORRUPT; app errors (the live app is then rebuilt from disk).
 * Thread: serialized on the store lock. Since: 1.1
 */
PERSIST_API int persist_store_refresh(persist_store *s);

/**
 * The store's identity and position, for sync. Set out->struct_size first.
 * Thread: serialized on the store lock. Since: 1.1
 */
PERSIST_API int persist_store_sync_info(persist_store *s, persist_sync_info *out);

/**
 * Export the records after record `after` as one sync batch (docs/sync.md: versioned, with the
 * store's identity, the checksum of record `after` and a SHA-256 over everything), with the app
 * code the batch's deployments need. At least one record; more while the batch stays under
 * max_bytes (0 = 8 MiB). *out is NULL and *out_len 0 when there is nothing after `after`.
 * @param out_to  NULL, or receives the last record in the batch (`after` when empty)
 * @return PERSIST_OK; PERSIST_ENOTFOUND (records after `after` were pruned: bootstrap instead);
 *         PERSIST_EINVAL (after the head).
 * Thread: serialized on the store lock. Since: 1.1
 */
PERSIST_API int persist_store_export_records(persist_store *s, uint64_t after, uint64_t max_bytes,
                                             char **out, size_t *out_len, uint64_t *out_to);

/**
 * Export a bootstrap package: the newest snapshot, its record and the app code it needs, from
 * which persist_store_apply() starts a follower. Free *out with persist_free().
 * @param out_seq  NULL, or receives the snapshot's record number
 * @return PERSIST_OK; PERSIST_ENOTFOUND (no snapshot yet).
 * Thread: serialized on the store lock. Since: 1.1
 */
PERSIST_API int persist_store_export_bootstrap(persist_store *s, char **out, size_t *out_len,
                                               uint64_t *out_seq);

/**
 * Apply a sync batch or a bootstrap package. A bootstrap turns an empty store into a follower of
 * the exporting store (same identity). A batch is applied through the restore path in one
 * transaction, so a follower ends in the leader's state, deployments and migrations included;
 * records it holds already are checked and skipped, so applying a batch twice changes nothing.
 * Nothing is applied on failure.
 * @param out_head  NULL, or receives the head after the call
 * @return PERSIST_OK; PERSIST_EGAP (the batch starts after a record this store does not hold);
 *         PERSIST_EFOREIGN (another store's batch); PERSIST_EFORKED (the histories differ);
 *         PERSIST_ECORRUPT (a damaged batch); PERSIST_EEXISTS (a bootstrap into a store that has
 *         records); PERSIST_EVERSION (a newer batch format); PERSIST_EREADONLY; app errors.
 * Thread: serialized on the store lock. Since: 1.1
 */
PERSIST_API int persist_store_apply(persist_store *s, const char *data, size_t len,
                                    uint64_t *out_head);

/**
 * Make a follower a writer: it keeps the identity and continues the sequence. A writer of the
 * same store elsewhere that did not stop is now a fork: its batches are refused with
 * PERSIST_EFORKED by this store's followers, and it cannot follow this store.
 * @return PERSIST_OK (also when the store is no follower); PERSIST_EREADONLY.
 * Thread: serialized on the store lock. Since: 1.1
 */
PERSIST_API int persist_store_promote(persist_store *s);

#ifdef __cplusplus
}
#endif

#endif /* PERSIST_H */
