/* log_store.c - LMDB environment, transactions and the four databases of a store (only file that
 * includes lmdb.h). Layouts are documented in docs/format.md. */
#include "log_store.h"

#include <errno.h>
#include <fcntl.h>
#include <lmdb.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "errors.h"
#include "fork_guard.h"
#include "hash.h"
#include "lmdb_check.h"

struct persist__log {
    MDB_env *env;
    MDB_dbi records, snapshots, apps, meta;
    MDB_dbi ids, id_order; /* the client-id index (format 2); has_ids: they exist */
    int has_ids;
    int readonly;
    uint64_t map_size;
    char *lock_path; /* <dir>/lock.mdb, LMDB's reader table */
    dev_t lock_dev;  /* ... as it was when the environment was opened */
    ino_t lock_ino;
    /* Only close is safe (a failed resize, a replaced lock file); why says why. Set once, under
     * dead_mu: a commit of the group commit begins its transaction without the store's lock. */
    atomic_int dead;
    char why[200];
};

struct persist__txn {
    persist__log *log;
    MDB_txn *txn;
};

struct persist__cursor {
    persist__txn *txn;
    MDB_cursor *cur;
    uint64_t expect; /* next record number; a different key means a gap */
    int started;
};

static pthread_mutex_t dead_mu = PTHREAD_MUTEX_INITIALIZER;

/* The environment can no longer be used; every later call reports this. */
static int dead(persist__log *log, persist__err *err)
{
    pthread_mutex_lock(&dead_mu);
    persist__err_set(err, PERSIST_EFATAL, "%s; close the store and open it again", log->why);
    pthread_mutex_unlock(&dead_mu);
    return PERSIST_EFATAL;
}

static int kill_env(persist__log *log, persist__err *err, const char *fmt, const char *arg)
{
    pthread_mutex_lock(&dead_mu);
    if (!log->dead) { /* the first reason stays */
        snprintf(log->why, sizeof log->why, fmt, arg);
        log->dead = 1;
    }
    pthread_mutex_unlock(&dead_mu);
    return dead(log, err);
}

/* LMDB finds the other processes' readers and writer through lock.mdb. If the file was deleted
 * or replaced since this environment opened it, processes that open the store now use another
 * one: this handle and they would no longer see each other's transactions (a writer would reuse
 * pages a reader is reading). Checked at every transaction; such a handle only closes. */
static int check_lock_file(persist__log *log, persist__err *err)
{
    struct stat st;
    if (stat(log->lock_path, &st) == 0 && st.st_dev == log->lock_dev && st.st_ino == log->lock_ino)
        return PERSIST_OK;
    return kill_env(log, err,
                    "%s was deleted or replaced while the store was open, so other processes "
                    "would no longer see this one's transactions",
                    log->lock_path);
}

static const char META_FORMAT[] = "format";
static const char META_STORE_ID[] = "store_id";

/* One place where LMDB return codes become persist codes. */
static int map_mdb(persist__err *err, int rc, const char *what)
{
    switch (rc) {
    case MDB_MAP_FULL:
        return persist__err_set(err, PERSIST__EMAPFULL, "%s: store map is full", what);
    case MDB_CORRUPTED:
    case MDB_PAGE_NOTFOUND:
    case MDB_INVALID:
        return persist__err_set(err, PERSIST_ECORRUPT, "%s: %s", what, mdb_strerror(rc));
    case MDB_PANIC: /* a failed meta page write: LMDB refuses everything until reopened */
        return persist__err_set(err, PERSIST_EFATAL,
                                "%s: the store hit an unrecoverable write error; close and reopen "
                                "it (it restores from what is on disk)",
                                what);
    case MDB_INCOMPATIBLE: /* a database record whose flags libpersist never sets */
        return persist__err_set(err, PERSIST_ECORRUPT, "%s: %s", what, mdb_strerror(rc));
    case MDB_VERSION_MISMATCH:
        return persist__err_set(err, PERSIST_EVERSION, "%s: %s", what, mdb_strerror(rc));
    case MDB_READERS_FULL:
    case MDB_TXN_FULL:
    case MDB_DBS_FULL:
        return persist__err_set(err, PERSIST_ERROR, "%s: %s", what, mdb_strerror(rc));
    case ENOENT:
        return persist__err_set(err, PERSIST_ENOTFOUND, "%s: not a persist store (no data file)",
                                what);
    default:
        if (rc > 0)
            return persist__err_errno(err, rc, what);
        return persist__err_set(err, PERSIST_ERROR, "%s: %s", what, mdb_strerror(rc));
    }
}

static int precheck_file(const char *dir, int readonly, persist__err *err);

static MDB_val key64(uint8_t buf[8], uint64_t v)
{
    persist__be64_put(buf, v);
    return (MDB_val){8, buf};
}

static int read_store_id(uint8_t id[16])
{
    /* A store id for later sync; uniqueness matters, secrecy does not. */
    return getrandom(id, 16, 0) == 16 ? 0 : -1;
}

static int init_meta(persist__log *log, MDB_txn *txn, persist__err *err)
{
    uint8_t fmt[4] = {0, 0, 0, PERSIST__FORMAT_BASE};
    uint8_t id[16];
    MDB_val k = {sizeof META_FORMAT - 1, (void *)META_FORMAT}, v = {4, fmt};
    int rc = mdb_put(txn, log->meta, &k, &v, 0);
    if (rc != 0)
        return map_mdb(err, rc, "writing store format");
    if (read_store_id(id) != 0)
        return persist__err_set(err, PERSIST_EIO, "cannot get random bytes for a store id");
    k = (MDB_val){sizeof META_STORE_ID - 1, (void *)META_STORE_ID};
    v = (MDB_val){16, id};
    rc = mdb_put(txn, log->meta, &k, &v, 0);
    return rc == 0 ? PERSIST_OK : map_mdb(err, rc, "writing store id");
}

