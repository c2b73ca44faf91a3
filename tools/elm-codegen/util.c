/* util.c - arena allocation, text buffers, error messages and file reading for persist-elm-codegen.
 */
#include "codegen.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cg_block {
    cg_block *next;
    max_align_t data[];
};

static void out_of_memory(void)
{
    fputs("persist-elm-codegen: out of memory\n", stderr);
    exit(CG_EXIT_IO);
}

void *cg_alloc(cg_arena *a, size_t n)
{
    cg_block *b = calloc(1, sizeof *b + n + 1);
    if (b == NULL)
        out_of_memory();
    b->next = a->head;
    a->head = b;
    return b->data;
}

char *cg_strndup(cg_arena *a, const char *s, size_t n)
{
    char *p = cg_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *cg_strdup(cg_arena *a, const char *s)
{
    return cg_strndup(a, s, strlen(s));
}

static char *vformat(cg_arena *a, const char *fmt, va_list ap)
{
    va_list copy;
    int n;
    char *p;
    va_copy(copy, ap);
    n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    p = cg_alloc(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *cg_printf(cg_arena *a, const char *fmt, ...)
{
    va_list ap;
    char *p;
    va_start(ap, fmt);
    p = vformat(a, fmt, ap);
    va_end(ap);
    return p;
}

void cg_arena_free(cg_arena *a)
{
    while (a->head != NULL) {
        cg_block *next = a->head->next;
        free(a->head);
        a->head = next;
    }
}

void cg_push(cg_arena *a, void ***items, int *n, int *cap, void *item)
{
    if (*n == *cap) {
        int ncap = *cap ? *cap * 2 : 8;
        void **p = cg_alloc(a, sizeof *p * (size_t)ncap);
        if (*n)
            memcpy(p, *items, sizeof *p * (size_t)*n);
        *items = p;
        *cap = ncap;
    }
    (*items)[(*n)++] = item;
}

void cg_buf_init(cg_buf *b, cg_arena *a)
{
    b->arena = a;
    b->data = cg_alloc(a, 256);
    b->len = 0;
    b->cap = 256;
}

void cg_buf_add(cg_buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t ncap = b->cap * 2;
        char *p;
        while (ncap < b->len + n + 1)
            ncap *= 2;
        p = cg_alloc(b->arena, ncap);
        memcpy(p, b->data, b->len);
        b->data = p;
        b->cap = ncap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void cg_buf_puts(cg_buf *b, const char *s)
{
    cg_buf_add(b, s, strlen(s));
}

void cg_buf_printf(cg_buf *b, const char *fmt, ...)
{
    va_list ap;
    char *p;
    va_start(ap, fmt);
    p = vformat(b->arena, fmt, ap);
    va_end(ap);
    cg_buf_puts(b, p);
}

int cg_fail(cg_ctx *c, int code, const char *fmt, ...)
{
    va_list ap;
    if (c->error != NULL)
        return -1;
    va_start(ap, fmt);
    c->error = vformat(&c->arena, fmt, ap);
    va_end(ap);
    c->error_code = code;
    return -1;
}

int cg_fail_at(cg_ctx *c, const char *file, int line, int col, const char *fmt, ...)
{
    va_list ap;
    char *msg;
    if (c->error != NULL)
        return -1;
    va_start(ap, fmt);
    msg = vformat(&c->arena, fmt, ap);
    va_end(ap);
    return cg_fail(c, CG_EXIT_ELM, "%s:%d:%d: %s", file, line, col, msg);
}

char *cg_read_file(cg_ctx *c, const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    cg_buf b;
    char chunk[8192];
    size_t n;
    if (f == NULL) {
        cg_fail(c, CG_EXIT_IO, "%s: %s", path, strerror(errno));
        return NULL;
    }
    cg_buf_init(&b, &c->arena);
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        cg_buf_add(&b, chunk, n);
    if (ferror(f)) {
        cg_fail(c, CG_EXIT_IO, "%s: read error", path);
        fclose(f);
        return NULL;
    }
    fclose(f);
    *len = b.len;
    return b.data;
}

uint64_t cg_fnv1a(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ull;
    }
    return h;
}
