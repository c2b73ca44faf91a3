/* support.h - helpers shared by the cmocka tests: temporary stores, fixtures, assertions. */
#ifndef PERSIST_TEST_SUPPORT_H
#define PERSIST_TEST_SUPPORT_H

/* cmocka 1.1.5 needs these before it (a block of their own, so clang-format keeps the order). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <persist.h>

#ifndef PERSIST_SOURCE_DIR
#define PERSIST_SOURCE_DIR "."
/* splitmix64: the next number of a small seedable generator (the random games and sequences). */
uint64_t ts_splitmix64(uint64_t *x);

#endif

/* A fresh empty directory under $TMPDIR (or /tmp); malloc'd path. */
char *ts_tmpdir(void);
/* Remove a directory tree (best effort). */
void ts_rmrf(const char *path);
/* Read a whole file (path relative to the source tree unless absolute); malloc'd, NUL-added. */
char *ts_read_file(const char *path, size_t *len);
/* Read tests/fixtures/<name>. */
char *ts_fixture(const char *name, size_t *len);

/* Fail the test with the store's message unless rc == expected. */
void ts_expect(persist_store *s, int rc, int expected, const char *what, const char *file,
               int line);
#define TS_OK(s, call)          ts_expect((s), (call), PERSIST_OK, #call, __FILE__, __LINE__)
#define TS_FAILS(s, call, code) ts_expect((s), (call), (code), #call, __FILE__, __LINE__)

/* Open with options (NULL = defaults plus small snapshot_every), asserting success. */
persist_store *ts_open(const char *dir, const persist_options *opts);
/* Deploy tests/fixtures/<fixture> (or any path with a '/') asserting success. */
void ts_deploy(persist_store *s, const char *fixture, uint32_t mode);
/* Submit asserting success; returns the malloc'd response (free with persist_free). */
char *ts_submit(persist_store *s, const char *event);
/* Serialized live state, asserting success (free with persist_free). */
char *ts_state(persist_store *s);
/* Close s, open dir again (ts_open defaults) and assert the state is the one s had; closes it. */
void ts_close_and_expect_reopened(persist_store *s, const char *dir);
/* Closes two stores (a leader and its follower, say) and removes and frees their directories. */
void ts_close_and_remove(persist_store *a, char *adir, persist_store *b, char *bdir);
/* A new writer store in dir: testapp_v1.js, 10 "add 1" events and a snapshot at its head (11). */
persist_store *ts_store_with_snapshot(const char *dir);
/* Copy of the store's error message (static buffer, overwritten by the next call). */
const char *ts_errmsg(persist_store *s);
uint64_t ts_head(persist_store *s);

/* Contents of <dir>/data.mdb, for byte-for-byte "nothing changed" checks (malloc'd). */
char *ts_data_file(const char *dir, size_t *len);
void ts_assert_data_unchanged(const char *dir, const char *before, size_t before_len);

/* Flip the last byte of every copy of `marker` in <dir>/data.mdb (LMDB may keep old copies of a
 * page); returns how many copies were changed. */
int ts_damage_file(const char *dir, const char *marker);

/* splitmix64: the next number of a small seedable generator (the random games and sequences). */
uint64_t ts_splitmix64(uint64_t *x);

/* Wait for a child process; fail unless it exited with status 0 (children exit with a code that
 * names the check that failed). */
void ts_expect_child(int pid);

/* Fork a child that says it runs (its fork handlers have run by then) and lives on, touching
 * nothing, until ts_end_idle_child closes *exit_fd; then wait for it (it must exit with 0). */
int ts_fork_idle_child(int *exit_fd);
void ts_end_idle_child(int pid, int exit_fd);

/* A persist_options.log_fn that appends each message and a newline to ts_messages (what does not
 * fit is dropped); empty it with ts_messages[0] = '\0'. */
extern char ts_messages[8192];
void ts_keep_message(int level, const char *message, size_t len, void *userdata);

#endif
