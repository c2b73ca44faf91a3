/* persist-sync.c - a leader and its followers exchanging libpersist sync batches through a Redis
 * stream (the transport is Redis's; libpersist only produces and consumes the bytes).
 *
 *   persist-sync leader STORE PORT     reads commands on stdin, one per line:
 *                                        event TEXT | id ID TEXT | deploy FILE init|migrate | quit
 *                                      and after each one ships the new records to the stream and
 *                                      keeps the bootstrap package of its newest snapshot
 *   persist-sync follower STORE PORT NAME [--once] [--lease SECONDS]
 *                                      starts STORE from the bootstrap package if it is empty,
 *                                      then applies the stream's batches from where NAME stopped
 *                                      (--once: what is there now, then exit); NAME's offset key
 *                                      expires SECONDS (default a day, 0: never) after the
 *                                      follower last saved it
 *   persist-sync promote STORE [PORT NAME]
 *                                      makes a follower the writer; with PORT and NAME, also
 *                                      deletes NAME's offset key (the writer needs none)
 *   persist-sync query STORE EVENT     answers a query from STORE, read-only
 *
 * Redis on 127.0.0.1:PORT; keys: stream `persist:stream` (fields after, last, data), string
 * `persist:bootstrap`, and `persist:offset:NAME` (the last stream entry a follower applied). After
 * each command the leader trims the stream to the entries that a follower starting from the
 * bootstrap package, or any follower whose offset key has not expired, still needs. */
#include <hiredis/hiredis.h>
#include <persist.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define STREAM    "persist:stream"
#define BOOTSTRAP "persist:bootstrap"
#define MAX_BATCH (256u << 10)
/* A follower's offset key lives this long (seconds) unless the follower saves it again. */
#define DEFAULT_LEASE 86400u

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

static int fail(persist_store *s, int rc, const char *what)
{
    char msg[1024] = "";
    if (s != NULL)
        persist_store_errmsg(s, msg, sizeof msg);
    fprintf(stderr, "persist-sync: %s: %s: %s\n", what, persist_strerror(rc), msg);
    return 1;
}

static redisContext *connect_redis(const char *port)
{
    redisContext *r = redisConnect("127.0.0.1", atoi(port));
    if (r == NULL || r->err) {
        fprintf(stderr, "persist-sync: cannot connect to Redis on port %s: %s\n", port,
                r != NULL ? r->errstr : "out of memory");
        exit(1);
    }
    return r;
}

static persist_store *open_store(const char *dir, uint32_t flags)
{
    persist_options o;
    persist_store *s = NULL;
    int rc;
    persist_options_init(&o, sizeof o);
    o.flags = flags;
    o.snapshot_every = 10; /* small, so that the demo sees the stream trimmed */
    if ((rc = persist_store_open(&s, dir, &o)) != PERSIST_OK) {
        fail(s, rc, dir);
        exit(1);
    }
    return s;
}

/* ---- leader ---- */

/* The value of field `name` of a stream entry (NULL when it has none). */
static redisReply *entry_field(redisReply *entry, const char *name)
{
    redisReply *fields = entry->element[1];
    for (size_t i = 0; i + 1 < fields->elements; i += 2)
        if (strcmp(fields->element[i]->str, name) == 0)
            return fields->element[i + 1];
    return NULL;
}

/* The last record already in the stream (0 when it is empty). */
static uint64_t shipped(redisContext *r)
{
    redisReply *rep = redisCommand(r, "XREVRANGE %s + - COUNT 1", STREAM), *last = NULL;
    uint64_t seq = 0;
    if (rep != NULL && rep->type == REDIS_REPLY_ARRAY && rep->elements == 1 &&
        (last = entry_field(rep->element[0], "last")) != NULL)
        seq = strtoull(last->str, NULL, 10);
    freeReplyObject(rep);
    return seq;
}

/* A Redis reply that is not of the expected type: report it (Redis's own error when it sent one).
 */
static int redis_failed(redisContext *r, redisReply *rep, int type, const char *what)
{
    int failed = rep == NULL || rep->type != type;
    if (failed)
        fprintf(stderr, "persist-sync: %s: %s\n", what,
                rep == NULL                      ? r->errstr
                : rep->type == REDIS_REPLY_ERROR ? rep->str
                                                 : "unexpected reply");
    freeReplyObject(rep);
    return failed;
}

