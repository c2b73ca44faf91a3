/* test_game_rules.c - the game rules (examples/game-server/rules v1 and v2, Elm compiled in dev
 * mode and with --optimize) played through the library: a scripted game whose every response
 * and whose exact serialized state are checked (the generated codecs' round trip runs at every
 * deploy), refused moves and queries that are not logged, a restart, the migration to v2 and
 * its captures; then a seeded random game of a few hundred events, with a migration halfway,
 * whose live state must equal the state the restore path gives (persist_store_restore and a
 * reopen). PERSIST_GAME_EVENTS=N sets the random game's length (default 300);
 * PERSIST_GAME_SEED=0x... its seed. */
#include "support.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { DEV = 0, OPT = 1 };

static const char *const V1[2] = {"examples/game-server/rules/v1/compiled/main.dev.js",
                                  "examples/game-server/rules/v1/compiled/main.optimize.js"};
static const char *const V2[2] = {"examples/game-server/rules/v2/compiled/main.dev.js",
                                  "examples/game-server/rules/v2/compiled/main.optimize.js"};

/* ---- helpers ---- */

/* An event that changes the state: logged. */
static void logged(persist_store *s, const char *event, const char *expected)
{
    uint64_t head = ts_head(s);
    char *r = ts_submit(s, event);
    assert_string_equal(r, expected);
    persist_free(r);
    assert_int_equal(ts_head(s), head + 1);
}

/* A query or a refused event: the app returns the same state, so nothing is logged. */
static void unlogged(persist_store *s, const char *event, const char *expected)
{
    uint64_t head = ts_head(s);
    char *r = ts_submit(s, event);
    assert_string_equal(r, expected);
    persist_free(r);
    assert_int_equal(ts_head(s), head);
}

static void expect_state(persist_store *s, const char *expected)
{
    char *st = ts_state(s);
    assert_string_equal(st, expected);
    persist_free(st);
}

static void reopen(persist_store **s, const char *dir, const persist_options *o)
{
    assert_int_equal(persist_store_close(*s), PERSIST_OK);
    *s = ts_open(dir, o);
}

/* ---- a scripted game on a 4x3 board ---- */

#define MOVE(p, x, y, t)                                                                           \
    "{\"type\":\"move\",\"player\":\"" p "\",\"x\":" #x ",\"y\":" #y ",\"time\":" #t "}"

/* After the opening below (players by id; the board by cell, (x, y) in compare order; the
 * recent moves newest first). */
static const char STATE_V1[] =
    "{\"width\":4,\"height\":3,"
    "\"board\":[[[0,0],\"ann\"],[[1,0],\"ann\"],[[1,1],\"ann\"],[[2,0],\"bob\"],[[2,1],\"bob\"],"
    "[[3,1],\"cy\"],[[3,2],\"cy\"]],"
    "\"players\":[[\"ann\",{\"name\":\"Ann\",\"score\":3,\"lastMoveTime\":1400,\"color\":0}],"
    "[\"bob\",{\"name\":\"Bob\",\"score\":2,\"lastMoveTime\":1200,\"color\":1}],"
    "[\"cy\",{\"name\":\"Al\",\"score\":2,\"lastMoveTime\":1300,\"color\":2}]],"
    "\"recentMoves\":[{\"player\":\"cy\",\"x\":3,\"y\":1,\"time\":1300},"
    "{\"player\":\"bob\",\"x\":2,\"y\":0,\"time\":1200},"
    "{\"player\":\"ann\",\"x\":1,\"y\":1,\"time\":1400},"
    "{\"player\":\"ann\",\"x\":1,\"y\":0,\"time\":1200}]}";

