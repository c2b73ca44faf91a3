/* errors.h - status strings and recording errors with messages. */
#ifndef PERSIST_ERRORS_H
#define PERSIST_ERRORS_H

#include "internal.h"

/* Set err->code and a printf-formatted message; returns code so callers can `return
 * persist__err_set(...)`. */
int persist__err_set(persist__err *err, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Prefix the existing message with context ("replaying record 7: <old message>"); keeps the code.
 */
int persist__err_prefix(persist__err *err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Map an errno value to PERSIST_EIO / PERSIST_EFULL / PERSIST_ENOMEM with the strerror text. */
int persist__err_errno(persist__err *err, int errnum, const char *what);

void persist__err_clear(persist__err *err);

/* Static text for a status code (persist_strerror). */
const char *persist__status_text(int code);

#endif
