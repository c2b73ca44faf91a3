/* http.c - the game server's HTTP side: routes, request bodies with a limit, JSON replies. */
#include "server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct route {
    const char *method;
    const char *pattern; /* '*' stands for one path segment */
    enum MHD_Result (*handler)(struct request *r);
    int admin; /* takes the admin body limit (a deploy's code) */
};

static enum MHD_Result page_index(struct request *r);
static enum MHD_Result page_js(struct request *r);
static enum MHD_Result page_css(struct request *r);

static const struct route ROUTES[] = {
    {"GET", "/", page_index, 0},
    {"GET", "/index.html", page_index, 0},
    {"GET", "/game.js", page_js, 0},
    {"GET", "/game.css", page_css, 0},
    {"GET", "/api/status", game_status, 0},
    {"GET", "/api/rooms", game_list, 0},
    {"POST", "/api/rooms", game_create, 0},
    {"GET", "/api/rooms/*", game_room, 0},
    {"POST", "/api/rooms/*/join", game_join, 0},
    {"POST", "/api/rooms/*/move", game_move, 0},
    {"POST", "/api/rooms/*/leave", game_leave, 0},
    {"GET", "/api/rooms/*/leaderboard", game_leaderboard, 0},
    {"GET", "/api/rooms/*/players/*", game_player, 0},
    {"GET", "/api/rooms/*/events", live_events, 0},
    {"POST", "/admin/rooms/*/deploy", admin_deploy, 1},
};
#define N_ROUTES (sizeof ROUTES / sizeof ROUTES[0])

/* How much of a body over the limit is read (and dropped) to answer 413 cleanly. */
#define DISCARD_LIMIT ((size_t)1 << 20)

/* ---- replies ---- */

static enum MHD_Result queue(struct request *r, unsigned status, struct MHD_Response *resp,
                             const char *type)
{
    enum MHD_Result ret;
    if (!resp)
        return MHD_NO;
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    ret = MHD_queue_response(r->conn, status, resp);
    MHD_destroy_response(resp);
    return ret;
}

enum MHD_Result reply_text(struct request *r, unsigned status, const char *type, const char *text,
                           size_t len)
{
    return queue(r, status,
                 MHD_create_response_from_buffer(len, (void *)text, MHD_RESPMEM_MUST_COPY), type);
}

enum MHD_Result reply_json(struct request *r, unsigned status, json_t *doc)
{
    char *text = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
    json_decref(doc);
    if (!text)
        return MHD_NO;
    return queue(r, status,
                 MHD_create_response_from_buffer(strlen(text), text, MHD_RESPMEM_MUST_FREE),
                 "application/json");
}

