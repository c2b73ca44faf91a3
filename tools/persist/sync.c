/* sync.c - the commands of followers: export-since, bootstrap, apply, promote (docs/sync.md).
 * Batches and bootstrap packages go through files ("-" is stdin or stdout). */
#include "cli.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Whether `path` is in the store's directory, where renaming it into place could replace one of
 * the store's files (data.mdb, lock.mdb, writer.lock). */
static int in_store_dir(const char *store, const char *path)
{
    char parent[4200];
    const char *slash = strrchr(path, '/');
    struct stat a, b;
    if (slash == NULL)
        snprintf(parent, sizeof parent, ".");
    else if (slash == path)
        snprintf(parent, sizeof parent, "/");
    else
        snprintf(parent, sizeof parent, "%.*s", (int)(slash - path), path);
    return stat(parent, &a) == 0 && stat(store, &b) == 0 && a.st_dev == b.st_dev &&
           a.st_ino == b.st_ino;
}

/* Binary output: FILE is written beside itself and renamed, so it is whole or absent; "-" is
 * stdout, which must not be a terminal. Never into the store's own directory. */
static int write_output(struct ctx *c, const char *path, const char *data, size_t len)
{
    char tmp[4200];
    FILE *f;
    int ok;
    if (strcmp(path, "-") != 0 && in_store_dir(c->store, path))
        return out_fail(&c->out, PERSIST_EINVAL, "",
                        "%s is in the store's directory, which holds only the store's files (a "
                        "file written there could replace one of them); write it outside; nothing "
                        "was written",
                        path);
    if (strcmp(path, "-") == 0) {
        if (isatty(STDOUT_FILENO) || c->out.json)
            return out_fail(&c->out, PERSIST_EINVAL, "",
                            "the batch is binary: give a FILE (- writes it to stdout only when "
                            "stdout is not a terminal, and not with --json)");
        return fwrite(data, 1, len, stdout) == len
                   ? XS_OK
                   : out_fail(&c->out, PERSIST_EIO, "", "cannot write to stdout: %s",
                              strerror(errno));
    }
    if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp-%ld", path, (long)getpid()) >= sizeof tmp)
        return out_fail(&c->out, PERSIST_EINVAL, "", "the path %s is too long", path);
    if ((f = fopen(tmp, "wb")) == NULL)
        return out_fail(&c->out, PERSIST_EIO, "", "cannot create %s: %s", tmp, strerror(errno));
    ok = fwrite(data, 1, len, f) == len;
    ok = fflush(f) == 0 && ok && fsync(fileno(f)) == 0;
    ok = fclose(f) == 0 && ok && rename(tmp, path) == 0;
    if (!ok) {
        int e = errno;
        unlink(tmp);
        return out_fail(&c->out, PERSIST_EIO, "", "cannot write %s: %s", path, strerror(e));
    }
    return XS_OK;
}

static void report_batch(struct ctx *c, const char *file, int bootstrap, uint64_t from, uint64_t to,
                         size_t len)
{
    if (c->out.json) {
        out_str(&c->out, "file", file);
        out_u64(&c->out, "first", from);
        out_u64(&c->out, "last", to);
        out_u64(&c->out, "bytes", len);
    } else if (strcmp(file, "-") != 0 && bootstrap) {
        printf("store %s: bootstrap package (the snapshot after record %" PRIu64
               ", %zu bytes) written to %s\n",
               c->store, to, len, file);
    } else if (strcmp(file, "-") != 0) {
        printf("store %s: records %" PRIu64 " to %" PRIu64 " (%zu bytes) written to %s\n", c->store,
               from, to, len, file);
    }
}

int cmd_export_since(struct ctx *c)
{
    const char *file = c->a->pos[2];
    char *data = NULL;
    size_t len = 0;
    uint64_t to = 0;
    int rc = open_store(c);
    if (rc != XS_OK)
        return rc;
    rc = persist_store_export_records(c->s, c->a->record, c->a->max_bytes, &data, &len, &to);
    if (rc == PERSIST_ENOTFOUND)
        c->out.err.hint = "the records were pruned: `persist bootstrap %s FILE` starts a follower";
    if (rc != PERSIST_OK)
        return fail(c, rc);
    if (data == NULL) { /* nothing after record N: no file */
        if (c->out.json)
            out_u64(&c->out, "last", to);
        else
            printf("store %s: no records after %" PRIu64 "; nothing written\n", c->store, to);
        return XS_OK;
    }
    rc = write_output(c, file, data, len);
    if (rc == XS_OK)
        report_batch(c, file, 0, c->a->record + 1, to, len);
    persist_free(data);
    return rc;
}

int cmd_bootstrap(struct ctx *c)
{
    const char *file = c->a->pos[1];
    char *data = NULL;
    size_t len = 0;
    uint64_t seq = 0;
    int rc = open_store(c);
    if (rc != XS_OK)
        return rc;
    rc = persist_store_export_bootstrap(c->s, &data, &len, &seq);
    if (rc == PERSIST_ENOTFOUND)
        c->out.err.hint = "`persist snapshot %s` writes one";
    if (rc != PERSIST_OK)
        return fail(c, rc);
    rc = write_output(c, file, data, len);
    if (rc == XS_OK)
        report_batch(c, file, 1, seq, seq, len);
    persist_free(data);
    return rc;
}

int cmd_apply(struct ctx *c)
{
    char *data = NULL;
    size_t len = 0;
    uint64_t head = 0;
    int rc = read_input(c, c->a->pos[1], &data, &len);
    if (rc != XS_OK)
        return rc;
    if ((rc = open_store(c)) != XS_OK) {
        free(data);
        return rc;
    }
    rc = persist_store_apply(c->s, data, len, &head);
    free(data);
    if (rc == PERSIST_EGAP)
        c->out.err.hint = "`persist info %s` shows this store's head N; `persist export-since "
                          "LEADER N FILE` exports what follows it";
    else if (rc == PERSIST_EFORKED)
        c->out.err.hint = "start a new follower from `persist bootstrap LEADER FILE`";
    if (rc != PERSIST_OK)
        return fail(c, rc);
    if (c->out.json)
        out_u64(&c->out, "head", head);
    else
        printf("store %s: applied; head is record %" PRIu64 "\n", c->store, head);
    return XS_OK;
}

int cmd_promote(struct ctx *c)
{
    int rc = open_store(c);
    if (rc != XS_OK)
        return rc;
    if ((rc = persist_store_promote(c->s)) != PERSIST_OK)
        return fail(c, rc);
    return report_write(c, "promoted: it writes its own records now");
}
