/* test_block_cache.c - the heap's cache of freed small blocks: size classes, what is kept and
 * what is not, its byte limit; and a heap whose objects, arrays and strings grow and shrink across
 * every class boundary (Duktape reallocates their parts) keeps every value. */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "block_cache.h"
#include "js_host.h"

static void test_block_sizes(void **state)
{
    (void)state;
    /* 8 short of a multiple of 16: with malloc's 8-byte header, a whole granule */
    assert_int_equal(persist__cache_block_size(0), 0);
    assert_int_equal(persist__cache_block_size(1), 8);
    assert_int_equal(persist__cache_block_size(16), 24);
    assert_int_equal(persist__cache_block_size(24), 24);
    assert_int_equal(persist__cache_block_size(25), 40);
    assert_int_equal(persist__cache_block_size(56), 56);
    assert_int_equal(persist__cache_block_size(57), 72);
    assert_int_equal(persist__cache_block_size(248), 248);
    assert_int_equal(persist__cache_block_size(249), 249); /* not cached: as asked */
    assert_int_equal(persist__cache_block_size(4000), 4000);
    for (size_t n = 1; n <= 300; n++)
        assert_true(persist__cache_block_size(n) >= n);
    assert_int_equal(persist__cache_class(24), 0);
    assert_int_equal(persist__cache_class(248), PERSIST__CACHE_CLASSES - 1);
    assert_int_equal(persist__cache_class(8), -1); /* smaller than any block with its header */
    assert_int_equal(persist__cache_class(249), -1);
    assert_int_equal(persist__cache_class(32), -1); /* no block is ever given that size */
    assert_int_equal(persist__cache_class(0), -1);
}

static void test_keep_and_take(void **state)
{
    persist__block_cache c = {.limit = 1000, .release = free};
    void *a = malloc(40), *b = malloc(40), *d = malloc(56), *big = malloc(512);
    (void)state;
    assert_null(persist__cache_take(&c, 40));
    assert_true(persist__cache_keep(&c, a, 40));
    assert_true(persist__cache_keep(&c, b, 40));
    assert_true(persist__cache_keep(&c, d, 56));
    assert_false(persist__cache_keep(&c, big, 512)); /* too large: the caller frees it */
    assert_int_equal(c.held, 40 + 40 + 56);
    /* the last kept of a class first, and only of that class */
    assert_ptr_equal(persist__cache_take(&c, 40), b);
    assert_null(persist__cache_take(&c, 24));
    assert_ptr_equal(persist__cache_take(&c, 56), d);
    assert_ptr_equal(persist__cache_take(&c, 40), a);
    assert_null(persist__cache_take(&c, 40));
    assert_int_equal(c.held, 0);
    /* a taken block is the caller's again: all its bytes can be written */
    memset(a, 0xab, 40);
    free(a);
    free(b);
    free(d);
    free(big);
}

static void test_limit(void **state)
{
    persist__block_cache c = {.limit = 100, .release = free};
    void *p[8];
    (void)state;
    for (int i = 0; i < 8; i++)
        p[i] = malloc(40);
    for (int i = 0; i < 2; i++)
        assert_true(persist__cache_keep(&c, p[i], 40));
    /* a class taken from since room was last made keeps its blocks when the cache is full */
    assert_ptr_equal(persist__cache_take(&c, 40), p[1]);
    assert_true(persist__cache_keep(&c, p[1], 40));
    assert_false(persist__cache_keep(&c, p[2], 40)); /* 120 > 100 */
    assert_int_equal(c.held, 80);
    /* not taken from since: given up (p[0] and p[1] freed) for the next block */
    assert_true(persist__cache_keep(&c, p[3], 24));
    assert_int_equal(c.held, 24);
    persist__block_cache none = {.limit = 0, .release = free};
    assert_false(persist__cache_keep(&none, p[4], 24));
    persist__cache_drain(&c); /* p[3] */
    assert_int_equal(c.held, 0);
    for (int k = 0; k < PERSIST__CACHE_CLASSES; k++)
        assert_null(c.lists[k]);
    free(p[2]);
    for (int i = 4; i < 8; i++)
        free(p[i]);
}

static int released;
static void count_release(void *p)
{
    released++;
    free(p);
}

/* A size freed in bulk and not asked for again gives way, when the cache is full, to a size the
 * heap takes: otherwise that one would never be kept again. */
