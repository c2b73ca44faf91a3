/* code_cache.c - the process's cache of compiled app code. Compiling is most of the cost of opening
 * a store (an Elm app of 70 KB compiles in 4 ms; loading its bytecode takes 0.25 ms), and a server
 * that opens a store per room opens the same app many times. The entries are bytecode that the
 * engine of this process made from code it was given; they are keyed by the SHA-256 of that code
 * (js_host.c adds the engine's version), so a different app, or a different build of the engine,
 * never finds them.
 *
 * The cache is never written to disk. The engine loads bytecode without validating it, so bytecode
 * read from a file would let whoever can write that file (a store imported from elsewhere, a
 * restored backup) run native code in the host instead of sandboxed JavaScript; the stored source
 * stays the only thing trusted. Each entry carries the SHA-256 of its bytes, checked before every
 * use: an entry that fails is dropped and the code compiled from its source again. */
#include "code_cache.h"
#include "alloc.h"
#include "fork_guard.h"
#include "hash.h"
#include <pthread.h>
#include <string.h>

#define MAX_ENTRIES 32
#define MAX_BYTES   (32u << 20) /* 32 MiB: a large Elm app's bytecode is about 1 MB */

typedef struct entry {
    uint8_t key[PERSIST__HASH_LEN];
    uint8_t sum[PERSIST__HASH_LEN]; /* SHA-256 of bytes */
    unsigned char *bytes;           /* NULL: a free slot */
    size_t len;
    unsigned long used; /* the tick of the last use */
} entry;

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static entry entries[MAX_ENTRIES];
static size_t total_bytes;
static unsigned long tick;
static long hits, misses, rejected;

static int checksum(const void *bytes, size_t len, uint8_t out[PERSIST__HASH_LEN])
{
    persist__span span = {bytes, len};
    return persist__sha256(out, &span, 1);
}

static entry *find(const uint8_t key[PERSIST__HASH_LEN])
{
    for (int i = 0; i < MAX_ENTRIES; i++)
        if (entries[i].bytes != NULL && memcmp(entries[i].key, key, PERSIST__HASH_LEN) == 0)
            return &entries[i];
    return NULL;
}

static void drop(entry *e)
{
    total_bytes -= e->len;
    persist__free(e->bytes);
    memset(e, 0, sizeof *e);
}

/* Drops the least recently used entry. */
static void drop_oldest(void)
{
    entry *oldest = NULL;
    for (int i = 0; i < MAX_ENTRIES; i++)
        if (entries[i].bytes != NULL && (oldest == NULL || entries[i].used < oldest->used))
            oldest = &entries[i];
    if (oldest != NULL)
        drop(oldest);
}

static entry *free_slot(void)
{
    for (int i = 0; i < MAX_ENTRIES; i++)
        if (entries[i].bytes == NULL)
            return &entries[i];
    return NULL;
}

void *persist__code_cache_get(const uint8_t key[PERSIST__HASH_LEN], size_t *len)
{
    uint8_t sum[PERSIST__HASH_LEN], want[PERSIST__HASH_LEN];
    unsigned char *copy = NULL;
    entry *e;
    pthread_mutex_lock(&mu);
    e = find(key);
    if (e != NULL && (copy = persist__malloc(e->len)) != NULL) {
        memcpy(copy, e->bytes, e->len);
        memcpy(want, e->sum, PERSIST__HASH_LEN);
        *len = e->len;
        e->used = ++tick;
    } else {
        misses++;
    }
    pthread_mutex_unlock(&mu);
    if (copy == NULL)
        return NULL;
    /* The check runs on the copy, outside the lock: the copy is what the engine will load. */
    if (checksum(copy, *len, sum) == 0 && memcmp(sum, want, PERSIST__HASH_LEN) == 0) {
        pthread_mutex_lock(&mu);
        hits++;
        pthread_mutex_unlock(&mu);
        return copy;
    }
    persist__free(copy);
    pthread_mutex_lock(&mu);
    rejected++;
    misses++;
    if ((e = find(key)) != NULL)
        drop(e);
    pthread_mutex_unlock(&mu);
    return NULL;
}

void persist__code_cache_put(const uint8_t key[PERSIST__HASH_LEN], const void *bytes, size_t len)
{
    uint8_t sum[PERSIST__HASH_LEN];
    unsigned char *copy;
    entry *e;
    if (len == 0 || len > MAX_BYTES || checksum(bytes, len, sum) != 0 ||
        (copy = persist__malloc(len)) == NULL)
        return;
    memcpy(copy, bytes, len);
    pthread_mutex_lock(&mu);
    if ((e = find(key)) != NULL) /* another thread compiled the same code meanwhile */
        drop(e);
    while (total_bytes + len > MAX_BYTES)
        drop_oldest();
    if ((e = free_slot()) == NULL) {
        drop_oldest();
        e = free_slot();
    }
    memcpy(e->key, key, PERSIST__HASH_LEN);
    memcpy(e->sum, sum, PERSIST__HASH_LEN);
    e->bytes = copy;
    e->len = len;
    e->used = ++tick;
    total_bytes += len;
    pthread_mutex_unlock(&mu);
}

void persist__code_cache_stats_get(persist__code_cache_stats *out)
{
    pthread_mutex_lock(&mu);
    out->hits = hits;
    out->misses = misses;
    out->rejected = rejected;
    out->entries = 0;
    for (int i = 0; i < MAX_ENTRIES; i++)
        out->entries += entries[i].bytes != NULL;
    out->bytes = total_bytes;
    pthread_mutex_unlock(&mu);
}

void persist__code_cache_clear(void)
{
    pthread_mutex_lock(&mu);
    for (int i = 0; i < MAX_ENTRIES; i++)
        if (entries[i].bytes != NULL)
            drop(&entries[i]);
    pthread_mutex_unlock(&mu);
}

void persist__code_cache_damage(void)
{
    pthread_mutex_lock(&mu);
    for (int i = 0; i < MAX_ENTRIES; i++)
        if (entries[i].bytes != NULL)
            entries[i].bytes[entries[i].len / 2] ^= 0x5a;
    pthread_mutex_unlock(&mu);
}

void persist__code_cache_fork(int phase)
{
    persist__fork_mutex(&mu, phase);
}
