/* game.c - the game's requests: each becomes an event of the rules (with the server's time and
 * randomness in it), submitted to the room's store or asked as a query. */
#include "server.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- reading the request's fields ---- */

static int is_id(const char *s)
{
    size_t n = strlen(s);
    if (n < 1 || n > 32)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
              (s[i] >= '0' && s[i] <= '9') || s[i] == '_' || s[i] == '-'))
            return 0;
    return 1;
}

/* A player id: 1 to 32 of A-Z, a-z, 0-9, _ and -. */
static int get_player(json_t *body, const char **out, struct failure *f)
{
    *out = json_string_value(json_object_get(body, "player"));
    if (*out && is_id(*out))
        return 0;
    fail(f, MHD_HTTP_BAD_REQUEST, "\"player\" must be 1 to 32 of A-Z, a-z, 0-9, _ and -");
    return -1;
}

/* Text of 1 to `max` bytes without control characters (Jansson checked the UTF-8). */
static int get_text(json_t *body, const char *key, size_t max, const char **out, struct failure *f)
{
    json_t *v = json_object_get(body, key);
    size_t n = json_is_string(v) ? json_string_length(v) : 0;
    *out = json_string_value(v);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)(*out)[i] < 0x20 || (*out)[i] == 0x7f)
            n = 0;
    if (n >= 1 && n <= max)
        return 0;
    fail(f, MHD_HTTP_BAD_REQUEST,
         "\"%s\" must be text of 1 to %zu bytes without control characters", key, max);
    return -1;
}

/* The optional client id: 1 to 128 printable ASCII characters without spaces. */
static int get_client_id(json_t *body, const char **out, struct failure *f)
{
    json_t *v = json_object_get(body, "client_id");
    *out = NULL;
    if (!v)
        return 0;
    if (json_is_string(v) && json_string_length(v) >= 1 && json_string_length(v) <= 128) {
        const char *s = json_string_value(v);
        size_t i = 0;
        while (s[i] > 0x20 && s[i] < 0x7f)
            i++;
        if (i == json_string_length(v)) {
            *out = s;
            return 0;
        }
    }
    fail(f, MHD_HTTP_BAD_REQUEST,
         "\"client_id\" must be 1 to 128 printable ASCII characters without spaces");
    return -1;
}

static int get_int(json_t *body, const char *key, json_int_t *out, struct failure *f)
{
    json_t *v = json_object_get(body, key);
    if (json_is_integer(v) && json_integer_value(v) >= -1000000000 &&
        json_integer_value(v) <= 1000000000) {
        *out = json_integer_value(v);
        return 0;
    }
    fail(f, MHD_HTTP_BAD_REQUEST, "\"%s\" must be an integer (at most 10^9 either way)", key);
    return -1;
}

/* ---- the rules' answers ---- */

int rules_accepted(const char *response)
{
    json_t *doc = json_loads(response, 0, NULL);
    int ok = json_is_true(json_object_get(doc, "ok"));
    json_decref(doc);
    return ok;
}

/* The rules' response as the reply: 200 (or `created`) when it says ok, 409 when the rules
 * refused; `extra`'s fields are added (taken over). */
enum MHD_Result reply_rules(struct request *r, const char *response, unsigned created,
                            json_t *extra)
{
    json_t *doc = json_loads(response, 0, NULL);
    unsigned status;
    if (!json_is_object(doc)) {
        json_decref(doc);
        json_decref(extra);
        return reply_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR,
                           "the rules answered something that is not a JSON object");
    }
    status = json_is_true(json_object_get(doc, "ok")) ? created : MHD_HTTP_CONFLICT;
    if (extra)
        json_object_update(doc, extra);
    json_decref(extra);
    return reply_json(r, status, doc);
}

/* ---- writes: events submitted to the store ---- */

/* Submit `event` (taken over) to the request's room, with the client id `player/cid` when the
 * client sent one (a retry then gets the first answer and is applied once), and reply. */
static enum MHD_Result submit(struct request *r, json_t *event, const char *player, const char *cid,
                              uint64_t time_us)
{
    struct failure f;
    struct room *room = room_acquire(r->arg[0], &f);
    char id[200], *text;
    persist_event ev;
    enum MHD_Result ret;
    int rc;
    if (!room) {
        json_decref(event);
        return reply_failure(r, &f);
    }
    if (cid)
        json_object_set_new(event, "client_id", json_string(cid));
    text = json_dumps(event, JSON_COMPACT);
    json_decref(event);
    if (!text) {
        room_release(room);
        return reply_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
    }
    memset(&ev, 0, sizeof ev);
    ev.event = text;
    ev.event_len = strlen(text);
    ev.time_us = time_us;
    if (cid) {
        snprintf(id, sizeof id, "%s/%s", player, cid);
        ev.client_id = id;
        ev.client_id_len = strlen(id);
    }
    rc = persist_store_submit_events(room_store(room), &ev, 1, sizeof ev);
    if (rc == PERSIST_OK) {
        ret = reply_rules(
            r, ev.response, MHD_HTTP_OK,
            json_pack("{s:I,s:b}", "seq", (json_int_t)ev.seq, "duplicate", (int)ev.duplicate));
        if (ev.seq > 0 && !ev.duplicate)
            room_changed(room);
    } else {
        fail_persist(&f, room_store(room), rc, "submitting the event");
        if (rc == PERSIST_EFATAL || rc == PERSIST_EIO)
            room_failed(room);
        ret = reply_failure(r, &f);
    }
    persist_free(ev.response);
    free(text);
    room_release(room);
    return ret;
}

/* Each write reads its own fields into an event; the player and client id are common. */
typedef json_t *(*event_builder)(json_t *body, const char *player, uint64_t time_us,
                                 struct failure *f);

