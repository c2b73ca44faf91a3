/* bench_engine.c - a bare Duktape loop over one unit of work of an app, in a heap built the way
 * libpersist builds it (the build directory's duktape/: Debian's amalgamation,
 * duk_persist_config.h, checkpoints.patch; or a variant of it, tests/bench/suite.mk), with the
 * library's allocator accounting, time-budget hooks and no library around it. Not a test: prints
 * one line of figures.
 *
 * Usage: bench_engine [-n UNITS] [-w WARMUP] [-x EXPOSE.js] CODE.js DRIVER.js [DATA]
 *
 * CODE.js is evaluated as a program, with the statement in EXPOSE.js inserted before its final
 * "}(this));" the way lib/app_adapter.c inserts its own into `elm make` output (so internal values
 * of the Elm program can be handed out). DRIVER.js then runs in the same global scope, with the
 * contents of DATA in the global `bench_data`; it defines bench_unit(i) (one unit of work) and
 * bench_check() (a string that identifies the results: equal strings, equal results). Under
 * `valgrind --tool=callgrind --toggle-collect=run_units` the instructions counted are those of the
 * UNITS measured units; `--toggle-collect=load_code` counts the load. */
#include <duktape.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "bench_util.h"

#define WORK_INTERVAL 4096

/* The heap's udata, shaped like lib/js_host.c's persist__js: the work counter comes first. */
typedef struct bench_heap {
    long work_left;
    uint64_t deadline_ns;
    size_t mem_used, mem_peak;
    duk_context *ctx;
} bench_heap;

typedef union block {
    max_align_t align;
    size_t size;
} block;

static uint64_t mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static double cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The hooks duk_persist_config.h names; like the library, with a budget that never runs out. */
int persist__js_exec_timeout(void *udata);
int persist__js_checkpoint(void *udata);

int persist__js_exec_timeout(void *udata)
{
    bench_heap *h = udata;
    return h->deadline_ns != 0 && mono_ns() >= h->deadline_ns;
}

int persist__js_checkpoint(void *udata)
{
    bench_heap *h = udata;
    h->work_left = WORK_INTERVAL;
    return persist__js_exec_timeout(udata);
}

/* The allocator: lib/js_host.c's (a size header per block, bytes counted), without its cap. */
static void *heap_alloc(void *udata, duk_size_t size)
{
    bench_heap *h = udata;
    block *b = malloc(sizeof(block) + size);
    if (b == NULL)
        return NULL;
    b->size = size;
    h->mem_used += size;
    if (h->mem_used > h->mem_peak)
        h->mem_peak = h->mem_used;
    return b + 1;
}

static void heap_free(void *udata, void *ptr)
{
    bench_heap *h = udata;
    block *b;
    if (ptr == NULL)
        return;
    b = (block *)ptr - 1;
    h->mem_used -= b->size;
    free(b);
}

static void *heap_realloc(void *udata, void *ptr, duk_size_t size)
{
    bench_heap *h = udata;
    block *b, *nb;
    if (ptr == NULL)
        return heap_alloc(udata, size);
    if (size == 0) {
        heap_free(udata, ptr);
        return NULL;
    }
    b = (block *)ptr - 1;
    nb = realloc(b, sizeof(block) + size);
    if (nb == NULL)
        return NULL;
    h->mem_used = h->mem_used - nb->size + size;
    nb->size = size;
    if (h->mem_used > h->mem_peak)
        h->mem_peak = h->mem_used;
    return nb + 1;
}

static void fatal(void *udata, const char *msg)
{
    (void)udata;
    fprintf(stderr, "bench_engine: duktape fatal error: %s\n", msg);
    exit(3);
}

/* console.* as lib/js_host.c installs it, writing nowhere (dev-mode Elm output calls console.warn).
 */
static duk_ret_t console_write(duk_context *ctx)
{
    (void)ctx;
    return 0;
}

static void install_console(duk_context *ctx)
{
    static const char *const names[] = {"log", "info", "debug", "warn", "error", "trace"};
    duk_push_object(ctx);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        duk_push_c_function(ctx, console_write, DUK_VARARGS);
        duk_put_prop_string(ctx, -2, names[i]);
    }
    duk_put_global_string(ctx, "console");
}

static void die_js(duk_context *ctx, const char *what)
{
    duk_get_prop_string(ctx, -1, "stack");
    fprintf(stderr, "bench_engine: %s: %s\n", what,
            duk_is_string(ctx, -1) ? duk_get_string(ctx, -1) : duk_safe_to_string(ctx, -2));
    exit(1);
}