static void test_a_full_cache_gives_up_sizes_nobody_takes(void **state)
{
    persist__block_cache c = {.limit = 200, .release = count_release};
    void *x;
    (void)state;
    released = 0;
    for (int i = 0; i < 5; i++) /* 200 bytes of class 40, never taken */
        assert_true(persist__cache_keep(&c, malloc(40), 40));
    assert_true(persist__cache_keep(&c, malloc(24), 24)); /* room made: the five released */
    assert_int_equal(released, 5);
    assert_int_equal(c.held, 24);
    x = persist__cache_take(&c, 24);
    assert_non_null(x);
    assert_true(persist__cache_keep(&c, x, 24));
    for (int i = 0; i < 7; i++)
        assert_true(persist__cache_keep(&c, malloc(24), 24)); /* 192 bytes */
    /* full, and class 24 was taken from since room was last made: it stays */
    assert_false(persist__cache_keep(&c, x = malloc(24), 24));
    free(x);
    assert_int_equal(released, 5);
    assert_int_equal(c.held, 192);
    persist__cache_drain(&c);
    assert_int_equal(released, 5 + 8);
}

/* Where the limit follows the heap: an eighth of its live bytes, between the two bounds, decided
 * each time the cache is full; blocks beyond a limit that shrank are given up as before. */
static void test_limit_follows_the_heap(void **state)
{
    size_t heap = 0;
    persist__block_cache c = {.limit = 100,
                              .limit_min = 100,
                              .limit_max = 400,
                              .heap_bytes = &heap,
                              .release = count_release};
    void *x;
    (void)state;
    released = 0;
    for (int i = 0; i < 4; i++) /* 96 bytes */
        assert_true(persist__cache_keep(&c, malloc(24), 24));
    x = persist__cache_take(&c, 24); /* class 24 in use: kept when the cache is full */
    assert_true(persist__cache_keep(&c, x, 24));
    assert_false(persist__cache_keep(&c, x = malloc(24), 24)); /* a small heap: 100 at most */
    free(x);
    assert_int_equal(c.limit, 100);
    heap = 2000;                /* an eighth: 250 */
    for (int i = 0; i < 6; i++) /* 240 bytes */
        assert_true(persist__cache_keep(&c, malloc(24), 24));
    assert_int_equal(c.limit, 250);
    assert_int_equal(c.held, 240);
    assert_int_equal(released, 0); /* nothing given up while the limit grew */
    heap = 1 << 20;                /* an eighth would be 128 KB: 400 at most */
    for (int i = 0; i < 6; i++)    /* 384 bytes */
        assert_true(persist__cache_keep(&c, malloc(24), 24));
    x = persist__cache_take(&c, 24); /* class 24 in use: kept when the cache is full */
    assert_true(persist__cache_keep(&c, x, 24));
    assert_false(persist__cache_keep(&c, x = malloc(24), 24)); /* 408 > 400 */
    free(x);
    assert_int_equal(released, 0);
    assert_int_equal(c.limit, 400);
    heap = 0; /* the heap freed: back to 100, and the class not taken from since is given up */
    assert_true(persist__cache_keep(&c, malloc(40), 40));
    assert_int_equal(c.limit, 100);
    assert_int_equal(released, 16);
    assert_int_equal(c.held, 40);
    persist__cache_drain(&c);
    assert_int_equal(released, 17);
}

static void test_drain_releases_everything(void **state)
{
    persist__block_cache c = {.limit = 1 << 20, .release = count_release};
    (void)state;
    released = 0;
    for (size_t size = 24; size <= PERSIST__CACHE_MAX_BLOCK; size += 16)
        for (int i = 0; i < 3; i++)
            assert_true(persist__cache_keep(&c, malloc(size), size));
    persist__cache_drain(&c);
    assert_int_equal(released, 3 * PERSIST__CACHE_CLASSES);
    assert_int_equal(c.held, 0);
}

/* Objects with 1..300 properties (their property tables grow through every class and past the
 * largest), arrays pushed and popped, strings of every length up to 600, all kept alive while
 * others are freed, then checked. A block moved between classes without its bytes, or a kept
 * block handed out twice, gives a wrong sum or text. */
static const char PROBE[] =
    "(function () {\n"
    "  var keep = [], sum = 0, i, j, o, a, s = '';\n"
    "  for (i = 1; i <= 300; i++) {\n"
    "    o = {};\n"
    "    for (j = 0; j < i; j++) o['k' + j] = j * i;\n"
    "    if (i % 7 === 0) for (j = 0; j < i; j += 2) delete o['k' + j];\n"
    "    keep.push(o);\n"
    "    a = [];\n"
    "    for (j = 0; j < i; j++) a.push(j);\n"
    "    while (a.length > i / 2) a.pop();\n"
    "    keep.push(a);\n"
    "    s += String.fromCharCode(97 + i % 26);\n"
    "    keep.push(s + s);\n"
    "  }\n"
    "  for (i = 0; i < keep.length; i++) {\n"
    "    var v = keep[i];\n"
    "    if (typeof v === 'string') { for (j = 0; j < v.length; j++) sum += v.charCodeAt(j); }\n"
    "    else if (Array.isArray(v)) { for (j = 0; j < v.length; j++) sum += v[j]; }\n"
    "    else { for (var k in v) sum += v[k]; }\n"
    "  }\n"
    "  return JSON.stringify({ sum: sum, n: keep.length, last: keep[keep.length - 1].slice(-5) "
    "});\n"
    "})()";

