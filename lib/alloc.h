/* alloc.h - every allocation of the library goes through here: accounting and failure injection.
 * (LMDB and libcrypto allocate with the C library themselves.) */
#ifndef PERSIST_ALLOC_H
#define PERSIST_ALLOC_H

#include <stddef.h>

void *persist__malloc(size_t n);
void *persist__calloc(size_t count, size_t n);
void *persist__realloc(void *p, size_t n);
void persist__free(void *p);
/* A copy of n bytes with a NUL after them (for text); NULL when out of memory. */
char *persist__memdup0(const void *p, size_t n);

/* Testing: nonzero once persist__alloc_fail_after has been called, so allocations are counted
 * (and may be made to fail). An app heap then takes no block from its block cache, where an
 * allocation could not be counted or fail: every one goes through persist__malloc. */
int persist__alloc_counting(void);

/* Testing: make the allocation after `n` more succeed-able ones fail (n = 0: the next one);
 * a negative n turns injection off. Returns how many allocations happened since the last call
 * (the first call starts the count and returns 0). */
long persist__alloc_fail_after(long n);

#endif
