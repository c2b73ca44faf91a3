/* bench_engine.c - a bare Duktape loop over one unit of work of an app, in a heap built the way
 * libpersist builds it (the build directory's duktape/: Debian's amalgamation,
 * duk_persist_config.h, the library's patches; or a variant of it, tests/bench/suite.mk; or 1.0's),
 * with the library's allocator accounting, time-budget hooks and no library around it. Not a test:
 * prints one line of figures.
 *
 * Usage: bench_engine [-n UNITS] [-w WARMUP] [-p] [-c REPEAT] [-x EXPOSE.js] CODE.js DRIVER.js
 *                     [DATA]
 *
 * CODE.js is evaluated as a program, with the statement in EXPOSE.js inserted before its final
 * "}(this));" the way lib/app_adapter.c inserts its own into `elm make` output (so internal values
 * of the Elm program can be handed out). DRIVER.js then runs in the same global scope, with the
 * contents of DATA in the global `bench_data`; it defines bench_unit(i) (one unit of work) and
 * bench_check() (a string that identifies the results: equal strings, equal results). Under
 * `valgrind --tool=callgrind --toggle-collect=run_units` the instructions counted are those of the
 * UNITS measured units; `--toggle-collect=load_code` counts the load. -p also times each unit
 * (wall clock) for the median and the 99th percentile.
 *
 * -c REPEAT: what loading the code costs, and what a bytecode cache would cost instead. REPEAT
 * times each, in fresh heaps: compiling CODE.js (duk_pcompile), running its top level, dumping the
 * compiled program (duk_dump_function) and loading the dump (duk_load_function) then running it;
 * prints the medians and the dump's size, then runs the units on the heap loaded from bytecode, so
 * that `check` shows whether the program behaves the same. */
#include <duktape.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "bench_util.h"
#include "block_cache.h"

#define WORK_INTERVAL 4096

