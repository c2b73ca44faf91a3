/* lmdb_check.c - validates LMDB 0.9's on-disk format of data.mdb (meta pages, B-trees, free list)
 * with pread, so that LMDB only ever follows pages that were checked. Every offset and rule is
 * LMDB 0.9.24's (its mdb.c); docs/reliability.md section 3 lists what this catches and what not. */
#include "lmdb_check.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "errors.h"

/* The layout of 64-bit LMDB (pgno_t, txnid_t and size_t are 8 bytes), in native byte order. */
_Static_assert(sizeof(size_t) == 8, "lmdb_check.c knows the layout of 64-bit LMDB only");

/* MDB_page: mp_pgno 8, mp_pad 2, mp_flags 2, then mp_lower 2 and mp_upper 2 (overflow pages:
 * mp_pages 4), then mp_ptrs[], the 2-byte offsets of the nodes. */
#define PAGEHDRSZ  16u
#define PG_FLAGS   10
#define PG_LOWER   12
#define PG_UPPER   14
#define PG_PAGES   12
#define P_BRANCH   0x01u
#define P_LEAF     0x02u
#define P_OVERFLOW 0x04u
#define P_META     0x08u
/* MDB_node: mn_lo 2, mn_hi 2 (leaves: the data size; branches: bits 0-31 of the child page),
 * mn_flags 2 (branches: bits 32-47 of the child page), mn_ksize 2, then the key and the data. */
#define NODESIZE  8u
#define F_BIGDATA 0x01u /* the data is on overflow pages; the node holds the first one's number */
#define F_SUBDATA 0x02u /* the data is the MDB_db of a named database */
#define F_DUPDATA 0x04u /* duplicate data (MDB_DUPSORT): libpersist has none */
/* MDB_meta after the page header: mm_magic 4, mm_version 4, mm_address 8, mm_mapsize 8,
 * mm_dbs[FREE_DBI, MAIN_DBI], mm_last_pg 8, mm_txnid 8. */
#define MM_MAGIC         16
#define MM_VERSION       20
#define MM_DBS           40
#define MM_LAST_PG       136
#define MM_TXNID         144
#define META_END         152
#define MDB_MAGIC        0xBEEFC0DEu
#define MDB_DATA_VERSION 1u
/* MDB_db: md_pad 4 (FREE_DBI's holds the page size), md_flags 2, md_depth 2, md_branch_pages,
 * md_leaf_pages, md_overflow_pages, md_entries and md_root, 8 bytes each. */
#define DB_SIZE        48u
#define MDB_INTEGERKEY 0x08u   /* FREE_DBI's keys are transaction ids compared as integers */
#define ENV_FLAGS      0x4001u /* MDB_NOSUBDIR | MDB_FIXEDMAP, kept in FREE_DBI's md_flags */
#define P_INVALID      UINT64_MAX
#define NUM_METAS      2u
#define MAX_KEY        511u /* MDB_MAXKEYSIZE (tests/unit/test_lmdb_check.c asks LMDB) */
#define MIN_PSIZE      512u
#define MAX_PSIZE      32768u              /* MAX_PAGESIZE: mp_upper must hold it */
#define MAX_DEPTH      32u                 /* CURSOR_STACK: LMDB descends no deeper */
#define MAX_MAP        (UINT64_C(1) << 47) /* the user address space of x86-64 */
#define EVEN(n)        (((n) + 1u) & ~(size_t)1)

/* owner[] of a page: OWNER_FREE when the free list holds it, OWNER_FIRST + n when the n-th tree
 * walked uses it (at most 255) */
#define OWNER_FREE  1u
#define OWNER_FIRST 2u
#define MAX_NAMES   64u
#define CHUNK_WORDS 8192u /* free-list values on overflow pages are read 64 KiB at a time */
#define GROUP       64u   /* sibling leaves read together: one pread per run of consecutive pages */
#define META_TRIES  64    /* reads of the meta pages until two agree (a writer may be writing) */

#define HINT   "restore the store from a backup (`persist verify` checks a copy before you use it)"
#define ULL(x) ((unsigned long long)(x))

typedef struct dbrec { /* an MDB_db */
    uint16_t flags, depth;
    uint64_t branch, leaf, overflow, entries, root;
} dbrec;

typedef struct meta {
    uint64_t last_pg, txnid;
    uint32_t magic, version, psize;
    uint16_t flags;
    dbrec dbs[2]; /* FREE_DBI (the free list), MAIN_DBI (the main database) */
} meta;

typedef struct metapair {
    uint8_t raw[NUM_METAS][META_END];
    meta m[NUM_METAS];
} metapair;

enum { TREE_FREE, TREE_MAIN, TREE_NAMED };

typedef struct tree {
    int kind;
    uint8_t owner;
    const char *name;                         /* for messages */
    dbrec db;                                 /* its header, as stored */
    uint64_t branch, leaf, overflow, entries; /* what the walk found */
    uint8_t *bufs;                            /* one page per level */
} tree;

typedef struct keyv {
    const uint8_t *p; /* NULL: no bound */
    size_t n;
} keyv;

typedef struct range { /* where a page hangs: its keys are >= lo and < hi */
    keyv lo, hi;
    uint64_t parent; /* the branch page pointing to it; 0 for a root */
    uint64_t pgno;   /* the page */
} range;

typedef struct batch { /* sibling leaves, in key order; order[]: by page number */
    range r[GROUP];
    unsigned order[GROUP], slot[GROUP], n;
} batch;

typedef struct page {
    uint64_t pgno;
    uint8_t *p;
    unsigned level, nkeys, upper;
    int leaf;
    const range *r;
} page;

typedef struct node {
    unsigned i;
    size_t off;
    uint16_t flags, ksize;
    uint32_t dsize; /* leaves: the data size */
    uint64_t child; /* branches: the child page */
    uint64_t opg;   /* F_BIGDATA: the first overflow page, once checked */
    const uint8_t *key, *data;
} node;