enum MHD_Result reply_error(struct request *r, unsigned status, const char *fmt, ...)
{
    char message[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    return reply_json(r, status, json_pack("{s:b,s:s}", "ok", 0, "error", message));
}

enum MHD_Result reply_failure(struct request *r, const struct failure *f)
{
    return reply_error(r, f->status, "%s", f->message);
}

json_t *request_object(struct request *r, enum MHD_Result *result)
{
    json_error_t err;
    json_t *doc = json_loadb(r->body ? r->body : "", r->body_len, JSON_REJECT_DUPLICATES, &err);
    if (!doc) {
        *result = reply_error(r, MHD_HTTP_BAD_REQUEST, "malformed JSON: %s (line %d, column %d)",
                              err.text, err.line, err.column);
        return NULL;
    }
    if (!json_is_object(doc)) {
        json_decref(doc);
        *result = reply_error(r, MHD_HTTP_BAD_REQUEST, "the body must be a JSON object");
        return NULL;
    }
    return doc;
}

static enum MHD_Result page_index(struct request *r)
{
    return reply_text(r, MHD_HTTP_OK, "text/html; charset=utf-8", g_config.page[0].data,
                      g_config.page[0].len);
}

static enum MHD_Result page_js(struct request *r)
{
    return reply_text(r, MHD_HTTP_OK, "text/javascript; charset=utf-8", g_config.page[1].data,
                      g_config.page[1].len);
}

static enum MHD_Result page_css(struct request *r)
{
    return reply_text(r, MHD_HTTP_OK, "text/css; charset=utf-8", g_config.page[2].data,
                      g_config.page[2].len);
}

/* ---- routing ---- */

/* Whether `url` matches `pattern`; the segments standing for '*' go to r->arg (cut at 63 bytes,
 * which no valid name reaches). */
static int match(const char *pattern, const char *url, struct request *r)
{
    int n = 0;
    while (*pattern && *url) {
        if (*pattern == '*') {
            size_t len = strcspn(url, "/");
            if (len == 0 || n >= 2)
                return 0;
            snprintf(r->arg_buf[n], sizeof r->arg_buf[n], "%.*s", (int)len, url);
            r->arg[n] = r->arg_buf[n];
            n++;
            url += len;
            pattern++;
        } else if (*pattern++ != *url++) {
            return 0;
        }
    }
    return *pattern == '\0' && *url == '\0';
}

/* The route for the request; *path_known says whether the path exists (with another method). */
static const struct route *route_find(struct request *r, int *path_known)
{
    *path_known = 0;
    for (size_t i = 0; i < N_ROUTES; i++) {
        if (!match(ROUTES[i].pattern, r->url, r))
            continue;
        *path_known = 1;
        if (strcmp(ROUTES[i].method, r->method) == 0)
            return &ROUTES[i];
    }
    return NULL;
}

/* ---- the access handler ---- */

/* The first call (headers only): find the route; refuse an admin request without the token and a
 * declared body over the limit at once (libmicrohttpd then drops the body and the connection). */
static enum MHD_Result begin(struct request *r)
{
    struct failure f;
    int path_known;
    const char *length;
    r->route = route_find(r, &path_known);
    if (!r->route && path_known)
        return reply_error(r, MHD_HTTP_METHOD_NOT_ALLOWED, "%s is not allowed on %s", r->method,
                           r->url);
    if (!r->route)
        return reply_error(r, MHD_HTTP_NOT_FOUND, "no such path: %s", r->url);
    if (r->route->admin && !admin_allowed(r, &f))
        return reply_failure(r, &f);
    r->body_limit = r->route->admin ? g_config.admin_body_limit : g_config.body_limit;
    length = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Content-Length");
    if (length && strtoull(length, NULL, 10) > r->body_limit + DISCARD_LIMIT)
        return reply_error(r, MHD_HTTP_CONTENT_TOO_LARGE, "the body is larger than %zu bytes",
                           r->body_limit);
    return MHD_YES;
}

/* A body over the limit is read and dropped, and answered with 413 once it is all read (an answer
 * sent before would come with a closed connection, which may reset it before the client reads
 * it). Past 1 MiB more (or when it says so at once) the answer comes early or the connection is
 * closed. */
static enum MHD_Result take_body(struct request *r, const char *data, size_t *size)
{
    size_t n = *size;
    *size = 0;
    if (r->too_large || r->body_len + n > r->body_limit) {
        r->too_large = 1;
        r->discarded += n;
        return r->discarded > DISCARD_LIMIT ? MHD_NO : MHD_YES;
    }
    if (r->body_len + n + 1 > r->body_cap) {
        size_t cap = r->body_limit + 1;
        char *grown = realloc(r->body, cap);
        if (!grown)
            return MHD_NO;
        r->body = grown;
        r->body_cap = cap;
    }
    memcpy(r->body + r->body_len, data, n);
    r->body_len += n;
    r->body[r->body_len] = '\0';
    return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_size, void **con_cls)
{
    struct request *r = *con_cls;
    (void)cls;
    (void)version;
    if (!r) {
        if (!(r = calloc(1, sizeof *r)))
            return MHD_NO;
        *con_cls = r;
        r->conn = conn;
        r->method = method;
        r->url = url;
        return begin(r);
    }
    if (*upload_size > 0)
        return take_body(r, upload_data, upload_size);
    if (r->too_large)
        return reply_error(r, MHD_HTTP_CONTENT_TOO_LARGE, "the body is larger than %zu bytes",
                           r->body_limit);
    return r->route->handler(r);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode why)
{
    struct request *r = *con_cls;
    (void)cls;
    (void)conn;
    (void)why;
    if (r) {
        free(r->body);
        free(r);
        *con_cls = NULL;
    }
}

struct MHD_Daemon *http_start(unsigned port, unsigned max_connections)
{
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return MHD_start_daemon(
        MHD_USE_THREAD_PER_CONNECTION | MHD_USE_POLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG,
        (uint16_t)port, NULL, NULL, on_request, NULL, MHD_OPTION_SOCK_ADDR, &addr,
        MHD_OPTION_CONNECTION_LIMIT, max_connections, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_END);
}
