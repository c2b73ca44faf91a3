/* internal.h - assertions and types shared by the library's modules (never installed). */
#ifndef PERSIST_INTERNAL_H
#define PERSIST_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "persist.h"

#if defined(NDEBUG) && !defined(PERSIST_DEBUG)
#define PERSIST_ASSERT(cond) ((void)0)
#else
#include <assert.h>
#define PERSIST_ASSERT(cond) assert(cond)
#endif

#define PERSIST_ERRMSG_CAP 4096

/* An error: a persist_status and a message. Every internal function that can fail fills one. */
typedef struct persist__err {
    int code;
    char msg[PERSIST_ERRMSG_CAP];
} persist__err;

/* Record kinds as stored (docs/format.md). */
enum {
    PERSIST__REC_EVENT = 1,
    PERSIST__REC_SET_STATE = 2,
    PERSIST__REC_DEPLOY_INIT = 3,
    PERSIST__REC_DEPLOY_MIGRATE = 4,
    PERSIST__REC_RESET = 5 /* an app and a state at once (revert, import) */
};

#define PERSIST__HASH_LEN 32 /* SHA-256 */

/* A unit test may define persist__test_point to stop or fail the library at named points; in the
 * library it is not defined and the weak reference is NULL. Points: "staged" (a call joined the
 * group-commit queue), "rebuild" (the heap will be rebuilt), "quiesce" (a call waits for the
 * submits to drain), "write" (a group is about to be written, without the lock: a non-zero return
 * is the write's status), all in group_commit.c (tests/unit/test_group_commit.c); "writer-locked"
 * (an open took the writer lock, LMDB has not opened the store yet), "data-opened" (an open has
 * data.mdb open, nothing checked or locked yet), "registering" (an open
 * holds the mutex of the registry of open stores) and "registered" (it has let go of it),
 * store_lock.c (tests/unit/test_lmdb_check.c,
 * tests/unit/test_fork_guard.c, tests/unit/test_reader_races.c); "compact-copied" (a prune's
 * compaction has written its copy, which is not locked yet) and "compact-adopted" (the copy is
 * locked as the data file, the old file still locked, the rename not done: a non-zero return, with
 * errno set, fails the rename), maintenance.c (tests/unit/test_fork_guard.c,
 * tests/unit/test_reader_races.c, tests/unit/test_killed_compaction.c); "restored" (an open has
 * read the state, not yet the head record's time) and "log-opening" (the log is about to be opened,
 * at an open or after a compaction: a non-zero return fails it), engine.c
 * (tests/unit/test_reader_races.c);
 * "prechecking" (an open's check of data.mdb has read its size, not yet its meta pages),
 * lmdb_check.c (tests/unit/test_lmdb_check.c); "elm-calls-off" (a non-zero return loads an Elm app
 * without the direct calls of elm_calls.c), app_adapter.c (tests/unit/test_elm_calls.c). */
extern int persist__test_point(const char *point) __attribute__((weak));

static inline int persist__test_hook(const char *point)
{
    return persist__test_point != NULL ? persist__test_point(point) : PERSIST_OK;
}

/* Where the library's diagnostics and the app's console output go. */
typedef struct persist__logger {
    persist_log_fn fn;
    void *userdata;
} persist__logger;

/* How app heaps are set up: where console output goes, and the limits of each call. */
typedef struct persist__js_config {
    persist__logger lg;
    uint32_t budget_ms; /* per call; 0 or PERSIST_NO_LIMIT_MS = none */
    uint64_t mem_limit; /* bytes per heap; 0 or PERSIST_NO_LIMIT_BYTES = none */
    int tag_app;        /* console output gets PERSIST_LOG_FROM_APP (PERSIST_LOG_TAG_APP) */
} persist__js_config;

void persist__log_msg(const persist__logger *lg, int level, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

#endif
