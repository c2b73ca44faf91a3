/* rooms.c - the rooms: one store each in DATA/rooms/NAME, opened on demand, closed when idle. */
#include "server.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/*
 * A room's entry stays in the table once a request named an existing room; its store is open
 * while `users` (requests and live streams) hold it, and is closed by the reaper once nobody held
 * it for idle_seconds (or at once when a commit failed: reopening restores from disk). Opening
 * and closing happen under the room's mutex, so a request never sees a half-open store, and the
 * submits themselves run without it: the library commits concurrent submits together.
 */
struct room {
    char name[33];
    char dir[4096];
    pthread_mutex_t m; /* guards store, users, last_used, broken, version */
    pthread_cond_t changed;
    persist_store *store;
    unsigned users;
    int broken;
    uint64_t last_used;    /* monotonic seconds */
    uint64_t version;      /* raised by every change; streams compare it */
    pthread_mutex_t doc_m; /* guards the cached document */
    uint64_t doc_version;
    char *doc;
};

static pthread_mutex_t table_m = PTHREAD_MUTEX_INITIALIZER;
static struct room **table;
static size_t table_len;
static int stopping;
static pthread_t reaper;
static pthread_mutex_t reaper_m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t reaper_cond = PTHREAD_COND_INITIALIZER;

int room_name_valid(const char *name)
{
    size_t n = strlen(name);
    if (n < 1 || n > 32 || name[0] == '-')
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= '0' && name[i] <= '9') ||
              name[i] == '-'))
            return 0;
    return 1;
}

persist_store *room_store(struct room *room)
{
    return room->store;
}

const char *room_name(const struct room *room)
{
    return room->name;
}

