/* test_lmdb_check.c - lib/lmdb_check.c against real stores: a store built through the public API
 * passes, and so do a large one with overflow values, a pruned and compacted one, LMDB's own copies
 * and a file whose free final pages are cut off; copies of its data.mdb damaged in targeted ways
 * (truncated, a zeroed leaf, zeroed meta pages, damaged transaction ids, a child page past the end,
 * a node outside its page, a huge key, too few overflow pages, a page reached twice, a lowered
 * entry count, a free-list entry naming a live page, ...) give PERSIST_ECORRUPT with a message
 * naming the damage, both from opening (writable and read-only) and from persist_store_verify on a
 * store whose file was damaged after it was opened. Each damaged store is opened in a child
 * process, so a crash fails the test instead of ending the suite. The layout offsets below are LMDB
 * 0.9's (64-bit). */
#include "support.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <lmdb.h>

#include "lmdb_check.h"

#define EVENTS    1500
#define BIG_EVERY 100 /* every 100th event carries 9000 bytes: a value on 3 overflow pages */
#define BIG_LEN   9000

/* Where things are in the pristine data.mdb. */
typedef struct layout {
    uint32_t psize;
    unsigned newest; /* the meta page LMDB reads */
    uint64_t last_pg, txnid;
    uint64_t rec_root; /* the records database's root: a branch page */
    size_t rec_db;     /* file offset of the records database's MDB_db (in the main leaf) */
    uint64_t rec_leaf; /* the records leaf under node 1 of the root */
    uint64_t rec_max;  /* the highest records leaf */
    uint64_t ov_page;  /* the first overflow page of a big record */
    size_t free_count; /* file offset of an inline free-list record's count */
} layout;

static char *base; /* the pristine store */
static uint8_t *pristine;
static size_t pristine_len;
static layout L;

/* ---- the layout ---- */

static uint16_t rd16(const uint8_t *p)
{
    uint16_t v;
    memcpy(&v, p, 2);
    return v;
}

static uint64_t rd64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

static void wr16(uint8_t *p, uint16_t v)
{
    memcpy(p, &v, 2);
}

static void wr64(uint8_t *p, uint64_t v)
{
    memcpy(p, &v, 8);
}

static const uint8_t *page_of(const uint8_t *buf, uint64_t pg)
{
    return buf + pg * L.psize;
}

static unsigned nkeys(const uint8_t *p)
{
    return (rd16(p + 12) - 16u) / 2;
}

/* File offset of node i of page pg. */
static size_t node_at(const uint8_t *buf, uint64_t pg, unsigned i)
{
    return pg * L.psize + rd16(page_of(buf, pg) + 16 + 2 * i);
}

static uint64_t child_of(const uint8_t *buf, uint64_t pg, unsigned i)
{
    const uint8_t *n = buf + node_at(buf, pg, i);
    return rd16(n) | (uint64_t)rd16(n + 2) << 16 | (uint64_t)rd16(n + 4) << 32;
}

/* The records database's MDB_db in the main database's leaf (a one-page tree here). */
static void find_records(const uint8_t *buf)
{
    const uint8_t *meta = buf + L.newest * L.psize;
    uint64_t main_root = rd64(meta + 16 + 24 + 48 + 40);
    const uint8_t *p = page_of(buf, main_root);
    assert_int_equal(rd16(p + 10), 0x02); /* a leaf */
    for (unsigned i = 0; i < nkeys(p); i++) {
        size_t off = node_at(buf, main_root, i);
        if (rd16(buf + off + 6) == 7 && memcmp(buf + off + 8, "records", 7) == 0)
            L.rec_db = off + 8 + 7;
    }
    assert_true(L.rec_db != 0);
    assert_int_equal(rd16(buf + L.rec_db + 6), 2); /* depth 2: a branch root over leaves */
    L.rec_root = rd64(buf + L.rec_db + 40);
    L.rec_leaf = child_of(buf, L.rec_root, 1);
    for (unsigned i = 0; i < nkeys(page_of(buf, L.rec_root)); i++)
        if (child_of(buf, L.rec_root, i) > L.rec_max)
            L.rec_max = child_of(buf, L.rec_root, i);
}

/* A big record's overflow page, and an inline free-list record that lists pages. */
static void find_overflow_and_free(const uint8_t *buf)
{
    const uint8_t *meta = buf + L.newest * L.psize;
    uint64_t free_root = rd64(meta + 16 + 24 + 40);
    for (unsigned c = 0; c < nkeys(page_of(buf, L.rec_root)) && L.ov_page == 0; c++) {
        uint64_t leaf = child_of(buf, L.rec_root, c);
        for (unsigned i = 0; i < nkeys(page_of(buf, leaf)) && L.ov_page == 0; i++)
            if (rd16(buf + node_at(buf, leaf, i) + 4) & 0x01) /* F_BIGDATA */
                L.ov_page = rd64(buf + node_at(buf, leaf, i) + 8 + 8);
    }
    assert_true(L.ov_page != 0);
    assert_int_equal(rd16(page_of(buf, free_root) + 10), 0x02); /* the free list: one leaf */
    for (unsigned i = 0; i < nkeys(page_of(buf, free_root)) && L.free_count == 0; i++) {
        size_t off = node_at(buf, free_root, i);
        if ((rd16(buf + off + 4) & 0x01) == 0 && rd64(buf + off + 8 + 8) > 0)
            L.free_count = off + 8 + 8;
    }
    assert_true(L.free_count != 0);
}

static void find_layout(const uint8_t *buf)
{
    memset(&L, 0, sizeof L);
    L.psize = (uint32_t)rd64(buf + 16 + 24) & 0xffffffffu;
    L.newest = rd64(buf + L.psize + 144) > rd64(buf + 144);
    L.last_pg = rd64(buf + L.newest * L.psize + 136);
    L.txnid = rd64(buf + L.newest * L.psize + 144);
    find_records(buf);
    find_overflow_and_free(buf);
}

/* ---- stores ---- */

