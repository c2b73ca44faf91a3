/* bench_app.c - one app's events through the library: persist_store_submit (one event per call) or
 * persist_store_submit_batch, from one thread or several, the path whose cost per event compares
 * with bench_engine's bare loop over the same unit of work. Uses only the 1.0 API, so the same
 * binary measures libpersist 1.0 (LD_LIBRARY_PATH) and the current library. Not a test: prints one
 * line of figures.
 *
 * Usage: bench_app [-n EVENTS] [-b BATCH] [-t THREADS] [-r] [-s SNAPSHOT_EVERY] [-w SETUP]
 *                  [-f] [-x EXPOSE.js] STORE CODE.js EVENTS
 *
 * STORE is created afresh; CODE.js is deployed with init (`elm make` output as the Elm app it is;
 * with -x, the statement in EXPOSE.js is inserted before its final "}(this));" and the code is
 * made a plain JavaScript app, whose EXPOSE.js defines the global `app`). EVENTS is a file of
 * events, one per line (with -f: the whole file is one event), or else one event's text. The first
 * SETUP lines (default 0) are submitted first, in batches of up to 100; then one call's worth of
 * events warms up, and EVENTS events are measured, taken in turn from the lines after the setup
 * (cycling). BATCH 1 (the default is 100) submits with persist_store_submit. With THREADS > 1 each
 * thread submits its share (the events of one "player" of the game always go to the same thread,
 * other events in turn) and waits for each of its calls. -r: relaxed durability. Under `valgrind
 * --tool=callgrind
 * --toggle-collect=run_batches` the instructions counted are those of the measured events.
 *
 * Prints: cpu_us_per_event (process CPU time), events_per_s (wall), p50_us and p99_us (wall time
 * of the call that carried an event, which is what its caller waits), the commits the measured
 * events took (LMDB transactions: with threads, how well group commit grouped them), peak RSS,
 * the store's size on disk after close, the head record, and how many responses were refusals
 * ("ok":false: the game's; not logged). */
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench_persist.h"

/* LMDB's last committed transaction id, the larger mm_txnid of data.mdb's two meta pages, read as
 * lib/lmdb_check.c reads them: after the 16-byte page header, MDB_meta holds mm_magic,
 * mm_version, mm_address and mm_mapsize (24 bytes; page 0's mm_dbs[0] then starts with the page
 * size), then the two MDB_db and mm_last_pg, then mm_txnid at byte 144. Counts commits. */
static uint64_t last_txnid(const char *store)
{
    char path[1100];
    unsigned char page[152];
    uint64_t id, best = 0;
    uint32_t psize = 0;
    int fd;
    snprintf(path, sizeof path, "%s/data.mdb", store);
    if ((fd = open(path, O_RDONLY)) < 0)
        return 0;
    for (int i = 0; i < 2; i++) {
        if (pread(fd, page, sizeof page, (off_t)i * psize) != (ssize_t)sizeof page)
            break;
        if (i == 0)
            memcpy(&psize, page + 40, sizeof psize);
        memcpy(&id, page + 144, sizeof id);
        best = id > best ? id : best;
    }
    close(fd);
    return best;
}

/* One thread's share of the measured events, and what its calls took. */
typedef struct part {
    persist_store *store;
    int batch;
    long n, calls, refused;
    const char **event;
    size_t *len;
    persist_batch_item *items;
    double *latency; /* seconds per call */
    char last[128];
} part;

static void submit(part *p, long from, int n)
{
    double t0 = bench_clock(CLOCK_MONOTONIC);
    const char *resp;
    size_t resp_len;
    char *one = NULL;
    if (p->batch == 1) {
        bench_ok(p->store,
                 persist_store_submit(p->store, p->event[from], p->len[from], &one, &resp_len),
                 "submit");
    } else {
        for (int k = 0; k < n; k++) {
            p->items[k].event = p->event[from + k];
            p->items[k].event_len = p->len[from + k];
        }
        bench_ok(p->store, persist_store_submit_batch(p->store, p->items, (size_t)n), "batch");
    }
    p->latency[p->calls++] = bench_clock(CLOCK_MONOTONIC) - t0;
    for (int k = 0; k < n; k++) {
        if (p->batch != 1)
            bench_ok(p->store, p->items[k].status, "an event of the batch");
        resp = p->batch == 1 ? one : p->items[k].response;
        p->refused += strstr(resp, "\"ok\":false") != NULL;
        if (k == n - 1) {
            resp_len = p->batch == 1 ? resp_len : p->items[k].response_len;
            snprintf(p->last, sizeof p->last, "%.*s", (int)resp_len, resp);
        }
        persist_free(p->batch == 1 ? one : p->items[k].response);
    }
}