/* `is_new`: the file had no databases (a writer creating them; a read-only open stopped before). */
static int check_format(persist__log *log, MDB_txn *txn, int is_new, persist__err *err)
{
    MDB_val k = {sizeof META_FORMAT - 1, (void *)META_FORMAT}, v;
    uint32_t fmt;
    int rc = mdb_get(txn, log->meta, &k, &v);
    if (rc == MDB_NOTFOUND) {
        if (is_new)
            return init_meta(log, txn, err);
        return persist__err_set(err, PERSIST_ECORRUPT,
                                "the store's format entry is missing: the store file is damaged");
    }
    if (rc != 0)
        return map_mdb(err, rc, "reading store format");
    if (v.mv_size != 4)
        return persist__err_set(err, PERSIST_ECORRUPT, "store format entry is damaged");
    fmt = ((uint32_t)((uint8_t *)v.mv_data)[0] << 24) |
          ((uint32_t)((uint8_t *)v.mv_data)[1] << 16) | ((uint32_t)((uint8_t *)v.mv_data)[2] << 8) |
          ((uint8_t *)v.mv_data)[3];
    if (fmt > PERSIST__FORMAT_MAX)
        return persist__err_set(err, PERSIST_EVERSION,
                                "store format %u is newer than this library supports (%u); "
                                "upgrade libpersist to open it",
                                fmt, PERSIST__FORMAT_MAX);
    if (fmt == 0)
        return persist__err_set(err, PERSIST_ECORRUPT, "store format entry is damaged");
    return PERSIST_OK;
}

/* The client-id index: created by writers (a 1.0 library ignores the two databases); a store that
 * never had a writer of this version has none, which reads as an empty index. */
static int open_id_dbis(persist__log *log, MDB_txn *txn, unsigned int flags)
{
    int rc = mdb_dbi_open(txn, "client_ids", flags, &log->ids);
    if (rc == 0)
        rc = mdb_dbi_open(txn, "client_id_order", flags, &log->id_order);
    log->has_ids = rc == 0;
    return rc == MDB_NOTFOUND && log->readonly ? 0 : rc;
}

/* A transaction when none is active: when a writer of another process grew the map since this
 * environment mapped it, adopt the new size and try again (it may grow again meanwhile). */
static int begin_no_other(persist__log *log, unsigned int flags, MDB_txn **txn)
{
    int rc = mdb_txn_begin(log->env, NULL, flags, txn);
    for (int i = 0; rc == MDB_MAP_RESIZED && i < 8; i++)
        if ((rc = mdb_env_set_mapsize(log->env, 0)) == 0)
            rc = mdb_txn_begin(log->env, NULL, flags, txn);
    return rc;
}

/* The databases a store has, as bits of DB_NAMES; a name libpersist does not make (the main
 * database's key damaged, or a foreign file) is damage, so nothing is created beside it. */
static const char *const DB_NAMES[] = {"records", "snapshots",  "apps",
                                       "meta",    "client_ids", "client_id_order"};
#define DBS_CORE 0x0fu /* every store: records, snapshots, apps, meta */
#define DBS_IDS  0x30u /* the client-id index (format 2): both or neither */

static int survey_dbs(MDB_txn *txn, unsigned *present, persist__err *err)
{
    MDB_dbi main_dbi;
    MDB_cursor *cur;
    MDB_val k, v;
    MDB_cursor_op op = MDB_FIRST;
    int rc = mdb_dbi_open(txn, NULL, 0, &main_dbi);
    *present = 0;
    if (rc == 0)
        rc = mdb_cursor_open(txn, main_dbi, &cur);
    if (rc != 0)
        return map_mdb(err, rc, "reading the store's databases");
    for (; (rc = mdb_cursor_get(cur, &k, &v, op)) == 0; op = MDB_NEXT) {
        unsigned i = 0;
        while (i < sizeof DB_NAMES / sizeof DB_NAMES[0] &&
               (k.mv_size != strlen(DB_NAMES[i]) || memcmp(k.mv_data, DB_NAMES[i], k.mv_size)))
            i++;
        if (i == sizeof DB_NAMES / sizeof DB_NAMES[0]) {
            char name[41]; /* printable, for the message */
            size_t n = k.mv_size < sizeof name - 1 ? k.mv_size : sizeof name - 1;
            for (size_t j = 0; j < n; j++) {
                unsigned char c = ((const unsigned char *)k.mv_data)[j];
                name[j] = c >= 0x20 && c < 0x7f ? (char)c : '?';
            }
            name[n] = '\0';
            mdb_cursor_close(cur);
            return persist__err_set(err, PERSIST_ECORRUPT,
                                    "the store file holds a database named \"%s\", which "
                                    "libpersist does not make: it is damaged or not a libpersist "
                                    "store; it was left as it is",
                                    name);
        }
        *present |= 1u << i;
    }
    mdb_cursor_close(cur);
    return rc == MDB_NOTFOUND ? PERSIST_OK : map_mdb(err, rc, "reading the store's databases");
}

/* A store has all its databases or none (a new file); a missing one is damage. */
static int check_dbs(const persist__log *log, unsigned present, persist__err *err)
{
    MDB_envinfo info;
    unsigned missing = (DBS_CORE & ~present) | ((present & DBS_IDS) ? DBS_IDS & ~present : 0);
    if (present == 0) {
        /* A new environment holds only its two meta pages. One with more pages but no libpersist
         * database is damaged (LMDB's main tree lost) or foreign: never start a new history on it.
         */
        mdb_env_info(log->env, &info);
        if (info.me_last_pgno > 1)
            return persist__err_set(err, PERSIST_ECORRUPT,
                                    "the store file holds data but no libpersist metadata: it is "
                                    "damaged or not a libpersist store; it was left as it is");
        if (log->readonly)
            return persist__err_set(err, PERSIST_ENOTFOUND, "not a persist store yet");
        return PERSIST_OK;
    }
    for (unsigned i = 0; i < sizeof DB_NAMES / sizeof DB_NAMES[0]; i++)
        if (missing & 1u << i)
            return persist__err_set(err, PERSIST_ECORRUPT,
                                    "the store's \"%s\" database is missing: the store file is "
                                    "damaged; it was left as it is",
                                    DB_NAMES[i]);
    return PERSIST_OK;
}

