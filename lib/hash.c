/* hash.c - SHA-256 for app content addresses and record checksums, via OpenSSL's EVP API. */
#include "hash.h"

#include <openssl/evp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

/* OpenSSL 3 looks the algorithm up in its provider tables on every EVP_sha256() digest unless it
 * was fetched once: every record checksum would pay for that search. */
static pthread_once_t fetch_once = PTHREAD_ONCE_INIT;
static EVP_MD *sha256_md;

static void fetch_sha256(void)
{
    sha256_md = EVP_MD_fetch(NULL, "SHA256", NULL);
}

/* Digest contexts kept for the next hash. Allocating and freeing one for each hash cost a sixth
 * of a record checksum (docs/benchmarks.md). Slots, not a list under a mutex: taking and giving
 * back is an atomic exchange, so threads hashing at once never wait, and a child forked while
 * another thread held a context finds a slot empty at worst. The kept contexts are not freed at
 * exit: OpenSSL's own exit handler runs before the library's destructors would, and freeing a
 * context after it is not safe; they stay reachable, so leak checkers do not count them. */
#define CTX_SLOTS 8
static _Atomic(EVP_MD_CTX *) ctx_slots[CTX_SLOTS];

static EVP_MD_CTX *ctx_take(void)
{
    for (size_t i = 0; i < CTX_SLOTS; i++) {
        EVP_MD_CTX *ctx = atomic_exchange(&ctx_slots[i], NULL);
        if (ctx != NULL)
            return ctx;
    }
    return EVP_MD_CTX_new();
}

static void ctx_give(EVP_MD_CTX *ctx)
{
    for (size_t i = 0; i < CTX_SLOTS; i++) {
        EVP_MD_CTX *empty = NULL;
        if (atomic_compare_exchange_strong(&ctx_slots[i], &empty, ctx))
            return;
    }
    EVP_MD_CTX_free(ctx);
}

int persist__sha256(uint8_t out[PERSIST__HASH_LEN], const persist__span *spans, size_t count)
{
    EVP_MD_CTX *ctx;
    unsigned int len = 0;
    int ok;
    pthread_once(&fetch_once, fetch_sha256);
    if ((ctx = ctx_take()) == NULL)
        return -1;
    ok = EVP_DigestInit_ex(ctx, sha256_md != NULL ? sha256_md : EVP_sha256(), NULL) == 1;
    for (size_t i = 0; ok && i < count; i++)
        ok = EVP_DigestUpdate(ctx, spans[i].p, spans[i].n) == 1;
    ok = ok && EVP_DigestFinal_ex(ctx, out, &len) == 1 && len == PERSIST__HASH_LEN;
    if (ok)
        ctx_give(ctx);
    else
        EVP_MD_CTX_free(ctx); /* in a state not worth reasoning about */
    return ok ? 0 : -1;
}

void persist__hash_hex(const uint8_t hash[PERSIST__HASH_LEN], char *buf, size_t cap)
{
    static const char digits[] = "0123456789abcdef";
    char hex[PERSIST__HASH_LEN * 2 + 1];
    for (size_t i = 0; i < PERSIST__HASH_LEN; i++) {
        hex[2 * i] = digits[hash[i] >> 4];
        hex[2 * i + 1] = digits[hash[i] & 15];
    }
    hex[PERSIST__HASH_LEN * 2] = '\0';
    if (cap > 0)
        snprintf(buf, cap, "%s", hex);
}