static void *submit_all(void *arg)
{
    part *p = arg;
    for (long done = 0; done < p->n; done += p->batch)
        submit(p, done, p->n - done < p->batch ? (int)(p->n - done) : p->batch);
    return NULL;
}

/* Kept out of line so that callgrind's --toggle-collect can count run_batches alone (the setup and
 * warm-up go through warm_up). */
__attribute__((noinline)) void warm_up(part *p);
__attribute__((noinline)) void run_batches(part **parts, int threads);

void warm_up(part *p)
{
    submit_all(p);
}

void run_batches(part **parts, int threads)
{
    pthread_t tid[256];
    if (threads == 1) {
        submit_all(parts[0]);
        return;
    }
    for (int t = 0; t < threads; t++)
        if (pthread_create(&tid[t], NULL, submit_all, parts[t]) != 0)
            bench_ok(NULL, PERSIST_ERROR, "pthread_create");
    for (int t = 0; t < threads; t++)
        pthread_join(tid[t], NULL);
}

/* Which thread submits an event: by the game's "player" field, else in turn. */
static int thread_of(const char *event, long k, int threads)
{
    const char *p = strstr(event, "\"player\":\"");
    unsigned h = 5381;
    if (p == NULL)
        return (int)(k % threads);
    for (p += 10; *p != '\0' && *p != '"'; p++)
        h = h * 33 + (unsigned char)*p;
    return (int)(h % (unsigned)threads);
}

static part *new_part(persist_store *s, int batch, long cap)
{
    part *p = calloc(1, sizeof *p);
    if (p == NULL || (p->event = malloc(sizeof *p->event * (size_t)cap)) == NULL ||
        (p->len = malloc(sizeof *p->len * (size_t)cap)) == NULL ||
        (p->latency = malloc(sizeof *p->latency * (size_t)cap)) == NULL ||
        (p->items = calloc((size_t)batch, sizeof *p->items)) == NULL)
        exit(2);
    p->store = s;
    p->batch = batch;
    return p;
}

static void add_event(part *p, const bench_lines *l, long line)
{
    p->event[p->n] = l->line[line];
    p->len[p->n++] = l->len[line];
}

typedef struct config {
    long events, setup;
    int batch, threads, relaxed, whole;
    uint32_t snapshot_every;
    const char *expose, *store, *code, *events_file;
} config;

static int parse_args(int argc, char **argv, config *c)
{
    int opt;
    while ((opt = getopt(argc, argv, "n:b:t:rs:w:fx:")) != -1) {
        if (opt == 'n')
            c->events = atol(optarg);
        else if (opt == 'b')
            c->batch = atoi(optarg);
        else if (opt == 't')
            c->threads = atoi(optarg);
        else if (opt == 'r')
            c->relaxed = 1;
        else if (opt == 's')
            c->snapshot_every = (uint32_t)strtoul(optarg, NULL, 10);
        else if (opt == 'w')
            c->setup = atol(optarg);
        else if (opt == 'f')
            c->whole = 1;
        else if (opt == 'x')
            c->expose = optarg;
        else
            return -1;
    }
    if (argc - optind != 3 || c->events < 1 || c->batch < 1 || c->threads < 1 || c->threads > 256 ||
        c->setup < 0)
        return -1;
    c->store = argv[optind];
    c->code = argv[optind + 1];
    c->events_file = argv[optind + 2];
    return 0;
}