static int open_dbis(persist__log *log, persist__err *err)
{
    MDB_txn *txn;
    unsigned present = 0, flags;
    int rc = begin_no_other(log, log->readonly ? MDB_RDONLY : 0, &txn);
    if (rc != 0)
        return map_mdb(err, rc, "beginning transaction");
    rc = survey_dbs(txn, &present, err);
    if (rc == PERSIST_OK)
        rc = check_dbs(log, present, err);
    if (rc != PERSIST_OK) {
        mdb_txn_abort(txn);
        return rc;
    }
    flags = log->readonly ? 0 : MDB_CREATE;
    if ((rc = mdb_dbi_open(txn, "records", flags, &log->records)) != 0 ||
        (rc = mdb_dbi_open(txn, "snapshots", flags, &log->snapshots)) != 0 ||
        (rc = mdb_dbi_open(txn, "apps", flags, &log->apps)) != 0 ||
        (rc = mdb_dbi_open(txn, "meta", flags, &log->meta)) != 0 ||
        (rc = open_id_dbis(log, txn, flags)) != 0) {
        mdb_txn_abort(txn);
        return map_mdb(err, rc, "opening databases");
    }
    rc = check_format(log, txn, present == 0, err);
    if (rc != PERSIST_OK) {
        mdb_txn_abort(txn);
        return rc;
    }
    rc = mdb_txn_commit(txn);
    return rc == 0 ? PERSIST_OK : map_mdb(err, rc, "initializing store");
}

/* Remember which lock.mdb the environment opened (see check_lock_file). */
static int note_lock_file(persist__log *log, const char *dir, persist__err *err)
{
    struct stat st;
    size_t n = strlen(dir) + sizeof "/lock.mdb";
    log->lock_path = persist__malloc(n);
    if (log->lock_path == NULL)
        return persist__err_set(err, PERSIST_ENOMEM, "out of memory");
    snprintf(log->lock_path, n, "%s/lock.mdb", dir);
    if (stat(log->lock_path, &st) != 0)
        return persist__err_errno(err, errno, log->lock_path);
    log->lock_dev = st.st_dev;
    log->lock_ino = st.st_ino;
    return PERSIST_OK;
}

int persist__log_open(persist__log **out, const char *dir, int readonly, int relaxed,
                      uint64_t map_size, persist__err *err)
{
    persist__log *log = persist__calloc(1, sizeof *log);
    int rc, dead = 0;
    *out = NULL;
    if (log == NULL)
        return persist__err_set(err, PERSIST_ENOMEM, "out of memory");
    log->readonly = readonly;
    log->map_size = map_size;
    if ((rc = precheck_file(dir, readonly, err)) != PERSIST_OK) { /* before LMDB maps the file */
        persist__free(log);
        return rc;
    }
    if ((rc = mdb_env_create(&log->env)) != 0) {
        persist__free(log);
        return map_mdb(err, rc, "creating LMDB environment");
    }
    mdb_env_set_maxdbs(log->env, 8);
    if ((rc = mdb_env_set_mapsize(log->env, (size_t)map_size)) != 0 ||
        (rc = mdb_env_open(log->env, dir,
                           MDB_NOTLS | (readonly ? MDB_RDONLY : 0) | (relaxed ? MDB_NOSYNC : 0),
                           0644)) != 0) {
        rc = map_mdb(err, rc, "opening store");
        persist__log_close(log);
        return rc;
    }
    mdb_reader_check(log->env, &dead); /* clear reader slots of killed processes */
    rc = note_lock_file(log, dir, err);
    if (rc == PERSIST_OK)
        rc = persist__log_check_pages(log, NULL, err); /* before LMDB follows any page */
    if (rc == PERSIST_OK)
        rc = open_dbis(log, err);
    for (int i = 0; rc == PERSIST__EMAPFULL && i < 8; i++) /* a map too small to create them */
        if ((rc = persist__log_grow(log, err)) == PERSIST_OK)
            rc = open_dbis(log, err);
    if (rc != PERSIST_OK) {
        persist__log_close(log);
        return rc;
    }
    *out = log;
    return PERSIST_OK;
}

void persist__log_close(persist__log *log)
{
    if (log == NULL)
        return;
    mdb_env_close(log->env);
    persist__free(log->lock_path);
    persist__free(log);
}

int persist__log_sync(persist__log *log, persist__err *err)
{
    int rc;
    if (log->dead)
        return dead(log, err);
    rc = mdb_env_sync(log->env, 1);
    return rc == 0 ? PERSIST_OK : map_mdb(err, rc, "syncing the store to disk");
}

int persist__log_grow(persist__log *log, persist__err *err)
{
    MDB_envinfo info;
    uint64_t next;
    int rc;
    mdb_env_info(log->env, &info);
    next = (uint64_t)info.me_mapsize * 2;
    if (next < log->map_size * 2)
        next = log->map_size * 2;
    rc = mdb_env_set_mapsize(log->env, (size_t)next);
    if (rc != 0)
        return kill_env(log, err, "growing the store map failed (%s)", strerror(rc));
    log->map_size = next;
    return PERSIST_OK;
}

