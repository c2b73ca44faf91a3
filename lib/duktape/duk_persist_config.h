/* duk_persist_config.h - libpersist's configuration of the Duktape amalgamation that Debian's
 * duktape-dev ships (/usr/share/duktape). The build copies duk_config.h and includes this file at
 * its __OVERRIDE_DEFINES__ marker, and applies checkpoints.patch to duktape.c; Duktape's source is
 * never committed. */
#ifndef DUK_PERSIST_CONFIG_H
#define DUK_PERSIST_CONFIG_H

/* Per-call time budget. Duktape asks DUK_USE_EXEC_TIMEOUT_CHECK every few thousand bytecode
 * instructions; checkpoints.patch makes native code count its work (DUK_USE_PERSIST_WORK) and ask
 * the same hook when a heap's work counter runs out, so no native built-in can run unchecked, and
 * makes a failed allocation give up without further collections once the call is past its budget
 * (DUK_USE_PERSIST_GIVE_UP). The heap's udata is the persist__js of lib/js_host.c, whose first
 * member is the work counter. */
#define DUK_USE_INTERRUPT_COUNTER
#define DUK_USE_EXEC_TIMEOUT_CHECK(udata) persist__js_exec_timeout(udata)
__attribute__((visibility("hidden"))) extern int persist__js_exec_timeout(void *udata);
__attribute__((visibility("hidden"))) extern int persist__js_checkpoint(void *udata);
#define DUK_USE_PERSIST_WORK(thr, units)                                                           \
    do {                                                                                           \
        if (DUK_UNLIKELY((*(long *)(thr)->heap->heap_udata -= (long)(units)) < 0) &&               \
            persist__js_checkpoint((thr)->heap->heap_udata))                                       \
            DUK_ERROR_RANGE((thr), "execution timeout");                                           \
    } while (0)
#define DUK_USE_PERSIST_GIVE_UP(udata) persist__js_exec_timeout(udata)

/* Determinism: replay must compute what the live app computed, on any machine. The engine's clock
 * reads as the epoch (the sandbox also makes Date.now() and new Date() throw), local time is UTC
 * whatever TZ says, and dates are parsed and formatted without the C library's locale. */
#define DUK_USE_DATE_GET_NOW(ctx)          0.0
#define DUK_USE_GET_MONOTONIC_TIME(ctx)    0.0
#define DUK_USE_DATE_GET_LOCAL_TZOFFSET(d) 0
#undef DUK_USE_DATE_PRS_STRPTIME
#undef DUK_USE_DATE_FMT_STRFTIME

/* Integer fast path for Elm's integer-heavy code. */
#define DUK_USE_FASTINT

/* JSON.stringify walks property tables directly where nothing can change the value on the way
 * (Elm's Json.Encode output, snapshots); jsonfast.patch makes that walk count its work. */
#define DUK_USE_JSON_STRINGIFY_FASTPATH

/* Keep every Duktape symbol inside libpersist, so a host with its own Duktape does not clash. */
#undef DUK_EXTERNAL_DECL
#undef DUK_EXTERNAL
#define DUK_EXTERNAL_DECL __attribute__((visibility("hidden"))) extern
#define DUK_EXTERNAL      __attribute__((visibility("hidden")))

#endif
