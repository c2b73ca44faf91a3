/* test_files.c - a store's files on disk: one writer whatever path reaches the data file, links
 * and special files refused and never clobbered, lock files deleted under a running store, backups
 * and exports that appear whole or not at all, compaction that waits for every other process, and
 * a process with more than 1024 stores open or none of its descriptors left.
 * Other processes are real children (fork), each with its own handle. */
#include "support.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* ---- another process that keeps a store open ---- */

typedef struct holder {
    pid_t pid;
    int to_child, from_child;
} holder;

/* Child side: open, report the status, then answer commands until 'q':
 * 'h' restore and report the head (or the status as a negative number), 's' submit "add 1" and
 * report its status. */
static void holder_main(const char *dir, uint32_t flags, int in, int out)
{
    persist_options o;
    persist_store *s = NULL;
    int64_t reply;
    char cmd;
    persist_options_init(&o, sizeof o);
    o.flags = flags;
    reply = persist_store_open(&s, dir, &o);
    if (write(out, &reply, sizeof reply) != (ssize_t)sizeof reply)
        _exit(3);
    while (read(in, &cmd, 1) == 1 && cmd != 'q') {
        uint64_t head = 0;
        int rc = PERSIST_ERROR;
        if (cmd == 'h' && (rc = persist_store_restore(s)) == PERSIST_OK)
            rc = persist_store_head(s, &head);
        else if (cmd == 's')
            rc = persist_store_submit(s, "add 1", 5, NULL, NULL);
        reply = rc == PERSIST_OK && cmd == 'h' ? (int64_t)head : rc;
        if (write(out, &reply, sizeof reply) != (ssize_t)sizeof reply)
            _exit(3);
    }
    persist_store_close(s);
    _exit(0);
}

/* Starts a holder; returns the status of its open. */
static int hold(holder *h, const char *dir, uint32_t flags)
{
    int down[2], up[2];
    int64_t rc = PERSIST_ERROR;
    assert_int_equal(pipe(down), 0);
    assert_int_equal(pipe(up), 0);
    h->pid = fork();
    assert_true(h->pid >= 0);
    if (h->pid == 0) {
        close(down[1]);
        close(up[0]);
        holder_main(dir, flags, down[0], up[1]);
    }
    close(down[0]);
    close(up[1]);
    h->to_child = down[1];
    h->from_child = up[0];
    assert_int_equal(read(h->from_child, &rc, sizeof rc), (ssize_t)sizeof rc);
    return (int)rc;
}

static int64_t ask(holder *h, char cmd)
{
    int64_t reply = PERSIST_ERROR;
    assert_int_equal(write(h->to_child, &cmd, 1), 1);
    assert_int_equal(read(h->from_child, &reply, sizeof reply), (ssize_t)sizeof reply);
    return reply;
}