int persist__log_begin(persist__log *log, int write, persist__txn **out, persist__err *err)
{
    persist__txn *t;
    int rc;
    *out = NULL;
    if (log->dead)
        return dead(log, err);
    if (check_lock_file(log, err) != PERSIST_OK)
        return PERSIST_EFATAL;
    t = persist__calloc(1, sizeof *t);
    if (t == NULL)
        return persist__err_set(err, PERSIST_ENOMEM, "out of memory");
    t->log = log;
    rc = mdb_txn_begin(log->env, NULL, write ? 0 : MDB_RDONLY, &t->txn);
    if (rc == MDB_MAP_RESIZED) {
        /* Another process grew the map: adopt its size and try once more. */
        rc = mdb_env_set_mapsize(log->env, 0);
        if (rc != 0) {
            persist__free(t);
            return kill_env(log, err, "adopting the store's new map size failed (%s)",
                            strerror(rc));
        }
        rc = mdb_txn_begin(log->env, NULL, write ? 0 : MDB_RDONLY, &t->txn);
    }
    if (rc != 0) {
        persist__free(t);
        return map_mdb(err, rc, "beginning transaction");
    }
    *out = t;
    return PERSIST_OK;
}

int persist__log_commit(persist__txn *txn, persist__err *err)
{
    int rc = mdb_txn_commit(txn->txn);
    persist__free(txn);
    return rc == 0 ? PERSIST_OK : map_mdb(err, rc, "committing");
}

void persist__log_abort(persist__txn *txn)
{
    if (txn == NULL)
        return;
    mdb_txn_abort(txn->txn);
    persist__free(txn);
}

/* The last key of `dbi`, a record number (0: the database is empty). */
static int last_seq(persist__txn *txn, MDB_dbi dbi, const char *what, uint64_t *out,
                    persist__err *err)
{
    MDB_cursor *cur;
    MDB_val k, v;
    int rc = mdb_cursor_open(txn->txn, dbi, &cur);
    if (rc != 0)
        return map_mdb(err, rc, "opening cursor");
    rc = mdb_cursor_get(cur, &k, &v, MDB_LAST);
    mdb_cursor_close(cur);
    if (rc == MDB_NOTFOUND) {
        *out = 0;
        return PERSIST_OK;
    }
    if (rc != 0)
        return map_mdb(err, rc, what);
    if (k.mv_size != 8)
        return persist__err_set(err, PERSIST_ECORRUPT, "%s: a key of %zu bytes", what, k.mv_size);
    *out = persist__be64_get(k.mv_data);
    return PERSIST_OK;
}

int persist__log_head(persist__txn *txn, uint64_t *out, persist__err *err)
{
    return last_seq(txn, txn->log->records, "reading head", out, err);
}

int persist__log_snapshot_last(persist__txn *txn, uint64_t *out, persist__err *err)
{
    return last_seq(txn, txn->log->snapshots, "reading the newest snapshot", out, err);
}

int persist__log_count(persist__txn *txn, uint64_t *out, persist__err *err)
{
    MDB_stat st;
    int rc = mdb_stat(txn->txn, txn->log->records, &st);
    if (rc != 0)
        return map_mdb(err, rc, "reading record count");
    *out = st.ms_entries;
    return PERSIST_OK;
}

int persist__log_append(persist__txn *txn, const persist__record *rec, persist__err *err)
{
    uint8_t kb[8];
    MDB_val k = key64(kb, rec->seq), v;
    int rc;
    v.mv_size = persist__record_value_size(rec);
    /* MDB_RESERVE: encode straight into the page, no intermediate copy. */
    rc = mdb_put(txn->txn, txn->log->records, &k, &v, MDB_APPEND | MDB_RESERVE);
    if (rc == MDB_KEYEXIST)
        return persist__err_set(err, PERSIST_ERROR, "record %llu is not after the head",
                                (unsigned long long)rec->seq);
    if (rc != 0)
        return map_mdb(err, rc, "appending record");
    return persist__record_encode(v.mv_data, rec, err);
}

int persist__log_cursor_open(persist__txn *txn, uint64_t from, persist__cursor **out,
                             persist__err *err)
{
    persist__cursor *c = persist__calloc(1, sizeof *c);
    int rc;
    *out = NULL;
    if (c == NULL)
        return persist__err_set(err, PERSIST_ENOMEM, "out of memory");
    rc = mdb_cursor_open(txn->txn, txn->log->records, &c->cur);
    if (rc != 0) {
        persist__free(c);
        return map_mdb(err, rc, "opening cursor");
    }
    c->txn = txn;
    c->expect = from;
    *out = c;
    return PERSIST_OK;
}

int persist__log_cursor_next(persist__cursor *c, persist__record *out, persist__err *err)
{
    uint8_t kb[8];
    MDB_val k = key64(kb, c->expect), v;
    int rc = mdb_cursor_get(c->cur, &k, &v, c->started ? MDB_NEXT : MDB_SET_RANGE);
    uint64_t seq;
    c->started = 1;
    if (rc == MDB_NOTFOUND)
        return 0;
    if (rc != 0)
        return map_mdb(err, rc, "reading records");
    if (k.mv_size != 8)
        return persist__err_set(err, PERSIST_ECORRUPT, "record key of %zu bytes", k.mv_size);
    seq = persist__be64_get(k.mv_data);
    if (seq != c->expect)
        return persist__err_set(err, PERSIST_ECORRUPT,
                                "record %llu is missing (next stored record is %llu)",
                                (unsigned long long)c->expect, (unsigned long long)seq);
    rc = persist__record_decode(out, seq, v.mv_data, v.mv_size, err);
    if (rc != PERSIST_OK)
        return rc;
    c->expect++;
    return 1;
}

void persist__log_cursor_close(persist__cursor *c)
{
    if (c == NULL)
        return;
    mdb_cursor_close(c->cur);
    persist__free(c);
}