/* The same sums computed here. */
static char *expected_probe(void)
{
    double sum = 0;
    char s[700] = "", *out = malloc(200);
    for (int i = 1; i <= 300; i++) {
        for (int j = 0; j < i; j++)
            if (!(i % 7 == 0 && j % 2 == 0))
                sum += (double)j * i;
        for (int j = 0; j < i / 2; j++) /* popped down to floor(i/2) elements */
            sum += j;
        s[i - 1] = (char)('a' + i % 26);
        s[i] = '\0';
        for (int j = 0; j < i; j++)
            sum += 2.0 * (unsigned char)s[j];
    }
    snprintf(out, 200, "{\"sum\":%.0f,\"n\":900,\"last\":\"%.5s\"}", sum, s + 295);
    return out;
}

static void test_heap_values_survive_reallocation(void **state)
{
    persist__js_config cfg;
    persist__js *js = NULL;
    persist__err err = {0, ""};
    char *got = NULL, *want = expected_probe();
    size_t len = 0;
    int line = 0;
    (void)state;
    memset(&cfg, 0, sizeof cfg);
    cfg.budget_ms = 20000;
    assert_int_equal(persist__js_new(&js, &cfg, &err), PERSIST_OK);
    for (int round = 0; round < 3; round++) { /* later rounds run on kept blocks */
        if (persist__js_eval(js, PROBE, sizeof PROBE - 1, "probe.js", "result", &line, &err) !=
            PERSIST_OK)
            fail_msg("the probe failed: %s (line %d)", err.msg, line);
        assert_int_equal(persist__js_string(js, "result", NULL, &got, &len, &err), PERSIST_OK);
        assert_string_equal(got, want);
        free(got);
    }
    persist__js_free(js);
    free(want);
}

/* While tests count allocations to fail them (persist__alloc_fail_after), a heap takes no block
 * from its cache: every allocation goes through persist__malloc, where it is counted and can fail.
 * Before, a warm heap served nearly every block from the cache, and test_alloc_failure could fail
 * almost no allocation inside an app's update (a submit counted 3 allocations; now 23). */
static void test_counted_allocations_skip_the_cache(void **state)
{
    /* 50 objects and 50 strings, freed when the call returns: a few KB, kept by the cache */
    static const char MAKE[] = "(function () {\n"
                               "  var keep = [];\n"
                               "  for (var i = 0; i < 50; i++) keep.push({ i: i, s: 'x' + i });\n"
                               "  return keep.length + ',' + keep[49].s;\n"
                               "})";
    persist__js_config cfg;
    persist__js *js = NULL;
    persist__err err = {0, ""};
    char *got = NULL;
    size_t len = 0;
    long counted;
    int line = 0, rc;
    (void)state;
    memset(&cfg, 0, sizeof cfg);
    cfg.budget_ms = 20000;
    assert_int_equal(persist__js_new(&js, &cfg, &err), PERSIST_OK);
    assert_int_equal(persist__js_eval(js, MAKE, sizeof MAKE - 1, "make.js", "update", &line, &err),
                     PERSIST_OK);
    for (int round = 0; round < 3; round++)
        assert_int_equal(persist__js_call(js, "update", NULL, 0, NULL, &err), PERSIST_OK);
    persist__alloc_fail_after(-1); /* count from here, fail nothing */
    assert_int_equal(persist__js_call(js, "update", NULL, 0, NULL, &err), PERSIST_OK);
    counted = persist__alloc_fail_after(-1);
    if (counted < 100)
        fail_msg("only %ld allocations counted for 50 objects and 50 strings", counted);

    /* An injected failure halfway through is the app's out-of-memory error; the heap goes on. */
    persist__alloc_fail_after(counted / 2);
    rc = persist__js_call(js, "update", NULL, 0, NULL, &err);
    persist__alloc_fail_after(-1);
    assert_int_equal(rc, PERSIST_ENOMEM);
    assert_int_equal(persist__js_call(js, "update", NULL, 0, "result", &err), PERSIST_OK);
    assert_int_equal(persist__js_string(js, "result", NULL, &got, &len, &err), PERSIST_OK);
    assert_string_equal(got, "50,x49");
    free(got);
    persist__js_free(js);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_block_sizes),
        cmocka_unit_test(test_keep_and_take),
        cmocka_unit_test(test_limit),
        cmocka_unit_test(test_a_full_cache_gives_up_sizes_nobody_takes),
        cmocka_unit_test(test_limit_follows_the_heap),
        cmocka_unit_test(test_drain_releases_everything),
        cmocka_unit_test(test_heap_values_survive_reallocation),
        cmocka_unit_test(test_counted_allocations_skip_the_cache),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
