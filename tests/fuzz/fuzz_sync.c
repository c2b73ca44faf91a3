/* fuzz_sync.c - libFuzzer target: sync batches and bootstrap packages from an untrusted leader.
 * The seeds come from a leader store (tests/fixtures/testapp_v1.js deployed, events with client
 * ids, a snapshot, more events, a migration to testapp_v2.js, more events) and three exports: the
 * bootstrap package B at its first snapshot, the batch R1 of the records after it, the batch R2 of
 * the records after R1. A follower is started from B and R1 once, and its data.mdb kept.
 *
 * Input: byte 0 = how to use the rest. Bit 0: the store it goes to (0: an empty store, where a
 * bootstrap starts a follower; 1: the follower at R1's end, put back from its pristine copy).
 * Bits 1-2: the form of the rest: 0 the bytes as they are; 1 the bytes with their last 32 replaced
 * by the SHA-256 over the others (so the parser behind the batch's own checksum gets fuzzed);
 * 2 and 3 rebuilt: the 72-byte header as it is, then entries read loosely in the batch layout
 * (docs/sync.md section 8) and written again with valid checksums: a record entry's value is a
 * kind byte, 8 bytes of time and the payload; a snapshot entry's is an app hash (32 bytes) and the
 * state; an app entry gets the SHA-256 of its code as key. So the follower's checks of a batch's
 * meaning (identity, epochs, gaps, forks, kinds, deployments of arbitrary code) get fuzzed too.
 *
 * Must hold: persist_store_apply returns PERSIST_OK or a known error with a message, never
 * PERSIST_ERROR (an internal failure: bad input has codes of its own); a failed apply changes
 * nothing (the head is as before, and the state too); the store opens again afterwards (the state
 * after a successful apply may be one its app cannot give, with the app's error); no crash, hang
 * or leak.
 *
 * The follower is started from the seeds bootstrap and records-r1 in tests/fuzz/corpus/sync/, so
 * that it has their leader's identity (a store's identity is random). FUZZ_SYNC_SEEDS=DIR builds a
 * leader and writes new seeds (B, R1 and R2 in each form they make sense in) into DIR, and exits.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "errors.h"
#include "hash.h"
#include "record.h"
#include "sync_batch.h"
#include <persist.h>

#define FUZZ_NAME "fuzz_sync"
#include "fuzz_support.h"

#define HEADER 72
#define ENTRY  24
#define SUM    32

static char base_dir[4096], leader_dir[4200], follower_dir[4200], work_dir[4200];
static char *pristine;
static size_t pristine_len;
static uint64_t pristine_head;
static char *pristine_state;
static persist_options opts;
static long outcomes[64]; /* by -status of persist_store_apply */

static void submit(persist_store *s, const char *event, const char *client_id)
{
    persist_event e;
    memset(&e, 0, sizeof e);
    e.event = event;
    e.event_len = strlen(event);
    e.client_id = client_id;
    e.client_id_len = client_id ? strlen(client_id) : 0;
    REQUIRE(persist_store_submit_events(s, &e, 1, sizeof e) == PERSIST_OK && e.status == 0);
    persist_free(e.response);
}

static void report(void)
{
    fuzz_print_outcomes("apply results", outcomes);
    fuzz_remove_dir(base_dir);
}

/* ---- the rebuilt form ---- */