static enum MHD_Result act(struct request *r, event_builder build)
{
    struct failure f;
    enum MHD_Result ret;
    const char *player, *cid;
    uint64_t t = now_us();
    json_t *event = NULL, *body = request_object(r, &ret);
    if (!body)
        return ret;
    if (get_player(body, &player, &f) == 0 && get_client_id(body, &cid, &f) == 0)
        event = build(body, player, t, &f);
    ret = event ? submit(r, event, player, cid, t) : reply_failure(r, &f);
    json_decref(body);
    return ret;
}

static json_t *join_event(json_t *body, const char *player, uint64_t t, struct failure *f)
{
    const char *name;
    if (get_text(body, "name", 64, &name, f) != 0)
        return NULL;
    return json_pack("{s:s,s:s,s:s,s:I,s:I}", "type", "join", "player", player, "name", name,
                     "time", (json_int_t)(t / 1000), "random", (json_int_t)random_u31());
}

static json_t *move_event(json_t *body, const char *player, uint64_t t, struct failure *f)
{
    json_int_t x, y;
    if (get_int(body, "x", &x, f) != 0 || get_int(body, "y", &y, f) != 0)
        return NULL;
    return json_pack("{s:s,s:s,s:I,s:I,s:I}", "type", "move", "player", player, "x", x, "y", y,
                     "time", (json_int_t)(t / 1000));
}

static json_t *leave_event(json_t *body, const char *player, uint64_t t, struct failure *f)
{
    (void)body;
    (void)t;
    (void)f;
    return json_pack("{s:s,s:s}", "type", "leave", "player", player);
}

enum MHD_Result game_join(struct request *r)
{
    return act(r, join_event);
}

enum MHD_Result game_move(struct request *r)
{
    return act(r, move_event);
}

enum MHD_Result game_leave(struct request *r)
{
    return act(r, leave_event);
}

/* ---- reads: queries, never logged ---- */

/* The rules' response to the query `event` on the room's live state (malloc'd), or NULL. */
static char *ask(struct room *room, const char *event, struct failure *f)
{
    char *response = NULL, *copy;
    int rc = persist_store_query(room_store(room), event, strlen(event), &response, NULL);
    if (rc != PERSIST_OK) {
        fail_persist(f, room_store(room), rc, "querying the rules");
        return NULL;
    }
    copy = strdup(response);
    persist_free(response);
    if (!copy)
        fail(f, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
    return copy;
}

static enum MHD_Result query(struct request *r, json_t *event)
{
    struct failure f;
    struct room *room = room_acquire(r->arg[0], &f);
    char *text = json_dumps(event, JSON_COMPACT), *response = NULL;
    enum MHD_Result ret;
    json_decref(event);
    if (room && text)
        response = ask(room, text, &f);
    else if (room)
        fail(&f, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
    ret = response ? reply_rules(r, response, MHD_HTTP_OK, NULL) : reply_failure(r, &f);
    free(response);
    free(text);
    if (room)
        room_release(room);
    return ret;
}

enum MHD_Result game_leaderboard(struct request *r)
{
    const char *limit = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, "limit");
    char *end = NULL;
    long n = limit ? strtol(limit, &end, 10) : 10;
    if (limit && (end == limit || *end != '\0' || n < 1 || n > 1000))
        return reply_error(r, MHD_HTTP_BAD_REQUEST, "limit must be an integer from 1 to 1000");
    return query(r, json_pack("{s:s,s:i}", "type", "leaderboard", "limit", (int)n));
}

enum MHD_Result game_player(struct request *r)
{
    if (!is_id(r->arg[1]))
        return reply_error(r, MHD_HTTP_BAD_REQUEST,
                           "a player id is 1 to 32 of A-Z, a-z, 0-9, _ and -");
    return query(r, json_pack("{s:s,s:s}", "type", "player", "player", r->arg[1]));
}

/* The field `key` of the rules' JSON response `text` (a new reference), or NULL. */
static json_t *answer_field(const char *text, const char *key)
{
    json_t *doc = json_loads(text, 0, NULL);
    json_t *v = key ? json_incref(json_object_get(doc, key)) : json_incref(doc);
    json_decref(doc);
    return v;
}

/* What the page shows of a room: the view and the leaderboard (two queries), the head record,
 * the rules' hash and the server's start id. */
char *game_document(struct room *room, struct failure *f)
{
    persist_store *s = room_store(room);
    uint64_t head = 0;
    char hash[65] = "", *view = NULL, *board = NULL, *text = NULL;
    json_t *v = NULL, *b = NULL, *doc;
    int rc = persist_store_head(s, &head);
    if (rc == PERSIST_OK)
        rc = persist_store_app_hash(s, hash, sizeof hash);
    if (rc != PERSIST_OK) {
        fail_persist(f, s, rc, "reading the room");
        return NULL;
    }
    if ((view = ask(room, "{\"type\":\"view\"}", f)) &&
        (board = ask(room, "{\"type\":\"leaderboard\",\"limit\":10}", f))) {
        v = answer_field(view, NULL);
        b = answer_field(board, "leaderboard");
        doc = v && b ? json_pack("{s:b,s:s,s:s,s:I,s:s%,s:O,s:O}", "ok", 1, "room", room_name(room),
                                 "server", g_config.boot_id, "head", (json_int_t)head, "rules",
                                 hash, (size_t)12, "view", v, "leaderboard", b)
                     : NULL;
        text = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
        json_decref(doc);
        if (!text)
            fail(f, MHD_HTTP_INTERNAL_SERVER_ERROR, "the rules' view or leaderboard is not JSON");
    }
    json_decref(v);
    json_decref(b);
    free(view);
    free(board);
    return text;
}
