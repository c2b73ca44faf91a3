/* maintenance.c - prune (remove history before a snapshot, then reclaim space with a compacting
 * copy), hot backup, and export/import of portable snapshot files. */
#include "maintenance.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "clock.h"
#include "errors.h"
#include "hash.h"
#include "history.h"
#include "json_codec.h"
#include "snapshot.h"

#define PATH_CAP 4096

/* ---- prune ---- */

typedef struct refs {
    uint8_t (*hashes)[PERSIST__HASH_LEN];
    size_t n, cap;
    uint8_t (*unused)[PERSIST__HASH_LEN];
    size_t n_unused, cap_unused;
    persist__err *err;
} refs;

static int push_hash(uint8_t (**arr)[PERSIST__HASH_LEN], size_t *n, size_t *cap,
                     const uint8_t *hash)
{
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 16;
        void *grown = persist__realloc(*arr, c * PERSIST__HASH_LEN);
        if (grown == NULL)
            return -1;
        *arr = grown;
        *cap = c;
    }
    memcpy((*arr)[(*n)++], hash, PERSIST__HASH_LEN);
    return 0;
}

static int keep_ref(refs *r, const uint8_t *hash)
{
    if (push_hash(&r->hashes, &r->n, &r->cap, hash) != 0)
        return persist__err_set(r->err, PERSIST_ENOMEM, "out of memory");
    return 0;
}

static int ref_snapshot(uint64_t seq, int status, const persist__snapshot *snap,
                        const persist__err *why, void *ud)
{
    (void)seq;
    (void)why;
    return status == PERSIST_OK ? keep_ref(ud, snap->app_hash) : 0; /* damaged: name nothing */
}

static int ref_record(uint64_t seq, int status, const persist__record *rec, const persist__err *why,
                      void *ud)
{
    refs *r = ud;
    persist__deploy_ref dep;
    persist__reset_ref reset;
    (void)seq;
    if (status != PERSIST_OK) {
        *r->err = *why;
        return status; /* never prune on top of a damaged log */
    }
    if ((rec->kind == PERSIST__REC_DEPLOY_INIT || rec->kind == PERSIST__REC_DEPLOY_MIGRATE) &&
        persist__deploy_payload_decode(&dep, rec, r->err) == PERSIST_OK)
        return keep_ref(r, dep.app_hash);
    if (rec->kind == PERSIST__REC_RESET &&
        persist__reset_payload_decode(&reset, rec, r->err) == PERSIST_OK)
        return keep_ref(r, reset.app_hash);
    return 0;
}

static int find_unused(const uint8_t hash[PERSIST__HASH_LEN], const char *code, size_t len,
                       void *ud)
{
    refs *r = ud;
    (void)code;
    (void)len;
    for (size_t i = 0; i < r->n; i++)
        if (memcmp(r->hashes[i], hash, PERSIST__HASH_LEN) == 0)
            return 0;
    if (push_hash(&r->unused, &r->n_unused, &r->cap_unused, hash) != 0)
        return persist__err_set(r->err, PERSIST_ENOMEM, "out of memory");
    return 0;
}

typedef struct prune_ctx {
    uint64_t before;
    persist_prune_report *rep;
} prune_ctx;

static int prune_step(persist__engine *eng, persist__txn *txn, void *vctx, persist__err *err)
{
    prune_ctx *ctx = vctx;
    persist__app *app = NULL;
    refs r = {0};
    uint64_t keep = 0;
    /* History is kept from the newest snapshot that loads (one its app rejects, written by 1.0,
     * must not become the only way in). */
    int rc = persist__snapshot_load(txn, ctx->before < eng->head ? ctx->before : eng->head,
                                    eng->renv.js, &app, &keep, err);
    persist__app_free(app);
    if (rc == PERSIST_ENOTFOUND)
        return persist__err_set(err, PERSIST_ENOTFOUND,
                                "no snapshot at or before record %llu to keep history from",
                                (unsigned long long)ctx->before);
    if (rc != PERSIST_OK)
        return persist__err_prefix(err, "choosing the snapshot to keep");
    ctx->rep->kept_from = keep;
    r.err = err;
    rc = persist__log_delete_records_before(txn, keep, &ctx->rep->records_removed, err);
    if (rc == PERSIST_OK)
        rc = persist__log_delete_snapshots_before(txn, keep, &ctx->rep->snapshots_removed, err);
    if (rc == PERSIST_OK)
        rc = persist__log_snapshots_each(txn, ref_snapshot, &r, err);
    if (rc == PERSIST_OK)
        rc = persist__log_records_each(txn, keep, ref_record, &r, err);
    if (rc == PERSIST_OK)
        rc = persist__log_apps_each(txn, find_unused, &r, err);
    for (size_t i = 0; rc == PERSIST_OK && i < r.n_unused; i++)
        rc = persist__log_app_delete(txn, r.unused[i], err);
    ctx->rep->apps_removed = rc == PERSIST_OK ? r.n_unused : 0;
    persist__free(r.hashes);
    persist__free(r.unused);
    return rc;
}