/* The same after the migration to v2: every player has captures 0, nothing else changed. */
static const char STATE_V2[] =
    "{\"width\":4,\"height\":3,"
    "\"board\":[[[0,0],\"ann\"],[[1,0],\"ann\"],[[1,1],\"ann\"],[[2,0],\"bob\"],[[2,1],\"bob\"],"
    "[[3,1],\"cy\"],[[3,2],\"cy\"]],"
    "\"players\":[[\"ann\",{\"name\":\"Ann\",\"score\":3,\"lastMoveTime\":1400,\"color\":0,"
    "\"captures\":0}],"
    "[\"bob\",{\"name\":\"Bob\",\"score\":2,\"lastMoveTime\":1200,\"color\":1,\"captures\":0}],"
    "[\"cy\",{\"name\":\"Al\",\"score\":2,\"lastMoveTime\":1300,\"color\":2,\"captures\":0}]],"
    "\"recentMoves\":[{\"player\":\"cy\",\"x\":3,\"y\":1,\"time\":1300},"
    "{\"player\":\"bob\",\"x\":2,\"y\":0,\"time\":1200},"
    "{\"player\":\"ann\",\"x\":1,\"y\":1,\"time\":1400},"
    "{\"player\":\"ann\",\"x\":1,\"y\":0,\"time\":1200}]}";

static void opening(persist_store *s)
{
    unlogged(s, "{\"type\":\"join\",\"player\":\"ann\",\"name\":\"Ann\",\"time\":0,\"random\":0}",
             "{\"ok\":false,\"error\":\"there is no board yet\"}");
    logged(s, "{\"type\":\"create\",\"width\":4,\"height\":3}",
           "{\"ok\":true,\"width\":4,\"height\":3}");
    unlogged(s, "{\"type\":\"create\",\"width\":5,\"height\":5}",
             "{\"ok\":false,\"error\":\"the board exists already\"}");
    /* The spawn cell is the free cell `random` picks (modulo their number) in row order. */
    logged(s, "{\"type\":\"join\",\"player\":\"ann\",\"name\":\"Ann\",\"time\":1000,\"random\":0}",
           "{\"ok\":true,\"player\":\"ann\",\"x\":0,\"y\":0,\"color\":0}");
    logged(s, "{\"type\":\"join\",\"player\":\"bob\",\"name\":\"Bob\",\"time\":1000,\"random\":16}",
           "{\"ok\":true,\"player\":\"bob\",\"x\":2,\"y\":1,\"color\":1}");
    logged(s, "{\"type\":\"join\",\"player\":\"cy\",\"name\":\"Al\",\"time\":1100,\"random\":-1}",
           "{\"ok\":true,\"player\":\"cy\",\"x\":3,\"y\":2,\"color\":2}");
    unlogged(s, "{\"type\":\"join\",\"player\":\"cy\",\"name\":\"Cy\",\"time\":1100,\"random\":3}",
             "{\"ok\":false,\"error\":\"player cy has joined already\"}");
    /* Joining counts as a move: ann may move again at 1200, not before. */
    unlogged(s, MOVE("ann", 1, 0, 1100), "{\"ok\":false,\"error\":\"out of turn\"}");
    logged(s, MOVE("ann", 1, 0, 1200), "{\"ok\":true,\"score\":2}");
    unlogged(s, MOVE("ann", 1, 1, 1399), "{\"ok\":false,\"error\":\"out of turn\"}");
    logged(s, MOVE("ann", 1, 1, 1400), "{\"ok\":true,\"score\":3}");
    logged(s, MOVE("bob", 2, 0, 1200), "{\"ok\":true,\"score\":2}");
    unlogged(s, MOVE("bob", 1, 1, 1400), "{\"ok\":false,\"error\":\"the cell belongs to ann\"}");
    unlogged(s, MOVE("cy", 0, 2, 1300), "{\"ok\":false,\"error\":\"not next to your territory\"}");
    unlogged(s, MOVE("cy", 4, 2, 1300), "{\"ok\":false,\"error\":\"off the board\"}");
    unlogged(s, MOVE("cy", 3, 2, 1300), "{\"ok\":false,\"error\":\"the cell is yours already\"}");
    unlogged(s, MOVE("dan", 0, 1, 1300), "{\"ok\":false,\"error\":\"unknown player: dan\"}");
    logged(s, MOVE("cy", 3, 1, 1300), "{\"ok\":true,\"score\":2}");
    unlogged(s, "{\"type\":\"dance\"}",
             "{\"ok\":false,\"error\":\"Problem with the given value:\\n\\n{\\n        "
             "\\\"type\\\": \\\"dance\\\"\\n    }\\n\\nunknown event type: dance\"}");
    unlogged(s, "{\"type\":\"move\",\"player\":\"ann\",\"x\":\"1\",\"y\":0,\"time\":5000}",
             "{\"ok\":false,\"error\":\"Problem with the value at json.x:\\n\\n    "
             "\\\"1\\\"\\n\\nExpecting an INT\"}");
}

