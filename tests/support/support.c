/* support.c - helpers shared by the cmocka tests. */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

char *ts_tmpdir(void)
{
    const char *base = getenv("TMPDIR");
    char *path = malloc(4096);
    assert_non_null(path);
    snprintf(path, 4096, "%s/persist-test-XXXXXX", base && base[0] ? base : "/tmp");
    assert_non_null(mkdtemp(path));
    return path;
}

void ts_rmrf(const char *path)
{
    char cmd[4200];
    if (path == NULL || strstr(path, "persist-test-") == NULL)
        return; /* never remove anything the tests did not create */
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", path);
}

char *ts_read_file(const char *path, size_t *len)
{
    char full[4096];
    FILE *f;
    long n;
    char *buf;
    if (path[0] == '/')
        snprintf(full, sizeof full, "%s", path);
    else
        snprintf(full, sizeof full, "%s/%s", PERSIST_SOURCE_DIR, path);
    f = fopen(full, "rb");
    if (f == NULL)
        fail_msg("cannot open %s", full);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    buf[n] = '\0';
    if (len != NULL)
        *len = (size_t)n;
    return buf;
}

char *ts_fixture(const char *name, size_t *len)
{
    char path[1024];
    if (strchr(name, '/') != NULL)
        return ts_read_file(name, len);
    snprintf(path, sizeof path, "tests/fixtures/%s", name);
    return ts_read_file(path, len);
}

const char *ts_errmsg(persist_store *s)
{
    static char buf[4096];
    persist_store_errmsg(s, buf, sizeof buf);
    return buf;
}

void ts_expect(persist_store *s, int rc, int expected, const char *what, const char *file, int line)
{
    if (rc != expected)
        fail_msg("%s:%d: %s returned %d (%s), expected %d (%s); message: %s", file, line, what, rc,
                 persist_strerror(rc), expected, persist_strerror(expected), ts_errmsg(s));
}

persist_store *ts_open(const char *dir, const persist_options *opts)
{
    persist_store *s = NULL;
    persist_options o;
    persist_options_init(&o, sizeof o);
    o.snapshot_every = 7;
    int rc = persist_store_open(&s, dir, opts != NULL ? opts : &o);
    if (rc != PERSIST_OK)
        fail_msg("open %s: %d %s", dir, rc, ts_errmsg(s));
    return s;
}

void ts_deploy(persist_store *s, const char *fixture, uint32_t mode)
{
    size_t n;
    char *code = ts_fixture(fixture, &n);
    TS_OK(s, persist_store_deploy(s, code, n, mode, NULL));
    free(code);
}

char *ts_submit(persist_store *s, const char *event)
{
    char *resp = NULL;
    size_t n = 0;
    TS_OK(s, persist_store_submit(s, event, strlen(event), &resp, &n));
    assert_non_null(resp);
    assert_int_equal(strlen(resp), n);
    return resp;
}

char *ts_state(persist_store *s)
{
    char *out = NULL;
    size_t n = 0;
    TS_OK(s, persist_store_state(s, &out, &n));
    assert_non_null(out);
    assert_int_equal(strlen(out), n);
    return out;
}

persist_store *ts_store_with_snapshot(const char *dir)
{
    persist_store *s = ts_open(dir, NULL);
    ts_deploy(s, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    for (int i = 0; i < 10; i++)
        persist_free(ts_submit(s, "add 1"));
    TS_OK(s, persist_store_snapshot(s));
    assert_int_equal(ts_head(s), 11);
    return s;
}

void ts_close_and_remove(persist_store *a, char *adir, persist_store *b, char *bdir)
{
    persist_store_close(b);
    persist_store_close(a);
    ts_rmrf(adir);
    ts_rmrf(bdir);
    free(adir);
    free(bdir);
}

void ts_close_and_expect_reopened(persist_store *s, const char *dir)
{
    char *before = ts_state(s), *after;
    persist_store_close(s);
    s = ts_open(dir, NULL);
    after = ts_state(s);
    assert_string_equal(after, before);
    persist_free(after);
    persist_free(before);
    persist_store_close(s);
}

uint64_t ts_head(persist_store *s)
{
    uint64_t h = 0;
    TS_OK(s, persist_store_head(s, &h));
    return h;
}

char *ts_data_file(const char *dir, size_t *len)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/data.mdb", dir);
    return ts_read_file(path, len);
}

void ts_assert_data_unchanged(const char *dir, const char *before, size_t before_len)
{
    size_t n;
    char *now = ts_data_file(dir, &n);
    assert_int_equal(n, before_len);
    assert_memory_equal(now, before, n);
    free(now);
}

int ts_damage_file(const char *dir, const char *marker)
{
    size_t n, m = strlen(marker);
    char *data = ts_data_file(dir, &n), path[4200];
    int hits = 0;
    FILE *f;
    snprintf(path, sizeof path, "%s/data.mdb", dir);
    f = fopen(path, "r+b");
    assert_non_null(f);
    for (size_t i = 0; i + m <= n; i++)
        if (memcmp(data + i, marker, m) == 0) {
            assert_int_equal(fseek(f, (long)(i + m - 1), SEEK_SET), 0);
            assert_int_equal(fputc(marker[m - 1] ^ 0x01, f), marker[m - 1] ^ 0x01);
            hits++;
        }
    fclose(f);
    free(data);
    return hits;
}

uint64_t ts_splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

void ts_expect_child(int pid)
{
    int status = 0;
    assert_int_equal(waitpid((pid_t)pid, &status, 0), pid);
    if (!WIFEXITED(status))
        fail_msg("child process did not exit normally (status 0x%x)", status);
    if (WEXITSTATUS(status) != 0)
        fail_msg("child process reported failure %d", WEXITSTATUS(status));
}

int ts_fork_idle_child(int *exit_fd)
{
    int ready[2], quit[2];
    char c;
    pid_t pid;
    assert_int_equal(pipe(ready), 0);
    assert_int_equal(pipe(quit), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(ready[0]);
        close(quit[1]);
        _exit(write(ready[1], "r", 1) == 1 && read(quit[0], &c, 1) >= 0 ? 0 : 1);
    }
    close(ready[1]);
    close(quit[0]);
    assert_int_equal(read(ready[0], &c, 1), 1);
    close(ready[0]);
    *exit_fd = quit[1];
    return (int)pid;
}

void ts_end_idle_child(int pid, int exit_fd)
{
    close(exit_fd);
    ts_expect_child(pid);
}

char ts_messages[8192];

void ts_keep_message(int level, const char *message, size_t len, void *userdata)
{
    size_t used = strlen(ts_messages);
    (void)level;
    (void)userdata;
    if (used + len + 2 <= sizeof ts_messages) {
        memcpy(ts_messages + used, message, len);
        ts_messages[used + len] = '\n';
        ts_messages[used + len + 1] = '\0';
    }
}
