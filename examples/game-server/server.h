/* server.h - what the game server's files share: its settings, a request, replies, rooms. */
#ifndef GAME_SERVER_H
#define GAME_SERVER_H

#include <jansson.h>
#include <microhttpd.h>
#include <persist.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* A file read whole at start (the rules, the page). */
struct blob {
    char *data;
    size_t len;
};

/* The server's settings (main.c fills them from the command line). */
struct config {
    const char *data_dir;    /* rooms live in DATA/rooms/NAME, one store each */
    char *rooms_dir;         /* DATA/rooms */
    struct blob rules;       /* the rules deployed into a new room */
    char admin_token[65];    /* Authorization: Bearer TOKEN for /admin */
    char boot_id[17];        /* random per start: the page sees that the server restarted */
    struct blob page[3];     /* index.html, game.js, game.css */
    size_t body_limit;       /* most bytes of a game request's body */
    size_t admin_body_limit; /* most bytes of a deploy's body (the rules' code) */
    unsigned idle_seconds;   /* a room unused this long is closed */
    unsigned max_rooms;      /* most rooms on disk and in memory */
};

extern struct config g_config;

/* Why a call failed, for the reply: an HTTP status and a message. */
struct failure {
    unsigned status;
    char message[512];
};

void fail(struct failure *f, unsigned status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A failed library call: the status (from the code) and the store's message. */
void fail_persist(struct failure *f, persist_store *s, int rc, const char *what);

/* ---- one HTTP request (http.c) ---- */

struct request {
    struct MHD_Connection *conn;
    const char *method;
    const char *url;
    const char *arg[2]; /* the path's variable parts: room name, player id */
    char arg_buf[2][64];
    char *body; /* NUL-terminated */
    size_t body_len, body_cap, body_limit, discarded;
    int too_large; /* the body passed the limit: it is dropped, the answer is 413 */
    const struct route *route;
};

/* Reply with a JSON document (taken over) or an error {"ok":false,"error":...}. Return what the
 * access handler returns. */
enum MHD_Result reply_json(struct request *r, unsigned status, json_t *doc);
enum MHD_Result reply_error(struct request *r, unsigned status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
enum MHD_Result reply_failure(struct request *r, const struct failure *f);
enum MHD_Result reply_text(struct request *r, unsigned status, const char *type, const char *text,
                           size_t len);
/* The body as a JSON object, or NULL after replying 400. */
json_t *request_object(struct request *r, enum MHD_Result *result);

struct MHD_Daemon *http_start(unsigned port, unsigned max_connections);

/* ---- rooms (rooms.c) ---- */

struct room;

int rooms_init(void);
void rooms_stop(void);     /* wake every waiting stream: the server stops */
void rooms_shutdown(void); /* close every store */
int room_name_valid(const char *name);
/* The room, its store open, held until room_release (NULL and f filled when it cannot be). */
struct room *room_acquire(const char *name, struct failure *f);
void room_release(struct room *room);
persist_store *room_store(struct room *room);
const char *room_name(const struct room *room);
/* A write changed the room's state: wake the streams. */
void room_changed(struct room *room);
/* The store refuses writes (a failed commit): close it once nobody uses it, reopen on demand. */
void room_failed(struct room *room);
/* Wait until the room changed after version `seen`: 1 changed, 0 timeout, -1 the server stops. */
int room_wait(struct room *room, uint64_t seen, unsigned timeout_ms);
/* The room's document (game.c builds it) for the current version, as a copy (free() it). */
char *room_document(struct room *room, uint64_t *version, struct failure *f);
/* Create a room: a new store with the rules and the board, renamed into place when complete.
 * Returns the rules' response to the board's event (free with persist_free) and sets *accepted
 * when the room was made; NULL with f filled when it failed. */
char *room_create(const char *name, const char *create_event, int *accepted, struct failure *f);
json_t *rooms_list(void);
unsigned rooms_open_count(void);

/* ---- the game's requests (game.c), the live stream (live.c), admin (admin.c) ---- */

enum MHD_Result game_create(struct request *r);
enum MHD_Result game_list(struct request *r);
enum MHD_Result game_join(struct request *r);
enum MHD_Result game_move(struct request *r);
enum MHD_Result game_leave(struct request *r);
enum MHD_Result game_room(struct request *r);
enum MHD_Result game_leaderboard(struct request *r);
enum MHD_Result game_player(struct request *r);
enum MHD_Result game_status(struct request *r);
char *game_document(struct room *room, struct failure *f);
/* Whether the rules' response says {"ok":true,...}. */
int rules_accepted(const char *response);
/* The rules' response as the reply: `created` (200 or 201) when it says ok, 409 when the rules
 * refused; the fields of `extra` (taken over, may be NULL) are added. */
enum MHD_Result reply_rules(struct request *r, const char *response, unsigned created,
                            json_t *extra);
enum MHD_Result live_events(struct request *r);
enum MHD_Result admin_deploy(struct request *r);
/* Whether the request may use /admin: from loopback (else 403) with the token (else 401). */
int admin_allowed(struct request *r, struct failure *f);

/* ---- small helpers (util.c) ---- */

uint64_t now_us(void); /* wall clock, microseconds since the epoch */
uint64_t monotonic_s(void);
uint32_t random_u31(void);                /* from the kernel's random source */
void random_hex(char *out, size_t bytes); /* 2 * bytes hex digits and a NUL */
int read_file(const char *path, struct blob *out);
int write_file_atomic(const char *path, const char *text, mode_t mode);
int remove_store_dir(const char *dir);
int fsync_dir(const char *dir);

#endif
