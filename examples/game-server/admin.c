/* admin.c - the admin endpoint: deploy new rules into a running room (from loopback, with the
 * server's token), which is how rules change while players are connected: the server holds the
 * room's writer lock, so the persist tool cannot deploy into an open room. */
#include "server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

static int from_loopback(struct MHD_Connection *conn)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    const struct sockaddr *sa = ci ? ci->client_addr : NULL;
    if (sa && sa->sa_family == AF_INET)
        return (ntohl(((const struct sockaddr_in *)sa)->sin_addr.s_addr) >> 24) == 127;
    if (sa && sa->sa_family == AF_INET6)
        return IN6_IS_ADDR_LOOPBACK(&((const struct sockaddr_in6 *)sa)->sin6_addr);
    return 0;
}

/* "Authorization: Bearer TOKEN", compared in constant time. */
static int token_ok(struct MHD_Connection *conn)
{
    const char *h = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Authorization");
    const char *want = g_config.admin_token;
    size_t n = strlen(want);
    unsigned char diff = 0;
    if (!h || strncmp(h, "Bearer ", 7) != 0 || strlen(h + 7) != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        diff |= (unsigned char)(h[7 + i] ^ want[i]);
    return diff == 0;
}

int admin_allowed(struct request *r, struct failure *f)
{
    if (!from_loopback(r->conn)) {
        fail(f, MHD_HTTP_FORBIDDEN, "the admin endpoint answers only on the loopback interface");
        return 0;
    }
    if (!token_ok(r->conn)) {
        fail(f, MHD_HTTP_UNAUTHORIZED,
             "missing or wrong admin token (Authorization: Bearer TOKEN; the token is in "
             "DATA/admin-token)");
        return 0;
    }
    return 1;
}

/* POST /admin/rooms/NAME/deploy?mode=migrate|init, the body the rules' code. Nothing changes
 * when the library refuses the code (422 with its message): the room plays on. */
enum MHD_Result admin_deploy(struct request *r)
{
    const char *mode = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, "mode");
    uint32_t m = !mode                          ? 0
                 : strcmp(mode, "migrate") == 0 ? PERSIST_DEPLOY_MIGRATE
                 : strcmp(mode, "init") == 0    ? PERSIST_DEPLOY_INIT
                                                : 0;
    struct failure f;
    struct room *room;
    uint64_t head = 0;
    char hash[65] = "";
    int rc;
    if (m == 0)
        return reply_error(r, MHD_HTTP_BAD_REQUEST, "?mode= must be migrate or init");
    if (r->body_len == 0)
        return reply_error(r, MHD_HTTP_BAD_REQUEST, "the body must be the rules' code");
    if (!(room = room_acquire(r->arg[0], &f)))
        return reply_failure(r, &f);
    rc = persist_store_deploy(room_store(room), r->body, r->body_len, m, NULL);
    if (rc == PERSIST_OK)
        rc = persist_store_app_hash(room_store(room), hash, sizeof hash);
    if (rc == PERSIST_OK)
        rc = persist_store_head(room_store(room), &head);
    if (rc != PERSIST_OK)
        fail_persist(&f, room_store(room), rc, "deploy refused, the room is unchanged");
    else
        room_changed(room);
    room_release(room);
    if (rc != PERSIST_OK)
        return reply_failure(r, &f);
    return reply_json(r, MHD_HTTP_OK,
                      json_pack("{s:b,s:s,s:s,s:s,s:I}", "ok", 1, "room", r->arg[0], "mode", mode,
                                "rules", hash, "head", (json_int_t)head));
}
