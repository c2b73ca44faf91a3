/* test_sort.c - replay must give the states the live app computed, and a store written by an older
 * library must replay to the states it computed then. Array.prototype.sort (which Elm's List.sort,
 * sortBy and sortWith call) is the engine's one source of choice: lib/duktape/sort.patch makes it a
 * stable merge sort. Checked here: records with equal keys sort to the same, stable order in every
 * heap (the live one, the restore path's, a reopened store's); the specification's order of
 * values, undefined and holes; a comparator that throws leaves the array as it was; and the stores
 * in tests/fixtures/stores, written by libpersist 1.0 (a plain JavaScript app that keeps sorted
 * lists, and the Elm game rules), replay with today's engine to every snapshot 1.0 wrote. */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char SORTS[] =
    "var app = {\n"
    "  init: function () { return { top: '' }; },\n"
    "  update: function (event, state) {\n"
    "    if (event === 'ties') {\n"
    "      var a = [];\n"
    "      for (var k = 0; k < 200; k++) a.push({ name: 'p' + k, score: (k * 7919) % 10 });\n"
    "      a.sort(function (x, y) { return y.score - x.score; });\n"
    "      var top = a.slice(0, 40).map(function (p) { return p.name; }).join(',');\n"
    "      return [{ top: top }, top];\n"
    "    }\n"
    "    if (event === 'holes') {\n"
    "      var b = [3, undefined, 1]; b[4] = 'b'; b[5] = 2; b[6] = undefined; b[7] = 10;\n"
    "      b.length = 10; b.sort();\n"
    "      var out = [];\n"
    "      for (var i = 0; i < b.length; i++)\n"
    "        out.push(!(i in b) ? '_' : b[i] === undefined ? 'u' : String(b[i]));\n"
    "      return [state, out.join(',') + ' length ' + b.length];\n"
    "    }\n"
    "    if (event === 'nan') {\n"
    "      var c = [{ k: 2, n: 'a' }, { k: 1, n: 'b' }, { k: 2, n: 'c' }, { k: 1, n: 'd' }];\n"
    "      c.sort(function (x, y) { return x.k === y.k ? NaN : x.k - y.k; });\n"
    "      return [state, c.map(function (e) { return e.n; }).join('')];\n"
    "    }\n"
    "    if (event === 'throws') {\n"
    "      var d = [5, 4, 3, 2, 1], n = 0;\n"
    "      try { d.sort(function (x, y) { if (++n === 4) throw 1; return x - y; }); }\n"
    "      catch (e) {}\n"
    "      return [state, d.join('')];\n"
    "    }\n"
    "    return [state, 'unknown'];\n"
    "  },\n"
    "  serialize: function (s) { return JSON.stringify(s); },\n"
    "  deserialize: function (t) { return JSON.parse(t); }\n"
    "};\n";

/* The first 40 names of the 200 records sorted by score descending, stable: by score 9 to 0, each
 * score's names in their original order. */
static void expected_ties(char *out, size_t cap)
{
    size_t used = 0;
    int shown = 0;
    out[0] = '\0';
    for (int score = 9; score >= 0 && shown < 40; score--)
        for (int k = 0; k < 200 && shown < 40; k++)
            if ((k * 7919) % 10 == score)
                used += (size_t)snprintf(out + used, cap - used, "%sp%d", shown++ ? "," : "", k);
}

static void expect_response(persist_store *s, const char *event, const char *want)
{
    char *r = ts_submit(s, event);
    assert_string_equal(r, want);
    persist_free(r);
}

static void test_equal_keys_sort_the_same_in_every_heap(void **state)
{
    char *dir = ts_tmpdir();
    char want[1024];
    persist_store *s = ts_open(dir, NULL);
    (void)state;
    expected_ties(want, sizeof want);
    TS_OK(s, persist_store_deploy(s, SORTS, strlen(SORTS), PERSIST_DEPLOY_INIT, NULL));
    for (int i = 0; i < 3; i++)
        expect_response(s, "ties", want); /* the same order each time: stable */
    TS_OK(s, persist_store_verify(s, PERSIST_VERIFY_ALL_SNAPSHOTS, NULL)); /* replay agrees */
    TS_OK(s, persist_store_restore(s));
    expect_response(s, "ties", want);
    ts_close_and_expect_reopened(s, dir);
    ts_rmrf(dir);
    free(dir);
}

static void test_the_specification_order(void **state)
{
    char *dir = ts_tmpdir();
    persist_store *s = ts_open(dir, NULL);
    (void)state;
    TS_OK(s, persist_store_deploy(s, SORTS, strlen(SORTS), PERSIST_DEPLOY_INIT, NULL));
    /* Values as strings, then undefined, then holes; the length stays. */
    expect_response(s, "holes", "1,10,2,3,b,u,u,_,_,_ length 10");
    /* A comparator's NaN means equal: equal elements keep their order. */
    expect_response(s, "nan", "bdac");
    /* A comparator that throws: the array is as it was. */
    expect_response(s, "throws", "54321");
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

/* Copies tests/fixtures/stores/NAME into a fresh directory and checks every snapshot against a
 * replay with today's engine, read-only and then as a writer. */
static void replay_old_store(const char *name, uint64_t min_head)
{
    char *dir = ts_tmpdir(), src[512], cmd[2048];
    persist_options o;
    persist_store *s = NULL;
    persist_verify_report r;
    uint64_t head;
    snprintf(src, sizeof src, "%s/tests/fixtures/stores/%s/data.mdb", PERSIST_SOURCE_DIR, name);
    snprintf(cmd, sizeof cmd, "cp '%s' '%s/data.mdb'", src, dir);
    assert_int_equal(system(cmd), 0);
    for (int writer = 0; writer < 2; writer++) {
        persist_options_init(&o, sizeof o);
        o.flags = writer ? 0 : PERSIST_OPEN_READONLY;
        assert_int_equal(persist_store_open(&s, dir, &o), PERSIST_OK);
        memset(&r, 0, sizeof r);
        r.struct_size = sizeof r;
        TS_OK(s, persist_store_verify(s, PERSIST_VERIFY_ALL_SNAPSHOTS, &r));
        assert_int_equal(r.problems, 0);
        assert_true(r.snapshots_checked >= 5);
        TS_OK(s, persist_store_head(s, &head));
        assert_true(head >= min_head);
        persist_store_close(s);
    }
    ts_rmrf(dir);
    free(dir);
}

static void test_stores_written_by_1_0_replay_the_same(void **state)
{
    (void)state;
    replay_old_store("v1.0-ranks", 161);
    replay_old_store("v1.0-game", 50);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_equal_keys_sort_the_same_in_every_heap),
        cmocka_unit_test(test_the_specification_order),
        cmocka_unit_test(test_stores_written_by_1_0_replay_the_same),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
