/* duk_persist_config.h - libpersist's configuration of the Duktape amalgamation that Debian's
 * duktape-dev ships (/usr/share/duktape). The build copies duk_config.h and includes this file at
 * its __OVERRIDE_DEFINES__ marker; Duktape's source is never committed. */
#ifndef DUK_PERSIST_CONFIG_H
#define DUK_PERSIST_CONFIG_H

/* Per-call time budget: Duktape asks this hook every few thousand bytecode instructions. */
#define DUK_USE_INTERRUPT_COUNTER
#define DUK_USE_EXEC_TIMEOUT_CHECK(udata) persist__js_exec_timeout(udata)
__attribute__((visibility("hidden"))) extern int persist__js_exec_timeout(void *udata);

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

/* Keep every Duktape symbol inside libpersist, so a host with its own Duktape does not clash. */
#undef DUK_EXTERNAL_DECL
#undef DUK_EXTERNAL
#define DUK_EXTERNAL_DECL __attribute__((visibility("hidden"))) extern
#define DUK_EXTERNAL      __attribute__((visibility("hidden")))

#endif
