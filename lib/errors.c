/* errors.c - the status string table and helpers that record an error code plus message. */
#include "errors.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "alloc.h"

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
    case PERSIST_EFOLLOWER: return "store is a follower (it takes records from its leader)";
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
    case PERSIST_ENOTQUERY: return "the app changed the state: not a query";
    case PERSIST_EFATAL: return "store poisoned by an unrecoverable error";
    case PERSIST_EGAP: return "sync batch does not follow this store's last record";
    case PERSIST_EFOREIGN: return "sync batch comes from another store";
    case PERSIST_EFORKED: return "this store's history and the sync batch's differ";
    default: return "unknown status";
    }
}

/* The byte at or after `at` where a UTF-8 character starts. */
static size_t char_start(const char *text, size_t len, size_t at)
{
    while (at < len && ((unsigned char)text[at] & 0xC0) == 0x80)
        at++;
    return at;
}

/* Keeps text (len bytes) in err->msg: whole when it fits, else its beginning and its end with a
 * marker saying how much was cut (the reason of a long app message is often at its end). */
static void keep(persist__err *err, const char *text, size_t len)
{
    char marker[64];
    size_t cap = sizeof err->msg - 1, m, head, tail;
    if (len <= cap) {
        memcpy(err->msg, text, len);
        err->msg[len] = '\0';
        return;
    }
    /* The marker is at most as long as with `len` in it: size the two parts for that. */
    m = (size_t)snprintf(marker, sizeof marker, " [... %zu bytes cut ...] ", len);
    head = (cap - m) / 2;
    while (head > 0 && ((unsigned char)text[head] & 0xC0) == 0x80)
        head--; /* end the head before a character, not inside it */
    tail = char_start(text, len, len - (cap - m - head));
    m = (size_t)snprintf(marker, sizeof marker, " [... %zu bytes cut ...] ", tail - head);
    memcpy(err->msg, text, head);
    memcpy(err->msg + head, marker, m);
    memcpy(err->msg + head + m, text + tail, len - tail);
    err->msg[head + m + len - tail] = '\0';
}

/* Formats into err->msg through keep(); a message too long for the stack buffer is formatted in
 * the heap (or, if that fails, cut at the end). */
static void format_kept(persist__err *err, const char *fmt, va_list ap)
{
    char small[PERSIST_ERRMSG_CAP], *big;
    va_list again;
    int n;
    va_copy(again, ap);
    n = vsnprintf(small, sizeof small, fmt, ap);
    if (n < 0) {
        snprintf(err->msg, sizeof err->msg, "(a message that cannot be formatted)");
    } else if ((size_t)n < sizeof small) {
        keep(err, small, (size_t)n);
    } else if ((big = persist__malloc((size_t)n + 1)) == NULL) {
        keep(err, small, sizeof small - 1);
    } else {
        vsnprintf(big, (size_t)n + 1, fmt, again);
        keep(err, big, (size_t)n);
        persist__free(big);
    }
    va_end(again);
}

int persist__err_set(persist__err *err, int code, const char *fmt, ...)
{
    va_list ap;
    err->code = code;
    va_start(ap, fmt);
    format_kept(err, fmt, ap);
    va_end(ap);
    return code;
}

int persist__err_prefix(persist__err *err, const char *fmt, ...)
{
    char prefix[256], *joined;
    size_t plen, olen;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof prefix - 2, fmt, ap);
    va_end(ap);
    strcat(prefix, ": ");
    plen = strlen(prefix);
    olen = strnlen(err->msg, sizeof err->msg - 1);
    joined = persist__malloc(plen + olen + 1);
    if (joined == NULL) { /* keep the prefix and the old message's end */
        if (plen + olen > sizeof err->msg - 1)
            olen = sizeof err->msg - 1 - plen;
        memmove(err->msg + plen, err->msg + strlen(err->msg) - olen, olen);
        memcpy(err->msg, prefix, plen);
        err->msg[plen + olen] = '\0';
        return err->code;
    }
    memcpy(joined, prefix, plen);
    memcpy(joined + plen, err->msg, olen);
    keep(err, joined, plen + olen);
    persist__free(joined);
    return err->code;
}

int persist__err_errno(persist__err *err, int errnum, const char *what)
{
    int code = PERSIST_EIO;
    struct rlimit files;
    if (errnum == ENOSPC || errnum == EDQUOT || errnum == EFBIG) /* EFBIG: a file size limit */
        code = PERSIST_EFULL;
    else if (errnum == ENOMEM)
        code = PERSIST_ENOMEM;
    if (errnum == EMFILE && getrlimit(RLIMIT_NOFILE, &files) == 0)
        return persist__err_set(err, code,
                                "%s: %s: this process has its limit of %llu open files open (a "
                                "store open for writing holds 5 of them, a read-only one 3); "
                                "close stores or files, or raise the limit (ulimit -n, setrlimit "
                                "RLIMIT_NOFILE)",
                                what, strerror(errnum), (unsigned long long)files.rlim_cur);
    if (errnum == ENFILE)
        return persist__err_set(err, code,
                                "%s: %s: the system's table of open files is full; close files "
                                "or raise it (sysctl fs.file-max)",
                                what, strerror(errnum));
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
