/* game_load.c - load on the game server (examples/game-server) over loopback: THREADS clients,
 * each with its own keep-alive connection playing PLAYERS players in one of ROOMS rooms (thread t
 * in room load-(t % ROOMS)), every player moving as often as the rules allow (one move per 200 ms)
 * onto a free cell next to its territory. Once every player has joined it prints "window start";
 * for SECONDS it measures every move's latency; then it prints "window over" and goes on
 * (unmeasured) until the server stops answering, so a kill lands on moves in flight. Every
 * acknowledged move is written to ACKS as "room record client-id".
 *
 *   game_load PORT ROOMS THREADS PLAYERS SECONDS ACKS
 *
 * Prints one line: moves=N refused=N errors=N seconds=S p50_ms=X p99_ms=X max_ms=X. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { SIDE = 200, MOVE_GAP_MS = 201, MAX_PLAYERS = 64, TAIL_MS = 10000 };

struct settings {
    int port, rooms, threads, players;
    double seconds;
    uint64_t start_ms, window_end_ms;
};

static struct settings g;
static pthread_barrier_t joined, started;

struct player {
    char id[32];
    int (*cells)[2]; /* owned cells, oldest first */
    size_t n_cells, cap;
    uint64_t next_ms; /* when the rules let it move again */
    unsigned moves;
    int stuck;
};

struct client {
    int index, fd;
    char room[16];
    unsigned char known[SIDE][SIDE]; /* cells known to be taken */
    struct player players[MAX_PLAYERS];
    double *latency; /* ms of each move in the window */
    size_t n_latency, cap_latency;
    unsigned long moves, refused, errors;
    char *acks; /* "room seq client-id\n" lines */
    size_t acks_len, acks_cap;
    int dead; /* the server stopped answering after the window */
};

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static double now_ms_f(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return p;
    *cap = need * 2 + 16;
    p = realloc(p, *cap * size);
    if (!p) {
        perror("game_load");
        exit(2);
    }
    return p;
}

/* ---- HTTP over one keep-alive connection ---- */

static int connect_server(void)
{
    struct sockaddr_in addr;
    int one = 1, fd = socket(AF_INET, SOCK_STREAM, 0);
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)g.port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

static int send_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Reads one response (headers, then Content-Length bytes); leaves the body in buf and returns
 * the status, or -1 when the connection failed. */
static int read_response(int fd, char *buf, size_t cap)
{
    size_t len = 0, body_len, head_len;
    char *end, *cl;
    int status;
    buf[0] = '\0';
    while (!(end = strstr(buf, "\r\n\r\n"))) {
        ssize_t r = len < cap - 1 ? recv(fd, buf + len, cap - 1 - len, 0) : -1;
        if (r <= 0)
            return -1;
        len += (size_t)r;
        buf[len] = '\0';
    }
    if (sscanf(buf, "HTTP/1.%*d %d", &status) != 1)
        return -1;
    cl = strcasestr(buf, "\r\nContent-Length:");
    body_len = cl && cl < end ? strtoul(cl + 17, NULL, 10) : 0;
    head_len = (size_t)(end + 4 - buf);
    while (len - head_len < body_len) {
        ssize_t r = len < cap - 1 ? recv(fd, buf + len, cap - 1 - len, 0) : -1;
        if (r <= 0)
            return -1;
        len += (size_t)r;
        buf[len] = '\0';
    }
    memmove(buf, buf + head_len, len - head_len + 1);
    return status;
}

/* POST path with a JSON body; reconnects once when a kept-alive connection was closed. */
static int post(struct client *c, const char *path, const char *body, char *buf, size_t cap)
{
    char req[1024];
    int n = snprintf(req, sizeof req,
                     "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     "Content-Length: %zu\r\n\r\n%s",
                     path, strlen(body), body);
    for (int attempt = 0; attempt < 2; attempt++) {
        int status;
        if (c->fd < 0 && (c->fd = connect_server()) < 0)
            return -1;
        if (send_all(c->fd, req, (size_t)n) == 0 && (status = read_response(c->fd, buf, cap)) > 0)
            return status;
        close(c->fd);
        c->fd = -1;
    }
    return -1;
}

/* ---- playing ---- */

