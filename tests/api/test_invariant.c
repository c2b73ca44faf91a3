/* test_invariant.c - seeded random sequences of events, deployments, set-states, snapshots,
 * failures, restores and reopens, checked against an independent model of the test apps, and the
 * invariant of docs/design.md section 3: serialize(live state) == serialize(restore path from
 * disk).
 *
 * PERSIST_INVARIANT_SEQUENCES=N runs N sequences (default 300; the "game" module test runs N/10).
 * PERSIST_INVARIANT_SEED=0x... runs only the sequence with that seed (as printed on failure). */
#include <persist.h>

#include "support.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_SEQUENCES 300
#define MIN_OPS           20
#define MAX_OPS           60
#define MODULUS           1000003u
#define HIST_KEEP         40
#define TEXT_CAP          64
#define TRACE_CAP         (MAX_OPS + 16)
#define TRACE_LINE        160

/* What the state should be, and what the store should look like on disk. */
typedef struct model {
    int version; /* 1 or 2: which test app is live */
    uint64_t n;
    char hist[TEXT_CAP];
    char tag[TEXT_CAP];
    uint64_t head;  /* records in the log (numbered 1..head without gaps) */
    uint64_t snap;  /* newest snapshot */
    uint32_t every; /* snapshot_every of the open handle */
    uint32_t flags; /* open flags of the handle */
} model;

typedef struct seq_ctx {
    const char *module;     /* deploy module: NULL (default "app") or "game" */
    const char *bad_module; /* a module under which the code defines no contract object */
    char *code[3];          /* app code of versions 1 and 2 */
    size_t code_len[3];
    uint64_t seed; /* the sequence's seed, printed on failure */
    uint64_t rng;
    char *dir;
    persist_store *s;
    model m;
    int op; /* index of the current operation */
    int ntrace;
    char trace[TRACE_CAP][TRACE_LINE];
} seq_ctx;

/* ---- deterministic PRNG (splitmix64) ---- */

static uint32_t rnd(seq_ctx *c, uint32_t below)
{
    return (uint32_t)((ts_splitmix64(&c->rng) >> 11) % below);
}

static uint64_t sequence_seed(unsigned i)
{
    uint64_t x = 0x1EC0DE5EEDull + i;
    return ts_splitmix64(&x);
}

/* Random [a-z0-9] text (and spaces when `spaces`); never needs JSON escaping. */
static void rnd_text(seq_ctx *c, char *out, unsigned min, unsigned max, int spaces)
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    unsigned len = min + rnd(c, max - min + 1);
    for (unsigned i = 0; i < len; i++)
        out[i] = spaces && rnd(c, 8) == 0 ? ' ' : alphabet[rnd(c, sizeof alphabet - 1)];
    out[len] = '\0';
}

/* ---- failure reporting: seed, operation index and the trace of the sequence so far ---- */