/* Stream entry ids are "MILLISECONDS-SEQUENCE": whether a comes before b. */
static int id_before(const char *a, const char *b)
{
    unsigned long long a1 = 0, a2 = 0, b1 = 0, b2 = 0;
    sscanf(a, "%llu-%llu", &a1, &a2);
    sscanf(b, "%llu-%llu", &b1, &b2);
    return a1 < b1 || (a1 == b1 && a2 < b2);
}

/* Drop the entries nobody needs any more. A new follower starts from the bootstrap package (record
 * boot) and needs the entries after it; a known follower needs those after its offset. A follower
 * gone for good stops counting when its persist:offset:NAME key expires (its lease) or is deleted.
 * The stream is read from its start a page at a time, only as far as the first entry a new follower
 * needs. */
static int trim(redisContext *r, uint64_t boot)
{
    char keep[72] = "", from[72] = "-";
    unsigned long long cursor = 0;
    redisReply *rep;
    while (keep[0] == '\0') {
        rep = redisCommand(r, "XRANGE %s %s + COUNT 100", STREAM, from);
        if (rep == NULL || rep->type != REDIS_REPLY_ARRAY || rep->elements == 0) {
            if (rep != NULL && rep->type == REDIS_REPLY_ARRAY && from[0] == '(')
                snprintf(keep, sizeof keep, "%s", from + 1); /* the stream's last entry */
            else
                return redis_failed(r, rep, REDIS_REPLY_ARRAY, "reading the stream");
        }
        for (size_t i = 0; keep[0] == '\0' && i < rep->elements; i++) {
            redisReply *last = entry_field(rep->element[i], "last");
            if (last != NULL && strtoull(last->str, NULL, 10) > boot)
                snprintf(keep, sizeof keep, "%s", rep->element[i]->element[0]->str);
        }
        if (keep[0] == '\0' && rep->elements > 0)
            snprintf(from, sizeof from, "(%s", rep->element[rep->elements - 1]->element[0]->str);
        freeReplyObject(rep);
    }
    do { /* the followers' offsets */
        rep = redisCommand(r, "SCAN %llu MATCH persist:offset:* COUNT 100", cursor);
        if (rep == NULL || rep->type != REDIS_REPLY_ARRAY || rep->elements != 2)
            return redis_failed(r, rep, REDIS_REPLY_ARRAY, "listing the followers");
        cursor = strtoull(rep->element[0]->str, NULL, 10);
        for (size_t i = 0; i < rep->element[1]->elements; i++) {
            redisReply *off = redisCommand(r, "GET %s", rep->element[1]->element[i]->str);
            if (off != NULL && off->type == REDIS_REPLY_STRING && id_before(off->str, keep))
                snprintf(keep, sizeof keep, "%s", off->str);
            freeReplyObject(off);
        }
        freeReplyObject(rep);
    } while (cursor != 0);
    rep = redisCommand(r, "XTRIM %s MINID %s", STREAM, keep);
    if (rep != NULL && rep->type == REDIS_REPLY_INTEGER && rep->integer > 0)
        printf("leader: trimmed %lld stream entries (the stream starts at %s)\n", rep->integer,
               keep);
    return redis_failed(r, rep, REDIS_REPLY_INTEGER, "trimming the stream");
}

/* Ship the records after *done, and the bootstrap package when the newest snapshot moved on;
 * then trim the stream. A record counts as shipped only once Redis has taken it. */
