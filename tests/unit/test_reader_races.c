/* test_reader_races.c - a read-only handle against a writer that prunes at the worst moment.
 * A read-only open reads the state in one transaction and the time of its head record in the
 * next; a writer (another process) that pruned that record in between made the open fail with
 * PERSIST_ENOTFOUND ("record N is not in the store"), found by a stress run of forks, submits and
 * prunes. The test point "restored" stops the open between the two while the writer prunes.
 *
 * The same stress run found the other side: a prune's compaction released the old file's locks
 * before it renamed its copy over data.mdb, so a process opening the store just then opened the
 * old file while the writer had closed it (the writer's reopen then failed with PERSIST_EFATAL, or
 * the reader read meta pages of two files). The test point "compact-adopted" stops the compaction
 * there, or fails its rename. And persist_store_verify on a read-only handle whose record the
 * writer has pruned since, and a second writer open in the writer's own process that found the old
 * data.mdb just before a compaction replaced it (test point "data-opened"). Opens of the store in
 * the writer's own process while its compaction is in that window are refused at once as the
 * second handle they are (a reader waited for the compaction; a writer was told that "another
 * process" with the writer's own pid had the store), and a failed rename leaves the log open
 * (test point "log-opening": the compaction closed and reopened it, and a failed reopen left the
 * handle refusing everything but close). */
#include "support.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"

static int to_writer[2] = {-1, -1}, from_writer[2] = {-1, -1};
static int armed;

/* "compact-adopted": HOLD tells the reader child to open (to_reader), waits for it to reach its
 * open of data.mdb (from_reader: "d", test point "data-opened" in the child), then up to a second
 * for it to say it has opened (from_reader: "o"); FAIL fails the rename with EIO; IN_PROCESS opens
 * the store in this process, as a writer and read-only (results in in_process_rc and _msg). */
enum { NONE, HOLD, FAIL, IN_PROCESS };
static int compaction = NONE, opened_during_compaction, reader_child;
static int to_reader[2] = {-1, -1}, from_reader[2] = {-1, -1};
static const char *in_process_dir;
static int in_process_rc[2];
static char in_process_msg[2][512];

/* "log-opening": fails while set, with EIO (cleared by the test). */
static int fail_log_open;

/* "data-opened": the next open to come (another thread's) says so and waits for the word. */
static atomic_int hold_open;
static int opener_inside[2] = {-1, -1}, opener_go[2] = {-1, -1};

int persist__test_point(const char *point);
int persist__test_point(const char *point)
{
    struct pollfd p = {.events = POLLIN};
    char c;
    if (armed && strcmp(point, "restored") == 0) {
        armed = 0;
        if (write(to_writer[1], "p", 1) != 1 || read(from_writer[0], &c, 1) != 1)
            abort();
    }
    if (reader_child && strcmp(point, "data-opened") == 0 && write(from_reader[1], "d", 1) != 1)
        _exit(20);
    if (compaction == HOLD && strcmp(point, "compact-adopted") == 0) {
        compaction = NONE;
        p.fd = from_reader[0];
        if (write(to_reader[1], "o", 1) != 1 || read(from_reader[0], &c, 1) != 1 || c != 'd')
            abort();
        opened_during_compaction = poll(&p, 1, 1000) == 1;
    }
    if (compaction == IN_PROCESS && strcmp(point, "compact-adopted") == 0) {
        compaction = NONE;
        for (int i = 0; i < 2; i++) {
            persist_options o;
            persist_store *h = NULL;
            persist_options_init(&o, sizeof o);
            o.flags = i == 0 ? 0 : PERSIST_OPEN_READONLY;
            in_process_rc[i] = persist_store_open(&h, in_process_dir, &o);
            snprintf(in_process_msg[i], sizeof in_process_msg[i], "%s", ts_errmsg(h));
            persist_store_close(h);
        }
    }
    if (fail_log_open && strcmp(point, "log-opening") == 0) {
        errno = EIO;
        return PERSIST_EIO;
    }
    if (strcmp(point, "data-opened") == 0 && atomic_exchange(&hold_open, 0) &&
        (write(opener_inside[1], "i", 1) != 1 || read(opener_go[0], &c, 1) != 1))
        abort();
    if (compaction == FAIL && strcmp(point, "compact-adopted") == 0) {
        compaction = NONE;
        errno = EIO;
        return PERSIST_EIO;
    }
    return PERSIST_OK;
}

/* The writer, in a child process: 5 events, then on the word 5 more, a snapshot and a prune of
 * everything before it; exits when the pipe closes. Exit codes name the step that failed. */
