/* test_sync.c - client ids, ordered timestamps, queries, and followers: a follower started from a
 * bootstrap package and fed the leader's sync batches ends in the leader's state through events,
 * deploys in both modes, set-states, reverts and snapshots, with restarts of either side; every
 * wrong batch (duplicate, out of order, gap, foreign, tampered, forked) is refused with its own
 * code and changes nothing; a promoted follower continues the sequence and remembers the client
 * ids; a follower killed while it applies loses nothing and applies nothing twice. */
#include "support.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- helpers ---- */

static persist_store *open_opts(const char *dir, uint32_t keep, uint32_t keep_s, uint32_t flags)
{
    persist_options o;
    persist_store *s = NULL;
    persist_options_init(&o, sizeof o);
    o.snapshot_every = 5;
    o.durability = PERSIST_DURABILITY_RELAXED;
    o.client_id_keep = keep;
    o.client_id_keep_s = keep_s;
    o.flags = flags;
    TS_OK(s, persist_store_open(&s, dir, &o));
    return s;
}

static persist_store *open_store(const char *dir)
{
    return open_opts(dir, 0, 0, 0);
}

/* One event with an id (NULL: none) and a time (0: now); returns the filled struct. */
static persist_event submit_id(persist_store *s, const char *event, const char *id, uint64_t time)
{
    persist_event ev;
    memset(&ev, 0, sizeof ev);
    ev.event = event;
    ev.event_len = strlen(event);
    ev.client_id = id;
    ev.client_id_len = id != NULL ? strlen(id) : 0;
    ev.time_us = time;
    TS_OK(s, persist_store_submit_events(s, &ev, 1, sizeof ev));
    assert_int_equal(ev.status, PERSIST_OK);
    return ev;
}

static uint64_t record_time(persist_store *s, uint64_t seq)
{
    persist_record *r = NULL;
    size_t n = 0;
    uint64_t t;
    TS_OK(s, persist_store_records(s, seq, 1, 0, &r, &n));
    assert_int_equal(n, 1);
    assert_int_equal(r[0].seq, seq);
    t = r[0].time_us;
    persist_free(r);
    return t;
}

static void deploy_fixture(persist_store *s, const char *name, uint32_t mode)
{
    size_t n;
    char *code = ts_fixture(name, &n);
    TS_OK(s, persist_store_deploy(s, code, n, mode, NULL));
    free(code);
}

static void assert_same_state(persist_store *a, persist_store *b)
{
    char *x = ts_state(a), *y = ts_state(b);
    assert_string_equal(x, y);
    assert_int_equal(ts_head(a), ts_head(b));
    persist_free(x);
    persist_free(y);
}

/* Ship everything after the follower's head to it, in batches of at most `max` bytes. */
static void ship(persist_store *leader, persist_store *follower, uint64_t max)
{
    uint64_t to = ts_head(follower), head;
    while (to < ts_head(leader)) {
        char *batch = NULL;
        size_t len = 0;
        TS_OK(leader, persist_store_export_records(leader, to, max, &batch, &len, &to));
        assert_non_null(batch);
        TS_OK(follower, persist_store_apply(follower, batch, len, &head));
        assert_int_equal(head, to);
        persist_free(batch);
    }
}

static persist_store *bootstrap(persist_store *leader, const char *dir)
{
    persist_store *f = open_store(dir);
    char *pkg = NULL;
    size_t len = 0;
    uint64_t seq = 0, head = 0;
    TS_OK(leader, persist_store_export_bootstrap(leader, &pkg, &len, &seq));
    TS_OK(f, persist_store_apply(f, pkg, len, &head));
    assert_int_equal(head, seq);
    persist_free(pkg);
    return f;
}

/* The follower takes the leader's remaining records and ends in its state; both are closed and
 * their directories removed. */
static void catch_up_and_finish(persist_store *l, persist_store *f, char *ld, char *fd)
{
    ship(l, f, 0);
    assert_same_state(l, f);
    ts_close_and_remove(l, ld, f, fd);
}