static uint64_t be64(const uint8_t *p)
{
    return persist__be64_get(p);
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* One entry written again with a valid checksum (or key). */
static void add_rebuilt(persist__sync_builder *b, persist__sync_entry *e)
{
    persist__err err;
    uint8_t *val = NULL, hash[PERSIST__HASH_LEN];
    int rc = PERSIST_OK;
    size_t n = 0;
    if (e->type == PERSIST__ENTRY_RECORD && e->val_len >= 9) {
        persist__record rec = {e->seq, e->val[0], be64(e->val + 1), e->val + 9, e->val_len - 9,
                               NULL,   0};
        n = persist__record_size(rec.payload_len);
        REQUIRE((val = malloc(n)) != NULL);
        rc = persist__record_encode(val, &rec, &err);
    } else if (e->type == PERSIST__ENTRY_SNAPSHOT && e->val_len >= PERSIST__HASH_LEN) {
        persist__snapshot snap;
        memset(&snap, 0, sizeof snap);
        snap.seq = e->seq;
        snap.time_us = 1;
        memcpy(snap.app_hash, e->val, PERSIST__HASH_LEN);
        snap.module = "app";
        snap.module_len = 3;
        snap.state = (const char *)e->val + PERSIST__HASH_LEN;
        snap.state_len = e->val_len - PERSIST__HASH_LEN;
        n = persist__snapshot_size(snap.module_len, snap.state_len);
        REQUIRE((val = malloc(n)) != NULL);
        rc = persist__snapshot_encode(val, &snap, &err);
    } else if (e->type == PERSIST__ENTRY_APP) {
        persist__span span = {(const char *)e->val, e->val_len};
        REQUIRE(persist__sha256(hash, &span, 1) == 0);
        e->key = hash;
        e->key_len = sizeof hash;
    }
    if (rc == PERSIST_OK) {
        if (val != NULL) {
            e->val = val;
            e->val_len = n;
        }
        persist__sync_add(b, e);
    }
    free(val);
}

static char *rebuild(const uint8_t *in, size_t len, size_t *out_len)
{
    persist__sync_builder b;
    persist__sync_header h;
    persist__err err;
    const uint8_t *p = in + HEADER, *end = in + len;
    char *out = NULL;
    if (len < HEADER)
        return NULL;
    memset(&h, 0, sizeof h);
    h.kind = in[8];
    memcpy(h.store_id, in + 16, sizeof h.store_id);
    h.epoch = be64(in + 32);
    h.after = be64(in + 40);
    h.last = be64(in + 48);
    memcpy(h.prev_sum, in + 56, sizeof h.prev_sum);
    persist__sync_begin(&b, &h);
    while ((size_t)(end - p) >= ENTRY) {
        persist__sync_entry e;
        uint32_t key_len = be32(p + 4);
        uint64_t val_len = be64(p + 16);
        memset(&e, 0, sizeof e);
        e.type = p[0];
        e.seq = be64(p + 8);
        p += ENTRY;
        if (key_len > (size_t)(end - p))
            break;
        e.key = p;
        e.key_len = key_len;
        p += key_len;
        if (val_len > (size_t)(end - p))
            val_len = (size_t)(end - p);
        e.val = p;
        e.val_len = (size_t)val_len;
        p += val_len;
        add_rebuilt(&b, &e);
    }
    if (persist__sync_finish(&b, &out, out_len, &err) != PERSIST_OK)
        return NULL;
    return out;
}

/* ---- the seeds ---- */

/* A real batch in the rebuilt form: records as kind, time and payload; snapshots as app hash and
 * state. */
static char *unbuild(const char *batch, size_t len, size_t *out_len)
{
    persist__sync_reader r;
    persist__sync_header h;
    persist__sync_entry e;
    persist__err err;
    size_t cap = len + 4096, n = HEADER;
    uint8_t *out = malloc(cap);
    int rc;
    REQUIRE(out != NULL && persist__sync_open(&r, &h, batch, len, &err) == PERSIST_OK);
    memcpy(out, batch, HEADER);
    while ((rc = persist__sync_next(&r, &e, &err)) == 1) {
        uint8_t head[ENTRY];
        const uint8_t *val = e.val;
        size_t val_len = e.val_len;
        uint8_t *made = NULL;
        if (e.type == PERSIST__ENTRY_RECORD) {
            persist__record rec;
            REQUIRE(persist__record_decode(&rec, e.seq, e.val, e.val_len, &err) == PERSIST_OK);
            val_len = 9 + rec.payload_len;
            REQUIRE((made = malloc(val_len)) != NULL);
            made[0] = (uint8_t)rec.kind;
            persist__be64_put(made + 1, rec.time_us);
            memcpy(made + 9, rec.payload, rec.payload_len);
            val = made;
        } else if (e.type == PERSIST__ENTRY_SNAPSHOT) {
            persist__snapshot snap;
            REQUIRE(persist__snapshot_decode(&snap, e.seq, e.val, e.val_len, &err) == PERSIST_OK);
            val_len = PERSIST__HASH_LEN + snap.state_len;
            REQUIRE((made = malloc(val_len)) != NULL);
            memcpy(made, snap.app_hash, PERSIST__HASH_LEN);
            memcpy(made + PERSIST__HASH_LEN, snap.state, snap.state_len);
            val = made;
        }
        while (n + ENTRY + e.key_len + val_len > cap) {
            cap *= 2;
            REQUIRE((out = realloc(out, cap)) != NULL);
        }
        memset(head, 0, sizeof head);
        head[0] = (uint8_t)e.type;
        head[4] = (uint8_t)(e.key_len >> 24);
        head[5] = (uint8_t)(e.key_len >> 16);
        head[6] = (uint8_t)(e.key_len >> 8);
        head[7] = (uint8_t)e.key_len;
        persist__be64_put(head + 8, e.seq);
        persist__be64_put(head + 16, val_len);
        memcpy(out + n, head, ENTRY);
        memcpy(out + n + ENTRY, e.key, e.key_len);
        memcpy(out + n + ENTRY + e.key_len, val, val_len);
        n += ENTRY + e.key_len + val_len;
        free(made);
    }
    REQUIRE(rc == 0);
    *out_len = n;
    return (char *)out;
}

static void write_seed(const char *dir, const char *name, uint8_t mode, const char *bytes,
                       size_t len)
{
    char path[4400];
    char *buf = malloc(len + 1);
    REQUIRE(buf != NULL);
    buf[0] = (char)mode;
    memcpy(buf + 1, bytes, len);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    fuzz_write_all(path, buf, len + 1);
    free(buf);
}

static void write_seeds(const char *dir, const char *b, size_t b_len, const char *r1, size_t r1_len,
                        const char *r2, size_t r2_len)
{
    size_t n;
    char *u;
    REQUIRE(mkdir(dir, 0755) == 0 || errno == EEXIST);
    write_seed(dir, "bootstrap", 0, b, b_len);
    write_seed(dir, "records-r1", 1, r1, r1_len);
    write_seed(dir, "records-r2", 1, r2, r2_len);
    write_seed(dir, "records-r2-rehashed", 1 | 2, r2, r2_len);
    u = unbuild(b, b_len, &n);
    write_seed(dir, "bootstrap-rebuilt", 4, u, n);
    free(u);
    u = unbuild(r2, r2_len, &n);
    write_seed(dir, "records-r2-rebuilt", 1 | 4, u, n);
    free(u);
}

/* Builds the leader and writes the seeds into dir. */
static void make_seeds(const char *dir)
{
    persist_store *s = NULL;
    char *b = NULL, *r1 = NULL, *r2 = NULL;
    size_t b_len = 0, r1_len = 0, r2_len = 0;
    uint64_t b_seq = 0, r1_to = 0, r2_to = 0;
    REQUIRE(persist_store_open(&s, leader_dir, &opts) == PERSIST_OK);
    fuzz_deploy_fixture(s, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    submit(s, "add 5", "client-a");
    submit(s, "append a", NULL);
    REQUIRE(persist_store_snapshot(s) == PERSIST_OK);
    REQUIRE(persist_store_export_bootstrap(s, &b, &b_len, &b_seq) == PERSIST_OK);
    submit(s, "mul 3", "client-b");
    submit(s, "append b", NULL);
    REQUIRE(persist_store_export_records(s, b_seq, 0, &r1, &r1_len, &r1_to) == PERSIST_OK);
    fuzz_deploy_fixture(s, "testapp_v2.js", PERSIST_DEPLOY_MIGRATE);
    submit(s, "tag x", "client-c");
    submit(s, "append c", NULL);
    REQUIRE(persist_store_export_records(s, r1_to, 0, &r2, &r2_len, &r2_to) == PERSIST_OK);
    REQUIRE(persist_store_close(s) == PERSIST_OK);
    write_seeds(dir, b, b_len, r1, r1_len, r2, r2_len);
    persist_free(b);
    persist_free(r1);
    persist_free(r2);
}

/* Applies a seed (without its mode byte) to f. */
static void apply_seed(persist_store *f, const char *name, uint64_t *head)
{
    char path[4096];
    size_t n;
    char *seed;
    snprintf(path, sizeof path, "%s/tests/fuzz/corpus/sync/%s", PERSIST_SOURCE_DIR, name);
    seed = fuzz_read_all(path, &n);
    REQUIRE(n > 1 && persist_store_apply(f, seed + 1, n - 1, head) == PERSIST_OK);
    free(seed);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *seeds = getenv("FUZZ_SYNC_SEEDS");
    persist_store *f = NULL;
    char path[4300];
    (void)argc;
    (void)argv;
    fuzz_make_dir(base_dir, sizeof base_dir);
    snprintf(leader_dir, sizeof leader_dir, "%s/leader", base_dir);
    snprintf(follower_dir, sizeof follower_dir, "%s/follower", base_dir);
    snprintf(work_dir, sizeof work_dir, "%s/work", base_dir);
    fuzz_options(&opts, 200, 64u << 20); /* hostile contents end quickly */
    opts.snapshot_every = 100000;
    if (seeds != NULL && seeds[0]) {
        make_seeds(seeds);
        fprintf(stderr, "fuzz_sync: seeds written to %s\n", seeds);
        fuzz_remove_dir(base_dir);
        exit(0);
    }
    /* The follower comes from the seeds, so that they share its leader's identity. */
    REQUIRE(persist_store_open(&f, follower_dir, &opts) == PERSIST_OK);
    apply_seed(f, "bootstrap", NULL);
    apply_seed(f, "records-r1", &pristine_head);
    REQUIRE(persist_store_state(f, &pristine_state, NULL) == PERSIST_OK);
    REQUIRE(persist_store_close(f) == PERSIST_OK);
    snprintf(path, sizeof path, "%s/data.mdb", follower_dir);
    pristine = fuzz_read_all(path, &pristine_len);
    atexit(report);
    return 0;
}

/* The store the input goes to: empty, or the follower at R1's end. */
static void prepare(int follower)
{
    char path[4400];
    fuzz_remove_dir(work_dir);
    REQUIRE(mkdir(work_dir, 0755) == 0);
    if (follower) {
        snprintf(path, sizeof path, "%s/data.mdb", work_dir);
        fuzz_write_all(path, pristine, pristine_len);
    }
}

static int known(int rc)
{
    return rc <= 0 && rc > -64 && strcmp(persist_strerror(rc), "unknown status") != 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    persist_store *s = NULL;
    char msg[256], *text = NULL, *made = NULL;
    const char *batch;
    size_t len, made_len = 0;
    uint64_t head = 0, after = 0;
    int follower, form, rc, outcome;
    if (size < 1)
        return 0;
    follower = data[0] & 1;
    form = (data[0] >> 1) & 3;
    batch = (const char *)data + 1;
    len = size - 1;
    if (form == 1 && len >= SUM) {
        persist__span span = {batch, len - SUM};
        made = malloc(len);
        REQUIRE(made != NULL);
        memcpy(made, batch, len - SUM);
        REQUIRE(persist__sha256((uint8_t *)made + len - SUM, &span, 1) == 0);
        batch = made;
    } else if (form >= 2) {
        made = rebuild((const uint8_t *)batch, len, &made_len);
        if (made == NULL)
            return 0;
        batch = made;
        len = made_len;
    }
    prepare(follower);
    REQUIRE(persist_store_open(&s, work_dir, &opts) == PERSIST_OK);
    rc = outcome = persist_store_apply(s, batch, len, &after);
    REQUIRE(known(rc) && rc != PERSIST_ERROR); /* bad input has a code of its own */
    outcomes[-rc]++;
    REQUIRE(persist_store_head(s, &head) == PERSIST_OK);
    if (rc != PERSIST_OK) {
        REQUIRE(persist_store_errmsg(s, msg, sizeof msg) > 0); /* a message says what broke */
        /* Nothing was applied. */
        REQUIRE(head == (follower ? pristine_head : 0));
        if (follower) {
            REQUIRE(persist_store_state(s, &text, NULL) == PERSIST_OK);
            REQUIRE(strcmp(text, pristine_state) == 0);
            persist_free(text);
        }
    } else {
        REQUIRE(head == after);
        rc = persist_store_state(s, &text, NULL);
        REQUIRE(known(rc));
        persist_free(text);
    }
    REQUIRE(persist_store_close(s) == PERSIST_OK);
    /* The store opens again: as it was after a failure; after a success with what was applied, or
     * with the app's or the snapshot's error when the batch's app cannot restore its own state. */
    s = NULL;
    rc = persist_store_open(&s, work_dir, &opts);
    REQUIRE(known(rc));
    if (rc == PERSIST_OK) {
        REQUIRE(persist_store_head(s, &head) == PERSIST_OK);
        REQUIRE(head == (outcome == PERSIST_OK ? after : follower ? pristine_head : 0));
    } else {
        REQUIRE(outcome == PERSIST_OK);
    }
    REQUIRE(persist_store_close(s) == PERSIST_OK);
    free(made);
    return 0;
}