static int ship(persist_store *s, redisContext *r, uint64_t *done, uint64_t *boot)
{
    persist_sync_info info;
    memset(&info, 0, sizeof info);
    info.struct_size = sizeof info;
    char *data = NULL;
    size_t len = 0;
    uint64_t last = *done, seq;
    redisReply *rep;
    int rc = persist_store_sync_info(s, &info);
    if (rc == PERSIST_OK && info.snapshot_seq > *boot) {
        if ((rc = persist_store_export_bootstrap(s, &data, &len, &seq)) != PERSIST_OK)
            return fail(s, rc, "export bootstrap");
        rep = redisCommand(r, "SET %s %b", BOOTSTRAP, data, len);
        persist_free(data);
        if (redis_failed(r, rep, REDIS_REPLY_STATUS, "storing the bootstrap package"))
            return 1;
        *boot = seq;
    }
    while (rc == PERSIST_OK && *done < info.head) {
        if ((rc = persist_store_export_records(s, *done, MAX_BATCH, &data, &len, &last)) !=
            PERSIST_OK)
            return fail(s, rc, "export records");
        rep = redisCommand(r, "XADD %s * after %llu last %llu data %b", STREAM,
                           (unsigned long long)*done, (unsigned long long)last, data, len);
        persist_free(data);
        if (redis_failed(r, rep, REDIS_REPLY_STRING, "appending to the stream"))
            return 1;
        printf("leader: shipped records %llu to %llu (%zu bytes)\n", (unsigned long long)*done + 1,
               (unsigned long long)last, len);
        *done = last;
    }
    if (rc != PERSIST_OK)
        return fail(s, rc, "sync info");
    return *boot > 0 ? trim(r, *boot) : 0;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    if (f == NULL)
        return NULL;
    if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0) {
        fclose(f);
        return NULL;
    }
    rewind(f);
    buf = malloc((size_t)n + 1);
    if (buf != NULL && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return buf;
}

/* One command line of the leader. */
static int leader_command(persist_store *s, char *line)
{
    persist_event ev = {0};
    char *arg = strchr(line, ' '), *code;
    size_t len;
    int rc;
    if (arg != NULL)
        *arg++ = '\0';
    if (strcmp(line, "deploy") == 0 && arg != NULL) {
        char *mode = strchr(arg, ' ');
        if (mode != NULL)
            *mode++ = '\0';
        if ((code = slurp(arg, &len)) == NULL)
            return fprintf(stderr, "persist-sync: cannot read %s\n", arg), 1;
        rc = persist_store_deploy(s, code, len,
                                  mode != NULL && strcmp(mode, "migrate") == 0
                                      ? PERSIST_DEPLOY_MIGRATE
                                      : PERSIST_DEPLOY_INIT,
                                  NULL);
        free(code);
        return rc == PERSIST_OK ? printf("leader: deployed %s\n", arg), 0 : fail(s, rc, "deploy");
    }
    if (strcmp(line, "id") == 0 && arg != NULL && strchr(arg, ' ') != NULL) {
        ev.client_id = arg;
        ev.client_id_len = (size_t)(strchr(arg, ' ') - arg);
        arg += ev.client_id_len + 1;
    } else if (strcmp(line, "event") != 0 || arg == NULL) {
        return fprintf(stderr, "persist-sync: unknown command %s\n", line), 1;
    }
    ev.event = arg;
    ev.event_len = strlen(arg);
    if ((rc = persist_store_submit_events(s, &ev, 1, sizeof ev)) != PERSIST_OK)
        return fail(s, rc, "submit");
    printf("leader: %s -> %s%s\n", arg, ev.response, ev.duplicate ? " (duplicate)" : "");
    persist_free(ev.response);
    return 0;
}

static int run_leader(const char *dir, const char *port)
{
    persist_store *s = open_store(dir, 0);
    redisContext *r = connect_redis(port);
    persist_sync_info info;
    memset(&info, 0, sizeof info);
    info.struct_size = sizeof info;
    uint64_t done = shipped(r), boot = 0;
    char line[4096];
    int status = 0;
    /* The stream may hold records this store does not (a writer that took over from this one):
     * ship from this store's own head then; its followers will see the fork. */
    if (persist_store_sync_info(s, &info) == PERSIST_OK && done > info.head)
        done = info.head;
    while (status == 0 && fgets(line, sizeof line, stdin) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        if (strcmp(line, "quit") == 0)
            break;
        if (line[0] != '\0' && (status = leader_command(s, line)) == 0)
            status = ship(s, r, &done, &boot);
        fflush(stdout);
    }
    redisFree(r);
    persist_store_close(s);
    return status;
}

/* ---- follower ---- */

/* Saves the id of the last stream entry the follower applied. With a lease (seconds, 0: none) the
 * key expires unless saved again within it, so a follower gone for good stops pinning the stream;
 * follow() saves it again well before then, also while nothing arrives. */
