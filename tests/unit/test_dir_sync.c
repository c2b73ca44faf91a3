/* test_dir_sync.c - the directory entries of a store reach the disk before anything is
 * acknowledged. An fsync of data.mdb does not make its name durable: that takes an fsync of the
 * directory. A writer's open created data.mdb (and the store's directory) without one, so a power
 * failure soon after could lose the whole store, acknowledged events and all; and a compaction
 * whose directory sync failed after its rename reported the file as not compacted and went on
 * acknowledging events into a file whose name might not survive a crash (found by reading the
 * code).
 *
 * This program defines fsync, so the library's calls come here: directories synced are recorded,
 * and fail_dirs makes the next directory syncs fail with EIO. */
#include "support.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static struct stat synced_dirs[64];
static int n_synced, fail_dirs;

int fsync(int fd);
int fsync(int fd)
{
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        if (fail_dirs > 0) {
            fail_dirs--;
            errno = EIO;
            return -1;
        }
        if (n_synced < (int)(sizeof synced_dirs / sizeof synced_dirs[0]))
            synced_dirs[n_synced++] = st;
    }
    return (int)syscall(SYS_fsync, fd);
}

/* Whether the directory at path was synced since n_synced was last set to 0. */
static int was_synced(const char *path)
{
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    for (int i = 0; i < n_synced; i++)
        if (synced_dirs[i].st_dev == st.st_dev && synced_dirs[i].st_ino == st.st_ino)
            return 1;
    return 0;
}

static void expect_state(persist_store *s, const char *want)
{
    char *st = ts_state(s);
    assert_string_equal(st, want);
    persist_free(st);
}

static char *path_in(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    assert_non_null(p);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

/* A writer's open syncs the store's directory, and its parent when it created it; a read-only
 * open creates nothing and syncs nothing. */
static void test_open_syncs_the_directory(void **state)
{
    char *parent = ts_tmpdir(), *dir = path_in(parent, "store");
    persist_options o;
    persist_store *s, *r = NULL;
    (void)state;
    n_synced = 0;
    s = ts_open(dir, NULL);
    if (!was_synced(dir) || !was_synced(parent))
        fail_msg("creating %s synced the store directory: %d, its parent: %d", dir, was_synced(dir),
                 was_synced(parent));
    ts_deploy(s, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    persist_free(ts_submit(s, "add 1"));
    TS_OK(s, persist_store_close(s));

    n_synced = 0;
    s = ts_open(dir, NULL);
    assert_true(was_synced(dir));
    assert_false(was_synced(parent)); /* it existed */
    TS_OK(s, persist_store_close(s));

    n_synced = 0;
    persist_options_init(&o, sizeof o);
    o.flags = PERSIST_OPEN_READONLY;
    TS_OK(r, persist_store_open(&r, dir, &o));
    assert_int_equal(n_synced, 0);
    expect_state(r, "{\"v\":1,\"n\":1,\"hist\":\"\"}");
    TS_OK(r, persist_store_close(r));
    ts_rmrf(parent);
    free(dir);
    free(parent);
}

/* An open whose directory sync fails is refused, says why, and leaves the store as it was. */
static void test_open_fails_when_the_directory_cannot_be_synced(void **state)
{
    char *dir = ts_tmpdir();
    persist_store *s = ts_open(dir, NULL), *w = NULL;
    int rc;
    (void)state;
    ts_deploy(s, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    persist_free(ts_submit(s, "add 1"));
    TS_OK(s, persist_store_close(s));
    fail_dirs = 1;
    rc = persist_store_open(&w, dir, NULL);
    assert_int_equal(fail_dirs, 0);
    if (rc != PERSIST_EIO || strstr(ts_errmsg(w), "syncing the directory") == NULL)
        fail_msg("open with a failing directory sync: %d %s", rc, ts_errmsg(w));
    persist_store_close(w);
    s = ts_open(dir, NULL); /* the failed open left no lock behind */
    expect_state(s, "{\"v\":1,\"n\":1,\"hist\":\"\"}");
    TS_OK(s, persist_store_close(s));
    ts_rmrf(dir);
    free(dir);
}

/* A compaction syncs the directory after its rename. When that sync fails, the file was replaced
 * (the report says so), the prune fails with the reason and what to do, and the handle refuses
 * further events: they would be acknowledged in a file whose name may not survive a crash. The
 * next open syncs the directory and has every event. */
static void test_compaction_whose_directory_sync_fails(void **state)
{
    char *dir = ts_tmpdir();
    persist_prune_report rep;
    persist_store *s;
    (void)state;
    s = ts_store_with_snapshot(dir);
    memset(&rep, 0, sizeof rep);
    rep.struct_size = sizeof rep;
    n_synced = 0;
    TS_OK(s, persist_store_prune(s, 11, &rep));
    assert_int_equal(rep.compacted, 1);
    assert_true(was_synced(dir));
    persist_free(ts_submit(s, "add 1"));

    TS_OK(s, persist_store_snapshot(s));
    memset(&rep, 0, sizeof rep);
    rep.struct_size = sizeof rep;
    fail_dirs = 1;
    TS_FAILS(s, persist_store_prune(s, ts_head(s), &rep), PERSIST_EIO);
    assert_int_equal(fail_dirs, 0);
    assert_int_equal(rep.compacted, 1);
    assert_non_null(strstr(ts_errmsg(s), "close the store and open it again"));
    assert_non_null(strstr(ts_errmsg(s), "syncing the directory"));
    assert_null(strstr(ts_errmsg(s), "compacting the file failed"));
    TS_FAILS(s, persist_store_submit(s, "add 1", 5, NULL, NULL), PERSIST_EFATAL);
    TS_OK(s, persist_store_close(s));

    n_synced = 0;
    s = ts_open(dir, NULL);
    assert_true(was_synced(dir));
    expect_state(s, "{\"v\":1,\"n\":11,\"hist\":\"\"}");
    persist_free(ts_submit(s, "add 1"));
    ts_close_and_expect_reopened(s, dir);
    ts_rmrf(dir);
    free(dir);
}

/* A backup into a directory it creates syncs that directory's entry in its parent as well as the
 * copy's entry (the parent was not synced). */
static void test_backup_syncs_its_new_directory(void **state)
{
    char *dir = ts_tmpdir(), *parent = ts_tmpdir(), *backup = path_in(parent, "backup");
    persist_store *s = ts_store_with_snapshot(dir), *b;
    (void)state;
    n_synced = 0;
    TS_OK(s, persist_store_backup(s, backup));
    if (!was_synced(backup) || !was_synced(parent))
        fail_msg("a backup into a new directory synced it: %d, its parent: %d", was_synced(backup),
                 was_synced(parent));
    TS_OK(s, persist_store_close(s));
    b = ts_open(backup, NULL);
    expect_state(b, "{\"v\":1,\"n\":10,\"hist\":\"\"}");
    TS_OK(b, persist_store_close(b));
    ts_rmrf(dir);
    ts_rmrf(parent);
    free(backup);
    free(dir);
    free(parent);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_syncs_the_directory),
        cmocka_unit_test(test_open_fails_when_the_directory_cannot_be_synced),
        cmocka_unit_test(test_compaction_whose_directory_sync_fails),
        cmocka_unit_test(test_backup_syncs_its_new_directory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