static persist_options options(void)
{
    persist_options o;
    persist_options_init(&o, sizeof o);
    o.durability = PERSIST_DURABILITY_RELAXED;
    o.snapshot_every = 400;
    return o;
}

/* testapp_v1 and `events` events, every BIG_EVERY-th a big one. */
static void fill(persist_store *s, int from, int events)
{
    char *ev = malloc(BIG_LEN + 16);
    assert_non_null(ev);
    for (int i = from; i < from + events; i++) {
        if (i % BIG_EVERY == 0) {
            memcpy(ev, "append ", 7);
            memset(ev + 7, 'a' + i % 26, BIG_LEN);
            ev[7 + BIG_LEN] = '\0';
        } else {
            snprintf(ev, BIG_LEN, "add %d", i);
        }
        TS_OK(s, persist_store_submit(s, ev, strlen(ev), NULL, NULL));
    }
    free(ev);
}

static int setup(void **state)
{
    persist_options o = options();
    persist_store *s;
    (void)state;
    base = ts_tmpdir();
    s = ts_open(base, &o);
    ts_deploy(s, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    fill(s, 1, EVENTS);
    TS_OK(s, persist_store_close(s));
    pristine = (uint8_t *)ts_data_file(base, &pristine_len);
    find_layout(pristine);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    ts_rmrf(base);
    free(base);
    free(pristine);
    return 0;
}

static char *path_in(const char *dir, const char *file)
{
    static char path[4200];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    return path;
}

static void write_file(const char *dir, const uint8_t *buf, size_t len)
{
    FILE *f = fopen(path_in(dir, "data.mdb"), "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(buf, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

/* A new directory holding the given data.mdb. */
static char *store_with(const uint8_t *buf, size_t len)
{
    char *dir = ts_tmpdir();
    write_file(dir, buf, len);
    return dir;
}

/* ---- children ---- */

/* Runs fn(dir, arg) in a child; it must exit normally with 0 (it prints what went wrong). */
static void in_child(int (*fn)(const char *dir, const void *arg), const char *dir, const void *arg,
                     const char *what)
{
    int status;
    pid_t pid;
    fflush(stdout);
    fflush(stderr);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        static const int sigs[] = {SIGSEGV, SIGBUS, SIGABRT, SIGILL, SIGFPE, SIGSYS};
        for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
            signal(sigs[i], SIG_DFL); /* cmocka's handlers would run the next tests in here */
        _exit(fn(dir, arg));
    }
    assert_int_equal(waitpid(pid, &status, 0), pid);
    if (WIFSIGNALED(status))
        fail_msg("%s: the child died of signal %d", what, WTERMSIG(status));
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        fail_msg("%s: the child failed (exit status %d)", what, WEXITSTATUS(status));
}

static int open_as(persist_store **s, const char *dir, uint32_t flags)
{
    persist_options o = options();
    o.flags = flags;
    return persist_store_open(s, dir, &o);
}

/* Child: opening for writing and read-only both give PERSIST_ECORRUPT with `needle`. */
static int child_open_refused(const char *dir, const void *needle)
{
    static const uint32_t flags[2] = {0, PERSIST_OPEN_READONLY};
    for (int i = 0; i < 2; i++) {
        persist_store *s = NULL;
        char msg[2048] = "";
        int rc = open_as(&s, dir, flags[i]);
        persist_store_errmsg(s, msg, sizeof msg);
        persist_store_close(s);
        if (rc != PERSIST_ECORRUPT || strstr(msg, needle) == NULL) {
            fprintf(stderr, "open (flags %u): %d, \"%s\"; expected %d with \"%s\"\n", flags[i], rc,
                    msg, PERSIST_ECORRUPT, (const char *)needle);
            return 1;
        }
    }
    return 0;
}

typedef struct late_damage {
    const uint8_t *buf;
    size_t len;
    const char *needle;
} late_damage;

/* Child: a store opened read-only whose file is then damaged: verify reports one problem. */
static int child_verify_finds(const char *dir, const void *arg)
{
    const late_damage *d = arg;
    persist_verify_report rep;
    persist_store *s = NULL;
    char msg[2048] = "";
    int fd, rc = open_as(&s, dir, PERSIST_OPEN_READONLY);
    if (rc != PERSIST_OK) {
        fprintf(stderr, "open of the undamaged store: %d %s\n", rc, ts_errmsg(s));
        return 1;
    }
    fd = open(path_in(dir, "data.mdb"), O_WRONLY);
    if (fd < 0 || pwrite(fd, d->buf, d->len, 0) != (ssize_t)d->len || ftruncate(fd, (off_t)d->len))
        return 2;
    close(fd);
    memset(&rep, 0, sizeof rep);
    rep.struct_size = sizeof rep;
    rc = persist_store_verify(s, 0, &rep);
    persist_store_errmsg(s, msg, sizeof msg);
    persist_store_close(s);
    if (rc != PERSIST_ECORRUPT || rep.problems != 1 || strstr(msg, d->needle) == NULL) {
        fprintf(stderr, "verify: %d, %u problems, \"%s\"; expected one with \"%s\"\n", rc,
                rep.problems, msg, d->needle);
        return 3;
    }
    return 0;
}

/* ---- damage ---- */

typedef void (*damage_fn)(uint8_t *buf, size_t *len, char *needle, size_t cap);

/* Both ways: open refuses the damaged copy; verify finds the damage done after opening. */
static void expect_damage(damage_fn fn, const char *what)
{
    uint8_t *buf = malloc(pristine_len);
    late_damage late;
    char needle[256], *dir;
    size_t len = pristine_len;
    assert_non_null(buf);
    memcpy(buf, pristine, pristine_len);
    fn(buf, &len, needle, sizeof needle);
    dir = store_with(buf, len);
    in_child(child_open_refused, dir, needle, what);
    ts_rmrf(dir);
    free(dir);
    late = (late_damage){buf, len, needle};
    dir = store_with(pristine, pristine_len);
    in_child(child_verify_finds, dir, &late, what);
    ts_rmrf(dir);
    free(dir);
    free(buf);
}

static void truncated(uint8_t *buf, size_t *len, char *needle, size_t cap)
{
    (void)buf;
    assert_true(L.rec_max < L.last_pg);
    *len = L.rec_max * L.psize; /* an interrupted copy: the highest records leaf is missing */
    snprintf(needle, cap, "truncated");
}

static void zeroed_leaf(uint8_t *buf, size_t *len, char *needle, size_t cap)
{
    (void)len;
    memset(buf + L.rec_leaf * L.psize, 0, L.psize);
    snprintf(needle, cap, "page %llu (database 'records'): its header says page 0",
             (unsigned long long)L.rec_leaf);
}

static void zeroed_metas(uint8_t *buf, size_t *len, char *needle, size_t cap)
{
    (void)len;
    memset(buf, 0, 2 * (size_t)L.psize);
    snprintf(needle, cap, "meta page 0 has no LMDB magic number");
}

static void txnid_parity(uint8_t *buf, size_t *len, char *needle, size_t cap)
{
    (void)len;
    wr64(buf + L.newest * L.psize + 144, L.txnid - 1);
    snprintf(needle, cap, "meta page %u: transaction id %llu is %s", L.newest,
             (unsigned long long)(L.txnid - 1), L.newest ? "even" : "odd");
}

static void txnid_lowered(uint8_t *buf, size_t *len, char *needle, size_t cap)
{
    (void)len;
    wr64(buf + L.newest * L.psize + 144, L.txnid - 4);
    snprintf(needle, cap, "which LMDB never leaves apart");
}

static void child_past_end(uint8_t *buf, size_t *len, char *needle, size_t cap)
{
    uint8_t *n = buf + node_at(buf, L.rec_root, 1);
    uint64_t bad = L.last_pg + 5;
    (void)len;
    wr16(n, bad & 0xffff);
    wr16(n + 2, (bad >> 16) & 0xffff);
    snprintf(needle, cap, "page %llu (database 'records'): node 1 points to page %llu",
             (unsigned long long)L.rec_root, (unsigned long long)bad);
}

static void node_outside(uint8_t *buf, size_t *len, char *needle, size_t cap)
{
    (void)len;
    wr16(buf + L.rec_leaf * L.psize + 16 + 2 * 2, 10);
    snprintf(needle, cap, "page %llu (database 'records'): node 2 at offset 10, outside",
             (unsigned long long)L.rec_leaf);
}

static void huge_key(uint8_t *buf, size_t *len, char *needle, size_t cap)
{
    (void)len;
    wr16(buf + node_at(buf, L.rec_leaf, 3) + 6, 600);
    snprintf(needle, cap, "node 3 has a key of 600 bytes");
}

static void overflow_short(uint8_t *buf, size_t *len, char *needle, size_t cap)
{
    uint32_t one = 1;
    (void)len;
    memcpy(buf + L.ov_page * L.psize + 12, &one, 4);
    snprintf(needle, cap, "page %llu (database 'records', the value of page",
             (unsigned long long)L.ov_page);
}

static void reached_twice(uint8_t *buf, size_t *len, char *needle, size_t cap)
{
    uint8_t *n = buf + node_at(buf, L.rec_root, 2);
    (void)len;
    wr16(n, L.rec_leaf & 0xffff); /* node 2 now points to node 1's leaf as well */
    wr16(n + 2, (L.rec_leaf >> 16) & 0xffff);
    snprintf(needle, cap, "page %llu (database 'records', from page %llu): reached a second time",
             (unsigned long long)L.rec_leaf, (unsigned long long)L.rec_root);
}

static void entries_lowered(uint8_t *buf, size_t *len, char *needle, size_t cap)
{
    (void)len;
    wr64(buf + L.rec_db + 32, rd64(buf + L.rec_db + 32) - 1);
    snprintf(needle, cap, "database 'records': its header counts %d entries", EVENTS);
}

static void free_names_live(uint8_t *buf, size_t *len, char *needle, size_t cap)
{
    (void)len;
    wr64(buf + L.free_count + 8, L.rec_leaf); /* the record's first page */
    snprintf(needle, cap, "page %llu: listed as free", (unsigned long long)L.rec_leaf);
}

static void free_count_raised(uint8_t *buf, size_t *len, char *needle, size_t cap)
{
    (void)len;
    wr64(buf + L.free_count, 100000);
    snprintf(needle, cap, "lists 100000 pages in a value with room for");
}

static void branch_made_leaf(uint8_t *buf, size_t *len, char *needle, size_t cap)
{
    (void)len;
    wr16(buf + L.rec_root * L.psize + 10, 0x02);
    snprintf(needle, cap, "page %llu (database 'records'): flags 0x2 where a branch page belongs",
             (unsigned long long)L.rec_root);
}

static void leaf_made_branch(uint8_t *buf, size_t *len, char *needle, size_t cap)
{
    (void)len;
    wr16(buf + L.rec_leaf * L.psize + 10, 0x01); /* LMDB asserted (SIGABRT) on this */
    snprintf(needle, cap, "flags 0x1 where a leaf page belongs");
}

static void dirty_flag(uint8_t *buf, size_t *len, char *needle, size_t cap)
{
    (void)len;
    wr16(buf + L.rec_leaf * L.psize + 10, 0x12); /* P_DIRTY: a writer would write to the map */
    snprintf(needle, cap, "flags 0x12 where a leaf page belongs");
}

static void page_size(uint8_t *buf, size_t *len, char *needle, size_t cap)
{
    (void)len;
    wr16(buf + 16 + 24, 4095);
    snprintf(needle, cap, "meta page 0: page size 4095");
}

static void keys_swapped(uint8_t *buf, size_t *len, char *needle, size_t cap)
{
    size_t a = node_at(buf, L.rec_leaf, 4);
    (void)len;
    buf[a + 8 + 7] ^= 0x7f; /* the low byte of a record number: now out of order */
    snprintf(needle, cap, "page %llu (database 'records'): the key of node",
             (unsigned long long)L.rec_leaf);
}

static void last_page_far(uint8_t *buf, size_t *len, char *needle, size_t cap)
{
    (void)len;
    wr64(buf + L.newest * L.psize + 136, L.last_pg + (UINT64_C(3) << 32)); /* found by fuzz_pages */
    snprintf(needle, cap, "more than its free list can hold");
}

static void last_page_raised(uint8_t *buf, size_t *len, char *needle, size_t cap)
{
    (void)len;
    wr64(buf + L.newest * L.psize + 136, L.last_pg + 10);
    snprintf(needle, cap, "lie past the end of the file, but only 0 of them are free");
}

static void test_last_page(void **state)
{
    (void)state;
    expect_damage(last_page_far, "last page far past the end (12 GiB of page map)");
    expect_damage(last_page_raised, "last page raised by 10");
}

static void test_truncated(void **state)
{
    (void)state;
    expect_damage(truncated, "truncated file");
}

static void test_zeroed_leaf(void **state)
{
    (void)state;
    expect_damage(zeroed_leaf, "zeroed leaf");
}

static void test_zeroed_metas(void **state)
{
    (void)state;
    expect_damage(zeroed_metas, "zeroed meta pages");
}

static void test_txnid_parity(void **state)
{
    (void)state;
    expect_damage(txnid_parity, "transaction id with the wrong parity");
}

static void test_txnid_lowered(void **state)
{
    (void)state;
    expect_damage(txnid_lowered, "transaction id lowered by 4");
}

static void test_child_past_end(void **state)
{
    (void)state;
    expect_damage(child_past_end, "child page past the end");
}

static void test_node_outside(void **state)
{
    (void)state;
    expect_damage(node_outside, "node outside its page");
}

static void test_huge_key(void **state)
{
    (void)state;
    expect_damage(huge_key, "huge key size");
}

static void test_overflow_short(void **state)
{
    (void)state;
    expect_damage(overflow_short, "too few overflow pages");
}

static void test_reached_twice(void **state)
{
    (void)state;
    expect_damage(reached_twice, "page reached twice");
}

static void test_entries_lowered(void **state)
{
    (void)state;
    expect_damage(entries_lowered, "lowered entry count");
}

static void test_free_names_live(void **state)
{
    (void)state;
    expect_damage(free_names_live, "free list naming a live page");
}

static void test_free_count_raised(void **state)
{
    (void)state;
    expect_damage(free_count_raised, "free-list record count past its value");
}

static void not_a_database(uint8_t *buf, size_t *len, char *needle, size_t cap)
{
    (void)len;
    wr16(buf + L.rec_db - 7 - 8 + 4, 0); /* the records node's F_SUBDATA (found by fuzz_pages) */
    snprintf(needle, cap, "has flags 0x0, not a database record");
}

static void test_page_types(void **state)
{
    (void)state;
    expect_damage(branch_made_leaf, "branch page turned leaf");
    expect_damage(leaf_made_branch, "leaf page turned branch");
    expect_damage(dirty_flag, "dirty flag on disk");
    expect_damage(page_size, "page size");
    expect_damage(keys_swapped, "keys out of order");
    expect_damage(not_a_database, "a main database entry that is no database");
}

/* ---- stores that must pass ---- */

typedef struct totals {
    uint64_t branch, leaf, overflow, entries, free_pages, last_pg, txnid;
    unsigned databases;
} totals;

static void add_stat(totals *t, const MDB_stat *st)
{
    t->branch += st->ms_branch_pages;
    t->leaf += st->ms_leaf_pages;
    t->overflow += st->ms_overflow_pages;
    t->entries += st->ms_entries;
}

/* The free list's page count, as mdb_stat -f counts it. */
static uint64_t free_pages(MDB_txn *txn)
{
    MDB_cursor *cur;
    MDB_val k, v;
    uint64_t n = 0;
    assert_int_equal(mdb_cursor_open(txn, 0, &cur), 0);
    while (mdb_cursor_get(cur, &k, &v, MDB_NEXT) == 0)
        n += *(const size_t *)v.mv_data;
    mdb_cursor_close(cur);
    return n;
}

/* What LMDB itself reports: mdb_stat of the free list, the main database and each named one. */
static totals lmdb_totals(const char *dir)
{
    totals t = {0};
    MDB_env *env;
    MDB_txn *txn;
    MDB_cursor *cur;
    MDB_stat st;
    MDB_envinfo info;
    MDB_val k, v;
    assert_int_equal(mdb_env_create(&env), 0);
    assert_int_equal(mdb_env_set_maxdbs(env, 8), 0);
    assert_int_equal(mdb_env_open(env, dir, MDB_RDONLY | MDB_NOTLS, 0644), 0);
    assert_int_equal(mdb_txn_begin(env, NULL, MDB_RDONLY, &txn), 0);
    for (MDB_dbi core = 0; core < 2; core++) {
        assert_int_equal(mdb_stat(txn, core, &st), 0);
        add_stat(&t, &st);
    }
    assert_int_equal(mdb_cursor_open(txn, 1, &cur), 0);
    while (mdb_cursor_get(cur, &k, &v, MDB_NEXT) == 0) {
        char name[64] = "";
        MDB_dbi dbi;
        memcpy(name, k.mv_data, k.mv_size < 63 ? k.mv_size : 63);
        assert_int_equal(mdb_dbi_open(txn, name, 0, &dbi), 0);
        assert_int_equal(mdb_stat(txn, dbi, &st), 0);
        add_stat(&t, &st);
        t.databases++;
    }
    mdb_cursor_close(cur);
    t.free_pages = free_pages(txn);
    t.txnid = mdb_txn_id(txn);
    mdb_env_info(env, &info);
    t.last_pg = info.me_last_pgno;
    mdb_txn_abort(txn);
    mdb_env_close(env);
    return t;
}

/* Precheck and walk pass, and the walk counts what LMDB counts; every page is in use or free. */
static persist__lmdb_stats expect_sound(const char *dir)
{
    persist__lmdb_stats st;
    persist__err err = {0, ""};
    totals t = lmdb_totals(dir);
    int fd = open(path_in(dir, "data.mdb"), O_RDONLY);
    assert_true(fd >= 0);
    if (persist__lmdb_precheck(fd, 1, &err) != PERSIST_OK ||
        persist__lmdb_walk(fd, t.txnid, &st, &err) != PERSIST_OK)
        fail_msg("%s: %s", dir, err.msg);
    close(fd);
    assert_int_equal(st.txnid, t.txnid);
    assert_int_equal(st.last_pg, t.last_pg);
    assert_int_equal(st.branch_pages, t.branch);
    assert_int_equal(st.leaf_pages, t.leaf);
    assert_int_equal(st.overflow_pages, t.overflow);
    assert_int_equal(st.entries, t.entries);
    assert_int_equal(st.free_pages, t.free_pages);
    assert_int_equal(st.databases, t.databases);
    assert_int_equal(st.unaccounted, 0);
    assert_int_equal(st.branch_pages + st.leaf_pages + st.overflow_pages + st.free_pages,
                     st.last_pg + 1 - 2);
    return st;
}

static void expect_opens(const char *dir)
{
    persist_verify_report rep;
    persist_store *s = NULL;
    TS_OK(s, open_as(&s, dir, PERSIST_OPEN_READONLY));
    memset(&rep, 0, sizeof rep);
    rep.struct_size = sizeof rep;
    TS_OK(s, persist_store_verify(s, 0, &rep));
    assert_int_equal(rep.problems, 0);
    TS_OK(s, persist_store_close(s));
    TS_OK(s, open_as(&s, dir, 0));
    persist_free(ts_submit(s, "add 1"));
    TS_OK(s, persist_store_close(s));
}

static void test_sound_store(void **state)
{
    char *dir = store_with(pristine, pristine_len);
    persist__lmdb_stats st = expect_sound(dir);
    (void)state;
    assert_int_equal(st.databases, 6); /* records, snapshots, apps, meta and the client-id index */
    assert_true(st.overflow_pages >= 3 * (EVENTS / BIG_EVERY));
    assert_true(st.free_pages > 0);
    assert_int_equal(st.file_pages, pristine_len / L.psize);
    expect_opens(dir);
    expect_sound(dir);
    ts_rmrf(dir);
    free(dir);
}

/* What LMDB never reads of a meta page's header (its page number, flags but P_META) may differ. */
static void test_meta_header_tolerated(void **state)
{
    uint8_t *buf = malloc(pristine_len);
    char *dir;
    (void)state;
    assert_non_null(buf);
    memcpy(buf, pristine, pristine_len);
    for (unsigned i = 0; i < 2; i++) {
        wr64(buf + i * L.psize, 77);
        wr16(buf + i * L.psize + 10, 0x08 | 0x1000);
    }
    dir = store_with(buf, pristine_len);
    expect_sound(dir);
    expect_opens(dir);
    ts_rmrf(dir);
    free(dir);
    free(buf);
}

/* LMDB's copies: as they are, and compacted (transaction 1 on page 1, 0 on page 0). */
static void expect_copies_sound(const char *dir)
{
    static const unsigned flags[2] = {0, MDB_CP_COMPACT};
    MDB_env *env;
    for (int i = 0; i < 2; i++) {
        char *copy = ts_tmpdir();
        assert_int_equal(mdb_env_create(&env), 0);
        assert_int_equal(mdb_env_set_maxdbs(env, 8), 0);
        assert_int_equal(mdb_env_open(env, dir, MDB_RDONLY | MDB_NOTLS, 0644), 0);
        assert_int_equal(mdb_env_copy2(env, copy, flags[i]), 0);
        mdb_env_close(env);
        if (flags[i] == MDB_CP_COMPACT)
            assert_int_equal(expect_sound(copy).txnid, 1);
        else
            expect_sound(copy);
        expect_opens(copy);
        ts_rmrf(copy);
        free(copy);
    }
}

static void test_large_pruned_and_copied(void **state)
{
    persist_options o = options();
    persist_prune_report rep;
    char *dir = ts_tmpdir();
    persist_store *s = ts_open(dir, &o);
    (void)state;
    ts_deploy(s, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    fill(s, 1, 6000);
    expect_sound(dir);
    memset(&rep, 0, sizeof rep);
    rep.struct_size = sizeof rep;
    TS_OK(s, persist_store_prune(s, 4000, &rep));
    assert_int_equal(rep.compacted, 1);
    assert_int_equal(expect_sound(dir).txnid, 1); /* the compacted copy, reopened */
    fill(s, 6001, 500);
    TS_OK(s, persist_store_close(s));
    expect_sound(dir);
    expect_opens(dir);
    expect_copies_sound(dir);
    ts_rmrf(dir);
    free(dir);
}

/* LMDB through its own API (keys of its own in `meta`, which libpersist ignores). */
static MDB_env *lmdb_open(const char *dir)
{
    MDB_env *env;
    assert_int_equal(mdb_env_create(&env), 0);
    assert_int_equal(mdb_env_set_maxdbs(env, 8), 0);
    assert_int_equal(mdb_env_set_mapsize(env, 64u << 20), 0);
    assert_int_equal(mdb_env_open(env, dir, MDB_NOTLS, 0644), 0);
    return env;
}

static void lmdb_put_del(MDB_env *env, const char *db, size_t size, int del)
{
    MDB_txn *txn;
    MDB_dbi dbi;
    MDB_val k = {3, (void *)"big"}, v = {size, NULL};
    assert_int_equal(mdb_txn_begin(env, NULL, 0, &txn), 0);
    assert_int_equal(mdb_dbi_open(txn, db, 0, &dbi), 0);
    if (del)
        assert_int_equal(mdb_del(txn, dbi, &k, NULL), 0);
    else
        assert_int_equal(mdb_put(txn, dbi, &k, &v, MDB_RESERVE), 0);
    if (!del)
        memset(v.mv_data, 'x', size);
    assert_int_equal(mdb_txn_commit(txn), 0);
}

/* The file may end before last_pg when its final pages are free (they are written when they are
 * used again): such a file is sound, opens, and takes writes. */
static void test_short_file_with_free_tail(void **state)
{
    char *dir = store_with(pristine, pristine_len);
    MDB_env *env = lmdb_open(dir);
    MDB_envinfo info;
    persist__lmdb_stats st;
    (void)state;
    lmdb_put_del(env, "meta", 100 * L.psize, 0); /* 101 pages at the end of the file */
    mdb_env_info(env, &info);
    lmdb_put_del(env, "meta", 0, 1); /* freed again */
    mdb_env_close(env);
    assert_int_equal(truncate(path_in(dir, "data.mdb"), (off_t)(info.me_last_pgno - 100) * L.psize),
                     0);
    st = expect_sound(dir);
    assert_true(st.file_pages < st.last_pg + 1 - 100);
    expect_opens(dir);
    expect_sound(dir);
    ts_rmrf(dir);
    free(dir);
}

/* A free-list record too long for its leaf lives on overflow pages (read in chunks): sound, and
 * an entry far into it naming a page in use is found. */
static void test_free_list_on_overflow_pages(void **state)
{
    char *dir = store_with(pristine, pristine_len), *buf, needle[64];
    MDB_env *env = lmdb_open(dir);
    persist__err err = {0, ""};
    const uint8_t *meta, *leaf;
    size_t len, off = 0;
    int fd;
    (void)state;
    lmdb_put_del(env, "meta", 9000 * (size_t)L.psize, 0);
    lmdb_put_del(env, "meta", 0, 1);
    mdb_env_close(env);
    assert_true(expect_sound(dir).free_pages > 9000);
    buf = ts_data_file(dir, &len);
    meta = (uint8_t *)buf +
           (rd64((uint8_t *)buf + L.psize + 144) > rd64((uint8_t *)buf + 144)) * L.psize;
    leaf = page_of((uint8_t *)buf, rd64(meta + 16 + 24 + 40));
    assert_int_equal(rd16(leaf + 10), 0x02);
    for (unsigned i = 0; i < nkeys(leaf) && off == 0; i++) {
        const uint8_t *n = leaf + rd16(leaf + 16 + 2 * i);
        if ((rd16(n + 4) & 0x01) && (rd16(n) | (uint32_t)rd16(n + 2) << 16) > 8 * 8500)
            off = rd64(n + 8 + 8) * L.psize + 16; /* the record's value on its overflow pages */
    }
    assert_true(off != 0 && rd64((uint8_t *)buf + off) > 8500);
    wr64((uint8_t *)buf + off + 8 * 8500, L.rec_root); /* in the second 64 KiB chunk */
    write_file(dir, (uint8_t *)buf, len);
    fd = open(path_in(dir, "data.mdb"), O_RDONLY);
    assert_int_equal(persist__lmdb_walk(fd, lmdb_totals(dir).txnid, NULL, &err), PERSIST_ECORRUPT);
    snprintf(needle, sizeof needle, "page %llu: listed as free", (unsigned long long)L.rec_root);
    if (strstr(err.msg, needle) == NULL)
        fail_msg("\"%s\" does not say \"%s\"", err.msg, needle);
    close(fd);
    free(buf);
    ts_rmrf(dir);
    free(dir);
}

/* The walk follows the meta page of the given transaction: the previous one (still intact at
 * rest) walks too; one that no meta page holds asks for a retry. */
static void test_walk_by_transaction(void **state)
{
    persist__err err = {0, ""};
    persist__lmdb_stats st;
    char *dir = store_with(pristine, pristine_len);
    int fd = open(path_in(dir, "data.mdb"), O_RDONLY);
    (void)state;
    assert_int_equal(persist__lmdb_walk(fd, L.txnid, &st, &err), PERSIST_OK);
    assert_int_equal(persist__lmdb_walk(fd, L.txnid - 1, &st, &err), PERSIST_OK);
    assert_int_equal(st.txnid, L.txnid - 1);
    assert_int_equal(persist__lmdb_walk(fd, L.txnid + 2, &st, &err), PERSIST__ERETRY);
    close(fd);
    ts_rmrf(dir);
    free(dir);
}

/* The key size limit lmdb_check.c assumes is the library's. */
static void test_max_key_size(void **state)
{
    MDB_env *env;
    (void)state;
    assert_int_equal(mdb_env_create(&env), 0);
    assert_int_equal(mdb_env_get_maxkeysize(env), 511);
    mdb_env_close(env);
}

/* An empty data.mdb is a new store for a writer, none for a reader; a directory or a symbolic
 * link in its place is refused. */
static void test_empty_and_odd_files(void **state)
{
    persist__err err = {0, ""};
    persist_store *s = NULL;
    char *dir = ts_tmpdir(), *other = store_with(pristine, pristine_len), target[4200];
    int fd;
    (void)state;
    fd = open(path_in(dir, "data.mdb"), O_RDWR | O_CREAT, 0644);
    assert_true(fd >= 0);
    assert_int_equal(persist__lmdb_precheck(fd, 0, &err), PERSIST_ENOTFOUND);
    assert_int_equal(persist__lmdb_precheck(fd, 1, &err), PERSIST_OK);
    close(fd);
    TS_OK(s, open_as(&s, dir, 0));
    TS_OK(s, persist_store_close(s));
    fd = open(dir, O_RDONLY);
    assert_int_equal(persist__lmdb_precheck(fd, 1, &err), PERSIST_EINVAL);
    close(fd);
    assert_int_equal(unlink(path_in(dir, "data.mdb")), 0);
    snprintf(target, sizeof target, "%s", path_in(other, "data.mdb"));
    assert_int_equal(symlink(target, path_in(dir, "data.mdb")), 0);
    assert_int_equal(open_as(&s, dir, PERSIST_OPEN_READONLY), PERSIST_EINVAL);
    assert_non_null(strstr(ts_errmsg(s), "symbolic link"));
    persist_store_close(s);
    ts_rmrf(dir);
    ts_rmrf(other);
    free(dir);
    free(other);
}

/* Child: 40000 commits of one event each (a second or two). */
static int child_writer(const char *dir, const void *arg)
{
    persist_store *s = NULL;
    (void)arg;
    if (open_as(&s, dir, 0) != PERSIST_OK)
        return 1;
    for (int i = 0; i < 40000; i++)
        if (persist_store_submit(s, "add 3", 5, NULL, NULL) != PERSIST_OK)
            return 2;
    return persist_store_close(s) == PERSIST_OK ? 0 : 3;
}

/* Read-only opens (precheck and walk) while another process commits as fast as it can: never a
 * false alarm from a meta page being rewritten or pages being reused. */
static void test_opens_during_writes(void **state)
{
    char *dir = store_with(pristine, pristine_len);
    int status, opens = 0;
    pid_t pid;
    (void)state;
    fflush(stderr);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        _exit(child_writer(dir, NULL));
    while (waitpid(pid, &status, WNOHANG) == 0) {
        persist_store *s = NULL;
        int rc = open_as(&s, dir, PERSIST_OPEN_READONLY);
        if (rc != PERSIST_OK && rc != PERSIST_ENOTFOUND)
            fail_msg("read-only open during writes: %d %s", rc, ts_errmsg(s));
        persist_store_close(s);
        opens++;
    }
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    fprintf(stderr, "lmdb-check: %d read-only opens while another process committed\n", opens);
    assert_true(opens > 10);
    expect_sound(dir);
    ts_rmrf(dir);
    free(dir);
}

/* The hook lib/store_lock.c calls: in the child of the next test, an open stops right after it
 * took the writer lock (before LMDB opened the store) until the parent has looked. */
static int hold_pipe[2] = {-1, -1}, go_pipe[2] = {-1, -1};
/* And in test_open_while_the_file_grows, a read-only open's precheck stops after it read the
 * file's size, before the meta pages, until another process has committed (grow_armed: once; the
 * words go through to_grower and from_grower). */
static int grow_armed, grower_lost, to_grower[2] = {-1, -1}, from_grower[2] = {-1, -1};
int persist__test_point(const char *point);
int persist__test_point(const char *point)
{
    char c = 0;
    if (strcmp(point, "writer-locked") == 0 && hold_pipe[1] >= 0) {
        if (write(hold_pipe[1], "l", 1) != 1 || read(go_pipe[0], &c, 1) != 1)
            _exit(4);
    }
    if (strcmp(point, "prechecking") == 0 && grow_armed) {
        grow_armed = 0; /* a child that failed has closed its end: the test reports its status */
        grower_lost = write(to_grower[1], "c", 1) != 1 || read(from_grower[0], &c, 1) != 1;
    }
    return PERSIST_OK;
}

/* A read-only open at the moment a writer holds the writer lock but has not opened the store yet
 * (regression: it found no lock.mdb and reported it deleted under a running writer). */
static void test_open_while_a_writer_starts(void **state)
{
    char *dir = store_with(pristine, pristine_len), path[4096], c;
    persist_store *s = NULL;
    int status, rc;
    pid_t pid;
    (void)state;
    snprintf(path, sizeof path, "%s/lock.mdb", dir);
    unlink(path); /* a store whose last process has gone and left no reader table */
    assert_int_equal(pipe(hold_pipe), 0);
    assert_int_equal(pipe(go_pipe), 0);
    fflush(stderr);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(hold_pipe[0]);
        close(go_pipe[1]); /* a parent that failed: the child's read ends */
        int code = open_as(&s, dir, 0) == PERSIST_OK &&
                           persist_store_submit(s, "add 3", 5, NULL, NULL) == PERSIST_OK
                       ? 0
                       : 1;
        _exit(code != 0 ? code : persist_store_close(s) == PERSIST_OK ? 0 : 3);
    }
    close(hold_pipe[1]);
    hold_pipe[1] = -1; /* the parent's own opens do not stop */
    assert_int_equal(read(hold_pipe[0], &c, 1), 1);
    rc = open_as(&s, dir, PERSIST_OPEN_READONLY);
    if (rc != PERSIST_OK)
        fprintf(stderr, "read-only open while a writer starts: %d %s\n", rc, ts_errmsg(s));
    persist_store_close(s);
    assert_int_equal(write(go_pipe[1], "g", 1), 1);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_int_equal(rc, PERSIST_OK);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    for (int i = 0; i < 2; i++) {
        close(i ? go_pipe[0] : hold_pipe[0]);
        close(i ? go_pipe[1] : hold_pipe[1]);
    }
    hold_pipe[0] = go_pipe[0] = go_pipe[1] = -1;
    expect_sound(dir);
    ts_rmrf(dir);
    free(dir);
}

/* Child of the next test: a compacted store (pruned while no other process had it open, so the
 * file has no free pages); on each word from the parent, one commit of a big event, then a word
 * back. The commit's pages go past the end of the file, and so do the roots LMDB writes last. */
#define FORTY_X  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
#define GROW_LEN 200000 /* an event on 49 overflow pages: more than any free list holds here */
static int child_grower(const char *dir)
{
    char *big;
    persist_prune_report rep;
    persist_store *s = NULL;
    uint64_t head = 0;
    const char *code;
    size_t len;
    char c;
    if (open_as(&s, dir, 0) != PERSIST_OK)
        return 1;
    code = ts_fixture("testapp_v1.js", &len);
    if (persist_store_deploy(s, code, len, PERSIST_DEPLOY_INIT, NULL) != PERSIST_OK)
        return 5;
    for (int i = 0; i < 20; i++)
        if (persist_store_submit(s, "add 3", 5, NULL, NULL) != PERSIST_OK)
            return 6;
    memset(&rep, 0, sizeof rep);
    rep.struct_size = sizeof rep;
    if (persist_store_snapshot(s) != PERSIST_OK || persist_store_head(s, &head) != PERSIST_OK ||
        persist_store_prune(s, head, &rep) != PERSIST_OK || !rep.compacted)
        return 2;
    if ((big = malloc(GROW_LEN)) == NULL)
        return 7;
    memcpy(big, "append ", 7);
    memset(big + 7, 'x', GROW_LEN - 7);
    while (write(from_grower[1], "r", 1) == 1 && read(to_grower[0], &c, 1) == 1)
        if (persist_store_submit(s, big, GROW_LEN, NULL, NULL) != PERSIST_OK)
            return 3;
    free(big);
    return persist_store_close(s) == PERSIST_OK ? 0 : 4;
}

/* A read-only open whose precheck reads the file while another process's commit grows it
 * (regression: the precheck read the file's size before the meta pages, and a commit in between
 * gave it a meta page whose pages lay past that size: "the file is truncated", PERSIST_ECORRUPT,
 * seen in a stress run of prunes and opening readers). */
static void test_open_while_the_file_grows(void **state)
{
    char *dir = ts_tmpdir(), *st, c;
    persist_store *s = NULL;
    int rc, status;
    pid_t pid;
    (void)state;
    assert_int_equal(pipe(to_grower), 0);
    assert_int_equal(pipe(from_grower), 0);
    signal(SIGPIPE, SIG_IGN); /* a child gone: the hook's write fails instead */
    fflush(stderr);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(from_grower[0]);
        close(to_grower[1]);
        _exit(child_grower(dir));
    }
    close(from_grower[1]);
    close(to_grower[0]);
    assert_int_equal(read(from_grower[0], &c, 1), 1); /* compacted */
    grow_armed = 1;
    rc = open_as(&s, dir, PERSIST_OPEN_READONLY);
    if (grower_lost) {
        close(to_grower[1]);
        assert_int_equal(waitpid(pid, &status, 0), pid);
        fail_msg("the child did not commit during the open (exit status %d)",
                 WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    }
    if (rc != PERSIST_OK)
        fail_msg("read-only open while the file grew: %d %s", rc, ts_errmsg(s));
    assert_int_equal(grow_armed, 0); /* the commit happened inside the open */
    TS_OK(s, persist_store_refresh(s));
    assert_int_equal(ts_head(s), 22); /* the deploy, 20 events and the one committed meanwhile */
    st = ts_state(s);
    assert_string_equal(st, "{\"v\":1,\"n\":60,\"hist\":\"" FORTY_X "\"}");
    persist_free(st);
    persist_store_close(s);
    close(to_grower[1]); /* the child's read ends: it closes its store */
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    close(from_grower[0]);
    expect_sound(dir);
    ts_rmrf(dir);
    free(dir);
}

static void to_fd(int level, const char *message, size_t len, void *userdata)
{
    int fd = *(const int *)userdata;
    (void)level;
    if (write(fd, message, len) != (ssize_t)len || write(fd, "\n", 1) != 1)
        _exit(5);
}

/* Child: damage that appears after the walk (the records database's root set to page 1) reaches
 * an LMDB assertion when records are read; it must be in the store's log before LMDB aborts. */
static int child_assertion(const char *dir, const void *arg)
{
    persist_options o = options();
    persist_record *recs = NULL;
    persist_store *s = NULL;
    uint64_t one = 1;
    size_t n = 0;
    int fd;
    o.flags = PERSIST_OPEN_READONLY;
    o.log_fn = to_fd;
    o.log_userdata = (void *)arg;
    if (persist_store_open(&s, dir, &o) != PERSIST_OK)
        return 1;
    fd = open(path_in(dir, "data.mdb"), O_WRONLY);
    if (fd < 0 || pwrite(fd, &one, 8, (off_t)L.rec_db + 40) != 8)
        return 2;
    close(fd);
    persist_store_records(s, 1, 10, 0, &recs, &n);
    return 3; /* not reached: LMDB asserts that a root is a data page */
}

static void test_assertion_logged(void **state)
{
    char *dir = store_with(pristine, pristine_len), logbuf[4096] = "";
    int fd = open(path_in(dir, "log.txt"), O_RDWR | O_CREAT | O_TRUNC, 0644), status;
    pid_t pid;
    (void)state;
    assert_true(fd >= 0);
    fflush(stderr);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        signal(SIGABRT, SIG_DFL);
        dup2(fd, 2); /* LMDB's own line goes to stderr */
        _exit(child_assertion(dir, &fd));
    }
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
    assert_true(pread(fd, logbuf, sizeof logbuf - 1, 0) > 0);
    close(fd);
    if (strstr(logbuf, "LMDB assertion failed, the process aborts: ") == NULL ||
        strstr(logbuf, "root > 1") == NULL)
        fail_msg("the log does not hold the assertion: \"%s\"", logbuf);
    ts_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_zeroed_leaf),
        cmocka_unit_test(test_zeroed_metas),
        cmocka_unit_test(test_txnid_parity),
        cmocka_unit_test(test_txnid_lowered),
        cmocka_unit_test(test_child_past_end),
        cmocka_unit_test(test_node_outside),
        cmocka_unit_test(test_huge_key),
        cmocka_unit_test(test_overflow_short),
        cmocka_unit_test(test_reached_twice),
        cmocka_unit_test(test_entries_lowered),
        cmocka_unit_test(test_free_names_live),
        cmocka_unit_test(test_free_count_raised),
        cmocka_unit_test(test_page_types),
        cmocka_unit_test(test_last_page),
        cmocka_unit_test(test_sound_store),
        cmocka_unit_test(test_meta_header_tolerated),
        cmocka_unit_test(test_large_pruned_and_copied),
        cmocka_unit_test(test_short_file_with_free_tail),
        cmocka_unit_test(test_free_list_on_overflow_pages),
        cmocka_unit_test(test_walk_by_transaction),
        cmocka_unit_test(test_max_key_size),
        cmocka_unit_test(test_empty_and_odd_files),
        cmocka_unit_test(test_opens_during_writes),
        cmocka_unit_test(test_open_while_a_writer_starts),
        cmocka_unit_test(test_open_while_the_file_grows),
        cmocka_unit_test(test_assertion_logged),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