static char *batch_after(persist_store *leader, uint64_t after, size_t *len)
{
    char *b = NULL;
    TS_OK(leader, persist_store_export_records(leader, after, 0, &b, len, NULL));
    assert_non_null(b);
    return b;
}

/* ---- client ids ---- */

static void test_client_ids(void **state)
{
    char *dir = ts_tmpdir();
    persist_store *s = open_store(dir);
    persist_event a, again, batch[3];
    (void)state;
    deploy_fixture(s, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    a = submit_id(s, "add 5", "req-1", 0);
    assert_string_equal(a.response, "n=5");
    assert_int_equal(a.duplicate, 0);
    assert_int_equal(a.seq, 2);
    again = submit_id(s, "add 5", "req-1", 0); /* a retry: not applied again */
    assert_int_equal(again.duplicate, 1);
    assert_string_equal(again.response, "n=5");
    assert_int_equal(again.seq, 2);
    assert_int_equal(ts_head(s), 2);
    persist_free(a.response);
    persist_free(again.response);
    /* A batch: an id seen before, the same new id twice, and one without an id. */
    memset(batch, 0, sizeof batch);
    for (int i = 0; i < 3; i++) {
        batch[i].event = "add 1";
        batch[i].event_len = 5;
    }
    batch[0].client_id = "req-1";
    batch[0].client_id_len = 5;
    batch[1].client_id = batch[2].client_id = "req-2";
    batch[1].client_id_len = batch[2].client_id_len = 5;
    TS_OK(s, persist_store_submit_events(s, batch, 3, sizeof batch[0]));
    assert_int_equal(batch[0].duplicate, 1);
    assert_string_equal(batch[0].response, "n=5");
    assert_int_equal(batch[1].duplicate, 0);
    assert_string_equal(batch[1].response, "n=6");
    assert_int_equal(batch[2].duplicate, 1);
    assert_string_equal(batch[2].response, "n=6");
    assert_int_equal(batch[2].seq, batch[1].seq);
    for (int i = 0; i < 3; i++)
        persist_free(batch[i].response);
    assert_int_equal(ts_head(s), 3);
    /* After a restart too. */
    persist_store_close(s);
    s = open_store(dir);
    again = submit_id(s, "add 100", "req-2", 0);
    assert_int_equal(again.duplicate, 1);
    assert_string_equal(again.response, "n=6");
    persist_free(again.response);
    assert_int_equal(ts_head(s), 3);
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

static void test_client_id_retention(void **state)
{
    char *dir = ts_tmpdir();
    persist_store *s = open_opts(dir, 3, PERSIST_NO_LIMIT, 0);
    char id[16];
    persist_event ev;
    (void)state;
    deploy_fixture(s, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    for (int i = 1; i <= 5; i++) {
        snprintf(id, sizeof id, "id-%d", i);
        persist_free(submit_id(s, "add 1", id, 0).response);
    }
    ev = submit_id(s, "add 1", "id-2", 0); /* forgotten: the newest 3 are kept */
    assert_int_equal(ev.duplicate, 0);
    persist_free(ev.response);
    ev = submit_id(s, "add 1", "id-5", 0);
    assert_int_equal(ev.duplicate, 1);
    persist_free(ev.response);
    persist_store_close(s);
    /* By age: ids older than 10 s of record time are forgotten. */
    ts_rmrf(dir);
    s = open_opts(dir, PERSIST_NO_LIMIT, 10, 0);
    deploy_fixture(s, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    persist_free(submit_id(s, "add 1", "old", 4000000000000000ull).response);
    persist_free(submit_id(s, "add 1", "new", 4000000030000000ull).response);
    ev = submit_id(s, "add 1", "old", 4000000031000000ull);
    assert_int_equal(ev.duplicate, 0);
    persist_free(ev.response);
    ev = submit_id(s, "add 1", "new", 4000000032000000ull);
    assert_int_equal(ev.duplicate, 1);
    persist_free(ev.response);
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

/* Record `seq` was submitted with client id `want` (NULL: none), with its length beside it. */
static void expect_client_id(persist_store *s, uint64_t seq, const char *want)
{
    char *got = (char *)"unset";
    size_t len = 12345;
    TS_OK(s, persist_store_client_id_at(s, seq, &got, &len));
    assert_int_equal(len, got != NULL ? strlen(got) : 0);
    if (want == NULL ? got != NULL : got == NULL || strcmp(got, want) != 0)
        fail_msg("record %llu: client id %s, expected %s", (unsigned long long)seq,
                 got != NULL ? got : "(none)", want != NULL ? want : "(none)");
    persist_free(got);
}

/* History shows which client id each event came with (persist_store_client_id_at): from the
 * record, so also once the index forgot it, on a follower, and until the record is pruned. */
static void test_client_id_at(void **state)
{
    char *ld = ts_tmpdir(), *fd = ts_tmpdir();
    persist_store *l = open_opts(ld, 1, PERSIST_NO_LIMIT, 0), *f;
    persist_event batch[3];
    persist_prune_report rep;
    char *out = (char *)"unset";
    (void)state;
    deploy_fixture(l, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    persist_free(submit_id(l, "add 1", "req-1", 0).response);             /* 2 */
    persist_free(submit_id(l, "add 1", NULL, 0).response);                /* 3 */
    persist_free(submit_id(l, "add 1", "\xc3\xa9t\xc3\xa9", 0).response); /* 4: UTF-8 */
    memset(batch, 0, sizeof batch);
    for (int i = 0; i < 3; i++) {
        batch[i].event = "add 1";
        batch[i].event_len = 5;
    }
    batch[0].client_id = batch[2].client_id = "req-5";
    batch[0].client_id_len = batch[2].client_id_len = 5;
    batch[1].client_id = "req-6";
    batch[1].client_id_len = 5;
    TS_OK(l, persist_store_submit_events(l, batch, 3, sizeof batch[0])); /* 5, 6; a duplicate */
    for (int i = 0; i < 3; i++)
        persist_free(batch[i].response);
    assert_int_equal(ts_head(l), 6);
    expect_client_id(l, 1, NULL);    /* the deploy */
    expect_client_id(l, 2, "req-1"); /* the index keeps only the newest id: the record has it */
    expect_client_id(l, 3, NULL);
    expect_client_id(l, 4, "\xc3\xa9t\xc3\xa9");
    expect_client_id(l, 5, "req-5");
    expect_client_id(l, 6, "req-6");
    TS_FAILS(l, persist_store_client_id_at(l, 0, &out, NULL), PERSIST_EINVAL);
    assert_null(out);
    out = (char *)"unset";
    TS_FAILS(l, persist_store_client_id_at(l, 7, &out, NULL), PERSIST_EINVAL);
    assert_null(out);
    TS_FAILS(l, persist_store_client_id_at(l, 2, NULL, NULL), PERSIST_EINVAL);
    /* A follower's records carry the leader's ids. */
    f = bootstrap(l, fd);
    ship(l, f, 0);
    persist_free(submit_id(l, "add 1", "req-7", 0).response); /* 7 */
    ship(l, f, 0);
    expect_client_id(f, 7, "req-7");
    /* Pruned records are gone, the ones kept still have their ids. */
    TS_OK(l, persist_store_snapshot(l));
    memset(&rep, 0, sizeof rep);
    rep.struct_size = sizeof rep;
    TS_OK(l, persist_store_prune(l, 6, &rep));
    out = (char *)"unset";
    TS_FAILS(l, persist_store_client_id_at(l, 2, &out, NULL), PERSIST_ENOTFOUND);
    assert_null(out);
    expect_client_id(l, 6, "req-6");
    expect_client_id(l, 7, "req-7");
    catch_up_and_finish(l, f, ld, fd);
}

static void test_bad_client_ids(void **state)
{
    char *dir = ts_tmpdir();
    persist_store *s = open_store(dir);
    persist_event ev;
    char big[300];
    (void)state;
    deploy_fixture(s, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    memset(&ev, 0, sizeof ev);
    ev.event = "add 1";
    ev.event_len = 5;
    memset(big, 'x', sizeof big);
    ev.client_id = big;
    ev.client_id_len = sizeof big;
    TS_FAILS(s, persist_store_submit_events(s, &ev, 1, sizeof ev), PERSIST_EINVAL);
    ev.client_id = "\xff\xfe";
    ev.client_id_len = 2;
    TS_FAILS(s, persist_store_submit_events(s, &ev, 1, sizeof ev), PERSIST_EINVAL);
    ev.client_id = "ok";
    TS_FAILS(s, persist_store_submit_events(s, &ev, 1, 8), PERSIST_EINVAL);
    assert_int_equal(ts_head(s), 1);
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

/* ---- timestamps ---- */

static void test_timestamps_strictly_increase(void **state)
{
    char *dir = ts_tmpdir();
    persist_store *s = open_store(dir);
    uint64_t t2, t3, t4, prev = 0;
    (void)state;
    deploy_fixture(s, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    persist_free(submit_id(s, "add 1", NULL, 5000000000000000ull).response); /* far ahead */
    persist_free(submit_id(s, "add 1", NULL, 1000).response);                /* back */
    persist_free(submit_id(s, "add 1", NULL, 0).response);                   /* now: behind */
    t2 = record_time(s, 2);
    t3 = record_time(s, 3);
    t4 = record_time(s, 4);
    assert_int_equal(t2, 5000000000000000ull);
    assert_int_equal(t3, t2 + 1);
    assert_int_equal(t4, t3 + 1);
    /* Also across a deploy and a restart, and for plain submits. */
    deploy_fixture(s, "testapp_v2.js", PERSIST_DEPLOY_MIGRATE);
    persist_store_close(s);
    s = open_store(dir);
    persist_free(ts_submit(s, "add 1"));
    for (uint64_t seq = 1; seq <= ts_head(s); seq++) {
        uint64_t t = record_time(s, seq);
        assert_true(t > prev);
        prev = t;
    }
    assert_int_equal(record_time(s, ts_head(s)), t4 + 2);
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

/* ---- queries ---- */

static void test_queries(void **state)
{
    char *dir = ts_tmpdir();
    persist_store *s = open_store(dir), *r;
    char *resp = NULL, *st;
    (void)state;
    deploy_fixture(s, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    persist_free(ts_submit(s, "add 4"));
    TS_OK(s, persist_store_query(s, "get", 3, &resp, NULL));
    assert_string_equal(resp, "n=4 hist=");
    persist_free(resp);
    TS_FAILS(s, persist_store_query(s, "add 1", 5, &resp, NULL), PERSIST_ENOTQUERY);
    assert_null(resp);
    st = ts_state(s);
    assert_string_equal(st, "{\"v\":1,\"n\":4,\"hist\":\"\"}");
    persist_free(st);
    assert_int_equal(ts_head(s), 2);
    TS_FAILS(s, persist_store_query(s, "throw", 5, &resp, NULL), PERSIST_ESCRIPT);
    /* A read-only handle of another process answers too, and catches up with refresh. */
    r = NULL;
    {
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            persist_store *c = NULL;
            int ok;
            persist_store_close(s); /* (the parent's handle is not the child's to use) */
            ok = persist_store_open(&c, dir, NULL) == PERSIST_EBUSY;
            _exit(ok ? 0 : 1);
        }
        waitpid(pid, NULL, 0);
    }
    persist_store_close(s);
    s = NULL;
    r = open_opts(dir, 0, 0, PERSIST_OPEN_READONLY);
    TS_OK(r, persist_store_query(r, "get", 3, &resp, NULL));
    assert_string_equal(resp, "n=4 hist=");
    persist_free(resp);
    TS_FAILS(r, persist_store_submit(r, "add 1", 5, NULL, NULL), PERSIST_EREADONLY);
    persist_store_close(r);
    ts_rmrf(dir);
    free(dir);
}

/* ---- followers ---- */

static void test_follower_follows_everything(void **state)
{
    char *ld = ts_tmpdir(), *fd = ts_tmpdir(), *st;
    persist_store *l = open_store(ld), *f;
    persist_sync_info li, fi;
    (void)state;
    deploy_fixture(l, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    persist_free(ts_submit(l, "add 3"));
    f = bootstrap(l, fd); /* at the newest snapshot: after the deploy */
    assert_int_equal(ts_head(f), 1);
    ship(l, f, 0);
    assert_same_state(l, f);
    li.struct_size = fi.struct_size = sizeof li;
    TS_OK(l, persist_store_sync_info(l, &li));
    TS_OK(f, persist_store_sync_info(f, &fi));
    assert_string_equal(li.store_id, fi.store_id);
    assert_int_equal(li.follower, 0);
    assert_int_equal(fi.follower, 1);
    for (int i = 0; i < 12; i++)
        persist_free(ts_submit(l, i % 2 ? "append x" : "add 2"));
    ship(l, f, 0);
    assert_same_state(l, f);
    deploy_fixture(l, "testapp_v2.js", PERSIST_DEPLOY_MIGRATE);
    persist_free(ts_submit(l, "tag hello"));
    {
        const char *text = "{\"v\":2,\"n\":7,\"hist\":\"h\",\"tag\":\"set\"}";
        TS_OK(l, persist_store_set_state(l, text, strlen(text)));
    }
    persist_free(ts_submit(l, "add 1"));
    ship(l, f, 200); /* small batches: one record each */
    assert_same_state(l, f);
    TS_OK(l, persist_store_revert(l, 5));
    deploy_fixture(l, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    persist_free(ts_submit(l, "add 9"));
    /* Restarts of either side. */
    persist_store_close(f);
    f = open_store(fd);
    ship(l, f, 0);
    persist_store_close(l);
    l = open_store(ld);
    assert_same_state(l, f);
    /* A follower serves reads but refuses writes. */
    TS_FAILS(f, persist_store_submit(f, "add 1", 5, NULL, NULL), PERSIST_EFOLLOWER);
    TS_FAILS(f, persist_store_set_state(f, "{}", 2), PERSIST_EFOLLOWER);
    st = NULL;
    TS_OK(f, persist_store_query(f, "get", 3, &st, NULL));
    assert_string_equal(st, "n=9 hist=");
    persist_free(st);
    TS_OK(f, persist_store_verify(f, PERSIST_VERIFY_ALL_SNAPSHOTS, NULL));
    persist_store_close(f);
    persist_store_close(l);
    ts_rmrf(ld);
    ts_rmrf(fd);
    free(ld);
    free(fd);
}

/* Every wrong batch is refused with its own code, and the follower is exactly what it was. */
/* The event path writes snapshots without loading them; a bootstrap must start a follower from the
 * newest snapshot that loads, not from one the app cannot load (regression: the follower's apply
 * failed on it). */
static void test_bootstrap_skips_an_unloadable_snapshot(void **state)
{
    char *ld = ts_tmpdir(), *fd = ts_tmpdir();
    persist_store *l = open_store(ld), *f;
    char *pkg = NULL;
    size_t len = 0;
    uint64_t seq = 0, head = 0;
    (void)state;
    deploy_fixture(l, "poison.js", PERSIST_DEPLOY_INIT); /* record 1, snapshots every 5 after */
    for (int i = 0; i < 9; i++)
        persist_free(ts_submit(l, "add")); /* records 2-10: snapshot 6 holds {"n":5} */
    persist_free(ts_submit(l, "poison"));  /* record 11 {"n":-1}, and its snapshot */
    persist_free(ts_submit(l, "add"));     /* record 12 {"n":0} */
    assert_int_equal(ts_head(l), 12);
    TS_OK(l, persist_store_snapshot_seq(l, &seq));
    assert_int_equal(seq, 11);
    TS_OK(l, persist_store_export_bootstrap(l, &pkg, &len, &seq));
    assert_int_equal(seq, 6); /* snapshot 11 does not load */
    f = open_store(fd);
    TS_OK(f, persist_store_apply(f, pkg, len, &head));
    assert_int_equal(head, 6);
    persist_free(pkg);
    catch_up_and_finish(l, f, ld, fd);
}

static void test_wrong_batches(void **state)
{
    char *ld = ts_tmpdir(), *fd = ts_tmpdir(), *od = ts_tmpdir(), *bk = ts_tmpdir();
    char *b1, *b2, *old, *foreign, *forked, *st_before, bkdir[4200];
    size_t n1, n2, nold, nforeign, nforked, before_len;
    persist_store *l = open_store(ld), *f, *o;
    uint64_t head = 0;
    (void)state;
    deploy_fixture(l, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    persist_free(ts_submit(l, "add 1"));
    snprintf(bkdir, sizeof bkdir, "%s/b", bk);
    TS_OK(l, persist_store_backup(l, bkdir)); /* the leader as it is now: 2 records */
    f = bootstrap(l, fd);
    ship(l, f, 0);
    persist_free(ts_submit(l, "add 1"));
    b1 = batch_after(l, 2, &n1); /* record 3 */
    persist_free(ts_submit(l, "add 1"));
    b2 = batch_after(l, 3, &n2);    /* record 4 */
    old = batch_after(l, 1, &nold); /* records 2..4 */
    TS_OK(f, persist_store_apply(f, b1, n1, &head));
    assert_int_equal(head, 3);
    st_before = ts_state(f);
    /* Duplicate: nothing changes. */
    TS_OK(f, persist_store_apply(f, b1, n1, &head));
    assert_int_equal(head, 3);
    /* Gap: record 5 after record 3 is missing. */
    persist_free(ts_submit(l, "add 1"));
    {
        size_t n5;
        char *b5 = batch_after(l, 4, &n5);
        TS_FAILS(f, persist_store_apply(f, b5, n5, NULL), PERSIST_EGAP);
        persist_free(b5);
    }
    /* Tampered: one byte of the record changed. */
    b2[n2 / 2] ^= 1;
    TS_FAILS(f, persist_store_apply(f, b2, n2, NULL), PERSIST_ECORRUPT);
    b2[n2 / 2] ^= 1;
    TS_FAILS(f, persist_store_apply(f, "PSYNC", 5, NULL), PERSIST_ECORRUPT);
    /* Foreign: another store's batch. */
    o = open_store(od);
    deploy_fixture(o, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    persist_free(ts_submit(o, "add 1"));
    persist_free(ts_submit(o, "add 1"));
    persist_free(ts_submit(o, "add 1"));
    foreign = batch_after(o, 2, &nforeign);
    TS_FAILS(f, persist_store_apply(f, foreign, nforeign, NULL), PERSIST_EFOREIGN);
    persist_store_close(o);
    /* Forked: the leader restored from the backup, then written differently. */
    persist_store_close(l);
    ts_rmrf(ld);
    o = open_store(bkdir);
    persist_free(ts_submit(o, "mul 7"));
    persist_free(ts_submit(o, "mul 7"));
    forked = batch_after(o, 2, &nforked);
    TS_FAILS(f, persist_store_apply(f, forked, nforked, NULL), PERSIST_EFORKED);
    persist_free(forked);
    forked = batch_after(o, 3, &nforked);
    TS_FAILS(f, persist_store_apply(f, forked, nforked, NULL), PERSIST_EFORKED);
    persist_free(forked);
    persist_store_close(o);
    /* Nothing of that changed the follower; an older overlapping batch is checked and applies the
     * rest. */
    {
        char *now = ts_state(f);
        assert_string_equal(now, st_before);
        persist_free(now);
    }
    assert_int_equal(ts_head(f), 3);
    before_len = 0;
    TS_OK(f, persist_store_apply(f, old, nold, &head));
    assert_int_equal(head, 4);
    TS_OK(f, persist_store_apply(f, b2, n2, &head)); /* now a duplicate */
    assert_int_equal(head, 4);
    (void)before_len;
    persist_free(st_before);
    persist_free(b1);
    persist_free(b2);
    persist_free(old);
    persist_free(foreign);
    persist_store_close(f);
    ts_rmrf(fd);
    ts_rmrf(od);
    ts_rmrf(bk);
    free(ld);
    free(fd);
    free(od);
    free(bk);
}

static void test_promote(void **state)
{
    char *ld = ts_tmpdir(), *fd = ts_tmpdir(), *gd = ts_tmpdir(), *b;
    persist_store *l = open_store(ld), *f, *g;
    persist_event ev;
    size_t n;
    (void)state;
    deploy_fixture(l, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    persist_free(submit_id(l, "add 10", "order-1", 0).response);
    f = bootstrap(l, fd);
    g = bootstrap(l, gd);
    persist_free(submit_id(l, "add 5", "order-2", 0).response);
    ship(l, f, 0);
    ship(l, g, 0);
    /* The leader goes away after acknowledging an event it never shipped. */
    persist_free(submit_id(l, "add 1000", "order-3", 0).response);
    TS_OK(f, persist_store_promote(f));
    /* The promoted follower continues the sequence and knows the ids it was shipped. */
    ev = submit_id(f, "add 5", "order-2", 0);
    assert_int_equal(ev.duplicate, 1);
    assert_string_equal(ev.response, "n=15");
    persist_free(ev.response);
    ev = submit_id(f, "add 1", "order-4", 0);
    assert_int_equal(ev.duplicate, 0);
    assert_int_equal(ev.seq, 4);
    persist_free(ev.response);
    ship(f, g, 0);
    assert_same_state(f, g);
    /* The old leader is a fork: its batch is refused by the new leader's follower. */
    b = batch_after(l, 3, &n);
    TS_FAILS(g, persist_store_apply(g, b, n, NULL), PERSIST_EFORKED);
    persist_free(b);
    b = batch_after(l, 2, &n);
    TS_FAILS(g, persist_store_apply(g, b, n, NULL), PERSIST_EFORKED);
    persist_free(b);
    /* ... and it cannot follow the new leader either. */
    b = batch_after(f, 3, &n);
    TS_FAILS(l, persist_store_apply(l, b, n, NULL), PERSIST_EFORKED);
    assert_non_null(strstr(ts_errmsg(l), "a promotion replaced"));
    persist_free(b);
    persist_store_close(l);
    persist_store_close(f);
    persist_store_close(g);
    ts_rmrf(ld);
    ts_rmrf(fd);
    ts_rmrf(gd);
    free(ld);
    free(fd);
    free(gd);
}

/* ---- random sequences ---- */

static uint64_t rnd(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* One step on the leader (or a restart of either side, or shipping). */
static void random_step(persist_store **l, persist_store **f, const char *ld, const char *fd,
                        int *version, uint64_t *x)
{
    unsigned r = (unsigned)(rnd(x) % 100);
    char id[32];
    if (r < 40) {
        snprintf(id, sizeof id, "c%u", (unsigned)(rnd(x) % 50));
        persist_free(submit_id(*l, r % 2 ? "add 3" : "append z", r < 20 ? id : NULL, 0).response);
    } else if (r < 50) {
        int next = *version == 1 ? 2 : 1;
        deploy_fixture(*l, next == 1 ? "testapp_v1.js" : "testapp_v2.js",
                       rnd(x) % 3 ? PERSIST_DEPLOY_MIGRATE : PERSIST_DEPLOY_INIT);
        *version = next;
    } else if (r < 55) {
        const char *v1 = "{\"v\":1,\"n\":42,\"hist\":\"s\"}";
        const char *v2 = "{\"v\":2,\"n\":43,\"hist\":\"s\",\"tag\":\"t\"}";
        const char *t = *version == 1 ? v1 : v2;
        TS_OK(*l, persist_store_set_state(*l, t, strlen(t)));
    } else if (r < 58) {
        uint64_t to = 1 + rnd(x) % ts_head(*l);
        char *st;
        TS_OK(*l, persist_store_revert(*l, to));
        st = ts_state(*l);
        *version = strstr(st, "\"v\":2") != NULL ? 2 : 1;
        persist_free(st);
    } else if (r < 62) {
        TS_OK(*l, persist_store_snapshot(*l));
    } else if (r < 66) {
        persist_store_close(*l);
        *l = open_store(ld);
    } else if (r < 70) {
        persist_store_close(*f);
        *f = open_store(fd);
    } else {
        ship(*l, *f, 100 + rnd(x) % 3000);
        assert_same_state(*l, *f);
    }
}

static void test_random_sequences(void **state)
{
    const char *env = getenv("PERSIST_SYNC_SEQUENCES");
    int sequences = env != NULL ? atoi(env) : 12;
    (void)state;
    for (int k = 0; k < sequences; k++) {
        char *ld = ts_tmpdir(), *fd = ts_tmpdir();
        uint64_t x = 0x5eed0000ull + (uint64_t)k;
        persist_store *l = open_store(ld), *f;
        int version = 1;
        deploy_fixture(l, "testapp_v1.js", PERSIST_DEPLOY_INIT);
        f = bootstrap(l, fd);
        for (int i = 0; i < 60; i++)
            random_step(&l, &f, ld, fd, &version, &x);
        ship(l, f, 0);
        assert_same_state(l, f);
        TS_OK(f, persist_store_verify(f, PERSIST_VERIFY_ALL_SNAPSHOTS, NULL));
        persist_store_close(l);
        persist_store_close(f);
        ts_rmrf(ld);
        ts_rmrf(fd);
        free(ld);
        free(fd);
    }
}

/* ---- kill -9 of a follower while it applies ---- */

static void test_kill_follower_while_applying(void **state)
{
    char *ld = ts_tmpdir(), *fd = ts_tmpdir();
    persist_store *l = open_store(ld), *f;
    (void)state;
    deploy_fixture(l, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    for (int i = 0; i < 400; i++)
        persist_free(ts_submit(l, i % 3 ? "add 3" : "append y"));
    f = bootstrap(l, fd);
    persist_store_close(f);
    persist_store_close(l);
    for (int round = 0; round < 30; round++) {
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            persist_store *cl = open_store(ld), *cf = open_store(fd);
            ship(cl, cf, 300 + (uint64_t)round * 40);
            _exit(0);
        }
        usleep((useconds_t)(2000 + round * 1500));
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        /* Whatever it applied is the leader's prefix, whole records only. */
        l = open_store(ld);
        f = open_store(fd);
        {
            char *want = NULL, *got = ts_state(f);
            uint64_t head = ts_head(f);
            TS_OK(l, persist_store_state_at(l, head, &want, NULL));
            assert_string_equal(got, want);
            persist_free(want);
            persist_free(got);
        }
        persist_store_close(f);
        persist_store_close(l);
    }
    l = open_store(ld);
    f = open_store(fd);
    catch_up_and_finish(l, f, ld, fd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_client_ids),
        cmocka_unit_test(test_client_id_retention),
        cmocka_unit_test(test_client_id_at),
        cmocka_unit_test(test_bad_client_ids),
        cmocka_unit_test(test_timestamps_strictly_increase),
        cmocka_unit_test(test_queries),
        cmocka_unit_test(test_follower_follows_everything),
        cmocka_unit_test(test_wrong_batches),
        cmocka_unit_test(test_bootstrap_skips_an_unloadable_snapshot),
        cmocka_unit_test(test_promote),
        cmocka_unit_test(test_random_sequences),
        cmocka_unit_test(test_kill_follower_while_applying),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
