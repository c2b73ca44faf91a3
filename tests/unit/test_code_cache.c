/* test_code_cache.c - the process's cache of compiled app code (lib/code_cache.c). A store opened
 * while the cache holds its app's bytecode must behave exactly as one whose app was compiled from
 * source: the same responses, states, error messages (with the line numbers the compiler gave) and
 * restore, for the game rules in both compiler modes and for a plain JavaScript app. An entry whose
 * bytes were damaged fails its checksum and is compiled again; code that differs in one byte
 * finds no entry; the cache's own allocations failing costs nothing but the cache. */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "code_cache.h"

static const char *const RULES[] = {"examples/game-server/rules/v1/compiled/main.dev.js",
                                    "examples/game-server/rules/v1/compiled/main.optimize.js"};

static persist__code_cache_stats stats(void)
{
    persist__code_cache_stats st;
    persist__code_cache_stats_get(&st);
    return st;
}

/* Appends s and a newline to the transcript *t. */
static void add(char **t, const char *s)
{
    size_t n = *t != NULL ? strlen(*t) : 0;
    *t = realloc(*t, n + strlen(s) + 2);
    assert_non_null(*t);
    memcpy(*t + n, s, strlen(s));
    (*t)[n + strlen(s)] = '\n';
    (*t)[n + strlen(s) + 1] = '\0';
}

/* Submits every event (failures included: their status and message are part of the transcript). */
static void play(persist_store *s, char **t, const char *const *events, int n)
{
    char line[512];
    for (int i = 0; i < n; i++) {
        char *resp = NULL;
        size_t len = 0;
        int rc = persist_store_submit(s, events[i], strlen(events[i]), &resp, &len);
        snprintf(line, sizeof line, "%d %s", rc, rc == PERSIST_OK ? resp : ts_errmsg(s));
        add(t, line);
        persist_free(resp);
    }
    char *st = ts_state(s);
    add(t, st);
    persist_free(st);
}

/* A game of the rules: a board, players, legal and refused moves, a leaderboard query. */
static char *rules_game(const char *dir, const char *code_path)
{
    static const char *const events[] = {
        "{\"type\":\"create\",\"width\":6,\"height\":5}",
        "{\"type\":\"join\",\"player\":\"ann\",\"name\":\"Ann\",\"time\":1000,\"random\":3}",
        "{\"type\":\"join\",\"player\":\"bob\",\"name\":\"Bob\",\"time\":1000,\"random\":17}",
        "{\"type\":\"join\",\"player\":\"cy\",\"name\":\"Cy\",\"time\":1100,\"random\":-5}",
        "{\"type\":\"move\",\"player\":\"ann\",\"x\":1,\"y\":0,\"time\":1200}",
        "{\"type\":\"move\",\"player\":\"bob\",\"x\":9,\"y\":9,\"time\":1200}",
        "{\"type\":\"move\",\"player\":\"bob\",\"x\":2,\"y\":1,\"time\":1300}",
        "{\"type\":\"move\",\"player\":\"zed\",\"x\":0,\"y\":0,\"time\":1300}",
        "{\"type\":\"move\",\"player\":\"cy\",\"x\":3,\"y\":3,\"time\":1400}",
        "{\"type\":\"leaderboard\"}",
        "{\"type\":\"nonsense\"}",
        "not json at all",
        "{\"type\":\"leave\",\"player\":\"bob\",\"time\":1500}",
        "{\"type\":\"leaderboard\"}",
    };
    char *t = NULL;
    persist_store *s = ts_open(dir, NULL);
    ts_deploy(s, code_path, PERSIST_DEPLOY_INIT);
    play(s, &t, events, (int)(sizeof events / sizeof events[0]));
    assert_int_equal(persist_store_close(s), PERSIST_OK);
    s = ts_open(dir, NULL); /* the restore path, from the cache when it holds the code */
    char *st = ts_state(s);
    add(&t, st);
    persist_free(st);
    assert_int_equal(persist_store_close(s), PERSIST_OK);
    return t;
}

/* The plain JavaScript test app, with an update that throws (its message names the line). */
static char *plain_game(const char *dir)
{
    static const char *const events[] = {"add 5", "mul 7", "throw", "append xy", "badresp", "get"};
    char *t = NULL;
    persist_store *s = ts_open(dir, NULL);
    ts_deploy(s, "testapp_v1.js", PERSIST_DEPLOY_INIT);
    play(s, &t, events, (int)(sizeof events / sizeof events[0]));
    assert_int_equal(persist_store_close(s), PERSIST_OK);
    return t;
}

static void test_cached_bytecode_behaves_as_compiled_source(void **state)
{
    (void)state;
    for (int m = 0; m < 2; m++) {
        char *dir = ts_tmpdir(), path[4096];
        persist__code_cache_clear();
        persist__code_cache_stats before = stats();
        snprintf(path, sizeof path, "%s/cold", dir);
        char *cold = rules_game(path, RULES[m]);
        persist__code_cache_stats mid = stats();
        /* The deploy compiled the rules and the binder; the reopen found both. */
        assert_true(mid.misses - before.misses >= 2);
        assert_true(mid.hits - before.hits >= 2);
        assert_true(mid.entries >= 2);

        snprintf(path, sizeof path, "%s/warm", dir);
        char *warm = rules_game(path, RULES[m]);
        persist__code_cache_stats after = stats();
        assert_int_equal(after.misses, mid.misses); /* nothing compiled again */
        assert_true(after.hits - mid.hits >= 4);
        assert_string_equal(warm, cold);
        /* The transcript is a real game: moves made and refused, a query answered. */
        assert_non_null(strstr(cold, "\"player\":\"ann\""));
        assert_non_null(strstr(cold, "0 {\"ok\":false"));
        free(cold);
        free(warm);
        ts_rmrf(dir);
        free(dir);
    }
}

