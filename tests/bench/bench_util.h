/* bench_util.h - what bench_engine.c and bench_app.c share: reading a whole file, and inserting a
 * statement before the final "}(this));" of `elm make` output as lib/app_adapter.c does. */
#ifndef BENCH_UTIL_H
#define BENCH_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The file's contents, NUL-terminated; NULL if it cannot be read and `must` is 0, else exits. */
static char *bench_slurp(const char *path, size_t *n, int must)
{
    FILE *f = fopen(path, "rb");
    char *b;
    long len;
    if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0) {
        if (f != NULL)
            fclose(f);
        if (!must)
            return NULL;
        fprintf(stderr, "bench: cannot read %s\n", path);
        exit(2);
    }
    rewind(f);
    b = malloc((size_t)len + 1);
    if (b == NULL || fread(b, 1, (size_t)len, f) != (size_t)len) {
        fprintf(stderr, "bench: cannot read %s\n", path);
        exit(2);
    }
    b[len] = '\0';
    *n = (size_t)len;
    fclose(f);
    return b;
}

/* head, then the code with stmt inserted (on lines of its own) before its last "}(this));". */
static char *bench_insert(const char *code, size_t len, const char *head, const char *stmt,
                          size_t *out_len)
{
    static const char tail[] = "}(this));";
    size_t at = len, h = strlen(head), s = strlen(stmt), n = 0;
    char *out;
    for (size_t i = 0; i + sizeof tail - 1 <= len; i++)
        if (memcmp(code + i, tail, sizeof tail - 1) == 0)
            at = i;
    if (at == len) {
        fprintf(stderr, "bench: the code has no final }(this)); to insert before\n");
        exit(2);
    }
    out = malloc(h + len + s + 3);
    if (out == NULL)
        exit(2);
    memcpy(out, head, h);
    n = h;
    memcpy(out + n, code, at);
    n += at;
    out[n++] = '\n';
    memcpy(out + n, stmt, s);
    n += s;
    out[n++] = '\n';
    memcpy(out + n, code + at, len - at);
    *out_len = n + len - at;
    return out;
}

#endif