static uint64_t data_size(const char *dir)
{
    char path[PATH_CAP];
    struct stat st;
    snprintf(path, sizeof path, "%s/data.mdb", dir);
    return stat(path, &st) == 0 ? (uint64_t)st.st_size : 0;
}

/* ---- files written under a temporary name, synced, then renamed into place ---- */

/* A new file next to `final` (created exclusively, mode 0644): *fd and its name in tmp. A
 * compaction's copy becomes the store's file and takes its locks, so these descriptors are opened
 * and closed through lib/store_lock.c, which closes a forked child's copies of them. */
static int temp_file(const char *final, char *tmp, int *fd, persist__err *err)
{
    if (snprintf(tmp, PATH_CAP, "%s.tmp-XXXXXX", final) >= PATH_CAP)
        return persist__err_set(err, PERSIST_EINVAL, "path is too long: %s", final);
    *fd = persist__lock_temp_file(tmp, O_CLOEXEC);
    if (*fd < 0)
        return persist__err_errno(err, errno, "creating a file beside the target");
    if (fchmod(*fd, 0644) != 0) {
        int e = errno;
        persist__lock_close_file(*fd);
        unlink(tmp);
        *fd = -1;
        return persist__err_errno(err, e, tmp);
    }
    return PERSIST_OK;
}

/* A compacted copy of the store in a synced temporary file beside `final`; *fd stays open. */
static int copy_store(persist__engine *eng, const char *final, char *tmp, int *fd,
                      persist__err *err)
{
    int rc = temp_file(final, tmp, fd, err);
    if (rc == PERSIST_OK)
        rc = persist__log_copy_fd(eng->log, *fd, err);
    if (rc == PERSIST_OK && fsync(*fd) != 0)
        rc = persist__err_errno(err, errno, "syncing the copy");
    if (rc != PERSIST_OK && *fd >= 0) {
        persist__lock_close_file(*fd);
        unlink(tmp);
        *fd = -1;
    }
    return rc;
}

/* Rewrite data.mdb compactly: copy to a temporary file, lock it as the store's file, rename it
 * over data.mdb, reopen. Only while no other process has the store open (their mappings of the
 * old file would go stale): *done says whether the file was replaced. A failure up to and including
 * the rename leaves everything as it was, the open log too. After the rename, the handle refuses
 * all but close when the reopen fails or the directory cannot be synced (the store is intact; an
 * open syncs the directory again). */
static int compact(persist__engine *eng, int *done, persist__err *err)
{
    char tmp[PATH_CAP], final[PATH_CAP];
    persist__err ignored;
    int exclusive = 0, fd = -1, rc;
    *done = 0;
    snprintf(final, sizeof final, "%s/data.mdb", eng->dir);
    rc = persist__lock_exclusive(&eng->lock, &exclusive, err);
    if (rc != PERSIST_OK || !exclusive)
        return rc;
    rc = copy_store(eng, final, tmp, &fd, err);
    if (rc == PERSIST_OK)
        persist__test_hook("compact-copied"); /* tests/unit/test_fork_guard.c */
    if (rc == PERSIST_OK && (rc = persist__lock_adopt(&eng->lock, fd, err)) != PERSIST_OK) {
        persist__lock_close_file(fd);
        unlink(tmp);
    }
    if (rc == PERSIST_OK) { /* the lock owns fd now; the old file stays locked until settled */
        *done = persist__test_hook("compact-adopted") == PERSIST_OK && rename(tmp, final) == 0;
        if (!*done) {
            rc = persist__err_errno(err, errno, "replacing the store file");
            unlink(tmp);
            persist__lock_settle(&eng->lock, 0);
        } else {
            persist__log_close(eng->log); /* it maps the old file */
            eng->log = NULL;
            persist__lock_settle(&eng->lock, 1);
            rc = persist__lock_sync_parent(final, err);
            if (rc != PERSIST_OK)
                persist__err_prefix(err, "data.mdb was replaced by its compacted copy, but a "
                                         "crash could still bring the old file back; close the "
                                         "store and open it again (an open syncs the directory)");
            if (persist__engine_reopen_log(eng, rc == PERSIST_OK ? err : &ignored) != PERSIST_OK &&
                rc == PERSIST_OK)
                rc = err->code;
        }
    }
    if (persist__lock_shared(&eng->lock, rc == PERSIST_OK ? err : &ignored) != PERSIST_OK)
        rc = err->code;
    if (eng->log == NULL || (*done && rc != PERSIST_OK))
        eng->poisoned = 1; /* the file on disk is whole; this handle can only be closed */
    return rc;
}