static int writer(const char *dir)
{
    persist_prune_report rep;
    persist_store *s = NULL;
    const char *code;
    size_t len;
    char c;
    int i;
    if (persist_store_open(&s, dir, NULL) != PERSIST_OK)
        return 10;
    code = ts_fixture("testapp_v1.js", &len);
    if (persist_store_deploy(s, code, len, PERSIST_DEPLOY_INIT, NULL) != PERSIST_OK)
        return 11;
    for (i = 0; i < 5; i++)
        if (persist_store_submit(s, "add 1", 5, NULL, NULL) != PERSIST_OK)
            return 12;
    if (write(from_writer[1], "r", 1) != 1 || read(to_writer[0], &c, 1) != 1)
        return 13;
    for (i = 0; i < 5; i++)
        if (persist_store_submit(s, "add 1", 5, NULL, NULL) != PERSIST_OK)
            return 14;
    memset(&rep, 0, sizeof rep);
    rep.struct_size = sizeof rep;
    if (persist_store_snapshot(s) != PERSIST_OK || persist_store_prune(s, 11, &rep) != PERSIST_OK ||
        rep.kept_from != 11)
        return 15;
    if (write(from_writer[1], "d", 1) != 1)
        return 16;
    while (read(to_writer[0], &c, 1) > 0)
        ;
    persist_store_close(s);
    return 0;
}

static void test_open_while_the_writer_prunes(void **state)
{
    char *dir = ts_tmpdir(), *st, c;
    persist_options o;
    persist_store *r = NULL;
    int rc;
    pid_t pid;
    (void)state;
    assert_int_equal(pipe(to_writer), 0);
    assert_int_equal(pipe(from_writer), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(to_writer[1]);
        close(from_writer[0]);
        _exit(writer(dir));
    }
    close(to_writer[0]); /* a writer that fails closes the only write end: reads see the end */
    close(from_writer[1]);
    assert_int_equal(read(from_writer[0], &c, 1), 1); /* 6 records: the deploy and 5 events */

    persist_options_init(&o, sizeof o);
    o.flags = PERSIST_OPEN_READONLY;
    armed = 1;
    rc = persist_store_open(&r, dir, &o);
    if (rc != PERSIST_OK)
        fail_msg("read-only open while the writer pruned its head record: %d %s", rc, ts_errmsg(r));
    /* Its calls catch up with the writer; the state then needs records that are gone, so the
     * restore path starts from the writer's snapshot. */
    TS_OK(r, persist_store_refresh(r));
    assert_int_equal(ts_head(r), 11);
    st = ts_state(r);
    assert_string_equal(st, "{\"v\":1,\"n\":10,\"hist\":\"\"}");
    persist_free(st);
    assert_int_equal(persist_store_close(r), PERSIST_OK);

    close(to_writer[1]);
    ts_expect_child(pid);
    ts_rmrf(dir);
    free(dir);
}

/* The reader, in a child process: on the word, opens dir read-only, says so, and checks the
 * state. Exit codes name the step that failed. */
static int reader(const char *dir)
{
    persist_options o;
    persist_store *r = NULL;
    char c, *st = NULL;
    size_t n = 0;
    int rc;
    if (read(to_reader[0], &c, 1) != 1)
        return 10;
    persist_options_init(&o, sizeof o);
    o.flags = PERSIST_OPEN_READONLY;
    if (persist_store_open(&r, dir, &o) != PERSIST_OK)
        return 11;
    if (write(from_reader[1], "o", 1) != 1)
        return 12;
    if (persist_store_state(r, &st, &n) != PERSIST_OK)
        return 13;
    rc = strcmp(st, "{\"v\":1,\"n\":10,\"hist\":\"\"}") == 0 ? 0 : 14;
    persist_free(st);
    return persist_store_close(r) == PERSIST_OK ? rc : 15;
}

/* A process that opens the store while the writer's compaction is between taking the copy's locks
 * and renaming it waits for the compaction to end, then reads the compacted file; the writer's
 * handle goes on working. */
