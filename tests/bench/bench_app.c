/* bench_app.c - one app's events through the library: persist_store_submit_batch in batches, the
 * path whose cost per event compares with bench_engine's bare loop over the same unit of work.
 * Not a test: prints one line of figures.
 *
 * Usage: bench_app [-n EVENTS] [-b BATCH] [-r] [-x EXPOSE.js] STORE CODE.js EVENT
 *
 * STORE is created afresh; CODE.js is deployed with init (`elm make` output as the Elm app it is;
 * with -x, the statement in EXPOSE.js is inserted before its final "}(this));" and the code is
 * made a plain JavaScript app, whose EXPOSE.js defines the global `app`). Every event is the
 * contents of the file EVENT, or EVENT itself when no such file exists. -r: relaxed durability.
 * Under `valgrind --tool=callgrind --toggle-collect=run_batches` the instructions counted are those
 * of the measured events (the deploy and a first batch of warm-up are not). */
#include <persist.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "bench_util.h"

static double cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void check(persist_store *s, int rc, const char *what)
{
    char msg[1024];
    if (rc == PERSIST_OK)
        return;
    if (s != NULL)
        persist_store_errmsg(s, msg, sizeof msg);
    fprintf(stderr, "bench_app: %s: %s: %s\n", what, persist_strerror(rc), s ? msg : "");
    exit(1);
}

typedef struct run {
    persist_store *store;
    const char *event;
    size_t event_len;
    int batch;
    persist_batch_item *items;
    char last[128];
} run;

/* Kept out of line so that callgrind's --toggle-collect can count run_batches alone (the warm-up
 * goes through warm_up). */
__attribute__((noinline)) void warm_up(run *r, long events);
__attribute__((noinline)) void run_batches(run *r, long events);

static __attribute__((noinline)) void batches(run *r, long events)
{
    for (long done = 0; done < events; done += r->batch) {
        int k, n = events - done < r->batch ? (int)(events - done) : r->batch;
        for (k = 0; k < n; k++) {
            r->items[k].event = r->event;
            r->items[k].event_len = r->event_len;
        }
        check(r->store, persist_store_submit_batch(r->store, r->items, (size_t)n), "batch");
        snprintf(r->last, sizeof r->last, "%.*s", (int)r->items[n - 1].response_len,
                 r->items[n - 1].response);
        for (k = 0; k < n; k++)
            persist_free(r->items[k].response);
    }
}

void warm_up(run *r, long events)
{
    batches(r, events);
}

void run_batches(run *r, long events)
{
    batches(r, events);
}

int main(int argc, char **argv)
{
    long events = 2000;
    int opt, relaxed = 0;
    const char *expose = NULL;
    char cmd[1200], *code, *event, *deployed;
    size_t code_len, event_len, deployed_len;
    persist_options o;
    run r = {NULL, NULL, 0, 100, NULL, ""};
    struct rusage ru;
    double t0, t;
    while ((opt = getopt(argc, argv, "n:b:rx:")) != -1) {
        if (opt == 'n')
            events = atol(optarg);
        else if (opt == 'b')
            r.batch = atoi(optarg);
        else if (opt == 'r')
            relaxed = 1;
        else if (opt == 'x')
            expose = optarg;
        else
            return 2;
    }
    if (argc - optind != 3 || events < 1 || r.batch < 1) {
        fprintf(stderr, "usage: bench_app [-n EVENTS] [-b BATCH] [-r] [-x EXPOSE.js] STORE CODE.js "
                        "EVENT\n");
        return 2;
    }
    code = bench_slurp(argv[optind + 1], &code_len, 1);
    event = bench_slurp(argv[optind + 2], &event_len, 0);
    r.event = event != NULL ? event : argv[optind + 2];
    r.event_len = event != NULL ? event_len : strlen(argv[optind + 2]);
    deployed = code;
    deployed_len = code_len;
    if (expose != NULL) {
        size_t n;
        char *stmt = bench_slurp(expose, &n, 1);
        /* "var app;" first, so that the library does not take it for `elm make` output. */
        deployed = bench_insert(code, code_len, "var app;\n", stmt, &deployed_len);
        free(stmt);
    }
    r.items = calloc((size_t)r.batch, sizeof *r.items);
    if (r.items == NULL)
        return 2;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", argv[optind]);
    if (system(cmd) != 0)
        return 2;
    persist_options_init(&o, sizeof o);
    o.durability = relaxed ? PERSIST_DURABILITY_RELAXED : PERSIST_DURABILITY_SYNC;
    o.js_budget_ms = 3600000; /* armed as in production, but callgrind is slow */
    check(NULL, persist_store_open(&r.store, argv[optind], &o), "open");
    check(r.store, persist_store_deploy(r.store, deployed, deployed_len, PERSIST_DEPLOY_INIT, NULL),
          "deploy");
    warm_up(&r, r.batch);
    t0 = cpu_s();
    run_batches(&r, events);
    t = cpu_s() - t0;
    getrusage(RUSAGE_SELF, &ru);
    printf("events=%ld batch=%d cpu_us_per_event=%.2f rss_peak_kb=%ld last=%s\n", events, r.batch,
           t * 1e6 / (double)events, ru.ru_maxrss, r.last);
    persist_store_close(r.store);
    free(r.items);
    if (deployed != code)
        free(deployed);
    free(code);
    free(event);
    return 0;
}
