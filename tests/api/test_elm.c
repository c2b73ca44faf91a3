/* test_elm.c - Elm apps as `elm make` 0.19.1 output (dev mode and --optimize) through the whole
 * API: deploy with init, events, restarts, snapshots, deploy with migration; every refused
 * deployment or set-state leaves the store, the head and the live app exactly as they were; and a
 * seeded random run checks the invariant of docs/design.md section 3 with the Elm-shaped apps.
 *
 * The apps are examples/elm-counter/v1 and v2 (docs/elm.md); the broken apps are in
 * tests/fixtures/elm/. PERSIST_ELM_SEQUENCES=N runs N random sequences (default 60);
 * PERSIST_ELM_SEED=0x... runs only the sequence with that seed (as printed on failure). */
#include "support.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { DEV = 0, OPT = 1 };

static const char *const V1[2] = {"examples/elm-counter/v1/compiled/main.dev.js",
                                  "examples/elm-counter/v1/compiled/main.optimize.js"};
static const char *const V2[2] = {"examples/elm-counter/v2/compiled/main.dev.js",
                                  "examples/elm-counter/v2/compiled/main.optimize.js"};

#define MIGRATE_ERR      "tests/fixtures/elm/migrate_err/main.optimize.js"
#define MIGRATE_THROWS   "tests/fixtures/elm/migrate_throws/main.dev.js"
#define NO_MIGRATE       "tests/fixtures/elm/no_migrate/main.optimize.js"
#define NO_PROCESS_EVENT "tests/fixtures/elm/no_process_event/main.dev.js"
#define LOAD_THROWS      "tests/fixtures/elm/load_throws/main.dev.js"
#define ROUNDTRIP        "tests/fixtures/elm/roundtrip/main.optimize.js"
#define NOT_ELM          "tests/fixtures/elm/not_elm.js"

/* What elm make's dev-mode output passes to console.warn while loading. */
static const char DEV_WARNING[] =
    "Compiled in DEV mode. Follow the advice at https://elm-lang.org/0.19.1/optimize for better "
    "performance and smaller assets.";

/* ---- log capture ---- */

typedef struct log_capture {
    int dev_warnings; /* DEV_WARNING at PERSIST_LOG_WARN */
    int others;       /* anything else */
} log_capture;

static void capture(int level, const char *msg, size_t len, void *userdata)
{
    log_capture *c = userdata;
    assert_int_equal(strlen(msg), len);
    if (level == PERSIST_LOG_WARN && strcmp(msg, DEV_WARNING) == 0)
        c->dev_warnings++;
    else
        c->others++;
}

static persist_options options(uint32_t every, log_capture *cap)
{
    persist_options o;
    persist_options_init(&o, sizeof o);
    o.snapshot_every = every;
    o.log_fn = cap != NULL ? capture : NULL;
    o.log_userdata = cap;
    return o;
}

/* ---- helpers ---- */

static int deploy(persist_store *s, const char *file, uint32_t mode, const char *module)
{
    size_t n;
    char *code = ts_fixture(file, &n);
    int rc = persist_store_deploy(s, code, n, mode, module);
    free(code);
    return rc;
}

static void expect_state(persist_store *s, const char *expected)
{
    char *st = ts_state(s);
    assert_string_equal(st, expected);
    persist_free(st);
}

/* An event that changes the state: logged. */
static void expect_response(persist_store *s, const char *event, const char *expected)
{
    uint64_t head = ts_head(s);
    char *r = ts_submit(s, event);
    assert_string_equal(r, expected);
    persist_free(r);
    assert_int_equal(ts_head(s), head + 1);
}

/* A query or a rejected event: the app returns the same state, so nothing is logged. */
static void expect_unlogged(persist_store *s, const char *event, const char *expected)
{
    uint64_t head = ts_head(s);
    char *r = ts_submit(s, event);
    assert_string_equal(r, expected);
    persist_free(r);
    assert_int_equal(ts_head(s), head);
}

static void reopen(persist_store **s, const char *dir, const persist_options *o)
{
    assert_int_equal(persist_store_close(*s), PERSIST_OK);
    *s = ts_open(dir, o);
}

/* ---- both output modes through the whole API ---- */

