/* bench_submit.c - event throughput per durability mode and restore time per snapshot policy.
 * Not a test: prints a table; ratios against the first row of each group are what to compare
 * across machines. Usage: bench_submit DIR [EVENTS] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_persist.h"

/* Events per second for one configuration; batch = 0 submits one by one. */
static double run_events(const char *dir, const char *code, size_t n, uint32_t durability,
                         int batch, int events)
{
    persist_options o;
    persist_store *s;
    persist_batch_item items[256];
    double t0, t;
    persist_options_init(&o, sizeof o);
    o.durability = durability;
    s = bench_fresh_store(dir, &o, code, n);
    t0 = bench_clock(CLOCK_MONOTONIC);
    for (int i = 0; i < events;) {
        if (batch == 0) {
            bench_ok(s, persist_store_submit(s, "add 1", 5, NULL, NULL), "submit");
            i++;
            continue;
        }
        for (int k = 0; k < batch; k++) {
            items[k].event = "add 1";
            items[k].event_len = 5;
        }
        bench_ok(s, persist_store_submit_batch(s, items, (size_t)batch), "batch");
        for (int k = 0; k < batch; k++)
            persist_free(items[k].response);
        i += batch;
    }
    t = bench_clock(CLOCK_MONOTONIC) - t0;
    persist_store_close(s);
    return events / t;
}

#define TAIL_EVENTS 999

/* Seconds to open (restore) a store of `events` events written with snapshot_every = every. */
static double run_restore(const char *dir, const char *code, size_t n, uint32_t every, int events,
                          double *write_rate)
{
    persist_options o;
    persist_store *s;
    persist_batch_item items[100];
    double t0;
    persist_options_init(&o, sizeof o);
    o.durability = PERSIST_DURABILITY_RELAXED; /* the write cost is not what is measured here */
    o.snapshot_every = every;
    s = bench_fresh_store(dir, &o, code, n);
    t0 = bench_clock(CLOCK_MONOTONIC);
    for (int i = 0; i < events; i += 100) {
        for (int k = 0; k < 100; k++) {
            items[k].event = "add 1";
            items[k].event_len = 5;
        }
        bench_ok(s, persist_store_submit_batch(s, items, 100), "batch");
        for (int k = 0; k < 100; k++)
            persist_free(items[k].response);
    }
    /* A tail of single events, as a server would have since its last snapshot point. */
    for (int i = 0; i < TAIL_EVENTS; i++)
        bench_ok(s, persist_store_submit(s, "add 1", 5, NULL, NULL), "submit");
    *write_rate = (events + TAIL_EVENTS) / (bench_clock(CLOCK_MONOTONIC) - t0);
    bench_ok(s, persist_store_flush(s), "flush");
    persist_store_close(s);
    t0 = bench_clock(CLOCK_MONOTONIC);
    bench_ok(NULL, persist_store_open(&s, dir, &o), "reopen");
    t0 = bench_clock(CLOCK_MONOTONIC) - t0;
    persist_store_close(s);
    return t0;
}

/* Events per second through persist_store_submit_events in batches of 100 (relaxed mode, so that
 * the index's cost is not hidden behind fsync). ids: 0 none, 1 a new id per event; keep: the
 * client_id_keep option; retry: submit every batch a second time (all duplicates) and time only
 * that pass. */