int persist__log_app_put(persist__txn *txn, const uint8_t hash[PERSIST__HASH_LEN], const char *code,
                         size_t len, persist__err *err)
{
    MDB_val k = {PERSIST__HASH_LEN, (void *)hash}, v = {len, (void *)code};
    int rc = mdb_put(txn->txn, txn->log->apps, &k, &v, MDB_NOOVERWRITE);
    if (rc == 0 || rc == MDB_KEYEXIST)
        return PERSIST_OK;
    return map_mdb(err, rc, "storing app code");
}

int persist__log_app_get(persist__txn *txn, const uint8_t hash[PERSIST__HASH_LEN],
                         const char **code, size_t *len, persist__err *err)
{
    MDB_val k = {PERSIST__HASH_LEN, (void *)hash}, v;
    uint8_t check[PERSIST__HASH_LEN];
    char hex[PERSIST__HASH_LEN * 2 + 1];
    persist__span span;
    int rc = mdb_get(txn->txn, txn->log->apps, &k, &v);
    persist__hash_hex(hash, hex, sizeof hex);
    if (rc == MDB_NOTFOUND)
        return persist__err_set(err, PERSIST_ECORRUPT, "app %s is missing from the store", hex);
    if (rc != 0)
        return map_mdb(err, rc, "reading app code");
    span = (persist__span){v.mv_data, v.mv_size};
    if (persist__sha256(check, &span, 1) != 0)
        return persist__err_set(err, PERSIST_ERROR, "SHA-256 failed");
    if (memcmp(check, hash, PERSIST__HASH_LEN) != 0)
        return persist__err_set(err, PERSIST_ECORRUPT,
                                "app %s is damaged (its code no longer has that hash)", hex);
    *code = v.mv_data;
    *len = v.mv_size;
    return PERSIST_OK;
}

int persist__log_snapshot_put(persist__txn *txn, const persist__snapshot *snap, persist__err *err)
{
    uint8_t kb[8];
    MDB_val k = key64(kb, snap->seq), v;
    int rc;
    v.mv_size = persist__snapshot_size(snap->module_len, snap->state_len);
    rc = mdb_put(txn->txn, txn->log->snapshots, &k, &v, MDB_RESERVE);
    if (rc != 0)
        return map_mdb(err, rc, "writing snapshot");
    return persist__snapshot_encode(v.mv_data, snap, err);
}

int persist__log_snapshot_newest(persist__txn *txn, uint64_t at, persist__snapshot *out,
                                 persist__err *err)
{
    MDB_cursor *cur;
    uint8_t kb[8];
    MDB_val k = key64(kb, at), v;
    int rc = mdb_cursor_open(txn->txn, txn->log->snapshots, &cur);
    if (rc != 0)
        return map_mdb(err, rc, "opening cursor");
    /* First key >= at; if it is not `at` itself, step back to the one before. */
    rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
    if (rc == 0 && (k.mv_size != 8 || persist__be64_get(k.mv_data) != at))
        rc = mdb_cursor_get(cur, &k, &v, MDB_PREV);
    else if (rc == MDB_NOTFOUND)
        rc = mdb_cursor_get(cur, &k, &v, MDB_LAST);
    mdb_cursor_close(cur);
    if (rc == MDB_NOTFOUND)
        return persist__err_set(err, PERSIST_ENOTFOUND, "no snapshot at or before record %llu",
                                (unsigned long long)at);
    if (rc != 0)
        return map_mdb(err, rc, "reading snapshots");
    if (k.mv_size != 8)
        return persist__err_set(err, PERSIST_ECORRUPT, "snapshot key of %zu bytes", k.mv_size);
    out->seq = persist__be64_get(k.mv_data); /* known even when the value turns out damaged */
    return persist__snapshot_decode(out, out->seq, v.mv_data, v.mv_size, err);
}

int persist__log_first(persist__txn *txn, uint64_t *out, persist__err *err)
{
    MDB_cursor *cur;
    MDB_val k, v;
    int rc = mdb_cursor_open(txn->txn, txn->log->records, &cur);
    if (rc != 0)
        return map_mdb(err, rc, "opening cursor");
    rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST);
    mdb_cursor_close(cur);
    *out = 0;
    if (rc == MDB_NOTFOUND)
        return PERSIST_OK;
    if (rc != 0)
        return map_mdb(err, rc, "reading the first record");
    if (k.mv_size != 8)
        return persist__err_set(err, PERSIST_ECORRUPT, "record key of %zu bytes", k.mv_size);
    *out = persist__be64_get(k.mv_data);
    return PERSIST_OK;
}

/* Walks a database from key `from` (8-byte keys) or from its start; calls visit per entry. */
typedef int (*raw_visit)(const MDB_val *k, const MDB_val *v, void *ud);

static int walk(persist__txn *txn, MDB_dbi dbi, const uint8_t *from, size_t from_len,
                raw_visit visit, void *ud, persist__err *err)
{
    MDB_cursor *cur;
    MDB_val k = {from_len, (void *)from}, v;
    int rc = mdb_cursor_open(txn->txn, dbi, &cur);
    if (rc != 0)
        return map_mdb(err, rc, "opening cursor");
    rc = mdb_cursor_get(cur, &k, &v, from != NULL ? MDB_SET_RANGE : MDB_FIRST);
    while (rc == 0) {
        int stop = visit(&k, &v, ud);
        if (stop != 0) {
            mdb_cursor_close(cur);
            return stop;
        }
        rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT);
    }
    mdb_cursor_close(cur);
    return rc == MDB_NOTFOUND ? PERSIST_OK : map_mdb(err, rc, "reading the store");
}

typedef struct visit_ctx {
    persist__record_visit rec_fn;
    persist__snapshot_visit snap_fn;
    persist__app_visit app_fn;
    void *ud;
} visit_ctx;

