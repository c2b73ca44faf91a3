/* test_bad_input.c - every kind of bad input gets its own status code and a message that says
 * what went wrong, and leaves the store as it was: head, record count, snapshot, app hash, live
 * state and the bytes of data.mdb. After each failure the store still takes events and a reopen
 * restores the same state. (The unknown-format-version case is tests/unit/test_format_version.c,
 * because faking a newer store needs LMDB directly.) */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support.h"
#include <persist.h>

/* ---- helpers ---- */

/* Everything a failed call must leave as it was. */
typedef struct facts {
    uint64_t head, count, snap_seq;
    int hash_rc;
    char hash[65];
    int state_rc;
    char *state;
    size_t state_len;
    char *data;
    size_t data_len;
} facts;

/* Note: reading the hash or state of a store without an app sets the store's message (ENOAPP), so
 * take facts before the failing call or after its message has been checked. */
static void take_facts(persist_store *s, const char *dir, facts *f)
{
    memset(f, 0, sizeof *f);
    TS_OK(s, persist_store_head(s, &f->head));
    TS_OK(s, persist_store_record_count(s, &f->count));
    TS_OK(s, persist_store_snapshot_seq(s, &f->snap_seq));
    f->hash_rc = persist_store_app_hash(s, f->hash, sizeof f->hash);
    f->state_rc = persist_store_state(s, &f->state, &f->state_len);
    f->data = ts_data_file(dir, &f->data_len);
}

static void free_facts(facts *f)
{
    persist_free(f->state);
    free(f->data);
    memset(f, 0, sizeof *f);
}

/* Head, counts, app and state equal (data.mdb is compared by assert_unchanged). */
static void assert_same_facts(const facts *now, const facts *before)
{
    assert_int_equal(now->head, before->head);
    assert_int_equal(now->count, before->count);
    assert_int_equal(now->snap_seq, before->snap_seq);
    assert_int_equal(now->hash_rc, before->hash_rc);
    if (before->hash_rc == PERSIST_OK)
        assert_string_equal(now->hash, before->hash);
    assert_int_equal(now->state_rc, before->state_rc);
    if (before->state_rc == PERSIST_OK) {
        assert_int_equal(now->state_len, before->state_len);
        assert_memory_equal(now->state, before->state, before->state_len);
    }
}

static void assert_unchanged(persist_store *s, const char *dir, const facts *before)
{
    facts now;
    take_facts(s, dir, &now);
    assert_same_facts(&now, before);
    free_facts(&now);
    ts_assert_data_unchanged(dir, before->data, before->data_len);
}