static void test_open_while_the_writer_compacts(void **state)
{
    char *dir = ts_tmpdir(), *st;
    persist_prune_report rep;
    persist_store *s;
    pid_t pid;
    (void)state;
    s = ts_store_with_snapshot(dir);
    assert_int_equal(pipe(to_reader), 0);
    assert_int_equal(pipe(from_reader), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(to_reader[1]); /* a parent that fails first: the child's read ends, it exits */
        close(from_reader[0]);
        alarm(60);
        reader_child = 1;
        _exit(reader(dir));
    }
    memset(&rep, 0, sizeof rep);
    rep.struct_size = sizeof rep;
    compaction = HOLD;
    TS_OK(s, persist_store_prune(s, 11, &rep));
    assert_int_equal(compaction, NONE); /* the test point ran */
    assert_int_equal(rep.compacted, 1);
    assert_int_equal(rep.kept_from, 11);
    if (opened_during_compaction)
        fail_msg("another process opened the store while its file was being replaced");
    ts_expect_child(pid);
    persist_free(ts_submit(s, "add 1"));
    st = ts_state(s);
    assert_string_equal(st, "{\"v\":1,\"n\":11,\"hist\":\"\"}");
    persist_free(st);
    ts_close_and_expect_reopened(s, dir);
    for (int i = 0; i < 2; i++) {
        close(to_reader[i]);
        close(from_reader[i]);
    }
    ts_rmrf(dir);
    free(dir);
}

/* Another process's writer open of dir: 0 when it is refused with PERSIST_EBUSY. */
static int writer_open_is_refused(const char *dir)
{
    persist_store *w = NULL;
    pid_t pid = fork();
    int status = 0;
    if (pid == 0) {
        int rc = persist_store_open(&w, dir, NULL);
        _exit(rc == PERSIST_EBUSY ? 0 : 1);
    }
    return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
           WEXITSTATUS(status) == 0;
}

static int temp_files_in(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    assert_non_null(d);
    while ((e = readdir(d)) != NULL)
        n += strstr(e->d_name, ".tmp-") != NULL;
    closedir(d);
    return n;
}

/* A compaction whose rename fails keeps the old file as the store's, locked: the handle goes on
 * working, other processes still find the writer, and the copy is removed. */
static void test_a_failed_rename_keeps_the_old_file(void **state)
{
    char *dir = ts_tmpdir(), *st;
    persist_prune_report rep;
    persist_options o;
    persist_store *s, *r = NULL;
    (void)state;
    s = ts_store_with_snapshot(dir);
    assert_true(writer_open_is_refused(dir));
    memset(&rep, 0, sizeof rep);
    rep.struct_size = sizeof rep;
    compaction = FAIL;
    fail_log_open = 1; /* the log stays open: it is not reopened, so it cannot fail to be */
    TS_FAILS(s, persist_store_prune(s, 11, &rep), PERSIST_EIO);
    fail_log_open = 0;
    assert_int_equal(compaction, NONE);
    assert_non_null(strstr(ts_errmsg(s), "replacing the store file"));
    assert_int_equal(rep.compacted, 0);
    assert_true(writer_open_is_refused(dir));
    assert_int_equal(temp_files_in(dir), 0);
    persist_options_init(&o, sizeof o); /* the registry knows the old file again */
    o.flags = PERSIST_OPEN_READONLY;
    TS_FAILS(r, persist_store_open(&r, dir, &o), PERSIST_EBUSY);
    assert_non_null(strstr(ts_errmsg(r), "already open in this process"));
    persist_store_close(r);
    persist_free(ts_submit(s, "add 1"));
    st = ts_state(s);
    assert_string_equal(st, "{\"v\":1,\"n\":11,\"hist\":\"\"}");
    persist_free(st);
    assert_int_equal(ts_head(s), 12);
    ts_close_and_expect_reopened(s, dir);
    ts_rmrf(dir);
    free(dir);
}

/* After a failed rename the presence lock is on the file at the path again: a reader in another
 * process keeps the next prune from compacting (a review's check). */
static void test_a_reader_after_a_failed_rename_stops_compaction(void **state)
{
    char *dir = ts_tmpdir(), c;
    persist_prune_report rep;
    persist_store *s;
    int ready[2], quit[2];
    pid_t pid;
    (void)state;
    s = ts_store_with_snapshot(dir);
    memset(&rep, 0, sizeof rep);
    rep.struct_size = sizeof rep;
    compaction = FAIL;
    TS_FAILS(s, persist_store_prune(s, 11, &rep), PERSIST_EIO);
    assert_int_equal(pipe(ready), 0);
    assert_int_equal(pipe(quit), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        persist_options o;
        persist_store *r = NULL;
        close(quit[1]);
        close(ready[0]);
        alarm(60);
        persist_options_init(&o, sizeof o);
        o.flags = PERSIST_OPEN_READONLY;
        if (persist_store_open(&r, dir, &o) != PERSIST_OK)
            _exit(2);
        if (write(ready[1], "r", 1) != 1)
            _exit(3);
        (void)!read(quit[0], &c, 1);
        _exit(persist_store_close(r) == PERSIST_OK ? 0 : 4);
    }
    close(quit[0]);
    close(ready[1]);
    assert_int_equal(read(ready[0], &c, 1), 1);
    persist_free(ts_submit(s, "add 1"));
    TS_OK(s, persist_store_snapshot(s));
    memset(&rep, 0, sizeof rep);
    rep.struct_size = sizeof rep;
    TS_OK(s, persist_store_prune(s, ts_head(s), &rep));
    close(quit[1]);
    close(ready[0]);
    ts_expect_child(pid);
    assert_int_equal(rep.kept_from, 12);
    if (rep.compacted)
        fail_msg("prune compacted data.mdb while another process had it open");
    ts_close_and_expect_reopened(s, dir);
    ts_rmrf(dir);
    free(dir);
}