static int visit_record(const MDB_val *k, const MDB_val *v, void *ud)
{
    visit_ctx *c = ud;
    persist__record rec;
    persist__err why = {0, ""};
    uint64_t seq = k->mv_size == 8 ? persist__be64_get(k->mv_data) : 0;
    int st = k->mv_size == 8
                 ? persist__record_decode(&rec, seq, v->mv_data, v->mv_size, &why)
                 : persist__err_set(&why, PERSIST_ECORRUPT, "record key of %zu bytes", k->mv_size);
    return c->rec_fn(seq, st, st == PERSIST_OK ? &rec : NULL, &why, c->ud);
}

static int visit_snapshot(const MDB_val *k, const MDB_val *v, void *ud)
{
    visit_ctx *c = ud;
    persist__snapshot snap;
    persist__err why = {0, ""};
    uint64_t seq = k->mv_size == 8 ? persist__be64_get(k->mv_data) : 0;
    int st = k->mv_size == 8 ? persist__snapshot_decode(&snap, seq, v->mv_data, v->mv_size, &why)
                             : persist__err_set(&why, PERSIST_ECORRUPT, "snapshot key of %zu bytes",
                                                k->mv_size);
    return c->snap_fn(seq, st, st == PERSIST_OK ? &snap : NULL, &why, c->ud);
}

static int visit_app(const MDB_val *k, const MDB_val *v, void *ud)
{
    visit_ctx *c = ud;
    if (k->mv_size != PERSIST__HASH_LEN)
        return 0; /* not an app key; verify reports hash mismatches through the code's hash */
    return c->app_fn(k->mv_data, v->mv_data, v->mv_size, c->ud);
}

int persist__log_records_each(persist__txn *txn, uint64_t from, persist__record_visit fn, void *ud,
                              persist__err *err)
{
    visit_ctx c = {fn, NULL, NULL, ud};
    uint8_t kb[8];
    persist__be64_put(kb, from);
    return walk(txn, txn->log->records, kb, 8, visit_record, &c, err);
}

int persist__log_snapshots_each(persist__txn *txn, persist__snapshot_visit fn, void *ud,
                                persist__err *err)
{
    visit_ctx c = {NULL, fn, NULL, ud};
    return walk(txn, txn->log->snapshots, NULL, 0, visit_snapshot, &c, err);
}

int persist__log_apps_each(persist__txn *txn, persist__app_visit fn, void *ud, persist__err *err)
{
    visit_ctx c = {NULL, NULL, fn, ud};
    return walk(txn, txn->log->apps, NULL, 0, visit_app, &c, err);
}

/* Deletes the entries keyed below `seq` (after = 0), or above it (after = 1). */
static int delete_outside(persist__txn *txn, MDB_dbi dbi, uint64_t seq, int after,
                          uint64_t *removed, persist__err *err)
{
    MDB_cursor *cur;
    MDB_val k, v;
    int rc = mdb_cursor_open(txn->txn, dbi, &cur);
    *removed = 0;
    if (rc != 0)
        return map_mdb(err, rc, "opening cursor");
    while ((rc = mdb_cursor_get(cur, &k, &v, after ? MDB_LAST : MDB_FIRST)) == 0 &&
           k.mv_size == 8 &&
           (after ? persist__be64_get(k.mv_data) > seq : persist__be64_get(k.mv_data) < seq)) {
        if ((rc = mdb_cursor_del(cur, 0)) != 0)
            break;
        (*removed)++;
    }
    mdb_cursor_close(cur);
    return rc == 0 || rc == MDB_NOTFOUND ? PERSIST_OK : map_mdb(err, rc, "deleting history");
}

int persist__log_delete_records_before(persist__txn *txn, uint64_t seq, uint64_t *removed,
                                       persist__err *err)
{
    return delete_outside(txn, txn->log->records, seq, 0, removed, err);
}

int persist__log_delete_snapshots_before(persist__txn *txn, uint64_t seq, uint64_t *removed,
                                         persist__err *err)
{
    return delete_outside(txn, txn->log->snapshots, seq, 0, removed, err);
}

int persist__log_delete_snapshots_after(persist__txn *txn, uint64_t seq, uint64_t *removed,
                                        persist__err *err)
{
    return delete_outside(txn, txn->log->snapshots, seq, 1, removed, err);
}

int persist__log_app_delete(persist__txn *txn, const uint8_t hash[PERSIST__HASH_LEN],
                            persist__err *err)
{
    MDB_val k = {PERSIST__HASH_LEN, (void *)hash};
    int rc = mdb_del(txn->txn, txn->log->apps, &k, NULL);
    return rc == 0 || rc == MDB_NOTFOUND ? PERSIST_OK : map_mdb(err, rc, "deleting an app");
}

int persist__log_copy_fd(persist__log *log, int fd, persist__err *err)
{
    int rc;
    if (log->dead)
        return dead(log, err);
    rc = mdb_env_copyfd2(log->env, fd, MDB_CP_COMPACT);
    return rc == 0 ? PERSIST_OK : map_mdb(err, rc, "copying the store");
}

/* ---- format 2: meta entries, raw records and snapshots (sync), the client-id index ---- */

int persist__log_meta_get(persist__txn *txn, const char *key, const uint8_t **val, size_t *len,
                          persist__err *err)
{
    MDB_val k = {strlen(key), (void *)key}, v;
    int rc = mdb_get(txn->txn, txn->log->meta, &k, &v);
    if (rc == MDB_NOTFOUND)
        return PERSIST_ENOTFOUND;
    if (rc != 0)
        return map_mdb(err, rc, "reading the store's metadata");
    *val = v.mv_data;
    *len = v.mv_size;
    return PERSIST_OK;
}

int persist__log_meta_put(persist__txn *txn, const char *key, const void *val, size_t len,
                          persist__err *err)
{
    MDB_val k = {strlen(key), (void *)key}, v = {len, (void *)val};
    int rc = val != NULL ? mdb_put(txn->txn, txn->log->meta, &k, &v, 0)
                         : mdb_del(txn->txn, txn->log->meta, &k, NULL);
    return rc == 0 || rc == MDB_NOTFOUND ? PERSIST_OK : map_mdb(err, rc, "writing metadata");
}

