/* block_cache.c - what the heap's block cache does out of the allocation path (block_cache.h). */
#include "block_cache.h"

void persist__cache_drain(persist__block_cache *c, void (*release)(void *))
{
    for (int k = 0; k < PERSIST__CACHE_CLASSES; k++) {
        size_t block_size = (size_t)(k + 1) * 16;
        void *p;
        while ((p = persist__cache_take(c, block_size)) != NULL)
            release(p);
    }
}