/* Queries answer without changing the state: none is logged. The leaderboard is by score, then
 * by name (cy, named Al, before bob), whatever the ids. */
static void queries_v1(persist_store *s)
{
    unlogged(s, "{\"type\":\"leaderboard\",\"limit\":10}",
             "{\"ok\":true,\"leaderboard\":[{\"player\":\"ann\",\"name\":\"Ann\",\"score\":3},"
             "{\"player\":\"cy\",\"name\":\"Al\",\"score\":2},"
             "{\"player\":\"bob\",\"name\":\"Bob\",\"score\":2}]}");
    unlogged(s, "{\"type\":\"leaderboard\",\"limit\":2}",
             "{\"ok\":true,\"leaderboard\":[{\"player\":\"ann\",\"name\":\"Ann\",\"score\":3},"
             "{\"player\":\"cy\",\"name\":\"Al\",\"score\":2}]}");
    unlogged(s, "{\"type\":\"leaderboard\",\"limit\":0}",
             "{\"ok\":false,\"error\":\"the limit must be at least 1\"}");
    unlogged(s, "{\"type\":\"view\"}",
             "{\"ok\":true,\"width\":4,\"height\":3,\"rows\":[\"001.\",\".012\",\"...2\"],"
             "\"players\":[{\"player\":\"ann\",\"name\":\"Ann\",\"color\":0,\"score\":3},"
             "{\"player\":\"bob\",\"name\":\"Bob\",\"color\":1,\"score\":2},"
             "{\"player\":\"cy\",\"name\":\"Al\",\"color\":2,\"score\":2}]}");
    unlogged(s, "{\"type\":\"player\",\"player\":\"ann\"}",
             "{\"ok\":true,\"player\":\"ann\",\"name\":\"Ann\",\"score\":3,\"color\":0,"
             "\"lastMoveTime\":1400,\"cells\":[[0,0],[1,0],[1,1]]}");
    unlogged(s, "{\"type\":\"player\",\"player\":\"zed\"}",
             "{\"ok\":false,\"error\":\"unknown player: zed\"}");
}

/* Version 2: a move onto an opponent's cell next to at least 2 of the mover's cells takes it. */
static void captures_v2(persist_store *s)
{
    unlogged(s, MOVE("ann", 2, 1, 1600), "{\"ok\":false,\"error\":\"the cell belongs to bob\"}");
    logged(s, MOVE("ann", 1, 2, 1600), "{\"ok\":true,\"score\":4}");
    logged(s, MOVE("ann", 2, 2, 1800), "{\"ok\":true,\"score\":5}");
    unlogged(s, MOVE("ann", 2, 1, 1900), "{\"ok\":false,\"error\":\"out of turn\"}");
    logged(s, MOVE("ann", 2, 1, 2000), "{\"ok\":true,\"score\":6,\"captured\":\"bob\"}");
    unlogged(s, "{\"type\":\"view\"}",
             "{\"ok\":true,\"width\":4,\"height\":3,\"rows\":[\"001.\",\".002\",\".002\"],"
             "\"players\":[{\"player\":\"ann\",\"name\":\"Ann\",\"color\":0,\"score\":6},"
             "{\"player\":\"bob\",\"name\":\"Bob\",\"color\":1,\"score\":1},"
             "{\"player\":\"cy\",\"name\":\"Al\",\"color\":2,\"score\":2}]}");
    unlogged(s, "{\"type\":\"leaderboard\",\"limit\":3}",
             "{\"ok\":true,\"leaderboard\":[{\"player\":\"ann\",\"name\":\"Ann\",\"score\":6,"
             "\"captures\":1},{\"player\":\"cy\",\"name\":\"Al\",\"score\":2,\"captures\":0},"
             "{\"player\":\"bob\",\"name\":\"Bob\",\"score\":1,\"captures\":0}]}");
    /* Leaving frees the player's cells: they count for nobody. */
    logged(s, "{\"type\":\"leave\",\"player\":\"bob\"}", "{\"ok\":true}");
    unlogged(s, "{\"type\":\"leave\",\"player\":\"bob\"}",
             "{\"ok\":false,\"error\":\"unknown player: bob\"}");
    unlogged(s, "{\"type\":\"view\"}",
             "{\"ok\":true,\"width\":4,\"height\":3,\"rows\":[\"00..\",\".002\",\".002\"],"
             "\"players\":[{\"player\":\"ann\",\"name\":\"Ann\",\"color\":0,\"score\":6},"
             "{\"player\":\"cy\",\"name\":\"Al\",\"color\":2,\"score\":2}]}");
    /* The free color 1 goes to the next player. */
    logged(s, "{\"type\":\"join\",\"player\":\"dan\",\"name\":\"Dan\",\"time\":2000,\"random\":2}",
           "{\"ok\":true,\"player\":\"dan\",\"x\":0,\"y\":1,\"color\":1}");
}

