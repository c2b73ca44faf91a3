/* block_cache.h - small blocks an app heap freed, kept for its next allocations of the same size
 * class. Elm code allocates and frees a few hundred small objects per event; taking a block back
 * from a list costs a fraction of malloc and free. One cache per heap, used by the thread that
 * runs the heap, so no locking. */
#ifndef PERSIST_BLOCK_CACHE_H
#define PERSIST_BLOCK_CACHE_H

#include <stddef.h>
#include <string.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define PERSIST__CACHE_POISON(p, n)   ASAN_POISON_MEMORY_REGION((p), (n))
#define PERSIST__CACHE_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define PERSIST__CACHE_POISON(p, n)   ((void)(p), (void)(n))
#define PERSIST__CACHE_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

/* Blocks of up to this many bytes are kept, in classes 16 bytes apart. A class's size is 8 short
 * of a multiple of 16: with the C library's 8-byte chunk header that fills its 16-byte granule
 * exactly, so rounding a block up to its class costs no memory. */
#define PERSIST__CACHE_MAX_BLOCK 248
#define PERSIST__CACHE_CLASSES   15

/* The share of a heap's live bytes its cache may hold, where the limit follows the heap
 * (heap_bytes): 1 / PERSIST__CACHE_SHARE, at least PERSIST__CACHE_MIN_BYTES (enough for an Elm
 * event's churn; a store's heap holds ~250 KB) and at most PERSIST__CACHE_MAX_BYTES (a heap of 4 MB
 * and more: a parse or a large state freed in bulk; docs/benchmarks.md). */
#define PERSIST__CACHE_SHARE     8
#define PERSIST__CACHE_MIN_BYTES (32u << 10)
#define PERSIST__CACHE_MAX_BYTES (512u << 10)

typedef struct persist__block_cache {
    void *lists[PERSIST__CACHE_CLASSES];    /* linked through each block's first bytes */
    unsigned taken[PERSIST__CACHE_CLASSES]; /* blocks taken since room was last made */
    size_t held;                            /* bytes in the lists */
    size_t limit;                           /* most bytes held now; 0 keeps nothing */
    /* Where heap_bytes is set, each time the cache is full its limit becomes the heap's live
     * bytes / PERSIST__CACHE_SHARE, but at least limit_min and at most limit_max: a heap that
     * frees in bulk (a parse, a large state replaced) keeps more of it, a small one no more than
     * limit_min. NULL: limit stays as set. */
    const size_t *heap_bytes;
    size_t limit_min, limit_max;
    void (*release)(void *); /* frees a block the cache gives up */
} persist__block_cache;

/* When the cache is full: the limit follows the heap (above); if the block still does not fit,
 * give the blocks of every class none was taken from since the last time to release (sizes the
 * heap freed in bulk once and does not ask for again would otherwise fill it, and every other
 * size would miss). Returns whether block_size more bytes now fit. */
int persist__cache_make_room(persist__block_cache *c, size_t block_size);

/* The functions of every allocation are inline: called out of line they cost a third of what
 * they save. Under AddressSanitizer a kept block is poisoned (but for its link) until it is taken
 * again, so a use after free still shows. */

/* The size a block of n bytes is given: n rounded up to its class when the class is cached, n
 * otherwise. Every block that may be kept must have been allocated with this size. */
static inline size_t persist__cache_block_size(size_t n)
{
    return n == 0 || n > PERSIST__CACHE_MAX_BLOCK ? n : ((n + 8 + 15) & ~(size_t)15) - 8;
}

/* The class of a size persist__cache_block_size() gives, or -1 for one that is not kept. */
static inline int persist__cache_class(size_t block_size)
{
    if (block_size < 24 || block_size > PERSIST__CACHE_MAX_BLOCK || (block_size + 8) % 16 != 0)
        return -1;
    return (int)((block_size + 8) / 16) - 2;
}

/* A kept block of the given block size, or NULL. */
static inline void *persist__cache_take(persist__block_cache *c, size_t block_size)
{
    int k = persist__cache_class(block_size);
    void *p, *next;
    if (k < 0 || (p = c->lists[k]) == NULL)
        return NULL;
    PERSIST__CACHE_UNPOISON(p, block_size);
    memcpy(&next, p, sizeof next);
    c->lists[k] = next;
    c->held -= block_size;
    c->taken[k]++;
    return p;
}

/* Keep a free block of the given block size. Returns 0 when it is not kept (not of a class, or
 * the cache is full): the caller frees it. */
static inline int persist__cache_keep(persist__block_cache *c, void *p, size_t block_size)
{
    int k = persist__cache_class(block_size);
    if (k < 0 || (c->held + block_size > c->limit && !persist__cache_make_room(c, block_size)))
        return 0;
    memcpy(p, &c->lists[k], sizeof(void *));
    c->lists[k] = p;
    c->held += block_size;
    /* all but the link: LeakSanitizer ignores pointers in poisoned memory, and the rest of the
     * list would look leaked */
    PERSIST__CACHE_POISON((char *)p + sizeof(void *), block_size - sizeof(void *));
    return 1;
}

/* Give every kept block to release. */
void persist__cache_drain(persist__block_cache *c);

/* An empty cache whose limit follows the heap whose live bytes *heap_bytes counts, between
 * PERSIST__CACHE_MIN_BYTES and PERSIST__CACHE_MAX_BYTES; release frees the blocks it gives up. */
void persist__cache_init(persist__block_cache *c, const size_t *heap_bytes,
                         void (*release)(void *));

#endif