int persist__log_require_format(persist__txn *txn, uint32_t version, persist__err *err)
{
    const uint8_t *v;
    uint8_t want[4] = {0, 0, 0, (uint8_t)version};
    size_t len;
    int rc = persist__log_meta_get(txn, META_FORMAT, &v, &len, err);
    if (rc != PERSIST_OK)
        return rc == PERSIST_ENOTFOUND ? persist__err_set(err, PERSIST_ECORRUPT, "no format") : rc;
    if (len == 4 && v[0] == 0 && v[1] == 0 && v[2] == 0 && v[3] >= version)
        return PERSIST_OK;
    return persist__log_meta_put(txn, META_FORMAT, want, 4, err);
}

int persist__log_store_id(persist__txn *txn, uint8_t out[16], persist__err *err)
{
    const uint8_t *v;
    size_t len;
    int rc = persist__log_meta_get(txn, META_STORE_ID, &v, &len, err);
    if (rc == PERSIST_OK && len != 16)
        rc = persist__err_set(err, PERSIST_ECORRUPT, "the store id is damaged");
    else if (rc == PERSIST_ENOTFOUND)
        rc = persist__err_set(err, PERSIST_ECORRUPT, "the store has no id");
    if (rc == PERSIST_OK)
        memcpy(out, v, 16);
    return rc;
}

int persist__log_set_store_id(persist__txn *txn, const uint8_t id[16], persist__err *err)
{
    return persist__log_meta_put(txn, META_STORE_ID, id, 16, err);
}

int persist__log_record_raw(persist__txn *txn, uint64_t seq, const uint8_t **val, size_t *len,
                            persist__err *err)
{
    uint8_t kb[8];
    MDB_val k = key64(kb, seq), v;
    int rc = mdb_get(txn->txn, txn->log->records, &k, &v);
    if (rc == MDB_NOTFOUND)
        return persist__err_set(err, PERSIST_ENOTFOUND, "record %llu is not in the store",
                                (unsigned long long)seq);
    if (rc != 0)
        return map_mdb(err, rc, "reading a record");
    *val = v.mv_data;
    *len = v.mv_size;
    return PERSIST_OK;
}

int persist__log_append_raw(persist__txn *txn, uint64_t seq, const uint8_t *val, size_t len,
                            persist__err *err)
{
    uint8_t kb[8];
    MDB_val k = key64(kb, seq), v = {len, (void *)val};
    int rc = mdb_put(txn->txn, txn->log->records, &k, &v, MDB_APPEND);
    if (rc == MDB_KEYEXIST)
        return persist__err_set(err, PERSIST_ERROR, "record %llu is not after the head",
                                (unsigned long long)seq);
    return rc == 0 ? PERSIST_OK : map_mdb(err, rc, "appending a record");
}

int persist__log_snapshot_raw(persist__txn *txn, uint64_t seq, const uint8_t **val, size_t *len,
                              persist__err *err)
{
    uint8_t kb[8];
    MDB_val k = key64(kb, seq), v;
    int rc = mdb_get(txn->txn, txn->log->snapshots, &k, &v);
    if (rc == MDB_NOTFOUND)
        return persist__err_set(err, PERSIST_ENOTFOUND, "no snapshot after record %llu",
                                (unsigned long long)seq);
    if (rc != 0)
        return map_mdb(err, rc, "reading a snapshot");
    *val = v.mv_data;
    *len = v.mv_size;
    return PERSIST_OK;
}

int persist__log_snapshot_put_raw(persist__txn *txn, uint64_t seq, const uint8_t *val, size_t len,
                                  persist__err *err)
{
    uint8_t kb[8];
    MDB_val k = key64(kb, seq), v = {len, (void *)val};
    int rc = mdb_put(txn->txn, txn->log->snapshots, &k, &v, 0);
    return rc == 0 ? PERSIST_OK : map_mdb(err, rc, "writing a snapshot");
}

int persist__log_id_get(persist__txn *txn, const char *id, size_t id_len, const uint8_t **val,
                        size_t *len, persist__err *err)
{
    MDB_val k = {id_len, (void *)id}, v;
    int rc;
    if (!txn->log->has_ids)
        return PERSIST_ENOTFOUND;
    rc = mdb_get(txn->txn, txn->log->ids, &k, &v);
    if (rc == MDB_NOTFOUND)
        return PERSIST_ENOTFOUND;
    if (rc != 0)
        return map_mdb(err, rc, "reading the client-id index");
    *val = v.mv_data;
    *len = v.mv_size;
    return PERSIST_OK;
}

int persist__log_id_put(persist__txn *txn, const char *id, size_t id_len, uint64_t seq,
                        const uint8_t *val, size_t len, persist__err *err)
{
    uint8_t kb[8];
    MDB_val k = {id_len, (void *)id}, v = {len, (void *)val}, ok = key64(kb, seq),
            ov = {id_len, (void *)id};
    int rc;
    if (!txn->log->has_ids)
        return persist__err_set(err, PERSIST_EREADONLY, "the client-id index is read-only");
    rc = mdb_put(txn->txn, txn->log->ids, &k, &v, 0);
    if (rc == 0)
        rc = mdb_put(txn->txn, txn->log->id_order, &ok, &ov, 0);
    return rc == 0 ? PERSIST_OK : map_mdb(err, rc, "writing the client-id index");
}