static int save_offset(redisContext *r, const char *name, const char *id, unsigned lease)
{
    redisReply *rep = lease > 0 ? redisCommand(r, "SET persist:offset:%s %s EX %u", name, id, lease)
                                : redisCommand(r, "SET persist:offset:%s %s", name, id);
    return redis_failed(r, rep, REDIS_REPLY_STATUS, "saving the follower's offset");
}

/* An empty store starts from the bootstrap package. Its offset is set to the stream's start first,
 * so that the leader keeps every entry from then on: the package read next is at least as new as
 * any the leader trimmed against, so the entries after it are all there. */
static int bootstrap(persist_store *s, redisContext *r, const char *name, unsigned lease)
{
    redisReply *rep;
    uint64_t head = 0;
    int rc;
    if (save_offset(r, name, "0-0", lease))
        return 1;
    rep = redisCommand(r, "GET %s", BOOTSTRAP);
    if (rep == NULL || rep->type != REDIS_REPLY_STRING) {
        freeReplyObject(rep);
        return fprintf(stderr, "persist-sync: no bootstrap package in Redis yet\n"), 1;
    }
    rc = persist_store_apply(s, rep->str, rep->len, &head);
    freeReplyObject(rep);
    if (rc != PERSIST_OK)
        return fail(s, rc, "apply bootstrap");
    printf("follower: started from the bootstrap package at record %llu\n",
           (unsigned long long)head);
    return 0;
}

/* Apply one stream entry; a batch of a writer that a promotion replaced is skipped. A gap means
 * the leader trimmed entries this store still needed, which only happens while the follower had
 * no offset key: it cannot go on, and its key is deleted so that it pins nothing. */
static int apply_entry(persist_store *s, redisContext *r, redisReply *entry, const char *name)
{
    redisReply *data = entry_field(entry, "data");
    uint64_t head = 0;
    int rc = PERSIST_OK;
    char msg[512];
    if (data != NULL)
        rc = persist_store_apply(s, data->str, data->len, &head);
    if (rc == PERSIST_EFORKED) {
        persist_store_errmsg(s, msg, sizeof msg);
        printf("follower %s: refused a batch: %s\n", name, msg);
        return 0;
    }
    if (rc == PERSIST_EGAP) {
        persist_store_errmsg(s, msg, sizeof msg);
        fprintf(stderr,
                "persist-sync: follower %s: %s\n"
                "persist-sync: follower %s: the stream no longer holds the records this store "
                "needs: the leader trimmed them while the follower had no offset key (its lease "
                "ran out, or the key was deleted); start it again into an empty store\n",
                name, msg, name);
        freeReplyObject(redisCommand(r, "DEL persist:offset:%s", name));
        return 1;
    }
    if (rc != PERSIST_OK)
        return fail(s, rc, "apply");
    printf("follower %s: applied up to record %llu\n", name, (unsigned long long)head);
    return 0;
}

static int follow(persist_store *s, redisContext *r, const char *name, int once, unsigned lease)
{
    redisReply *off = redisCommand(r, "GET persist:offset:%s", name);
    char last[64] = "0-0";
    int status;
    time_t saved = time(NULL);
    if (off != NULL && off->type == REDIS_REPLY_STRING)
        snprintf(last, sizeof last, "%s", off->str);
    freeReplyObject(off);
    /* The key again (with a new lease) before reading: a follower whose key had expired pins the
     * stream from its start until it has caught up. */
    status = save_offset(r, name, last, lease);
    while (!stop && status == 0) {
        redisReply *rep =
            redisCommand(r, "XREAD COUNT 100 BLOCK %d STREAMS %s %s", once ? 1 : 500, STREAM, last);
        if (rep != NULL && rep->type == REDIS_REPLY_ARRAY && rep->elements == 1) {
            redisReply *entries = rep->element[0]->element[1];
            for (size_t i = 0; status == 0 && i < entries->elements; i++) {
                if ((status = apply_entry(s, r, entries->element[i], name)) != 0)
                    break; /* the offset stays at the last entry applied */
                snprintf(last, sizeof last, "%s", entries->element[i]->element[0]->str);
                status = save_offset(r, name, last, lease);
                saved = time(NULL);
            }
        } else if (rep == NULL || rep->type != REDIS_REPLY_NIL) {
            status = redis_failed(r, rep, REDIS_REPLY_NIL, "reading the stream");
            rep = NULL;
        } else if (once) {
            stop = 1;
        } else if (lease > 0 && time(NULL) - saved >= (time_t)(lease + 2) / 3) {
            status = save_offset(r, name, last, lease);
            saved = time(NULL);
        }
        freeReplyObject(rep);
        fflush(stdout);
    }
    return status;
}

