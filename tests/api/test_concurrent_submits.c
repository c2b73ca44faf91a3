/* test_concurrent_submits.c - many threads submitting to one store in the default (synced) mode,
 * committed in groups (lib/group_commit.c): every response is the one its event's place in the
 * history gives, each thread sees its own events in order, client ids sent by several threads at
 * once are applied once, reads and snapshots running meanwhile see only committed states, and the
 * state after reopening is the live one. Prints how many LMDB commits the events took (read from
 * data.mdb's meta pages); the grouping itself is asserted deterministically in
 * tests/unit/test_group_commit.c. `make tsan` runs this file under ThreadSanitizer.
 *
 * Threads never call cmocka: they record their first failure and the main thread asserts. */
#include "support.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define THREADS 8
#define EVENTS  60 /* per thread */
#define IDS     40 /* client ids every id thread sends */

typedef struct worker {
    pthread_t thread;
    persist_store *s;
    int tid;
    int mode;    /* 0 submit, 1 batch of 3, 2 events with ids shared by all id workers */
    int *counts; /* "count is N" of each response, in the order received */
    int n;
    int applied; /* events that were not duplicates */
    char err[512];
} worker;

static atomic_int stop_readers;

static void wfail(worker *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void wfail(worker *w, const char *fmt, ...)
{
    va_list ap;
    if (w->err[0] != '\0')
        return;
    va_start(ap, fmt);
    vsnprintf(w->err, sizeof w->err, fmt, ap);
    va_end(ap);
}

static void note(worker *w, int rc, const char *resp, const char *what)
{
    int c;
    if (rc != PERSIST_OK || resp == NULL || sscanf(resp, "count is %d", &c) != 1) {
        wfail(w, "thread %d: %s: status %d, response '%s'", w->tid, what, rc,
              resp != NULL ? resp : "(null)");
        return;
    }
    w->counts[w->n++] = c;
}

static void *submitter(void *arg)
{
    worker *w = arg;
    for (int i = 0; i < EVENTS && w->err[0] == '\0';) {
        if (w->mode == 0) {
            char *resp = NULL;
            int rc = persist_store_submit(w->s, "add 1", 5, &resp, NULL);
            note(w, rc, resp, "submit");
            persist_free(resp);
            w->applied++;
            i++;
        } else if (w->mode == 1) {
            persist_batch_item it[3];
            int rc;
            memset(it, 0, sizeof it);
            for (int k = 0; k < 3; k++) {
                it[k].event = "add 1";
                it[k].event_len = 5;
            }
            rc = persist_store_submit_batch(w->s, it, 3);
            for (int k = 0; k < 3; k++) {
                note(w, rc == PERSIST_OK ? it[k].status : rc, it[k].response, "batch");
                persist_free(it[k].response);
            }
            w->applied += 3;
            i += 3;
        } else {
            persist_event ev;
            char id[32];
            int rc;
            snprintf(id, sizeof id, "req-%d", i % IDS);
            memset(&ev, 0, sizeof ev);
            ev.event = "add 1";
            ev.event_len = 5;
            ev.client_id = id;
            ev.client_id_len = strlen(id);
            rc = persist_store_submit_events(w->s, &ev, 1, sizeof ev);
            if (rc == PERSIST_OK && !ev.duplicate)
                w->applied++;
            if (rc == PERSIST_OK && ev.duplicate)
                w->counts[w->n++] = -1; /* not ordered: the first one's response */
            else
                note(w, rc, ev.response, "submit_events");
            persist_free(ev.response);
            i++;
        }
    }
    return NULL;
}

/* Reads meanwhile: the state only goes up, and a query answers from a committed state. */
static void *reader(void *arg)
{
    worker *w = arg;
    int last = 0;
    while (!stop_readers && w->err[0] == '\0') {
        char *st = NULL, *resp = NULL;
        int c = -1, q = -1, rc = persist_store_state(w->s, &st, NULL);
        if (rc != PERSIST_OK || st == NULL || sscanf(st, "{\"count\":%d}", &c) != 1 || c < last)
            wfail(w, "reader: state %d '%s' after %d", rc, st != NULL ? st : "", last);
        last = c;
        persist_free(st);
        rc = persist_store_query(w->s, "get", 3, &resp, NULL);
        if (rc != PERSIST_OK || resp == NULL || sscanf(resp, "count is %d", &q) != 1 || q < last)
            wfail(w, "reader: query %d '%s' after %d", rc, resp != NULL ? resp : "", last);
        persist_free(resp);
        if (++w->n % 7 == 0 && (rc = persist_store_snapshot(w->s)) != PERSIST_OK)
            wfail(w, "reader: snapshot %d", rc);
    }
    return NULL;
}

/* LMDB's id of the newest committed write transaction, from the two meta pages of data.mdb:
 * the number of commits the store has seen. */
static uint64_t lmdb_txnid(const char *dir)
{
    size_t len;
    char *data = ts_data_file(dir, &len);
    uint64_t best = 0;
    for (int page = 0; page < 2; page++) {
        uint64_t id;
        assert_true(len >= 4096 * (size_t)(page + 1));
        memcpy(&id, data + 4096 * page + 144, sizeof id); /* page header 16 + MDB_meta.mm_txnid */
        best = id > best ? id : best;
    }
    free(data);
    return best;
}

static void run(int with_reader, int ids)
{
    char *dir = ts_tmpdir();
    persist_store *s = ts_open(dir, NULL);
    worker w[THREADS + 1];
    int total = 0, want = 0, logged_before, *all;
    uint64_t txn_before, txn_after;
    memset(w, 0, sizeof w);
    ts_deploy(s, "examples/counter/counter.js", PERSIST_DEPLOY_INIT);
    logged_before = (int)ts_head(s);
    persist_store_flush(s);
    txn_before = lmdb_txnid(dir);
    stop_readers = 0;
    for (int i = 0; i <= THREADS; i++) {
        w[i].s = s;
        w[i].tid = i;
        w[i].mode = ids ? (i % 2 == 0 ? 2 : 0) : i % 2;
        w[i].counts = calloc(EVENTS + 3, sizeof(int));
        assert_non_null(w[i].counts);
        if (i < THREADS)
            assert_int_equal(pthread_create(&w[i].thread, NULL, submitter, &w[i]), 0);
        else if (with_reader)
            assert_int_equal(pthread_create(&w[i].thread, NULL, reader, &w[i]), 0);
    }
    for (int i = 0; i < THREADS; i++)
        assert_int_equal(pthread_join(w[i].thread, NULL), 0);
    stop_readers = 1;
    if (with_reader)
        assert_int_equal(pthread_join(w[THREADS].thread, NULL), 0);
    for (int i = 0; i <= THREADS; i++)
        if (w[i].err[0] != '\0')
            fail_msg("%s", w[i].err);
    /* Every applied event's response is a distinct count 1..total; each thread's go up. */
    for (int i = 0; i < THREADS; i++)
        total += w[i].applied;
    want = ids ? THREADS / 2 * EVENTS + IDS : THREADS * EVENTS;
    assert_int_equal(total, want);
    all = calloc((size_t)total + 1, sizeof(int));
    for (int i = 0; i < THREADS; i++) {
        int last = 0;
        for (int k = 0; k < w[i].n; k++) {
            int c = w[i].counts[k];
            if (c == -1)
                continue;
            assert_true(c > last && c <= total);
            assert_int_equal(all[c], 0);
            all[c] = 1;
            last = c;
        }
        free(w[i].counts);
    }
    free(w[THREADS].counts);
    free(all);
    assert_int_equal(ts_head(s), (uint64_t)(logged_before + total));
    ts_close_and_expect_reopened(s, dir);
    txn_after = lmdb_txnid(dir);
    printf("concurrent submits: %d threads, %d events in %" PRIu64 " LMDB commits%s%s\n", THREADS,
           total, txn_after - txn_before, with_reader ? ", with a reader and snapshots" : "",
           ids ? ", client ids shared by 4 threads" : "");
    ts_rmrf(dir);
    free(dir);
}

static void test_eight_threads_synced(void **state)
{
    (void)state;
    run(0, 0);
}

static void test_eight_threads_with_reads_and_snapshots(void **state)
{
    (void)state;
    run(1, 0);
}

static void test_client_ids_sent_by_several_threads_apply_once(void **state)
{
    (void)state;
    run(1, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_eight_threads_synced),
        cmocka_unit_test(test_eight_threads_with_reads_and_snapshots),
        cmocka_unit_test(test_client_ids_sent_by_several_threads_apply_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