int persist__log_id_oldest(persist__txn *txn, uint64_t *seq, const char **id, size_t *id_len,
                           uint64_t *count, persist__err *err)
{
    MDB_cursor *cur;
    MDB_val k, v;
    MDB_stat st;
    int rc;
    *count = 0;
    if (!txn->log->has_ids)
        return PERSIST_ENOTFOUND;
    if ((rc = mdb_stat(txn->txn, txn->log->id_order, &st)) != 0)
        return map_mdb(err, rc, "reading the client-id index");
    *count = st.ms_entries;
    if ((rc = mdb_cursor_open(txn->txn, txn->log->id_order, &cur)) != 0)
        return map_mdb(err, rc, "reading the client-id index");
    rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST);
    mdb_cursor_close(cur);
    if (rc == MDB_NOTFOUND)
        return PERSIST_ENOTFOUND;
    if (rc != 0)
        return map_mdb(err, rc, "reading the client-id index");
    if (k.mv_size != 8 || v.mv_size == 0 || v.mv_size > PERSIST__CLIENT_ID_MAX)
        return persist__err_set(err, PERSIST_ECORRUPT,
                                "the client-id index is damaged (an order entry of a %zu-byte key "
                                "and a %zu-byte id)",
                                k.mv_size, v.mv_size);
    *seq = persist__be64_get(k.mv_data);
    *id = v.mv_data;
    *id_len = v.mv_size;
    return PERSIST_OK;
}

int persist__log_id_forget(persist__txn *txn, uint64_t seq, const char *id, size_t id_len,
                           int drop_id, persist__err *err)
{
    uint8_t kb[8];
    MDB_val k = {id_len, (void *)id}, ok = key64(kb, seq);
    int rc = drop_id ? mdb_del(txn->txn, txn->log->ids, &k, NULL) : 0;
    if (rc == 0 || rc == MDB_NOTFOUND)
        rc = mdb_del(txn->txn, txn->log->id_order, &ok, NULL);
    return rc == 0 || rc == MDB_NOTFOUND ? PERSIST_OK
                                         : map_mdb(err, rc, "trimming the client-id index");
}

static int visit_db(persist__txn *txn, MDB_dbi dbi, persist__id_visit fn, void *ud,
                    persist__err *err)
{
    MDB_cursor *cur;
    MDB_val k, v;
    int rc;
    if (!txn->log->has_ids)
        return PERSIST_OK;
    if ((rc = mdb_cursor_open(txn->txn, dbi, &cur)) != 0)
        return map_mdb(err, rc, "reading the client-id index");
    for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0;
         rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
        int stop = fn(k.mv_data, k.mv_size, v.mv_data, v.mv_size, ud);
        if (stop != 0) {
            mdb_cursor_close(cur);
            return stop;
        }
    }
    mdb_cursor_close(cur);
    return rc == MDB_NOTFOUND ? PERSIST_OK : map_mdb(err, rc, "reading the client-id index");
}

int persist__log_ids_each(persist__txn *txn, persist__id_visit fn, void *ud, persist__err *err)
{
    return visit_db(txn, txn->log->ids, fn, ud, err);
}

int persist__log_id_order_each(persist__txn *txn, persist__id_visit fn, void *ud, persist__err *err)
{
    return visit_db(txn, txn->log->id_order, fn, ud, err);
}

/* ---- structure checks (lib/lmdb_check.c): LMDB follows only pages that were checked ---- */
/* (begin_no_other, above open_dbis, is shared with them.) */

/* data.mdb (if there is one) before mdb_env_open maps it: its meta pages, and a file long enough.
 */
static int precheck_file(const char *dir, int readonly, persist__err *err)
{
    char path[4096];
    int fd, rc;
    if (snprintf(path, sizeof path, "%s/data.mdb", dir) >= (int)sizeof path)
        return persist__err_set(err, PERSIST_EINVAL, "store path is too long");
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0 && errno == ENOENT)
        return PERSIST_OK; /* a new store; LMDB creates the file */
    if (fd < 0 && errno == ELOOP)
        return persist__err_set(err, PERSIST_EINVAL,
                                "%s is a symbolic link; a store's files must be regular files",
                                path);
    if (fd < 0)
        return persist__err_errno(err, errno, path);
    rc = persist__lmdb_precheck(fd, !readonly, err);
    close(fd);
    return rc;
}

int persist__log_check_pages(persist__log *log, persist__lmdb_stats *stats, persist__err *err)
{
    MDB_txn *txn;
    mdb_filehandle_t fd;
    int rc = PERSIST__ERETRY;
    if (log->dead || mdb_env_get_fd(log->env, &fd) != 0)
        return persist__err_set(err, PERSIST_EFATAL, "the store must be reopened");
    /* A writer of another process may overwrite the walked meta page: walk a newer transaction. */
    for (int i = 0; i < 8 && rc == PERSIST__ERETRY; i++) {
        if ((rc = begin_no_other(log, MDB_RDONLY, &txn)) != 0)
            return map_mdb(err, rc, "beginning transaction");
        rc = persist__lmdb_walk(fd, mdb_txn_id(txn), stats, err);
        mdb_txn_abort(txn);
    }
    return rc == PERSIST__ERETRY ? PERSIST_OK : rc; /* it kept changing: a live writer checked it */
}

/* LMDB's assertions end the process (Debian's liblmdb has them compiled in; a longjmp out of LMDB
 * would leave it inconsistent): their text goes to the store's log first, for hosts that keep it.
 */
static void log_assertion(MDB_env *env, const char *msg)
{
    const persist__logger *lg = mdb_env_get_userctx(env);
    if (lg != NULL)
        persist__log_msg(lg, PERSIST_LOG_ERROR, "LMDB assertion failed, the process aborts: %s",
                         msg);
}

void persist__log_set_logger(persist__log *log, const persist__logger *lg)
{
    mdb_env_set_userctx(log->env, (void *)lg);
    mdb_env_set_assert(log->env, log_assertion);
}

void persist__log_fork(int phase)
{
    persist__fork_mutex(&dead_mu, phase);
}
