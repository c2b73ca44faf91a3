/* store.c - the stores and files of a command: opening, removing a new store again, input. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int fail(struct ctx *c, int code)
{
    char msg[ERRMSG_SIZE] = "";
    if (c->s != NULL)
        persist_store_errmsg(c->s, msg, sizeof msg);
    return out_fail_lib(&c->out, code, msg);
}

/* Write commands other than deploy and import must not turn a directory without a store into
 * one (the library's NO_CREATE only refuses a missing directory). */
static int check_store_exists(struct ctx *c)
{
    char path[4096];
    struct stat st;
    if (stat(c->store, &st) != 0 || !S_ISDIR(st.st_mode))
        return XS_OK; /* the library reports it */
    snprintf(path, sizeof path, "%s/data.mdb", c->store);
    if (stat(path, &st) == 0 || errno != ENOENT)
        return XS_OK;
    return out_fail(&c->out, PERSIST_ENOTFOUND, NULL, "not found: %s holds no store (no data.mdb)",
                    c->store);
}

static int restore_failed(int rc)
{
    return rc != PERSIST_OK && rc != PERSIST_ENOTFOUND && rc != PERSIST_EBUSY &&
           rc != PERSIST_EVERSION && rc != PERSIST_EINVAL && rc != PERSIST_EMISUSE &&
           rc != PERSIST_ENOMEM && rc != PERSIST_EIO;
}

static int open_with(struct ctx *c, persist_options *o)
{
    int rc;
    out_long_begin(&c->out, "restore");
    rc = persist_store_open(&c->s, c->store, o);
    out_long_end(&c->out);
    return rc;
}

static void init_options(const struct ctx *c, persist_options *o)
{
    const struct command *cmd = c->a->cmd;
    persist_options_init(o, sizeof *o);
    o->flags = cmd->open == OPEN_READ    ? PERSIST_OPEN_READONLY | PERSIST_OPEN_NO_CREATE
               : cmd->open == OPEN_WRITE ? PERSIST_OPEN_NO_CREATE
                                         : 0;
    o->flags |= PERSIST_LOG_TAG_APP; /* out_log tells the app's output from the library's */
    if (cmd->restore == RESTORE_NEVER ||
        (cmd->restore == RESTORE_UNLESS_AT && (c->a->seen & OPT(O_AT))))
        o->flags |= PERSIST_OPEN_NO_RESTORE;
    o->map_size = c->a->map_size; /* 0: the library's default */
    o->log_fn = out_log;
    o->log_userdata = (void *)&c->out;
    o->progress_fn = out_progress;
    o->progress_userdata = (void *)&c->out.prog;
}

/* Opens c->store as the command needs it; records a failure. A command that can work without the
 * live app opens again without it when the restore fails (verify then checks everything but the
 * live state; revert is the repair). */
int open_store(struct ctx *c)
{
    persist_options o;
    struct stat st;
    char msg[1024];
    int rc, mode = c->a->cmd->open;
    init_options(c, &o);
    c->created = mode == OPEN_CREATE && stat(c->store, &st) != 0 && errno == ENOENT;
    if (mode == OPEN_WRITE && (rc = check_store_exists(c)) != XS_OK)
        return rc;
    rc = open_with(c, &o);
    if (restore_failed(rc) && c->a->cmd->restore == RESTORE_OR_NOT) {
        persist_store_errmsg(c->s, msg, sizeof msg);
        out_note(&c->out, PERSIST_LOG_WARN,
                 "its restore fails (%s: %s); going on without the live app", persist_strerror(rc),
                 msg);
        persist_store_close(c->s);
        c->s = NULL;
        o.flags |= PERSIST_OPEN_NO_RESTORE;
        rc = open_with(c, &o);
    }
    if (rc == PERSIST_ENOTFOUND && mode == OPEN_CREATE)
        c->out.err.hint = ""; /* the library says which directory is missing and what to do */
    if (rc != PERSIST_OK)
        return fail(c, rc);
    c->opened = 1;
    return XS_OK;
}

/* A failed deploy or import into a store this command created removes the store again. The
 * files go while the writer lock is still held; rmdir then fails if anyone else added files. */
void discard_created_store(struct ctx *c)
{
    static const char *const files[] = {"data.mdb", "lock.mdb", "writer.lock"};
    char path[4096];
    uint64_t head = 1;
    if (!c->created || !c->opened || persist_store_head(c->s, &head) != PERSIST_OK || head != 0)
        return;
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        if ((size_t)snprintf(path, sizeof path, "%s/%s", c->store, files[i]) < sizeof path)
            unlink(path);
    persist_store_close(c->s);
    c->s = NULL;
    rmdir(c->store);
}

/* Reads a whole file ("-" is stdin) into *out (NUL-terminated; free()). */
int read_input(struct ctx *c, const char *path, char **out, size_t *len)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    size_t cap = 65536, n = 0;
    char *buf = NULL, *grown = NULL;
    const char *why = NULL;
    if (f == NULL)
        return out_fail(&c->out, errno == ENOENT ? PERSIST_ENOTFOUND : PERSIST_EIO, "",
                        "cannot open %s: %s; nothing was changed", path, strerror(errno));
    while (why == NULL) {
        if (cap > (size_t)UINT32_MAX)
            why = "larger than 4 GiB";
        else if ((grown = realloc(buf, cap + 1)) == NULL)
            why = "out of memory";
        else if ((n += fread((buf = grown) + n, 1, cap - n, f)) < cap)
            break;
        else
            cap *= 2;
    }
    if (why == NULL && ferror(f))
        why = strerror(errno);
    if (f != stdin)
        fclose(f);
    if (why != NULL) {
        free(buf);
        return out_fail(&c->out, PERSIST_EIO, "", "cannot read %s: %s; nothing was changed", path,
                        why);
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return XS_OK;
}