static void eval_or_die(duk_context *ctx, const char *code, size_t len, const char *name)
{
    duk_push_string(ctx, name);
    if (duk_pcompile_lstring_filename(ctx, 0, code, len) != 0 || duk_pcall(ctx, 0) != 0)
        die_js(ctx, name);
    duk_pop(ctx);
}

/* Kept out of line so that callgrind's --toggle-collect can count it alone. */
__attribute__((noinline)) void load_code(duk_context *ctx, const char *code, size_t len);
__attribute__((noinline)) void warm_up(duk_context *ctx, long n);
__attribute__((noinline)) void run_units(duk_context *ctx, long from, long n);

void load_code(duk_context *ctx, const char *code, size_t len)
{
    eval_or_die(ctx, code, len, "code.js");
}

static __attribute__((noinline)) void loop_units(duk_context *ctx, long from, long n)
{
    for (long i = from; i < from + n; i++) {
        duk_get_global_string(ctx, "bench_unit");
        duk_push_number(ctx, (double)i);
        if (duk_pcall(ctx, 1) != 0)
            die_js(ctx, "bench_unit");
        duk_pop(ctx);
    }
}

/* The warm-up goes through another function than run_units, so callgrind does not count it. */
void warm_up(duk_context *ctx, long n)
{
    loop_units(ctx, 0, n);
}

void run_units(duk_context *ctx, long from, long n)
{
    loop_units(ctx, from, n);
}

static long rss_peak_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

int main(int argc, char **argv)
{
    long units = 20, warmup = 2;
    const char *expose = NULL;
    char *code, *driver, *prepared;
    size_t code_len, driver_len, prepared_len;
    bench_heap h = {WORK_INTERVAL, 0, 0, 0, NULL};
    double t0, t_load, t_units;
    size_t mem_loaded;
    int opt;
    while ((opt = getopt(argc, argv, "n:w:x:")) != -1) {
        if (opt == 'n')
            units = atol(optarg);
        else if (opt == 'w')
            warmup = atol(optarg);
        else if (opt == 'x')
            expose = optarg;
        else
            return 2;
    }
    if (argc - optind < 2 || units < 1 || warmup < 0) {
        fprintf(stderr, "usage: bench_engine [-n UNITS] [-w WARMUP] [-x EXPOSE.js] CODE.js "
                        "DRIVER.js [DATA]\n");
        return 2;
    }
    code = bench_slurp(argv[optind], &code_len, 1);
    driver = bench_slurp(argv[optind + 1], &driver_len, 1);
    prepared = code;
    prepared_len = code_len;
    if (expose != NULL) {
        size_t n;
        char *stmt = bench_slurp(expose, &n, 1);
        prepared = bench_insert(code, code_len, "", stmt, &prepared_len);
        free(stmt);
    }
    h.ctx = duk_create_heap(heap_alloc, heap_realloc, heap_free, &h, fatal);
    if (h.ctx == NULL)
        return 3;
    install_console(h.ctx);
    h.deadline_ns = mono_ns() + 3600ull * 1000000000u; /* armed like the library's budget */
    if (argc - optind > 2) {
        size_t n;
        char *data = bench_slurp(argv[optind + 2], &n, 1);
        duk_push_lstring(h.ctx, data, n);
        duk_put_global_string(h.ctx, "bench_data");
        free(data);
    }
    t0 = cpu_s();
    load_code(h.ctx, prepared, prepared_len);
    t_load = cpu_s() - t0;
    eval_or_die(h.ctx, driver, driver_len, argv[optind + 1]);
    duk_gc(h.ctx, 0);
    mem_loaded = h.mem_used;
    warm_up(h.ctx, warmup);
    t0 = cpu_s();
    run_units(h.ctx, warmup, units);
    t_units = cpu_s() - t0;
    duk_get_global_string(h.ctx, "bench_check");
    if (duk_pcall(h.ctx, 0) != 0)
        die_js(h.ctx, "bench_check");
    printf("units=%ld cpu_us_per_unit=%.2f load_ms=%.1f heap_loaded_kb=%zu heap_peak_kb=%zu "
           "rss_peak_kb=%ld check=%s\n",
           units, t_units * 1e6 / (double)units, t_load * 1e3, mem_loaded / 1024, h.mem_peak / 1024,
           rss_peak_kb(), duk_safe_to_string(h.ctx, -1));
    duk_destroy_heap(h.ctx);
    if (prepared != code)
        free(prepared);
    free(code);
    free(driver);
    return 0;
}
