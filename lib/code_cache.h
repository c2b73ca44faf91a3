/* code_cache.h - the process's cache of compiled app code (bytecode this process's own engine
 * produced), so that opening many stores of one app, or one store again, compiles its code once. */
#ifndef PERSIST_CODE_CACHE_H
#define PERSIST_CODE_CACHE_H

#include "internal.h"

/* A hit: a copy of the bytes stored under `key` (free with persist__free), after their checksum was
 * checked. Returns NULL on a miss, when out of memory, and when the entry fails its checksum (the
 * entry is then dropped, so the caller compiles again and puts the result back). */
void *persist__code_cache_get(const uint8_t key[PERSIST__HASH_LEN], size_t *len);

/* Stores `len` bytes under `key` (copied). Best effort: out of memory, or bytes larger than the
 * cache, leave the cache as it was. The least recently used entries make room. */
void persist__code_cache_put(const uint8_t key[PERSIST__HASH_LEN], const void *bytes, size_t len);

/* Testing and measurement. */
typedef struct persist__code_cache_stats {
    long hits, misses, rejected; /* rejected: entries that failed their checksum */
    size_t entries, bytes;
} persist__code_cache_stats;
void persist__code_cache_stats_get(persist__code_cache_stats *out);
void persist__code_cache_clear(void);
/* Flips one byte of every entry's bytecode (the checksums stay): the next use of each must fail. */
void persist__code_cache_damage(void);

/* Holds the cache's mutex across a fork (lib/fork_guard.c). */
void persist__code_cache_fork(int phase);

#endif
