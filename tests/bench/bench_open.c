/* bench_open.c - what opening a store costs: the restore (a snapshot, then a replay of the records
 * after it) by the number of records and by the state's size, the first and second open under the
 * default snapshot policy, and the memory and open files of many stores in one process. Uses only
 * the 1.0 API, so the same binary measures libpersist 1.0 (LD_LIBRARY_PATH) and the current
 * library. Not a test: prints one line of figures.
 *
 * Usage: bench_open [-n EVENTS] [-s] [-k] [-r REPEAT] [-x EXPOSE.js] STORE CODE.js EVENTS
 *        bench_open -m STORES [-x EXPOSE.js] DIR CODE.js EVENTS
 *
 * The first form writes STORE afresh: CODE.js deployed with init (-x as in bench_app), then EVENTS
 * events taken in turn from the lines of EVENTS (a file, or one event's text), in relaxed mode,
 * 1000 per commit, with no snapshot but the deploy's and, with -s, one at the head. Then it opens
 * the store REPEAT times (default 3) with a policy that writes nothing at open (snapshot_every at
 * its maximum): `open_ms` is the median wall time, with the fastest and slowest, `open_cpu_ms` the
 * median CPU time. Then it opens it twice with the default policy: since 1.1 the first of those
 * writes a snapshot at the head when it replayed more than 1000 records, and the second restores
 * from it. -k keeps STORE as an earlier run wrote it (no write), so that the first timed open is
 * the process's first compile of the app (since 1.1 the process keeps the bytecode of what it
 * compiled: later opens of the same app load it). Under `valgrind --tool=callgrind
 * --toggle-collect=timed_open` the instructions counted are those of the timed opens.
 *
 * The second form (-m) opens STORES stores DIR/0, DIR/1, ... in one process, deploys CODE.js into
 * each and submits the first event, and prints the growth of resident memory and of open files,
 * per store. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench_persist.h"

#define NO_SNAPSHOT 0xffffffffu

typedef struct config {
    long events, stores;
    int snapshot, repeat, keep;
    const char *expose, *store, *code, *events_file;
} config;

static persist_options options(uint32_t durability, uint32_t snapshot_every)
{
    persist_options o;
    persist_options_init(&o, sizeof o);
    o.durability = durability;
    o.snapshot_every = snapshot_every;
    o.js_budget_ms = 3600000; /* a long replay under callgrind must not hit the budget */
    return o;
}

/* Deploys and submits the events, 1000 per commit; a snapshot at the head with -s. */
static void write_store(const config *c, const bench_lines *l)
{
    persist_options o = options(PERSIST_DURABILITY_RELAXED, NO_SNAPSHOT);
    persist_batch_item *items = calloc(1000, sizeof *items);
    size_t len;
    char *code = bench_app_code(c->code, c->expose, &len);
    persist_store *s = bench_fresh_store(c->store, &o, code, len);
    if (items == NULL)
        exit(2);
    for (long done = 0; done < c->events; done += 1000) {
        int n = c->events - done < 1000 ? (int)(c->events - done) : 1000;
        for (int k = 0; k < n; k++) {
            items[k].event = l->line[(done + k) % l->n];
            items[k].event_len = l->len[(done + k) % l->n];
        }
        bench_ok(s, persist_store_submit_batch(s, items, (size_t)n), "batch");
        for (int k = 0; k < n; k++) {
            bench_ok(s, items[k].status, "an event");
            persist_free(items[k].response);
        }
    }
    if (c->snapshot)
        bench_ok(s, persist_store_snapshot(s), "snapshot");
    bench_ok(s, persist_store_flush(s), "flush");
    bench_ok(s, persist_store_close(s), "close");
    free(items);
    free(code);
}

/* Kept out of line so that callgrind's --toggle-collect can count the timed opens alone. */
__attribute__((noinline)) void timed_open(const char *dir, const persist_options *o, double *wall,
                                          double *cpu);

void timed_open(const char *dir, const persist_options *o, double *wall, double *cpu)
{
    persist_store *s;
    double t0 = bench_clock(CLOCK_MONOTONIC), c0 = bench_clock(CLOCK_PROCESS_CPUTIME_ID);
    bench_ok(NULL, persist_store_open(&s, dir, o), "open");
    *cpu = bench_clock(CLOCK_PROCESS_CPUTIME_ID) - c0;
    *wall = bench_clock(CLOCK_MONOTONIC) - t0;
    bench_ok(s, persist_store_close(s), "close");
}