/* rc must be `code`, and the store's message must be non-empty and contain `needle`. */
static void check_failure(persist_store *s, int rc, int code, const char *needle, const char *what,
                          int line)
{
    char msg[4096];
    persist_store_errmsg(s, msg, sizeof msg);
    if (rc != code)
        fail_msg("line %d: %s returned %d (%s), expected %d (%s); message: %s", line, what, rc,
                 persist_strerror(rc), code, persist_strerror(code), msg);
    if (msg[0] == '\0')
        fail_msg("line %d: %s failed with an empty message", line, what);
    if (needle != NULL && strstr(msg, needle) == NULL)
        fail_msg("line %d: %s: message \"%s\" does not mention \"%s\"", line, what, msg, needle);
}
#define EXPECT_FAIL(s, call, code, needle)                                                         \
    check_failure((s), (call), (code), (needle), #call, __LINE__)

/* The store's current message also contains `needle`. */
static void check_msg_has(persist_store *s, const char *needle, int line)
{
    char msg[4096];
    persist_store_errmsg(s, msg, sizeof msg);
    if (strstr(msg, needle) == NULL)
        fail_msg("line %d: message \"%s\" does not mention \"%s\"", line, msg, needle);
}
#define EXPECT_MSG_HAS(s, needle) check_msg_has((s), (needle), __LINE__)

static void close_ok(persist_store *s)
{
    assert_int_equal(persist_store_close(s), PERSIST_OK);
}

/* After a failure: the store still takes a state-changing event (when `event` is given, the head
 * grows by one), and closing and reopening gives the same head, records, snapshot, app and state.
 * Returns the reopened handle. */
static persist_store *still_works(persist_store *s, const char *dir, const persist_options *opts,
                                  const char *event)
{
    facts before, after;
    if (event != NULL) {
        uint64_t head = ts_head(s);
        persist_free(ts_submit(s, event));
        assert_int_equal(ts_head(s), head + 1);
    }
    take_facts(s, dir, &before);
    close_ok(s);
    s = ts_open(dir, opts);
    take_facts(s, dir, &after);
    assert_same_facts(&after, &before);
    free_facts(&before);
    free_facts(&after);
    return s;
}

/* still_works for a store without an app: reopening keeps it empty, then a deploy and an event
 * succeed. */
static persist_store *empty_store_still_works(persist_store *s, const char *dir)
{
    s = still_works(s, dir, NULL, NULL);
    ts_deploy(s, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    return still_works(s, dir, NULL, "add 2");
}

static int deploy_fixture(persist_store *s, const char *fixture, uint32_t mode, const char *module)
{
    size_t n;
    char *code = ts_fixture(fixture, &n);
    int rc = persist_store_deploy(s, code, n, mode, module);
    free(code);
    return rc;
}

static int submit_str(persist_store *s, const char *event)
{
    char *resp = NULL;
    size_t n = 0;
    int rc = persist_store_submit(s, event, strlen(event), &resp, &n);
    if (rc != PERSIST_OK)
        assert_null(resp); /* no response is handed out on failure */
    persist_free(resp);
    return rc;
}

static int set_state_str(persist_store *s, const char *text)
{
    return persist_store_set_state(s, text, strlen(text));
}

static void assert_state(persist_store *s, const char *expected)
{
    char *st = ts_state(s);
    assert_string_equal(st, expected);
    persist_free(st);
}

static void assert_response(persist_store *s, const char *event, const char *expected)
{
    char *resp = ts_submit(s, event);
    assert_string_equal(resp, expected);
    persist_free(resp);
}

/* A store with testapp_v1 deployed (record 1) and three events (records 2-4): n=15, hist="ab". */
static persist_store *open_live_v1(const char *dir)
{
    persist_store *s = ts_open(dir, NULL);
    ts_deploy(s, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    persist_free(ts_submit(s, "add 5"));
    persist_free(ts_submit(s, "mul 3"));
    persist_free(ts_submit(s, "append ab"));
    assert_int_equal(ts_head(s), 4);
    assert_state(s, "{\"v\":1,\"n\":15,\"hist\":\"ab\"}");
    return s;
}

static void remove_dir(char *dir)
{
    ts_rmrf(dir);
    free(dir);
}

/* ---- 1. app code that does not parse ---- */

static void test_load_syntax_error(void **state)
{
    char *dir = ts_tmpdir();
    persist_store *s = ts_open(dir, NULL);
    facts before;
    (void)state;

    /* On an empty store. */
    take_facts(s, dir, &before);
    assert_int_equal(before.head, 0);
    assert_int_equal(before.state_rc, PERSIST_ENOAPP);
    EXPECT_FAIL(s, deploy_fixture(s, "bad_syntax.js", PERSIST_DEPLOY_INIT, NULL), PERSIST_ELOAD,
                "SyntaxError");
    /* Said once, with the language apps run in and the app's own line; no engine source files. */
    assert_non_null(strstr(ts_errmsg(s), "does not parse as ECMAScript 5.1"));
    assert_non_null(strstr(ts_errmsg(s), "(line 3); line 3 reads: init: function ( {"));
    assert_null(strstr(ts_errmsg(s), "duk_"));
    assert_null(strstr(ts_errmsg(s), "failed to load"));
    assert_unchanged(s, dir, &before);
    free_facts(&before);
    s = empty_store_still_works(s, dir);
    close_ok(s);
    remove_dir(dir);

    /* On a store with a live app, as a new app and as a migration. */
    dir = ts_tmpdir();
    s = open_live_v1(dir);
    take_facts(s, dir, &before);
    EXPECT_FAIL(s, deploy_fixture(s, "bad_syntax.js", PERSIST_DEPLOY_INIT, NULL), PERSIST_ELOAD,
                "SyntaxError");
    assert_unchanged(s, dir, &before);
    EXPECT_FAIL(s, deploy_fixture(s, "bad_syntax.js", PERSIST_DEPLOY_MIGRATE, NULL), PERSIST_ELOAD,
                "SyntaxError");
    assert_unchanged(s, dir, &before);
    free_facts(&before);
    assert_response(s, "add 1", "n=16"); /* the live app keeps working */
    s = still_works(s, dir, NULL, "append cd");
    assert_state(s, "{\"v\":1,\"n\":16,\"hist\":\"abcd\"}");
    close_ok(s);
    remove_dir(dir);
}

/* ---- 2. app code that throws while loading ---- */

static void test_load_throws(void **state)
{
    char *dir = ts_tmpdir();
    persist_store *s = ts_open(dir, NULL);
    facts before;
    (void)state;

    take_facts(s, dir, &before);
    EXPECT_FAIL(s, deploy_fixture(s, "bad_load_throws.js", PERSIST_DEPLOY_INIT, NULL),
                PERSIST_ELOAD, "refusing to load at top level");
    assert_non_null(strstr(ts_errmsg(s), "the app's code threw while it was loaded: Error:"));
    assert_non_null(strstr(ts_errmsg(s), "(app.js:7)"));
    assert_unchanged(s, dir, &before);
    free_facts(&before);
    s = empty_store_still_works(s, dir);
    close_ok(s);
    remove_dir(dir);

    dir = ts_tmpdir();
    s = open_live_v1(dir);
    take_facts(s, dir, &before);
    EXPECT_FAIL(s, deploy_fixture(s, "bad_load_throws.js", PERSIST_DEPLOY_INIT, NULL),
                PERSIST_ELOAD, "refusing to load at top level");
    assert_unchanged(s, dir, &before);
    EXPECT_FAIL(s, deploy_fixture(s, "bad_load_throws.js", PERSIST_DEPLOY_MIGRATE, NULL),
                PERSIST_ELOAD, "refusing to load at top level");
    assert_unchanged(s, dir, &before);
    free_facts(&before);
    assert_response(s, "add 1", "n=16");
    s = still_works(s, dir, NULL, "add 1");
    close_ok(s);
    remove_dir(dir);
}

/* ---- 3. app that misses a contract function ---- */

static void test_contract_missing_function(void **state)
{
    static const struct {
        const char *module, *needle;
    } variants[] = {
        {"noInit", "noInit.init"},
        {"noSerialize", "noSerialize.serialize"},
        {"noDeserialize", "noDeserialize.deserialize"},
        {"updateIsNumber", "updateIsNumber.update"},
        {"appIsString", "appIsString"},
        {"noSuchGlobal", "noSuchGlobal"},
    };
    char *dir = ts_tmpdir();
    persist_store *s = ts_open(dir, NULL);
    facts before;
    (void)state;

    /* Empty store: no `update`. */
    take_facts(s, dir, &before);
    EXPECT_FAIL(s, deploy_fixture(s, "bad_no_update.js", PERSIST_DEPLOY_INIT, NULL),
                PERSIST_ECONTRACT, "app.update");
    assert_unchanged(s, dir, &before);
    free_facts(&before);
    s = empty_store_still_works(s, dir);
    close_ok(s);
    remove_dir(dir);

    dir = ts_tmpdir();
    s = open_live_v1(dir);
    take_facts(s, dir, &before);
    EXPECT_FAIL(s, deploy_fixture(s, "bad_no_update.js", PERSIST_DEPLOY_INIT, NULL),
                PERSIST_ECONTRACT, "app.update");
    assert_unchanged(s, dir, &before);
    /* No global `app` at all. */
    EXPECT_FAIL(s, deploy_fixture(s, "bad_no_app.js", PERSIST_DEPLOY_INIT, NULL), PERSIST_ECONTRACT,
                "global");
    EXPECT_MSG_HAS(s, "app");
    assert_unchanged(s, dir, &before);
    /* A complete app looked up under a module name that does not exist. */
    EXPECT_FAIL(s, deploy_fixture(s, "testapp_v1.js", PERSIST_DEPLOY_INIT, "myGame"),
                PERSIST_ECONTRACT, "myGame");
    assert_unchanged(s, dir, &before);
    for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++) {
        EXPECT_FAIL(
            s,
            deploy_fixture(s, "bad_contract_variants.js", PERSIST_DEPLOY_INIT, variants[i].module),
            PERSIST_ECONTRACT, variants[i].needle);
        assert_unchanged(s, dir, &before);
    }
    free_facts(&before);
    s = still_works(s, dir, NULL, "add 1");
    close_ok(s);
    remove_dir(dir);
}

/* ---- 4. update throws ---- */

static void test_update_throws(void **state)
{
    char *dir = ts_tmpdir();
    persist_store *s = open_live_v1(dir);
    facts before;
    (void)state;

    take_facts(s, dir, &before);
    EXPECT_FAIL(s, submit_str(s, "throw"), PERSIST_ESCRIPT, "boom");
    EXPECT_MSG_HAS(s, "the app refused throw");
    assert_unchanged(s, dir, &before);
    /* Again, with the response pointer NULL. */
    EXPECT_FAIL(s, persist_store_submit(s, "throw", 5, NULL, NULL), PERSIST_ESCRIPT, "boom");
    assert_unchanged(s, dir, &before);
    free_facts(&before);
    assert_response(s, "get", "n=15 hist=ab");
    s = still_works(s, dir, NULL, "add 1");
    assert_response(s, "get", "n=16 hist=ab");
    close_ok(s);
    remove_dir(dir);
}

/* ---- 5. update returns a response that is not a string ---- */

static void test_update_bad_response(void **state)
{
    char *dir = ts_tmpdir();
    persist_store *s = open_live_v1(dir);
    facts before;
    (void)state;

    take_facts(s, dir, &before);
    EXPECT_FAIL(s, submit_str(s, "badresp"), PERSIST_ECONTRACT, "response"); /* a number */
    assert_unchanged(s, dir, &before);
    free_facts(&before);
    s = still_works(s, dir, NULL, "add 1");

    /* Version 2 answers badresp with null. */
    ts_deploy(s, "testapp_v2.js", PERSIST_DEPLOY_MIGRATE);
    take_facts(s, dir, &before);
    EXPECT_FAIL(s, submit_str(s, "badresp"), PERSIST_ECONTRACT, "response");
    assert_unchanged(s, dir, &before);
    free_facts(&before);
    assert_response(s, "get", "v2 n=16 hist=ab tag=migrated");
    s = still_works(s, dir, NULL, "tag x");
    close_ok(s);
    remove_dir(dir);
}

/* ---- 6. set-state with text the app rejects ---- */

static void test_set_state_rejected(void **state)
{
    static const char valid[] = "{\"v\":1,\"n\":77,\"hist\":\"manual\"}";
    char *dir = ts_tmpdir();
    persist_store *s = open_live_v1(dir);
    facts before;
    (void)state;

    take_facts(s, dir, &before);
    EXPECT_FAIL(s, set_state_str(s, "{\"v\":2,\"n\":1,\"hist\":\"\",\"tag\":\"t\"}"),
                PERSIST_EREJECTED, "not a version 1 state");
    assert_unchanged(s, dir, &before);
    EXPECT_FAIL(s, set_state_str(s, "{{{ not json"), PERSIST_EREJECTED, NULL);
    assert_unchanged(s, dir, &before);
    EXPECT_FAIL(s, set_state_str(s, ""), PERSIST_EREJECTED, NULL);
    assert_unchanged(s, dir, &before);
    free_facts(&before);
    s = still_works(s, dir, NULL, "add 1");

    /* A valid text is taken and kept across reopen. */
    TS_OK(s, set_state_str(s, valid));
    assert_int_equal(ts_head(s), 6);
    assert_state(s, valid);
    s = still_works(s, dir, NULL, NULL);
    assert_state(s, valid);
    assert_response(s, "add 1", "n=78");
    close_ok(s);
    remove_dir(dir);
}

/* ---- 7. migrations that fail ---- */

static void test_migrate_failures(void **state)
{
    char *dir = ts_tmpdir();
    persist_store *s = ts_open(dir, NULL);
    facts before;
    (void)state;

    /* Nothing to migrate from. */
    take_facts(s, dir, &before);
    EXPECT_FAIL(s, deploy_fixture(s, "testapp_v1.js", PERSIST_DEPLOY_MIGRATE, NULL), PERSIST_ENOAPP,
                "migrate");
    assert_unchanged(s, dir, &before);
    free_facts(&before);
    s = empty_store_still_works(s, dir);
    close_ok(s);
    remove_dir(dir);

    dir = ts_tmpdir();
    s = open_live_v1(dir);
    take_facts(s, dir, &before);
    /* migrate throws: its text reaches the caller. */
    EXPECT_FAIL(s, deploy_fixture(s, "bad_migrate_throws.js", PERSIST_DEPLOY_MIGRATE, NULL),
                PERSIST_EMIGRATE, "bad_migrate_throws: will not migrate");
    assert_unchanged(s, dir, &before);
    /* No migrate function, and a deserialize that cannot read the previous state: refused with
     * the deserialize's reason. */
    EXPECT_FAIL(s, deploy_fixture(s, "bad_no_migrate_strict.js", PERSIST_DEPLOY_MIGRATE, NULL),
                PERSIST_EMIGRATE, "expected a version 2 state");
    assert_unchanged(s, dir, &before);
    assert_non_null(strstr(ts_errmsg(s), "no migrate"));
    free_facts(&before);
    assert_response(s, "get", "n=15 hist=ab");
    s = still_works(s, dir, NULL, "add 1");

    /* No migrate function, and a deserialize that reads the previous state: the state is kept
     * (a release whose state type did not change). */
    TS_OK(s, deploy_fixture(s, "bad_no_migrate.js", PERSIST_DEPLOY_MIGRATE, NULL));
    assert_state(s, "{\"v\":1,\"n\":16,\"hist\":\"ab\"}");
    /* migrate is optional for an app deployed with PERSIST_DEPLOY_INIT. */
    TS_OK(s, deploy_fixture(s, "bad_no_migrate.js", PERSIST_DEPLOY_INIT, NULL));
    assert_state(s, "{\"v\":1,\"n\":0,\"hist\":\"\"}");
    s = still_works(s, dir, NULL, "anything");
    close_ok(s);
    remove_dir(dir);
}

/* ---- 8. states that do not survive serialize/deserialize/serialize ---- */

static void test_roundtrip_failures(void **state)
{
    char *dir = ts_tmpdir();
    persist_store *s = ts_open(dir, NULL);
    facts before;
    (void)state;

    /* Deploy on an empty store: init's state changes on the round trip. */
    take_facts(s, dir, &before);
    EXPECT_FAIL(s, deploy_fixture(s, "bad_roundtrip_always.js", PERSIST_DEPLOY_INIT, NULL),
                PERSIST_EROUNDTRIP, "{\"n\":0}");
    EXPECT_MSG_HAS(s, "{\"n\":1}");
    assert_unchanged(s, dir, &before);
    free_facts(&before);
    s = empty_store_still_works(s, dir);
    close_ok(s);
    remove_dir(dir);

    /* Deploy over a live app. */
    dir = ts_tmpdir();
    s = open_live_v1(dir);
    take_facts(s, dir, &before);
    EXPECT_FAIL(s, deploy_fixture(s, "bad_roundtrip_always.js", PERSIST_DEPLOY_INIT, NULL),
                PERSIST_EROUNDTRIP, "{\"n\":0}");
    assert_unchanged(s, dir, &before);
    free_facts(&before);
    s = still_works(s, dir, NULL, "add 1");
    close_ok(s);
    remove_dir(dir);

    /* set_state with a state the app cannot round-trip (n >= 1000). */
    dir = ts_tmpdir();
    s = ts_open(dir, NULL);
    ts_deploy(s, "bad_roundtrip_big.js", PERSIST_DEPLOY_INIT);
    persist_free(ts_submit(s, "add 5"));
    take_facts(s, dir, &before);
    EXPECT_FAIL(s, set_state_str(s, "{\"n\":5000}"), PERSIST_EROUNDTRIP, "{\"n\":5001}");
    assert_unchanged(s, dir, &before);
    free_facts(&before);
    assert_state(s, "{\"n\":5}");
    s = still_works(s, dir, NULL, "add 1");
    TS_OK(s, set_state_str(s, "{\"n\":10}"));
    s = still_works(s, dir, NULL, "add 2");
    assert_state(s, "{\"n\":12}");
    close_ok(s);
    remove_dir(dir);
}

/* ---- 9. damaged records ---- */

#define MARKER       "MARKERXYZ123"
#define MARKER_EVENT "append " MARKER

/* Offsets of every occurrence of `needle` in data (LMDB's copy-on-write may leave old copies of a
 * page in free pages, so there can be more than one). */
static size_t find_all(const char *data, size_t len, const char *needle, size_t *out, size_t cap)
{
    size_t n = 0, k = strlen(needle);
    for (size_t i = 0; i + k <= len && n < cap; i++)
        if (memcmp(data + i, needle, k) == 0)
            out[n++] = i;
    return n;
}

static void flip_byte(const char *dir, size_t offset)
{
    char path[4200];
    FILE *f;
    int c;
    snprintf(path, sizeof path, "%s/data.mdb", dir);
    f = fopen(path, "r+b");
    assert_non_null(f);
    assert_int_equal(fseek(f, (long)offset, SEEK_SET), 0);
    c = fgetc(f);
    assert_true(c != EOF);
    assert_int_equal(fseek(f, (long)offset, SEEK_SET), 0);
    assert_int_equal(fputc(c ^ 0x01, f), c ^ 0x01);
    assert_int_equal(fclose(f), 0);
}

/* A store with testapp_v1 (record 1, snapshot 1), events 2-5 with the marker in record 3, closed.
 * Returns the offsets of the marker in data.mdb. */
static size_t make_marked_store(const char *dir, size_t *offsets, size_t cap)
{
    persist_options o;
    persist_store *s;
    char *data;
    size_t len, n;
    persist_options_init(&o, sizeof o);
    o.snapshot_every = 1000000;
    s = ts_open(dir, &o);
    ts_deploy(s, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    persist_free(ts_submit(s, "add 2"));
    persist_free(ts_submit(s, MARKER_EVENT));
    persist_free(ts_submit(s, "add 4"));
    persist_free(ts_submit(s, "mul 3"));
    assert_int_equal(ts_head(s), 5);
    close_ok(s);
    data = ts_data_file(dir, &len);
    n = find_all(data, len, MARKER, offsets, cap);
    free(data);
    assert_true(n >= 1);
    return n;
}

/* Opening (writer, then read-only) reports the damaged record 3 and changes nothing. */
static void assert_open_corrupt(const char *dir)
{
    static const uint32_t flags[] = {0, PERSIST_OPEN_READONLY};
    persist_options o;
    size_t before_len;
    char *before = ts_data_file(dir, &before_len);
    for (size_t i = 0; i < 2; i++) {
        persist_store *s = NULL;
        uint64_t v;
        persist_options_init(&o, sizeof o);
        o.snapshot_every = 1000000;
        o.flags = flags[i];
        EXPECT_FAIL(s, persist_store_open(&s, dir, &o), PERSIST_ECORRUPT, "record 3 ");
        assert_int_equal(persist_store_head(s, &v), PERSIST_EMISUSE);
        EXPECT_MSG_HAS(s, "record 3 "); /* still the open error */
        close_ok(s);
        ts_assert_data_unchanged(dir, before, before_len);
    }
    free(before);
}

static void test_corrupt_record_payload(void **state)
{
    char *dir = ts_tmpdir();
    size_t offsets[64];
    size_t n = make_marked_store(dir, offsets, 64);
    (void)state;
    for (size_t i = 0; i < n; i++)
        flip_byte(dir, offsets[i] + 6); /* 'X' -> 'Y' */
    assert_open_corrupt(dir);
    remove_dir(dir);
}

static uint32_t be32(const unsigned char *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

/* The record value is a 24-byte header (kind, 3 reserved zero bytes, payload length, timestamp,
 * checksum) followed by the payload; damage the last byte of the timestamp. The header is
 * recognized by its kind (1 = event) and payload length before it is touched. */
static void test_corrupt_record_header(void **state)
{
    char *dir = ts_tmpdir();
    size_t offsets[64], found = 0, len;
    size_t n = make_marked_store(dir, offsets, 64);
    char *data = ts_data_file(dir, &len);
    (void)state;
    for (size_t i = 0; i < n; i++) {
        const unsigned char *hdr;
        size_t at;
        if (offsets[i] < 24 + sizeof "append " - 1)
            continue;
        at = offsets[i] - (sizeof "append " - 1);
        if (memcmp(data + at, MARKER_EVENT, sizeof MARKER_EVENT - 1) != 0)
            continue;
        hdr = (const unsigned char *)data + at - 24;
        if (hdr[0] != 1 || hdr[1] != 0 || hdr[2] != 0 || hdr[3] != 0 ||
            be32(hdr + 4) != sizeof MARKER_EVENT - 1)
            continue;
        flip_byte(dir, at - 24 + 15);
        found++;
    }
    free(data);
    if (found == 0)
        fail_msg("no record header found before the marker event in data.mdb");
    assert_open_corrupt(dir);
    remove_dir(dir);
}

/* ---- 11. invalid arguments ---- */

static void test_invalid_open_arguments(void **state)
{
    char *dir = ts_tmpdir();
    char sub[4200], file[4200];
    persist_store *s = NULL;
    persist_options o;
    FILE *f;
    struct {
        persist_options known;
        uint64_t newer_field;
    } big;
    (void)state;
    snprintf(sub, sizeof sub, "%s/store", dir);
    snprintf(file, sizeof file, "%s/plain-file", dir);

    assert_int_equal(persist_store_open(NULL, sub, NULL), PERSIST_EINVAL);

    EXPECT_FAIL(s, persist_store_open(&s, NULL, NULL), PERSIST_EINVAL, "path");
    assert_non_null(s);
    close_ok(s);
    s = NULL;
    EXPECT_FAIL(s, persist_store_open(&s, "", NULL), PERSIST_EINVAL, "path");
    close_ok(s);

    /* Options too small to reach `flags`. */
    persist_options_init(&o, sizeof o);
    o.struct_size = 4;
    EXPECT_FAIL(s, persist_store_open(&s, sub, &o), PERSIST_EINVAL, "struct_size");
    close_ok(s);
    o.struct_size = 0;
    EXPECT_FAIL(s, persist_store_open(&s, sub, &o), PERSIST_EINVAL, "struct_size");
    close_ok(s);

    /* Unknown flag bits. */
    persist_options_init(&o, sizeof o);
    o.flags = 0x100;
    EXPECT_FAIL(s, persist_store_open(&s, sub, &o), PERSIST_EINVAL, "flags");
    close_ok(s);
    o.flags = PERSIST_OPEN_READONLY | 0x80000000u;
    EXPECT_FAIL(s, persist_store_open(&s, sub, &o), PERSIST_EINVAL, "flags");
    close_ok(s);

    /* A path that is a regular file. */
    f = fopen(file, "w");
    assert_non_null(f);
    fclose(f);
    EXPECT_FAIL(s, persist_store_open(&s, file, NULL), PERSIST_EINVAL, "directory");
    close_ok(s);

    /* A newer caller's bigger struct that sets a field this library does not know. */
    memset(&big, 0, sizeof big);
    big.known.struct_size = sizeof big;
    big.newer_field = 1;
    EXPECT_FAIL(s, persist_store_open(&s, sub, &big.known), PERSIST_EVERSION, "options");
    close_ok(s);
    /* None of the failures above created anything. */
    assert_int_not_equal(access(sub, F_OK), 0);

    /* Missing store, read-only or NO_CREATE. */
    persist_options_init(&o, sizeof o);
    o.flags = PERSIST_OPEN_READONLY;
    EXPECT_FAIL(s, persist_store_open(&s, sub, &o), PERSIST_ENOTFOUND, NULL);
    close_ok(s);
    o.flags = PERSIST_OPEN_NO_CREATE;
    EXPECT_FAIL(s, persist_store_open(&s, sub, &o), PERSIST_ENOTFOUND, NULL);
    close_ok(s);
    assert_int_not_equal(access(sub, F_OK), 0);

    /* The newer caller's struct with its unknown field unset: accepted, and the store works. */
    big.newer_field = 0;
    TS_OK(s, persist_store_open(&s, sub, &big.known));
    ts_deploy(s, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    s = still_works(s, sub, NULL, "add 1");
    close_ok(s);
    remove_dir(dir);
}

static void test_failed_open_handle(void **state)
{
    persist_batch_item item = {"add 1", 5, 0, NULL, 0};
    char *dir = ts_tmpdir();
    persist_store *s = NULL;
    persist_options o;
    uint64_t v;
    char buf[65], msg[256];
    char *out = NULL;
    size_t n;
    (void)state;
    persist_options_init(&o, sizeof o);
    o.flags = 0x40;
    EXPECT_FAIL(s, persist_store_open(&s, dir, &o), PERSIST_EINVAL, "flags");
    assert_non_null(s);
    assert_int_equal(persist_store_deploy(s, "var app;", 8, PERSIST_DEPLOY_INIT, NULL),
                     PERSIST_EMISUSE);
    assert_int_equal(persist_store_submit(s, "add 1", 5, &out, &n), PERSIST_EMISUSE);
    assert_null(out);
    assert_int_equal(persist_store_submit_batch(s, &item, 1), PERSIST_EMISUSE);
    assert_int_equal(persist_store_flush(s), PERSIST_EMISUSE);
    assert_int_equal(persist_store_set_state(s, "{}", 2), PERSIST_EMISUSE);
    assert_int_equal(persist_store_snapshot(s), PERSIST_EMISUSE);
    assert_int_equal(persist_store_restore(s), PERSIST_EMISUSE);
    assert_int_equal(persist_store_state(s, &out, &n), PERSIST_EMISUSE);
    assert_null(out);
    assert_int_equal(persist_store_head(s, &v), PERSIST_EMISUSE);
    assert_int_equal(persist_store_record_count(s, &v), PERSIST_EMISUSE);
    assert_int_equal(persist_store_snapshot_seq(s, &v), PERSIST_EMISUSE);
    assert_int_equal(persist_store_app_hash(s, buf, sizeof buf), PERSIST_EMISUSE);
    /* The open error is still there, after all those calls. */
    n = persist_store_errmsg(s, msg, sizeof msg);
    assert_int_equal(n, strlen(msg));
    assert_non_null(strstr(msg, "flags"));
    close_ok(s);
    /* The failed open did not keep the directory locked. */
    s = ts_open(dir, NULL);
    close_ok(s);
    remove_dir(dir);
}

static void test_null_handle(void **state)
{
    persist_batch_item item = {"add 1", 5, 0, NULL, 0};
    uint64_t v = 99;
    char buf[128];
    char *out = NULL;
    size_t n;
    (void)state;
    assert_int_equal(persist_store_deploy(NULL, "var app;", 8, PERSIST_DEPLOY_INIT, NULL),
                     PERSIST_EMISUSE);
    assert_int_equal(persist_store_submit(NULL, "add 1", 5, &out, &n), PERSIST_EMISUSE);
    assert_null(out);
    assert_int_equal(persist_store_submit_batch(NULL, &item, 1), PERSIST_EMISUSE);
    assert_int_equal(persist_store_flush(NULL), PERSIST_EMISUSE);
    assert_int_equal(persist_store_set_state(NULL, "{}", 2), PERSIST_EMISUSE);
    assert_int_equal(persist_store_snapshot(NULL), PERSIST_EMISUSE);
    assert_int_equal(persist_store_restore(NULL), PERSIST_EMISUSE);
    assert_int_equal(persist_store_state(NULL, &out, &n), PERSIST_EMISUSE);
    assert_null(out);
    assert_int_equal(persist_store_head(NULL, &v), PERSIST_EMISUSE);
    assert_int_equal(persist_store_record_count(NULL, &v), PERSIST_EMISUSE);
    assert_int_equal(persist_store_snapshot_seq(NULL, &v), PERSIST_EMISUSE);
    assert_int_equal(v, 99);
    assert_int_equal(persist_store_app_hash(NULL, buf, sizeof buf), PERSIST_EMISUSE);
    assert_int_equal(persist_store_close(NULL), PERSIST_OK);
    /* errmsg on NULL: a NUL-terminated message saying the handle is bad, snprintf semantics. */
    memset(buf, 'x', sizeof buf);
    n = persist_store_errmsg(NULL, buf, sizeof buf);
    assert_true(n > 0);
    assert_int_equal(n, strlen(buf));
    assert_int_equal(persist_store_errmsg(NULL, NULL, 0), n);
    memset(buf, 'x', sizeof buf);
    assert_int_equal(persist_store_errmsg(NULL, buf, 1), n);
    assert_int_equal(buf[0], '\0');
}

/* The status codes as the public header declares them ("    PERSIST_EX = -N,"), read from the
 * header itself so that a code added later is checked too. */
static size_t header_codes(int *codes, size_t cap)
{
    char *h = ts_read_file("include/persist.h", NULL),
         *p = strstr(h, "typedef enum persist_status {");
    char *end = p != NULL ? strstr(p, "} persist_status;") : NULL;
    size_t n = 0;
    assert_non_null(end);
    *end = '\0';
    while (n < cap && (p = strstr(p, "\n    PERSIST_")) != NULL) {
        char name[64];
        int value;
        p++;
        if (sscanf(p, " %63[A-Z_] = %d", name, &value) == 2 && strstr(p, "=") < strchr(p, '\n'))
            codes[n++] = value;
    }
    free(h);
    return n;
}

static void test_strerror(void **state)
{
    static const int unknown[] = {1,   42,  -6,  -9,  -16, -19,   -24,     -29,
                                  -39, -41, -49, -53, -60, -1000, INT_MIN, INT_MAX};
    int codes[128];
    const size_t ncodes = header_codes(codes, 128);
    (void)state;
    assert_true(ncodes >= 24); /* PERSIST_OK .. PERSIST_EFATAL as of 1.0 */
    for (size_t i = 0; i < ncodes; i++) {
        const char *text = persist_strerror(codes[i]);
        assert_non_null(text);
        assert_true(text[0] != '\0');
        if (strcmp(text, "unknown status") == 0)
            fail_msg("persist_strerror(%d) has no text", codes[i]);
        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(text, persist_strerror(codes[j]));
    }
    for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
        for (size_t j = 0; j < ncodes; j++)
            assert_int_not_equal(unknown[i], codes[j]);
        assert_string_equal(persist_strerror(unknown[i]), "unknown status");
    }
}

/* A handle used after close: it was only caught by luck (a later open could reuse the memory, and
 * calls through the stale handle acted on the other store; ASan: heap-use-after-free). Handles are
 * table slots with generations now: a closed one is refused whatever happened since. */
static void test_stale_handle(void **state)
{
    char *dir_a = ts_tmpdir(), *dir_b = ts_tmpdir(), *st, *r = NULL;
    persist_store *a = ts_open(dir_a, NULL), *b;
    char buf[64];
    uint64_t head = 0;
    (void)state;
    ts_deploy(a, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    assert_int_equal(persist_store_close(a), PERSIST_OK);
    b = ts_open(dir_b, NULL);
    ts_deploy(b, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    persist_free(ts_submit(b, "add 3"));
    assert_int_equal(persist_store_submit(a, "add 1", 5, &r, NULL), PERSIST_EMISUSE);
    assert_null(r);
    assert_int_equal(persist_store_head(a, &head), PERSIST_EMISUSE);
    assert_int_equal(persist_store_set_state(a, "{}", 2), PERSIST_EMISUSE);
    assert_int_equal(persist_store_close(a), PERSIST_EMISUSE); /* closing twice */
    persist_store_errmsg(a, buf, sizeof buf);
    assert_string_equal(buf, "invalid store handle");
    /* Values that were never handles are refused too, never dereferenced. */
    assert_int_equal(persist_store_flush((persist_store *)(uintptr_t)0x1000), PERSIST_EMISUSE);
    assert_int_equal(persist_store_flush((persist_store *)&head), PERSIST_EMISUSE);
    assert_int_equal(ts_head(b), 2);
    st = ts_state(b);
    assert_string_equal(st, "{\"v\":1,\"n\":3,\"hist\":\"\"}");
    persist_free(st);
    persist_store_close(b);
    ts_rmrf(dir_a);
    ts_rmrf(dir_b);
    free(dir_a);
    free(dir_b);
}

/* A 40 KB app message with its reason at the end: it was cut at 2047 bytes without a mark, and
 * persist_store_errmsg returned 2047. The message keeps its beginning and its end with a marker,
 * stays valid UTF-8, and errmsg returns its length whatever the buffer. */
static void test_long_message_keeps_its_end(void **state)
{
    char *dir = ts_tmpdir(), *full;
    persist_store *s = ts_open(dir, NULL);
    char small[16];
    size_t n, again;
    (void)state;
    ts_deploy(s, "long_reason.js", PERSIST_DEPLOY_INIT);
    TS_FAILS(s, persist_store_set_state(s, "v2 state", 8), PERSIST_EREJECTED);
    n = persist_store_errmsg(s, NULL, 0);
    full = malloc(n + 1);
    assert_non_null(full);
    assert_int_equal(persist_store_errmsg(s, full, n + 1), n);
    assert_int_equal(strlen(full), n);
    again = persist_store_errmsg(s, small, sizeof small);
    assert_int_equal(again, n);
    assert_int_equal(strlen(small), sizeof small - 1);
    assert_non_null(strstr(full, "the app's deserialize rejected the state: Problem with"));
    assert_non_null(strstr(full, "bytes cut ...]"));
    assert_non_null(strstr(full, "expected serialization version 1, got 2"));
    assert_true(n > 3000 && n < 8192);
    /* The cut respects characters: the kept text is valid UTF-8 ("é" is two bytes). */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)full[i];
        if (c >= 0xC0) {
            assert_true(i + 1 < n);
            assert_int_equal((unsigned char)full[i + 1] & 0xC0, 0x80);
        } else if ((c & 0xC0) == 0x80) {
            assert_true(i > 0 && (unsigned char)full[i - 1] >= 0xC0);
        }
    }
    free(full);
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

static void test_invalid_call_arguments(void **state)
{
    persist_batch_item items[2] = {{"add 1", 5, 0, NULL, 0}, {NULL, 3, 0, NULL, 0}};
    char *dir = ts_tmpdir();
    persist_store *s = open_live_v1(dir);
    facts before;
    uint64_t v;
    char hash[65], small[10];
    size_t n;
    (void)state;

    take_facts(s, dir, &before);
    EXPECT_FAIL(s, persist_store_deploy(s, NULL, 10, PERSIST_DEPLOY_INIT, NULL), PERSIST_EINVAL,
                "code");
    EXPECT_FAIL(s, persist_store_deploy(s, NULL, 0, PERSIST_DEPLOY_MIGRATE, NULL), PERSIST_EINVAL,
                "code");
    EXPECT_FAIL(s, deploy_fixture(s, "testapp_v2.js", 0, NULL), PERSIST_EINVAL, "mode");
    EXPECT_FAIL(s, deploy_fixture(s, "testapp_v2.js", 3, NULL), PERSIST_EINVAL, "mode");
    EXPECT_FAIL(s, deploy_fixture(s, "testapp_v2.js", 0x100 | PERSIST_DEPLOY_INIT, NULL),
                PERSIST_EINVAL, "mode");
    EXPECT_FAIL(s, deploy_fixture(s, "testapp_v2.js", PERSIST_DEPLOY_INIT, "not a name!"),
                PERSIST_EINVAL, "module");
    EXPECT_FAIL(s, persist_store_submit(s, NULL, 5, NULL, NULL), PERSIST_EINVAL, "event");
    EXPECT_FAIL(s, persist_store_submit_batch(s, NULL, 2), PERSIST_EINVAL, "items");
    EXPECT_FAIL(s, persist_store_submit_batch(s, items, 2), PERSIST_EINVAL, "items[1]");
    EXPECT_FAIL(s, persist_store_set_state(s, NULL, 3), PERSIST_EINVAL, "state");
    EXPECT_FAIL(s, persist_store_state(s, NULL, &n), PERSIST_EINVAL, NULL);
    EXPECT_FAIL(s, persist_store_head(s, NULL), PERSIST_EINVAL, NULL);
    EXPECT_FAIL(s, persist_store_record_count(s, NULL), PERSIST_EINVAL, NULL);
    EXPECT_FAIL(s, persist_store_snapshot_seq(s, NULL), PERSIST_EINVAL, NULL);
    EXPECT_FAIL(s, persist_store_app_hash(s, NULL, 65), PERSIST_EINVAL, NULL);
    EXPECT_FAIL(s, persist_store_app_hash(s, hash, 0), PERSIST_EINVAL, NULL);
    assert_unchanged(s, dir, &before);

    /* Valid edge cases: a short hash buffer truncates; an empty event reaches the app. */
    TS_OK(s, persist_store_app_hash(s, small, sizeof small));
    assert_int_equal(strlen(small), sizeof small - 1);
    assert_memory_equal(small, before.hash, sizeof small - 1);
    TS_OK(s, persist_store_head(s, &v));
    assert_int_equal(v, before.head);
    assert_response(s, "", "unknown event");
    free_facts(&before);
    s = still_works(s, dir, NULL, "add 1");
    close_ok(s);
    remove_dir(dir);
}

static void test_no_app(void **state)
{
    char *dir = ts_tmpdir();
    persist_store *s = ts_open(dir, NULL);
    facts before;
    char *out = NULL;
    char hash[65];
    (void)state;

    take_facts(s, dir, &before);
    assert_int_equal(before.head, 0);
    assert_int_equal(before.count, 0);
    assert_int_equal(before.snap_seq, 0);
    assert_int_equal(before.hash_rc, PERSIST_ENOAPP);
    assert_int_equal(before.state_rc, PERSIST_ENOAPP);
    EXPECT_FAIL(s, submit_str(s, "add 1"), PERSIST_ENOAPP, "deploy");
    assert_unchanged(s, dir, &before);
    EXPECT_FAIL(s, persist_store_state(s, &out, NULL), PERSIST_ENOAPP, NULL);
    assert_null(out);
    EXPECT_FAIL(s, persist_store_app_hash(s, hash, sizeof hash), PERSIST_ENOAPP, NULL);
    EXPECT_FAIL(s, set_state_str(s, "{\"v\":1,\"n\":1,\"hist\":\"\"}"), PERSIST_ENOAPP, NULL);
    EXPECT_FAIL(s, persist_store_snapshot(s), PERSIST_ENOAPP, NULL);
    assert_unchanged(s, dir, &before);
    TS_OK(s, persist_store_restore(s)); /* restoring an empty store is fine */
    assert_unchanged(s, dir, &before);
    free_facts(&before);
    s = empty_store_still_works(s, dir);
    close_ok(s);
    remove_dir(dir);
}

/* ---- 12. a second writer ---- */

static void test_second_open_same_process(void **state)
{
    char *dir = ts_tmpdir();
    persist_store *s = open_live_v1(dir), *s2 = NULL;
    persist_options o;
    facts before;
    (void)state;

    take_facts(s, dir, &before);
    EXPECT_FAIL(s2, persist_store_open(&s2, dir, NULL), PERSIST_EBUSY, "already open");
    close_ok(s2);
    s2 = NULL;
    persist_options_init(&o, sizeof o);
    o.flags = PERSIST_OPEN_READONLY;
    EXPECT_FAIL(s2, persist_store_open(&s2, dir, &o), PERSIST_EBUSY, "already open");
    close_ok(s2);
    assert_unchanged(s, dir, &before);
    free_facts(&before);
    s = still_works(s, dir, NULL, "add 1"); /* closes and reopens: a new writer can open */
    close_ok(s);
    remove_dir(dir);
}

/* Child processes report through their exit status; they never call cmocka. */
enum {
    CHILD_OK = 0,
    CHILD_PIPE = 10,
    CHILD_WRONG_CODE,
    CHILD_WRONG_MSG,
    CHILD_OPEN_FAILED,
    CHILD_WRONG_HEAD,
    CHILD_WRONG_STATE,
    CHILD_RESTORE_FAILED,
    CHILD_WRITE_ALLOWED,
    CHILD_SUBMIT_FAILED
};

static int read_full(int fd, void *buf, size_t len)
{
    size_t got = 0;
    while (got < len) {
        ssize_t r = read(fd, (char *)buf + got, len - got);
        if (r <= 0)
            return -1;
        got += (size_t)r;
    }
    return 0;
}

static void write_full(int fd, const void *buf, size_t len)
{
    assert_int_equal(write(fd, buf, len), (ssize_t)len);
}

/* Child of test_second_writer_other_process: waits for the parent to hold the store, then must
 * be refused as a second writer with a message naming the parent. */
static int child_second_writer(int go_fd, const char *dir)
{
    persist_store *cs = NULL;
    char msg[1024], pid[64];
    char c;
    int rc;
    if (read_full(go_fd, &c, 1) != 0)
        return CHILD_PIPE;
    rc = persist_store_open(&cs, dir, NULL);
    persist_store_errmsg(cs, msg, sizeof msg);
    persist_store_close(cs);
    if (rc != PERSIST_EBUSY)
        return CHILD_WRONG_CODE;
    snprintf(pid, sizeof pid, "pid %ld", (long)getppid());
    if (strstr(msg, "another process") == NULL || strstr(msg, pid) == NULL)
        return CHILD_WRONG_MSG;
    return CHILD_OK;
}

/* Child that opens the store for writing after the parent closed it. */
static int child_writer(const char *dir, uint64_t expect_head)
{
    persist_store *cs = NULL;
    uint64_t head = 0;
    int rc = persist_store_open(&cs, dir, NULL);
    if (rc == PERSIST_OK && (persist_store_head(cs, &head) != PERSIST_OK || head != expect_head))
        rc = CHILD_WRONG_HEAD;
    else if (rc == PERSIST_OK && persist_store_submit(cs, "add 1", 5, NULL, NULL) != PERSIST_OK)
        rc = CHILD_SUBMIT_FAILED;
    else if (rc != PERSIST_OK)
        rc = CHILD_OPEN_FAILED;
    persist_store_close(cs);
    return rc;
}

static void test_second_writer_other_process(void **state)
{
    char *dir = ts_tmpdir();
    persist_store *s;
    facts before;
    int go[2];
    pid_t pid;
    uint64_t head;
    (void)state;

    /* Fork before opening: a child forked from a process holding the store would share its
     * in-process state (the library says stores are not usable after fork). */
    assert_int_equal(pipe(go), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(go[1]);
        _exit(child_second_writer(go[0], dir));
    }
    close(go[0]);
    s = open_live_v1(dir);
    take_facts(s, dir, &before);
    write_full(go[1], "g", 1);
    close(go[1]);
    ts_expect_child(pid);
    assert_unchanged(s, dir, &before);
    free_facts(&before);
    s = still_works(s, dir, NULL, "add 1");
    head = ts_head(s);
    close_ok(s);

    /* After the parent closes, another process can write. */
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        _exit(child_writer(dir, head));
    ts_expect_child(pid);
    s = ts_open(dir, NULL);
    assert_int_equal(ts_head(s), head + 1);
    close_ok(s);
    remove_dir(dir);
}

typedef struct progress {
    uint64_t head;
    char state[256];
} progress;

static void send_progress(persist_store *s, int fd)
{
    progress p;
    char *st = ts_state(s);
    memset(&p, 0, sizeof p);
    p.head = ts_head(s);
    assert_true(strlen(st) < sizeof p.state);
    strcpy(p.state, st);
    persist_free(st);
    write_full(fd, &p, sizeof p);
}

static int child_check_state(persist_store *cs, const progress *p)
{
    char *st = NULL;
    int ok = persist_store_state(cs, &st, NULL) == PERSIST_OK && strcmp(st, p->state) == 0;
    persist_free(st);
    return ok;
}

/* Child of test_reader_other_process: a read-only handle that follows the parent's commits. */
static int child_reader(int in_fd, int out_fd, const char *dir)
{
    persist_store *cs = NULL;
    persist_options o;
    progress p;
    uint64_t head = 0;
    int rc = CHILD_OK;
    persist_options_init(&o, sizeof o);
    o.flags = PERSIST_OPEN_READONLY;
    if (read_full(in_fd, &p, sizeof p) != 0)
        return CHILD_PIPE;
    if (persist_store_open(&cs, dir, &o) != PERSIST_OK)
        rc = CHILD_OPEN_FAILED;
    else if (persist_store_head(cs, &head) != PERSIST_OK || head != p.head)
        rc = CHILD_WRONG_HEAD;
    else if (!child_check_state(cs, &p))
        rc = CHILD_WRONG_STATE;
    else if (write(out_fd, "r", 1) != 1 || read_full(in_fd, &p, sizeof p) != 0)
        rc = CHILD_PIPE;
    else if (persist_store_head(cs, &head) != PERSIST_OK || head != p.head)
        rc = CHILD_WRONG_HEAD; /* read from disk: sees the writer's progress */
    else if (persist_store_restore(cs) != PERSIST_OK)
        rc = CHILD_RESTORE_FAILED;
    else if (!child_check_state(cs, &p))
        rc = CHILD_WRONG_STATE;
    else if (persist_store_submit(cs, "add 1", 5, NULL, NULL) != PERSIST_EREADONLY)
        rc = CHILD_WRITE_ALLOWED;
    persist_store_close(cs);
    return rc;
}

static void test_reader_other_process(void **state)
{
    char *dir = ts_tmpdir();
    persist_store *s;
    int p2c[2], c2p[2];
    pid_t pid;
    char c;
    (void)state;

    assert_int_equal(pipe(p2c), 0);
    assert_int_equal(pipe(c2p), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(p2c[1]);
        close(c2p[0]);
        _exit(child_reader(p2c[0], c2p[1], dir));
    }
    close(p2c[0]);
    close(c2p[1]);
    s = open_live_v1(dir);
    send_progress(s, p2c[1]);
    assert_int_equal(read_full(c2p[0], &c, 1), 0); /* the reader is open */
    persist_free(ts_submit(s, "add 7"));
    persist_free(ts_submit(s, "append zz"));
    send_progress(s, p2c[1]);
    close(p2c[1]);
    close(c2p[0]);
    ts_expect_child(pid);
    s = still_works(s, dir, NULL, "add 1"); /* the writer closes; a new writer can open */
    close_ok(s);
    remove_dir(dir);
}

/* ---- 13. writes on a read-only handle ---- */

static void test_readonly_writes(void **state)
{
    persist_batch_item item = {"add 1", 5, 0, NULL, 0};
    char *dir = ts_tmpdir();
    persist_store *s = open_live_v1(dir);
    persist_options o;
    facts before;
    (void)state;
    close_ok(s);
    persist_options_init(&o, sizeof o);
    o.flags = PERSIST_OPEN_READONLY;
    s = ts_open(dir, &o);

    take_facts(s, dir, &before);
    assert_int_equal(before.head, 4);
    EXPECT_FAIL(s, submit_str(s, "add 1"), PERSIST_EREADONLY, "read-only");
    EXPECT_FAIL(s, persist_store_submit_batch(s, &item, 1), PERSIST_EREADONLY, "read-only");
    assert_null(item.response);
    EXPECT_FAIL(s, deploy_fixture(s, "testapp_v2.js", PERSIST_DEPLOY_INIT, NULL), PERSIST_EREADONLY,
                "read-only");
    EXPECT_FAIL(s, deploy_fixture(s, "testapp_v2.js", PERSIST_DEPLOY_MIGRATE, NULL),
                PERSIST_EREADONLY, "read-only");
    EXPECT_FAIL(s, set_state_str(s, "{\"v\":1,\"n\":3,\"hist\":\"\"}"), PERSIST_EREADONLY,
                "read-only");
    EXPECT_FAIL(s, persist_store_snapshot(s), PERSIST_EREADONLY, "read-only");
    assert_unchanged(s, dir, &before);
    TS_OK(s, persist_store_restore(s)); /* reading still works */
    assert_unchanged(s, dir, &before);
    s = still_works(s, dir, &o, NULL);
    close_ok(s);

    /* A writer sees the same store and can write. */
    s = ts_open(dir, NULL);
    {
        facts now;
        take_facts(s, dir, &now);
        assert_same_facts(&now, &before);
        free_facts(&now);
    }
    free_facts(&before);
    s = still_works(s, dir, NULL, "add 1");
    close_ok(s);
    remove_dir(dir);
}

/* ---- 14. re-entrant calls from the log callback ---- */

typedef struct log_probe {
    persist_store *store; /* when set, the callback calls back into it */
    int infos, warns, others, bad_len;
    int reentries;
    int head_rc, submit_rc, state_rc, errmsg_ok;
    char info[512], warn[512];
} log_probe;

static void probe_log(int level, const char *message, size_t len, void *userdata)
{
    log_probe *p = userdata;
    if (strlen(message) != len)
        p->bad_len++;
    if (level == PERSIST_LOG_INFO) {
        p->infos++;
        snprintf(p->info, sizeof p->info, "%s", message);
    } else if (level == PERSIST_LOG_WARN) {
        p->warns++;
        snprintf(p->warn, sizeof p->warn, "%s", message);
    } else {
        p->others++;
    }
    if (p->store != NULL) {
        uint64_t head = 0;
        char *out = NULL;
        p->reentries++;
        p->head_rc = persist_store_head(p->store, &head);
        p->submit_rc = persist_store_submit(p->store, "add 100", 7, &out, NULL);
        persist_free(out);
        out = NULL;
        p->state_rc = persist_store_state(p->store, &out, NULL);
        persist_free(out);
    }
}

static void test_log_callback_reentry(void **state)
{
    char *dir = ts_tmpdir();
    persist_store *s;
    persist_options o;
    log_probe p;
    (void)state;
    memset(&p, 0, sizeof p);
    persist_options_init(&o, sizeof o);
    o.log_fn = probe_log;
    o.log_userdata = &p;
    s = ts_open(dir, &o);
    p.store = s;
    ts_deploy(s, "bad_console.js", PERSIST_DEPLOY_INIT);
    assert_int_equal(p.reentries, 0); /* init does not log */

    assert_response(s, "add 3", "n=3");
    assert_int_equal(p.infos, 1);
    assert_string_equal(p.info, "bad_console update add 3 n=3");
    assert_int_equal(p.reentries, 1);
    assert_int_equal(p.head_rc, PERSIST_EMISUSE);
    assert_int_equal(p.submit_rc, PERSIST_EMISUSE);
    assert_int_equal(p.state_rc, PERSIST_EMISUSE);
    /* The nested submit did nothing; the outer one logged one record. */
    assert_int_equal(ts_head(s), 2);
    assert_state(s, "{\"n\":3}");

    assert_response(s, "warn careful now", "warned");
    assert_int_equal(p.warns, 1);
    assert_string_equal(p.warn, "bad_console warns: careful now");
    assert_int_equal(p.reentries, 2);
    assert_int_equal(p.head_rc, PERSIST_EMISUSE);
    assert_int_equal(p.submit_rc, PERSIST_EMISUSE);
    assert_int_equal(ts_head(s), 2); /* warn returned the identical state: not logged */
    assert_int_equal(p.others, 0);
    assert_int_equal(p.bad_len, 0);

    /* Reopening replays the event (its console output arrives again); the callback must not use
     * the old handle then. */
    p.store = NULL;
    s = still_works(s, dir, &o, "add 2");
    assert_state(s, "{\"n\":5}");
    assert_true(p.infos >= 3);
    assert_int_equal(p.bad_len, 0);
    close_ok(s);
    remove_dir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_syntax_error),
        cmocka_unit_test(test_load_throws),
        cmocka_unit_test(test_contract_missing_function),
        cmocka_unit_test(test_update_throws),
        cmocka_unit_test(test_update_bad_response),
        cmocka_unit_test(test_set_state_rejected),
        cmocka_unit_test(test_migrate_failures),
        cmocka_unit_test(test_roundtrip_failures),
        cmocka_unit_test(test_corrupt_record_payload),
        cmocka_unit_test(test_corrupt_record_header),
        cmocka_unit_test(test_invalid_open_arguments),
        cmocka_unit_test(test_failed_open_handle),
        cmocka_unit_test(test_null_handle),
        cmocka_unit_test(test_strerror),
        cmocka_unit_test(test_stale_handle),
        cmocka_unit_test(test_long_message_keeps_its_end),
        cmocka_unit_test(test_invalid_call_arguments),
        cmocka_unit_test(test_no_app),
        cmocka_unit_test(test_second_open_same_process),
        cmocka_unit_test(test_second_writer_other_process),
        cmocka_unit_test(test_reader_other_process),
        cmocka_unit_test(test_readonly_writes),
        cmocka_unit_test(test_log_callback_reentry),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