static int report_step(persist__engine *eng, uint64_t done)
{
    if (eng->renv.progress != NULL)
        eng->renv.progress(done, 2, eng->renv.progress_ud);
    return PERSIST_OK;
}

int persist__prune(persist__engine *eng, uint64_t before, persist_prune_report *rep,
                   persist__err *err)
{
    prune_ctx ctx = {before, rep};
    int done = 0, rc;
    rep->bytes_before = data_size(eng->dir);
    /* Like any write (the map grows when full); a failure leaves everything as it was. */
    rc = persist__engine_write(eng, prune_step, &ctx, err);
    if (rc != PERSIST_OK) {
        rep->kept_from = rep->records_removed = rep->snapshots_removed = rep->apps_removed = 0;
        return rc;
    }
    report_step(eng, 1);
    rc = compact(eng, &done, err);
    rep->compacted = (uint32_t)done;
    if (rc == PERSIST_OK)
        report_step(eng, 2);
    else if (done)
        persist__err_prefix(err, "history was pruned");
    else
        persist__err_prefix(err, "history was pruned, but compacting the file failed");
    rep->bytes_after = data_size(eng->dir);
    return rc;
}

/* ---- backup ---- */

int persist__backup(persist__engine *eng, const char *dir, persist__err *err)
{
    char final[PATH_CAP], tmp[PATH_CAP];
    struct stat st;
    int fd = -1, created = mkdir(dir, 0755) == 0, rc;
    if (!created && errno != EEXIST)
        return persist__err_errno(err, errno, "creating the backup directory");
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return persist__err_set(err, PERSIST_EINVAL, "%s is not a directory", dir);
    if (snprintf(final, sizeof final, "%s/data.mdb", dir) >= (int)sizeof final)
        return persist__err_set(err, PERSIST_EINVAL, "backup path is too long");
    if (lstat(final, &st) == 0)
        return persist__err_set(err, PERSIST_EEXISTS, "%s already holds a store", dir);
    rc = copy_store(eng, final, tmp, &fd, err);
    if (rc != PERSIST_OK)
        return persist__err_prefix(err, "backup into %s", dir);
    persist__lock_close_file(fd);
    /* Never over a data.mdb that appeared meanwhile; a killed backup leaves only the tmp file. */
    if (renameat2(AT_FDCWD, tmp, AT_FDCWD, final, RENAME_NOREPLACE) != 0) {
        rc = errno == EEXIST
                 ? persist__err_set(err, PERSIST_EEXISTS, "%s already holds a store", dir)
                 : persist__err_errno(err, errno, "renaming the backup into place");
        unlink(tmp);
        return rc;
    }
    rc = persist__lock_sync_parent(final, err);
    return rc == PERSIST_OK && created ? persist__lock_sync_parent(dir, err) : rc;
}

/* ---- export and import ---- */

/* Write a whole file atomically: a synced temporary file renamed over `file`, which may only be
 * a regular file (never replace a device, a directory or a link by something else). */
static int write_file(const char *file, const char *text, size_t len, persist__err *err)
{
    char tmp[PATH_CAP];
    struct stat st;
    size_t done = 0;
    ssize_t n;
    int fd, rc;
    if (lstat(file, &st) == 0 && !S_ISREG(st.st_mode))
        return persist__err_set(err, PERSIST_EINVAL,
                                "%s exists and is not a regular file; it was left as it is", file);
    if ((rc = temp_file(file, tmp, &fd, err)) != PERSIST_OK)
        return rc;
    while (rc == PERSIST_OK && done < len) {
        n = write(fd, text + done, len - done);
        if (n < 0 && errno != EINTR)
            rc = persist__err_errno(err, errno, "writing the export file");
        else if (n > 0)
            done += (size_t)n;
    }
    if (rc == PERSIST_OK && fsync(fd) != 0)
        rc = persist__err_errno(err, errno, "syncing the export file");
    persist__lock_close_file(fd);
    if (rc == PERSIST_OK && rename(tmp, file) != 0)
        rc = persist__err_errno(err, errno, "renaming the export file");
    if (rc != PERSIST_OK)
        unlink(tmp);
    return rc == PERSIST_OK ? persist__lock_sync_parent(file, err) : rc;
}

/* A file in the store's own directory would replace one of the store's files (data.mdb, lock.mdb,
 * writer.lock) when renamed into place: the store's directory holds only the store. */
