/* maintenance.c - prune (remove history before a snapshot, then reclaim space with a compacting
 * copy), hot backup, and export/import of portable snapshot files. */
#include "maintenance.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
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
    persist__snapshot snap;
    refs r = {0};
    uint64_t keep;
    int rc = persist__log_snapshot_newest(txn, ctx->before < eng->head ? ctx->before : eng->head,
                                          &snap, err);
    if (rc == PERSIST_ENOTFOUND)
        return persist__err_set(err, PERSIST_ENOTFOUND,
                                "no snapshot at or before record %llu to keep history from",
                                (unsigned long long)ctx->before);
    if (rc != PERSIST_OK)
        return persist__err_prefix(err, "choosing the snapshot to keep");
    keep = snap.seq; /* the newest restore needs only the newest snapshot and what follows */
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

/* Rewrite data.mdb compactly: copy, close, swap the file, reopen. */
static int compact(persist__engine *eng, persist__err *err)
{
    char tmp[PATH_CAP], from[PATH_CAP + 16], to[PATH_CAP + 16];
    int rc;
    snprintf(tmp, sizeof tmp, "%s/compact.tmp", eng->dir);
    snprintf(from, sizeof from, "%s/data.mdb", tmp);
    snprintf(to, sizeof to, "%s/data.mdb", eng->dir);
    unlink(from); /* left over by an interrupted compaction */
    if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
        return persist__err_errno(err, errno, "creating the compaction directory");
    rc = persist__log_copy(eng->log, tmp, err);
    if (rc == PERSIST_OK) {
        persist__log_close(eng->log);
        eng->log = NULL;
        if (rename(from, to) != 0)
            rc = persist__err_errno(err, errno, "replacing the store file");
        if (persist__engine_reopen_log(eng, err) != PERSIST_OK) {
            eng->poisoned = 1;
            rc = err->code;
        }
    }
    unlink(from);
    rmdir(tmp);
    return rc;
}

int persist__prune(persist__engine *eng, uint64_t before, persist_prune_report *rep,
                   persist__err *err)
{
    prune_ctx ctx = {before, rep};
    persist__txn *txn;
    int readers = 0, rc;
    rep->bytes_before = data_size(eng->dir);
    /* Like any write: a failure leaves everything as it was. */
    rc = persist__log_begin(eng->log, 1, &txn, err);
    if (rc == PERSIST_OK) {
        rc = prune_step(eng, txn, &ctx, err);
        if (rc == PERSIST_OK)
            rc = persist__log_commit(txn, err);
        else
            persist__log_abort(txn);
    }
    if (rc == PERSIST_OK && eng->renv.progress != NULL)
        eng->renv.progress(1, 2, eng->renv.progress_ud);
    if (rc == PERSIST_OK)
        rc = persist__log_other_readers(eng->log, &readers, err);
    if (rc == PERSIST_OK && readers == 0) { /* another process's mapping must not go stale */
        rc = compact(eng, err);
        rep->compacted = rc == PERSIST_OK;
    }
    if (rc == PERSIST_OK && eng->renv.progress != NULL)
        eng->renv.progress(2, 2, eng->renv.progress_ud);
    rep->bytes_after = data_size(eng->dir);
    return rc;
}

/* ---- backup ---- */

int persist__backup(persist__engine *eng, const char *dir, persist__err *err)
{
    char path[PATH_CAP];
    struct stat st;
    if (mkdir(dir, 0755) != 0 && errno != EEXIST)
        return persist__err_errno(err, errno, "creating the backup directory");
    snprintf(path, sizeof path, "%s/data.mdb", dir);
    if (stat(path, &st) == 0)
        return persist__err_set(err, PERSIST_EEXISTS, "%s already holds a store", dir);
    return persist__log_copy(eng->log, dir, err);
}

/* ---- export and import ---- */

static int write_file(const char *file, const char *text, size_t len, persist__err *err)
{
    char tmp[PATH_CAP];
    ssize_t n;
    size_t done = 0;
    int fd, rc = PERSIST_OK;
    if (snprintf(tmp, sizeof tmp, "%s.tmp", file) >= (int)sizeof tmp)
        return persist__err_set(err, PERSIST_EINVAL, "file name is too long");
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return persist__err_errno(err, errno, tmp);
    while (rc == PERSIST_OK && done < len) {
        n = write(fd, text + done, len - done);
        if (n < 0 && errno != EINTR)
            rc = persist__err_errno(err, errno, "writing the export file");
        else if (n > 0)
            done += (size_t)n;
    }
    if (rc == PERSIST_OK && fsync(fd) != 0)
        rc = persist__err_errno(err, errno, "syncing the export file");
    close(fd);
    if (rc == PERSIST_OK && rename(tmp, file) != 0)
        rc = persist__err_errno(err, errno, "renaming the export file");
    if (rc != PERSIST_OK)
        unlink(tmp);
    return rc;
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
    long n;
    *out = NULL;
    if (f == NULL)
        return errno == ENOENT ? persist__err_set(err, PERSIST_ENOTFOUND, "%s does not exist", file)
                               : persist__err_errno(err, errno, file);
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
