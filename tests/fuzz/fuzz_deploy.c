/* fuzz_deploy.c - libFuzzer target: arbitrary bytes as app code given to deploy. Each input is
 * deployed with PERSIST_DEPLOY_INIT into one open store (js_budget_ms 50 and a 2 MiB heap cap, so
 * hostile code ends quickly); when that works, the same code is also deployed with
 * PERSIST_DEPLOY_MIGRATE and gets an event, a state read and a snapshot, so every contract function
 * of the code runs. Every call must return PERSIST_OK or an error code; the store must never be
 * poisoned (PERSIST_EFATAL) by app code, and it is reopened from time to time to check that what
 * was committed restores. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <persist.h>

#define FUZZ_NAME "fuzz_deploy"
#include "fuzz_support.h"

#define REOPEN_EVERY 200 /* inputs between reopen checks (and a fresh store every 10 of those) */

static char store_dir[4096];
static persist_store *store;
static persist_options opts;
static long runs, outcomes[64]; /* by -status of the INIT deploy */

static int known(int rc)
{
    return rc <= 0 && rc > -64 && strcmp(persist_strerror(rc), "unknown status") != 0;
}

static void remove_store(void)
{
    fuzz_remove_dir(store_dir);
}

static void new_store_dir(void)
{
    fuzz_make_dir(store_dir, sizeof store_dir);
}

static void open_store(void)
{
    int rc = persist_store_open(&store, store_dir, &opts);
    if (rc != PERSIST_OK) {
        char msg[512];
        persist_store_errmsg(store, msg, sizeof msg);
        fprintf(stderr, "fuzz_deploy: reopening failed: %d %s\n", rc, msg);
    }
    REQUIRE(rc == PERSIST_OK);
}

static void report(void)
{
    fprintf(stderr, "fuzz_deploy: %ld deploys:", runs);
    for (int i = 0; i < 64; i++)
        if (outcomes[i] > 0)
            fprintf(stderr, " %s=%ld", i == 0 ? "OK" : persist_strerror(-i), outcomes[i]);
    fprintf(stderr, "\n");
    persist_store_close(store);
    remove_store();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    new_store_dir();
    fuzz_options(&opts, 50, 2u << 20);
    opts.snapshot_every = 50;
    open_store();
    atexit(report);
    return 0;
}

/* The app deployed: run the rest of its contract. */
static void exercise(const uint8_t *data, size_t size)
{
    char *text = NULL, *resp = NULL;
    int rc = persist_store_deploy(store, (const char *)data, size, PERSIST_DEPLOY_MIGRATE, NULL);
    REQUIRE(known(rc) && rc != PERSIST_EFATAL);
    rc = persist_store_submit(store, "add 1", 5, &resp, NULL);
    REQUIRE(known(rc) && rc != PERSIST_EFATAL && (rc == PERSIST_OK) == (resp != NULL));
    persist_free(resp);
    rc = persist_store_state(store, &text, NULL);
    REQUIRE(known(rc) && rc != PERSIST_EFATAL && (rc == PERSIST_OK) == (text != NULL));
    persist_free(text);
    rc = persist_store_snapshot(store);
    REQUIRE(known(rc) && rc != PERSIST_EFATAL);
}

/* What the store committed restores: the live state equals a reopened store's. */
static void reopen_check(void)
{
    char *before = NULL, *after = NULL;
    int rc_before = persist_store_state(store, &before, NULL), rc_after;
    REQUIRE(persist_store_close(store) == PERSIST_OK);
    store = NULL;
    if (runs % (REOPEN_EVERY * 10) == 0) { /* keep the store small */
        remove_store();
        new_store_dir();
    }
    open_store();
    rc_after = persist_store_state(store, &after, NULL);
    if (runs % (REOPEN_EVERY * 10) != 0 && rc_before == PERSIST_OK) {
        REQUIRE(rc_after == PERSIST_OK);
        REQUIRE(strcmp(before, after) == 0);
    }
    persist_free(before);
    persist_free(after);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int rc = persist_store_deploy(store, (const char *)data, size, PERSIST_DEPLOY_INIT, NULL);
    REQUIRE(known(rc));
    REQUIRE(rc != PERSIST_EFATAL); /* app code never poisons the store */
    outcomes[-rc]++;
    if (rc == PERSIST_OK)
        exercise(data, size);
    if (++runs % REOPEN_EVERY == 0)
        reopen_check();
    return 0;
}
