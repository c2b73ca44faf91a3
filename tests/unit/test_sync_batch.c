/* test_sync_batch.c - bootstrap packages whose entries do not fit (a second copy of the starting
 * record or snapshot, one for another record, an entry of an unknown type), each well-formed and
 * with a valid checksum, as a leader that is broken or hostile could send them: each is refused
 * with PERSIST_ECORRUPT and a message, nothing is applied, and the store then starts from the
 * leader's real package. Built with the batch format's own reader and builder (lib/sync_batch.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"
#include "sync_batch.h"
#include <persist.h>

/* How a package is changed. */
enum change { TWICE_RECORD, TWICE_SNAPSHOT, OTHER_RECORD, OTHER_SNAPSHOT, UNKNOWN_TYPE, NCHANGES };

static const char *const names[NCHANGES] = {
    "the starting record twice", "the snapshot twice", "a record after the starting one",
    "a snapshot of another record", "an entry of an unknown type"};

/* The package `in` with one change, and a valid checksum. */
static char *changed(const char *in, size_t len, enum change what, size_t *out_len)
{
    persist__sync_reader r;
    persist__sync_header h;
    persist__sync_entry e, extra;
    persist__sync_builder b;
    persist__err err;
    char *out = NULL;
    int rc, found = 0;
    assert_int_equal(persist__sync_open(&r, &h, in, len, &err), PERSIST_OK);
    persist__sync_begin(&b, &h);
    while ((rc = persist__sync_next(&r, &e, &err)) == 1) {
        persist__sync_add(&b, &e);
        if ((e.type == PERSIST__ENTRY_RECORD &&
             (what == TWICE_RECORD || what == OTHER_RECORD || what == UNKNOWN_TYPE)) ||
            (e.type == PERSIST__ENTRY_SNAPSHOT &&
             (what == TWICE_SNAPSHOT || what == OTHER_SNAPSHOT))) {
            extra = e;
            found = 1;
        }
    }
    assert_int_equal(rc, 0);
    assert_true(found);
    if (what == OTHER_RECORD || what == OTHER_SNAPSHOT)
        extra.seq = h.after + 1;
    if (what == UNKNOWN_TYPE)
        extra.type = 9;
    persist__sync_add(&b, &extra);
    assert_int_equal(persist__sync_finish(&b, &out, out_len, &err), PERSIST_OK);
    return out;
}

static void test_bootstrap_entries_that_do_not_fit(void **state)
{
    char *ld = ts_tmpdir(), *fd = ts_tmpdir();
    persist_options o;
    persist_store *l, *f;
    char *pkg = NULL, *want, *got;
    size_t len = 0;
    uint64_t seq = 0, head = 0;
    (void)state;
    persist_options_init(&o, sizeof o);
    l = ts_open(ld, &o);
    ts_deploy(l, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    persist_free(ts_submit(l, "add 4"));
    TS_OK(l, persist_store_snapshot(l));
    TS_OK(l, persist_store_export_bootstrap(l, &pkg, &len, &seq));
    assert_int_equal(seq, 2);
    want = ts_state(l);
    f = ts_open(fd, &o);
    for (int i = 0; i < NCHANGES; i++) {
        size_t n = 0;
        char *bad = changed(pkg, len, (enum change)i, &n);
        int rc = persist_store_apply(f, bad, n, &head);
        /* Each returned 1 (the reader's "an entry follows") and left no message. */
        if (rc != PERSIST_ECORRUPT)
            fail_msg("%s: status %d, expected PERSIST_ECORRUPT", names[i], rc);
        if (strstr(ts_errmsg(f), "bootstrap package is damaged") == NULL)
            fail_msg("%s: message \"%s\"", names[i], ts_errmsg(f));
        assert_int_equal(ts_head(f), 0);
        free(bad);
    }
    TS_OK(f, persist_store_apply(f, pkg, len, &head));
    assert_int_equal(head, 2);
    got = ts_state(f);
    assert_string_equal(got, want);
    persist_free(got);
    persist_free(want);
    persist_free(pkg);
    persist_store_close(f);
    persist_store_close(l);
    ts_rmrf(ld);
    ts_rmrf(fd);
    free(ld);
    free(fd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bootstrap_entries_that_do_not_fit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
