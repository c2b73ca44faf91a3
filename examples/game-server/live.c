/* live.c - live updates for the page: a Server-Sent Events stream of the room's document, sent
 * again whenever a write changed the room. */
#include "server.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One stream holds its room (which stays open while watched) until the client goes away. */
struct stream {
    struct room *room;
    int fd;        /* the client's socket, watched for a hang-up while waiting */
    uint64_t seen; /* the room's version the last document showed */
    char *buf;
    size_t len, off;
};

enum { KEEPALIVE_MS = 15000, CHECK_MS = 1000 };

/* Whether the client closed its side (an EventSource sends nothing after its request). */
static int peer_gone(int fd)
{
    struct pollfd p = {fd, POLLRDHUP, 0};
    return fd >= 0 && poll(&p, 1, 0) > 0 &&
           (p.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL));
}

/* Wait for a change: 1 changed, 0 time for a keep-alive, -1 the server stops or the client left
 * (checked every second, so a closed page does not keep its room open). */
static int wait_change(struct stream *s)
{
    for (unsigned waited = 0; waited < KEEPALIVE_MS; waited += CHECK_MS) {
        int changed = room_wait(s->room, s->seen, CHECK_MS);
        if (changed != 0)
            return changed;
        if (peer_gone(s->fd))
            return -1;
    }
    return 0;
}

/* The next piece of the stream: the room's document as an event, or a comment that keeps the
 * connection alive. -1 ends the stream (the server stops, or the room cannot be read). */
static int next_chunk(struct stream *s, int first, struct failure *f)
{
    char *doc;
    int n;
    int changed = first ? 1 : wait_change(s);
    free(s->buf);
    s->buf = NULL;
    s->len = s->off = 0;
    if (changed < 0)
        return -1;
    if (changed == 0) {
        s->buf = strdup(": keep-alive\n\n");
    } else {
        if (!(doc = room_document(s->room, &s->seen, f)))
            return -1;
        n = asprintf(&s->buf, "%sdata: %s\n\n", first ? "retry: 1000\n" : "", doc);
        free(doc);
        if (n < 0)
            s->buf = NULL;
    }
    if (!s->buf) {
        fail(f, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
        return -1;
    }
    s->len = strlen(s->buf);
    return 0;
}

static ssize_t stream_read(void *cls, uint64_t pos, char *out, size_t max)
{
    struct stream *s = cls;
    struct failure f;
    size_t n;
    (void)pos;
    if (s->off == s->len && next_chunk(s, 0, &f) != 0)
        return MHD_CONTENT_READER_END_OF_STREAM;
    n = s->len - s->off < max ? s->len - s->off : max;
    memcpy(out, s->buf + s->off, n);
    s->off += n;
    return (ssize_t)n;
}

static void stream_free(void *cls)
{
    struct stream *s = cls;
    room_release(s->room);
    free(s->buf);
    free(s);
}

static int client_fd(struct MHD_Connection *conn)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
    return ci ? ci->connect_fd : -1;
}

/* GET /api/rooms/NAME/events: the document at once, then at every change. */
enum MHD_Result live_events(struct request *r)
{
    struct failure f;
    struct room *room = room_acquire(r->arg[0], &f);
    struct stream *s;
    struct MHD_Response *resp;
    enum MHD_Result ret;
    if (!room)
        return reply_failure(r, &f);
    if (!(s = calloc(1, sizeof *s))) {
        room_release(room);
        return reply_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
    }
    s->room = room;
    s->fd = client_fd(r->conn);
    if (next_chunk(s, 1, &f) != 0) {
        stream_free(s);
        return reply_failure(r, &f);
    }
    resp =
        MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 16 * 1024, stream_read, s, stream_free);
    if (!resp) {
        stream_free(s);
        return MHD_NO;
    }
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, "text/event-stream");
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    ret = MHD_queue_response(r->conn, MHD_HTTP_OK, resp);
    MHD_destroy_response(resp);
    return ret;
}