static void run_scripted(int m)
{
    char *dir = ts_tmpdir();
    persist_options o;
    persist_store *s;
    uint64_t head;
    persist_options_init(&o, sizeof o);
    o.snapshot_every = 1000;
    s = ts_open(dir, &o);

    ts_deploy(s, V1[m], PERSIST_DEPLOY_INIT);
    expect_state(s, "{\"width\":0,\"height\":0,\"board\":[],\"players\":[],\"recentMoves\":[]}");
    assert_int_equal(ts_head(s), 1);
    opening(s);
    assert_int_equal(ts_head(s), 9); /* the deploy, create, 3 joins, 4 moves */
    queries_v1(s);
    expect_state(s, STATE_V1);

    /* Restart: the restore path replays the events and gives the same state. */
    reopen(&s, dir, &o);
    expect_state(s, STATE_V1);
    assert_int_equal(ts_head(s), 9);
    queries_v1(s);

    /* In version 1 no cell can be taken from its owner. */
    unlogged(s, MOVE("ann", 2, 1, 5000), "{\"ok\":false,\"error\":\"the cell belongs to bob\"}");

    /* Version 2 with migration: players and board are kept, every player has 0 captures. */
    ts_deploy(s, V2[m], PERSIST_DEPLOY_MIGRATE);
    expect_state(s, STATE_V2);
    assert_int_equal(ts_head(s), 10);
    unlogged(s, "{\"type\":\"player\",\"player\":\"cy\"}",
             "{\"ok\":true,\"player\":\"cy\",\"name\":\"Al\",\"score\":2,\"color\":2,"
             "\"captures\":0,\"lastMoveTime\":1300,\"cells\":[[3,1],[3,2]]}");
    captures_v2(s);
    head = ts_head(s);
    reopen(&s, dir, &o);
    assert_int_equal(ts_head(s), head);
    unlogged(s, "{\"type\":\"player\",\"player\":\"ann\"}",
             "{\"ok\":true,\"player\":\"ann\",\"name\":\"Ann\",\"score\":6,\"color\":0,"
             "\"captures\":1,\"lastMoveTime\":2000,"
             "\"cells\":[[0,0],[1,0],[1,1],[1,2],[2,1],[2,2]]}");

    /* Version 2 migrates from its own state, whichever mode either side was compiled in. */
    {
        char *before = ts_state(s);
        ts_deploy(s, V2[1 - m], PERSIST_DEPLOY_MIGRATE);
        expect_state(s, before);
        persist_free(before);
    }
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

static void test_scripted_game_dev(void **state)
{
    (void)state;
    run_scripted(DEV);
}

static void test_scripted_game_optimize(void **state)
{
    (void)state;
    run_scripted(OPT);
}

/* The largest board: joins and the view do not visit every cell, so each fits a budget of 250 ms
 * with a wide margin (about 10 ms each here; visiting the 40000 cells took 600 ms in Duktape). */
static void test_largest_board(void **state)
{
    char *dir = ts_tmpdir();
    persist_options o;
    persist_store *s;
    char *r;
    (void)state;
    persist_options_init(&o, sizeof o);
    o.js_budget_ms = 250;
    s = ts_open(dir, &o);
    ts_deploy(s, V2[OPT], PERSIST_DEPLOY_INIT);
    logged(s, "{\"type\":\"create\",\"width\":200,\"height\":200}",
           "{\"ok\":true,\"width\":200,\"height\":200}");
    unlogged(s, "{\"type\":\"create\",\"width\":201,\"height\":1}",
             "{\"ok\":false,\"error\":\"the board exists already\"}");
    /* Cell 39999 is the last one; the next join skips the taken cell 0. */
    logged(s, "{\"type\":\"join\",\"player\":\"a\",\"name\":\"A\",\"time\":0,\"random\":-1}",
           "{\"ok\":true,\"player\":\"a\",\"x\":199,\"y\":199,\"color\":0}");
    logged(s, "{\"type\":\"join\",\"player\":\"b\",\"name\":\"B\",\"time\":0,\"random\":0}",
           "{\"ok\":true,\"player\":\"b\",\"x\":0,\"y\":0,\"color\":1}");
    logged(s, "{\"type\":\"join\",\"player\":\"c\",\"name\":\"C\",\"time\":0,\"random\":201}",
           "{\"ok\":true,\"player\":\"c\",\"x\":2,\"y\":1,\"color\":2}");
    r = ts_submit(s, "{\"type\":\"view\"}");
    /* 200 rows of 200 cells: the first starts with b's cell, the last ends with a's. */
    assert_non_null(strstr(r, "\"rows\":[\"1......"));
    assert_non_null(strstr(r, "......0\"],\"players\""));
    assert_true(strlen(r) > 200 * 203);
    persist_free(r);
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

/* ---- a seeded random game ---- */

#define PLAYERS 6
#define WIDTH   9
#define HEIGHT  6

typedef struct game {
    uint64_t seed, rng;
    int n;          /* events so far */
    long long time; /* event time, ms */
    int x[PLAYERS]; /* a cell the player took last (from the responses), -1 if none */
    int y[PLAYERS];
    char event[160];
} game;

static int rnd(game *g, int below)
{
    return (int)((ts_splitmix64(&g->rng) >> 11) % (uint64_t)below);
}

/* The next event: mostly moves, most of them to a 4-neighbour of the cell the player took last,
 * so that many succeed; joins, leaves, queries, and some malformed or impossible events. */
static int next_event(game *g)
{
    static const int dx[4] = {1, -1, 0, 0}, dy[4] = {0, 0, 1, -1};
    int p = rnd(g, PLAYERS), r = rnd(g, 100), x, y;
    g->time += rnd(g, 160);
    if (r < 8) {
        snprintf(g->event, sizeof g->event,
                 "{\"type\":\"join\",\"player\":\"p%d\",\"name\":\"N%d\",\"time\":%lld,"
                 "\"random\":%d}",
                 p, rnd(g, 4), g->time, rnd(g, 1000) - 500);
        return 0;
    }
    if (r < 78) {
        int d = rnd(g, 4);
        if (g->x[p] >= 0 && rnd(g, 10) < 8) {
            x = g->x[p] + dx[d];
            y = g->y[p] + dy[d];
        } else {
            x = rnd(g, WIDTH + 1);
            y = rnd(g, HEIGHT + 1);
        }
        snprintf(g->event, sizeof g->event,
                 "{\"type\":\"move\",\"player\":\"p%d\",\"x\":%d,\"y\":%d,\"time\":%lld}", p, x, y,
                 g->time);
        return 1 + p;
    }
    if (r < 80)
        snprintf(g->event, sizeof g->event, "{\"type\":\"leave\",\"player\":\"p%d\"}", p);
    else if (r < 86)
        snprintf(g->event, sizeof g->event, "{\"type\":\"leaderboard\",\"limit\":%d}", rnd(g, 5));
    else if (r < 90)
        snprintf(g->event, sizeof g->event, "{\"type\":\"view\"}");
    else if (r < 95)
        snprintf(g->event, sizeof g->event, "{\"type\":\"player\",\"player\":\"p%d\"}", p);
    else
        snprintf(g->event, sizeof g->event, "{\"type\":\"move\",\"player\":\"p%d\"}", p);
    return 0;
}

static int is_query(const char *event)
{
    return strstr(event, "\"leaderboard\"") || strstr(event, "\"view\"") ||
           strstr(event, "\"type\":\"player\"");
}

static void play(game *g, persist_store *s, int events)
{
    for (int i = 0; i < events; i++, g->n++) {
        int mover = next_event(g);
        uint64_t head = ts_head(s);
        char *r = ts_submit(s, g->event);
        int ok = strncmp(r, "{\"ok\":true", 10) == 0;
        int x, y;
        /* Exactly the successful changes are logged: refusals and queries are not. */
        if (ts_head(s) != head + (ok && !is_query(g->event)))
            fail_msg("seed 0x%016" PRIx64 " event %d %s: response %s, head %" PRIu64
                     " then %" PRIu64,
                     g->seed, g->n, g->event, r, head, ts_head(s));
        if (ok && strstr(g->event, "\"join\"") &&
            sscanf(strstr(r, "\"x\":"), "\"x\":%d", &x) == 1 &&
            sscanf(strstr(r, "\"y\":"), "\"y\":%d", &y) == 1) {
            int p = atoi(strstr(g->event, "\"player\":\"p") + strlen("\"player\":\"p"));
            g->x[p] = x;
            g->y[p] = y;
        } else if (ok && mover > 0) {
            assert_int_equal(sscanf(strstr(g->event, "\"x\":"), "\"x\":%d", &x), 1);
            assert_int_equal(sscanf(strstr(g->event, "\"y\":"), "\"y\":%d", &y), 1);
            g->x[mover - 1] = x;
            g->y[mover - 1] = y;
        }
        persist_free(r);
    }
}

/* serialize(live) == serialize(restore path), through persist_store_restore and a reopen. */
static void check_restore_path(persist_store **s, const char *dir, const persist_options *o)
{
    char *live = ts_state(*s), *restored, *reopened;
    TS_OK(*s, persist_store_restore(*s));
    restored = ts_state(*s);
    assert_string_equal(restored, live);
    reopen(s, dir, o);
    reopened = ts_state(*s);
    assert_string_equal(reopened, live);
    persist_free(live);
    persist_free(restored);
    persist_free(reopened);
}

static void run_random(int m, uint64_t seed, int events)
{
    char *dir = ts_tmpdir();
    persist_options o;
    persist_store *s;
    game g;
    char *r;
    memset(&g, 0, sizeof g);
    g.seed = g.rng = seed;
    for (int p = 0; p < PLAYERS; p++)
        g.x[p] = g.y[p] = -1;
    persist_options_init(&o, sizeof o);
    o.snapshot_every = 37; /* the restore path starts from a snapshot and replays the rest */
    s = ts_open(dir, &o);
    ts_deploy(s, V1[m], PERSIST_DEPLOY_INIT);
    r = ts_submit(s, "{\"type\":\"create\",\"width\":9,\"height\":6}");
    assert_string_equal(r, "{\"ok\":true,\"width\":9,\"height\":6}");
    persist_free(r);
    play(&g, s, events / 2);
    check_restore_path(&s, dir, &o);
    ts_deploy(s, V2[m], PERSIST_DEPLOY_MIGRATE);
    play(&g, s, events - events / 2);
    check_restore_path(&s, dir, &o);
    /* The game went somewhere: dozens of changes were logged (most events are refusals or
     * queries), and the state has version 2's players and recent moves. */
    assert_true(ts_head(s) >= 3 + (uint64_t)events / 10);
    r = ts_state(s);
    assert_non_null(strstr(r, "\"captures\":"));
    assert_null(strstr(r, "\"recentMoves\":[]"));
    persist_free(r);
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

static void run_random_games(int m)
{
    const char *env_seed = getenv("PERSIST_GAME_SEED");
    const char *env_n = getenv("PERSIST_GAME_EVENTS");
    int n = env_n != NULL && env_n[0] ? atoi(env_n) : 300;
    uint64_t x = 0x6A3Eu + (uint64_t)m;
    run_random(m, env_seed != NULL && env_seed[0] ? strtoull(env_seed, NULL, 0) : ts_splitmix64(&x),
               n);
}

static void test_random_game_dev(void **state)
{
    (void)state;
    run_random_games(DEV);
}

static void test_random_game_optimize(void **state)
{
    (void)state;
    run_random_games(OPT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scripted_game_dev),    cmocka_unit_test(test_scripted_game_optimize),
        cmocka_unit_test(test_largest_board),        cmocka_unit_test(test_random_game_dev),
        cmocka_unit_test(test_random_game_optimize),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