/* The heap's udata, shaped like lib/js_host.c's persist__js: the work counter comes first. */
typedef struct bench_heap {
    long work_left;
    uint64_t deadline_ns;
    size_t mem_used, mem_peak;
    persist__block_cache cache;
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

/* The allocator: lib/js_host.c's (a size header per block, bytes counted, freed small blocks kept
 * in lib/block_cache.h's cache for the next of their class), without its cap. */
static size_t block_bytes(size_t size)
{
    return persist__cache_block_size(sizeof(block) + size);
}

static void *heap_alloc(void *udata, duk_size_t size)
{
    bench_heap *h = udata;
    size_t bytes = block_bytes(size);
    block *b = persist__cache_take(&h->cache, bytes);
    if (b == NULL && (b = malloc(bytes)) == NULL)
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
    if (!persist__cache_keep(&h->cache, b, block_bytes(b->size)))
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
    if (block_bytes(size) == block_bytes(b->size))
        nb = b;
    else if ((nb = realloc(b, block_bytes(size))) == NULL)
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

/* The library's native record update (lib/duktape/records.patch), a global under the name
 * lib/elm_calls.c calls (PERSIST__ELM_RECORD_UPDATE), as lib/js_host.c installs it. Weak: 1.0's
 * Duktape, which bench_engine is also built against, has no such function, and code for 1.0 does
 * not call it. */
DUK_EXTERNAL_DECL duk_ret_t duk_persist_record_update(duk_context *ctx) __attribute__((weak));

static void install_record_update(duk_context *ctx)
{
    if (duk_persist_record_update == NULL)
        return;
    duk_push_global_object(ctx);
    duk_push_string(ctx, "__persist_update");
    duk_push_c_function(ctx, duk_persist_record_update, 2);
    duk_def_prop(ctx, -3, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_CLEAR_WEC);
    duk_pop(ctx);
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
    duk_memory_functions mf;
    duk_get_memory_functions(ctx, &mf);
    persist__cache_drain(&((bench_heap *)mf.udata)->cache); /* as the library after loading */
}

/* Wall time of each measured unit, when -p asks for it. */
static double *unit_times;

static __attribute__((noinline)) void loop_units(duk_context *ctx, long from, long n)
{
    for (long i = from; i < from + n; i++) {
        double t0 = unit_times != NULL ? bench_clock(CLOCK_MONOTONIC) : 0;
        duk_get_global_string(ctx, "bench_unit");
        duk_push_number(ctx, (double)i);
        if (duk_pcall(ctx, 1) != 0)
            die_js(ctx, "bench_unit");
        duk_pop(ctx);
        if (unit_times != NULL)
            unit_times[i - from] = bench_clock(CLOCK_MONOTONIC) - t0;
    }
}

/* The warm-up goes through another function than run_units, so callgrind does not count it. */
void warm_up(duk_context *ctx, long n)
{
    double *times = unit_times;
    unit_times = NULL;
    loop_units(ctx, 0, n);
    unit_times = times;
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

static double cpu_s(void)
{
    return bench_clock(CLOCK_PROCESS_CPUTIME_ID);
}

/* A heap as the library makes one: its allocator, console and an armed (distant) deadline. */
static bench_heap *new_heap(void)
{
    bench_heap *h = calloc(1, sizeof *h);
    if (h == NULL)
        exit(3);
    h->work_left = WORK_INTERVAL;
    persist__cache_init(&h->cache, &h->mem_used, free); /* as lib/js_host.c's heaps */
    h->ctx = duk_create_heap(heap_alloc, heap_realloc, heap_free, h, fatal);
    if (h->ctx == NULL)
        exit(3);
    install_console(h->ctx);
    install_record_update(h->ctx);
    h->deadline_ns = mono_ns() + 3600ull * 1000000000u; /* armed like the library's budget */
    return h;
}

static void free_heap(bench_heap *h)
{
    duk_destroy_heap(h->ctx);
    persist__cache_drain(&h->cache);
    free(h);
}

static duk_ret_t dump_top(duk_context *ctx, void *udata)
{
    (void)udata;
    duk_dump_function(ctx);
    return 1;
}

static duk_ret_t load_top(duk_context *ctx, void *udata)
{
    (void)udata;
    duk_load_function(ctx);
    return 1;
}

/* The medians of -c's measurements, in milliseconds of CPU time. */
typedef struct load_costs {
    double heap, compile, run, dump, load, run_loaded;
    size_t code_kb, dump_kb;
} load_costs;

static double median_ms(double *v, int n)
{
    return bench_quantile(v, (size_t)n, 0.5) * 1e3;
}

/* -c's four steps, kept out of line so that a callgrind profile gives each one's instructions
 * (callgrind_annotate --inclusive=yes: bench_compile, bench_run_top, bench_load_bytecode,
 * bench_run_loaded). Each leaves the heap's stack as it found it but for its result. */
__attribute__((noinline)) void bench_compile(duk_context *ctx, const char *code, size_t len);
__attribute__((noinline)) void bench_run_top(duk_context *ctx);
__attribute__((noinline)) void bench_load_bytecode(duk_context *ctx, const void *bytes, size_t n);
__attribute__((noinline)) void bench_run_loaded(duk_context *ctx);

void bench_compile(duk_context *ctx, const char *code, size_t len)
{
    duk_push_string(ctx, "code.js");
    if (duk_pcompile_lstring_filename(ctx, 0, code, len) != 0)
        die_js(ctx, "compile");
}

void bench_run_top(duk_context *ctx)
{
    if (duk_pcall(ctx, 0) != 0)
        die_js(ctx, "code.js");
    duk_pop(ctx);
}

void bench_load_bytecode(duk_context *ctx, const void *bytes, size_t n)
{
    memcpy(duk_push_fixed_buffer(ctx, n), bytes, n);
    if (duk_safe_call(ctx, load_top, NULL, 1, 1) != 0)
        die_js(ctx, "duk_load_function");
}

void bench_run_loaded(duk_context *ctx)
{
    if (duk_pcall(ctx, 0) != 0)
        die_js(ctx, "code.js from bytecode");
    duk_pop(ctx);
}

/* -c: `repeat` times, a fresh heap compiles and runs the program and dumps it; another fresh heap
 * loads the dump and runs it. Returns the last of those, with the program run from bytecode. */
static bench_heap *load_study(const char *code, size_t len, int repeat, load_costs *out)
{
    double t[6][64], t0;
    bench_heap *a, *b = NULL;
    for (int r = 0; r < repeat; r++) {
        void *bytes;
        duk_size_t n;
        t0 = cpu_s();
        a = new_heap();
        t[0][r] = cpu_s() - t0;
        t0 = cpu_s();
        bench_compile(a->ctx, code, len);
        t[1][r] = cpu_s() - t0;
        duk_dup_top(a->ctx);
        t0 = cpu_s();
        bench_run_top(a->ctx);
        t[2][r] = cpu_s() - t0;
        t0 = cpu_s();
        if (duk_safe_call(a->ctx, dump_top, NULL, 1, 1) != 0)
            die_js(a->ctx, "duk_dump_function");
        t[3][r] = cpu_s() - t0;
        bytes = duk_get_buffer_data(a->ctx, -1, &n);
        out->dump_kb = n / 1024;
        if (b != NULL)
            free_heap(b);
        b = new_heap();
        t0 = cpu_s();
        bench_load_bytecode(b->ctx, bytes, n);
        t[4][r] = cpu_s() - t0;
        free_heap(a);
        t0 = cpu_s();
        bench_run_loaded(b->ctx);
        t[5][r] = cpu_s() - t0;
    }
    *out = (load_costs){median_ms(t[0], repeat),
                        median_ms(t[1], repeat),
                        median_ms(t[2], repeat),
                        median_ms(t[3], repeat),
                        median_ms(t[4], repeat),
                        median_ms(t[5], repeat),
                        len / 1024,
                        out->dump_kb};
    return b;
}

int main(int argc, char **argv)
{
    long units = 20, warmup = 2;
    int percentiles = 0, repeat = 0;
    const char *expose = NULL;
    char *code, *driver, *prepared;
    size_t code_len, driver_len, prepared_len;
    bench_heap *h;
    double t0, t_load, t_units;
    size_t mem_loaded;
    load_costs lc = {0, 0, 0, 0, 0, 0, 0, 0};
    int opt;
    while ((opt = getopt(argc, argv, "n:w:pc:x:")) != -1) {
        if (opt == 'n')
            units = atol(optarg);
        else if (opt == 'w')
            warmup = atol(optarg);
        else if (opt == 'p')
            percentiles = 1;
        else if (opt == 'c')
            repeat = atoi(optarg);
        else if (opt == 'x')
            expose = optarg;
        else
            return 2;
    }
    if (argc - optind < 2 || units < 1 || warmup < 0 || repeat < 0 || repeat > 64) {
        fprintf(stderr, "usage: bench_engine [-n UNITS] [-w WARMUP] [-p] [-c REPEAT (1-64)] "
                        "[-x EXPOSE.js] CODE.js DRIVER.js [DATA]\n");
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
    if (repeat > 0) {
        h = load_study(prepared, prepared_len, repeat, &lc);
        t_load = (lc.load + lc.run_loaded) / 1e3;
    } else {
        h = new_heap();
        t0 = cpu_s();
        load_code(h->ctx, prepared, prepared_len);
        t_load = cpu_s() - t0;
    }
    if (argc - optind > 2) {
        size_t n;
        char *data = bench_slurp(argv[optind + 2], &n, 1);
        duk_push_lstring(h->ctx, data, n);
        duk_put_global_string(h->ctx, "bench_data");
        free(data);
    }
    eval_or_die(h->ctx, driver, driver_len, argv[optind + 1]);
    duk_gc(h->ctx, 0);
    mem_loaded = h->mem_used;
    warm_up(h->ctx, warmup);
    if (percentiles && (unit_times = malloc(sizeof *unit_times * (size_t)units)) == NULL)
        return 3;
    t0 = cpu_s();
    run_units(h->ctx, warmup, units);
    t_units = cpu_s() - t0;
    duk_get_global_string(h->ctx, "bench_check");
    if (duk_pcall(h->ctx, 0) != 0)
        die_js(h->ctx, "bench_check");
    printf("units=%ld cpu_us_per_unit=%.2f load_ms=%.1f heap_loaded_kb=%zu heap_peak_kb=%zu "
           "rss_peak_kb=%ld",
           units, t_units * 1e6 / (double)units, t_load * 1e3, mem_loaded / 1024,
           h->mem_peak / 1024, rss_peak_kb());
    if (unit_times != NULL)
        printf(" p50_us=%.1f p99_us=%.1f", bench_quantile(unit_times, (size_t)units, 0.5) * 1e6,
               bench_quantile(unit_times, (size_t)units, 0.99) * 1e6);
    if (repeat > 0)
        printf(" code_kb=%zu heap_ms=%.2f compile_ms=%.2f run_ms=%.2f dump_ms=%.2f "
               "bytecode_kb=%zu load_bytecode_ms=%.2f run_loaded_ms=%.2f",
               lc.code_kb, lc.heap, lc.compile, lc.run, lc.dump, lc.dump_kb, lc.load,
               lc.run_loaded);
    printf(" check=%s\n", duk_safe_to_string(h->ctx, -1));
    free_heap(h);
    free(unit_times);
    if (prepared != code)
        free(prepared);
    free(code);
    free(driver);
    return 0;
}
