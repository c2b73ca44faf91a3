/* block_cache.c - what the heap's block cache does out of the allocation path (block_cache.h). */
#include "block_cache.h"

static void drain_class(persist__block_cache *c, int k)
{
    size_t block_size = (size_t)(k + 2) * 16 - 8;
    void *p;
    while ((p = persist__cache_take(c, block_size)) != NULL)
        c->release(p);
}

int persist__cache_make_room(persist__block_cache *c, size_t block_size)
{
    if (c->heap_bytes != NULL) {
        size_t share = *c->heap_bytes / PERSIST__CACHE_SHARE;
        c->limit = share < c->limit_min   ? c->limit_min
                   : share > c->limit_max ? c->limit_max
                                          : share;
        if (c->held + block_size <= c->limit)
            return 1;
    }
    for (int k = 0; k < PERSIST__CACHE_CLASSES; k++) {
        if (c->taken[k] == 0)
            drain_class(c, k);
        c->taken[k] = 0;
    }
    return c->held + block_size <= c->limit;
}

void persist__cache_init(persist__block_cache *c, const size_t *heap_bytes, void (*release)(void *))
{
    memset(c, 0, sizeof *c);
    c->limit = c->limit_min = PERSIST__CACHE_MIN_BYTES;
    c->limit_max = PERSIST__CACHE_MAX_BYTES;
    c->heap_bytes = heap_bytes;
    c->release = release;
}

void persist__cache_drain(persist__block_cache *c)
{
    for (int k = 0; k < PERSIST__CACHE_CLASSES; k++)
        drain_class(c, k);
}
