/* utf8.c - strict UTF-8 validation of texts from the host, and UTF-8 <-> CESU-8 at the boundary of
 * the JavaScript engine, so apps see standard UTF-16 strings and hosts always get UTF-8. */
#include "utf8.h"

#include <string.h>

#include "alloc.h"

/* Length of the well-formed sequence at s (1-4), or 0 when it is not well-formed. */
static size_t seq_len(const unsigned char *s, size_t left)
{
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf)
        return left >= 2 && (s[1] & 0xc0) == 0x80 ? 2 : 0;
    if (c >= 0xe0 && c <= 0xef) {
        unsigned lo = c == 0xe0 ? 0xa0 : 0x80, hi = c == 0xed ? 0x9f : 0xbf; /* no overlong/surr. */
        return left >= 3 && s[1] >= lo && s[1] <= hi && (s[2] & 0xc0) == 0x80 ? 3 : 0;
    }
    if (c >= 0xf0 && c <= 0xf4) {
        unsigned lo = c == 0xf0 ? 0x90 : 0x80, hi = c == 0xf4 ? 0x8f : 0xbf;
        return left >= 4 && s[1] >= lo && s[1] <= hi && (s[2] & 0xc0) == 0x80 &&
                       (s[3] & 0xc0) == 0x80
                   ? 4
                   : 0;
    }
    return 0;
}

int persist__utf8_valid(const char *s, size_t n, size_t *bad_at)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, k;
    while (i < n) {
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        k = seq_len(u + i, n - i);
        if (k == 0) {
            if (bad_at != NULL)
                *bad_at = i;
            return 0;
        }
        i += k;
    }
    return 1;
}

static void put3(unsigned char *o, unsigned v)
{
    o[0] = (unsigned char)(0xe0 | (v >> 12));
    o[1] = (unsigned char)(0x80 | ((v >> 6) & 0x3f));
    o[2] = (unsigned char)(0x80 | (v & 0x3f));
}

char *persist__utf8_to_cesu8(const char *s, size_t n, size_t *out_n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t extra = 0, j = 0;
    unsigned char *out;
    for (size_t i = 0; i < n; i++)
        if (u[i] >= 0xf0)
            extra += 2; /* 4 bytes become 6 */
    *out_n = n + extra;
    if (extra == 0)
        return NULL;
    out = persist__malloc(n + extra);
    if (out == NULL) {
        *out_n = 0;
        return NULL;
    }
    for (size_t i = 0; i < n;) {
        if (u[i] >= 0xf0 && i + 3 < n) {
            unsigned cp = ((u[i] & 0x07u) << 18) | ((u[i + 1] & 0x3fu) << 12) |
                          ((u[i + 2] & 0x3fu) << 6) | (u[i + 3] & 0x3fu);
            cp -= 0x10000;
            put3(out + j, 0xd800 | (cp >> 10));
            put3(out + j + 3, 0xdc00 | (cp & 0x3ff));
            i += 4;
            j += 6;
        } else {
            out[j++] = u[i++];
        }
    }
    *out_n = j;
    return (char *)out;
}

/* The surrogate encoded at u (ED A0..BF xx), or 0. */
static unsigned surrogate(const unsigned char *u, size_t left)
{
    if (left < 3 || u[0] != 0xed || u[1] < 0xa0 || (u[2] & 0xc0) != 0x80)
        return 0;
    return 0xd000 | ((u[1] & 0x3fu) << 6) | (u[2] & 0x3fu);
}

size_t persist__cesu8_to_utf8(char *s, size_t n)
{
    unsigned char *u = (unsigned char *)s;
    const unsigned char *first = n > 0 ? memchr(u, 0xed, n) : NULL;
    size_t i, j;
    /* Only ED starts a surrogate; everything before the first one stays where it is (most texts,
     * ASCII ones for a start, have none). */
    if (first == NULL)
        return n;
    i = j = (size_t)(first - u);
    while (i < n) {
        unsigned hi = surrogate(u + i, n - i), lo;
        if (hi == 0) {
            u[j++] = u[i++];
            continue;
        }
        lo = hi < 0xdc00 ? surrogate(u + i + 3, n - i - 3) : 0;
        if (lo >= 0xdc00) {
            unsigned cp = 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
            u[j] = (unsigned char)(0xf0 | (cp >> 18));
            u[j + 1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
            u[j + 2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
            u[j + 3] = (unsigned char)(0x80 | (cp & 0x3f));
            i += 6;
            j += 4;
        } else { /* a lone surrogate has no UTF-8 form */
            u[j] = 0xef;
            u[j + 1] = 0xbf;
            u[j + 2] = 0xbd;
            i += 3;
            j += 3;
        }
    }
    return j;
}