static void run_lifecycle(int m)
{
    char *dir = ts_tmpdir();
    log_capture cap = {0};
    persist_options o = options(1000, &cap);
    persist_store *s = ts_open(dir, &o);
    char h1[65], h2[65];
    uint64_t snap;

    ts_deploy(s, V1[m], PERSIST_DEPLOY_INIT);
    /* Dev-mode output warns while loading; the warning reaches the log callback. */
    if (m == DEV)
        assert_true(cap.dev_warnings >= 1);
    else
        assert_int_equal(cap.dev_warnings, 0);
    assert_int_equal(cap.others, 0);
    expect_state(s, "{\"count\":0}");
    assert_int_equal(ts_head(s), 1);
    expect_response(s, "add 5", "count=5");
    expect_response(s, "add -2", "count=3");
    expect_unlogged(s, "get", "count=3");
    expect_unlogged(s, "add x", "error: not a whole number: x");
    expect_unlogged(s, "last", "error: unknown event: last");
    expect_state(s, "{\"count\":3}");
    assert_int_equal(ts_head(s), 3);

    /* Restart: no snapshot after the events, so the restore path replays them. */
    cap.dev_warnings = 0;
    reopen(&s, dir, &o);
    assert_int_equal(cap.dev_warnings, m == DEV ? 1 : 0);
    expect_state(s, "{\"count\":3}");
    assert_int_equal(ts_head(s), 3);
    expect_response(s, "add 10", "count=13");
    TS_OK(s, persist_store_snapshot(s));
    TS_OK(s, persist_store_snapshot_seq(s, &snap));
    assert_int_equal(snap, 4);
    TS_OK(s, persist_store_app_hash(s, h1, sizeof h1));

    /* Version 2 with migration: the count is carried over, the new field starts empty (the one
     * conversion written by hand in examples/elm-counter/v2/src/Migrate.elm). */
    ts_deploy(s, V2[m], PERSIST_DEPLOY_MIGRATE);
    expect_state(s, "{\"count\":13,\"lastEvent\":\"\"}");
    assert_int_equal(ts_head(s), 5);
    TS_OK(s, persist_store_snapshot_seq(s, &snap));
    assert_int_equal(snap, 5);
    TS_OK(s, persist_store_app_hash(s, h2, sizeof h2));
    assert_string_not_equal(h1, h2);
    expect_response(s, "add 1", "count=14");
    expect_unlogged(s, "last", "last=add 1");
    expect_unlogged(s, "get", "count=14");
    expect_state(s, "{\"count\":14,\"lastEvent\":\"add 1\"}");

    reopen(&s, dir, &o);
    expect_state(s, "{\"count\":14,\"lastEvent\":\"add 1\"}");
    assert_int_equal(ts_head(s), 6);
    expect_unlogged(s, "get", "count=14");

    /* Version 2 migrates from itself, whichever mode either side was compiled in. */
    ts_deploy(s, V2[m], PERSIST_DEPLOY_MIGRATE);
    expect_state(s, "{\"count\":14,\"lastEvent\":\"add 1\"}");
    ts_deploy(s, V2[1 - m], PERSIST_DEPLOY_MIGRATE);
    expect_state(s, "{\"count\":14,\"lastEvent\":\"add 1\"}");
    assert_int_equal(ts_head(s), 8);
    TS_OK(s, persist_store_restore(s));
    expect_state(s, "{\"count\":14,\"lastEvent\":\"add 1\"}");
    expect_response(s, "add 100", "count=114");

    /* Deploy with init starts over. */
    ts_deploy(s, V1[m], PERSIST_DEPLOY_INIT);
    expect_state(s, "{\"count\":0}");
    reopen(&s, dir, &o);
    expect_state(s, "{\"count\":0}");
    assert_int_equal(ts_head(s), 10);
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

static void test_lifecycle_dev(void **state)
{
    (void)state;
    run_lifecycle(DEV);
}

static void test_lifecycle_optimize(void **state)
{
    (void)state;
    run_lifecycle(OPT);
}

/* The exact text of the dev-mode warning reaches the log callback at warning level, once each
 * time dev-mode code is loaded; --optimize output loads silently. */
static void test_dev_warning_goes_to_log(void **state)
{
    char *dir = ts_tmpdir();
    log_capture cap = {0};
    persist_options o = options(1000, &cap);
    persist_store *s = ts_open(dir, &o);
    (void)state;
    ts_deploy(s, V2[OPT], PERSIST_DEPLOY_INIT);
    assert_int_equal(cap.dev_warnings, 0);
    /* The projection restores the --optimize app from its snapshot, then loads the dev one. */
    ts_deploy(s, V2[DEV], PERSIST_DEPLOY_MIGRATE);
    assert_int_equal(cap.dev_warnings, 1);
    reopen(&s, dir, &o);
    assert_int_equal(cap.dev_warnings, 2);
    assert_int_equal(cap.others, 0);
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

/* ---- refusals: distinct codes, the app's own text, and nothing changed ---- */

typedef struct refusal {
    const char *file; /* NULL: set-state with `text` */
    uint32_t mode;
    const char *module;
    const char *text;
    int rc;
    const char *needle[2]; /* must appear in the message */
} refusal;

static void expect_refused(persist_store *s, const char *dir, const refusal *r)
{
    size_t n, len = r->text != NULL ? strlen(r->text) : 0;
    char *before = ts_data_file(dir, &n);
    uint64_t head = ts_head(s);
    char *st = ts_state(s);
    char h1[65], h2[65];
    const char *msg;
    int rc;
    TS_OK(s, persist_store_app_hash(s, h1, sizeof h1));
    rc = r->file != NULL ? deploy(s, r->file, r->mode, r->module)
                         : persist_store_set_state(s, r->text, len);
    msg = ts_errmsg(s);
    if (rc != r->rc)
        fail_msg("%s: returned %d (%s), expected %d (%s); message: %s",
                 r->file != NULL ? r->file : r->text, rc, persist_strerror(rc), r->rc,
                 persist_strerror(r->rc), msg);
    for (int i = 0; i < 2; i++)
        if (r->needle[i] != NULL && strstr(msg, r->needle[i]) == NULL)
            fail_msg("%s: message lacks \"%s\": %s", r->file != NULL ? r->file : r->text,
                     r->needle[i], msg);
    ts_assert_data_unchanged(dir, before, n);
    assert_int_equal(ts_head(s), head);
    expect_state(s, st);
    TS_OK(s, persist_store_app_hash(s, h2, sizeof h2));
    assert_string_equal(h1, h2);
    free(before);
    persist_free(st);
}

#define SET40 "{\"extra\":true,\"count\":40}"

static void run_refusals(int m)
{
    const refusal cases[] = {
        {MIGRATE_ERR,
         PERSIST_DEPLOY_MIGRATE,
         NULL,
         NULL,
         PERSIST_EMIGRATE,
         {"migrate_err refuses to migrate from: {\"count\":7}", NULL}},
        {MIGRATE_THROWS,
         PERSIST_DEPLOY_MIGRATE,
         NULL,
         NULL,
         PERSIST_ESCRIPT,
         {"migrate_throws: the migration is not written yet; previous state: {\"count\":7}",
          "TODO in module `Backend.Main` on line 54"}},
        /* No migration in the output: the previous state goes through the new app's deserialize,
         * which cannot read {"count":7}. */
        {NO_MIGRATE,
         PERSIST_DEPLOY_MIGRATE,
         NULL,
         NULL,
         PERSIST_EMIGRATE,
         {"no interfaceToHost_migrateFromSerialized", "not a whole number: {\"count\":7}"}},
        {NO_PROCESS_EVENT,
         PERSIST_DEPLOY_INIT,
         NULL,
         NULL,
         PERSIST_ECONTRACT,
         {"interfaceToHost_processEvent", "reference it from `main`"}},
        {NO_PROCESS_EVENT,
         PERSIST_DEPLOY_MIGRATE,
         NULL,
         NULL,
         PERSIST_ECONTRACT,
         {"interfaceToHost_processEvent", NULL}},
        {LOAD_THROWS,
         PERSIST_DEPLOY_INIT,
         NULL,
         NULL,
         PERSIST_ELOAD,
         {"load_throws: the initial state is not written yet", NULL}},
        {LOAD_THROWS,
         PERSIST_DEPLOY_MIGRATE,
         NULL,
         NULL,
         PERSIST_ELOAD,
         {"load_throws: the initial state is not written yet", NULL}},
        {ROUNDTRIP, PERSIST_DEPLOY_INIT, NULL, NULL, PERSIST_EROUNDTRIP, {"roundtrip fresh", NULL}},
        {ROUNDTRIP,
         PERSIST_DEPLOY_MIGRATE,
         NULL,
         NULL,
         PERSIST_EROUNDTRIP,
         {"roundtrip migrated", NULL}},
        {NOT_ELM, PERSIST_DEPLOY_INIT, NULL, NULL, PERSIST_ECONTRACT, {"elm make", NULL}},
        {NOT_ELM, PERSIST_DEPLOY_MIGRATE, NULL, NULL, PERSIST_ECONTRACT, {"elm make", NULL}},
        /* The module name is a deploy option: a wrong one is named with the modules there are. */
        {V2[m],
         PERSIST_DEPLOY_MIGRATE,
         "Backend.Other",
         NULL,
         PERSIST_ECONTRACT,
         {"no module Backend.Other", "exports: Backend.Main"}},
        {V2[m], PERSIST_DEPLOY_INIT, "backend.main", NULL, PERSIST_EINVAL, {NULL, NULL}},
        /* set-state goes through the app's deserialize: the generated decoder, whose Err is
         * Json.Decode.errorToString's text. */
        {NULL, 0, NULL, "counter-v1 7", PERSIST_EREJECTED, {"This is not valid JSON! ", NULL}},
        {NULL,
         0,
         NULL,
         "{\"count\":\"seven\"}",
         PERSIST_EREJECTED,
         {"Problem with the value at json.count:\n\n    \"seven\"\n\nExpecting an INT", NULL}},
        {NULL,
         0,
         NULL,
         "{\"counts\":7}",
         PERSIST_EREJECTED,
         {"Expecting an OBJECT with a field named `count`", NULL}},
    };
    char *dir = ts_tmpdir();
    persist_options o = options(1000, NULL);
    persist_store *s = ts_open(dir, &o);
    int codes[8] = {0}, ncodes = 0;

    ts_deploy(s, V1[m], PERSIST_DEPLOY_INIT);
    expect_response(s, "add 5", "count=5");
    expect_response(s, "add 2", "count=7");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int seen = 0;
        expect_refused(s, dir, &cases[i]);
        /* ... and the live app keeps working. */
        expect_unlogged(s, "get", "count=7");
        for (int k = 0; k < ncodes; k++)
            seen |= codes[k] == cases[i].rc;
        if (!seen && ncodes < 8)
            codes[ncodes++] = cases[i].rc;
    }
    assert_int_equal(ncodes, 7); /* EMIGRATE ESCRIPT ECONTRACT ELOAD EROUNDTRIP EINVAL EREJECTED */

    expect_response(s, "add 1", "count=8");
    /* The decoder ignores a field it does not know: the state's own text leaves it out. */
    TS_OK(s, persist_store_set_state(s, SET40, strlen(SET40)));
    expect_state(s, "{\"count\":40}");
    reopen(&s, dir, &o);
    expect_state(s, "{\"count\":40}");
    expect_response(s, "add 2", "count=42");
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

static void test_refusals_leave_everything_dev(void **state)
{
    (void)state;
    run_refusals(DEV);
}

static void test_refusals_leave_everything_optimize(void **state)
{
    (void)state;
    run_refusals(OPT);
}

/* Each broken app fails only for its own reason: deployed the other way, it works. */
static void test_broken_apps_fail_only_for_their_reason(void **state)
{
    char *dir = ts_tmpdir();
    persist_store *s = ts_open(dir, NULL);
    (void)state;
    TS_FAILS(s, deploy(s, V2[OPT], PERSIST_DEPLOY_MIGRATE, NULL), PERSIST_ENOAPP);
    ts_deploy(s, NO_MIGRATE, PERSIST_DEPLOY_INIT);
    expect_state(s, "0");
    expect_response(s, "anything", "count=1");
    ts_deploy(s, MIGRATE_ERR, PERSIST_DEPLOY_INIT);
    expect_response(s, "anything", "count=1");
    ts_deploy(s, MIGRATE_THROWS, PERSIST_DEPLOY_INIT);
    expect_response(s, "anything", "count=1");
    expect_response(s, "anything", "count=2");
    /* Version 2 refuses to migrate from this app's "2" and says why for both forms it accepts. */
    TS_FAILS(s, deploy(s, V2[DEV], PERSIST_DEPLOY_MIGRATE, NULL), PERSIST_EMIGRATE);
    assert_non_null(strstr(ts_errmsg(s), "neither this version's state (Problem with the given "
                                         "value:\n\n2\n\nExpecting an OBJECT with a field "
                                         "named `count`) nor the previous version's ("));
    expect_state(s, "2");
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

/* A release whose state type did not change needs no migration function: deployed with migration,
 * it gets the previous state through its own deserialize and keeps it (version 1 is built with
 * Persist.worker, so its output has no migration). */
static void test_migrate_without_a_migration_function(void **state)
{
    char *dir = ts_tmpdir();
    persist_store *s = ts_open(dir, NULL);
    char hash[65];
    (void)state;
    ts_deploy(s, V1[DEV], PERSIST_DEPLOY_INIT);
    expect_response(s, "add 7", "count=7");
    ts_deploy(s, V1[OPT], PERSIST_DEPLOY_MIGRATE); /* the same source, built with --optimize */
    expect_state(s, "{\"count\":7}");
    expect_response(s, "add 1", "count=8");
    TS_OK(s, persist_store_app_hash(s, hash, sizeof hash));
    persist_store_close(s);
    s = ts_open(dir, NULL); /* and the restore path agrees */
    expect_state(s, "{\"count\":8}");
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

/* ---- seeded random sequences: model and invariant ---- */

#define DEFAULT_SEQUENCES 60
#define MIN_OPS           15
#define MAX_OPS           35

typedef struct emodel {
    int version; /* 1 or 2 */
    long long count;
    char last[32];
    uint64_t head;
} emodel;

typedef struct eseq {
    uint64_t seed, rng;
    int op;
    char what[96]; /* the current operation, for failure messages */
    char *dir;
    persist_store *s;
    persist_options o;
    emodel m;
} eseq;

static uint32_t rnd(eseq *c, uint32_t below)
{
    return (uint32_t)((ts_splitmix64(&c->rng) >> 11) % below);
}

static void seq_fail(eseq *c, const char *why, const char *got, const char *want)
{
    fail_msg("sequence seed 0x%016" PRIx64 " op %d (%s): %s: got \"%s\", expected \"%s\"; "
             "message: %s; rerun with PERSIST_ELM_SEED=0x%016" PRIx64,
             c->seed, c->op, c->what, why, got, want, ts_errmsg(c->s), c->seed);
}

static void seq_rc(eseq *c, int rc, int expected)
{
    char got[64], want[64];
    if (rc == expected)
        return;
    snprintf(got, sizeof got, "%d %s", rc, persist_strerror(rc));
    snprintf(want, sizeof want, "%d %s", expected, persist_strerror(expected));
    seq_fail(c, "return code", got, want);
}

static void model_text(const emodel *m, char *out, size_t cap)
{
    if (m->version == 1)
        snprintf(out, cap, "{\"count\":%lld}", m->count);
    else
        snprintf(out, cap, "{\"count\":%lld,\"lastEvent\":\"%s\"}", m->count, m->last);
}

static void seq_verify(eseq *c)
{
    char want[96], head[32], mhead[32];
    char *got = ts_state(c->s);
    uint64_t h = ts_head(c->s);
    model_text(&c->m, want, sizeof want);
    if (strcmp(got, want) != 0)
        seq_fail(c, "live state", got, want);
    persist_free(got);
    snprintf(head, sizeof head, "%" PRIu64, h);
    snprintf(mhead, sizeof mhead, "%" PRIu64, c->m.head);
    if (h != c->m.head)
        seq_fail(c, "head", head, mhead);
}

static void op_event(eseq *c)
{
    char ev[32], want[64], *resp = NULL;
    int changed = 0;
    long long k = (long long)rnd(c, 201) - 100;
    switch (rnd(c, 6)) {
    case 0:
    case 1:
    case 2:
        snprintf(ev, sizeof ev, "add %lld", k);
        c->m.count += k;
        snprintf(want, sizeof want, "count=%lld", c->m.count);
        if (c->m.version == 2)
            snprintf(c->m.last, sizeof c->m.last, "%s", ev);
        changed = 1;
        break;
    case 3:
        snprintf(ev, sizeof ev, "get");
        snprintf(want, sizeof want, "count=%lld", c->m.count);
        break;
    case 4:
        snprintf(ev, sizeof ev, "last");
        if (c->m.version == 2)
            snprintf(want, sizeof want, "last=%s", c->m.last);
        else
            snprintf(want, sizeof want, "error: unknown event: last");
        break;
    default:
        snprintf(ev, sizeof ev, "add %lldx", k);
        snprintf(want, sizeof want, "error: not a whole number: %lldx", k);
        break;
    }
    snprintf(c->what, sizeof c->what, "submit \"%s\"", ev);
    seq_rc(c, persist_store_submit(c->s, ev, strlen(ev), &resp, NULL), PERSIST_OK);
    if (strcmp(resp, want) != 0)
        seq_fail(c, "response", resp, want);
    persist_free(resp);
    c->m.head += (uint64_t)changed;
}

static void op_deploy(eseq *c)
{
    int version = 1 + (int)rnd(c, 2), mode = (int)rnd(c, 2), migrate = rnd(c, 3) != 0;
    const char *file = version == 1 ? V1[mode] : V2[mode];
    snprintf(c->what, sizeof c->what, "deploy %s with %s", file, migrate ? "migrate" : "init");
    if (!migrate) {
        c->m.version = version;
        c->m.count = 0;
        c->m.last[0] = '\0';
    } else if (version == 1) {
        /* Version 1 has no migration: the previous state goes through its deserialize, whose
         * generated decoder ignores the field it does not know, so a version 2 state keeps its
         * count and loses its last event. */
        c->m.version = 1;
        c->m.last[0] = '\0';
    } else if (c->m.version == 1) {
        c->m.version = 2;
        c->m.last[0] = '\0';
    }
    seq_rc(c, deploy(c->s, file, migrate ? PERSIST_DEPLOY_MIGRATE : PERSIST_DEPLOY_INIT, NULL),
           PERSIST_OK);
    c->m.head++;
}

static void op_bad_deploy(eseq *c)
{
    static const struct {
        const char *file;
        uint32_t mode;
        int rc;
    } bad[] = {
        {MIGRATE_ERR, PERSIST_DEPLOY_MIGRATE, PERSIST_EMIGRATE},
        {MIGRATE_THROWS, PERSIST_DEPLOY_MIGRATE, PERSIST_ESCRIPT},
        {NO_PROCESS_EVENT, PERSIST_DEPLOY_INIT, PERSIST_ECONTRACT},
        {LOAD_THROWS, PERSIST_DEPLOY_INIT, PERSIST_ELOAD},
        {ROUNDTRIP, PERSIST_DEPLOY_MIGRATE, PERSIST_EROUNDTRIP},
        {NOT_ELM, PERSIST_DEPLOY_INIT, PERSIST_ECONTRACT},
    };
    uint32_t i = rnd(c, sizeof bad / sizeof bad[0]);
    snprintf(c->what, sizeof c->what, "deploy %s (refused)", bad[i].file);
    seq_rc(c, deploy(c->s, bad[i].file, bad[i].mode, NULL), bad[i].rc);
}

static void op_set_state(eseq *c)
{
    char text[64];
    long long k = (long long)rnd(c, 1000);
    int expected = PERSIST_OK;
    switch (rnd(c, 4)) {
    case 0:
        snprintf(text, sizeof text, "junk %lld", k);
        expected = PERSIST_EREJECTED;
        break;
    case 1:
        if (c->m.version == 1) {
            snprintf(text, sizeof text, "{\"count\":%lld}", k);
            c->m.count = k;
        } else { /* the fields in another order: the state's text has them in its own */
            snprintf(text, sizeof text, "{\"lastEvent\":\"\",\"count\":%lld}", k);
            c->m.count = k;
            c->m.last[0] = '\0';
        }
        break;
    default:
        if (c->m.version == 1) {
            snprintf(text, sizeof text, "{\"count\":-%lld}", k);
            c->m.count = -k;
        } else {
            snprintf(text, sizeof text, "{\"count\":%lld,\"lastEvent\":\"add %lld\"}", k, k);
            c->m.count = k;
            snprintf(c->m.last, sizeof c->m.last, "add %lld", k);
        }
        break;
    }
    snprintf(c->what, sizeof c->what, "set-state \"%s\"", text);
    seq_rc(c, persist_store_set_state(c->s, text, strlen(text)), expected);
    c->m.head += expected == PERSIST_OK;
}

static void op_reopen(eseq *c)
{
    snprintf(c->what, sizeof c->what, "reopen");
    c->o.snapshot_every = 1 + rnd(c, 8);
    reopen(&c->s, c->dir, &c->o);
}

/* serialize(live) == serialize(restore path), through restore and through a reopen. */
static void check_invariant(eseq *c)
{
    char *live = ts_state(c->s), *restored, *reopened;
    snprintf(c->what, sizeof c->what, "final restore");
    seq_rc(c, persist_store_restore(c->s), PERSIST_OK);
    restored = ts_state(c->s);
    if (strcmp(live, restored) != 0)
        seq_fail(c, "state after persist_store_restore", restored, live);
    snprintf(c->what, sizeof c->what, "final reopen");
    reopen(&c->s, c->dir, &c->o);
    reopened = ts_state(c->s);
    if (strcmp(live, reopened) != 0)
        seq_fail(c, "state after reopening", reopened, live);
    seq_verify(c);
    persist_free(live);
    persist_free(restored);
    persist_free(reopened);
}

static void run_sequence(uint64_t seed)
{
    eseq c;
    int ops;
    memset(&c, 0, sizeof c);
    c.seed = c.rng = seed;
    c.dir = ts_tmpdir();
    c.o = options(1 + rnd(&c, 8), NULL);
    c.s = ts_open(c.dir, &c.o);
    c.m.version = 1 + (int)rnd(&c, 2);
    snprintf(c.what, sizeof c.what, "first deploy");
    seq_rc(
        &c,
        deploy(c.s, c.m.version == 1 ? V1[rnd(&c, 2)] : V2[rnd(&c, 2)], PERSIST_DEPLOY_INIT, NULL),
        PERSIST_OK);
    c.m.head = 1;
    seq_verify(&c);
    ops = MIN_OPS + (int)rnd(&c, MAX_OPS - MIN_OPS + 1);
    for (c.op = 1; c.op <= ops; c.op++) {
        uint32_t r = rnd(&c, 100);
        if (r < 55)
            op_event(&c);
        else if (r < 63) {
            snprintf(c.what, sizeof c.what, "snapshot");
            seq_rc(&c, persist_store_snapshot(c.s), PERSIST_OK);
        } else if (r < 70)
            op_reopen(&c);
        else if (r < 76) {
            snprintf(c.what, sizeof c.what, "restore");
            seq_rc(&c, persist_store_restore(c.s), PERSIST_OK);
        } else if (r < 88)
            op_deploy(&c);
        else if (r < 94)
            op_set_state(&c);
        else
            op_bad_deploy(&c);
        seq_verify(&c);
    }
    check_invariant(&c);
    persist_store_close(c.s);
    ts_rmrf(c.dir);
    free(c.dir);
}

static void test_random_sequences_keep_the_invariant(void **state)
{
    const char *env_seed = getenv("PERSIST_ELM_SEED");
    const char *env_n = getenv("PERSIST_ELM_SEQUENCES");
    unsigned n = env_n != NULL && env_n[0] ? (unsigned)strtoul(env_n, NULL, 10) : DEFAULT_SEQUENCES;
    (void)state;
    if (env_seed != NULL && env_seed[0]) {
        run_sequence(strtoull(env_seed, NULL, 0));
        return;
    }
    for (unsigned i = 0; i < n; i++) {
        uint64_t x = 0xE1Bu + i;
        run_sequence(ts_splitmix64(&x));
    }
}

/* Replaces the first `from` in text (malloc'd, NUL-terminated) with `to`; the result is malloc'd.
 */
static char *replace_first(char *text, const char *from, const char *to)
{
    char *at = strstr(text, from), *out;
    size_t head, n = strlen(text), fl = strlen(from), tl = strlen(to);
    assert_non_null(at);
    head = (size_t)(at - text);
    out = malloc(n - fl + tl + 1);
    assert_non_null(out);
    memcpy(out, text, head);
    memcpy(out + head, to, tl);
    memcpy(out + head + tl, at + fl, n - head - fl + 1);
    free(text);
    return out;
}

/* The same output as tools that keep names reshape it (elm-optimize-level-2 writes
 * `(function (scope) {`; formatters move the tail; bundlers add comments): it deploys and answers
 * exactly as elm make's. A tool that renamed the definitions gets a message that says so. */
static void test_reshaped_output_is_accepted(void **state)
{
    static const char *const shapes[][4] = {
        {"(function(scope){", "(function (scope) {\n", "}(this));", "\n}(this));\n"},
        {"(function(scope){", "/* bundle */ ( function ( scope ) {", "}(this));",
         "})(this)\n//# sourceMappingURL=main.js.map\n"},
        {"(function(scope){", "\n(function(scope)\n{", "}(this));", "}(this))"},
    };
    char *want_resp = NULL, *want_state = NULL;
    (void)state;
    for (int mode = DEV; mode <= OPT; mode++) {
        for (size_t k = 0; k <= sizeof shapes / sizeof shapes[0]; k++) {
            char *dir = ts_tmpdir(), *resp, *st;
            size_t n;
            char *code = ts_fixture(V1[mode], &n);
            persist_store *s = ts_open(dir, NULL);
            if (k > 0) { /* k = 0: elm make's own output, the reference */
                code = replace_first(code, shapes[k - 1][0], shapes[k - 1][1]);
                code = replace_first(code, shapes[k - 1][2], shapes[k - 1][3]);
            }
            TS_OK(s, persist_store_deploy(s, code, strlen(code), PERSIST_DEPLOY_INIT, NULL));
            resp = ts_submit(s, "add 3");
            st = ts_state(s);
            if (k == 0) {
                persist_free(want_resp);
                persist_free(want_state);
                want_resp = resp;
                want_state = st;
            } else {
                assert_string_equal(resp, want_resp);
                assert_string_equal(st, want_state);
                persist_free(resp);
                persist_free(st);
            }
            persist_store_close(s);
            free(code);
            ts_rmrf(dir);
            free(dir);
        }
    }
    persist_free(want_resp);
    persist_free(want_state);
    {
        char *dir = ts_tmpdir(), *code, *p;
        size_t n;
        persist_store *s = ts_open(dir, NULL);
        code = ts_fixture(V1[OPT], &n);
        while ((p = strstr(code, "$author$project$")) != NULL)
            memcpy(p, "$minified$x$y$z$", 16); /* a renamed definition, same length */
        TS_FAILS(s, persist_store_deploy(s, code, strlen(code), PERSIST_DEPLOY_INIT, NULL),
                 PERSIST_ECONTRACT);
        assert_non_null(strstr(ts_errmsg(s), "a minifier or another tool renamed them"));
        persist_store_close(s);
        free(code);
        ts_rmrf(dir);
        free(dir);
    }
}

/* A deploy of the Elm source instead of what elm make writes said only that it does not parse as
 * ECMAScript 5.1; it now says it is Elm source and what to deploy. JavaScript that merely fails to
 * parse still gets the old message. */
static void test_elm_source_is_named(void **state)
{
    static const char *const sources[] = {
        "module Backend.Main exposing (main)\n\nimport Platform\n",
        "-- the counter\n{- a block\n   comment -}\n\nport module Main exposing (..)\n",
        "\r\n{-| docs -}\neffect module Task where { command = MyCmd } exposing (..)\n",
    };
    char *dir = ts_tmpdir(), path[4096];
    persist_store *s = ts_open(dir, NULL);
    char *real;
    size_t n;
    (void)state;
    for (size_t i = 0; i < sizeof sources / sizeof sources[0]; i++) {
        TS_FAILS(s,
                 persist_store_deploy(s, sources[i], strlen(sources[i]), PERSIST_DEPLOY_INIT, NULL),
                 PERSIST_ELOAD);
        if (strstr(ts_errmsg(s), "the app's code is Elm source, not JavaScript: deploy what `elm "
                                 "make") == NULL)
            fail_msg("source %zu: %s", i, ts_errmsg(s));
    }
    snprintf(path, sizeof path, "%s/examples/elm-counter/v1/src/Backend/Main.elm",
             PERSIST_SOURCE_DIR);
    real = ts_read_file(path, &n);
    TS_FAILS(s, persist_store_deploy(s, real, n, PERSIST_DEPLOY_INIT, NULL), PERSIST_ELOAD);
    assert_non_null(strstr(ts_errmsg(s), "is Elm source, not JavaScript"));
    free(real);
    TS_FAILS(s, persist_store_deploy(s, "var modules = ;", 15, PERSIST_DEPLOY_INIT, NULL),
             PERSIST_ELOAD);
    assert_non_null(strstr(ts_errmsg(s), "does not parse as ECMAScript 5.1"));
    assert_int_equal(ts_head(s), 0);
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lifecycle_dev),
        cmocka_unit_test(test_lifecycle_optimize),
        cmocka_unit_test(test_dev_warning_goes_to_log),
        cmocka_unit_test(test_refusals_leave_everything_dev),
        cmocka_unit_test(test_refusals_leave_everything_optimize),
        cmocka_unit_test(test_broken_apps_fail_only_for_their_reason),
        cmocka_unit_test(test_migrate_without_a_migration_function),
        cmocka_unit_test(test_random_sequences_keep_the_invariant),
        cmocka_unit_test(test_reshaped_output_is_accepted),
        cmocka_unit_test(test_elm_source_is_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
