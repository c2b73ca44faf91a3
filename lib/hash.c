/* hash.c - SHA-256 for app content addresses and record checksums, via OpenSSL. */
#include "hash.h"

/* SHA256_Init/Update/Final are deprecated in OpenSSL 3 but kept in every 3.x: a record checksum
 * through them costs about 2,400 instructions against 3,500 through EVP (a context allocated,
 * initialized through the provider and freed for every hash; the compression is the same). A
 * libcrypto built without the deprecated API gets the EVP path. */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/evp.h>
#include <openssl/opensslconf.h>
#include <openssl/sha.h>
#include <pthread.h>
#include <stdio.h>

#ifndef OPENSSL_NO_DEPRECATED_3_0

int persist__sha256(uint8_t out[PERSIST__HASH_LEN], const persist__span *spans, size_t count)
{
    SHA256_CTX ctx;
    int ok = SHA256_Init(&ctx) == 1;
    for (size_t i = 0; ok && i < count; i++)
        ok = SHA256_Update(&ctx, spans[i].p, spans[i].n) == 1;
    return ok && SHA256_Final(out, &ctx) == 1 ? 0 : -1;
}

#else

/* OpenSSL 3 looks the algorithm up in its provider tables on every EVP_sha256() digest unless it
 * was fetched once: every record checksum would pay for that search. */
static pthread_once_t fetch_once = PTHREAD_ONCE_INIT;
static EVP_MD *sha256_md;

static void fetch_sha256(void)
{
    sha256_md = EVP_MD_fetch(NULL, "SHA256", NULL);
}

int persist__sha256(uint8_t out[PERSIST__HASH_LEN], const persist__span *spans, size_t count)
{
    EVP_MD_CTX *ctx;
    unsigned int len = 0;
    int ok;
    pthread_once(&fetch_once, fetch_sha256);
    if ((ctx = EVP_MD_CTX_new()) == NULL)
        return -1;
    ok = EVP_DigestInit_ex(ctx, sha256_md != NULL ? sha256_md : EVP_sha256(), NULL) == 1;
    for (size_t i = 0; ok && i < count; i++)
        ok = EVP_DigestUpdate(ctx, spans[i].p, spans[i].n) == 1;
    ok = ok && EVP_DigestFinal_ex(ctx, out, &len) == 1 && len == PERSIST__HASH_LEN;
    EVP_MD_CTX_free(ctx);
    return ok ? 0 : -1;
}

#endif

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