/* Opens in the writer's own process while its compaction's copy is about to replace data.mdb are
 * refused at once as second handles (a reader waited for the compaction, up to 30 s when in the
 * compacting thread; a writer was told that another process, with the writer's own pid, had the
 * store). */
static void test_opens_in_the_process_during_compaction(void **state)
{
    char *dir = ts_tmpdir();
    persist_prune_report rep;
    persist_store *s;
    (void)state;
    s = ts_store_with_snapshot(dir);
    memset(&rep, 0, sizeof rep);
    rep.struct_size = sizeof rep;
    in_process_dir = dir;
    compaction = IN_PROCESS;
    TS_OK(s, persist_store_prune(s, 11, &rep));
    assert_int_equal(compaction, NONE);
    assert_int_equal(rep.compacted, 1);
    for (int i = 0; i < 2; i++)
        if (in_process_rc[i] != PERSIST_EBUSY ||
            strstr(in_process_msg[i], "in this process; share that handle") == NULL)
            fail_msg("%s open during the compaction: %d %s", i == 0 ? "writer" : "read-only",
                     in_process_rc[i], in_process_msg[i]);
    persist_free(ts_submit(s, "add 1"));
    ts_close_and_expect_reopened(s, dir);
    ts_rmrf(dir);
    free(dir);
}

/* The writer, in a child process: 3 more events, a snapshot at record 7 and a prune before it. */
static int writer_prunes_ahead(const char *dir)
{
    persist_prune_report rep;
    persist_store *s = NULL;
    if (persist_store_open(&s, dir, NULL) != PERSIST_OK)
        return 10;
    for (int i = 0; i < 3; i++)
        if (persist_store_submit(s, "add 1", 5, NULL, NULL) != PERSIST_OK)
            return 11;
    memset(&rep, 0, sizeof rep);
    rep.struct_size = sizeof rep;
    if (persist_store_snapshot(s) != PERSIST_OK || persist_store_prune(s, 7, &rep) != PERSIST_OK ||
        rep.kept_from != 7 || rep.compacted)
        return 12;
    return persist_store_close(s) == PERSIST_OK ? 0 : 13;
}

/* verify on a read-only handle whose record the writer has pruned since: the store is sound, so
 * no problem; the restore path is checked at the store's head, and the log says the live state
 * was not compared (found by a stress run: "record 1 is missing (next stored record is 7)",
 * PERSIST_ECORRUPT, and `persist verify` told the user to restore a sound store from a backup). */
