/* main.c - the game server example: options, the data directory, the HTTP daemon, signals. */
#include "server.h"

#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#ifndef GAME_SOURCE_DIR
#define GAME_SOURCE_DIR "examples/game-server"
#endif

struct config g_config;

struct options {
    const char *rules, *www, *port_file;
    unsigned port, max_connections;
};

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: game-server [OPTIONS]\n"
            "A territory game on libpersist: one store per room, on http://127.0.0.1:PORT/.\n\n"
            "  --data DIR            data directory (default ./game-data): DIR/rooms/NAME is a\n"
            "                        room's store, DIR/admin-token the admin token\n"
            "  --port N              port on 127.0.0.1 (default 8080; 0 picks a free one)\n"
            "  --port-file FILE      write the port there once listening\n"
            "  --rules FILE          rules deployed into new rooms (default\n"
            "                        " GAME_SOURCE_DIR "/rules/v1/compiled/main.optimize.js)\n"
            "  --www DIR             the page's files (default " GAME_SOURCE_DIR "/www)\n"
            "  --idle-seconds N      close a room's store after N idle seconds (default 60)\n"
            "  --body-limit BYTES    largest game request body (default 4096)\n"
            "  --max-rooms N         most rooms (default 1000)\n"
            "  --max-connections N   most connections at once (default 256)\n"
            "  -h, --help            this text\n");
}

static int parse_unsigned(const char *text, unsigned long max, unsigned long *out)
{
    char *end;
    errno = 0;
    *out = strtoul(text, &end, 10);
    return errno == 0 && end != text && *end == '\0' && text[0] != '-' && *out <= max ? 0 : -1;
}

/* Sets one numeric option; -1 for a bad value. */
static int set_number(int opt, const char *arg, struct options *o)
{
    unsigned long v;
    unsigned long max = opt == 'p' ? 65535 : 1ul << 30;
    if (parse_unsigned(arg, max, &v) != 0 || (v == 0 && opt != 'p'))
        return -1;
    switch (opt) {
    case 'p': o->port = (unsigned)v; break;
    case 'i': g_config.idle_seconds = (unsigned)v; break;
    case 'b': g_config.body_limit = v; break;
    case 'm': g_config.max_rooms = (unsigned)v; break;
    case 'c': o->max_connections = (unsigned)v; break;
    }
    return 0;
}

static int parse_args(int argc, char **argv, struct options *o)
{
    static const struct option longs[] = {{"data", required_argument, NULL, 'd'},
                                          {"port", required_argument, NULL, 'p'},
                                          {"port-file", required_argument, NULL, 'f'},
                                          {"rules", required_argument, NULL, 'r'},
                                          {"www", required_argument, NULL, 'w'},
                                          {"idle-seconds", required_argument, NULL, 'i'},
                                          {"body-limit", required_argument, NULL, 'b'},
                                          {"max-rooms", required_argument, NULL, 'm'},
                                          {"max-connections", required_argument, NULL, 'c'},
                                          {"help", no_argument, NULL, 'h'},
                                          {NULL, 0, NULL, 0}};
    int opt;
    while ((opt = getopt_long(argc, argv, "h", longs, NULL)) != -1) {
        switch (opt) {
        case 'd': g_config.data_dir = optarg; break;
        case 'f': o->port_file = optarg; break;
        case 'r': o->rules = optarg; break;
        case 'w': o->www = optarg; break;
        case 'h': usage(stdout); exit(0);
        case '?': usage(stderr); return -1;
        default:
            if (set_number(opt, optarg, o) != 0) {
                for (int i = 0; longs[i].name; i++)
                    if (longs[i].val == opt)
                        fprintf(stderr, "game-server: bad value for --%s: %s\n", longs[i].name,
                                optarg);
                return -1;
            }
        }
    }
    if (optind < argc) {
        fprintf(stderr, "game-server: unexpected argument: %s\n", argv[optind]);
        return -1;
    }
    return 0;
}

/* ---- the data directory and the files read at start ---- */

static int make_dir(const char *path)
{
    if (mkdir(path, 0755) == 0 || errno == EEXIST)
        return 0;
    fprintf(stderr, "game-server: cannot create %s: %s\n", path, strerror(errno));
    return -1;
}

/* The admin token: DATA/admin-token, made (32 random hex digits, mode 0600) when missing. */
static int load_token(void)
{
    char path[4096];
    struct blob b;
    snprintf(path, sizeof path, "%s/admin-token", g_config.data_dir);
    if (read_file(path, &b) == 0) {
        size_t n = strcspn(b.data, "\r\n");
        if (n >= 16 && n < sizeof g_config.admin_token)
            snprintf(g_config.admin_token, sizeof g_config.admin_token, "%.*s", (int)n, b.data);
        free(b.data);
        if (g_config.admin_token[0])
            return 0;
        fprintf(stderr, "game-server: %s must hold a token of 16 to 64 characters\n", path);
        return -1;
    }
    random_hex(g_config.admin_token, 16);
    if (write_file_atomic(path, g_config.admin_token, 0600) == 0)
        return 0;
    fprintf(stderr, "game-server: cannot write %s: %s\n", path, strerror(errno));
    return -1;
}