static double run_ids(const char *dir, const char *code, size_t n, int ids, uint64_t keep,
                      int retry, int events)
{
    persist_options o;
    persist_store *s;
    persist_event ev[100];
    char idbuf[100][32];
    double t0 = 0, t = 0;
    persist_options_init(&o, sizeof o);
    o.durability = PERSIST_DURABILITY_RELAXED;
    o.client_id_keep = keep;
    o.client_id_keep_s = PERSIST_NO_LIMIT;
    s = bench_fresh_store(dir, &o, code, n);
    for (int pass = 0; pass <= retry; pass++) {
        if (pass == retry)
            t0 = bench_clock(CLOCK_MONOTONIC);
        for (int i = 0; i < events; i += 100) {
            memset(ev, 0, sizeof ev);
            for (int k = 0; k < 100; k++) {
                ev[k].event = "add 1";
                ev[k].event_len = 5;
                if (ids) {
                    ev[k].client_id_len = (size_t)snprintf(idbuf[k], sizeof idbuf[k],
                                                           "client-%d/req-%d", k % 7, i + k);
                    ev[k].client_id = idbuf[k];
                }
            }
            bench_ok(s, persist_store_submit_events(s, ev, 100, sizeof ev[0]), "submit_events");
            for (int k = 0; k < 100; k++) {
                if (pass == retry && retry && !ev[k].duplicate)
                    bench_ok(s, PERSIST_ERROR, "a retried id was applied again");
                persist_free(ev[k].response);
            }
        }
        t = bench_clock(CLOCK_MONOTONIC) - t0;
    }
    persist_store_close(s);
    return events / t;
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "/tmp/persist-bench";
    int events = argc > 2 ? atoi(argv[2]) : 2000;
    size_t n;
    char *code = bench_slurp("examples/counter/counter.js", &n, 1);
    double base, r;
    static const struct {
        const char *name;
        uint32_t durability;
        int batch;
    } modes[] = {{"sync, one event per commit (default)", PERSIST_DURABILITY_SYNC, 0},
                 {"sync, batch of 16 per commit", PERSIST_DURABILITY_SYNC, 16},
                 {"sync, batch of 128 per commit", PERSIST_DURABILITY_SYNC, 128},
                 {"relaxed, one event per commit", PERSIST_DURABILITY_RELAXED, 0}};
    printf("libpersist %s, counter app, %d events per row\n\n", persist_version_string(), events);
    printf("| mode | events/s | ratio to default |\n|---|---:|---:|\n");
    for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++) {
        r = run_events(dir, code, n, modes[i].durability, modes[i].batch, events);
        if (i == 0)
            base = r;
        printf("| %s | %.0f | %.2f |\n", modes[i].name, r, r / base);
    }
    printf("\n| snapshot_every | write events/s | restore (open) ms | ratio to every=1000 |\n"
           "|---:|---:|---:|---:|\n");
    {
        static const uint32_t every[] = {1000, 100, 10, 100000};
        double w;
        int total = events * 10;
        for (size_t i = 0; i < sizeof every / sizeof every[0]; i++) {
            r = run_restore(dir, code, n, every[i], total, &w);
            if (i == 0)
                base = r;
            printf("| %u | %.0f | %.1f | %.2f |\n", every[i], w, r * 1000, r / base);
        }
        printf("\n(restore rows: %d events in batches of 100, then %d single events, relaxed mode; "
               "a restore replays the records after the newest snapshot)\n",
               total, TAIL_EVENTS);
    }
    printf("\n| client ids (batches of 100, relaxed) | events/s | ratio to no ids |\n"
           "|---|---:|---:|\n");
    {
        static const struct {
            const char *name;
            int ids;
            uint64_t keep;
            int retry;
        } rows[] = {
            {"no client ids", 0, 100000, 0},
            {"a new id per event, nothing forgotten", 1, PERSIST_NO_LIMIT, 0},
            {"a new id per event, keep 1000 (trimming every commit)", 1, 1000, 0},
            {"every event a retry (all duplicates, nothing applied)", 1, PERSIST_NO_LIMIT, 1}};
        int total = events * 10;
        for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
            r = run_ids(dir, code, n, rows[i].ids, rows[i].keep, rows[i].retry, total);
            if (i == 0)
                base = r;
            printf("| %s | %.0f | %.2f |\n", rows[i].name, r, r / base);
        }
        printf("\n(client-id rows: %d events each; ids like client-3/req-1234)\n", total);
    }
    free(code);
    return 0;
}
