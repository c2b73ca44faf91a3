/* lobby.c - the requests about rooms as a whole: create, list, a room's document, the status. */
#include "server.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The board's event {"type":"create","width":W,"height":H} as text, or NULL after filling f. */
static char *create_event(json_t *body, const char **name, struct failure *f)
{
    json_t *w = json_object_get(body, "width"), *h = json_object_get(body, "height");
    json_t *room = json_object_get(body, "room"), *event;
    char *text;
    if (!json_is_integer(w) || !json_is_integer(h)) {
        fail(f, MHD_HTTP_BAD_REQUEST, "\"width\" and \"height\" must be integers");
        return NULL;
    }
    if (room && !json_is_string(room)) {
        fail(f, MHD_HTTP_BAD_REQUEST, "\"room\" must be a string");
        return NULL;
    }
    if (room)
        *name = json_string_value(room);
    event = json_pack("{s:s,s:O,s:O}", "type", "create", "width", w, "height", h);
    text = event ? json_dumps(event, JSON_COMPACT) : NULL;
    json_decref(event);
    if (!text)
        fail(f, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
    return text;
}

/* POST /api/rooms {"room":NAME,"width":W,"height":H}; without a name the server picks one.
 * 201 with the rules' answer, or 409 with it when the rules refused the board. */
enum MHD_Result game_create(struct request *r)
{
    struct failure f;
    enum MHD_Result ret;
    json_t *body = request_object(r, &ret);
    char picked[16] = "room-", *event, *response = NULL;
    const char *name = picked;
    int accepted = 0;
    if (!body)
        return ret;
    random_hex(picked + 5, 3);
    event = create_event(body, &name, &f);
    if (event)
        response = room_create(name, event, &accepted, &f);
    ret = response ? reply_rules(r, response, MHD_HTTP_CREATED, json_pack("{s:s}", "room", name))
                   : reply_failure(r, &f);
    persist_free(response);
    free(event);
    json_decref(body);
    return ret;
}

/* GET /api/rooms */
enum MHD_Result game_list(struct request *r)
{
    json_t *names = rooms_list();
    if (!names)
        return reply_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "cannot read the rooms directory");
    return reply_json(r, MHD_HTTP_OK, json_pack("{s:b,s:o}", "ok", 1, "rooms", names));
}

/* GET /api/rooms/NAME: the document the page shows (game_document). */
enum MHD_Result game_room(struct request *r)
{
    struct failure f;
    struct room *room = room_acquire(r->arg[0], &f);
    char *doc = room ? room_document(room, NULL, &f) : NULL;
    enum MHD_Result ret = doc ? reply_text(r, MHD_HTTP_OK, "application/json", doc, strlen(doc))
                              : reply_failure(r, &f);
    free(doc);
    if (room)
        room_release(room);
    return ret;
}

/* GET /api/status */
enum MHD_Result game_status(struct request *r)
{
    return reply_json(r, MHD_HTTP_OK,
                      json_pack("{s:b,s:s,s:s,s:i}", "ok", 1, "server", g_config.boot_id, "library",
                                persist_version_string(), "rooms_open", (int)rooms_open_count()));
}
