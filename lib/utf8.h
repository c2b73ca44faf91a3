/* utf8.h - UTF-8 validation, and the conversion between UTF-8 and the CESU-8 form in which the
 * JavaScript engine keeps characters outside the Basic Multilingual Plane (as surrogate pairs). */
#ifndef PERSIST_UTF8_H
#define PERSIST_UTF8_H

#include <stddef.h>

/* 1 when s[0..n) is well-formed UTF-8 (no overlong forms, no surrogates, at most U+10FFFF);
 * otherwise 0 and *bad_at is the offset of the first bad byte. */
int persist__utf8_valid(const char *s, size_t n, size_t *bad_at);

/* Valid UTF-8 -> CESU-8 (4-byte sequences become two 3-byte surrogates). Returns NULL and sets
 * *out_n = n when nothing needs converting; otherwise a persist__malloc'd copy (NULL + *out_n = 0
 * when out of memory). */
char *persist__utf8_to_cesu8(const char *s, size_t n, size_t *out_n);

/* CESU-8 -> UTF-8 in place (surrogate pairs become 4-byte sequences, a lone surrogate becomes
 * U+FFFD); returns the new length, never longer than n. */
size_t persist__cesu8_to_utf8(char *s, size_t n);

#endif