static int outside_store(const char *store_dir, const char *file, persist__err *err)
{
    char parent[PATH_CAP];
    const char *slash = strrchr(file, '/');
    struct stat a, b;
    if (slash == NULL)
        snprintf(parent, sizeof parent, ".");
    else if (snprintf(parent, sizeof parent, "%.*s", (int)(slash - file), file) >= PATH_CAP)
        return persist__err_set(err, PERSIST_EINVAL, "the export file's path is too long");
    if (parent[0] == '\0')
        snprintf(parent, sizeof parent, "/");
    if (stat(parent, &a) == 0 && stat(store_dir, &b) == 0 && a.st_dev == b.st_dev &&
        a.st_ino == b.st_ino)
        return persist__err_set(err, PERSIST_EINVAL,
                                "%s is in the store's directory, which holds only the store's "
                                "files (an export there could replace one of them); export to a "
                                "file outside it; nothing was written",
                                file);
    return PERSIST_OK;
}

int persist__export_file(persist__engine *eng, const char *file, persist__err *err)
{
    persist__export ex;
    persist__txn *txn = NULL;
    const char *code;
    char *text = NULL;
    size_t text_len = 0;
    int rc;
    memset(&ex, 0, sizeof ex);
    if (eng->live == NULL)
        return persist__err_set(err, PERSIST_ENOAPP, "no app is deployed: nothing to export");
    if ((rc = outside_store(eng->dir, file, err)) != PERSIST_OK)
        return rc;
    rc = persist__log_begin(eng->log, 0, &txn, err);
    if (rc == PERSIST_OK)
        rc = persist__log_app_get(txn, persist__app_hash(eng->live), &code, &ex.code_len, err);
    if (rc == PERSIST_OK)
        rc = persist__app_serialize(eng->live, 0, &ex.state, &ex.state_len, err);
    if (rc == PERSIST_OK) {
        ex.code = (char *)code;
        ex.module = (char *)persist__app_module(eng->live, &ex.module_len);
        ex.seq = eng->head;
        ex.time_us = persist__now_us();
        persist__hash_hex(persist__app_hash(eng->live), ex.app_hash, sizeof ex.app_hash);
        rc = persist__export_encode(&ex, &text, &text_len, err);
    }
    persist__log_abort(txn); /* the code was borrowed from the transaction until here */
    persist__free(ex.state);
    if (rc == PERSIST_OK)
        rc = write_file(file, text, text_len, err);
    persist__free(text);
    return rc;
}

static int read_file(const char *file, char **out, size_t *len, persist__err *err)
{
    FILE *f = fopen(file, "rb");
    struct stat st;
    long n;
    *out = NULL;
    if (f == NULL)
        return errno == ENOENT ? persist__err_set(err, PERSIST_ENOTFOUND, "%s does not exist", file)
                               : persist__err_errno(err, errno, file);
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        fclose(f);
        return persist__err_set(err, PERSIST_EINVAL, "%s is not a regular file (an export file)",
                                file);
    }
    if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        fclose(f);
        return persist__err_errno(err, errno, file);
    }
    *out = persist__malloc((size_t)n + 1);
    if (*out == NULL) {
        fclose(f);
        return persist__err_set(err, PERSIST_ENOMEM, "out of memory");
    }
    *len = fread(*out, 1, (size_t)n, f);
    fclose(f);
    if (*len != (size_t)n) {
        persist__free(*out);
        *out = NULL;
        return persist__err_set(err, PERSIST_EIO, "reading %s", file);
    }
    return PERSIST_OK;
}

int persist__import_file(persist__engine *eng, const char *file, persist__err *err)
{
    persist__export ex;
    persist__reset_src src;
    uint8_t hash[PERSIST__HASH_LEN], given[PERSIST__HASH_LEN];
    persist__span span;
    char *text = NULL;
    size_t len = 0;
    int rc;
    if (eng->head != 0)
        return persist__err_set(err, PERSIST_EEXISTS,
                                "the store already has %llu records; import into a new store",
                                (unsigned long long)eng->head);
    rc = read_file(file, &text, &len, err);
    if (rc == PERSIST_OK)
        rc = persist__export_decode(text, len, &ex, err);
    persist__free(text);
    if (rc != PERSIST_OK)
        return rc;
    span = (persist__span){ex.code, ex.code_len};
    if (persist__sha256(hash, &span, 1) != 0 || !persist__hash_parse(given, ex.app_hash) ||
        memcmp(hash, given, sizeof hash) != 0)
        rc = persist__err_set(err, PERSIST_ECORRUPT, "the app code in %s does not match its sha256",
                              file);
    if (rc == PERSIST_OK) {
        src = (persist__reset_src){ex.code,       ex.code_len, hash,        ex.module,
                                   ex.module_len, ex.state,    ex.state_len};
        rc = persist__engine_reset(eng, &src, err);
    }
    persist__export_clear(&ex);
    return rc;
}
