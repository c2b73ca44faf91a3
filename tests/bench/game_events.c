/* game_events.c - writes a deterministic script of events for the game rules app
 * (examples/game-server/rules, docs/elm.md "The game rules"), one JSON event per line, that the
 * benchmarks feed to the library, to the bare engine and to Node.js alike.
 *
 * Usage: game_events EVENTS [SIDE [PLAYERS]]   (defaults: a 200 x 200 board, 32 players)
 *
 * The script creates the board, lets PLAYERS players join (line 1 to PLAYERS: the setup), then
 * moves them in turn, each onto a free cell next to its territory, so every event is accepted and
 * logged and the state grows by one cell per event. The generator keeps its own board and places a
 * join as the rules do (the free cell number `random` modulo the free cells, in row order). Event
 * time advances 201 ms per event, so no player ever moves out of turn; a player's events depend
 * only on its own cells, so the moves of different players may be submitted by different threads
 * in any interleaving. Stops early (with a message) when every player is walled in. */
#include <stdio.h>
#include <stdlib.h>

static unsigned long long rng = 88172645463325252ull;

static unsigned next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng >> 33);
}

typedef struct game {
    int side, players;
    short *owner; /* side * side cells: -1 free, else the player's index */
    int **cells;  /* each player's cells (index y * side + x), in the order claimed */
    int *ncells;
    long time_ms;
} game;

/* The free cell number k (from 0) in row order, as Game.Rules.nthFreeCell finds it. */
static int nth_free(const game *g, long k)
{
    for (int i = 0; i < g->side * g->side; i++)
        if (g->owner[i] < 0 && k-- == 0)
            return i;
    return -1;
}

static void claim(game *g, int p, int cell)
{
    g->owner[cell] = (short)p;
    g->cells[p][g->ncells[p]++] = cell;
}

/* A free cell next to one of player p's cells: random tries first, then every cell in turn. */
static int free_neighbour(const game *g, int p)
{
    static const int dx[] = {-1, 1, 0, 0}, dy[] = {0, 0, -1, 1};
    for (int t = 0; t < 64 + 4 * g->ncells[p]; t++) {
        int c = t < 64 ? g->cells[p][next_random() % (unsigned)g->ncells[p]]
                       : g->cells[p][(t - 64) / 4];
        int d = t < 64 ? (int)(next_random() % 4) : (t - 64) % 4;
        int x = c % g->side + dx[d], y = c / g->side + dy[d];
        if (x >= 0 && y >= 0 && x < g->side && y < g->side && g->owner[y * g->side + x] < 0)
            return y * g->side + x;
    }
    return -1;
}

int main(int argc, char **argv)
{
    long events = argc > 1 ? atol(argv[1]) : 0, written = 0;
    game g = {
        argc > 2 ? atoi(argv[2]) : 200, argc > 3 ? atoi(argv[3]) : 32, NULL, NULL, NULL, 1000};
    int stuck = 0;
    if (argc < 2 || events < 1 || g.side < 2 || g.side > 200 || g.players < 1 || g.players > 1000 ||
        events > (long)g.side * g.side + 1) {
        fprintf(stderr, "usage: game_events EVENTS [SIDE (2-200) [PLAYERS]]\n");
        return 2;
    }
    g.owner = malloc(sizeof *g.owner * (size_t)(g.side * g.side));
    g.cells = calloc((size_t)g.players, sizeof *g.cells);
    g.ncells = calloc((size_t)g.players, sizeof *g.ncells);
    if (g.owner == NULL || g.cells == NULL || g.ncells == NULL)
        return 2;
    for (int i = 0; i < g.side * g.side; i++)
        g.owner[i] = -1;
    printf("{\"type\":\"create\",\"width\":%d,\"height\":%d}\n", g.side, g.side);
    written++;
    for (int p = 0; p < g.players && written < events; p++, written++) {
        unsigned r = next_random();
        int cell = nth_free(&g, (long)(r % (unsigned)(g.side * g.side - p)));
        g.cells[p] = malloc(sizeof(int) * (size_t)(g.side * g.side));
        if (g.cells[p] == NULL || cell < 0)
            return 2;
        claim(&g, p, cell);
        g.time_ms += 201;
        printf("{\"type\":\"join\",\"player\":\"p%03d\",\"name\":\"Player %d\",\"time\":%ld,"
               "\"random\":%u}\n",
               p, p, g.time_ms, r);
    }
    for (int p = 0; written < events && stuck < g.players; p = (p + 1) % g.players) {
        int cell = free_neighbour(&g, p);
        if (cell < 0) {
            stuck++;
            continue;
        }
        stuck = 0;
        claim(&g, p, cell);
        g.time_ms += 201;
        printf("{\"type\":\"move\",\"player\":\"p%03d\",\"x\":%d,\"y\":%d,\"time\":%ld}\n", p,
               cell % g.side, cell / g.side, g.time_ms);
        written++;
    }
    if (written < events)
        fprintf(stderr, "game_events: every player is walled in after %ld events\n", written);
    return 0;
}