static int one_store(const config *c)
{
    bench_lines l = bench_read_lines(c->events_file, 0);
    persist_options quiet = options(0, NO_SNAPSHOT), dflt = options(0, 0);
    double wall[64], cpu[64], first, second, ignore, median, cpu_median;
    persist_store *s;
    char *state;
    size_t state_len;
    uint64_t head, snap;
    if (!c->keep)
        write_store(c, &l);
    for (int r = 0; r < c->repeat; r++)
        timed_open(c->store, &quiet, &wall[r], &cpu[r]);
    bench_ok(NULL, persist_store_open(&s, c->store, &quiet), "open");
    bench_ok(s, persist_store_head(s, &head), "head");
    bench_ok(s, persist_store_snapshot_seq(s, &snap), "snapshot_seq");
    bench_ok(s, persist_store_state(s, &state, &state_len), "state");
    persist_free(state);
    bench_ok(s, persist_store_close(s), "close");
    timed_open(c->store, &dflt, &first, &ignore);
    timed_open(c->store, &dflt, &second, &ignore);
    median = bench_quantile(wall, (size_t)c->repeat, 0.5); /* sorts wall: [0] is the fastest */
    cpu_median = bench_quantile(cpu, (size_t)c->repeat, 0.5);
    printf("records=%llu replayed=%llu state_kb=%.1f open_ms=%.2f open_min_ms=%.2f "
           "open_max_ms=%.2f open_cpu_ms=%.2f first_default_open_ms=%.2f "
           "second_default_open_ms=%.2f\n",
           (unsigned long long)head, (unsigned long long)(head - snap), (double)state_len / 1024,
           median * 1e3, wall[0] * 1e3, wall[c->repeat - 1] * 1e3, cpu_median * 1e3, first * 1e3,
           second * 1e3);
    return 0;
}

static int many_stores(const config *c)
{
    persist_options o = options(0, 0);
    persist_store **s = calloc((size_t)c->stores, sizeof *s);
    bench_lines l = bench_read_lines(c->events_file, 0);
    size_t len;
    char *code = bench_app_code(c->code, c->expose, &len), dir[1100], cmd[1200], *resp;
    long rss0 = bench_status_kb("VmRSS"), files0 = bench_open_files(), rss, files;
    double t0;
    if (s == NULL)
        return 2;
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s'", c->store, c->store);
    if (system(cmd) != 0)
        return 2;
    t0 = bench_clock(CLOCK_MONOTONIC);
    for (long i = 0; i < c->stores; i++) {
        snprintf(dir, sizeof dir, "%s/%ld", c->store, i);
        s[i] = bench_fresh_store(dir, &o, code, len);
        bench_ok(s[i], persist_store_submit(s[i], l.line[0], l.len[0], &resp, NULL), "submit");
        persist_free(resp);
    }
    t0 = bench_clock(CLOCK_MONOTONIC) - t0;
    rss = bench_status_kb("VmRSS");
    files = bench_open_files();
    printf("stores=%ld rss_kb=%ld rss_per_store_kb=%.1f open_files=%ld files_per_store=%.2f "
           "create_ms_per_store=%.2f rss_before_kb=%ld\n",
           c->stores, rss, (double)(rss - rss0) / (double)c->stores, files,
           (double)(files - files0) / (double)c->stores, t0 * 1e3 / (double)c->stores, rss0);
    for (long i = 0; i < c->stores; i++)
        bench_ok(s[i], persist_store_close(s[i]), "close");
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", c->store);
    free(code);
    free(s);
    return system(cmd) == 0 ? 0 : 2;
}

int main(int argc, char **argv)
{
    config c = {1000, 0, 0, 3, 0, NULL, NULL, NULL, NULL};
    int opt;
    while ((opt = getopt(argc, argv, "n:skr:m:x:")) != -1) {
        if (opt == 'n')
            c.events = atol(optarg);
        else if (opt == 's')
            c.snapshot = 1;
        else if (opt == 'k')
            c.keep = 1;
        else if (opt == 'r')
            c.repeat = atoi(optarg);
        else if (opt == 'm')
            c.stores = atol(optarg);
        else if (opt == 'x')
            c.expose = optarg;
        else
            return 2;
    }
    if (argc - optind != 3 || c.events < 0 || c.repeat < 1 || c.repeat > 64 || c.stores < 0) {
        fprintf(stderr, "usage: bench_open [-n EVENTS] [-s] [-k] [-r REPEAT] [-x EXPOSE.js] STORE "
                        "CODE.js EVENTS\n       bench_open -m STORES [-x EXPOSE.js] DIR CODE.js "
                        "EVENTS\n");
        return 2;
    }
    c.store = argv[optind];
    c.code = argv[optind + 1];
    c.events_file = argv[optind + 2];
    return c.stores > 0 ? many_stores(&c) : one_store(&c);
}