static int load(const char *path, struct blob *out)
{
    if (read_file(path, out) == 0)
        return 0;
    fprintf(stderr, "game-server: cannot read %s: %s\n", path, strerror(errno));
    return -1;
}

/* Each open room holds its store's 5 file descriptors and each connection one: the soft limit of
 * open files is raised to what --max-rooms and --max-connections need, up to the hard limit; when
 * that is lower, the server says how many rooms fit (a room past them gets the library's message
 * about open files). */
static void fit_open_files(const struct options *o)
{
    struct rlimit lim, raised;
    rlim_t others = (rlim_t)o->max_connections + 64; /* connections, and files that are no room's */
    rlim_t want = (rlim_t)g_config.max_rooms * 5 + others;
    if (getrlimit(RLIMIT_NOFILE, &lim) != 0 || lim.rlim_cur == RLIM_INFINITY ||
        lim.rlim_cur >= want)
        return;
    raised = lim;
    raised.rlim_cur = lim.rlim_max == RLIM_INFINITY || lim.rlim_max >= want ? want : lim.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0)
        lim = raised;
    if (lim.rlim_cur < want)
        fprintf(stderr,
                "game-server: this process may have %llu files open: about %llu rooms can be open "
                "at once, not %u (raise the limit: ulimit -n, or -Hn as root)\n",
                (unsigned long long)lim.rlim_cur,
                lim.rlim_cur > others ? (unsigned long long)(lim.rlim_cur - others) / 5 : 0ull,
                g_config.max_rooms);
}

static int setup(const struct options *o)
{
    static const char *const pages[3] = {"index.html", "game.js", "game.css"};
    char path[4096];
    if (asprintf(&g_config.rooms_dir, "%s/rooms", g_config.data_dir) < 0) {
        g_config.rooms_dir = NULL;
        return -1;
    }
    if (make_dir(g_config.data_dir) != 0 || make_dir(g_config.rooms_dir) != 0 ||
        load_token() != 0 || load(o->rules, &g_config.rules) != 0)
        return -1;
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", o->www, pages[i]);
        if (load(path, &g_config.page[i]) != 0)
            return -1;
    }
    random_hex(g_config.boot_id, 8);
    fit_open_files(o);
    return 0;
}

static void teardown(void)
{
    free(g_config.rooms_dir);
    free(g_config.rules.data);
    for (int i = 0; i < 3; i++)
        free(g_config.page[i].data);
}

/* ---- running ---- */

static int announce(struct MHD_Daemon *d, const struct options *o)
{
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    unsigned port = info ? info->port : o->port;
    char text[16];
    printf("game server: http://127.0.0.1:%u/ (data in %s; admin token in %s/admin-token)\n", port,
           g_config.data_dir, g_config.data_dir);
    fflush(stdout);
    snprintf(text, sizeof text, "%u\n", port);
    if (o->port_file && write_file_atomic(o->port_file, text, 0644) != 0) {
        fprintf(stderr, "game-server: cannot write %s: %s\n", o->port_file, strerror(errno));
        return -1;
    }
    return 0;
}

/* Serve until SIGINT or SIGTERM (blocked in every thread, taken here by sigwait). */
static int serve(const struct options *o)
{
    sigset_t stop;
    struct MHD_Daemon *d;
    int sig, rc = 0;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);
    if (rooms_init() != 0)
        return 1;
    d = http_start(o->port, o->max_connections);
    if (!d) {
        fprintf(stderr, "game-server: cannot listen on 127.0.0.1:%u\n", o->port);
        rc = 1;
    } else if (announce(d, o) != 0) {
        rc = 1;
    } else {
        sigwait(&stop, &sig);
        fprintf(stderr, "game server: stopping (signal %d)\n", sig);
    }
    rooms_stop();
    if (d)
        MHD_stop_daemon(d);
    rooms_shutdown();
    return rc;
}

int main(int argc, char **argv)
{
    struct options o = {GAME_SOURCE_DIR "/rules/v1/compiled/main.optimize.js",
                        GAME_SOURCE_DIR "/www", NULL, 8080, 256};
    int rc;
    g_config.data_dir = "game-data";
    g_config.body_limit = 4096;
    g_config.admin_body_limit = 4u << 20;
    g_config.idle_seconds = 60;
    g_config.max_rooms = 1000;
    if (parse_args(argc, argv, &o) != 0)
        return 2;
    rc = setup(&o) == 0 ? serve(&o) : 1;
    teardown();
    return rc;
}