static void release(holder *h)
{
    int status = 0;
    char q = 'q';
    assert_int_equal(write(h->to_child, &q, 1), 1);
    waitpid(h->pid, &status, 0);
    close(h->to_child);
    close(h->from_child);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* ---- stores and files ---- */

/* A store with testapp_v1 deployed and n events ("add 1"). */
static char *make_store(int n)
{
    char *dir = ts_tmpdir();
    persist_store *s = ts_open(dir, NULL);
    ts_deploy(s, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    for (int i = 0; i < n; i++)
        persist_free(ts_submit(s, "add 1"));
    persist_store_close(s);
    return dir;
}

static void path_in(char *out, const char *dir, const char *name)
{
    assert_true(strlen(dir) + strlen(name) + 2 <= 4096);
    strcpy(out, dir);
    strcat(out, "/");
    strcat(out, name);
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    assert_int_equal(fputs(text, f) >= 0, 1);
    fclose(f);
}

static void assert_file_text(const char *path, const char *text)
{
    char *got = ts_read_file(path, NULL);
    assert_string_equal(got, text);
    free(got);
}

static int open_status(const char *dir, uint32_t flags, persist_store **out)
{
    persist_options o;
    persist_options_init(&o, sizeof o);
    o.flags = flags;
    return persist_store_open(out, dir, &o);
}

/* Opening fails with `code` and a message containing `part`. */
static void expect_open_fails(const char *dir, uint32_t flags, int code, const char *part)
{
    persist_store *s = NULL;
    int rc = open_status(dir, flags, &s);
    if (rc != code || strstr(ts_errmsg(s), part) == NULL)
        fail_msg("open %s (flags %u): %d %s, expected %d with \"%s\"", dir, (unsigned)flags, rc,
                 ts_errmsg(s), code, part);
    persist_store_close(s);
}

static void expect_head(const char *dir, uint64_t head)
{
    persist_store *s = ts_open(dir, NULL);
    assert_int_equal(ts_head(s), head);
    persist_store_close(s);
}

/* ---- one writer ---- */

/* A second directory whose data.mdb is a link to the first's: it had a lock.mdb of its own, so
 * both opened for writing and records went missing. */
static void test_linked_data_file(void **state)
{
    char *a = make_store(3), *b = ts_tmpdir(), *c = ts_tmpdir(), pa[4096], pb[4096], pc[4096];
    persist_store *s = NULL;
    (void)state;
    path_in(pa, a, "data.mdb");
    path_in(pb, b, "data.mdb");
    path_in(pc, c, "data.mdb");
    assert_int_equal(symlink(pa, pb), 0);
    expect_open_fails(b, 0, PERSIST_EINVAL, "symbolic link");
    expect_open_fails(b, PERSIST_OPEN_READONLY, PERSIST_EINVAL, "symbolic link");
    assert_int_equal(link(pa, pc), 0);
    expect_open_fails(c, 0, PERSIST_EINVAL, "hard links");
    /* Reading a hard-linked copy writes nothing. */
    TS_OK(s, open_status(c, PERSIST_OPEN_READONLY, &s));
    assert_int_equal(ts_head(s), 4);
    persist_store_close(s);
    /* The writer of a store whose file has another link would change the other store too. */
    expect_open_fails(a, 0, PERSIST_EINVAL, "hard links");
    assert_int_equal(unlink(pc), 0);
    expect_head(a, 4);
    ts_rmrf(a);
    ts_rmrf(b);
    ts_rmrf(c);
    free(a);
    free(b);
    free(c);
}

/* The writer lock is on the data file: deleting writer.lock, or reaching the store through a
 * link to its directory, lets no second writer in. */
static void test_second_writer_by_any_path(void **state)
{
    char *a = make_store(2), *base = ts_tmpdir(), wl[4096], alias[4096];
    holder h;
    (void)state;
    TS_OK(NULL, hold(&h, a, 0));
    path_in(wl, a, "writer.lock");
    assert_int_equal(unlink(wl), 0);
    expect_open_fails(a, 0, PERSIST_EBUSY, "open for writing by another process");
    path_in(alias, base, "alias");
    assert_int_equal(symlink(a, alias), 0);
    expect_open_fails(alias, 0, PERSIST_EBUSY, "open for writing by another process");
    assert_int_equal(ask(&h, 's'), PERSIST_OK);
    release(&h);
    expect_head(a, 4);
    ts_rmrf(a);
    ts_rmrf(base);
    free(a);
    free(base);
}

/* lock.mdb deleted under a running writer: a new reader would make a reader table the writer never
 * looks at. New readers are refused; handles that were open stop at their next transaction. */
static void test_deleted_lock_file(void **state)
{
    char *a = make_store(2), lk[4096];
    holder writer, reader;
    persist_store *s = NULL;
    (void)state;
    TS_OK(NULL, hold(&writer, a, 0));
    TS_OK(NULL, hold(&reader, a, PERSIST_OPEN_READONLY));
    path_in(lk, a, "lock.mdb");
    assert_int_equal(unlink(lk), 0);
    expect_open_fails(a, PERSIST_OPEN_READONLY, PERSIST_ECORRUPT, "was deleted");
    assert_int_equal(ask(&writer, 's'), PERSIST_EFATAL);
    assert_int_equal(ask(&reader, 'h'), PERSIST_EFATAL);
    release(&writer);
    release(&reader);
    /* Once they are gone, the store opens as always, with nothing lost. */
    TS_OK(s, open_status(a, 0, &s));
    assert_int_equal(ts_head(s), 3);
    persist_store_close(s);
    ts_rmrf(a);
    free(a);
}

/* Links where lock.mdb and writer.lock belong: LMDB truncated the target of a linked lock.mdb, even
 * for a read-only `persist info`. */
static void test_linked_lock_files_untouched(void **state)
{
    char *a = make_store(1), *v = ts_tmpdir(), victim[4096], lk[4096], wl[4096];
    (void)state;
    path_in(victim, v, "precious.txt");
    write_text(victim, "precious\n");
    path_in(lk, a, "lock.mdb");
    unlink(lk);
    assert_int_equal(symlink(victim, lk), 0);
    expect_open_fails(a, PERSIST_OPEN_READONLY, PERSIST_EINVAL, "symbolic link");
    expect_open_fails(a, 0, PERSIST_EINVAL, "symbolic link");
    assert_file_text(victim, "precious\n");
    assert_int_equal(unlink(lk), 0);
    path_in(wl, a, "writer.lock");
    unlink(wl);
    assert_int_equal(symlink(victim, wl), 0);
    expect_open_fails(a, 0, PERSIST_EINVAL, "symbolic link");
    assert_file_text(victim, "precious\n");
    assert_int_equal(unlink(wl), 0);
    assert_int_equal(mkfifo(wl, 0644), 0);
    expect_open_fails(a, 0, PERSIST_EINVAL, "not a regular file");
    assert_int_equal(unlink(wl), 0);
    expect_head(a, 2);
    ts_rmrf(a);
    ts_rmrf(v);
    free(a);
    free(v);
}

/* ---- files written by the library ---- */

static void test_export_never_replaces_special_files(void **state)
{
    char *a = make_store(1), *v = ts_tmpdir(), victim[4096], link_path[4096], fifo[4096];
    char out[4096];
    persist_store *s = ts_open(a, NULL);
    struct stat st;
    (void)state;
    path_in(victim, v, "victim.txt");
    write_text(victim, "keep me\n");
    path_in(link_path, v, "export.json");
    assert_int_equal(symlink(victim, link_path), 0);
    TS_FAILS(s, persist_store_export(s, link_path), PERSIST_EINVAL);
    assert_int_equal(lstat(link_path, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_file_text(victim, "keep me\n");
    path_in(fifo, v, "fifo");
    assert_int_equal(mkfifo(fifo, 0644), 0);
    TS_FAILS(s, persist_store_export(s, fifo), PERSIST_EINVAL);
    assert_int_equal(lstat(fifo, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    /* A regular file is replaced whole, and nothing else is left in the directory. */
    path_in(out, v, "ok.json");
    write_text(out, "old");
    TS_OK(s, persist_store_export(s, out));
    {
        char *text = ts_read_file(out, NULL);
        assert_non_null(strstr(text, "\"state\""));
        free(text);
    }
    /* Importing something that is not a regular file says so. */
    persist_store_close(s);
    s = ts_open(v, NULL);
    TS_FAILS(s, persist_store_import(s, a), PERSIST_EINVAL);
    assert_non_null(strstr(ts_errmsg(s), "not a regular file"));
    persist_store_close(s);
    ts_rmrf(a);
    ts_rmrf(v);
    free(a);
    free(v);
}

/* In a child with a file size limit: the backup fails (EFULL) after writing part of the copy. */
static int limited_backup(const char *store, const char *dir)
{
    struct rlimit rl = {16384, 16384};
    persist_store *s = NULL;
    int rc;
    signal(SIGXFSZ, SIG_IGN);
    if (open_status(store, PERSIST_OPEN_READONLY, &s) != PERSIST_OK)
        return 100;
    setrlimit(RLIMIT_FSIZE, &rl);
    rc = persist_store_backup(s, dir);
    persist_store_close(s);
    return rc == PERSIST_EFULL ? 0 : 101;
}

static int child_status(pid_t pid)
{
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* A failed backup left an empty data.mdb that blocked a retry, and a killed one a truncated store
 * that crashed its readers: the copy is written under another name and renamed when whole. */
static void test_backup_whole_or_not_at_all(void **state)
{
    char *a = make_store(400), *b = ts_tmpdir(), target[4096], data[4096];
    persist_store *s = NULL;
    pid_t pid;
    struct stat st;
    (void)state;
    path_in(target, b, "backup");
    path_in(data, target, "data.mdb");
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        _exit(limited_backup(a, target));
    assert_int_equal(child_status(pid), 0);
    assert_int_not_equal(lstat(data, &st), 0);
    for (int round = 0; round < 20; round++) { /* killed at various moments */
        pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            persist_store *c = NULL;
            _exit(open_status(a, PERSIST_OPEN_READONLY, &c) == PERSIST_OK &&
                          persist_store_backup(c, target) == PERSIST_OK
                      ? 0
                      : 1);
        }
        usleep((useconds_t)(round * 700));
        kill(pid, SIGKILL);
        child_status(pid);
        if (lstat(data, &st) == 0) { /* finished before the kill: a whole store */
            expect_head(target, 401);
            ts_rmrf(target);
        }
    }
    TS_OK(s, open_status(a, PERSIST_OPEN_READONLY, &s));
    TS_OK(s, persist_store_backup(s, target));
    TS_FAILS(s, persist_store_backup(s, target), PERSIST_EEXISTS);
    TS_FAILS(s, persist_store_backup(s, "/proc/self"), PERSIST_EIO);
    assert_null(strstr(ts_errmsg(s), "not a persist store"));
    persist_store_close(s);
    expect_head(target, 401);
    ts_rmrf(a);
    ts_rmrf(b);
    free(a);
    free(b);
}

/* ---- maintenance ---- */

/* An idle read-only handle of another process holds no LMDB reader slot, yet compaction replaced
 * the file under it (a crash, "not a persist store", or a reader that never saw new commits). */
static void test_compaction_waits_for_other_processes(void **state)
{
    char *a = make_store(30);
    persist_options o;
    persist_prune_report rep;
    persist_store *s;
    holder h;
    (void)state;
    persist_options_init(&o, sizeof o);
    o.snapshot_every = 10;
    TS_OK(NULL, hold(&h, a, PERSIST_OPEN_READONLY));
    s = ts_open(a, &o);
    for (int i = 0; i < 15; i++)
        persist_free(ts_submit(s, "add 1"));
    memset(&rep, 0, sizeof rep);
    rep.struct_size = sizeof rep;
    TS_OK(s, persist_store_prune(s, ts_head(s), &rep));
    assert_true(rep.records_removed > 0);
    assert_int_equal(rep.compacted, 0); /* the reader is still there */
    persist_free(ts_submit(s, "add 1"));
    assert_int_equal(ask(&h, 'h'), (int64_t)ts_head(s));
    release(&h);
    TS_OK(s, persist_store_prune(s, ts_head(s), &rep));
    assert_int_equal(rep.compacted, 1);
    persist_free(ts_submit(s, "add 1"));
    persist_store_close(s); /* (a child forked from a process holding a store cannot use it) */
    /* A reader opened after the compaction reads the new file and sees the writer's commits. */
    TS_OK(NULL, hold(&h, a, PERSIST_OPEN_READONLY));
    s = ts_open(a, &o);
    persist_free(ts_submit(s, "add 1"));
    assert_int_equal(ask(&h, 'h'), (int64_t)ts_head(s));
    release(&h);
    persist_store_close(s);
    expect_head(a, 49);
    ts_rmrf(a);
    free(a);
}

/* Prune on a map with no room left grows it like every other write (it failed with EFULL and its
 * report claimed records were removed). */
static void test_prune_on_a_full_map(void **state)
{
    char *a = make_store(300), *b = ts_tmpdir(), copy[4096];
    persist_options o;
    persist_prune_report rep;
    persist_store *s = ts_open(a, NULL);
    (void)state;
    TS_OK(s, persist_store_snapshot(s));
    path_in(copy, b, "copy");
    TS_OK(s, persist_store_backup(s, copy)); /* compacted: not one free page */
    persist_store_close(s);
    persist_options_init(&o, sizeof o);
    o.map_size = 1; /* LMDB maps the file as it is: no room left */
    s = ts_open(copy, &o);
    memset(&rep, 0, sizeof rep);
    rep.struct_size = sizeof rep;
    TS_OK(s, persist_store_prune(s, ts_head(s), &rep));
    assert_int_equal(rep.kept_from, 301);
    assert_int_equal(rep.records_removed, 300);
    persist_store_close(s);
    expect_head(copy, 301);
    ts_rmrf(a);
    ts_rmrf(b);
    free(a);
    free(b);
}

/* ---- where a store can be created ---- */

/* A store whose parent directory is missing failed with PERSIST_EIO, "creating the store
 * directory: No such file or directory"; one under a file, the same with "Not a directory". */
static void test_missing_parent_directory(void **state)
{
    char *root = ts_tmpdir(), path[4096], file[4096];
    persist_store *s = NULL;
    (void)state;
    snprintf(path, sizeof path, "%s/no/such/store", root);
    expect_open_fails(path, 0, PERSIST_ENOTFOUND, "/no/such does not exist; create it first");
    snprintf(path, sizeof path, "%s/no", root);
    assert_int_equal(access(path, F_OK), -1); /* nothing was created */
    path_in(file, root, "file");
    write_text(file, "x");
    path_in(path, file, "store");
    expect_open_fails(path, 0, PERSIST_EINVAL, "a part of its path is not a directory");
    snprintf(path, sizeof path, "%s/no", root); /* its parent exists: the store is created */
    assert_int_equal(open_status(path, 0, &s), PERSIST_OK);
    persist_store_close(s);
    ts_rmrf(root);
    free(root);
}

/* A store's data.mdb given as the store: "not a persist store (no data.mdb...)" read oddly. */
static void test_a_file_is_not_a_store(void **state)
{
    char *dir = make_store(1), path[4096];
    (void)state;
    path_in(path, dir, "data.mdb");
    expect_open_fails(path, PERSIST_OPEN_READONLY, PERSIST_ENOTFOUND,
                      "data.mdb is a file; a store is the directory that holds data.mdb: open the "
                      "directory this data.mdb is in");
    expect_open_fails(path, PERSIST_OPEN_NO_CREATE, PERSIST_ENOTFOUND, "is a file");
    expect_head(dir, 2);
    ts_rmrf(dir);
    free(dir);
}

/* ---- many stores, and a process out of descriptors ---- */

static int open_descriptors(void)
{
    DIR *d = opendir("/proc/self/fd");
    int n = 0;
    assert_non_null(d);
    while (readdir(d) != NULL)
        n++;
    closedir(d);
    return n - 3; /* ".", ".." and d's own */
}

/* The process's limit of open files raised to at least `want`; 0 when the hard limit is lower. */
static int raise_files_limit(rlim_t want, struct rlimit *old)
{
    struct rlimit raised;
    assert_int_equal(getrlimit(RLIMIT_NOFILE, old), 0);
    if (old->rlim_cur != RLIM_INFINITY && old->rlim_cur >= want)
        return 1;
    if (old->rlim_max != RLIM_INFINITY && old->rlim_max < want)
        return 0;
    raised = *old;
    raised.rlim_cur = want;
    return setrlimit(RLIMIT_NOFILE, &raised) == 0;
}

/* A process opened at most 1024 stores: the next open failed with PERSIST_ERROR, "too many stores
 * open in this process". The only limits now are memory and the process's open files. */
static void test_more_than_1024_stores(void **state)
{
    enum { STORES = 1100 };
    char *root = ts_tmpdir(), path[4096];
    persist_store **s = calloc(STORES, sizeof *s), *again = NULL;
    struct rlimit old;
    int before;
    (void)state;
    assert_non_null(s);
    if (!raise_files_limit(STORES * 5 + 256, &old)) {
        print_message("skipped: the hard limit of open files (%llu) is below %d\n",
                      (unsigned long long)old.rlim_max, STORES * 5 + 256);
        free(s);
        ts_rmrf(root);
        free(root);
        skip();
    }
    before = open_descriptors();
    for (int i = 0; i < STORES; i++) {
        int rc;
        snprintf(path, sizeof path, "%s/%d", root, i);
        if ((rc = open_status(path, 0, &s[i])) != PERSIST_OK)
            fail_msg("store %d: %d %s", i, rc, ts_errmsg(s[i]));
    }
    assert_int_equal(open_descriptors(), before + STORES * 5);
    /* Past the first 1024, a store already open is still known as open. */
    snprintf(path, sizeof path, "%s/%d", root, STORES - 1);
    expect_open_fails(path, 0, PERSIST_EBUSY, "already open");
    assert_int_equal(open_status(path, PERSIST_OPEN_READONLY, &again), PERSIST_EBUSY);
    persist_store_close(again);
    for (int i = 0; i < STORES; i++)
        persist_store_close(s[i]);
    assert_int_equal(open_descriptors(), before);
    assert_int_equal(setrlimit(RLIMIT_NOFILE, &old), 0);
    free(s);
    ts_rmrf(root);
    free(root);
}

/* An open that runs out of descriptors said only "I/O error: ...: Too many open files": it now says
 * what the limit is and what to do, leaves no descriptor behind, and the store opens once there is
 * room. */
static void test_out_of_descriptors(void **state)
{
    char *root = ts_tmpdir(), path[4096];
    persist_store *s[8] = {NULL}, *late = NULL;
    struct rlimit old, low;
    int n = 0, rc = PERSIST_OK, before;
    (void)state;
    assert_int_equal(getrlimit(RLIMIT_NOFILE, &old), 0);
    low = old;
    low.rlim_cur = (rlim_t)open_descriptors() + 2 * 5 + 2; /* two writers fit, not three */
    assert_int_equal(setrlimit(RLIMIT_NOFILE, &low), 0);
    for (n = 0; n < 8; n++) {
        snprintf(path, sizeof path, "%s/%d", root, n);
        before = open_descriptors();
        if ((rc = open_status(path, 0, &s[n])) != PERSIST_OK)
            break;
    }
    assert_int_equal(n, 2);
    if (rc != PERSIST_EIO || strstr(ts_errmsg(s[n]), "Too many open files") == NULL ||
        strstr(ts_errmsg(s[n]), "limit of") == NULL || strstr(ts_errmsg(s[n]), "ulimit -n") == NULL)
        fail_msg("open %d: %d %s", n, rc, ts_errmsg(s[n]));
    persist_store_close(s[n]);
    assert_int_equal(open_descriptors(), before);
    assert_int_equal(setrlimit(RLIMIT_NOFILE, &old), 0);
    assert_int_equal(open_status(path, 0, &late), PERSIST_OK); /* the store that failed */
    ts_deploy(late, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    persist_free(ts_submit(late, "add 1"));
    assert_int_equal(ts_head(late), 2);
    persist_store_close(late);
    for (int i = 0; i < n; i++)
        persist_store_close(s[i]);
    ts_rmrf(root);
    free(root);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_linked_data_file),
        cmocka_unit_test(test_second_writer_by_any_path),
        cmocka_unit_test(test_deleted_lock_file),
        cmocka_unit_test(test_linked_lock_files_untouched),
        cmocka_unit_test(test_export_never_replaces_special_files),
        cmocka_unit_test(test_backup_whole_or_not_at_all),
        cmocka_unit_test(test_compaction_waits_for_other_processes),
        cmocka_unit_test(test_prune_on_a_full_map),
        cmocka_unit_test(test_missing_parent_directory),
        cmocka_unit_test(test_a_file_is_not_a_store),
        cmocka_unit_test(test_more_than_1024_stores),
        cmocka_unit_test(test_out_of_descriptors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
