/* hash.h - SHA-256 through OpenSSL's libcrypto (the only module that includes OpenSSL). */
#ifndef PERSIST_HASH_H
#define PERSIST_HASH_H

#include "internal.h"

/* One piece of input to a hash: the hash covers all pieces in order. */
typedef struct persist__span {
    const void *p;
    size_t n;
} persist__span;

/* SHA-256 over the concatenation of `count` spans. Returns 0, or -1 if libcrypto failed. */
int persist__sha256(uint8_t out[PERSIST__HASH_LEN], const persist__span *spans, size_t count);

/* Lowercase hex of a hash into buf (snprintf semantics). */
void persist__hash_hex(const uint8_t hash[PERSIST__HASH_LEN], char *buf, size_t cap);

#endif