static void test_verify_behind_a_pruning_writer(void **state)
{
    char *dir = ts_tmpdir(), *st;
    persist_verify_report rep;
    persist_options o;
    persist_store *s, *r = NULL;
    pid_t pid;
    (void)state;
    s = ts_open(dir, NULL);
    ts_deploy(s, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    for (int i = 0; i < 3; i++)
        persist_free(ts_submit(s, "add 1"));
    TS_OK(s, persist_store_close(s));
    persist_options_init(&o, sizeof o);
    o.flags = PERSIST_OPEN_READONLY;
    o.log_fn = ts_keep_message;
    TS_OK(r, persist_store_open(&r, dir, &o));
    assert_int_equal(ts_head(r), 4);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        _exit(writer_prunes_ahead(dir));
    ts_expect_child(pid);

    memset(&rep, 0, sizeof rep);
    rep.struct_size = sizeof rep;
    ts_messages[0] = '\0';
    TS_OK(r, persist_store_verify(r, 0, &rep));
    assert_int_equal(rep.problems, 0);
    assert_int_equal(rep.first_problem_seq, 0);
    assert_int_equal(rep.records_checked, 1); /* record 7 */
    assert_non_null(strstr(ts_messages, "the live state was not compared"));
    assert_non_null(strstr(ts_messages, "checked at record 7"));
    st = ts_state(r); /* verify does not move the handle */
    assert_string_equal(st, "{\"v\":1,\"n\":3,\"hist\":\"\"}");
    persist_free(st);

    TS_OK(r, persist_store_refresh(r));
    assert_int_equal(ts_head(r), 7);
    st = ts_state(r);
    assert_string_equal(st, "{\"v\":1,\"n\":6,\"hist\":\"\"}");
    persist_free(st);
    ts_messages[0] = '\0';
    TS_OK(r, persist_store_verify(r, 0, &rep));
    assert_int_equal(rep.problems, 0);
    assert_null(strstr(ts_messages, "not compared"));
    assert_int_equal(persist_store_close(r), PERSIST_OK);
    ts_rmrf(dir);
    free(dir);
}

static char open_writer_msg[512];

static void *open_writer(void *arg)
{
    persist_store *s = NULL;
    intptr_t rc = persist_store_open(&s, arg, NULL);
    snprintf(open_writer_msg, sizeof open_writer_msg, "%s", ts_errmsg(s));
    persist_store_close(s);
    return (void *)rc;
}

/* In a child process: 0 when another process holds a lock on lock.mdb (LMDB's, of the parent). */
static int lock_file_locked(const char *dir)
{
    char path[4200];
    struct flock fl;
    int fd, status = 0;
    pid_t pid = fork();
    if (pid == 0) {
        snprintf(path, sizeof path, "%s/lock.mdb", dir);
        memset(&fl, 0, sizeof fl);
        fl.l_type = F_WRLCK;
        fl.l_whence = SEEK_SET;
        fd = open(path, O_RDWR);
        _exit(fd >= 0 && fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK ? 0 : 1);
    }
    return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
           WEXITSTATUS(status) == 0;
}

/* A second writer open in the process of the writer, which found the old file just before a
 * compaction replaced it: refused, and without touching lock.mdb. Closing any descriptor of
 * lock.mdb drops every POSIX lock the process holds on it, LMDB's too: the writer's environment
 * then looked unused to other processes, and the next one to open would reset its reader table
 * (found by reading the code after a stress run; before, lock.mdb was opened and closed here). */
static void test_second_writer_open_during_compaction(void **state)
{
    char *dir = ts_tmpdir(), c;
    persist_verify_report vr;
    persist_prune_report rep;
    persist_store *s;
    pthread_t opener;
    void *result;
    (void)state;
    s = ts_store_with_snapshot(dir);
    assert_true(lock_file_locked(dir));
    assert_int_equal(pipe(opener_inside), 0);
    assert_int_equal(pipe(opener_go), 0);
    atomic_store(&hold_open, 1);
    assert_int_equal(pthread_create(&opener, NULL, open_writer, dir), 0);
    assert_int_equal(read(opener_inside[0], &c, 1), 1); /* it has the old data.mdb open */
    memset(&rep, 0, sizeof rep);
    rep.struct_size = sizeof rep;
    TS_OK(s, persist_store_prune(s, 11, &rep));
    assert_int_equal(rep.compacted, 1);
    assert_int_equal(write(opener_go[1], "g", 1), 1);
    assert_int_equal(pthread_join(opener, &result), 0);
    assert_int_equal((intptr_t)result, PERSIST_EBUSY);
    assert_non_null(strstr(open_writer_msg, "already open for writing in this process"));
    if (!lock_file_locked(dir))
        fail_msg("the writer's process lost its locks on lock.mdb");
    persist_free(ts_submit(s, "add 1"));
    memset(&vr, 0, sizeof vr);
    vr.struct_size = sizeof vr;
    TS_OK(s, persist_store_verify(s, 0, &vr));
    ts_close_and_expect_reopened(s, dir);
    for (int i = 0; i < 2; i++) {
        close(opener_inside[i]);
        close(opener_go[i]);
    }
    ts_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_while_the_writer_prunes),
        cmocka_unit_test(test_open_while_the_writer_compacts),
        cmocka_unit_test(test_a_failed_rename_keeps_the_old_file),
        cmocka_unit_test(test_a_reader_after_a_failed_rename_stops_compaction),
        cmocka_unit_test(test_opens_in_the_process_during_compaction),
        cmocka_unit_test(test_verify_behind_a_pruning_writer),
        cmocka_unit_test(test_second_writer_open_during_compaction),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