static int room_dir(char *out, size_t cap, const char *name)
{
    return snprintf(out, cap, "%s/%s", g_config.rooms_dir, name) < (int)cap ? 0 : -1;
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* ---- the table ---- */

static struct room *room_new(const char *name)
{
    struct room *room = calloc(1, sizeof *room);
    if (!room)
        return NULL;
    snprintf(room->name, sizeof room->name, "%s", name);
    room_dir(room->dir, sizeof room->dir, name);
    pthread_mutex_init(&room->m, NULL);
    pthread_cond_init(&room->changed, NULL);
    pthread_mutex_init(&room->doc_m, NULL);
    return room;
}

static void room_free(struct room *room)
{
    pthread_mutex_destroy(&room->m);
    pthread_cond_destroy(&room->changed);
    pthread_mutex_destroy(&room->doc_m);
    free(room->doc);
    free(room);
}

/* The room's entry, made when its directory exists; NULL with f filled otherwise. */
static struct room *room_find(const char *name, struct failure *f)
{
    struct room *room = NULL, **grown;
    char dir[4096];
    pthread_mutex_lock(&table_m);
    for (size_t i = 0; i < table_len && !room; i++)
        if (strcmp(table[i]->name, name) == 0)
            room = table[i];
    if (room || stopping)
        goto out;
    if (room_dir(dir, sizeof dir, name) != 0 || !is_dir(dir)) {
        fail(f, MHD_HTTP_NOT_FOUND, "no room named %s", name);
        goto out;
    }
    grown = realloc(table, (table_len + 1) * sizeof *table);
    if (grown)
        table = grown;
    if (!grown || !(room = room_new(name))) {
        fail(f, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
        goto out;
    }
    table[table_len++] = room;
out:
    if (stopping && !room)
        fail(f, MHD_HTTP_SERVICE_UNAVAILABLE, "the server is stopping");
    pthread_mutex_unlock(&table_m);
    return room;
}

static int open_store(struct room *room, struct failure *f)
{
    persist_options o;
    persist_options_init(&o, sizeof o);
    o.flags = PERSIST_OPEN_NO_CREATE;
    int rc = persist_store_open(&room->store, room->dir, &o);
    if (rc == PERSIST_OK)
        return 0;
    if (rc == PERSIST_ENOTFOUND)
        fail(f, MHD_HTTP_NOT_FOUND, "no room named %s", room->name);
    else if (rc == PERSIST_EBUSY)
        fail(f, MHD_HTTP_SERVICE_UNAVAILABLE,
             "room %s is open for writing in another process; try again later", room->name);
    else
        fail_persist(f, room->store, rc, "opening the room's store");
    persist_store_close(room->store);
    room->store = NULL;
    return -1;
}

struct room *room_acquire(const char *name, struct failure *f)
{
    struct room *room;
    if (!room_name_valid(name)) {
        fail(f, MHD_HTTP_BAD_REQUEST, "a room name is 1 to 32 of a-z, 0-9 and -");
        return NULL;
    }
    room = room_find(name, f);
    if (!room)
        return NULL;
    pthread_mutex_lock(&room->m);
    if (!room->store && open_store(room, f) != 0) {
        pthread_mutex_unlock(&room->m);
        return NULL;
    }
    room->users++;
    room->last_used = monotonic_s();
    pthread_mutex_unlock(&room->m);
    return room;
}

void room_release(struct room *room)
{
    int close_now;
    pthread_mutex_lock(&room->m);
    room->users--;
    room->last_used = monotonic_s();
    close_now = room->broken && room->users == 0;
    pthread_mutex_unlock(&room->m);
    if (close_now) { /* wake the reaper: a failed store is reopened from disk */
        pthread_mutex_lock(&reaper_m);
        pthread_cond_signal(&reaper_cond);
        pthread_mutex_unlock(&reaper_m);
    }
}

void room_changed(struct room *room)
{
    pthread_mutex_lock(&room->m);
    room->version++;
    pthread_cond_broadcast(&room->changed);
    pthread_mutex_unlock(&room->m);
}

void room_failed(struct room *room)
{
    pthread_mutex_lock(&room->m);
    room->broken = 1;
    pthread_mutex_unlock(&room->m);
}

int room_wait(struct room *room, uint64_t seen, unsigned timeout_ms)
{
    struct timespec until;
    int rc = 0;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += timeout_ms / 1000;
    until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&room->m);
    while (room->version == seen && !stopping && rc == 0)
        rc = pthread_cond_timedwait(&room->changed, &room->m, &until);
    rc = stopping ? -1 : room->version != seen ? 1 : 0;
    pthread_mutex_unlock(&room->m);
    return rc;
}

char *room_document(struct room *room, uint64_t *version, struct failure *f)
{
    uint64_t v;
    char *copy = NULL;
    pthread_mutex_lock(&room->m);
    v = room->version;
    pthread_mutex_unlock(&room->m);
    pthread_mutex_lock(&room->doc_m);
    if (!room->doc || room->doc_version != v) {
        char *doc = game_document(room, f);
        if (doc) {
            free(room->doc);
            room->doc = doc;
            room->doc_version = v;
        }
    }
    if (room->doc && room->doc_version == v && !(copy = strdup(room->doc)))
        fail(f, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
    pthread_mutex_unlock(&room->doc_m);
    if (copy && version)
        *version = v;
    return copy;
}

/* ---- closing idle rooms ---- */

/* Close the store if nobody holds it and it was idle long enough (or failed). */
static void reap(struct room *room, uint64_t now, int all)
{
    pthread_mutex_lock(&room->m);
    if (room->store && room->users == 0 &&
        (all || room->broken || now - room->last_used >= g_config.idle_seconds)) {
        persist_store_close(room->store);
        room->store = NULL;
        room->broken = 0;
    }
    pthread_mutex_unlock(&room->m);
}

static void reap_all(int all)
{
    uint64_t now = monotonic_s();
    pthread_mutex_lock(&table_m);
    for (size_t i = 0; i < table_len; i++)
        reap(table[i], now, all);
    pthread_mutex_unlock(&table_m);
}

static void *reaper_main(void *unused)
{
    (void)unused;
    pthread_mutex_lock(&reaper_m);
    while (!stopping) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += 1;
        pthread_cond_timedwait(&reaper_cond, &reaper_m, &until);
        pthread_mutex_unlock(&reaper_m);
        reap_all(0);
        pthread_mutex_lock(&reaper_m);
    }
    pthread_mutex_unlock(&reaper_m);
    return NULL;
}

unsigned rooms_open_count(void)
{
    unsigned n = 0;
    pthread_mutex_lock(&table_m);
    for (size_t i = 0; i < table_len; i++) {
        pthread_mutex_lock(&table[i]->m);
        n += table[i]->store != NULL;
        pthread_mutex_unlock(&table[i]->m);
    }
    pthread_mutex_unlock(&table_m);
    return n;
}

/* ---- start and stop ---- */

/* Rooms whose creation a crash interrupted (DATA/rooms/.new-*) are removed at start. */
static void remove_unfinished(void)
{
    DIR *d = opendir(g_config.rooms_dir);
    struct dirent *e;
    char path[4096];
    if (!d)
        return;
    while ((e = readdir(d)) != NULL) {
        if (strncmp(e->d_name, ".new-", 5) != 0)
            continue;
        if (snprintf(path, sizeof path, "%s/%s", g_config.rooms_dir, e->d_name) <
                (int)sizeof path &&
            remove_store_dir(path) == 0)
            fprintf(stderr, "game server: removed %s, a room whose creation was interrupted\n",
                    path);
    }
    closedir(d);
}

int rooms_init(void)
{
    remove_unfinished();
    if (pthread_create(&reaper, NULL, reaper_main, NULL) != 0)
        return -1;
    return 0;
}

void rooms_stop(void)
{
    pthread_mutex_lock(&table_m);
    stopping = 1;
    for (size_t i = 0; i < table_len; i++) {
        pthread_mutex_lock(&table[i]->m);
        pthread_cond_broadcast(&table[i]->changed);
        pthread_mutex_unlock(&table[i]->m);
    }
    pthread_mutex_unlock(&table_m);
    pthread_mutex_lock(&reaper_m);
    pthread_cond_signal(&reaper_cond);
    pthread_mutex_unlock(&reaper_m);
}

/* After the HTTP daemon stopped: no request holds a room any more. */
void rooms_shutdown(void)
{
    pthread_join(reaper, NULL);
    reap_all(1);
    for (size_t i = 0; i < table_len; i++)
        room_free(table[i]);
    free(table);
    table = NULL;
    table_len = 0;
}

/* ---- listing and creating ---- */

/* The rooms on disk, by name (NULL when the directory cannot be read). */
json_t *rooms_list(void)
{
    DIR *d = opendir(g_config.rooms_dir);
    struct dirent *e;
    json_t *names = json_array();
    if (!d || !names) {
        if (d)
            closedir(d);
        json_decref(names);
        return NULL;
    }
    while ((e = readdir(d)) != NULL)
        if (room_name_valid(e->d_name))
            json_array_append_new(names, json_string(e->d_name));
    closedir(d);
    return names;
}

static int rooms_full(void)
{
    json_t *names = rooms_list();
    int full = !names || json_array_size(names) >= g_config.max_rooms;
    json_decref(names);
    return full;
}

/* The new room's store: the rules deployed, then the board's event. Its response, or NULL. */
static char *fill_store(const char *dir, const char *create_event, struct failure *f)
{
    persist_store *s = NULL;
    char *response = NULL;
    int rc = persist_store_open(&s, dir, NULL);
    if (rc == PERSIST_OK)
        rc = persist_store_deploy(s, g_config.rules.data, g_config.rules.len, PERSIST_DEPLOY_INIT,
                                  NULL);
    if (rc == PERSIST_OK)
        rc = persist_store_submit(s, create_event, strlen(create_event), &response, NULL);
    if (rc != PERSIST_OK)
        fail_persist(f, s, rc, "creating the room's store");
    rc = persist_store_close(s);
    if (rc != PERSIST_OK && response) {
        fail(f, MHD_HTTP_INTERNAL_SERVER_ERROR, "closing the new store: %s", persist_strerror(rc));
        persist_free(response);
        response = NULL;
    }
    return response;
}

/* A room appears whole or not at all: its store is made in DATA/rooms/.new-NAME-RANDOM and
 * renamed to DATA/rooms/NAME once the rules and the board are in it. A refused board is no room. */
char *room_create(const char *name, const char *create_event, int *accepted, struct failure *f)
{
    char dir[4096], tmp[4096], suffix[17];
    char *response;
    *accepted = 0;
    if (!room_name_valid(name)) {
        fail(f, MHD_HTTP_BAD_REQUEST, "a room name is 1 to 32 of a-z, 0-9 and -");
        return NULL;
    }
    random_hex(suffix, 8);
    if (room_dir(dir, sizeof dir, name) != 0 ||
        snprintf(tmp, sizeof tmp, "%s/.new-%s-%s", g_config.rooms_dir, name, suffix) >=
            (int)sizeof tmp) {
        fail(f, MHD_HTTP_INTERNAL_SERVER_ERROR, "data directory path too long");
        return NULL;
    }
    if (is_dir(dir)) {
        fail(f, MHD_HTTP_CONFLICT, "room %s exists already", name);
        return NULL;
    }
    if (rooms_full()) {
        fail(f, MHD_HTTP_SERVICE_UNAVAILABLE, "the server holds its limit of %u rooms",
             g_config.max_rooms);
        return NULL;
    }
    response = fill_store(tmp, create_event, f);
    if (response && rules_accepted(response)) {
        if (rename(tmp, dir) == 0) {
            if (fsync_dir(g_config.rooms_dir) != 0)
                perror("game server: syncing the rooms directory");
            *accepted = 1;
            return response;
        }
        if (errno == EEXIST || errno == ENOTEMPTY)
            fail(f, MHD_HTTP_CONFLICT, "room %s exists already", name);
        else
            fail(f, MHD_HTTP_INTERNAL_SERVER_ERROR, "renaming the new room: %s", strerror(errno));
        persist_free(response);
        response = NULL;
    }
    remove_store_dir(tmp);
    return response;
}