static int run_follower(const char *dir, const char *port, const char *name, int once,
                        unsigned lease)
{
    persist_store *s = open_store(dir, 0);
    redisContext *r = connect_redis(port);
    persist_sync_info info;
    memset(&info, 0, sizeof info);
    info.struct_size = sizeof info;
    int status = 0, rc = persist_store_sync_info(s, &info);
    if (rc != PERSIST_OK)
        status = fail(s, rc, "sync info");
    else if (info.head == 0)
        status = bootstrap(s, r, name, lease);
    if (status == 0)
        status = follow(s, r, name, once, lease);
    redisFree(r);
    persist_store_close(s);
    return status;
}

/* ---- promote, query ---- */

/* With PORT and NAME, the follower's offset key goes too: as the writer it needs none, and the key
 * would pin the stream until its lease ended. */
static int run_promote(const char *dir, const char *port, const char *name)
{
    persist_store *s = open_store(dir, 0);
    redisContext *r = port != NULL ? connect_redis(port) : NULL;
    int rc = persist_store_promote(s);
    if (rc != PERSIST_OK) {
        if (r != NULL)
            redisFree(r);
        return fail(s, rc, "promote");
    }
    printf("%s: promoted, it writes now\n", dir);
    persist_store_close(s);
    if (r != NULL) {
        redisReply *rep = redisCommand(r, "DEL persist:offset:%s", name);
        int ok = rep != NULL && rep->type == REDIS_REPLY_INTEGER;
        if (ok)
            printf("%s: offset key of follower %s %s\n", dir, name,
                   rep->integer > 0 ? "deleted" : "was gone already");
        else
            fprintf(stderr,
                    "persist-sync: promoted, but deleting persist:offset:%s failed: %s "
                    "(delete it, or its lease ends it)\n",
                    name, rep != NULL && rep->type == REDIS_REPLY_ERROR ? rep->str : r->errstr);
        freeReplyObject(rep);
        redisFree(r);
        return ok ? 0 : 1;
    }
    return 0;
}

static int run_query(const char *dir, const char *event)
{
    persist_store *s = open_store(dir, PERSIST_OPEN_READONLY);
    char *resp = NULL;
    int rc = persist_store_query(s, event, strlen(event), &resp, NULL);
    if (rc != PERSIST_OK)
        return fail(s, rc, "query");
    printf("%s\n", resp);
    persist_free(resp);
    persist_store_close(s);
    return 0;
}

int main(int argc, char **argv)
{
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    if (argc == 4 && strcmp(argv[1], "leader") == 0)
        return run_leader(argv[2], argv[3]);
    if (argc >= 5 && strcmp(argv[1], "follower") == 0) {
        int once = 0, ok = 1;
        unsigned long lease = DEFAULT_LEASE;
        for (int i = 5; i < argc && ok; i++) {
            char *end = NULL;
            if (strcmp(argv[i], "--once") == 0)
                once = 1;
            else if (strcmp(argv[i], "--lease") == 0 && i + 1 < argc &&
                     (lease = strtoul(argv[++i], &end, 10), *argv[i] != '\0' && *end == '\0') &&
                     lease <= 0x7fffffffUL)
                continue;
            else
                ok = 0;
        }
        if (ok)
            return run_follower(argv[2], argv[3], argv[4], once, (unsigned)lease);
    }
    if ((argc == 3 || argc == 5) && strcmp(argv[1], "promote") == 0)
        return run_promote(argv[2], argc == 5 ? argv[3] : NULL, argc == 5 ? argv[4] : NULL);
    if (argc == 4 && strcmp(argv[1], "query") == 0)
        return run_query(argv[2], argv[3]);
    fprintf(stderr, "usage: persist-sync leader STORE PORT | follower STORE PORT NAME [--once] "
                    "[--lease SECONDS] | promote STORE [PORT NAME] | query STORE EVENT\n");
    return 2;
}