static int json_int(const char *body, const char *key, long long *out)
{
    char pattern[32];
    const char *p;
    snprintf(pattern, sizeof pattern, "\"%s\":", key);
    if (!(p = strstr(body, pattern)))
        return -1;
    *out = strtoll(p + strlen(pattern), NULL, 10);
    return 0;
}

static void add_cell(struct player *p, int x, int y)
{
    p->cells = grow(p->cells, &p->cap, p->n_cells + 1, sizeof *p->cells);
    p->cells[p->n_cells][0] = x;
    p->cells[p->n_cells][1] = y;
    p->n_cells++;
}

static void record_ack(struct client *c, long long seq, const char *cid)
{
    char line[128];
    int n = snprintf(line, sizeof line, "%s %lld %s\n", c->room, seq, cid);
    c->acks = grow(c->acks, &c->acks_cap, c->acks_len + (size_t)n + 1, 1);
    memcpy(c->acks + c->acks_len, line, (size_t)n + 1);
    c->acks_len += (size_t)n;
}

/* A free cell next to the player's, newest cells first; 0 when none is known. */
static int pick(struct client *c, struct player *p, int *x, int *y)
{
    static const int dx[4] = {1, 0, -1, 0}, dy[4] = {0, 1, 0, -1};
    for (size_t i = p->n_cells; i-- > 0;)
        for (int d = 0; d < 4; d++) {
            int nx = p->cells[i][0] + dx[d], ny = p->cells[i][1] + dy[d];
            if (nx >= 0 && ny >= 0 && nx < SIDE && ny < SIDE && !c->known[ny][nx]) {
                *x = nx;
                *y = ny;
                return 1;
            }
        }
    return 0;
}

static int join_players(struct client *c)
{
    char path[64], body[256], buf[8192];
    snprintf(path, sizeof path, "/api/rooms/%s/join", c->room);
    for (int i = 0; i < g.players; i++) {
        struct player *p = &c->players[i];
        long long x, y, seq;
        char cid[48];
        snprintf(p->id, sizeof p->id, "t%d-p%d", c->index, i);
        snprintf(cid, sizeof cid, "%s-join", p->id);
        snprintf(body, sizeof body, "{\"player\":\"%s\",\"name\":\"%s\",\"client_id\":\"%s\"}",
                 p->id, p->id, cid);
        if (post(c, path, body, buf, sizeof buf) != 200 || json_int(buf, "x", &x) != 0 ||
            json_int(buf, "y", &y) != 0 || json_int(buf, "seq", &seq) != 0) {
            fprintf(stderr, "game_load: %s could not join %s: %s\n", p->id, c->room, buf);
            return -1;
        }
        add_cell(p, (int)x, (int)y);
        c->known[y][x] = 1;
        record_ack(c, seq, cid);
        p->next_ms = now_ms() + MOVE_GAP_MS;
    }
    return 0;
}

/* One move of player p: its answer is an acknowledged move, a refusal, or an error. */
static void move_once(struct client *c, struct player *p)
{
    char path[64], body[256], buf[8192], cid[48];
    int x, y, status;
    long long seq;
    double t0;
    if (!pick(c, p, &x, &y)) {
        p->stuck = 1;
        return;
    }
    snprintf(path, sizeof path, "/api/rooms/%s/move", c->room);
    snprintf(cid, sizeof cid, "%s-m%u", p->id, ++p->moves);
    snprintf(body, sizeof body, "{\"player\":\"%s\",\"x\":%d,\"y\":%d,\"client_id\":\"%s\"}", p->id,
             x, y, cid);
    t0 = now_ms_f();
    status = post(c, path, body, buf, sizeof buf);
    if (now_ms() < g.window_end_ms) {
        c->latency = grow(c->latency, &c->cap_latency, c->n_latency + 1, sizeof *c->latency);
        c->latency[c->n_latency++] = now_ms_f() - t0;
        c->moves += status == 200;
        c->refused += status == 409;
        c->errors += status != 200 && status != 409;
    }
    c->known[y][x] = 1; /* taken now, or refused because it was taken */
    p->next_ms = now_ms() + MOVE_GAP_MS;
    if (status == 200 && json_int(buf, "seq", &seq) == 0) {
        add_cell(p, x, y);
        record_ack(c, seq, cid);
    } else if (status < 0 && now_ms() >= g.window_end_ms) {
        c->dead = 1;
    }
}