static void note(seq_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(seq_ctx *c, const char *fmt, ...)
{
    va_list ap;
    char *line = c->trace[c->ntrace % TRACE_CAP];
    int n = snprintf(line, TRACE_LINE, "%3d: ", c->op);
    va_start(ap, fmt);
    vsnprintf(line + n, TRACE_LINE - (size_t)n, fmt, ap);
    va_end(ap);
    c->ntrace++;
}

static void seq_fail(seq_ctx *c, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void seq_fail(seq_ctx *c, int line, const char *fmt, ...)
{
    char msg[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "--- sequence seed 0x%016" PRIx64 " (module %s) failed at operation %d\n",
            c->seed, c->module ? c->module : "app", c->op);
    fprintf(stderr, "--- operations so far:\n");
    for (int i = c->ntrace > TRACE_CAP ? c->ntrace - TRACE_CAP : 0; i < c->ntrace; i++)
        fprintf(stderr, "    %s\n", c->trace[i % TRACE_CAP]);
    fail_msg("seed 0x%016" PRIx64
             " op %d (%s:%d): %s; rerun with PERSIST_INVARIANT_SEED=0x%016" PRIx64,
             c->seed, c->op, __FILE__, line, msg, c->seed);
}

#define CHECK(c, cond, ...)                                                                        \
    do {                                                                                           \
        if (!(cond))                                                                               \
            seq_fail((c), __LINE__, __VA_ARGS__);                                                  \
    } while (0)

static void check_rc(seq_ctx *c, int line, int rc, int expected, const char *what)
{
    char msg[1024] = "";
    if (rc == expected)
        return;
    if (c->s != NULL)
        persist_store_errmsg(c->s, msg, sizeof msg);
    seq_fail(c, line, "%s returned %d (%s), expected %d (%s); message: %s", what, rc,
             persist_strerror(rc), expected, persist_strerror(expected), msg);
}

#define CHECK_RC(c, call, expected) check_rc((c), __LINE__, (call), (expected), #call)

/* ---- the model ---- */

/* The exact text the app's serialize (JSON.stringify) produces for the model's state. */
static void model_text(const model *m, char *out, size_t cap)
{
    if (m->version == 1)
        snprintf(out, cap, "{\"v\":1,\"n\":%" PRIu64 ",\"hist\":\"%s\"}", m->n, m->hist);
    else
        snprintf(out, cap, "{\"v\":2,\"n\":%" PRIu64 ",\"hist\":\"%s\",\"tag\":\"%s\"}", m->n,
                 m->hist, m->tag);
}

/* (hist + arg).slice(-40) */
static void model_append(model *m, const char *arg)
{
    char both[2 * TEXT_CAP];
    size_t hlen = strlen(m->hist), alen = strlen(arg), len = hlen + alen;
    size_t from = len > HIST_KEEP ? len - HIST_KEEP : 0;
    assert_true(len < sizeof both);
    memcpy(both, m->hist, hlen);
    memcpy(both + hlen, arg, alen + 1);
    memcpy(m->hist, both + from, len - from + 1);
}

/* A record was appended by the event path: snapshot when snapshot_every records have passed. */
static void model_event_logged(model *m)
{
    m->head++;
    if (m->head - m->snap >= m->every)
        m->snap = m->head;
}

/* A deploy or set-state: one record, and a projection always leaves a snapshot after itself. */
static void model_projected(model *m)
{
    m->head++;
    m->snap = m->head;
}

/* ---- store access ---- */

static char *live_state(seq_ctx *c)
{
    char *out = NULL;
    size_t n = 0;
    CHECK_RC(c, persist_store_state(c->s, &out, &n), PERSIST_OK);
    CHECK(c, out != NULL && strlen(out) == n, "persist_store_state gave a bad text/length");
    return out;
}

static uint64_t fact(seq_ctx *c, int (*fn)(persist_store *, uint64_t *), const char *what)
{
    uint64_t v = UINT64_MAX;
    check_rc(c, __LINE__, fn(c->s, &v), PERSIST_OK, what);
    return v;
}

/* After every operation: the live state, head, record count and snapshot match the model. */
static void verify(seq_ctx *c)
{
    char want[256];
    char *got = live_state(c);
    uint64_t head = fact(c, persist_store_head, "persist_store_head");
    uint64_t count = fact(c, persist_store_record_count, "persist_store_record_count");
    uint64_t snap = fact(c, persist_store_snapshot_seq, "persist_store_snapshot_seq");
    int same;
    model_text(&c->m, want, sizeof want);
    same = strcmp(got, want) == 0;
    if (!same) {
        char copy[512];
        snprintf(copy, sizeof copy, "%s", got);
        persist_free(got);
        seq_fail(c, __LINE__, "live state %s, model expects %s", copy, want);
    }
    persist_free(got);
    CHECK(c, head == c->m.head, "head %" PRIu64 ", model expects %" PRIu64, head, c->m.head);
    CHECK(c, count == c->m.head, "record count %" PRIu64 ", model expects %" PRIu64, count,
          c->m.head);
    CHECK(c, snap <= head, "snapshot_seq %" PRIu64 " is after the head %" PRIu64, snap, head);
    CHECK(c, snap == c->m.snap, "snapshot_seq %" PRIu64 ", model expects %" PRIu64, snap,
          c->m.snap);
}

static void reopen(seq_ctx *c, uint32_t every, uint32_t flags)
{
    persist_options o;
    int rc;
    if (c->s != NULL) {
        rc = persist_store_close(c->s);
        c->s = NULL;
        CHECK(c, rc == PERSIST_OK, "persist_store_close returned %d", rc);
    }
    persist_options_init(&o, sizeof o);
    o.snapshot_every = every;
    o.flags = flags;
    CHECK_RC(c, persist_store_open(&c->s, c->dir, &o), PERSIST_OK);
    c->m.every = every;
    c->m.flags = flags;
    /* An open that replays more records than its policy allows writes a snapshot at the head. */
    if (c->m.head > c->m.snap && c->m.head - c->m.snap >= every)
        c->m.snap = c->m.head;
}

/* The invariant itself: restore path from disk (in place, then by reopening) == live state. */
static void check_invariant(seq_ctx *c)
{
    char *s1 = live_state(c), *s2, *s3;
    int same2, same3;
    note(c, "invariant check (restore, then reopen every=%u flags=%u)", c->m.every, c->m.flags);
    CHECK_RC(c, persist_store_restore(c->s), PERSIST_OK);
    s2 = live_state(c);
    same2 = strcmp(s1, s2) == 0;
    persist_free(s2);
    if (!same2)
        persist_free(s1);
    CHECK(c, same2, "persist_store_restore changed the live state");
    reopen(c, c->m.every, c->m.flags);
    s3 = live_state(c);
    same3 = strcmp(s1, s3) == 0;
    persist_free(s1);
    persist_free(s3);
    CHECK(c, same3, "close + reopen changed the live state");
    verify(c);
}

/* ---- operations ---- */

/* Submit `event`; expect `want_rc` and, on success, the response `want_resp`. */
static void submit(seq_ctx *c, const char *event, int want_rc, const char *want_resp)
{
    char *resp = NULL;
    size_t len = 0;
    int rc = persist_store_submit(c->s, event, strlen(event), &resp, &len);
    check_rc(c, __LINE__, rc, want_rc, event);
    if (rc != PERSIST_OK) {
        char msg[256];
        CHECK(c, resp == NULL, "a failed submit returned a response");
        CHECK(c, persist_store_errmsg(c->s, msg, sizeof msg) > 0, "failed submit without message");
        return;
    }
    CHECK(c, resp != NULL && strlen(resp) == len, "submit gave a bad response/length");
    if (strcmp(resp, want_resp) != 0) {
        char copy[256];
        snprintf(copy, sizeof copy, "%s", resp);
        persist_free(resp);
        seq_fail(c, __LINE__, "\"%s\" answered \"%s\", model expects \"%s\"", event, copy,
                 want_resp);
    }
    persist_free(resp);
}

static void op_add_mul(seq_ctx *c, int mul)
{
    char event[32], resp[64];
    uint32_t k = rnd(c, 1000);
    snprintf(event, sizeof event, "%s %u", mul ? "mul" : "add", k);
    note(c, "submit \"%s\"", event);
    c->m.n = mul ? c->m.n * k % MODULUS : (c->m.n + k) % MODULUS;
    snprintf(resp, sizeof resp, "%sn=%" PRIu64, c->m.version == 2 ? "v2 " : "", c->m.n);
    submit(c, event, PERSIST_OK, resp);
    model_event_logged(&c->m);
}

static void op_append(seq_ctx *c)
{
    char arg[16], event[32], resp[96];
    rnd_text(c, arg, 0, 8, 1);
    snprintf(event, sizeof event, "append %s", arg);
    note(c, "submit \"%s\"", event);
    model_append(&c->m, arg);
    snprintf(resp, sizeof resp, "%shist=%s", c->m.version == 2 ? "v2 " : "", c->m.hist);
    submit(c, event, PERSIST_OK, resp);
    model_event_logged(&c->m);
}

/* Events that return the identical state: logged only with PERSIST_LOG_ALL_EVENTS. */
static void unchanged_logged(model *m)
{
    if (m->flags & PERSIST_LOG_ALL_EVENTS)
        model_event_logged(m);
}

static void op_get(seq_ctx *c)
{
    char resp[192];
    note(c, "submit \"get\"");
    if (c->m.version == 1)
        snprintf(resp, sizeof resp, "n=%" PRIu64 " hist=%s", c->m.n, c->m.hist);
    else
        snprintf(resp, sizeof resp, "v2 n=%" PRIu64 " hist=%s tag=%s", c->m.n, c->m.hist, c->m.tag);
    submit(c, "get", PERSIST_OK, resp);
    unchanged_logged(&c->m);
}

static void op_tag(seq_ctx *c)
{
    char arg[16], event[32], resp[64];
    rnd_text(c, arg, 0, 6, 0);
    snprintf(event, sizeof event, "tag %s", arg);
    note(c, "submit \"%s\"", event);
    if (c->m.version == 1) {
        submit(c, event, PERSIST_OK, "unknown event");
        unchanged_logged(&c->m);
        return;
    }
    snprintf(c->m.tag, sizeof c->m.tag, "%s", arg);
    snprintf(resp, sizeof resp, "v2 tag=%s", arg);
    submit(c, event, PERSIST_OK, resp);
    model_event_logged(&c->m);
}

static void op_unknown(seq_ctx *c)
{
    char arg[16], event[32];
    rnd_text(c, arg, 1, 6, 0);
    snprintf(event, sizeof event, "noop%s", arg);
    note(c, "submit \"%s\"", event);
    submit(c, event, PERSIST_OK, c->m.version == 1 ? "unknown event" : "v2 unknown event");
    unchanged_logged(&c->m);
}

static void op_failing_event(seq_ctx *c)
{
    int bad = rnd(c, 2);
    note(c, "submit \"%s\" (must fail)", bad ? "badresp" : "throw");
    submit(c, bad ? "badresp" : "throw", bad ? PERSIST_ECONTRACT : PERSIST_ESCRIPT, NULL);
}

static void op_snapshot(seq_ctx *c)
{
    note(c, "persist_store_snapshot");
    CHECK_RC(c, persist_store_snapshot(c->s), PERSIST_OK);
    c->m.snap = c->m.head;
}

static void deploy(seq_ctx *c, int version, uint32_t mode)
{
    note(c, "deploy v%d %s (from v%d)", version, mode == PERSIST_DEPLOY_INIT ? "INIT" : "MIGRATE",
         c->m.version);
    CHECK_RC(c, persist_store_deploy(c->s, c->code[version], c->code_len[version], mode, c->module),
             PERSIST_OK);
    if (mode == PERSIST_DEPLOY_INIT) {
        c->m.n = 0;
        c->m.hist[0] = '\0';
        snprintf(c->m.tag, sizeof c->m.tag, "fresh");
    } else if (version == 2 && c->m.version == 1) {
        snprintf(c->m.tag, sizeof c->m.tag, "migrated");
    }
    c->m.version = version;
    model_projected(&c->m);
}

static void op_deploy(seq_ctx *c)
{
    int version = 1 + (int)rnd(c, 2);
    deploy(c, version, rnd(c, 2) ? PERSIST_DEPLOY_MIGRATE : PERSIST_DEPLOY_INIT);
}

/* The code under a module name where it defines no contract object: nothing may change. */
static void op_deploy_wrong_module(seq_ctx *c)
{
    int version = 1 + (int)rnd(c, 2);
    note(c, "deploy v%d under module %s (must fail)", version,
         c->bad_module ? c->bad_module : "NULL");
    CHECK_RC(c,
             persist_store_deploy(c->s, c->code[version], c->code_len[version],
                                  PERSIST_DEPLOY_MIGRATE, c->bad_module),
             PERSIST_ECONTRACT);
}

static void op_set_state(seq_ctx *c)
{
    model next = c->m;
    char text[256];
    next.n = rnd(c, MODULUS);
    rnd_text(c, next.hist, 0, 50, 0);
    rnd_text(c, next.tag, 0, 8, 0);
    model_text(&next, text, sizeof text);
    note(c, "set_state %s", text);
    CHECK_RC(c, persist_store_set_state(c->s, text, strlen(text)), PERSIST_OK);
    c->m = next;
    model_projected(&c->m);
}

static void op_set_state_invalid(seq_ctx *c)
{
    model other = c->m;
    char text[256];
    switch (rnd(c, 5)) {
    case 0: snprintf(text, sizeof text, "not json {"); break;
    case 1: snprintf(text, sizeof text, "null"); break;
    case 2:
        snprintf(text, sizeof text, "{\"v\":%d,\"n\":\"7\",\"hist\":\"x\",\"tag\":\"t\"}",
                 c->m.version);
        break;
    case 3: snprintf(text, sizeof text, "%s", ""); break;
    default: /* a valid state of the other version */
        other.version = 3 - c->m.version;
        model_text(&other, text, sizeof text);
        break;
    }
    note(c, "set_state '%s' (must be rejected)", text);
    CHECK_RC(c, persist_store_set_state(c->s, text, strlen(text)), PERSIST_EREJECTED);
}

static uint32_t rnd_flags(seq_ctx *c)
{
    return rnd(c, 3) == 0 ? PERSIST_LOG_ALL_EVENTS : 0;
}

static void op_reopen(seq_ctx *c)
{
    uint32_t every = rnd(c, 2) ? c->m.every : 1 + rnd(c, 10);
    uint32_t flags = rnd(c, 2) ? c->m.flags : rnd_flags(c);
    note(c, "close + reopen every=%u flags=%u", every, flags);
    reopen(c, every, flags);
}

static void op_restore(seq_ctx *c)
{
    note(c, "persist_store_restore");
    CHECK_RC(c, persist_store_restore(c->s), PERSIST_OK);
}

typedef struct weighted_op {
    unsigned weight;
    void (*run)(seq_ctx *c);
    int projects; /* a deploy or set-state: the snapshot must be at the head afterwards */
} weighted_op;

static void op_add(seq_ctx *c)
{
    op_add_mul(c, 0);
}

static void op_mul(seq_ctx *c)
{
    op_add_mul(c, 1);
}

static const weighted_op OPS[] = {
    {16, op_add, 0},          {8, op_mul, 0},
    {12, op_append, 0},       {7, op_get, 0},
    {8, op_tag, 0},           {2, op_unknown, 0},
    {6, op_failing_event, 0}, {5, op_snapshot, 0},
    {6, op_deploy, 1},        {1, op_deploy_wrong_module, 0},
    {4, op_set_state, 1},     {3, op_set_state_invalid, 0},
    {4, op_reopen, 0},        {4, op_restore, 0},
    {3, check_invariant, 0},
};

static const weighted_op *pick_op(seq_ctx *c)
{
    unsigned total = 0, r;
    for (size_t i = 0; i < sizeof OPS / sizeof OPS[0]; i++)
        total += OPS[i].weight;
    r = rnd(c, total);
    for (size_t i = 0;; i++) {
        if (r < OPS[i].weight)
            return &OPS[i];
        r -= OPS[i].weight;
    }
}

static void run_sequence(seq_ctx *c, uint64_t seed)
{
    int nops;
    memset(&c->m, 0, sizeof c->m);
    c->seed = seed;
    c->rng = seed;
    c->ntrace = 0;
    c->op = 0;
    c->dir = ts_tmpdir();
    nops = MIN_OPS + (int)rnd(c, MAX_OPS - MIN_OPS + 1);
    c->m.version = 1;
    c->m.every = 1 + rnd(c, 10);
    c->m.flags = rnd_flags(c);
    note(c, "open every=%u flags=%u", c->m.every, c->m.flags);
    reopen(c, c->m.every, c->m.flags);
    deploy(c, 1, PERSIST_DEPLOY_INIT);
    verify(c);
    for (c->op = 1; c->op <= nops; c->op++) {
        const weighted_op *o = pick_op(c);
        o->run(c);
        verify(c);
        if (o->projects)
            CHECK(c, c->m.snap == c->m.head, "no snapshot at the head after a projection");
    }
    check_invariant(c);
    CHECK(c, persist_store_close(c->s) == PERSIST_OK, "close failed");
    c->s = NULL;
    ts_rmrf(c->dir);
    free(c->dir);
    c->dir = NULL;
}

/* ---- setup, tests ---- */

static unsigned env_count(const char *name, unsigned dflt)
{
    const char *v = getenv(name);
    char *end;
    unsigned long n;
    if (v == NULL || v[0] == '\0')
        return dflt;
    n = strtoul(v, &end, 0);
    if (*end != '\0' || n == 0 || n > 1000000)
        fail_msg("%s must be a positive number, not \"%s\"", name, v);
    return (unsigned)n;
}

/* Replace the one occurrence of `from` in `code` by `to` (malloc'd result). */
static char *replace_once(const char *code, const char *from, const char *to, size_t *out_len)
{
    const char *at = strstr(code, from);
    size_t head, flen = strlen(from), tlen = strlen(to), len = strlen(code);
    char *out;
    assert_non_null(at);
    assert_null(strstr(at + flen, from));
    head = (size_t)(at - code);
    out = malloc(len - flen + tlen + 1);
    assert_non_null(out);
    memcpy(out, code, head);
    memcpy(out + head, to, tlen);
    memcpy(out + head + tlen, at + flen, len - head - flen + 1);
    *out_len = len - flen + tlen;
    return out;
}

static int setup_app(void **state)
{
    seq_ctx *c = calloc(1, sizeof *c);
    assert_non_null(c);
    c->code[1] = ts_fixture("testapp_v1.js", &c->code_len[1]);
    c->code[2] = ts_fixture("testapp_v2.js", &c->code_len[2]);
    c->bad_module = "game";
    *state = c;
    return 0;
}

/* Same apps, but their contract object is the global `game`, deployed with module "game". */
static int setup_game(void **state)
{
    seq_ctx *c = calloc(1, sizeof *c);
    assert_non_null(c);
    for (int v = 1; v <= 2; v++) {
        char *plain = ts_fixture(v == 1 ? "testapp_v1.js" : "testapp_v2.js", NULL);
        c->code[v] = replace_once(plain, "var app = ", "var game = ", &c->code_len[v]);
        free(plain);
    }
    c->module = "game";
    c->bad_module = NULL;
    *state = c;
    return 0;
}

static int teardown(void **state)
{
    seq_ctx *c = *state;
    if (c == NULL)
        return 0;
    if (c->s != NULL)
        persist_store_close(c->s);
    if (c->dir != NULL) {
        ts_rmrf(c->dir);
        free(c->dir);
    }
    free(c->code[1]);
    free(c->code[2]);
    free(c);
    *state = NULL;
    return 0;
}

static void run_sequences(seq_ctx *c, unsigned count)
{
    const char *one = getenv("PERSIST_INVARIANT_SEED");
    if (one != NULL && one[0] != '\0') {
        run_sequence(c, strtoull(one, NULL, 0));
        return;
    }
    for (unsigned i = 0; i < count; i++)
        run_sequence(c, sequence_seed(i));
}

static void test_invariant_random_sequences(void **state)
{
    run_sequences(*state, env_count("PERSIST_INVARIANT_SEQUENCES", DEFAULT_SEQUENCES));
}

static void test_invariant_random_sequences_game_module(void **state)
{
    unsigned n = env_count("PERSIST_INVARIANT_SEQUENCES", DEFAULT_SEQUENCES) / 10;
    run_sequences(*state, n > 0 ? n : 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_invariant_random_sequences, setup_app, teardown),
        cmocka_unit_test_setup_teardown(test_invariant_random_sequences_game_module, setup_game,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