static persist_store *open_and_deploy(const config *c)
{
    size_t len;
    char *code = bench_app_code(c->code, c->expose, &len);
    persist_options o;
    persist_store *s;
    persist_options_init(&o, sizeof o);
    o.durability = c->relaxed ? PERSIST_DURABILITY_RELAXED : PERSIST_DURABILITY_SYNC;
    o.snapshot_every = c->snapshot_every;
    o.js_budget_ms = 3600000; /* armed as in production, but callgrind is slow */
    s = bench_fresh_store(c->store, &o, code, len);
    free(code);
    return s;
}

int main(int argc, char **argv)
{
    config c = {2000, 0, 100, 1, 0, 0, 0, NULL, NULL, NULL, NULL};
    bench_lines l;
    persist_store *s;
    part *setup, *warm, *parts[256];
    struct rusage ru;
    struct stat st;
    char path[1100];
    double t0, c0, t, cpu, *lat;
    long calls = 0, refused = 0, cycle;
    uint64_t head = 0, txn0;
    if (parse_args(argc, argv, &c) != 0) {
        fprintf(stderr,
                "usage: bench_app [-n EVENTS] [-b BATCH] [-t THREADS] [-r] "
                "[-s SNAPSHOT_EVERY] [-w SETUP] [-f] [-x EXPOSE.js] STORE CODE.js EVENTS\n");
        return 2;
    }
    l = bench_read_lines(c.events_file, c.whole);
    if (c.setup >= l.n) {
        fprintf(stderr, "bench_app: %s has no events after the %ld setup lines\n", c.events_file,
                c.setup);
        return 2;
    }
    cycle = l.n - c.setup;
    s = open_and_deploy(&c);
    setup = new_part(s, c.setup < 100 ? (int)c.setup + 1 : 100, c.setup + 1);
    for (long i = 0; i < c.setup; i++)
        add_event(setup, &l, i);
    warm = new_part(s, c.batch, c.batch);
    for (long i = 0; i < c.batch; i++)
        add_event(warm, &l, c.setup + i % cycle);
    for (int th = 0; th < c.threads; th++)
        parts[th] = new_part(s, c.batch, c.events);
    for (long k = 0; k < c.events; k++) {
        long line = c.setup + (c.batch + k) % cycle;
        add_event(parts[thread_of(l.line[line], k, c.threads)], &l, line);
    }
    warm_up(setup);
    warm_up(warm);
    txn0 = last_txnid(c.store);
    t0 = bench_clock(CLOCK_MONOTONIC);
    c0 = bench_clock(CLOCK_PROCESS_CPUTIME_ID);
    run_batches(parts, c.threads);
    cpu = bench_clock(CLOCK_PROCESS_CPUTIME_ID) - c0;
    t = bench_clock(CLOCK_MONOTONIC) - t0;
    getrusage(RUSAGE_SELF, &ru);
    lat = malloc(sizeof *lat * (size_t)c.events);
    if (lat == NULL)
        return 2;
    for (int th = 0; th < c.threads; th++) {
        memcpy(lat + calls, parts[th]->latency, sizeof *lat * (size_t)parts[th]->calls);
        calls += parts[th]->calls;
        refused += parts[th]->refused;
    }
    bench_ok(s, persist_store_head(s, &head), "head");
    txn0 = last_txnid(c.store) - txn0;
    persist_store_close(s);
    snprintf(path, sizeof path, "%s/data.mdb", c.store);
    if (stat(path, &st) != 0)
        memset(&st, 0, sizeof st);
    printf("events=%ld batch=%d threads=%d cpu_us_per_event=%.2f events_per_s=%.0f "
           "us_per_event=%.2f p50_us=%.1f p99_us=%.1f commits=%llu events_per_commit=%.1f "
           "rss_peak_kb=%ld disk_kb=%lld file_kb=%lld head=%llu refused=%ld last=%s\n",
           c.events, c.batch, c.threads, cpu * 1e6 / (double)c.events, (double)c.events / t,
           t * 1e6 / (double)c.events, bench_quantile(lat, (size_t)calls, 0.5) * 1e6,
           bench_quantile(lat, (size_t)calls, 0.99) * 1e6, (unsigned long long)txn0,
           txn0 > 0 ? (double)c.events / (double)txn0 : 0.0, ru.ru_maxrss,
           (long long)st.st_blocks / 2, (long long)st.st_size / 1024, (unsigned long long)head,
           refused, parts[0]->last);
    return 0;
}