static struct player *next_player(struct client *c)
{
    struct player *best = NULL;
    for (int i = 0; i < g.players; i++)
        if (!c->players[i].stuck && (!best || c->players[i].next_ms < best->next_ms))
            best = &c->players[i];
    return best;
}

static void *client_main(void *arg)
{
    struct client *c = arg;
    struct player *p;
    int ok = join_players(c) == 0;
    pthread_barrier_wait(&joined); /* every player is in; main starts the clock */
    pthread_barrier_wait(&started);
    if (!ok) {
        c->errors++;
        return NULL;
    }
    while (!c->dead && now_ms() < g.window_end_ms + TAIL_MS && (p = next_player(c))) {
        uint64_t now = now_ms();
        if (p->next_ms > now)
            usleep((useconds_t)(p->next_ms - now) * 1000u);
        move_once(c, p);
    }
    if (c->fd >= 0)
        close(c->fd);
    return NULL;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Latencies of all clients, sorted; prints the summary line and writes the acknowledged moves. */
static int report(struct client **clients, const char *acks_path)
{
    size_t n = 0, cap = 0, k = 0;
    double *all = NULL;
    unsigned long moves = 0, refused = 0, errors = 0;
    FILE *f = fopen(acks_path, "w");
    if (!f) {
        perror(acks_path);
        return 1;
    }
    for (int t = 0; t < g.threads; t++) {
        struct client *c = clients[t];
        all = grow(all, &cap, n + c->n_latency + 1, sizeof *all);
        memcpy(all + n, c->latency, c->n_latency * sizeof *all);
        n += c->n_latency;
        moves += c->moves;
        refused += c->refused;
        errors += c->errors;
        fwrite(c->acks ? c->acks : "", 1, c->acks_len, f);
    }
    qsort(all, n, sizeof *all, by_value);
    k = n ? (size_t)((double)n * 0.99) : 0;
    printf("moves=%lu refused=%lu errors=%lu seconds=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
           moves, refused, errors, g.seconds, n ? all[n / 2] : 0.0,
           n ? all[k < n ? k : n - 1] : 0.0, n ? all[n - 1] : 0.0);
    free(all);
    return fclose(f) == 0 && errors == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    struct client **clients;
    pthread_t *tids;
    int rc;
    if (argc != 7) {
        fprintf(stderr, "usage: game_load PORT ROOMS THREADS PLAYERS SECONDS ACKS\n");
        return 2;
    }
    g.port = atoi(argv[1]);
    g.rooms = atoi(argv[2]);
    g.threads = atoi(argv[3]);
    g.players = atoi(argv[4]);
    g.seconds = atof(argv[5]);
    if (g.port <= 0 || g.rooms <= 0 || g.threads <= 0 || g.players <= 0 ||
        g.players > MAX_PLAYERS || g.seconds <= 0) {
        fprintf(stderr, "game_load: bad arguments\n");
        return 2;
    }
    clients = calloc((size_t)g.threads, sizeof *clients);
    tids = calloc((size_t)g.threads, sizeof *tids);
    pthread_barrier_init(&joined, NULL, (unsigned)g.threads + 1);
    pthread_barrier_init(&started, NULL, (unsigned)g.threads + 1);
    for (int t = 0; t < g.threads; t++) {
        clients[t] = calloc(1, sizeof **clients);
        clients[t]->index = t;
        clients[t]->fd = -1;
        snprintf(clients[t]->room, sizeof clients[t]->room, "load-%d", t % g.rooms);
        pthread_create(&tids[t], NULL, client_main, clients[t]);
    }
    pthread_barrier_wait(&joined);
    printf("window start\n");
    fflush(stdout);
    g.start_ms = now_ms();
    g.window_end_ms = g.start_ms + (uint64_t)(g.seconds * 1000);
    pthread_barrier_wait(&started);
    usleep((useconds_t)(g.seconds * 1e6));
    printf("window over\n");
    fflush(stdout);
    for (int t = 0; t < g.threads; t++)
        pthread_join(tids[t], NULL);
    rc = report(clients, argv[6]);
    for (int t = 0; t < g.threads; t++) {
        for (int i = 0; i < g.players; i++)
            free(clients[t]->players[i].cells);
        free(clients[t]->latency);
        free(clients[t]->acks);
        free(clients[t]);
    }
    free(clients);
    free(tids);
    return rc;
}
