/* test_killed_compaction.c - a writer killed (SIGKILL) in the middle of a prune's compaction, at
 * the test points "compact-copied" (its copy written, not yet locked) and "compact-adopted" (the
 * copy locked as the data file, not yet renamed). The store keeps its old file and every record;
 * the copy, data.mdb.tmp-XXXXXX, was left in the store directory for good (a stress run of 540
 * kills left 25 of them, each up to the size of the store). Now the next writer removes it, and
 * says so in its log; a read-only open leaves it alone (a writer may be compacting). */
#include "support.h"

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"

static const char *kill_at; /* in the child: the point where it kills itself */

int persist__test_point(const char *point);
int persist__test_point(const char *point)
{
    if (kill_at != NULL && strcmp(point, kill_at) == 0)
        raise(SIGKILL);
    return PERSIST_OK;
}

/* The copies in dir: how many, and the name of one in `name`. */
static int copies_in(const char *dir, char *name, size_t cap)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    assert_non_null(d);
    while ((e = readdir(d)) != NULL)
        if (strncmp(e->d_name, "data.mdb.tmp-", 13) == 0) {
            n++;
            snprintf(name, cap, "%s", e->d_name);
        }
    closedir(d);
    return n;
}

/* The writer, in a child process: 10 events, a snapshot, a prune before it that kills the process
 * at `point`. Exits only when something failed before. */
static int writer_killed_at(const char *dir, const char *point)
{
    persist_prune_report rep;
    persist_store *s = NULL;
    const char *code;
    size_t len;
    if (persist_store_open(&s, dir, NULL) != PERSIST_OK)
        return 10;
    code = ts_fixture("testapp_v1.js", &len);
    if (persist_store_deploy(s, code, len, PERSIST_DEPLOY_INIT, NULL) != PERSIST_OK)
        return 11;
    for (int i = 0; i < 10; i++)
        if (persist_store_submit(s, "add 1", 5, NULL, NULL) != PERSIST_OK)
            return 12;
    if (persist_store_snapshot(s) != PERSIST_OK)
        return 13;
    memset(&rep, 0, sizeof rep);
    rep.struct_size = sizeof rep;
    kill_at = point;
    persist_store_prune(s, 11, &rep);
    return 14; /* not reached */
}

static void killed_at(const char *point)
{
    char *dir = ts_tmpdir(), *st, name[256] = "", other[4200];
    persist_prune_report rep;
    persist_options o;
    persist_store *s = NULL;
    int status = 0;
    FILE *f;
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        _exit(writer_killed_at(dir, point));
    assert_int_equal(waitpid(pid, &status, 0), pid);
    if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL)
        fail_msg("the writer was not killed at %s (status 0x%x)", point, status);
    assert_int_equal(copies_in(dir, name, sizeof name), 1);

    /* Not the writer's to remove: a read-only open, and names that only look alike. */
    persist_options_init(&o, sizeof o);
    o.flags = PERSIST_OPEN_READONLY;
    TS_OK(s, persist_store_open(&s, dir, &o));
    assert_int_equal(ts_head(s), 11);
    TS_OK(s, persist_store_close(s));
    assert_int_equal(copies_in(dir, name, sizeof name), 1);
    snprintf(other, sizeof other, "%s/data.mdb.tmp-keep-me", dir);
    assert_non_null(f = fopen(other, "w"));
    fclose(f);

    persist_options_init(&o, sizeof o);
    o.log_fn = ts_keep_message;
    ts_messages[0] = '\0';
    TS_OK(s, persist_store_open(&s, dir, &o));
    assert_non_null(strstr(ts_messages, "removed 1 copies of data.mdb"));
    assert_non_null(strstr(ts_messages, "compactions that were interrupted"));
    assert_int_equal(copies_in(dir, name, sizeof name), 1); /* the look-alike */
    assert_string_equal(name, "data.mdb.tmp-keep-me");
    assert_int_equal(ts_head(s), 11);
    st = ts_state(s);
    assert_string_equal(st, "{\"v\":1,\"n\":10,\"hist\":\"\"}");
    persist_free(st);
    memset(&rep, 0, sizeof rep);
    rep.struct_size = sizeof rep;
    TS_OK(s, persist_store_prune(s, 11, &rep)); /* and the next compaction works */
    assert_int_equal(rep.compacted, 1);
    ts_close_and_expect_reopened(s, dir);
    ts_rmrf(dir);
    free(dir);
}

static void test_killed_after_the_copy(void **state)
{
    (void)state;
    killed_at("compact-copied");
}

static void test_killed_before_the_rename(void **state)
{
    (void)state;
    killed_at("compact-adopted");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_killed_after_the_copy),
        cmocka_unit_test(test_killed_before_the_rename),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
