/* errors.c - the status string table and helpers that record an error code plus message. */
#include "errors.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *persist__status_text(int code)
{
    switch (code) {
    case PERSIST_OK: return "success";
    case PERSIST_ERROR: return "internal error";
    case PERSIST_ENOMEM: return "out of memory";
    case PERSIST_EINVAL: return "invalid argument";
    case PERSIST_EMISUSE: return "library misuse (bad handle or re-entrant call)";
    case PERSIST_ECANCELED: return "canceled by the progress callback";
    case PERSIST_ENOTFOUND: return "not found";
    case PERSIST_EEXISTS: return "already exists";
    case PERSIST_EBUSY: return "store is busy (open for writing elsewhere)";
    case PERSIST_ENOAPP: return "no app deployed";
    case PERSIST_EREADONLY: return "store is open read-only";
    case PERSIST_EIO: return "I/O error";
    case PERSIST_ECORRUPT: return "store is corrupt";
    case PERSIST_EFULL: return "disk or store full";
    case PERSIST_EVERSION: return "unsupported version";
    case PERSIST_ESCRIPT: return "app threw an exception";
    case PERSIST_ETIMEOUT: return "app ran out of time";
    case PERSIST_ELOAD: return "app code failed to load";
    case PERSIST_ECONTRACT: return "app does not fulfil the app contract";
    case PERSIST_EREJECTED: return "app rejected the state";
    case PERSIST_EMIGRATE: return "app migration failed";
    case PERSIST_EROUNDTRIP: return "state does not survive serialize/deserialize";
    case PERSIST_EMEMORY: return "app exceeded its memory limit";
    case PERSIST_EFATAL: return "store poisoned by an unrecoverable error";
    default: return "unknown status";
    }
}

int persist__err_set(persist__err *err, int code, const char *fmt, ...)
{
    va_list ap;
    err->code = code;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return code;
}

int persist__err_prefix(persist__err *err, const char *fmt, ...)
{
    char prefix[256];
    size_t plen, olen;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof prefix - 2, fmt, ap);
    va_end(ap);
    strcat(prefix, ": ");
    plen = strlen(prefix);
    olen = strnlen(err->msg, sizeof err->msg - 1);
    if (plen + olen > sizeof err->msg - 1) /* keep the prefix, truncate the old message */
        olen = sizeof err->msg - 1 - plen;
    memmove(err->msg + plen, err->msg, olen);
    memcpy(err->msg, prefix, plen);
    err->msg[plen + olen] = '\0';
    return err->code;
}

int persist__err_errno(persist__err *err, int errnum, const char *what)
{
    int code = PERSIST_EIO;
    if (errnum == ENOSPC || errnum == EDQUOT || errnum == EFBIG) /* EFBIG: a file size limit */
        code = PERSIST_EFULL;
    else if (errnum == ENOMEM)
        code = PERSIST_ENOMEM;
    return persist__err_set(err, code, "%s: %s", what, strerror(errnum));
}

void persist__err_clear(persist__err *err)
{
    err->code = PERSIST_OK;
    err->msg[0] = '\0';
}

void persist__log_msg(const persist__logger *lg, int level, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    int n;
    if (lg == NULL || lg->fn == NULL)
        return;
    va_start(ap, fmt);
    n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    lg->fn(level, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1, lg->userdata);
}