typedef struct walker {
    int fd;
    uint32_t psize;
    uint64_t last_pg, file_pages, txnid, live;
    uint8_t *owner; /* per page in the file: 0 not seen, OWNER_FREE, or the owner of its tree */
    uint8_t *tail;  /* a bit per page past the end of the file, up to last_pg: listed as free */
    uint64_t tail_pages, tail_free;
    uint8_t *chunk;
    uint8_t *group; /* GROUP pages */
    batch b;
    unsigned trees;
    char names[MAX_NAMES][48];
    persist__lmdb_stats st;
    persist__err *err;
} walker;

/* ---- reading ---- */

static uint16_t get16(const uint8_t *p)
{
    uint16_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

static uint32_t get32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

static uint64_t get64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

/* Up to n bytes at off: the count (short at the end of the file), or -1 with errno. */
static ssize_t read_at(int fd, void *buf, size_t n, uint64_t off)
{
    size_t done = 0;
    while (done < n) {
        ssize_t r = pread(fd, (uint8_t *)buf + done, n - done, (off_t)(off + done));
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        if (r == 0)
            break;
        done += (size_t)r;
    }
    return (ssize_t)done;
}

static int damaged(persist__err *err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* PERSIST_ECORRUPT: "data.mdb: <what is wrong>; <what to do>". */
static int damaged(persist__err *err, const char *fmt, ...)
{
    char what[PERSIST_ERRMSG_CAP - 128];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return persist__err_set(err, PERSIST_ECORRUPT, "data.mdb: %s; %s", what, HINT);
}

/* ---- meta pages ---- */

static void parse_db(const uint8_t *p, dbrec *db)
{
    db->flags = get16(p + 4);
    db->depth = get16(p + 6);
    db->branch = get64(p + 8);
    db->leaf = get64(p + 16);
    db->overflow = get64(p + 24);
    db->entries = get64(p + 32);
    db->root = get64(p + 40);
}

static void parse_meta(const uint8_t *p, meta *m)
{
    m->flags = get16(p + PG_FLAGS);
    m->magic = get32(p + MM_MAGIC);
    m->version = get32(p + MM_VERSION);
    m->psize = get32(p + MM_DBS);
    parse_db(p + MM_DBS, &m->dbs[0]);
    parse_db(p + MM_DBS + DB_SIZE, &m->dbs[1]);
    m->last_pg = get64(p + MM_LAST_PG);
    m->txnid = get64(p + MM_TXNID);
}

/* What LMDB requires of both meta pages (mdb_env_read_header), and the page size it trusts.
 * (Data pages must carry their own number: a writer frees the number a page's header names when
 * it copies the page, mdb_page_touch. Meta pages are written in place: LMDB reads only P_META.) */
static int check_meta(const meta *m, unsigned i, persist__err *err)
{
    if (m->magic != MDB_MAGIC)
        return damaged(err,
                       "meta page %u has no LMDB magic number (0x%08x): not an LMDB file, or its "
                       "first pages are damaged",
                       i, m->magic);
    if (m->version != MDB_DATA_VERSION)
        return persist__err_set(err, PERSIST_EVERSION,
                                "data.mdb: meta page %u is of LMDB data format %u, this library "
                                "reads format %u (another LMDB version wrote it, or it is damaged)",
                                i, m->version, MDB_DATA_VERSION);
    if ((m->flags & P_META) == 0) /* LMDB reads no other bit of it, nor the page number */
        return damaged(err, "meta page %u: its header has flags 0x%x, no meta page flag", i,
                       m->flags);
    if (m->psize < MIN_PSIZE || m->psize > MAX_PSIZE || (m->psize & (m->psize - 1)) != 0)
        return damaged(err, "meta page %u: page size %u (LMDB uses a power of two from %u to %u)",
                       i, m->psize, MIN_PSIZE, MAX_PSIZE);
    return PERSIST_OK;
}

/* Meta page i, found with meta page 0's page size. */
static int read_meta(int fd, metapair *mp, unsigned i, persist__err *err)
{
    ssize_t n = read_at(fd, mp->raw[i], META_END, (uint64_t)i * mp->m[0].psize);
    if (n < 0)
        return persist__err_errno(err, errno, "reading data.mdb");
    if (n < (ssize_t)META_END)
        return damaged(err, "meta page %u is cut off: the file is truncated", i);
    parse_meta(mp->raw[i], &mp->m[i]);
    return check_meta(&mp->m[i], i, err);
}

static int read_metas(int fd, metapair *mp, persist__err *err)
{
    int rc;
    memset(mp, 0, sizeof *mp);
    rc = read_meta(fd, mp, 0, err);
    if (rc == PERSIST_OK)
        rc = read_meta(fd, mp, 1, err);
    if (rc == PERSIST_OK && mp->m[1].psize != mp->m[0].psize)
        rc = damaged(err, "the meta pages disagree on the page size (%u and %u)", mp->m[0].psize,
                     mp->m[1].psize);
    return rc;
}

/* The meta pages read until two reads agree: a writer of another process updates them in place.
 * PERSIST__ERETRY when they never settled (a busy writer, which checked the file when it opened).
 */
static int read_metas_stable(int fd, metapair *mp, persist__err *err)
{
    metapair *again = persist__malloc(sizeof *again);
    persist__err ignored;
    int rc = PERSIST__ERETRY;
    if (again == NULL)
        return persist__err_set(err, PERSIST_ENOMEM, "out of memory");
    for (int i = 0; i < META_TRIES && rc == PERSIST__ERETRY; i++) {
        int first = read_metas(fd, mp, err);
        if (first == read_metas(fd, again, &ignored) &&
            memcmp(mp->raw, again->raw, sizeof mp->raw) == 0)
            rc = first;
    }
    persist__free(again);
    return rc;
}

/* LMDB writes transaction T's meta page to page T & 1 (mdb_env_write_meta), and so do its copies
 * (mdb_env_copy2: as they are, or with MDB_CP_COMPACT transaction 0 on page 0 and 1 on page 1);
 * readers take page T & 1 of the newest T. So page i holds ids of parity i, and the two pages hold
 * consecutive ids (0 and 0 in a new file). A damaged id would silently open another transaction. */
static int check_txnids(const meta m[NUM_METAS], persist__err *err)
{
    unsigned newest = m[1].txnid > m[0].txnid; /* mdb_env_pick_meta */
    for (unsigned i = 0; i < NUM_METAS; i++)
        if (m[i].txnid != 0 && (m[i].txnid & 1) != i)
            return damaged(err,
                           "meta page %u: transaction id %llu is %s, but LMDB writes only %s ids "
                           "to that page (LMDB would open the wrong transaction)",
                           i, ULL(m[i].txnid), i ? "even" : "odd", i ? "odd" : "even");
    if (m[newest].txnid != m[!newest].txnid + 1 && (m[0].txnid | m[1].txnid) != 0)
        return damaged(err,
                       "the meta pages hold transactions %llu and %llu, which LMDB never leaves "
                       "apart: one id is damaged (LMDB would open transaction %llu)",
                       ULL(m[0].txnid), ULL(m[1].txnid), ULL(m[newest].txnid));
    return PERSIST_OK;
}

/* An MDB_db as LMDB keeps it: an empty tree has no root and counts nothing; otherwise the root is
 * a data page, the depth one LMDB can descend, and the counts possible. */
static int check_dbrec(const dbrec *db, uint64_t last_pg, const char *what, persist__err *err)
{
    if (db->root == P_INVALID) {
        if (db->depth != 0 || db->branch != 0 || db->leaf != 0 || db->overflow != 0 ||
            db->entries != 0)
            return damaged(err, "%s: empty (no root page), but its header counts entries or pages",
                           what);
        return PERSIST_OK;
    }
    if (db->root < NUM_METAS || db->root > last_pg)
        return damaged(err, "%s: root page %llu is not a data page (2 to %llu)", what,
                       ULL(db->root), ULL(last_pg));
    if (db->depth < 1 || db->depth > MAX_DEPTH)
        return damaged(err, "%s: depth %u (LMDB descends 1 to %u levels)", what, db->depth,
                       MAX_DEPTH);
    if (db->leaf < 1 || db->entries < 1 || db->branch > last_pg || db->leaf > last_pg ||
        db->overflow > last_pg || (db->depth == 1) != (db->branch == 0))
        return damaged(err,
                       "%s: impossible header (depth %u, %llu branch, %llu leaf and %llu overflow "
                       "pages, %llu entries)",
                       what, db->depth, ULL(db->branch), ULL(db->leaf), ULL(db->overflow),
                       ULL(db->entries));
    return PERSIST_OK;
}

/* Pages past the end of the file are unused, so the free list holds them (mdb.c: every page is in
 * use or free), and it can hold no more than psize / 8 per page of its own in the file. */
static int check_tail(const meta *m, unsigned i, uint64_t fsize, persist__err *err)
{
    uint64_t pages = fsize / m->psize, tail = m->last_pg + 1 > pages ? m->last_pg + 1 - pages : 0;
    uint64_t own = m->dbs[0].leaf + m->dbs[0].overflow;
    if (tail <= (own < pages ? own : pages) * (m->psize / 8))
        return PERSIST_OK;
    return damaged(err,
                   "meta page %u: its last page %llu lies %llu pages past the end of the file, "
                   "more than its free list can hold: the file is truncated (an interrupted copy?) "
                   "or the meta page damaged",
                   i, ULL(m->last_pg), ULL(tail));
}

/* The meta page of the transaction LMDB will read: sane bounds, plain databases, and root pages
 * inside the file (the file may end before last_pg when the final pages are free; mdb.c). */
static int check_snapshot(const meta *m, unsigned i, uint64_t fsize, persist__err *err)
{
    static const char *const what[2] = {"the free list", "the main database"};
    char where[64];
    int rc = PERSIST_OK;
    if (m->last_pg < NUM_METAS - 1 || m->last_pg >= MAX_MAP / m->psize)
        return damaged(err, "meta page %u: last page number %llu is impossible", i,
                       ULL(m->last_pg));
    if ((m->dbs[0].flags & ~ENV_FLAGS) != MDB_INTEGERKEY || m->dbs[1].flags != 0)
        return damaged(err,
                       "meta page %u: database flags 0x%x and 0x%x (LMDB's free list has 0x%x, a "
                       "libpersist main database none)",
                       i, m->dbs[0].flags, m->dbs[1].flags, MDB_INTEGERKEY);
    for (unsigned k = 0; k < 2 && rc == PERSIST_OK; k++) {
        snprintf(where, sizeof where, "meta page %u: %s", i, what[k]);
        rc = check_dbrec(&m->dbs[k], m->last_pg, where, err);
        if (rc == PERSIST_OK && m->dbs[k].root != P_INVALID &&
            (m->dbs[k].root + 1) * m->psize > fsize)
            rc = damaged(err,
                         "the file holds %llu pages, but %s starts at page %llu: the file is "
                         "truncated (an interrupted copy?)",
                         ULL(fsize / m->psize), what[k], ULL(m->dbs[k].root));
    }
    return rc == PERSIST_OK ? check_tail(m, i, fsize, err) : rc;
}

int persist__lmdb_precheck(int fd, int is_writer, persist__err *err)
{
    metapair *mp;
    struct stat st;
    unsigned newest;
    int rc;
    if (fstat(fd, &st) != 0)
        return persist__err_errno(err, errno, "data.mdb");
    if (!S_ISREG(st.st_mode))
        return persist__err_set(err, PERSIST_EINVAL, "data.mdb is not a regular file");
    if (st.st_size == 0)
        return is_writer ? PERSIST_OK
                         : persist__err_set(err, PERSIST_ENOTFOUND,
                                            "data.mdb is empty: not a persist store yet");
    if ((mp = persist__malloc(sizeof *mp)) == NULL)
        return persist__err_set(err, PERSIST_ENOMEM, "out of memory");
    persist__test_hook("prechecking"); /* tests/unit/test_lmdb_check.c */
    rc = read_metas_stable(fd, mp, err);
    /* The size again, after the meta pages: a writer grows the file before it writes a meta page
     * that needs the new pages, so the size read above can be older than the meta pages. */
    if (rc == PERSIST_OK && fstat(fd, &st) != 0)
        rc = persist__err_errno(err, errno, "data.mdb");
    if (rc == PERSIST_OK && (uint64_t)st.st_size < 2 * (uint64_t)mp->m[0].psize)
        rc = damaged(err, "the file has %lld bytes, less than its two meta pages: it is truncated",
                     (long long)st.st_size);
    if (rc == PERSIST_OK)
        rc = check_txnids(mp->m, err);
    newest = mp->m[1].txnid > mp->m[0].txnid;
    if (rc == PERSIST_OK)
        rc = check_snapshot(&mp->m[newest], newest, (uint64_t)st.st_size, err);
    persist__free(mp);
    return rc == PERSIST__ERETRY ? PERSIST_OK : rc;
}

/* ---- pages ---- */

static const char *owner_name(const walker *w, uint8_t owner)
{
    if (owner == OWNER_FREE)
        return "the free list's entries";
    if (owner >= OWNER_FIRST && owner - OWNER_FIRST < MAX_NAMES)
        return w->names[owner - OWNER_FIRST];
    return "another database";
}

/* Page pgno now belongs to tree t: a page within the file, neither reached before nor free. */
static int claim(walker *w, const tree *t, uint64_t pgno, uint64_t from)
{
    uint8_t o;
    if (pgno < NUM_METAS || pgno > w->last_pg)
        return damaged(w->err, "page %llu (%s): points to page %llu, not a data page", ULL(from),
                       t->name, ULL(pgno));
    if (pgno >= w->file_pages)
        return damaged(w->err,
                       "page %llu (%s): past the end of the file, which holds %llu pages: the file "
                       "is truncated (an interrupted copy?)",
                       ULL(pgno), t->name, ULL(w->file_pages));
    o = w->owner[pgno];
    if (o == OWNER_FREE)
        return damaged(w->err,
                       "page %llu (%s): in use, but listed as free too: the next write would "
                       "overwrite it",
                       ULL(pgno), t->name);
    if (o != 0)
        return damaged(w->err,
                       "page %llu (%s, from page %llu): reached a second time (first from %s): a "
                       "cycle or a page shared by two places",
                       ULL(pgno), t->name, ULL(from), owner_name(w, o));
    w->owner[pgno] = t->owner;
    w->live++;
    return PERSIST_OK;
}

static int read_page(walker *w, const tree *t, const page *pg)
{
    ssize_t n = read_at(w->fd, pg->p, w->psize, pg->pgno * w->psize);
    if (n < 0)
        return persist__err_errno(w->err, errno, "reading data.mdb");
    if (n < (ssize_t)w->psize)
        return damaged(w->err, "page %llu (%s): cut off by the end of the file (truncated)",
                       ULL(pg->pgno), t->name);
    w->st.bytes_read += w->psize;
    return PERSIST_OK;
}

/* The header of a page at its level: its own number, a branch above the tree's depth and a leaf
 * at it (so every leaf is at md_depth), free-space bounds inside the page, and enough keys:
 * LMDB asserts that branch pages have two, except in the free list (mdb_page_search_root). */
static int check_header(walker *w, const tree *t, page *pg)
{
    const uint8_t *p = pg->p;
    unsigned flags = get16(p + PG_FLAGS), lower = get16(p + PG_LOWER), upper = get16(p + PG_UPPER);
    unsigned min = pg->leaf || t->kind == TREE_FREE ? 1 : 2;
    if (get64(p) != pg->pgno)
        return damaged(w->err, "page %llu (%s): its header says page %llu (misplaced or stale)",
                       ULL(pg->pgno), t->name, ULL(get64(p)));
    if (flags != (pg->leaf ? P_LEAF : P_BRANCH))
        return damaged(
            w->err, "page %llu (%s): flags 0x%x where a %s page belongs (level %u of %u)",
            ULL(pg->pgno), t->name, flags, pg->leaf ? "leaf" : "branch", pg->level, t->db.depth);
    if (lower < PAGEHDRSZ || lower > upper || upper > w->psize || ((lower | upper) & 1) != 0)
        return damaged(w->err, "page %llu (%s): free space from %u to %u does not fit the page",
                       ULL(pg->pgno), t->name, lower, upper);
    pg->nkeys = (lower - PAGEHDRSZ) / 2;
    pg->upper = upper;
    if (pg->nkeys < min)
        return damaged(w->err, "page %llu (%s): %u keys, where LMDB keeps at least %u",
                       ULL(pg->pgno), t->name, pg->nkeys, min);
    return PERSIST_OK;
}

static void read_node(const page *pg, unsigned i, node *nd)
{
    const uint8_t *p = pg->p;
    size_t off = get16(p + PAGEHDRSZ + 2 * i);
    uint16_t lo = get16(p + off), hi = get16(p + off + 2);
    memset(nd, 0, sizeof *nd);
    nd->i = i;
    nd->off = off;
    nd->flags = get16(p + off + 4);
    nd->ksize = get16(p + off + 6);
    nd->key = p + off + NODESIZE;
    nd->data = nd->key + nd->ksize;
    if (pg->leaf)
        nd->dsize = lo | (uint32_t)hi << 16;
    else
        nd->child = lo | (uint64_t)hi << 16 | (uint64_t)nd->flags << 32;
}

/* Bytes of node nd inside the page: header, key, and on leaves the inline data or the 8-byte
 * overflow page number. */
static size_t node_size(const page *pg, const node *nd)
{
    size_t n = NODESIZE + nd->ksize;
    if (pg->leaf)
        n += (nd->flags & F_BIGDATA) ? 8 : nd->dsize;
    return n;
}

/* Node i: at an even offset (LMDB asserts it) inside the node area, a key size LMDB writes (1 to
 * MAX_KEY bytes; 8 in the free list; none needed in node 0 of a branch, which no search reads),
 * and its key and inline data inside the page. */
static int get_node(walker *w, const tree *t, const page *pg, unsigned i, node *nd)
{
    size_t off = get16(pg->p + PAGEHDRSZ + 2 * i);
    int keyless = !pg->leaf && i == 0;
    if ((off & 1) != 0 || off < pg->upper || off + NODESIZE > w->psize)
        return damaged(w->err,
                       "page %llu (%s): node %u at offset %zu, outside the nodes (%u to %u)",
                       ULL(pg->pgno), t->name, i, off, pg->upper, w->psize);
    read_node(pg, i, nd);
    if (nd->ksize > MAX_KEY || (nd->ksize == 0 && !keyless) ||
        (t->kind == TREE_FREE && !keyless && nd->ksize != 8))
        return damaged(w->err, "page %llu (%s): node %u has a key of %u bytes", ULL(pg->pgno),
                       t->name, i, nd->ksize);
    if (off + node_size(pg, nd) > w->psize)
        return damaged(
            w->err,
            "page %llu (%s): node %u (offset %zu, key %u bytes, data %u bytes) runs past "
            "the end of the page",
            ULL(pg->pgno), t->name, i, off, nd->ksize, nd->dsize);
    return PERSIST_OK;
}

/* LMDB's orders: transaction ids as integers in the free list (MDB_INTEGERKEY), elsewhere bytes
 * with memcmp, a shorter key first on a common prefix (mdb_cmp_memn). */
static int key_cmp(const tree *t, keyv a, keyv b)
{
    size_t n = a.n < b.n ? a.n : b.n;
    int c;
    if (t->kind == TREE_FREE) {
        uint64_t x = get64(a.p), y = get64(b.p);
        return x < y ? -1 : x > y;
    }
    c = memcmp(a.p, b.p, n);
    return c != 0 ? c : a.n < b.n ? -1 : a.n > b.n;
}

/* Keys increase strictly, from node 1 on branches (mdb_node_search skips node 0), and lie within
 * the separators of the branch above: >= the one leading here, < the next one. */
static int check_order(walker *w, const tree *t, const page *pg, const node *prev, const node *nd)
{
    unsigned first = pg->leaf ? 0 : 1;
    keyv k = {nd->key, nd->ksize};
    if (nd->i < first)
        return PERSIST_OK;
    if (nd->i > first && key_cmp(t, (keyv){prev->key, prev->ksize}, k) >= 0)
        return damaged(w->err, "page %llu (%s): the key of node %u is not above node %u's",
                       ULL(pg->pgno), t->name, nd->i, nd->i - 1);
    if (nd->i == first && pg->r->lo.p != NULL && key_cmp(t, k, pg->r->lo) < 0)
        return damaged(w->err,
                       "page %llu (%s): its first key is below the separator of branch page %llu",
                       ULL(pg->pgno), t->name, ULL(pg->r->parent));
    if (nd->i + 1 == pg->nkeys && pg->r->hi.p != NULL && key_cmp(t, k, pg->r->hi) >= 0)
        return damaged(w->err,
                       "page %llu (%s): its last key is not below the next separator of branch "
                       "page %llu",
                       ULL(pg->pgno), t->name, ULL(pg->r->parent));
    return PERSIST_OK;
}

static int check_nodes(walker *w, const tree *t, const page *pg)
{
    node prev, nd;
    size_t used = 0;
    int rc = PERSIST_OK;
    memset(&prev, 0, sizeof prev);
    for (unsigned i = 0; rc == PERSIST_OK && i < pg->nkeys; i++) {
        rc = get_node(w, t, pg, i, &nd);
        if (rc != PERSIST_OK)
            break;
        rc = check_order(w, t, pg, &prev, &nd);
        used += EVEN(node_size(pg, &nd));
        prev = nd;
    }
    if (rc == PERSIST_OK && used > w->psize - pg->upper)
        rc = damaged(w->err,
                     "page %llu (%s): its nodes take %zu bytes, more than the %u after its free "
                     "space: they overlap",
                     ULL(pg->pgno), t->name, used, w->psize - pg->upper);
    return rc;
}

/* ---- leaf entries ---- */

static int walk_tree(walker *w, tree *t);

/* An F_BIGDATA value: its first overflow page is a data page of the file whose header says so,
 * with enough pages for the data (OVPAGES; LMDB reuses larger runs), all of them claimed. */
static int check_overflow(walker *w, tree *t, const page *pg, node *nd)
{
    uint8_t hdr[PAGEHDRSZ];
    uint64_t opg = get64(nd->data), pages;
    uint64_t need = (PAGEHDRSZ - 1 + (uint64_t)nd->dsize) / w->psize + 1;
    ssize_t got;
    int rc;
    if (opg < NUM_METAS || opg > w->last_pg)
        return damaged(w->err, "page %llu (%s): node %u's value is on page %llu, not a data page",
                       ULL(pg->pgno), t->name, nd->i, ULL(opg));
    if ((rc = claim(w, t, opg, pg->pgno)) != PERSIST_OK) /* also: inside the file */
        return rc;
    got = read_at(w->fd, hdr, sizeof hdr, opg * w->psize);
    if (got != (ssize_t)sizeof hdr)
        return persist__err_errno(w->err, got < 0 ? errno : EIO, "reading data.mdb");
    pages = get32(hdr + PG_PAGES);
    if (get64(hdr) != opg || get16(hdr + PG_FLAGS) != P_OVERFLOW)
        return damaged(w->err,
                       "page %llu (%s, the value of page %llu node %u): not an overflow page (its "
                       "header says page %llu, flags 0x%x)",
                       ULL(opg), t->name, ULL(pg->pgno), nd->i, ULL(get64(hdr)),
                       get16(hdr + PG_FLAGS));
    if (pages < need || pages > w->last_pg - opg + 1)
        return damaged(w->err,
                       "page %llu (%s, the value of page %llu node %u): %llu overflow pages for a "
                       "value of %u bytes (it needs %llu)",
                       ULL(opg), t->name, ULL(pg->pgno), nd->i, ULL(pages), nd->dsize, ULL(need));
    for (uint64_t k = 1; k < pages && rc == PERSIST_OK; k++)
        rc = claim(w, t, opg + k, pg->pgno);
    t->overflow += pages;
    nd->opg = opg;
    return rc;
}

/* Words k .. k + n - 1 (8 bytes each) of a value: in the node, or read from its overflow pages. */
static int value_words(walker *w, const node *nd, uint64_t k, size_t n, const uint8_t **out)
{
    ssize_t got;
    if ((nd->flags & F_BIGDATA) == 0) {
        *out = nd->data + 8 * k;
        return PERSIST_OK;
    }
    if (w->chunk == NULL && (w->chunk = persist__malloc(8 * CHUNK_WORDS)) == NULL)
        return persist__err_set(w->err, PERSIST_ENOMEM, "out of memory");
    got = read_at(w->fd, w->chunk, 8 * n, nd->opg * w->psize + PAGEHDRSZ + 8 * k);
    if (got != (ssize_t)(8 * n))
        return persist__err_errno(w->err, got < 0 ? errno : EIO, "reading data.mdb");
    w->st.bytes_read += 8 * n;
    *out = w->chunk;
    return PERSIST_OK;
}

/* A page the free list holds: a data page (it may lie past the end of the file) that nothing uses
 * and no other entry lists, since LMDB hands it to the next write. */
static int claim_free(walker *w, uint64_t pgno, uint64_t id)
{
    uint8_t o;
    if (pgno < NUM_METAS || pgno > w->last_pg)
        return damaged(w->err,
                       "page %llu: listed as free (by the record of transaction %llu), but it is "
                       "not a data page (2 to %llu)",
                       ULL(pgno), ULL(id), ULL(w->last_pg));
    if (pgno >= w->file_pages) { /* past the end of the file: only ever free */
        uint64_t k = pgno - w->file_pages;
        o = (w->tail[k / 8] & (1u << (k % 8))) != 0 ? OWNER_FREE : 0;
        w->tail[k / 8] |= (uint8_t)(1u << (k % 8));
        w->tail_free += o == 0;
    } else {
        o = w->owner[pgno];
    }
    if (o == OWNER_FREE)
        return damaged(w->err,
                       "page %llu: listed as free twice (again by transaction %llu's record)",
                       ULL(pgno), ULL(id));
    if (o != 0)
        return damaged(w->err,
                       "page %llu: listed as free (by the record of transaction %llu), but in use "
                       "by %s: the next write would overwrite it",
                       ULL(pgno), ULL(id), owner_name(w, o));
    if (pgno < w->file_pages)
        w->owner[pgno] = OWNER_FREE;
    w->st.free_pages++;
    return PERSIST_OK;
}

/* A free-list record (mdb_freelist_save): key = the id of the transaction that freed the pages, at
 * most the snapshot's; value = a count and that many page numbers, 8 bytes each (the value may be
 * longer than the count needs: LMDB reserves records). */
static int free_record(walker *w, const page *pg, const node *nd)
{
    uint64_t id = get64(nd->key), count;
    const uint8_t *words;
    int rc;
    if (id < 1 || id > w->txnid)
        return damaged(
            w->err,
            "page %llu (the free list): node %u is a record of transaction %llu, not one "
            "of 1 to %llu",
            ULL(pg->pgno), nd->i, ULL(id), ULL(w->txnid));
    if (nd->dsize < 8 || nd->dsize % 8 != 0)
        return damaged(w->err,
                       "page %llu (the free list): node %u's value of %u bytes is no page list",
                       ULL(pg->pgno), nd->i, nd->dsize);
    if ((rc = value_words(w, nd, 0, 1, &words)) != PERSIST_OK)
        return rc;
    count = get64(words);
    if (count > nd->dsize / 8 - 1)
        return damaged(w->err,
                       "page %llu (the free list): node %u lists %llu pages in a value with room "
                       "for %u",
                       ULL(pg->pgno), nd->i, ULL(count), nd->dsize / 8 - 1);
    for (uint64_t k = 0; k < count && rc == PERSIST_OK; k += CHUNK_WORDS) {
        size_t n = count - k < CHUNK_WORDS ? (size_t)(count - k) : CHUNK_WORDS;
        rc = value_words(w, nd, 1 + k, n, &words);
        for (size_t j = 0; j < n && rc == PERSIST_OK; j++)
            rc = claim_free(w, get64(words + 8 * j), id);
    }
    return rc;
}

/* A named database's record in the main database: an MDB_db of a plain database (libpersist
 * opens none with flags), walked at once. */
static int named_db(walker *w, const page *pg, const node *nd)
{
    char name[40], label[56];
    tree sub;
    size_t n = nd->ksize < sizeof name - 1 ? nd->ksize : sizeof name - 1;
    int rc;
    if (nd->dsize != DB_SIZE)
        return damaged(w->err,
                       "page %llu (the main database): node %u, a database record of %u bytes "
                       "(LMDB writes %u)",
                       ULL(pg->pgno), nd->i, nd->dsize, DB_SIZE);
    for (size_t i = 0; i < n; i++)
        name[i] = nd->key[i] >= 0x20 && nd->key[i] < 0x7f && nd->key[i] != '\'' ? nd->key[i] : '?';
    name[n] = '\0';
    memset(&sub, 0, sizeof sub);
    sub.kind = TREE_NAMED;
    parse_db(nd->data, &sub.db);
    snprintf(label, sizeof label, "database '%s'", name);
    sub.name = label;
    rc = check_dbrec(&sub.db, w->last_pg, sub.name, w->err);
    if (rc == PERSIST_OK && sub.db.flags != 0)
        rc = damaged(w->err, "%s (page %llu node %u): flags 0x%x, where libpersist sets none",
                     sub.name, ULL(pg->pgno), nd->i, sub.db.flags);
    w->st.databases++;
    return rc == PERSIST_OK ? walk_tree(w, &sub) : rc;
}

/* A leaf entry: flags LMDB writes there (no duplicate data; named databases in the main database,
 * which in a libpersist store holds nothing else), then its overflow pages, free-list pages or
 * named database. */
static int leaf_entry(walker *w, tree *t, const page *pg, unsigned i)
{
    node nd;
    int rc = PERSIST_OK;
    read_node(pg, i, &nd);
    t->entries++;
    if ((nd.flags & ~(F_BIGDATA | F_SUBDATA)) != 0 ||
        ((nd.flags & F_SUBDATA) != 0) != (t->kind == TREE_MAIN) ||
        nd.flags == (F_SUBDATA | F_BIGDATA))
        return damaged(w->err, "page %llu (%s): node %u has flags 0x%x, %s", ULL(pg->pgno), t->name,
                       i, nd.flags,
                       (nd.flags & F_DUPDATA) != 0 ? "duplicate data, which libpersist never has"
                       : t->kind == TREE_MAIN      ? "not a database record (all it holds)"
                                                   : "which LMDB never writes here");
    if ((nd.flags & F_BIGDATA) != 0)
        rc = check_overflow(w, t, pg, &nd);
    if (rc == PERSIST_OK && t->kind == TREE_FREE)
        rc = free_record(w, pg, &nd);
    else if (rc == PERSIST_OK && (nd.flags & F_SUBDATA) != 0)
        rc = named_db(w, pg, &nd);
    return rc;
}

/* ---- trees ---- */

static int walk_page(walker *w, tree *t, const range *r, unsigned level);
static int visit_page(walker *w, tree *t, page *pg);

/* Branch node i's child, bounded by node i's key (node 0: the bound above the branch) and the next
 * node's. */
static int child_range(walker *w, const tree *t, const page *pg, unsigned i, range *r)
{
    node nd, next;
    read_node(pg, i, &nd);
    r->lo = i == 0 ? pg->r->lo : (keyv){nd.key, nd.ksize};
    r->hi = pg->r->hi;
    if (i + 1 < pg->nkeys) {
        read_node(pg, i + 1, &next);
        r->hi = (keyv){next.key, next.ksize};
    }
    r->parent = pg->pgno;
    r->pgno = nd.child;
    if (nd.child < NUM_METAS || nd.child > w->last_pg)
        return damaged(w->err, "page %llu (%s): node %u points to page %llu, not a data page",
                       ULL(pg->pgno), t->name, i, ULL(nd.child));
    return PERSIST_OK;
}

/* The batch's pages, sorted by number (insertion sort: siblings lie mostly in order), read with
 * one pread per run of consecutive pages into the group buffer. */
static int read_runs(walker *w, const tree *t, batch *b)
{
    for (unsigned j = 1; j < b->n; j++)
        for (unsigned k = j; k > 0 && b->r[b->order[k - 1]].pgno > b->r[b->order[k]].pgno; k--) {
            unsigned x = b->order[k];
            b->order[k] = b->order[k - 1];
            b->order[k - 1] = x;
        }
    for (unsigned j = 0, e; j < b->n; j = e) {
        uint64_t first = b->r[b->order[j]].pgno;
        ssize_t got;
        for (e = j + 1; e < b->n && b->r[b->order[e]].pgno == first + (e - j); e++)
            ;
        got = read_at(w->fd, w->group + (size_t)j * w->psize, (size_t)(e - j) * w->psize,
                      first * w->psize);
        if (got < 0)
            return persist__err_errno(w->err, errno, "reading data.mdb");
        if (got != (ssize_t)((size_t)(e - j) * w->psize))
            return damaged(w->err, "page %llu (%s): cut off by the end of the file (truncated)",
                           ULL(first + (uint64_t)got / w->psize), t->name);
        w->st.bytes_read += (uint64_t)got;
        for (unsigned k = j; k < e; k++)
            b->slot[b->order[k]] = k;
    }
    return PERSIST_OK;
}

/* Up to GROUP leaves under a branch page, from node `from` on: claimed in key order, read in page
 * order, checked in key order. (Not the main database's: walking a named database while one of
 * its leaves is being read would reuse the group buffer.) */
static int leaf_group(walker *w, tree *t, const page *pg, unsigned from)
{
    batch *b = &w->b;
    int rc = PERSIST_OK;
    b->n = pg->nkeys - from < GROUP ? pg->nkeys - from : GROUP;
    for (unsigned k = 0; k < b->n && rc == PERSIST_OK; k++) {
        rc = child_range(w, t, pg, from + k, &b->r[k]);
        if (rc == PERSIST_OK)
            rc = claim(w, t, b->r[k].pgno, pg->pgno);
        b->order[k] = k;
    }
    if (rc == PERSIST_OK)
        rc = read_runs(w, t, b);
    for (unsigned k = 0; k < b->n && rc == PERSIST_OK; k++) {
        page leaf;
        memset(&leaf, 0, sizeof leaf);
        leaf.pgno = b->r[k].pgno;
        leaf.p = w->group + (size_t)b->slot[k] * w->psize;
        leaf.level = pg->level + 1;
        leaf.leaf = 1;
        leaf.r = &b->r[k];
        rc = visit_page(w, t, &leaf);
    }
    return rc;
}

/* A page's checks once its bytes are at pg->p, then its entries or its children: leaves GROUP at
 * a time (one pread per page costs most of the walk), other pages one by one. */
static int visit_page(walker *w, tree *t, page *pg)
{
    int rc = check_header(w, t, pg);
    if (rc == PERSIST_OK)
        rc = check_nodes(w, t, pg);
    if (pg->leaf)
        t->leaf++;
    else
        t->branch++;
    if (!pg->leaf && pg->level + 1 == t->db.depth && t->kind != TREE_MAIN) {
        for (unsigned i = 0; rc == PERSIST_OK && i < pg->nkeys; i += GROUP)
            rc = leaf_group(w, t, pg, i);
        return rc;
    }
    for (unsigned i = 0; rc == PERSIST_OK && i < pg->nkeys; i++) {
        range r;
        if (pg->leaf)
            rc = leaf_entry(w, t, pg, i);
        else if ((rc = child_range(w, t, pg, i, &r)) == PERSIST_OK)
            rc = walk_page(w, t, &r, pg->level + 1);
    }
    return rc;
}

static int walk_page(walker *w, tree *t, const range *r, unsigned level)
{
    page pg;
    int rc;
    memset(&pg, 0, sizeof pg);
    pg.pgno = r->pgno;
    pg.p = t->bufs + (size_t)(level - 1) * w->psize;
    pg.level = level;
    pg.leaf = level == t->db.depth;
    pg.r = r;
    rc = claim(w, t, r->pgno, r->parent);
    if (rc == PERSIST_OK)
        rc = read_page(w, t, &pg);
    return rc == PERSIST_OK ? visit_page(w, t, &pg) : rc;
}

/* What the tree holds must be what its header counts: mdb_stat reports those, and libpersist's
 * record count is md_entries. */
static int check_totals(walker *w, const tree *t)
{
    if (t->branch == t->db.branch && t->leaf == t->db.leaf && t->overflow == t->db.overflow &&
        t->entries == t->db.entries)
        return PERSIST_OK;
    return damaged(w->err,
                   "%s: its header counts %llu entries in %llu branch, %llu leaf and %llu "
                   "overflow pages, but the tree has %llu entries in %llu, %llu and %llu",
                   t->name, ULL(t->db.entries), ULL(t->db.branch), ULL(t->db.leaf),
                   ULL(t->db.overflow), ULL(t->entries), ULL(t->branch), ULL(t->leaf),
                   ULL(t->overflow));
}

static int walk_tree(walker *w, tree *t)
{
    range r;
    int rc;
    unsigned id = w->trees < 255 - OWNER_FIRST ? w->trees : 255 - OWNER_FIRST;
    t->owner = (uint8_t)(OWNER_FIRST + id);
    if (id < MAX_NAMES)
        snprintf(w->names[id], sizeof w->names[id], "%s", t->name);
    w->trees++;
    if (t->db.root == P_INVALID)
        return PERSIST_OK;
    if ((t->bufs = persist__malloc((size_t)t->db.depth * w->psize)) == NULL)
        return persist__err_set(w->err, PERSIST_ENOMEM, "out of memory");
    memset(&r, 0, sizeof r);
    r.pgno = t->db.root;
    rc = walk_page(w, t, &r, 1);
    if (rc == PERSIST_OK)
        rc = check_totals(w, t);
    w->st.branch_pages += t->branch;
    w->st.leaf_pages += t->leaf;
    w->st.overflow_pages += t->overflow;
    w->st.entries += t->entries;
    persist__free(t->bufs);
    t->bufs = NULL;
    return rc;
}

/* ---- the walk ---- */

/* The meta page of transaction txnid (page txnid & 1, if a writer has not overwritten it since),
 * checked like the precheck does, and a map of owners for its pages. */
static int walk_setup(walker *w, metapair *mp)
{
    const meta *m = &mp->m[w->txnid & 1];
    struct stat st;
    int rc;
    if (fstat(w->fd, &st) != 0)
        return persist__err_errno(w->err, errno, "data.mdb");
    if ((rc = read_metas_stable(w->fd, mp, w->err)) != PERSIST_OK)
        return rc == PERSIST__ERETRY ? persist__err_set(w->err, rc, "the meta pages kept changing")
                                     : rc;
    if ((rc = check_txnids(mp->m, w->err)) != PERSIST_OK)
        return rc;
    if (m->txnid != w->txnid)
        return persist__err_set(w->err, PERSIST__ERETRY,
                                "transaction %llu is no longer on meta page %u (now %llu)",
                                ULL(w->txnid), (unsigned)(w->txnid & 1), ULL(m->txnid));
    if ((rc = check_snapshot(m, w->txnid & 1, (uint64_t)st.st_size, w->err)) != PERSIST_OK)
        return rc;
    w->psize = m->psize;
    w->last_pg = m->last_pg;
    w->file_pages = (uint64_t)st.st_size / m->psize;
    w->st.psize = m->psize;
    w->st.txnid = w->txnid;
    w->st.last_pg = m->last_pg;
    w->st.file_pages = w->file_pages;
    w->tail_pages = m->last_pg + 1 > w->file_pages ? m->last_pg + 1 - w->file_pages : 0;
    w->owner = persist__calloc((size_t)(m->last_pg + 1 - w->tail_pages), 1);
    w->tail = w->owner != NULL ? persist__calloc((size_t)(w->tail_pages / 8 + 1), 1) : NULL;
    w->group = w->tail != NULL ? persist__malloc((size_t)GROUP * w->psize) : NULL;
    if (w->group == NULL)
        return persist__err_set(w->err, PERSIST_ENOMEM, "out of memory");
    return PERSIST_OK;
}

/* Every page past the end of the file must have been free (check_tail). */
static int check_tail_free(walker *w)
{
    if (w->tail_free == w->tail_pages)
        return PERSIST_OK;
    return damaged(w->err,
                   "pages %llu to %llu lie past the end of the file, but only %llu of them are "
                   "free: the file is truncated (an interrupted copy?) or its meta page damaged",
                   ULL(w->file_pages), ULL(w->last_pg), ULL(w->tail_free));
}

/* The main database with its named databases, then the free list (whose entries must name none of
 * the pages seen by then, nor of its own tree: claim checks those). */
static int walk_trees(walker *w, const meta *m)
{
    tree t;
    int rc;
    memset(&t, 0, sizeof t);
    t.kind = TREE_MAIN;
    t.name = "the main database";
    t.db = m->dbs[1];
    rc = walk_tree(w, &t);
    if (rc != PERSIST_OK)
        return rc;
    memset(&t, 0, sizeof t);
    t.kind = TREE_FREE;
    t.name = "the free list";
    t.db = m->dbs[0];
    return walk_tree(w, &t);
}

/* After a failure: did a writer change the walked meta page meanwhile (a torn first read)? */
static int meta_moved(walker *w, const metapair *mp)
{
    uint8_t now[META_END];
    unsigned i = w->txnid & 1;
    return read_at(w->fd, now, sizeof now, (uint64_t)i * mp->m[0].psize) != (ssize_t)sizeof now ||
           memcmp(now, mp->raw[i], sizeof now) != 0;
}

int persist__lmdb_walk(int fd, uint64_t txnid, persist__lmdb_stats *stats, persist__err *err)
{
    walker *w = persist__calloc(1, sizeof *w);
    metapair mp;
    int rc;
    if (w == NULL)
        return persist__err_set(err, PERSIST_ENOMEM, "out of memory");
    w->fd = fd;
    w->txnid = txnid;
    w->err = err;
    rc = walk_setup(w, &mp);
    if (rc == PERSIST_OK)
        rc = walk_trees(w, &mp.m[txnid & 1]);
    if (rc == PERSIST_OK)
        rc = check_tail_free(w);
    if (rc == PERSIST_ECORRUPT && meta_moved(w, &mp))
        rc = persist__err_set(err, PERSIST__ERETRY, "the meta page changed during the walk");
    if (rc == PERSIST_OK)
        w->st.unaccounted = w->last_pg + 1 - NUM_METAS - w->live - w->st.free_pages;
    if (stats != NULL)
        *stats = w->st;
    persist__free(w->owner);
    persist__free(w->tail);
    persist__free(w->group);
    persist__free(w->chunk);
    persist__free(w);
    return rc;
}