static void test_error_messages_keep_their_line_numbers(void **state)
{
    (void)state;
    char *dir = ts_tmpdir(), path[4096];
    persist__code_cache_clear();
    snprintf(path, sizeof path, "%s/cold", dir);
    char *cold = plain_game(path);
    long misses = stats().misses;
    snprintf(path, sizeof path, "%s/warm", dir);
    char *warm = plain_game(path);
    assert_int_equal(stats().misses, misses);
    assert_string_equal(warm, cold);
    /* The thrown error, with the line of the throw in testapp_v1.js. */
    assert_non_null(strstr(cold, "boom: the app refused throw"));
    assert_non_null(strstr(cold, "(app.js:21)"));
    free(cold);
    free(warm);
    ts_rmrf(dir);
    free(dir);
}

static void test_a_damaged_entry_is_compiled_again(void **state)
{
    (void)state;
    char *dir = ts_tmpdir(), path[4096];
    persist__code_cache_clear();
    snprintf(path, sizeof path, "%s/a", dir);
    char *a = rules_game(path, RULES[1]);
    persist__code_cache_stats before = stats();
    persist__code_cache_damage();
    snprintf(path, sizeof path, "%s/b", dir);
    char *b = rules_game(path, RULES[1]);
    persist__code_cache_stats after = stats();
    assert_string_equal(b, a);
    assert_int_equal(after.rejected - before.rejected, 2); /* the rules and the binder */
    assert_int_equal(after.misses - before.misses, 2);
    assert_true(after.hits - before.hits >= 2); /* the new entries serve the reopen */
    free(a);
    free(b);
    ts_rmrf(dir);
    free(dir);
}

static void test_other_code_finds_no_entry(void **state)
{
    (void)state;
    char *dir = ts_tmpdir(), path[4096];
    size_t n;
    char *code = ts_fixture("testapp_v1.js", &n);
    persist__code_cache_clear();
    snprintf(path, sizeof path, "%s/a", dir);
    persist_store *s = ts_open(path, NULL);
    TS_OK(s, persist_store_deploy(s, code, n, PERSIST_DEPLOY_INIT, NULL));
    persist__code_cache_stats before = stats();
    code[n - 2] = code[n - 2] == ' ' ? '\t' : ' '; /* one byte of the trailing text */
    TS_OK(s, persist_store_deploy(s, code, n, PERSIST_DEPLOY_INIT, NULL));
    persist__code_cache_stats after = stats();
    assert_int_equal(after.misses - before.misses, 1); /* the app; the binder was a hit */
    assert_int_equal(after.entries, before.entries + 1);
    assert_int_equal(persist_store_close(s), PERSIST_OK);
    free(code);
    ts_rmrf(dir);
    free(dir);
}

static void test_failed_allocations_cost_only_the_cache(void **state)
{
    (void)state;
    char *dir = ts_tmpdir(), path[4096];
    snprintf(path, sizeof path, "%s/ref", dir);
    persist__code_cache_clear();
    char *ref = plain_game(path);
    persist_options o;
    persist_options_init(&o, sizeof o);
    o.durability = PERSIST_DURABILITY_RELAXED; /* hundreds of stores: no fsync for each */
    /* Every allocation point of a deploy and its events, cache cold, then warm: either the call
     * fails cleanly with ENOMEM, or it succeeds with the reference's results. */
    for (int warm = 0; warm < 2; warm++) {
        int ok = 0, failed = 0;
        for (long at = 0; at < 3000; at += 23) {
            persist_store *s = NULL;
            char *resp = NULL;
            size_t len = 0, n;
            char *code = ts_fixture("testapp_v1.js", &n);
            if (!warm)
                persist__code_cache_clear();
            snprintf(path, sizeof path, "%s/%d-%ld", dir, warm, at);
            persist__alloc_fail_after(at);
            int rc = persist_store_open(&s, path, &o);
            if (rc == PERSIST_OK)
                rc = persist_store_deploy(s, code, n, PERSIST_DEPLOY_INIT, NULL);
            if (rc == PERSIST_OK)
                rc = persist_store_submit(s, "add 5", 5, &resp, &len);
            persist__alloc_fail_after(-1);
            ok += rc == PERSIST_OK;
            failed += rc != PERSIST_OK;
            if (rc == PERSIST_OK)
                assert_string_equal(resp, "n=5");
            else if (rc != PERSIST_ENOMEM && rc != PERSIST_ESCRIPT) /* as test_alloc_failure */
                fail_msg("allocation %ld failing (cache %s): status %d", at, warm ? "warm" : "cold",
                         rc);
            persist_free(resp);
            if (s != NULL)
                persist_store_close(s);
            free(code);
        }
        assert_true(ok > 0 && failed > 0);
    }
    persist__code_cache_stats st = stats();
    assert_true(st.entries >= 2);
    free(ref);
    ts_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cached_bytecode_behaves_as_compiled_source),
        cmocka_unit_test(test_error_messages_keep_their_line_numbers),
        cmocka_unit_test(test_a_damaged_entry_is_compiled_again),
        cmocka_unit_test(test_other_code_finds_no_entry),
        cmocka_unit_test(test_failed_allocations_cost_only_the_cache),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
